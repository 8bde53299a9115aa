import { isAbroad } from '../catalogue/recipient';
import type { Disclosure, Finding, ReportPage, ReportTracker } from './schema';

/**
 * What happened on one page, for the popup's first screen (issue #14): the organisations that
 * received data from it, each with the least-disclosed status among its services here, whether
 * they got it before the visitor accepted anything, where they are, and the page's serious
 * findings with their recipients. Pure data from the report page: no browser, no policy model,
 * no zod at run time (the popup's 30 KB gzip budget).
 */

export type Status = Disclosure | 'unknown';

/** Worst first: an organisation counts under the least-disclosed of what it got from the page. */
export const STATUS_ORDER: readonly Status[] = ['contradicted', 'undisclosed', 'generic', 'named', 'unknown'];

export interface Organisation {
  /** Stable key: the organisation's name, or the vendor id when the catalogue has none. */
  key: string;
  name: string;
  /** ISO 3166-1 alpha-2 when the catalogue states it, else null. */
  country: string | null;
  status: Status;
  /** Services of this organisation seen on the page, each once, worst status first. */
  services: ReportTracker[];
  /** A before-consent finding names one of its services. */
  beforeConsent: boolean;
}

export type SeriousKind = 'health' | 'pii' | 'replay' | 'replay-form' | 'insecure-form' | 'form-without-policy';

export interface SeriousFinding {
  kind: SeriousKind;
  /** Organisation names (or hosts when the vendor is unknown), in page order. */
  recipients: string[];
  /** health: the medical terms of the page; pii: the typed fields; replay: the features. */
  details: string[];
  /** pii: how the values travelled (plain, base64, sha256, ...). */
  encodings?: string[];
}

export interface PageVerdict {
  organisations: Organisation[];
  counts: Record<Status, number>;
  /** Organisations that got something before the visitor accepted or touched anything. */
  beforeConsent: number;
  /** The moment the before-consent findings measure against ("none": nothing was accepted). */
  consentBasis: 'none' | 'consent' | 'interaction' | null;
  abroad: { count: number; countries: string[] };
  /** Organisations whose country the catalogue does not state. */
  countryUnknown: number;
  /** Third-party hosts no catalogue vendor explains that look like tracking (pixel, beacon, identifier cookie). */
  unidentified: string[];
  serious: SeriousFinding[];
}

const rank = (s: Status) => STATUS_ORDER.indexOf(s);
export const worst = (a: Status, b: Status): Status => (rank(a) <= rank(b) ? a : b);

/** A service's status: its own, or worse where a feature of it (Webvisor) is less disclosed. */
export function serviceStatus(t: ReportTracker): Status {
  let s: Status = t.disclosure ?? 'unknown';
  for (const p of t.parts ?? []) s = worst(s, p.disclosure);
  return s;
}

function orgKey(t: ReportTracker): string {
  return t.organization?.trim() || t.vendor;
}

/**
 * Trackers grouped by organisation, each service once; worst organisations first. The site's
 * own platform (1C-Bitrix, PHP) is never a tracker in the report (issue #13), so every tracker
 * here is a recipient.
 */
