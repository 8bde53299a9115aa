import type { ObservedCookie } from '../observation';
import { cookieKey, safeHost } from '../page-state';
import type { Finding, ReportTracker } from '../report/schema';
import { buildPiiNeedles, scanRequestForPii, type PiiNeedle } from './pii';
import { truncateUrl, type FindingsInput } from './types';
import { isThirdPartyUrl, isTrackingCategory, vendorCategory } from './util';

/**
 * The QA findings rules of issue #5 (except health-context-leak, in ./health.ts). Each rule
 * is a pure function of FindingsInput; computeFindings (./index.ts) runs them all.
 * Clause ids refer to policy/policy-model/model.ts.
 */

const HIGH_RISK_CATEGORIES = new Set(['advertising', 'session-replay']);

// ---------------------------------------------------------------------------------------
// undisclosed-tracker, possible-contradiction: from the policy mapping (issue #3)

/** The policy does not cover the vendor at all; the transfer clause is what it bears on. */
export const UNDISCLOSED_CLAUSE = 'transfer.third-parties';

export function undisclosedTracker(input: FindingsInput): Finding[] {
  return input.page.trackers
    .filter((t) => t.disclosure === 'undisclosed')
    .map((t) => ({
      kind: 'undisclosed-tracker',
      severity: HIGH_RISK_CATEGORIES.has(t.category) ? 'high' : 'medium',
      vendor: t.vendor,
      clause: t.purposes[0] ?? UNDISCLOSED_CLAUSE,
      evidence: { vendor: t.vendor, name: t.name, category: t.category, hosts: t.hosts, cookies: t.cookies, requests: t.requests },
      title: {
        ru: `Трекер не упомянут в политике конфиденциальности: ${t.name}`,
        en: `Tracker not disclosed in the privacy policy: ${t.name}`,
      },
    }));
}

/** Contradictions about health context or personal data weigh most (152-FZ arts. 10 and 6). */
const HIGH_RULES = new Set(['health-context', 'personal-data-third-party']);

export function possibleContradiction(input: FindingsInput): Finding[] {
  const out: Finding[] = [];
  for (const t of input.page.trackers) {
    const list = t.contradictions ?? [];
    if (list.length === 0) {
      if (t.disclosure === 'contradicted') out.push(contradiction(t, undefined));
      continue;
    }
    for (const c of list) out.push(contradiction(t, c));
  }
  return out;
}

function contradiction(t: ReportTracker, c: NonNullable<ReportTracker['contradictions']>[number] | undefined): Finding {
  return {
    kind: 'possible-contradiction',
    severity: c && HIGH_RULES.has(c.rule) ? 'high' : 'medium',
    vendor: t.vendor,
    ...(c ? { clause: c.clause } : t.purposes[0] ? { clause: t.purposes[0] } : {}),
    evidence: c
      ? {
          rule: c.rule,
          quote: c.quote,
          url: truncateUrl(c.evidence.url),
          ...(c.evidence.param ? { param: c.evidence.param } : {}),
          ...(c.evidence.detail ? { detail: c.evidence.detail } : {}),
        }
      : { quotes: t.quotes },
    title: {
      ru: `Возможное противоречие политике конфиденциальности: ${t.name}`,
      en: `Possible contradiction with the privacy policy: ${t.name}`,
    },
  };
}

// ---------------------------------------------------------------------------------------
// before-consent

/** The policy claims consent "by the fact of using the site" (clause consent.by-use). */
export const CONSENT_CLAUSE = 'consent.by-use';

/**
 * The moment after which tracking counts as "after consent": the earliest of the first user
 * interaction and the cookie notice's accept click. Neither happened: everything counts.
 */
export function consentCutoff(input: FindingsInput): { at: number; reason: 'interaction' | 'consent' | 'none' } {
  const { firstInteractionAt, consentAcceptedAt } = input.state.signals;
  const i = firstInteractionAt ?? Infinity;
  const c = consentAcceptedAt ?? Infinity;
  if (i === Infinity && c === Infinity) return { at: Infinity, reason: 'none' };
  return c <= i ? { at: c, reason: 'consent' } : { at: i, reason: 'interaction' };
}

/** The vendor whose identifier cookie this is; the site's own platform (CMS, runtime) is no vendor (issue 13). */
function identifierMatch(input: FindingsInput, c: Pick<ObservedCookie, 'name' | 'domain'>): string | null {
  const m = identifierCookieOwner(input, c);
  return m && !m.platform ? m.id : null;
}

