import type { Classifier, Vendor, VendorMatch } from './catalogue/schema';
import type { ObservedCookie } from './observation';
import type { PageState } from './page-state';
import { isFirstParty, registrableDomain } from './party';
import { looksLikeIdentifier } from './entropy';
import type { ReportCookie, ReportPage, ReportStorage, ReportThirdParty, ReportTracker } from './report/schema';
import type { Identifiers } from './messages';

/**
 * Builds the report page (issue #2's report.json "pages[]" entry) from one page's state and
 * the current cookie snapshot. Pure: the popup, the export and the audit command all read
 * this one result, so there is no second implementation anywhere.
 */
export interface InventoryInput {
  state: PageState;
  /** Current cookies of the site and of every contacted third-party domain (cookies API). */
  cookies: ObservedCookie[];
  classifier: Classifier;
  siteDomains: string[];
}

/** Categories that make a vendor a "tracker" in the count and badge (widgets and CMS cookies are listed but not counted). */
const TRACKING_CATEGORIES = new Set<Vendor['category']>([
  'analytics',
  'advertising',
  'session-replay',
  'call-tracking',
  'chat',
  'crm',
  'tag-manager',
  'social',
  'marketing',
  'widget',
]);

export function isTrackingVendor(v: Vendor | undefined): boolean {
  return !!v && !v.platform && TRACKING_CATEGORIES.has(v.category);
}

/** The site's own platform (CMS, language runtime): reported as a label, never as a vendor (issue 13). */
export function platformOf(classifier: Classifier, m: VendorMatch | null): Vendor | undefined {
  if (!m) return undefined;
  const v = classifier.vendor(m.vendorId);
  return v?.platform ? v : undefined;
}

function stripDot(domain: string): string {
  return domain.startsWith('.') ? domain.slice(1) : domain;
}

function sameSiteOf(c: ObservedCookie): ReportCookie['sameSite'] {
  return c.sameSite === 'no_restriction' ? 'none' : c.sameSite;
}

