/** Ids, random strings and timestamps in the formats PocketBase v0.7 uses. */
import { randomBytes } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const RANDOM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** models.BaseModel.RefreshId: 15 chars of [a-z0-9]. */
export const newModelId = (): string => randomFrom(ID_ALPHABET, 15);

/** security.RandomString: [A-Za-z0-9]. */
export const randomString = (length: number): string => randomFrom(RANDOM_ALPHABET, length);

/** types.DateTime string: "2006-01-02 15:04:05.000" in UTC. */
export function formatDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export const now = (): string => formatDate(new Date());

/**
 * Parses the loose date inputs cast.ToTime accepts (ISO with or without T/Z, date only,
 * unix seconds) into the DateTime string; "" when empty or unparsable.
 */
export function normalizeDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return formatDate(new Date(value * 1000));
  if (typeof value !== 'string') return '';
  let text = value.trim();
  if (/^\d{4}-\d{2}-\d{2} \d/.test(text)) text = text.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? '' : formatDate(new Date(ms));
}