function identifierCookieOwner(
  input: FindingsInput,
  c: Pick<ObservedCookie, 'name' | 'domain'>,
): { id: string; name: string; platform: boolean } | null {
  const m = input.classifier.matchCookie(c.name, c.domain);
  if (!m || m.identifier !== true) return null;
  const v = input.classifier.vendor(m.vendorId);
  return { id: m.vendorId, name: v?.name ?? m.vendorId, platform: v?.platform === true };
}

/** Cookie events and the snapshot, one record per cookie key (events first: they carry firstSeen). */
function allCookies(input: FindingsInput): ObservedCookie[] {
  const out = new Map<string, ObservedCookie>();
  for (const c of input.state.cookieEvents) out.set(cookieKey(c), c);
  for (const c of input.cookies) {
    const k = cookieKey(c);
    const prev = out.get(k);
    out.set(k, prev ? { ...c, firstSeen: prev.firstSeen ?? c.firstSeen } : c);
  }
  return [...out.values()];
}

export function beforeConsent(input: FindingsInput): Finding[] {
  const cut = consentCutoff(input);
  const start = input.state.startedAt;
  const byVendor = new Map<
    string,
    { firstUrl?: string; firstTime?: number; requests: number; cookies: Set<string>; firstCookieAt?: number }
  >();
  const get = (v: string) => {
    let g = byVendor.get(v);
    if (!g) byVendor.set(v, (g = { requests: 0, cookies: new Set() }));
    return g;
  };
  for (const req of input.state.requests) {
    if (req.time >= cut.at) continue;
    if (!isThirdPartyUrl(req.url, input.siteDomains)) continue;
    const m = input.classifier.matchUrl(req.url);
    if (!m || !isTrackingCategory(vendorCategory(input.classifier, m.vendorId))) continue;
    const g = get(m.vendorId);
    g.requests += 1;
    if (g.firstTime === undefined || req.time < g.firstTime) {
      g.firstTime = req.time;
      g.firstUrl = req.url;
    }
  }
  for (const c of allCookies(input)) {
    if (c.firstSeen === undefined || c.firstSeen >= cut.at) continue;
    const vendor = identifierMatch(input, c);
    if (!vendor) continue;
    const g = get(vendor);
    g.cookies.add(c.name);
    g.firstCookieAt = Math.min(g.firstCookieAt ?? Infinity, c.firstSeen);
  }
  return [...byVendor.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([vendor, g]) => {
      const first = Math.min(g.firstTime ?? Infinity, g.firstCookieAt ?? Infinity);
      const name = input.classifier.vendor(vendor)?.name ?? vendor;
      return {
        kind: 'before-consent',
        severity: HIGH_RISK_CATEGORIES.has(vendorCategory(input.classifier, vendor) ?? '') ? 'high' : 'medium',
        vendor,
        clause: CONSENT_CLAUSE,
        evidence: {
          vendor,
          before: cut.reason,
          ...(g.firstUrl ? { firstRequestUrl: truncateUrl(g.firstUrl) } : {}),
          offsetMs: Number.isFinite(first) ? Math.max(0, first - start) : null,
          requests: g.requests,
          cookies: [...g.cookies].sort(),
        },
        title: {
          ru: `${name}: отслеживание до действий пользователя или согласия в баннере`,
          en: `${name}: tracking before any user action or consent in the banner`,
        },
      } satisfies Finding;
    });
}

// ---------------------------------------------------------------------------------------
// pii-leak

export const PII_CLAUSE = 'transfer.third-parties';

