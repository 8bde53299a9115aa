/**
 * The Referer a request carries, computed from the document's referrer policy instead of
 * being read off the wire.
 *
 * Why: Chrome hides the Referer request header from webRequest unless a listener asks for
 * "extraHeaders", and such a listener routes every request's headers through the browser
 * process (https://developer.chrome.com/docs/extensions/reference/api/webRequest, "extraHeaders").
 * Measured on the replica (2026-11-29), the header listeners were a large part of the
 * extension's page-load overhead (issue #2, target <= 1.05x). The Referer is a pure function
 * of the document URL, the request URL and the referrer policy (W3C Referrer Policy,
 * https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer), so it is
 * computed when a report is built.
 *
 * What it cannot see: a per-request override (an element's referrerpolicy attribute, fetch()'s
 * referrerPolicy option) and policies changed by redirects. Those can only make the Referer
 * shorter or longer than computed; the page-URL parameters a tag sends (page-url, dl, u ...)
 * are read from the request itself and do not depend on this.
 */

export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;
export type ReferrerPolicy = (typeof REFERRER_POLICIES)[number];

/** Browsers' default since Chrome 85 / Firefox 87 (spec: "default referrer policy"). */
export const DEFAULT_REFERRER_POLICY: ReferrerPolicy = 'strict-origin-when-cross-origin';

const KNOWN = new Set<string>(REFERRER_POLICIES);

/**
 * Parses a Referrer-Policy header or a <meta name="referrer"> content: a comma-separated
 * list where the last token the browser understands wins; unknown tokens are ignored
 * (spec §4.1 "Parse a referrer policy from a Referrer-Policy header"). Null when no token is known.
 */
export function parseReferrerPolicy(value: string | null | undefined): ReferrerPolicy | null {
  if (!value) return null;
  let out: ReferrerPolicy | null = null;
  for (const raw of value.split(',')) {
    const token = raw.trim().toLowerCase();
    if (KNOWN.has(token)) out = token as ReferrerPolicy;
  }
  return out;
}

/**
 * The policy in force for the page's top document: a <meta name="referrer"> overrides the
 * header (the meta element sets the document's policy when it is parsed, spec §4.2), else
 * the Referrer-Policy header, else the default.
 */
export function effectivePolicy(header: string | null | undefined, meta: string | null | undefined): ReferrerPolicy {
  return parseReferrerPolicy(meta) ?? parseReferrerPolicy(header) ?? DEFAULT_REFERRER_POLICY;
}

/** Spec §8.3 step 6: a referrer URL longer than 4096 bytes is replaced by its origin. */
const MAX_REFERRER_LENGTH = 4096;

function stripForReferrer(u: URL, originOnly: boolean): string | null {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (originOnly) return `${u.origin}/`;
  const copy = new URL(u.href);
  copy.username = '';
  copy.password = '';
  copy.hash = '';
  return copy.href;
}

function isPotentiallyTrustworthy(u: URL): boolean {
  return (
    u.protocol === 'https:' || u.protocol === 'wss:' || u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]'
  );
}

/**
 * The Referer header value a request from a document at `documentUrl` to `requestUrl`
 * carries under `policy`, or null when none is sent (spec §8.3 "Determine request's Referrer").
 */
export function computeReferer(documentUrl: string, requestUrl: string, policy: ReferrerPolicy = DEFAULT_REFERRER_POLICY): string | null {
  let doc: URL;
  let req: URL;
  try {
    doc = new URL(documentUrl);
    req = new URL(requestUrl);
  } catch {
    return null;
  }
  let full = stripForReferrer(doc, false);
  const origin = stripForReferrer(doc, true);
  if (full === null || origin === null) return null;
  if (full.length > MAX_REFERRER_LENGTH) full = origin;
  const sameOrigin = doc.origin === req.origin;
  const downgrade = isPotentiallyTrustworthy(doc) && !isPotentiallyTrustworthy(req);
  switch (policy) {
    case 'no-referrer':
      return null;
    case 'origin':
      return origin;
    case 'unsafe-url':
      return full;
    case 'strict-origin':
      return downgrade ? null : origin;
    case 'strict-origin-when-cross-origin':
      if (sameOrigin) return full;
      return downgrade ? null : origin;
    case 'same-origin':
      return sameOrigin ? full : null;
    case 'origin-when-cross-origin':
      return sameOrigin ? full : origin;
    case 'no-referrer-when-downgrade':
      return downgrade ? null : full;
  }
}
