import { randomBytes } from 'node:crypto';

/** What a route handler answers; server.ts writes it. Kept plain so handlers are testable. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

/** What a route handler sees of a request. */
export interface RouteContext {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
  /** Raw request body (POST), UTF-8. */
  body: string;
  cookies: Map<string, string>;
  origin?: string;
  /** The replica's listening port (for links to the IP host). */
  port: number;
  /** Request arrived over TLS (false: the plain-HTTP insecure-form submission). */
  secure: boolean;
}

/** 1x1 transparent GIF, the shape of every tracking pixel. */
export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const CT = {
  html: 'text/html; charset=utf-8',
  js: 'application/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  gif: 'image/gif',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  text: 'text/plain; charset=utf-8',
} as const;

export function reply(status: number, contentType: string, body: string | Buffer, extra: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra }, body };
}

export const gif = (extra: Record<string, string | string[]> = {}): Reply => reply(200, CT.gif, GIF_1X1, extra);
export const notFound = (): Reply => reply(404, CT.text, 'Not Found');

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function randomDigits(n: number): string {
  let s = '';
  const b = randomBytes(n);
  for (let i = 0; i < n; i++) s += String(b[i] % 10);
  return s.replace(/^0/, '1');
}

export interface CookieSpec {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  maxAge?: number;
  httpOnly?: boolean;
  /** Third-party cookies: "None" always comes with Secure. */
  sameSite?: 'None' | 'Lax' | 'Strict';
  secure?: boolean;
  partitioned?: boolean;
}

/** Serialises a Set-Cookie value; names and values are written as given (hostile page). */
export function setCookie(c: CookieSpec): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  parts.push(`Path=${c.path ?? '/'}`);
  if (c.maxAge !== undefined) {
    parts.push(`Max-Age=${c.maxAge}`);
    parts.push(`Expires=${new Date(Date.now() + c.maxAge * 1000).toUTCString()}`);
  }
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.secure || c.sameSite === 'None' || c.partitioned) parts.push('Secure');
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  if (c.partitioned) parts.push('Partitioned');
  return parts.join('; ');
}

/** A third-party identifier cookie as ad and analytics vendors set it (cross-site capable). */
export function thirdPartyCookie(name: string, value: string, domain: string, maxAge = 31536000): string {
  return setCookie({ name, value, domain, maxAge, sameSite: 'None', secure: true });
}

export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  if (!header) return m;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    m.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return m;
}
