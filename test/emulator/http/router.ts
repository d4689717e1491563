/**
 * A method + path router with echo v5's matching rules (the version v0.7.10 pins):
 * routes form a tree searched static > param > any with backtracking; a `:param` segment
 * takes one path segment, except a param that ends the tree (no route continues after it),
 * which takes the whole rest of the path, slashes included
 * (`/records/:id` matches `/records/ID/extra` with id `ID/extra`); `*` takes the rest.
 * A path that matches a route but not for this method falls through to other routes
 * (the `/api/*` catch-all answers 404 for them).
 */
import type { Handler } from './context.ts';

export interface RouteOptions {
  /** Whether the ActivityLogger middleware records this route into the request logs. */
  logged: boolean;
}

interface Endpoint {
  handler: Handler;
  /** Param names of this route, in path order (`*` for the any segment). */
  names: string[];
  options: RouteOptions;
}

class Node {
  readonly statics = new Map<string, Node>();
  param: Node | undefined;
  any: Node | undefined;
  readonly endpoints = new Map<string, Endpoint>();

  get isLeaf(): boolean {
    return this.statics.size === 0 && !this.param && !this.any;
  }
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
  options: RouteOptions;
}

export class Router {
  private readonly root = new Node();

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = { logged: true }): void {
    let node = this.root;
    const names: string[] = [];
    for (const seg of pattern.split('/').slice(1)) {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        node = node.param ??= new Node();
      } else if (seg === '*') {
        names.push('*');
        node = node.any ??= new Node();
      } else {
        let next = node.statics.get(seg);
        if (!next) node.statics.set(seg, (next = new Node()));
        node = next;
      }
    }
    node.endpoints.set(method, { handler, names, options });
  }

  /** `path` is what echo routes on (see routingPath); param values are taken from it as they are. */
  match(method: string, path: string): RouteMatch | undefined {
    if (!path.startsWith('/')) return undefined;
    const parts = path.split('/').slice(1);
    const values: string[] = [];
    const found = this.search(this.root, parts, 0, method, values);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    found.names.forEach((name, i) => (params[name] = values[i] ?? ''));
    return { handler: found.handler, params, options: found.options };
  }

  private search(node: Node, parts: string[], i: number, method: string, values: string[]): Endpoint | undefined {
    if (i === parts.length) {
      const endpoint = node.endpoints.get(method);
      if (endpoint) return endpoint;
    }
    if (i < parts.length) {
      const child = node.statics.get(parts[i]!);
      const found = child && this.search(child, parts, i + 1, method, values);
      if (found) return found;
    }
    if (i < parts.length && node.param) {
      const leaf = node.param.isLeaf;
      values.push(leaf ? parts.slice(i).join('/') : parts[i]!);
      const found = this.search(node.param, parts, leaf ? parts.length : i + 1, method, values);
      if (found) return found;
      values.pop();
    }
    if (i < parts.length && node.any) {
      values.push(parts.slice(i).join('/'));
      const endpoint = node.any.endpoints.get(method);
      if (endpoint) return endpoint;
      values.pop();
    }
    return undefined;
  }
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** url.PathUnescape-like decoding to bytes; null for a bad `%` escape. */
function unescapeBytes(raw: string): Buffer | null {
  const out: number[] = [];
  const bytes = Buffer.from(raw, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x25) {
      const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
      if (!HEX.test(hex)) return null;
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(bytes[i]!);
    }
  }
  return Buffer.from(out);
}

/** Go's url escape(s, encodePath). */
export function escapePath(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c)) out += c;
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The path echo routes on and the one its RemoveTrailingSlash middleware leaves in URL.Path.
 * Go keeps URL.RawPath only when the raw path is not the canonical escaping of the decoded
 * one (e.g. `%2F`, `%61`); the router then uses the raw path (and param values stay
 * escaped), otherwise the decoded path. The trailing-slash middleware trims one `/` from the
 * decoded path only.
 */
export function routingPath(rawPath: string): { route: string; path: string; hasRawPath: boolean; trimmed: boolean } {
  const decoded = unescapeBytes(rawPath);
  if (!decoded) return { route: rawPath, path: rawPath, hasRawPath: false, trimmed: false };
  let path = decoded.toString('utf8');
  const hasRawPath = escapePath(decoded) !== rawPath;
  const trimmed = path.length > 1 && path.endsWith('/');
  if (trimmed) path = path.slice(0, -1);
  return { route: hasRawPath ? rawPath : path, path, hasRawPath, trimmed };
}
