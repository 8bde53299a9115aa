import type { Finding, ReportCookie, ReportPage, ReportTracker } from '../report/schema';

/**
 * "New since the previous visit of this URL" (issue #5, audit page). Pure: compares two
 * report pages of the same URL. Request URLs carry random ids and timestamps, so findings are
 * compared by a stable key (kind, vendor, clause and the evidence fields that name *what*,
 * not *when*), never by their full evidence.
 */
export interface ReportDiff {
  newTrackers: ReportTracker[];
  goneTrackers: string[];
  newCookies: ReportCookie[];
  goneCookies: string[];
  newFindings: Finding[];
  resolvedFindings: Finding[];
}

const KEY_FIELDS = ['field', 'encoding', 'host', 'param', 'cookie', 'attribute', 'rule', 'action', 'before'] as const;

export function findingKey(f: Finding): string {
  const ev = f.evidence ?? {};
  const parts = KEY_FIELDS.map((k) => (ev[k] === undefined ? '' : String(ev[k])));
  return [f.kind, f.vendor ?? '', f.clause ?? '', ...parts].join('\u0000');
}

export function cookieId(c: Pick<ReportCookie, 'name' | 'domain' | 'path'>): string {
  return `${c.name}@${c.domain}${c.path}`;
}

export function diffReports(prev: ReportPage | null | undefined, cur: ReportPage): ReportDiff {
  if (!prev) {
    return {
      newTrackers: [...cur.trackers],
      goneTrackers: [],
      newCookies: [...cur.cookies],
      goneCookies: [],
      newFindings: [...cur.findings],
      resolvedFindings: [],
    };
  }
  const prevTrackers = new Set(prev.trackers.map((t) => t.vendor));
  const curTrackers = new Set(cur.trackers.map((t) => t.vendor));
  const prevCookies = new Set(prev.cookies.map(cookieId));
  const curCookies = new Set(cur.cookies.map(cookieId));
  const prevFindings = new Set(prev.findings.map(findingKey));
  const curFindings = new Set(cur.findings.map(findingKey));
  return {
    newTrackers: cur.trackers.filter((t) => !prevTrackers.has(t.vendor)),
    goneTrackers: [...prevTrackers].filter((v) => !curTrackers.has(v)).sort(),
    newCookies: cur.cookies.filter((c) => !prevCookies.has(cookieId(c))),
    goneCookies: [...prevCookies].filter((c) => !curCookies.has(c)).sort(),
    newFindings: cur.findings.filter((f) => !prevFindings.has(findingKey(f))),
    resolvedFindings: prev.findings.filter((f) => !curFindings.has(findingKey(f))),
  };
}
