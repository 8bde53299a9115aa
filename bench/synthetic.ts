/**
 * Synthetic page loads for the benchmarks: a PageState fed through the same reducers the
 * background uses (addRequest, addCookieEvent, mergeSignals) and a cookie snapshot whose
 * names the real catalogue attributes to real vendors, so the pipeline (inventory, policy
 * mapping, findings) does its real work. Deterministic (no Math.random in the data).
 */
import { defaultClassifier } from '../policy/classify';
import type { Vendor } from '../policy/catalogue/schema';
import { attributeCookie, isTrackingVendor } from '../policy/inventory';
import type { ObservedCookie, RequestKind } from '../policy/observation';
import { addCookieEvent, addRequest, mergeSignals, newPage, type PageState } from '../policy/page-state';
import { isFirstParty } from '../policy/party';
import { buildFullPage, policyViewData, type BuiltPage } from '../policy/report/build';
import type { PageResponse } from '../policy/messages';
import { activeSite } from '../policy/site/pro-medika';

export const SITE_DOMAINS = activeSite.domains;
export const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

export interface SyntheticOptions {
  /** Distinct tracking vendors the page should end up with (curated vendors first, then OCD). */
  trackers: number;
  /** Cookies in the snapshot (vendor cookies first, then the site's own). */
  cookies: number;
  /** Requests observed (first and third party). */
  requests: number;
  url?: string;
}

export interface SyntheticPage {
  state: PageState;
  cookies: ObservedCookie[];
}

function hex(n: number, len: number): string {
  let s = '';
  let x = (n * 2654435761) >>> 0;
  while (s.length < len) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += x.toString(16).padStart(8, '0');
  }
  return s.slice(0, len);
}

function cookie(name: string, domain: string, i: number, extra: Partial<ObservedCookie> = {}): ObservedCookie {
  return {
    name,
    value: `${hex(i, 24)}.${1700000000 + i}`,
    domain,
    path: '/',
    secure: i % 3 !== 0,
    httpOnly: i % 5 === 0,
    sameSite: i % 4 === 0 ? 'no_restriction' : 'lax',
    hostOnly: false,
    session: i % 7 === 0,
    ...(i % 7 === 0 ? {} : { expirationDate: T0 / 1000 + 86400 * (1 + (i % 400)) }),
    firstSeen: T0 + 100 + i,
    ...extra,
  };
}

/** A cookie name (and domain) the classifier attributes to `v`, or null. */
function cookieFor(v: Vendor, i: number, k = 0): { name: string; domain: string } | null {
  const patterns = v.cookies.filter((p) => p.match !== 'regex');
  for (let j = k; j < patterns.length; j++) {
    const p = patterns[j];
    const name = p.match === 'exact' ? p.pattern : `${p.pattern}${i}`;
    const domain = p.domain ? `.${p.domain}` : `.${SITE_DOMAINS[0]}`;
    const bare = domain.slice(1);
    const m = attributeCookie(defaultClassifier, name, bare, isFirstParty(bare, SITE_DOMAINS));
    if (m?.vendorId === v.id) return { name, domain };
  }
  return null;
}

/** A request URL the classifier attributes to `v`, or null. */
function urlFor(v: Vendor, i: number, pageUrl: string): string | null {
  for (const h of v.hosts) {
    const path = h.paths?.[0] ?? '/collect';
    const url = `https://${h.host}${path}${path.endsWith('/') ? '' : '/'}hit?rn=${i}&page-url=${encodeURIComponent(pageUrl)}`;
    if (defaultClassifier.matchUrl(url)?.vendorId === v.id) return url;
  }
  return null;
}

const KINDS: RequestKind[] = ['script', 'image', 'xhr', 'beacon', 'image', 'xhr'];