export function piiLeak(input: FindingsInput, needles: PiiNeedle[] = buildPiiNeedles(input.state.signals.typedValues)): Finding[] {
  if (needles.length === 0) return [];
  const groups = new Map<string, Finding & { evidence: { requests: number } }>();
  for (const req of input.state.requests) {
    if (!isThirdPartyUrl(req.url, input.siteDomains)) continue;
    const hits = scanRequestForPii(req.url, req.body, needles);
    if (hits.length === 0) continue;
    const host = safeHost(req.url) ?? '';
    const vendor = input.classifier.matchUrl(req.url)?.vendorId;
    for (const h of hits) {
      const key = `${h.field}\u0000${h.encoding}\u0000${host}\u0000${h.param}`;
      const g = groups.get(key);
      if (g) {
        g.evidence.requests += 1;
        continue;
      }
      groups.set(key, {
        kind: 'pii-leak',
        severity: 'high',
        ...(vendor ? { vendor } : {}),
        clause: PII_CLAUSE,
        evidence: { field: h.field, encoding: h.encoding, host, param: h.param, where: h.where, url: truncateUrl(req.url), requests: 1 },
        title: {
          ru: `Введённые в форму данные (${h.field}) переданы третьей стороне: ${host} (${h.encoding})`,
          en: `Data typed into a form (${h.field}) sent to a third party: ${host} (${h.encoding})`,
        },
      });
    }
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------
// session-replay

/**
 * Webvisor (Yandex Metrica's session replay) and similar: the policy speaks of information
 * "in aggregated form" (clause cookies.aggregate-non-personal), which recording an
 * individual visit is not.
 */
export const REPLAY_CLAUSE = 'cookies.aggregate-non-personal';

const REPLAY_HOST_RE = /(^|\.)webvisor\.(org|com)$/;
const REPLAY_FEATURES = new Set(['webvisor', 'session-replay']);

function isReplayRequest(input: FindingsInput, url: string): { replay: boolean; vendor?: string } {
  const m = input.classifier.matchUrl(url);
  if (m && ((m.feature && REPLAY_FEATURES.has(m.feature)) || vendorCategory(input.classifier, m.vendorId) === 'session-replay'))
    return { replay: true, vendor: m.vendorId };
  const host = safeHost(url);
  if (!host) return { replay: false };
  if (REPLAY_HOST_RE.test(host)) return { replay: true, vendor: m?.vendorId };
  // mc.yandex.ru/webvisor/<counter> (Metrica's tag.js sends replay chunks there).
  if (/(^|\.)yandex\.(ru|com|by|kz|com\.tr)$/.test(host) && /\/webvisor\//.test(url)) return { replay: true, vendor: m?.vendorId };
  return { replay: false };
}

export function sessionReplay(input: FindingsInput, needles: PiiNeedle[] = buildPiiNeedles(input.state.signals.typedValues)): Finding[] {
  const groups = new Map<
    string,
    {
      vendor?: string;
      hosts: Set<string>;
      requests: number;
      cookies: Set<string>;
      features: Set<string>;
      fields: Set<string>;
      firstUrl?: string;
    }
  >();
  const get = (key: string, vendor?: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { vendor, hosts: new Set(), requests: 0, cookies: new Set(), features: new Set(), fields: new Set() }));
    return g;
  };
  for (const t of input.page.trackers) {
    const feats = t.features.filter((f) => REPLAY_FEATURES.has(f));
    if (feats.length === 0 && t.category !== 'session-replay') continue;
    const g = get(t.vendor, t.vendor);
    feats.forEach((f) => g.features.add(f));
    if (t.category === 'session-replay') g.features.add('session-replay');
  }
  for (const [host, agg] of Object.entries(input.state.hosts)) {
    const feats = agg.features.filter((f) => REPLAY_FEATURES.has(f));
    if (feats.length === 0) continue;
    const vendor = Object.keys(agg.vendors).sort()[0];
    const g = get(vendor ?? host, vendor);
    g.hosts.add(host);
    feats.forEach((f) => g.features.add(f));
  }
  for (const req of input.state.requests) {
    const r = isReplayRequest(input, req.url);
    if (!r.replay) continue;
    const host = safeHost(req.url) ?? '';
    const g = get(r.vendor ?? host, r.vendor);
    g.hosts.add(host);
    g.requests += 1;
    g.firstUrl ??= req.url;
    // Form contents in a replay request: the recording carries what the visitor typed.
    for (const h of scanRequestForPii(req.url, req.body, needles)) g.fields.add(h.field);
  }
  for (const c of allCookies(input)) {
    const m = input.classifier.matchCookie(c.name, c.domain);
    const replayCookie = c.name.startsWith('_ym_visorc') || (m?.feature !== undefined && REPLAY_FEATURES.has(m.feature));
    if (!replayCookie) continue;
    const g = get(m?.vendorId ?? c.domain, m?.vendorId);
    g.cookies.add(c.name);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => {
      const formContents = g.fields.size > 0;
      const name = (g.vendor && input.classifier.vendor(g.vendor)?.name) || g.vendor || [...g.hosts][0] || 'session replay';
      return {
        kind: 'session-replay',
        severity: formContents ? 'high' : 'medium',
        ...(g.vendor ? { vendor: g.vendor } : {}),
        clause: REPLAY_CLAUSE,
        evidence: {
          hosts: [...g.hosts].sort(),
          requests: g.requests,
          cookies: [...g.cookies].sort(),
          features: [...g.features].sort(),
          formContents,
          fields: [...g.fields].sort(),
          ...(g.firstUrl ? { url: truncateUrl(g.firstUrl) } : {}),
        },
        title: formContents
          ? { ru: `${name}: запись сеанса передаёт введённые в форму данные`, en: `${name}: session recording sends form contents` }
          : { ru: `${name}: запись сеанса (Вебвизор или аналог)`, en: `${name}: session recording (Webvisor or similar)` },
      } satisfies Finding;
    });
}

// ---------------------------------------------------------------------------------------
// form-without-policy, insecure-form

export function formWithoutPolicy(input: FindingsInput): Finding[] {
  const { forms, hasPolicyLink } = input.state.signals;
  if (hasPolicyLink) return [];
  return forms
    .filter((f) => f.personalFields.length > 0 && !f.hasPolicyLink && !f.hasConsentText)
    .map((f) => ({
      kind: 'form-without-policy',
      severity: 'medium',
      clause: CONSENT_CLAUSE,
      evidence: { action: truncateUrl(f.action), method: f.method.toUpperCase(), fields: [...f.personalFields].sort() },
      title: {
        ru: 'Форма собирает персональные данные без ссылки на политику и текста согласия',
        en: 'A form collects personal data with no link to the policy and no consent text',
      },
    }));
}

/** The policy promises protection measures (clause security.measures); plain HTTP is none. */
export const SECURITY_CLAUSE = 'security.measures';

export function insecureForm(input: FindingsInput): Finding[] {
  const base = input.page.finalUrl || input.state.url;
  const out: Finding[] = [];
  for (const f of input.state.signals.forms) {
    let target: URL;
    try {
      target = new URL(f.action || base, base);
    } catch {
      continue;
    }
    if (target.protocol !== 'http:') continue;
    out.push({
      kind: 'insecure-form',
      severity: f.personalFields.length > 0 ? 'high' : 'medium',
      clause: SECURITY_CLAUSE,
      evidence: { action: truncateUrl(target.href), method: f.method.toUpperCase(), fields: [...f.personalFields].sort() },
      title: { ru: 'Форма отправляется по незащищённому HTTP', en: 'A form is sent over plain HTTP' },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// cookie-attributes

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** A day of slack: a 1-year cookie set a moment before the snapshot is not "longer than a year". */
const SLACK_MS = 24 * 3600 * 1000;

export function cookieAttributes(input: FindingsInput): Finding[] {
  const pageUrl = input.page.finalUrl || input.state.url;
  const https = pageUrl.startsWith('https:');
  const now = input.now ?? input.state.startedAt;
  const out: Finding[] = [];
  const cookies = allCookies(input).sort((a, b) => cookieKey(a).localeCompare(cookieKey(b)));
  for (const c of cookies) {
    const owner = identifierCookieOwner(input, c);
    if (!owner) continue;
    // The site's own platform cookie: no vendor, the platform named in the evidence.
    const who = owner.platform ? {} : { vendor: owner.id };
    const platform = owner.platform ? { platform: owner.name } : {};
    if (https && !c.secure) {
      out.push({
        kind: 'cookie-attributes',
        severity: 'low',
        ...who,
        evidence: { cookie: c.name, domain: c.domain, ...platform, attribute: 'secure', secure: false },
        title: {
          ru: `Идентификатор в cookie ${c.name} без флага Secure на HTTPS`,
          en: `Identifier cookie ${c.name} without Secure on HTTPS`,
        },
      });
    }
    if (!c.session && c.expirationDate !== undefined) {
      const from = c.firstSeen ?? now;
      const lifetime = c.expirationDate * 1000 - from;
      if (lifetime > YEAR_MS + SLACK_MS) {
        out.push({
          kind: 'cookie-attributes',
          severity: 'info',
          ...who,
          clause: 'cookies.technologies',
          evidence: {
            cookie: c.name,
            domain: c.domain,
            ...platform,
            attribute: 'lifetime',
            days: Math.round(lifetime / (24 * 3600 * 1000)),
          },
          title: {
            ru: `Идентификатор в cookie ${c.name} хранится дольше года`,
            en: `Identifier cookie ${c.name} lives longer than a year`,
          },
        });
      }
    }
  }
  return out;
}
