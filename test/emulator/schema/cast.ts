/** The spf13/cast conversions PocketBase applies to submitted field values. */

/** Go's strconv.FormatFloat(f, 'f', -1, 64)-ish rendering used by cast.ToString. */
function floatToString(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

export function toStringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? floatToString(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

export function toFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return 0;
    return Number(trimmed);
  }
  return 0;
}

export function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
  return false;
}

/** list.ToUniqueStringSlice: accepts arrays, JSON array strings and single strings. */
export function toUniqueStrings(value: unknown): string[] {
  let items: string[] = [];
  if (Array.isArray(value)) {
    items = value.map(toStringValue);
  } else if (typeof value === 'string' && value !== '') {
    try {
      const parsed: unknown = JSON.parse(value);
      items = Array.isArray(parsed) ? parsed.map(toStringValue) : [value];
    } catch {
      items = [value];
    }
  }
  const out: string[] = [];
  for (const item of items) if (item !== '' && !out.includes(item)) out.push(item);
  return out;
}
