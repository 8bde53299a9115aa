import { getDomain } from 'tldts';
import type { Catalogue, Classifier, NamePattern, Vendor, VendorMatch } from './schema';

/**
 * The matching engine behind policy/classify.ts (kept here, inside the catalogue module, so that
 * catalogue/index.ts can use it without an import cycle).
 *
 * The classifier (issue #2 "Tracker knowledge"): request URL, host, cookie name or storage key ->
 * catalogue vendor. It runs on every request in the service worker, so everything is
 * precomputed into maps at construction:
 *  - hosts: Map from host (entry host) to entries; lookup walks the request hostname's
 *    dot-suffixes, longest first, so the most specific host wins, and within one host the
 *    longest matching path prefix wins (yandex.ru/ads/ -> yandex-direct, mc.yandex.ru ->
 *    yandex-metrica, mc.yandex.ru/webvisor/ -> yandex-metrica + feature "webvisor").
 *  - names: exact Map, then prefixes bucketed by their first two characters and tried longest
 *    first, then regexes.
 * Never throws: malformed URLs, non-http(s)/ws(s) schemes and empty input give null.
 */

interface HostEntry {
  vendorId: string;
  /** Normalised path prefix; '' means any path. */
  path: string;
  feature?: string;
}

interface NameEntry {
  vendorId: string;
  pattern: string;
  feature?: string;
  identifier?: boolean;
  /** Registrable domain the cookie must live on, when the catalogue names one. */
  domain?: string;
  re?: RegExp;
}

interface NameIndex {
  exact: Map<string, NameEntry[]>;
  /** Keyed by the first two chars of the prefix; each bucket sorted longest prefix first. */
  prefix: Map<string, NameEntry[]>;
  /** Prefixes shorter than two chars (rare). */
  shortPrefix: NameEntry[];
  regex: NameEntry[];
}

function toMatch(e: { vendorId: string; feature?: string; identifier?: boolean }): VendorMatch {
  const m: VendorMatch = { vendorId: e.vendorId };
  if (e.feature) m.feature = e.feature;
  if (e.identifier) m.identifier = true;
  return m;
}

/** A path prefix matches at a segment boundary unless it ends in "/" (then any continuation). */
function pathMatches(pathname: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!pathname.startsWith(prefix)) return false;
  if (pathname.length === prefix.length || prefix.endsWith('/')) return true;
  const next = pathname.charCodeAt(prefix.length);
  // '/', '.', ';' and '?' end a segment (e.g. "/rtrg" matches "/rtrg" and "/rtrg/..", not "/rtrgx").
  return next === 47 || next === 46 || next === 59 || next === 63;
}

function buildNameIndex(vendors: readonly Vendor[], pick: (v: Vendor) => NamePattern[]): NameIndex {
  const idx: NameIndex = { exact: new Map(), prefix: new Map(), shortPrefix: [], regex: [] };
  for (const v of vendors) {
    for (const p of pick(v)) {
      const e: NameEntry = { vendorId: v.id, pattern: p.pattern, feature: p.feature, identifier: p.identifier };
      if (p.domain) e.domain = registrable(p.domain);
      if (p.match === 'exact') {
        const list = idx.exact.get(p.pattern);
        if (list) list.push(e);
        else idx.exact.set(p.pattern, [e]);
      } else if (p.match === 'prefix') {
        if (p.pattern.length < 2) idx.shortPrefix.push(e);
        else {
          const k = p.pattern.slice(0, 2);
          const list = idx.prefix.get(k);
          if (list) list.push(e);
          else idx.prefix.set(k, [e]);
        }
      } else {
        try {
          e.re = new RegExp(p.pattern);
          idx.regex.push(e);
        } catch {
          // An invalid regex in imported data must not break classification (zod only checks strings).
        }
      }
    }
  }
  // Stable sort: longest prefix first; equal lengths keep catalogue order (curated before OCD).
  for (const list of idx.prefix.values()) list.sort((a, b) => b.pattern.length - a.pattern.length);
  idx.shortPrefix.sort((a, b) => b.pattern.length - a.pattern.length);
  return idx;
}

function registrable(domainOrHost: string): string {
  const h = domainOrHost.trim().replace(/^\.+/, '').toLowerCase();
  try {
    return getDomain(h) ?? h;
  } catch {
    return h;
  }
}

/** Domain rule: entries without a domain match anywhere; with one, only on that registrable domain. */
function domainOk(e: NameEntry, cookieDomain: string | undefined): boolean {
  if (!e.domain) return true;
  return cookieDomain !== undefined && cookieDomain === e.domain;
}

function lookupName(idx: NameIndex, name: string, cookieDomain?: string): VendorMatch | null {
  if (typeof name !== 'string' || name.length === 0) return null;
  const exact = idx.exact.get(name);
  if (exact) {
    // Domain-bound entries first (more specific), then unbound ones.
    for (const e of exact) if (e.domain && domainOk(e, cookieDomain)) return toMatch(e);
    for (const e of exact) if (!e.domain) return toMatch(e);
  }
  if (name.length >= 2) {
    const bucket = idx.prefix.get(name.slice(0, 2));
    if (bucket) {
      for (const e of bucket) if (name.startsWith(e.pattern) && domainOk(e, cookieDomain)) return toMatch(e);
    }
  }
  for (const e of idx.shortPrefix) if (name.startsWith(e.pattern) && domainOk(e, cookieDomain)) return toMatch(e);
  for (const e of idx.regex) if (e.re!.test(name) && domainOk(e, cookieDomain)) return toMatch(e);
  return null;
}

