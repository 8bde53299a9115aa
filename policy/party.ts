import { getDomain, getHostname, parse } from 'tldts';

/**
 * First/third-party helpers (issue #2). All public-suffix logic is tldts's (no hand-written
 * suffix rules). Nothing here throws: odd input gives a best-effort string or null.
 */

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Hostname of a URL (lowercase, punycode for IDN), or null when there is none. */
export function hostOf(url: string): string | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    const h = new URL(url).hostname;
    if (!h) return null;
    // IPv6 literals come back bracketed from URL; keep them bare like tldts does.
    return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1).toLowerCase() : h.toLowerCase();
  } catch {
    return null;
  }
}

function toHost(hostOrUrl: string): string {
  if (typeof hostOrUrl !== 'string') return '';
  const s = hostOrUrl.trim();
  if (URL_LIKE.test(s)) return hostOf(s) ?? '';
  // A bare host (maybe with a leading dot, as cookie domains have, or a port / path).
  let h = s.replace(/^\.+/, '');
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return (end > 0 ? h.slice(1, end) : h.slice(1)).toLowerCase();
  }
  const cut = h.search(/[/?#]/);
  if (cut >= 0) h = h.slice(0, cut);
  if ((h.match(/:/g) ?? []).length === 1) h = h.slice(0, h.indexOf(':'));
  if ((h.match(/:/g) ?? []).length > 1) return h.toLowerCase(); // bare IPv6
  if (/[^\x20-\x7e]/.test(h)) {
    // IDN: let URL produce the punycode form.
    return hostOf(`http://${h}/`) ?? h.toLowerCase();
  }
  return h.toLowerCase().replace(/\.$/, '');
}

/** True for IPv4 / IPv6 literals. */
export function isIp(host: string): boolean {
  if (typeof host !== 'string' || host.length === 0) return false;
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return parse(h).isIp === true;
}

/**
 * Registrable domain ("eTLD+1", tldts getDomain) of a host or URL. Falls back to the hostname for
 * IP addresses and hosts without a public suffix (e.g. "localhost"), and to "" for garbage.
 */
export function registrableDomain(hostOrUrl: string): string {
  const host = toHost(hostOrUrl);
  if (!host) return '';
  if (isIp(host)) return host;
  try {
    return getDomain(host, { allowPrivateDomains: false }) ?? getHostname(host) ?? host;
  } catch {
    return host;
  }
}

/** True when the host/URL belongs to one of the site's registrable domains (issue #2, first party). */
export function isFirstParty(hostOrUrl: string, siteDomains: string[]): boolean {
  const d = registrableDomain(hostOrUrl);
  if (!d) return false;
  for (const s of siteDomains) {
    if (registrableDomain(s) === d) return true;
  }
  return false;
}
