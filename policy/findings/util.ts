import type { Classifier } from '../catalogue/schema';
import { safeHost } from '../page-state';

/** decodeURIComponent that never throws (malformed % sequences stay as they are). */
export function safeDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export interface ParsedUrl {
  host: string;
  /** Path (percent-decoded). */
  path: string;
  /** Query parameters, decoded once (URLSearchParams), in order. */
  params: [string, string][];
}

/**
 * Parses a request URL, including parameters Yandex Metrica puts in the path after the
 * counter id ("/watch/123/1?..." or "/watch/123?page-url=...") and ";"-separated pairs
 * some pixels use (e.g. top-fwz1.mail.ru/counter?id=1;js=13;u=...).
 */
export function parseUrl(url: string): ParsedUrl | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const params: [string, string][] = [];
  const query = u.search.startsWith('?') ? u.search.slice(1) : u.search;
  for (const part of query.split(/[&;]/)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    params.push([safeDecode(k), safeDecode(v)]);
  }
  return { host: u.hostname.toLowerCase(), path: safeDecode(u.pathname), params };
}

/** Form-encoded or JSON request body as parameters (best effort; both are what trackers send). */
export function bodyParams(body: string | undefined): [string, string][] {
  if (!body) return [];
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      const out: [string, string][] = [];
      const walk = (v: unknown, key: string, depth: number): void => {
        if (depth > 6 || out.length > 500) return;
        if (typeof v === 'string') out.push([key, v]);
        else if (Array.isArray(v)) v.forEach((x) => walk(x, key, depth + 1));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
      };
      walk(JSON.parse(t), 'body', 0);
      return out;
    } catch {
      return [];
    }
  }
  if (!t.includes('=')) return [];
  return t.split(/[&\n]/).flatMap((p): [string, string][] => {
    const eq = p.indexOf('=');
    return eq > 0 ? [[safeDecode(p.slice(0, eq)), safeDecode(p.slice(eq + 1))]] : [];
  });
}

/** Registrable-domain-free first-party test: the host is a site domain or its subdomain. */
export function isFirstPartyHost(host: string, siteDomains: string[]): boolean {
  return siteDomains.some((d) => host === d || host.endsWith(`.${d}`));
}

export function isThirdPartyUrl(url: string, siteDomains: string[]): boolean {
  const h = safeHost(url);
  return h !== null && !isFirstPartyHost(h, siteDomains);
}

/** Vendors that are not tracking (functional widgets, security) are not before-consent trackers. */
export function isTrackingCategory(category: string | undefined): boolean {
  return category !== undefined && category !== 'functional' && category !== 'security';
}

export function vendorCategory(classifier: Classifier, vendorId: string | undefined): string | undefined {
  return vendorId ? classifier.vendor(vendorId)?.category : undefined;
}