function isoOrNull(seconds: number | undefined): string | null {
  if (seconds === undefined || !Number.isFinite(seconds)) return null;
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Cookies relevant to a page: the site's own plus those of every contacted third-party site. */
export function relevantCookieSites(state: PageState, siteDomains: string[]): string[] {
  const sites = new Set(siteDomains);
  for (const host of Object.keys(state.hosts)) sites.add(registrableDomain(host));
  return [...sites];
}

/**
 * Cookie -> vendor. By name first: vendor scripts set cookies on the site itself (_ym_uid,
 * tmr_lvid ...). A third-party cookie whose name no pattern knows belongs to the vendor
 * whose domain holds it. An Open Cookie Database name without a domain describes a
 * first-party cookie (OCD: empty Domain = first party), so it never claims a cookie on
 * another company's domain (e.g. OCD's OpenX "i" must not claim Yandex's "i" on .yandex.ru).
 */
export function attributeCookie(classifier: Classifier, name: string, domain: string, firstParty: boolean) {
  const byName = classifier.matchCookie(name, domain);
  if (firstParty) return byName;
  const byHost = classifier.matchHost(domain) ?? soleOwner(classifier, domain);
  if (!byName) return byHost;
  const v = classifier.vendor(byName.vendorId);
  if (v?.origin === 'ocd' && byHost?.vendorId !== byName.vendorId && !vendorOwnsDomain(v, domain)) return byHost;
  return byName;
}

const owners = new WeakMap<Classifier, Map<string, Set<string>>>();

/**
 * The one curated vendor whose hosts live under a cookie's registrable domain (e.g. a
 * cookie on .medstat.example when only one vendor uses medstat.example hosts). Null when
 * several vendors share the domain (yandex.ru, mail.ru): then the cookie stays unattributed
 * rather than guessed.
 */
function soleOwner(classifier: Classifier, domain: string): VendorMatch | null {
  let map = owners.get(classifier);
  if (!map) {
    map = new Map();
    for (const v of classifier.vendors) {
      if (v.origin !== 'curated') continue;
      for (const h of v.hosts) {
        const site = registrableDomain(h.host);
        if (!map.has(site)) map.set(site, new Set());
        map.get(site)!.add(v.id);
      }
    }
    owners.set(classifier, map);
  }
  const ids = map.get(registrableDomain(domain));
  return ids && ids.size === 1 ? { vendorId: [...ids][0] } : null;
}

/** True when the vendor's own hosts or cookie rows name the cookie's registrable domain. */
function vendorOwnsDomain(v: Vendor, domain: string): boolean {
  const site = registrableDomain(domain);
  return (
    v.hosts.some((h) => registrableDomain(h.host) === site) || v.cookies.some((c) => !!c.domain && registrableDomain(c.domain) === site)
  );
}

export function buildPageReport(input: InventoryInput): ReportPage {
  const { state, classifier, siteDomains } = input;

  interface Acc {
    hosts: Set<string>;
    requests: number;
    cookies: Set<string>;
    storage: Set<string>;
    features: Set<string>;
  }
  const byVendor = new Map<string, Acc>();
  const acc = (id: string): Acc => {
    let a = byVendor.get(id);
    if (!a) {
      a = { hosts: new Set(), requests: 0, cookies: new Set(), storage: new Set(), features: new Set() };
      byVendor.set(id, a);
    }
    return a;
  };

  // Third parties and vendor request counts, from the per-host aggregate (exact counts).
  const thirdParties: ReportThirdParty[] = [];
  const cookieSitesWithIds = new Set<string>();
  const cookies: ReportCookie[] = [];
  const seenCookie = new Set<string>();
  for (const c of input.cookies) {
    const key = `${c.name}\u0000${c.domain}\u0000${c.path}\u0000${c.partitionTopLevelSite ?? ''}`;
    if (seenCookie.has(key)) continue;
    seenCookie.add(key);
    const domain = stripDot(c.domain);
    const firstParty = isFirstParty(domain, siteDomains);
    const attributed = attributeCookie(classifier, c.name, domain, firstParty);
    const platform = platformOf(classifier, attributed);
    const m = platform ? null : attributed;
    if (!firstParty && looksLikeIdentifier(c.value)) cookieSitesWithIds.add(registrableDomain(domain));
    if (m) {
      const a = acc(m.vendorId);
      a.cookies.add(c.name);
      if (m.feature) a.features.add(m.feature);
    }
    cookies.push({
      name: c.name,
      value: c.value.slice(0, 4096),
      domain: c.domain,
      path: c.path,
      firstParty,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: sameSiteOf(c),
      expires: c.session ? null : isoOrNull(c.expirationDate),
      session: c.session,
      partitioned: !!c.partitionTopLevelSite,
      size: c.name.length + c.value.length,
      vendor: m?.vendorId ?? null,
      ...(platform ? { platform: platform.name } : {}),
      ...(m?.feature ? { feature: m.feature } : {}),
      purposes: [],
    });
  }

  // Hosts that set a cookie while the page was open: the cookie's domain matches the host
  // (RFC 6265 §5.1.3 domain matching; a host-only cookie matches its own host only). Read
  // from cookies.onChanged, not Set-Cookie headers, which Chrome shows to webRequest only
  // with "extraHeaders" (a page-load cost, see policy/referrer.ts).
  const setCookieDomains = state.cookieEvents.map((c) => ({ domain: stripDot(c.domain), hostOnly: !!c.hostOnly }));
  const setsCookie = (host: string) => setCookieDomains.some((c) => host === c.domain || (!c.hostOnly && host.endsWith(`.${c.domain}`)));

  for (const [host, agg] of Object.entries(state.hosts)) {
    const site = registrableDomain(host);
    const firstParty = isFirstParty(host, siteDomains);
    let topVendor: string | null = null;
    let topCount = 0;
    for (const [vid, n] of Object.entries(agg.vendors)) {
      if (classifier.vendor(vid)?.platform) continue;
      const a = acc(vid);
      a.hosts.add(host);
      a.requests += n;
      for (const f of agg.features) a.features.add(f);
      if (n > topCount) {
        topCount = n;
        topVendor = vid;
      }
    }
    if (!topVendor) {
      // Requests seen only via resource timing carry no per-request match; fall back to the host.
      const hm = classifier.matchHost(host);
      if (hm && !firstParty && !platformOf(classifier, hm)) {
        topVendor = hm.vendorId;
        const a = acc(hm.vendorId);
        a.hosts.add(host);
        a.requests += agg.requests;
      }
    }
    if (firstParty) continue;
    const reasons: string[] = [];
    if (agg.kinds.includes('beacon')) reasons.push('beacon');
    if (agg.pixel) reasons.push('pixel');
    if (cookieSitesWithIds.has(site)) reasons.push('identifier-cookie');
    const vendor = topVendor ? classifier.vendor(topVendor) : undefined;
    thirdParties.push({
      host,
      site,
      vendor: topVendor,
      requests: agg.requests,
      types: [...agg.kinds].sort(),
      likelyTracking: reasons.length > 0 || isTrackingVendor(vendor),
      reasons,
      setCookie: setsCookie(host),
    });
  }

  const storage: ReportStorage[] = [];
  const seenStorage = new Set<string>();
  for (const s of state.storage) {
    const key = `${s.area}\u0000${s.key}`;
    if (seenStorage.has(key)) continue;
    seenStorage.add(key);
    const matched = classifier.matchStorageKey(s.key);
    const platform = platformOf(classifier, matched);
    const m = platform ? null : matched;
    if (m) {
      const a = acc(m.vendorId);
      a.storage.add(s.key);
      if (m.feature) a.features.add(m.feature);
    }
    storage.push({
      area: s.area,
      key: s.key,
      vendor: m?.vendorId ?? null,
      ...(platform ? { platform: platform.name } : {}),
      ...(m?.feature ? { feature: m.feature } : {}),
      purposes: [],
    });
  }

  // A vendor is active on this page when it received requests or set/changed a cookie
  // while the page was open. Cookies and keys left by earlier pages are still listed (and
  // attributed) in their tables, but do not make the vendor count as a tracker here.
  const changedCookieVendors = new Set<string>();
  for (const c of state.cookieEvents) {
    const domain = stripDot(c.domain);
    const m = attributeCookie(classifier, c.name, domain, isFirstParty(domain, siteDomains));
    if (m && !platformOf(classifier, m)) changedCookieVendors.add(m.vendorId);
  }
  const trackers: ReportTracker[] = [];
  for (const [id, a] of byVendor) {
    const v = classifier.vendor(id);
    if (!v || !isTrackingVendor(v)) continue;
    if (a.requests === 0 && !changedCookieVendors.has(id)) continue;
    trackers.push({
      vendor: id,
      name: v.name,
      organization: v.organization,
      country: v.country,
      category: v.category,
      description: v.description,
      hosts: [...a.hosts].sort(),
      requests: a.requests,
      cookies: [...a.cookies].sort(),
      storage: [...a.storage].sort(),
      features: [...a.features].sort(),
      purposes: [],
      quotes: [],
    });
  }
  trackers.sort((x, y) => y.requests - x.requests || x.vendor.localeCompare(y.vendor));
  thirdParties.sort((x, y) => y.requests - x.requests || x.host.localeCompare(y.host));
  cookies.sort((x, y) => Number(y.firstParty) - Number(x.firstParty) || x.domain.localeCompare(y.domain) || x.name.localeCompare(y.name));

  return {
    url: state.url,
    finalUrl: state.url,
    title: state.title,
    startedAt: new Date(state.startedAt).toISOString(),
    requestCount: state.requestCount,
    trackers,
    cookies,
    storage,
    thirdParties,
    findings: [],
  };
}

/** Identifiers the letter may quote: the Metrica ClientID and the GA client id. */
export function extractIdentifiers(cookies: ObservedCookie[], siteDomains: string[]): Identifiers {
  const out: Identifiers = {};
  for (const c of cookies) {
    if (!isFirstParty(stripDot(c.domain), siteDomains)) continue;
    if (c.name === '_ym_uid' && /^\d{6,32}$/.test(c.value)) out.ymUid = c.value;
    if (c.name === '_ga') {
      // _ga = GA1.<n>.<random>.<timestamp>; the client id is "<random>.<timestamp>".
      const m = /^GA\d\.\d+\.(\d+\.\d+)$/.exec(c.value);
      if (m) out.gaClientId = m[1];
    }
  }
  return out;
}
