/**
 * A JSON string of `value` with object keys sorted, so `{ sort, filter }` and `{ filter, sort }`
 * name the same query. `undefined` members are dropped (they are not sent either).
 *
 * @example
 * stableKey({ b: 1, a: [2, { d: 3, c: undefined }] }); // '{"a":[2,{"d":3}],"b":1}'
 */
export function stableKey(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return v;
        const sorted: { [key: string]: unknown } = {};
        for (const k of Object.keys(v).sort()) sorted[k] = (v as { [key: string]: unknown })[k];
        return sorted;
    }) ?? '';
}