/**
 * Fast URL split without the URL constructor for the common case; falls back to URL for
 * anything unusual (IDN, userinfo, IPv6, percent-escapes, backslashes, upper case).
 * Returns [host, pathname] or null.
 */
function splitUrl(url: string): [string, string] | null {
  if (typeof url !== 'string') return null;
  let i: number;
  if (url.startsWith('https://')) i = 8;
  else if (url.startsWith('http://')) i = 7;
  else if (url.startsWith('wss://')) i = 6;
  else if (url.startsWith('ws://')) i = 5;
  else return splitUrlSlow(url);
  const n = url.length;
  let j = i;
  for (; j < n; j++) {
    const c = url.charCodeAt(j);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    // a-z 0-9 . - only on the fast path; anything else (A-Z, :, @, [, %, non-ASCII, \) -> slow path.
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45)) return splitUrlSlow(url);
  }
  if (j === i) return null;
  const host = url.slice(i, j);
  if (host.charCodeAt(0) === 46 || host.charCodeAt(host.length - 1) === 46) return splitUrlSlow(url);
  if (j >= n || url.charCodeAt(j) !== 47) return [host, '/'];
  let k = j;
  for (; k < n; k++) {
    const c = url.charCodeAt(k);
    if (c === 63 || c === 35) break;
    if (c === 37 || c === 92) return splitUrlSlow(url); // %-escapes and backslashes: let URL normalise
  }
  return [host, url.slice(j, k)];
}

function splitUrlSlow(url: string): [string, string] | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const p = u.protocol;
  if (p !== 'http:' && p !== 'https:' && p !== 'ws:' && p !== 'wss:') return null;
  let host = u.hostname.toLowerCase();
  if (!host) return null;
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[')) host = host.slice(1, -1);
  return [host, u.pathname || '/'];
}

export function createClassifier(catalogue: Catalogue): Classifier {
  const vendors: readonly Vendor[] = catalogue;
  const byId = new Map<string, Vendor>();
  for (const v of vendors) if (!byId.has(v.id)) byId.set(v.id, v);

  // Host index: entry host -> entries sorted by path length (longest first; '' last).
  const hosts = new Map<string, HostEntry[]>();
  let maxLabels = 1;
  for (const v of vendors) {
    for (const h of v.hosts) {
      const host = h.host
        .trim()
        .toLowerCase()
        .replace(/^\.+|\.+$/g, '');
      if (!host) continue;
      maxLabels = Math.max(maxLabels, host.split('.').length);
      const paths = h.paths && h.paths.length > 0 ? h.paths : [''];
      let list = hosts.get(host);
      if (!list) hosts.set(host, (list = []));
      for (const path of paths) list.push({ vendorId: v.id, path, feature: h.feature });
    }
  }
  for (const list of hosts.values()) list.sort((a, b) => b.path.length - a.path.length);

  const cookieIdx = buildNameIndex(vendors, (v) => v.cookies);
  const storageIdx = buildNameIndex(vendors, (v) => v.storage);

  /** Walk dot-suffixes longest first; at each level the longest matching path wins. */
  function lookupHost(host: string, pathname: string | null): VendorMatch | null {
    let start = 0;
    // Skip leading labels beyond the deepest catalogue host: they cannot be a key.
    let dots = 0;
    for (let i = host.length - 1; i >= 0; i--) {
      if (host.charCodeAt(i) === 46 && ++dots === maxLabels) {
        start = i + 1;
        break;
      }
    }
    for (;;) {
      const list = hosts.get(start === 0 ? host : host.slice(start));
      if (list) {
        for (const e of list) {
          if (e.path === '') return toMatch(e);
          if (pathname !== null && pathMatches(pathname, e.path)) return toMatch(e);
        }
      }
      const dot = host.indexOf('.', start);
      if (dot < 0) return null;
      start = dot + 1;
    }
  }

  return {
    vendors,
    vendor: (id) => byId.get(id),
    matchUrl(url) {
      const parts = splitUrl(url);
      if (!parts) return null;
      return lookupHost(parts[0], parts[1]);
    },
    matchHost(host) {
      if (typeof host !== 'string' || host.length === 0) return null;
      let h = host.trim().toLowerCase();
      if (h.includes('/') || h.includes(':') || /[^\x20-\x7e]/.test(h)) {
        const parts = splitUrl(h.includes('://') ? h : `http://${h}`);
        if (!parts) return null;
        h = parts[0];
      }
      h = h.replace(/^\.+|\.+$/g, '');
      if (!h) return null;
      return lookupHost(h, null);
    },
    matchCookie(name, domain) {
      return lookupName(cookieIdx, name, domain ? registrable(domain) : undefined);
    },
    matchStorageKey(key) {
      return lookupName(storageIdx, key);
    },
  };
}
