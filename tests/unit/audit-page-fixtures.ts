import type { HistoryRecord } from '../../policy/export/history-record';
import type { PageSummary } from '../../policy/history/schema';
import { summarize } from '../../policy/history/summary';
import type { Disclosure, Finding, ReportCookie, ReportPage, ReportTracker } from '../../policy/report/schema';

/** Plain history records for the audit page tests. */
export function tracker(
  vendor: string,
  name: string,
  disclosure: Disclosure | undefined,
  extra: Partial<ReportTracker> = {},
): ReportTracker {
  return {
    vendor,
    name,
    category: 'analytics',
    hosts: [`${vendor}.example`],
    requests: 1,
    cookies: [],
    storage: [],
    features: [],
    parts: [],
    purposes: [],
    quotes: [],
    ...(disclosure ? { disclosure } : {}),
    ...extra,
  };
}

export function cookie(name: string, domain: string, extra: Partial<ReportCookie> = {}): ReportCookie {
  return {
    name,
    value: 'v',
    domain,
    path: '/',
    firstParty: domain.endsWith('pro-medika.ru'),
    httpOnly: false,
    secure: true,
    sameSite: 'lax',
    expires: null,
    session: true,
    partitioned: false,
    size: name.length + 1,
    vendor: null,
    purposes: [],
    ...extra,
  };
}

export function auditRecord(o: {
  id: string;
  url: string;
  time: number;
  title?: string;
  trackers?: ReportTracker[];
  findings?: Finding[];
  cookies?: ReportCookie[];
  page?: Partial<ReportPage>;
}): HistoryRecord {
  return {
    id: o.id,
    url: o.url,
    time: o.time,
    pageId: o.id,
    policyVersion: '2024-01',
    bytes: 100,
    report: {
      url: o.url,
      finalUrl: o.url,
      title: o.title ?? '',
      requestCount: 3,
      trackers: o.trackers ?? [],
      cookies: o.cookies ?? [],
      storage: [],
      thirdParties: [],
      findings: o.findings ?? [],
      policy: { version: '2024-01', changed: false },
      ...o.page,
    },
  };
}

/** The summary the history store keeps for a record. */
export function summaryOf(r: HistoryRecord): PageSummary {
  return summarize(r, r.report);
}
