/**
 * The two cookies of a browser session: the session token (HttpOnly, invisible to scripts) and the CSRF
 * token (readable, so the dashboard can echo it in the `X-CSRF-Token` header: double submit). Both are
 * SameSite=Strict, so a cross-site page sends neither.
 */

export const SESSION_COOKIE = 'shaobing_session';
export const CSRF_COOKIE = 'shaobing_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The cookies of a `Cookie` header, by name (the first of a repeated name wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // a malformed %-escape: not one of our cookies
    }
  }
  return cookies;
}

interface CookieOptions {
  readonly httpOnly: boolean;
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    'SameSite=Strict',
    ...(options.httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function sessionCookies(token: string, csrf: string, maxAgeSeconds: number, secure: boolean) {
  return [
    serializeCookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAge: maxAgeSeconds }),
    serializeCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, maxAge: maxAgeSeconds }),
  ];
}

export const clearedCookies = (secure: boolean) => [
  serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAge: 0 }),
  serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAge: 0 }),
];
