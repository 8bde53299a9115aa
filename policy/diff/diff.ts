import type { Report, ReportCookie, ReportPage } from '../report/schema';
import { DISCLOSURE_VALUES } from '../report/disclosure';
import { normaliseUrl } from './normalise';
import {
  DIFF_PARTS,
  type AuditDiff,
  type CookieAttributes,
  type CookieChange,
  type CookieField,
  type DiffPart,
  type DisclosureChange,
  type PageDiff,
} from './schema';

/**
 * The comparison of two reports (issue #17), used by the audit command (--baseline, merge)
 * and the audit page (compare two visits). Pure. Only what a page *is* counts: which
 * trackers, cookies (by name@domain and their attributes), storage keys, third-party hosts,
 * finding kinds per vendor, disclosure statuses and the policy. Volatile values never count:
 * cookie values, request counts, timestamps, ids in request URLs, the order of lists.
 */

export interface DiffOptions {
  /** Parts to compare (default: all); the others are listed in notCompared. */
  parts?: readonly DiffPart[];
  /** Remarks to carry into diff.json (e.g. the baseline comes from another extension version). */
  notes?: string[];
  /** Only baseline pages that the current report has too (a shard compares its own pages). */
  onlyCurrentPages?: boolean;
}

const EMPTY_PAGE: ReportPage = {
  url: '',
  finalUrl: '',
  title: '',
  requestCount: 0,
  trackers: [],
  cookies: [],
  storage: [],
  thirdParties: [],
  findings: [],
};
const DAY_MS = 86_400_000;

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
function setDiff(from: Iterable<string>, to: Iterable<string>): { added: string[]; removed: string[] } {
  const a = new Set(from);
  const b = new Set(to);
  return { added: sorted([...b].filter((x) => !a.has(x))), removed: sorted([...a].filter((x) => !b.has(x))) };
}

export const cookieKey = (c: Pick<ReportCookie, 'name' | 'domain'>) => `${c.name}@${c.domain}`;
export const findingKey = (f: { kind: string; vendor?: string }) => `${f.kind}:${f.vendor || '-'}`;

/** How weak a disclosure is: a higher rank is worse. */
export function disclosureRank(d: string): number {
  const i = (DISCLOSURE_VALUES as readonly string[]).indexOf(d);
  return i < 0 ? -1 : i;
}

export function cookieAttributes(c: ReportCookie, visitedAt: number | undefined): CookieAttributes & { lifetimeMs: number | null } {
  const exp = c.expires ? Date.parse(c.expires) : NaN;
  const lifetimeMs = c.session || !Number.isFinite(exp) || visitedAt === undefined ? null : exp - visitedAt;
  return {
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    partitioned: c.partitioned,
    session: c.session,
    lifetimeDays: lifetimeMs === null ? null : Math.round(lifetimeMs / DAY_MS),
    lifetimeMs,
  };
}

/** A lifetime counts as changed beyond a day and a tenth of itself (runs minutes apart shift every expiry). */
function lifetimeChanged(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > Math.max(DAY_MS, 0.1 * Math.max(Math.abs(a), Math.abs(b)));
}

function visitTime(page: ReportPage, report: Pick<Report, 'generatedAt'>): number | undefined {
  const t = Date.parse(page.startedAt ?? report.generatedAt);
  return Number.isFinite(t) ? t : undefined;
}

function cookieChanges(prev: ReportPage, prevAt: number | undefined, cur: ReportPage, curAt: number | undefined): CookieChange[] {
  const byKey = (p: ReportPage) => {
    const m = new Map<string, ReportCookie>();
    // One cookie per name@domain: the one with the shortest path, whatever order the report lists them in.
    const tie = (c: ReportCookie) => `${c.secure}${c.httpOnly}${c.sameSite}${c.partitioned}${c.session}`;
    for (const c of [...p.cookies].sort(
      (a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path) || tie(a).localeCompare(tie(b)),
    ))
      if (!m.has(cookieKey(c))) m.set(cookieKey(c), c);
    return m;
  };
  const a = byKey(prev);
  const b = byKey(cur);
  const out: CookieChange[] = [];
  for (const key of sorted(a.keys())) {
    const bc = b.get(key);
    if (!bc) continue;
    const { lifetimeMs: la, ...from } = cookieAttributes(a.get(key)!, prevAt);
    const { lifetimeMs: lb, ...to } = cookieAttributes(bc, curAt);
    const fields: CookieField[] = [];
    if (from.secure !== to.secure) fields.push('secure');
    if (from.sameSite !== to.sameSite) fields.push('sameSite');
    if (from.session !== to.session || lifetimeChanged(la, lb)) fields.push('expires');
    if (from.httpOnly !== to.httpOnly) fields.push('httpOnly');
    if (from.partitioned !== to.partitioned) fields.push('partitioned');
    if (fields.length) out.push({ cookie: key, fields, from, to });
  }
  return out;
}

function disclosureChanges(prev: ReportPage, cur: ReportPage): DisclosureChange[] {
  const out: DisclosureChange[] = [];
  const prevByVendor = new Map(prev.trackers.map((t) => [t.vendor, t]));
  for (const t of [...cur.trackers].sort((x, y) => x.vendor.localeCompare(y.vendor))) {
    const p = prevByVendor.get(t.vendor);
    if (!p) continue;
    const push = (from: string | undefined, to: string | undefined, feature?: string) => {
      if (!from || !to || from === to) return;
      out.push({ vendor: t.vendor, ...(feature ? { feature } : {}), from, to, worse: disclosureRank(to) > disclosureRank(from) });
    };
    push(p.disclosure, t.disclosure);
    const prevParts = new Map((p.parts ?? []).map((x) => [x.feature, x.disclosure]));
    for (const part of [...(t.parts ?? [])].sort((x, y) => x.feature.localeCompare(y.feature)))
      push(prevParts.get(part.feature), part.disclosure, part.feature);
  }
  return out;
}