/** Builds the state and cookie snapshot of one synthetic page load. */
export function syntheticPage(opts: SyntheticOptions): SyntheticPage {
  const url = opts.url ?? `https://${SITE_DOMAINS[0]}/services/urologiya/`;
  const state = newPage(1, url, T0);
  mergeSignals(state, {
    title: 'Урология — Промедика',
    typedValues: [
      { field: 'phone', value: '+7 913 123-45-67' },
      { field: 'email', value: 'patient@example.org' },
    ],
    forms: [
      {
        action: `https://${SITE_DOMAINS[0]}/appointment/submit`,
        method: 'post',
        personalFields: ['name', 'phone', 'email'],
        hasPolicyLink: true,
        hasConsentText: false,
      },
    ],
    hasPolicyLink: true,
    firstInteractionAt: T0 + 4000,
  });

  const tracking = defaultClassifier.vendors.filter((v) => isTrackingVendor(v));
  const curated = tracking.filter((v) => v.origin !== 'ocd');
  const ocd = tracking.filter((v) => v.origin === 'ocd');
  const chosen: { v: Vendor; url: string | null; cookie: { name: string; domain: string } | null }[] = [];
  for (const v of [...curated, ...ocd]) {
    if (chosen.length >= opts.trackers) break;
    const u = v.origin === 'ocd' ? null : urlFor(v, 0, url);
    const c = cookieFor(v, chosen.length);
    if (u || c) chosen.push({ v, url: u, cookie: c });
  }

  // Cookies: one per chosen vendor that has a cookie pattern, then further vendor patterns,
  // then the site's own cookies, up to opts.cookies.
  const cookies: ObservedCookie[] = [];
  const seen = new Set<string>();
  const push = (c: ObservedCookie) => {
    const k = `${c.name}\u0000${c.domain}`;
    if (seen.has(k) || cookies.length >= opts.cookies) return;
    seen.add(k);
    cookies.push(c);
  };
  for (const x of chosen) if (x.cookie) push(cookie(x.cookie.name, x.cookie.domain, cookies.length));
  for (let k = 1; k < 4 && cookies.length < opts.cookies; k++)
    for (const x of chosen) {
      const c = cookieFor(x.v, cookies.length, k);
      if (c) push(cookie(c.name, c.domain, cookies.length));
    }
  for (let i = 0; cookies.length < opts.cookies; i++) push(cookie(`site_pref_${i}`, `.${SITE_DOMAINS[0]}`, cookies.length));
  for (const c of cookies.slice(0, 1000)) addCookieEvent(state, c, c.firstSeen ?? T0);

  // Requests: the document, then round-robin over vendor URLs, unknown third parties and the site.
  const withUrl = chosen.filter((x) => x.url);
  addRequest(state, { url, requestId: 'r0', method: 'GET', kind: 'document', time: T0, frameId: 0, via: 'webRequest' }, false);
  for (let i = 1; i < opts.requests; i++) {
    const kind = KINDS[i % KINDS.length];
    let reqUrl: string;
    const slot = i % 10;
    if (slot < 7 && withUrl.length) reqUrl = urlFor(withUrl[i % withUrl.length].v, i, url)!;
    else if (slot < 9) reqUrl = `https://counter${i % 13}.stat-unknown${i % 5}.net/px.gif?uid=${hex(i, 16)}&u=${encodeURIComponent(url)}`;
    else reqUrl = `https://${SITE_DOMAINS[0]}/static/${i}.js`;
    const host = new URL(reqUrl).hostname;
    const third = !isFirstParty(host, SITE_DOMAINS);
    addRequest(
      state,
      {
        url: reqUrl,
        requestId: `r${i}`,
        method: kind === 'beacon' ? 'POST' : 'GET',
        kind,
        time: T0 + 50 + i * 3,
        frameId: 0,
        via: 'webRequest',
        ...(kind === 'beacon' ? { body: `phone=%2B79131234567&n=${i}` } : {}),
      },
      third,
      third ? defaultClassifier.matchUrl(reqUrl) : null,
    );
  }
  return { state, cookies };
}

export function buildSynthetic(p: SyntheticPage): BuiltPage {
  return buildFullPage({
    state: p.state,
    cookies: p.cookies,
    classifier: defaultClassifier,
    siteDomains: SITE_DOMAINS,
    policyPaths: activeSite.policyPaths,
  });
}

/** The popup's input (what the background answers to ui/getPage) for a synthetic page. */
export function syntheticResponse(opts: SyntheticOptions): Extract<PageResponse, { status: 'watched' }> {
  const p = syntheticPage(opts);
  const built = buildSynthetic(p);
  return {
    status: 'watched',
    pageId: p.state.pageId,
    startedAt: p.state.startedAt,
    page: built.page,
    identifiers: built.identifiers,
    policyView: policyViewData(built.page),
    limitedAccess: false,
  };
}
