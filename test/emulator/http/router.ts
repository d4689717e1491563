/** A minimal method + path router with `:param` segments (echo's route syntax). */
import type { Handler } from './context.ts';

export interface RouteOptions {
  /** Whether the ActivityLogger middleware records this route into the request logs. */
  logged: boolean;
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  options: RouteOptions;
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
  options: RouteOptions;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = { logged: true }): void {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler, options });
  }

  /** Static segments win over params, like echo's router priority. */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean);
    let best: { route: Route; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith(':')) {
          params[seg.slice(1)] = safeDecode(part);
        } else if (seg === part) {
          score += 1 << (parts.length - i);
        } else {
          ok = false;
          break;
        }
      }
      if (ok && (!best || score > best.score)) best = { route, params, score };
    }
    return best && { handler: best.route.handler, params: best.params, options: best.route.options };
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
