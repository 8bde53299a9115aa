/**
 * The URL a page is matched by across two runs (issue #17): scheme and host lower-cased,
 * default port, #fragment and campaign parameters (utm_*, yclid, gclid, fbclid) dropped,
 * query parameters sorted, a trailing slash ignored. A string that is not a URL is kept as is.
 */
const CAMPAIGN_PARAM = /^(utm_[a-z_]+|yclid|gclid|fbclid|_openstat)$/i;

export function normaliseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  u.hash = '';
  const params = [...u.searchParams]
    .filter(([k]) => !CAMPAIGN_PARAM.test(k))
    .sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  u.search = new URLSearchParams(params).toString();
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.href;
}
