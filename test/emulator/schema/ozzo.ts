/**
 * The ozzo-validation rules the forms use, with their error codes and (sentenized) messages.
 * Like ozzo, every rule except `required` passes on an empty value.
 */
import { fieldError, type FieldError } from '../http/errors.ts';

export type Rule = (value: unknown) => FieldError | null;

export const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || value === false || value === 0 ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);

export const required: Rule = (v) => (isEmpty(v) ? fieldError('validation_required', 'cannot be blank') : null);

export const length = (min: number, max: number): Rule => (v) => {
  if (typeof v !== 'string' || v === '') return null;
  const n = [...v].length;
  if ((min <= 0 || n >= min) && (max <= 0 || n <= max)) return null;
  if (min === max) return fieldError('validation_length_invalid', `the length must be exactly ${min}`);
  if (max <= 0) return fieldError('validation_length_too_short', `the length must be no less than ${min}`);
  if (min <= 0) return fieldError('validation_length_too_long', `the length must be no more than ${max}`);
  return fieldError('validation_length_out_of_range', `the length must be between ${min} and ${max}`);
};

export const match = (re: RegExp): Rule => (v) =>
  typeof v === 'string' && v !== '' && !re.test(v) ? fieldError('validation_match_invalid', 'must be in a valid format') : null;

const EMAIL_RE = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const isEmailFormat = (v: string): boolean => EMAIL_RE.test(v) && v.length <= 254;

export const emailFormat: Rule = (v) =>
  typeof v === 'string' && v !== '' && !isEmailFormat(v) ? fieldError('validation_is_email', 'must be a valid email address') : null;

export const oneOf = (allowed: readonly unknown[]): Rule => (v) =>
  isEmpty(v) || allowed.includes(v) ? null : fieldError('validation_in_invalid', 'must be a valid value');

export const notIn = (denied: readonly unknown[]): Rule => (v) =>
  !isEmpty(v) && denied.includes(v) ? fieldError('validation_not_in_invalid', 'must not be in list') : null;

export const min = (threshold: number): Rule => (v) =>
  typeof v === 'number' && v !== 0 && v < threshold
    ? fieldError('validation_min_greater_equal_than_required', `must be no less than ${threshold}`)
    : null;

export const max = (threshold: number): Rule => (v) =>
  typeof v === 'number' && v !== 0 && v > threshold
    ? fieldError('validation_max_less_equal_than_required', `must be no greater than ${threshold}`)
    : null;

/** validators.Compare */
export const sameAs = (other: string): Rule => (v) =>
  (typeof v === 'string' ? v : '') !== other ? fieldError('validation_values_mismatch', "Values don't match.") : null;

/** Runs the rules of one field in order and returns its first error. */
export function check(value: unknown, ...rules: (Rule | false)[]): FieldError | null {
  for (const rule of rules) {
    if (!rule) continue;
    const err = rule(value);
    if (err) return err;
  }
  return null;
}

/** Collects the first error of each field into a validation errors object. */
export function collect(fields: Record<string, FieldError | null>): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const [key, err] of Object.entries(fields)) if (err) errors[key] = err;
  return errors;
}

/** forms idRegex: custom ids may not contain these characters. */
export const ID_REGEX = /^[^@#$&|.,'"\\/\s]+$/;
