/**
 * Plain-data fixtures for the findings tests (issue #5): a small hand-written classifier and
 * health lexicon, so rule tests do not depend on the real catalogue; the integration test in
 * findings-integration.test.ts uses the real ones.
 */
import type { Classifier, Vendor, VendorMatch } from '../../policy/catalogue/schema';
import type { DetectHealth, FindingsInput } from '../../policy/findings/types';
import type { ObservedCookie, ObservedRequest } from '../../policy/observation';
import { newPage, type PageState } from '../../policy/page-state';
import type { ReportCookie, ReportPage, ReportTracker } from '../../policy/report/schema';

const src = [{ kind: 'observed' as const, ref: 'test' }];

function vendor(id: string, category: Vendor['category'], hosts: Vendor['hosts'], cookies: Vendor['cookies'] = []): Vendor {
  return {
    id,
    name: id.toUpperCase(),
    organization: 'Org',
    country: 'RU',
    recipientSources: src,
    category,
    description: { ru: 'т', en: 't' },
    hosts,
    cookies,
    storage: [],
    sources: src,
    platform: false,
    origin: 'curated',
  };
}

export const VENDORS: Vendor[] = [
  vendor(
    'metrica',
    'analytics',
    [
      { host: 'mc.yandex.ru', paths: ['/webvisor/'], feature: 'webvisor', sources: src },
      { host: 'mc.yandex.ru', sources: src },
    ],
    [
      { match: 'exact', pattern: '_ym_uid', identifier: true, sources: src },
      { match: 'prefix', pattern: '_ym_visorc', feature: 'webvisor', sources: src },
      { match: 'exact', pattern: '_ym_isad', sources: src },
    ],
  ),
  vendor(
    'vkads',
    'advertising',
    [
      { host: 'top-fwz1.mail.ru', sources: src },
      { host: 'vk.com', paths: ['/rtrg'], sources: src },
    ],
    [{ match: 'exact', pattern: 'tmr_lvid', identifier: true, sources: src }],
  ),
  vendor(
    'ga',
    'analytics',
    [{ host: 'google-analytics.com', sources: src }],
    [{ match: 'exact', pattern: '_ga', identifier: true, sources: src }],
  ),
  vendor('widget', 'functional', [{ host: 'maps.example.org', sources: src }]),
];

function hostMatches(host: string, pattern: string): boolean {
  return host === pattern || host.endsWith(`.${pattern}`);
}

export const fakeClassifier: Classifier = {
  vendors: VENDORS,
  vendor: (id) => VENDORS.find((v) => v.id === id),
  matchUrl(url: string): VendorMatch | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    for (const v of VENDORS)
      for (const h of v.hosts)
        if (hostMatches(u.hostname, h.host) && (!h.paths || h.paths.some((p) => u.pathname.startsWith(p))))
          return { vendorId: v.id, ...(h.feature ? { feature: h.feature } : {}) };
    return null;
  },
  matchHost(host: string) {
    for (const v of VENDORS) for (const h of v.hosts) if (!h.paths && hostMatches(host, h.host)) return { vendorId: v.id };
    return null;
  },
  matchCookie(name: string) {
    for (const v of VENDORS)
      for (const c of v.cookies)
        if (c.match === 'exact' ? name === c.pattern : c.match === 'prefix' ? name.startsWith(c.pattern) : new RegExp(c.pattern).test(name))
          return { vendorId: v.id, ...(c.feature ? { feature: c.feature } : {}), ...(c.identifier ? { identifier: true } : {}) };
    return null;
  },
  matchStorageKey: () => null,
};

/** A toy lexicon: enough to tell a specialty page from a generic one. */
export const fakeHealth: DetectHealth = (text) => {
  const t = text.toLowerCase();
  const terms = ['urologiya', 'уролог', 'ginekologiya', 'гинеколог'].filter((x) => t.includes(x));
  return { matched: terms.length > 0, terms };
};

export const T0 = 1_750_000_000_000;

export function req(url: string, time = T0 + 100, extra: Partial<ObservedRequest> = {}): ObservedRequest {
  return { url, method: 'GET', kind: 'image', time, frameId: 0, via: 'webRequest', ...extra };
}

export function cookie(name: string, domain: string, extra: Partial<ObservedCookie> = {}): ObservedCookie {
  return {
    name,
    value: 'v1',
    domain,
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'no_restriction',
    hostOnly: false,
    session: false,
    expirationDate: (T0 + 300 * 86400_000) / 1000,
    firstSeen: T0 + 50,
    ...extra,
  };
}

/** A cookie of the report page: Metrica's, on the site, unless `extra` says otherwise. */
export function reportCookie(name: string, extra: Partial<ReportCookie> = {}): ReportCookie {
  return {
    name,
    domain: '.pro-medika.ru',
    path: '/',
    firstParty: true,
    httpOnly: false,
    secure: true,
    sameSite: 'none',
    expires: null,
    session: false,
    partitioned: false,
    size: 20,
    vendor: 'yandex-metrica',
    purposes: [],
    ...extra,
  };
}

/** A tracker entry of a report page, named after its vendor in capitals. */
export function reportTracker(vendor: string, extra: Partial<ReportTracker> = {}): ReportTracker {
  return {
    vendor,
    name: vendor.toUpperCase(),
    category: 'analytics',
    hosts: [],
    requests: 1,
    cookies: [],
    storage: [],
    features: [],
    purposes: [],
    quotes: [],
    ...extra,
  };
}

/** A cookie of the site as the cookies API reports it. */
export function siteCookie(name: string, value: string, extra: Partial<ObservedCookie> = {}): ObservedCookie {
  return {
    name,
    value,
    domain: '.pro-medika.ru',
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'lax',
    hostOnly: false,
    session: false,
    expirationDate: 2_000_000_000,
    ...extra,
  };
}

export function emptyReportPage(url: string, title = ''): ReportPage {
  return { url, finalUrl: url, title, requestCount: 0, trackers: [], cookies: [], storage: [], thirdParties: [], findings: [] };
}

export function makeInput(
  opts: {
    url?: string;
    title?: string;
    requests?: ObservedRequest[];
    cookieEvents?: ObservedCookie[];
    cookies?: ObservedCookie[];
    signals?: Partial<PageState['signals']>;
    page?: Partial<ReportPage>;
    hosts?: PageState['hosts'];
  } = {},
): FindingsInput {
  const url = opts.url ?? 'https://pro-medika.ru/';
  const state = newPage(1, url, T0);
  state.title = opts.title ?? '';
  state.requests = opts.requests ?? [];
  state.cookieEvents = opts.cookieEvents ?? [];
  state.signals = { typedValues: [], forms: [], ...(opts.title ? { title: opts.title } : {}), ...opts.signals };
  state.hosts = opts.hosts ?? {};
  return {
    state,
    page: { ...emptyReportPage(url, opts.title ?? ''), ...opts.page },
    cookies: opts.cookies ?? [],
    siteDomains: ['pro-medika.ru'],
    classifier: fakeClassifier,
    detectHealth: fakeHealth,
    now: T0,
  };
}
