import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cookieParse, cookieSerialize, getTokenPayload, isTokenExpired, tokenExpiresAt } from '../../src/index';
import { fakeToken, inSeconds } from '../support/recordingServer';

describe('jwt', () => {
    it('decodes base64url payloads, including UTF-8', () => {
        const token = fakeToken({ id: 'ü-1', type: 'user', exp: 2000000000 });
        expect(getTokenPayload(token)).toEqual({ id: 'ü-1', type: 'user', exp: 2000000000 });
        expect(tokenExpiresAt(token)).toBe(2000000000 * 1000);
    });

    it('expiry, threshold, and tokens without exp', () => {
        expect(isTokenExpired(fakeToken({ exp: inSeconds(100) }))).toBe(false);
        expect(isTokenExpired(fakeToken({ exp: inSeconds(100) }), 200)).toBe(true);
        expect(isTokenExpired(fakeToken({ exp: inSeconds(-1) }))).toBe(true);
        expect(isTokenExpired(fakeToken({ id: 'x' }))).toBe(false);
        expect(isTokenExpired(fakeToken({ exp: 'soon' }))).toBe(true);
    });

    it('never throws on arbitrary input', () => {
        fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
            const token = a + '.' + b + '.c';
            expect(typeof getTokenPayload(token)).toBe('object');
            expect(typeof isTokenExpired(token)).toBe('boolean');
        }));
        for (const bad of ['', '.', 'a.b', 'a.!!!.c', 'a.' + btoa('[1]') + '.c', 'a.' + btoa('null') + '.c', 'a.' + btoa('\xff\xfe') + '.c']) {
            expect(getTokenPayload(bad)).toEqual({});
            expect(isTokenExpired(bad)).toBe(true);
        }
    });
});

describe('cookie', () => {
    it('parse: first occurrence wins, quoted values, bad encodings kept raw', () => {
        expect(cookieParse('a=1; a=2; b="x y"; c=%E0%A4%A')).toEqual({ a: '1', b: 'x y', c: '%E0%A4%A' });
    });

    it('parse never throws', () => {
        fc.assert(fc.property(fc.string(), (s) => { expect(typeof cookieParse(s)).toBe('object'); }));
    });

    it('serialize/parse round-trip any value', () => {
        fc.assert(fc.property(fc.string(), (value) => {
            expect(cookieParse(cookieSerialize('k', value)).k).toBe(value);
        }));
    });

    it('serialize rejects invalid names and options with a TypeError', () => {
        expect(() => cookieSerialize('bad name\n', 'v')).toThrow(TypeError);
        expect(() => cookieSerialize('k', 'v', { maxAge: Number.NaN })).toThrow(TypeError);
        expect(() => cookieSerialize('k', 'v', { expires: new Date('invalid') })).toThrow(TypeError);
        expect(cookieSerialize('k', 'v', { maxAge: 10.7, domain: 'example.com', priority: 'high', sameSite: 'none' }))
            .toBe('k=v; Max-Age=10; Domain=example.com; Priority=High; SameSite=None');
    });
});
