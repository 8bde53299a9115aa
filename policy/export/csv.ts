import Papa from 'papaparse';
import type { Report, ReportPage } from '../report/schema';

/**
 * CSV export (issue #5): four tables (pages, cookies, requests, findings) written with
 * papaparse's unparse (5.7.1). Every string cell that a spreadsheet would read as a formula
 * gets a leading apostrophe: OWASP "CSV Injection"
 * (https://owasp.org/www-community/attacks/CSV_Injection) lists =, +, -, @, TAB and CR as
 * the characters to neutralise. Cookie values, URLs and titles come from the web page, so
 * they are attacker-controlled.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

// Quotes only where needed (separators, quotes, newlines, edge spaces).
const CONFIG = { quotes: false, newline: '\r\n', escapeFormulae: false } as const;

const list = (xs: readonly string[] | undefined): string => (xs ?? []).join('; ');

/** "Google LLC (US)", in trackerVendors' order; "?" for an unknown country (issue 13). */
const recipientCell = (t: ReportPage['trackers'][number]): string => `${t.organization ?? t.name} (${t.country ?? '?'})`;

export const CSV_PARTS = ['pages', 'cookies', 'requests', 'findings'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];

export interface CsvExport {
  pages: string;
  cookies: string;
  requests: string;
  findings: string;
}

export const CSV_FIELDS: Record<CsvPart, string[]> = {
  pages: [
    'url',
    'finalUrl',
    'title',
    'startedAt',
    'requestCount',
    'trackers',
    'trackerVendors',
    'trackerRecipients',
    'cookies',
    'storage',
    'thirdParties',
    'findings',
    'findingsHigh',
    'findingsMedium',
    'policyVersion',
    'error',
  ],
  cookies: [
    'pageUrl',
    'name',
    'domain',
    'path',
    'firstParty',
    'vendor',
    'feature',
    'httpOnly',
    'secure',
    'sameSite',
    'expires',
    'session',
    'partitioned',
    'size',
    'disclosure',
    'purposes',
  ],
  requests: ['pageUrl', 'host', 'site', 'vendor', 'requests', 'types', 'likelyTracking', 'reasons', 'setCookie', 'disclosure'],
  findings: ['pageUrl', 'kind', 'severity', 'vendor', 'clause', 'titleRu', 'titleEn', 'evidence'],
};

function rowsOf(p: ReportPage, part: CsvPart): unknown[][] {
  switch (part) {
    case 'pages': {
      let high = 0;
      let medium = 0;
      for (const f of p.findings) {
        if (f.severity === 'high') high += 1;
        else if (f.severity === 'medium') medium += 1;
      }
      return [
        [
          p.url,
          p.finalUrl,
          p.title,
          p.startedAt ?? '',
          p.requestCount,
          p.trackers.length,
          list(p.trackers.map((t) => t.vendor)),
          list(p.trackers.map(recipientCell)),
          p.cookies.length,
          p.storage.length,
          p.thirdParties.length,
          p.findings.length,
          high,
          medium,
          p.policy?.version ?? '',
          p.error ?? '',
        ],
      ];
    }
    case 'cookies':
      return p.cookies.map((c) => [
        p.url,
        c.name,
        c.domain,
        c.path,
        c.firstParty,
        c.vendor ?? '',
        c.feature ?? '',
        c.httpOnly,
        c.secure,
        c.sameSite,
        c.expires ?? '',
        c.session,
        c.partitioned,
        c.size,
        c.disclosure ?? '',
        list(c.purposes),
      ]);
    case 'requests':
      return p.thirdParties.map((t) => [
        p.url,
        t.host,
        t.site,
        t.vendor ?? '',
        t.requests,
        list(t.types),
        t.likelyTracking,
        list(t.reasons),
        t.setCookie,
        t.disclosure ?? '',
      ]);
    case 'findings':
      return p.findings.map((f) => [
        p.url,
        f.kind,
        f.severity,
        f.vendor ?? '',
        f.clause ?? '',
        f.title?.ru ?? '',
        f.title?.en ?? '',
        JSON.stringify(f.evidence),
      ]);
  }
}

/**
 * The CSV tables written as pages come in (an export of 10,000 history records never holds
 * them all): each sink gets the header, then its rows batch by batch. The text is exactly
 * what toCsv writes for the same pages.
 */
export function csvExporter(sinks: Partial<Record<CsvPart, (chunk: string) => void>>): {
  add(pages: readonly ReportPage[]): void;
  end(): void;
} {
  const parts = CSV_PARTS.filter((p) => sinks[p]);
  // papaparse writes a header alone as "a,b\r\n" and a header with rows as "a,b\r\n1,2\r\n3,4":
  // the first batch of rows follows the header directly, later ones after a newline.
  const started = new Set<CsvPart>();
  for (const part of parts) sinks[part]!(Papa.unparse({ fields: CSV_FIELDS[part], data: [] }, CONFIG));
  return {
    add(pages) {
      for (const part of parts) {
        const rows: unknown[][] = [];
        for (const p of pages) for (const r of rowsOf(p, part)) rows.push(r.map(guardCell));
        if (!rows.length) continue;
        sinks[part]!(`${started.has(part) ? '\r\n' : ''}${Papa.unparse(rows, CONFIG)}`);
        started.add(part);
      }
    },
    end() {},
  };
}

/** The four tables of a report, through csvExporter (the one implementation). */
export function toCsv(report: Report): CsvExport {
  const out: CsvExport = { pages: '', cookies: '', requests: '', findings: '' };
  const x = csvExporter(Object.fromEntries(CSV_PARTS.map((part) => [part, (c: string) => (out[part] += c)])));
  x.add(report.pages);
  x.end();
  return out;
}
