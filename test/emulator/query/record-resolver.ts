/**
 * RecordFieldResolver (resolvers/record_field_resolver.go) for the in-memory store:
 * resolves a filter identifier against one record, following relation joins (any-of),
 * `@collection.<name>.<field>` cross joins and static `@request.*` values.
 */
import type { State } from '../store/state.ts';
import type { CollectionRow, RecordRow } from '../store/types.ts';
import { toUniqueStrings } from '../schema/cast.ts';
import { paramValue, toSqlValue, type SqlValue } from './sql-values.ts';
import { isAllowedIdentifier } from '../../../src/core/filter/index.ts';

/** The request data rules see as `@request.*` (apis/record.go exportRequestData). */
export interface RequestData {
  method: string;
  query: Record<string, unknown>;
  data: Record<string, unknown>;
  user: Record<string, unknown> | null;
}

export type Resolved = SqlValue | readonly SqlValue[] | undefined;


const BASE_FIELDS = ['id', 'created', 'updated'];

function nested(source: unknown, path: string[]): unknown {
  let current: unknown = source;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export class RecordResolver {
  constructor(
    private readonly state: State,
    private readonly collection: CollectionRow,
    private readonly requestData: RequestData | null,
  ) {}

  /** Resolves for `record`; undefined means the identifier is invalid (→ filter error). */
  resolve(identifier: string, record: RecordRow | null): Resolved {
    if (!isAllowedIdentifier(identifier)) return undefined;
    const props = identifier.split('.');
    if (props[0] === '@collection') {
      const target = this.state.findCollection(props[1]!);
      if (!target) return undefined;
      const rows = this.state.recordsOf(target);
      if (rows.length === 0) return this.pathExists(target, props.slice(2)) ? null : undefined;
      const values: SqlValue[] = [];
      for (const row of rows) {
        const v = this.walk(target, [row], props.slice(2));
        if (v === undefined) return undefined;
        values.push(...v);
      }
      return values;
    }
    if (props[0] === '@request') {
      if (identifier.startsWith('@request.user.profile.')) {
        const profileId = nested(this.requestData?.user, ['profile', 'id']);
        const profiles = this.state.profilesCollection();
        const profile = typeof profileId === 'string' ? this.state.findRecord(profiles, profileId) : undefined;
        const v = this.walk(profiles, profile ? [profile] : [], props.slice(3));
        return v === undefined ? undefined : v.length === 1 ? v[0] : v;
      }
      return paramValue(nested(this.requestData, props.slice(1)));
    }
    const v = this.walk(this.collection, record ? [record] : [], props);
    if (v === undefined) return undefined;
    return v.length === 1 ? v[0] : v;
  }

  private pathExists(collection: CollectionRow, props: string[]): boolean {
    return this.walk(collection, [], props) !== undefined;
  }

  /** Follows `props` from `rows`; undefined for an unknown field or a non-relation hop. */
  private walk(collection: CollectionRow, rows: RecordRow[], props: string[]): SqlValue[] | undefined {
    const [prop, ...rest] = props;
    if (prop === undefined) return undefined;
    if (BASE_FIELDS.includes(prop)) {
      return rows.length ? rows.map((r) => r[prop as 'id' | 'created' | 'updated']) : [null];
    }
    const field = collection.schema.find((f) => f.name === prop);
    if (!field) return undefined;
    if (rest.length === 0) return rows.length ? rows.map((r) => toSqlValue(field, r.data[prop])) : [null];
    if (field.type !== 'relation') return undefined;
    const target = this.state.findCollection(String(field.options.collectionId ?? ''));
    if (!target) return undefined;
    const next: RecordRow[] = [];
    for (const row of rows) {
      for (const id of toUniqueStrings(row.data[prop])) {
        const rel = this.state.findRecord(target, id);
        if (rel) next.push(rel);
      }
    }
    return this.walk(target, next, rest);
  }
}
