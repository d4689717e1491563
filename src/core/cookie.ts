// RFC 7230 field-content: what may appear in a cookie name, value or attribute.
const fieldContent = /^[\u0009\u0020-\u007e\u0080-\u00ff]+$/;

/** Options of `cookieParse`. */
export interface ParseOptions {
    decode?: (value: string) => string;
}

/** Cookie attributes for `cookieSerialize` and `exportToCookie`. */
export interface SerializeOptions {
    encode?: (value: string) => string;
    maxAge?: number;
    domain?: string;
    path?: string;
    expires?: Date;
    httpOnly?: boolean;
    secure?: boolean;
    priority?: 'low' | 'medium' | 'high' | 'Low' | 'Medium' | 'High';
    sameSite?: boolean | 'lax' | 'strict' | 'none' | 'Lax' | 'Strict' | 'None';
}

/**
 * Parses a `Cookie` header into `{ name: value }`. The first occurrence of a name wins; values
 * that fail to decode are kept raw. Never throws, whatever the input.
 *
 * @example
 * cookieParse('pb_auth=%7B%7D; theme=dark'); // { pb_auth: '{}', theme: 'dark' }
 */
export function cookieParse(str: string, options?: ParseOptions): { [name: string]: string } {
    const result: { [name: string]: string } = Object.create(null);
    if (typeof str !== 'string') return result;
    const decode = options?.decode ?? defaultDecode;

    for (const pair of str.split(';')) {
        const eq = pair.indexOf('=');
        if (eq === -1) continue;
        const key = pair.slice(0, eq).trim();
        if (!key || key in result) continue;
        let value = pair.slice(eq + 1).trim();
        if (value.length >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(value.length - 1) === 0x22) {
            value = value.slice(1, -1);
        }
        try {
            result[key] = decode(value);
        } catch {
            result[key] = value;
        }
    }
    return result;
}

/**
 * Serialises a `Set-Cookie` value. Invalid names, values or attributes throw a `TypeError`
 * (as the official SDK does): they are programming errors, not input errors.
 *
 * @example
 * cookieSerialize('pb_auth', '{}', { httpOnly: true, path: '/' }); // 'pb_auth=%7B%7D; Path=/; HttpOnly'
 */
export function cookieSerialize(name: string, value: string, options: SerializeOptions = {}): string {
    const encode = options.encode ?? encodeURIComponent;
    const encoded = encode(value);
    let result = valid(name, 'argument name') + '=' + (encoded && valid(encoded, 'argument val'));

    if (options.maxAge != null) { // neither undefined nor null
        const maxAge = Number(options.maxAge);
        if (!Number.isFinite(maxAge)) throw new TypeError('option maxAge is invalid');
        result += '; Max-Age=' + Math.floor(maxAge);
    }
    if (options.domain) result += '; Domain=' + valid(options.domain, 'option domain');
    if (options.path) result += '; Path=' + valid(options.path, 'option path');
    if (options.expires) {
        if (!(options.expires instanceof Date) || Number.isNaN(options.expires.valueOf())) {
            throw new TypeError('option expires is invalid');
        }
        result += '; Expires=' + options.expires.toUTCString();
    }
    if (options.httpOnly) result += '; HttpOnly';
    if (options.secure) result += '; Secure';
    if (options.priority) result += '; Priority=' + oneOf(options.priority, ['Low', 'Medium', 'High'], 'option priority');
    if (options.sameSite) {
        result += '; SameSite=' + (options.sameSite === true ? 'Strict' : oneOf(options.sameSite, ['Lax', 'Strict', 'None'], 'option sameSite'));
    }
    return result;
}

function valid(value: string, what: string): string {
    if (!fieldContent.test(value)) throw new TypeError(what + ' is invalid');
    return value;
}

/** The allowed spelling of a case-insensitive attribute value. */
function oneOf(value: unknown, allowed: string[], what: string): string {
    const match = allowed.find((option) => option.toLowerCase() === String(value).toLowerCase());
    if (!match) throw new TypeError(what + ' is invalid');
    return match;
}

function defaultDecode(value: string): string {
    return value.includes('%') ? decodeURIComponent(value) : value;
}
