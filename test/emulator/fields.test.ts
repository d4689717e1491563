import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.ts';
import { adminAuth, call, record } from './support.ts';

let emu: Emulator;
let admin: string;
const path = '/api/collections/kinds/records';

beforeAll(async () => {
  emu = await startEmulator();
  admin = await adminAuth(emu);
  const res = await call(emu, 'POST', '/api/collections', {
    auth: admin,
    body: {
      name: 'kinds',
      schema: [
        { name: 'code', type: 'text', unique: true, options: { min: 2, max: 5, pattern: '^[a-z]+$' } },
        { name: 'score', type: 'number', options: { min: 1, max: 10 } },
        { name: 'mail', type: 'email', options: { onlyDomains: ['example.com'] } },
        { name: 'site', type: 'url', options: { exceptDomains: ['bad.com'] } },
        { name: 'when', type: 'date', options: { min: '2020-01-01 00:00:00.000' } },
        { name: 'meta', type: 'json', required: true },
        { name: 'owner', type: 'user', options: { maxSelect: 1 } },
      ],
    },
  });
  expect(res.status).toBe(200);
});
afterAll(() => emu.close());

const errorsOf = async (body: Record<string, unknown>): Promise<Record<string, unknown>> =>
  record(record((await call(emu, 'POST', path, { auth: admin, body })).body).data);

describe('field validation', () => {
  it('reports every field type\'s v0.7 error code', async () => {
    expect(await errorsOf({ code: 'a', score: 11, mail: 'x@other.com', site: 'http://bad.com/x', when: '2019-05-05', meta: null, owner: 'nobody' })).toEqual({
      code: { code: 'validation_min_text_constraint', message: 'Must be at least 2 character(s).' },
      score: { code: 'validation_max_number_constraint', message: 'Must be less than 10.000000.' },
      mail: { code: 'validation_email_domain_not_allowed', message: 'Email domain is not allowed.' },
      site: { code: 'validation_url_domain_not_allowed', message: 'Url domain is not allowed.' },
      when: { code: 'validation_min_greater_equal_than_required', message: 'Must be no less than 2020-01-01 00:00:00 +0000 UTC.' },
      meta: { code: 'validation_required', message: 'Missing required value.' },
      owner: { code: 'validation_missing_users', message: 'Failed to fetch all users with the provided ids.' },
    });
    expect(await errorsOf({ code: 'ABC', score: 2, mail: 'nope', site: 'not a url', meta: 'not json' })).toEqual({
      code: { code: 'validation_invalid_format', message: 'Invalid value format.' },
      mail: { code: 'validation_invalid_email', message: 'Must be a valid email.' },
      site: { code: 'validation_invalid_url', message: 'Must be a valid url.' },
      meta: { code: 'validation_invalid_json', message: 'Must be a valid json value.' },
    });
  });

  it('checks number bounds even when the value is absent (it reads as 0)', async () => {
    expect((await errorsOf({ code: 'xyz', meta: 1 })).score).toEqual({ code: 'validation_min_number_constraint', message: 'Must be larger than 1.000000.' });
  });

  it('normalises values and enforces uniqueness', async () => {
    const ok = await call(emu, 'POST', path, { auth: admin, body: { code: 'abc', score: '5', when: '2021-02-03T04:05:06Z', meta: { a: [1] }, mail: '' } });
    expect(record(ok.body)).toMatchObject({ code: 'abc', score: 5, when: '2021-02-03 04:05:06.000', meta: { a: [1] }, owner: '' });
    expect(await errorsOf({ code: 'abc', score: 1, meta: false })).toEqual({ code: { code: 'validation_not_unique', message: 'Value must be unique.' } });
  });
});