export function groupByOrganisation(
  trackers: readonly ReportTracker[],
  beforeConsentVendors: ReadonlySet<string> = new Set(),
): Organisation[] {
  const byKey = new Map<string, Organisation>();
  const seen = new Set<string>();
  for (const t of trackers) {
    if (seen.has(t.vendor)) continue;
    seen.add(t.vendor);
    const key = orgKey(t);
    let o = byKey.get(key);
    if (!o) {
      o = { key, name: t.organization?.trim() || t.name, country: null, status: 'unknown', services: [], beforeConsent: false };
      // 'unknown' is the weakest rank: the first real status replaces it.
      byKey.set(key, o);
    }
    o.services.push(t);
    const s = serviceStatus(t);
    o.status = o.services.length === 1 ? s : worst(o.status, s);
    if (t.country && !o.country) o.country = t.country;
    if (beforeConsentVendors.has(t.vendor)) o.beforeConsent = true;
  }
  const out = [...byKey.values()];
  for (const o of out) o.services.sort((a, b) => rank(serviceStatus(a)) - rank(serviceStatus(b)) || a.name.localeCompare(b.name));
  return out.sort((a, b) => rank(a.status) - rank(b.status) || b.services.length - a.services.length || a.name.localeCompare(b.name));
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

function addUnique(list: string[], items: readonly string[]): void {
  for (const x of items) if (x && !list.includes(x)) list.push(x);
}

export function pageVerdict(page: ReportPage): PageVerdict {
  const findings: Finding[] = page.findings ?? [];
  const before = findings.filter((f) => f.kind === 'before-consent' && f.vendor);
  const organisations = groupByOrganisation(page.trackers, new Set(before.map((f) => f.vendor!)));
  const byVendor = new Map<string, Organisation>();
  for (const o of organisations) for (const s of o.services) byVendor.set(s.vendor, o);
  const recipientOf = (f: Finding): string | null => {
    const o = f.vendor ? byVendor.get(f.vendor) : undefined;
    if (o) return o.name;
    const host = typeof f.evidence.host === 'string' ? f.evidence.host : strings(f.evidence.hosts)[0];
    return host ?? f.vendor ?? null;
  };

  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<Status, number>;
  for (const o of organisations) counts[o.status] += 1;

  const serious = new Map<SeriousKind, SeriousFinding>();
  const note = (kind: SeriousKind, f: Finding, details: string[], encodings?: string[]) => {
    let s = serious.get(kind);
    if (!s) serious.set(kind, (s = { kind, recipients: [], details: [], ...(encodings ? { encodings: [] } : {}) }));
    const r = recipientOf(f);
    if (r) addUnique(s.recipients, [r]);
    addUnique(s.details, details);
    if (encodings && s.encodings) addUnique(s.encodings, encodings);
  };
  for (const f of findings) {
    if (f.kind === 'health-context-leak') note('health', f, strings(f.evidence.terms));
    else if (f.kind === 'pii-leak') note('pii', f, strings(f.evidence.field), strings(f.evidence.encoding));
    else if (f.kind === 'session-replay')
      note(f.evidence.formContents === true ? 'replay-form' : 'replay', f, strings(f.evidence.features));
    else if (f.kind === 'insecure-form') note('insecure-form', f, strings(f.evidence.fields));
    else if (f.kind === 'form-without-policy') note('form-without-policy', f, strings(f.evidence.fields));
  }
  // A recording that carries form contents says more than one that does not: one sentence.
  const replayForm = serious.get('replay-form');
  const replay = serious.get('replay');
  if (replayForm && replay) {
    addUnique(replayForm.recipients, replay.recipients);
    addUnique(replayForm.details, replay.details);
    serious.delete('replay');
  }
  const ORDER: SeriousKind[] = ['health', 'pii', 'replay-form', 'replay', 'insecure-form', 'form-without-policy'];
  // Findings about recipients need one; a form finding stands on its own.
  const list = ORDER.map((k) => serious.get(k)).filter(
    (s): s is SeriousFinding => !!s && (s.recipients.length > 0 || s.kind === 'insecure-form' || s.kind === 'form-without-policy'),
  );

  const bases = new Set(before.map((f) => f.evidence.before));
  const consentBasis = before.length === 0 ? null : bases.has('consent') ? 'consent' : bases.has('interaction') ? 'interaction' : 'none';
  const abroadOrgs = organisations.filter((o) => isAbroad(o.country));
  return {
    organisations,
    counts,
    beforeConsent: organisations.filter((o) => o.beforeConsent).length,
    consentBasis,
    abroad: { count: abroadOrgs.length, countries: [...new Set(abroadOrgs.map((o) => o.country!))].sort() },
    countryUnknown: organisations.filter((o) => !o.country).length,
    unidentified: page.thirdParties.filter((x) => !x.vendor && x.likelyTracking).map((x) => x.host),
    serious: list,
  };
}
