/**
 * Relation expansion (daos/record_expand.go): `?expand=a,b.c` up to 6 levels; each level
 * fetches related records through `fetch` (which applies the related collection's view rule)
 * and `@expand` is only set on records that got at least one related record.
 *
 * Each path succeeds or fails as a whole: a path segment that is not a `relation` field (e.g. a
 * `user` field, or a typo), a relation to a missing collection or a failing fetch (admin-only
 * view rule, a rule that does not build) fails that path, and a failure at any depth leaves
 * every level of that path unexpanded (`post.owner` with a user field `owner` sets no
 * `@expand.post` either). Other paths of the same request are unaffected; the server only
 * logs the failures.
 */
import type { State } from '../store/state.ts';
import type { CollectionRow, RecordRow } from '../store/types.ts';
import { exportRecord } from '../store/export.ts';
import { toUniqueStrings } from '../schema/cast.ts';
import { maxSelectOf } from '../schema/fields.ts';

const MAX_EXPAND_DEPTH = 6;

/** A record on its way out, with the relations expanded so far. */
export interface RecordNode {
  collection: CollectionRow;
  row: RecordRow;
  expand?: Record<string, RecordNode | RecordNode[]>;
}

/** Returns the related records a request may see, or null when the fetch fails (e.g. admin-only rule). */
export type ExpandFetch = (collection: CollectionRow, ids: string[]) => RecordRow[] | null;

export function normalizeExpands(raw: string): string[] {
  const paths = raw.split(',').map((p) => p.replace(/ /g, '').replace(/^\.+|\.+$/g, '')).filter(Boolean);
  const kept = paths.filter((p1, i) => !paths.some((p2, j) => i !== j && p2.startsWith(`${p1}.`)));
  return [...new Set(kept)];
}

/** Expands every path of the `expand` query param; returns the paths that failed. */
export function expandNodes(state: State, nodes: RecordNode[], rawExpand: string, fetch: ExpandFetch): string[] {
  return normalizeExpands(rawExpand).filter((path) => !expandPath(state, nodes, path, fetch, 1));
}

/** false when the path fails (nothing of it is applied); true otherwise, also when cut at the max depth. */
function expandPath(state: State, nodes: RecordNode[], path: string, fetch: ExpandFetch, level: number): boolean {
  if (path === '' || level > MAX_EXPAND_DEPTH || nodes.length === 0) return true;
  const dot = path.indexOf('.');
  const head = dot === -1 ? path : path.slice(0, dot);
  const rest = dot === -1 ? '' : path.slice(dot + 1);
  const main = nodes[0]!.collection;
  const field = main.schema.find((f) => f.name === head);
  if (!field || field.type !== 'relation') return false;
  const relCollection = state.findCollection(String(field.options.collectionId ?? ''));
  if (!relCollection) return false;
  const ids = nodes.flatMap((n) => toUniqueStrings(n.row.data[head]));
  // fetched even when no record has a value: an admin-only or broken view rule fails the path
  const rows = fetch(relCollection, [...new Set(ids)]);
  if (!rows) return false;
  const rels: RecordNode[] = rows.map((row) => ({ collection: relCollection, row }));
  if (rest !== '' && !expandPath(state, rels, rest, fetch, level + 1)) return false;
  const byId = new Map(rels.map((r) => [r.row.id, r]));
  for (const node of nodes) {
    const valid = toUniqueStrings(node.row.data[head]).map((id) => byId.get(id)).filter((r): r is RecordNode => !!r);
    if (valid.length === 0) continue;
    const old = node.expand?.[head];
    const oldList = old === undefined ? [] : Array.isArray(old) ? old : [old];
    for (const prev of oldList) {
      for (const rel of valid) {
        if (rel.row.id === prev.row.id && prev.expand) rel.expand = { ...rel.expand, ...prev.expand };
      }
    }
    node.expand = { ...node.expand, [head]: maxSelectOf(field) === 1 ? valid[0]! : valid };
  }
  return true;
}

/** Renders a node (and its expansions) as the record JSON. */
export function renderNode(node: RecordNode): Record<string, unknown> {
  let expand: Record<string, unknown> | undefined;
  if (node.expand) {
    expand = {};
    for (const [key, value] of Object.entries(node.expand).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      expand[key] = Array.isArray(value) ? value.map(renderNode) : renderNode(value);
    }
  }
  return exportRecord(node.collection, node.row, expand);
}