function policyChange(prev: ReportPage | undefined, cur: ReportPage | undefined): PageDiff['policy'] {
  const versionFrom = prev?.policy?.version ?? null;
  const versionTo = cur?.policy?.version ?? null;
  const pa = prev?.policy;
  const pb = cur?.policy;
  let sentencesAdded: string[] = [];
  let sentencesRemoved: string[] = [];
  // The site's text is known only where it was read (the policy page): changed is null elsewhere.
  if (pa && pb && pa.changed !== null && pb.changed !== null) {
    const a = new Set(pa.added ?? []);
    const b = new Set(pb.added ?? []);
    const ra = new Set(pa.removed ?? []);
    const rb = new Set(pb.removed ?? []);
    sentencesAdded = sorted([...[...b].filter((s) => !a.has(s)), ...[...ra].filter((s) => !rb.has(s))]);
    sentencesRemoved = sorted([...[...a].filter((s) => !b.has(s)), ...[...rb].filter((s) => !ra.has(s))]);
  }
  const changed =
    (prev !== undefined && cur !== undefined && versionFrom !== versionTo) || sentencesAdded.length > 0 || sentencesRemoved.length > 0;
  return { versionFrom, versionTo, changed, sentencesAdded, sentencesRemoved };
}

/** The differences of one page between two runs; prev or cur undefined for a page only one run has. */
export function diffPage(
  url: string,
  prev: { page: ReportPage; at?: number } | undefined,
  cur: { page: ReportPage; at?: number } | undefined,
  parts: readonly DiffPart[] = DIFF_PARTS,
): PageDiff {
  const status = prev && cur ? 'both' : cur ? 'added' : 'removed';
  const on = (p: DiffPart) => parts.includes(p);
  const error = prev?.page.error ? `baseline: ${prev.page.error}` : cur?.page.error;
  const a = error ? EMPTY_PAGE : (prev?.page ?? EMPTY_PAGE);
  const b = error ? EMPTY_PAGE : (cur?.page ?? EMPTY_PAGE);
  const none = { added: [], removed: [] };
  const policy = policyChange(error ? undefined : prev?.page, error ? undefined : cur?.page);
  return {
    url,
    status,
    ...(error ? { error } : {}),
    trackers: on('trackers')
      ? setDiff(
          a.trackers.map((t) => t.vendor),
          b.trackers.map((t) => t.vendor),
        )
      : none,
    cookies: on('cookies')
      ? { ...setDiff(a.cookies.map(cookieKey), b.cookies.map(cookieKey)), changed: cookieChanges(a, prev?.at, b, cur?.at) }
      : { ...none, changed: [] },
    storage: on('storage')
      ? setDiff(
          a.storage.map((s) => `${s.area}:${s.key}`),
          b.storage.map((s) => `${s.area}:${s.key}`),
        )
      : none,
    thirdParties: on('thirdParties')
      ? setDiff(
          a.thirdParties.map((t) => t.host),
          b.thirdParties.map((t) => t.host),
        )
      : none,
    findings: on('findings') ? setDiff(a.findings.map(findingKey), b.findings.map(findingKey)) : none,
    disclosure: on('disclosure') ? disclosureChanges(a, b) : [],
    policy: on('policy') ? policy : { ...policy, changed: false, sentencesAdded: [], sentencesRemoved: [] },
  };
}

/** True when the page diff records no change at all. */
export function isUnchanged(p: PageDiff): boolean {
  return (
    p.status === 'both' &&
    !p.error &&
    [p.trackers, p.cookies, p.storage, p.thirdParties, p.findings].every((x) => x.added.length === 0 && x.removed.length === 0) &&
    p.cookies.changed.length === 0 &&
    p.disclosure.length === 0 &&
    !p.policy.changed
  );
}

/** The diff of two reports: pages matched by normalised URL, in the current report's order, then the pages only the baseline has. */
export function diffReports(baseline: Report, current: Report, opts: DiffOptions = {}): AuditDiff {
  const parts = opts.parts ?? DIFF_PARTS;
  const index = (r: Report) => {
    const m = new Map<string, ReportPage>();
    for (const p of r.pages) if (!m.has(normaliseUrl(p.url))) m.set(normaliseUrl(p.url), p);
    return m;
  };
  const before = index(baseline);
  const after = index(current);
  const pages: PageDiff[] = [];
  for (const [key, page] of after) {
    const prev = before.get(key);
    pages.push(diffPage(page.url, prev && { page: prev, at: visitTime(prev, baseline) }, { page, at: visitTime(page, current) }, parts));
  }
  if (!opts.onlyCurrentPages)
    for (const [key, page] of before)
      if (!after.has(key)) pages.push(diffPage(page.url, { page, at: visitTime(page, baseline) }, undefined, parts));
  return {
    schemaVersion: 1,
    baseline: { generatedAt: baseline.generatedAt, extensionVersion: baseline.extensionVersion },
    current: { generatedAt: current.generatedAt, extensionVersion: current.extensionVersion },
    notes: opts.notes ?? [],
    notCompared: DIFF_PARTS.filter((p) => !parts.includes(p)),
    pages,
  };
}
