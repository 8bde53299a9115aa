import Papa from 'papaparse';
import type { Report } from '../report/schema';

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

function table(fields: string[], rows: unknown[][]): string {
  return Papa.unparse(
    { fields, data: rows.map((r) => r.map(guardCell)) },
    // Quote only where needed (separators, quotes, newlines, edge spaces): quoting every cell
    // doubles the time of a 10,000-page export (issue #5 bench) for no gain in correctness.
    { quotes: false, newline: '\r\n', escapeFormulae: false },
  );
}

const list = (xs: readonly string[] | undefined): string => (xs ?? []).join('; ');

export interface CsvExport {
  pages: string;
  cookies: string;
  requests: string;
  findings: string;
}

export function toCsv(report: Report): CsvExport {
  const pages: unknown[][] = [];
  const cookies: unknown[][] = [];
  const requests: unknown[][] = [];
  const findings: unknown[][] = [];
  for (const p of report.pages) {
    const sev = (s: string) => p.findings.filter((f) => f.severity === s).length;
    pages.push([
      p.url,
      p.finalUrl,
      p.title,
      p.startedAt ?? '',
      p.requestCount,
      p.trackers.length,
      list(p.trackers.map((t) => t.vendor)),
      p.cookies.length,
      p.storage.length,
      p.thirdParties.length,
      p.findings.length,
      sev('high'),
      sev('medium'),
      p.policy?.version ?? '',
      p.error ?? '',
    ]);
    for (const c of p.cookies)
      cookies.push([p.url, c.name, c.domain, c.path, c.firstParty, c.vendor ?? '', c.feature ?? '', c.httpOnly, c.secure, c.sameSite, c.expires ?? '', c.session, c.partitioned, c.size, c.disclosure ?? '', list(c.purposes)]);
    for (const t of p.thirdParties)
      requests.push([p.url, t.host, t.site, t.vendor ?? '', t.requests, list(t.types), t.likelyTracking, list(t.reasons), t.setCookie, t.disclosure ?? '']);
    for (const f of p.findings)
      findings.push([p.url, f.kind, f.severity, f.vendor ?? '', f.clause ?? '', f.title?.ru ?? '', f.title?.en ?? '', JSON.stringify(f.evidence)]);
  }
  return {
    pages: table(
      ['url', 'finalUrl', 'title', 'startedAt', 'requestCount', 'trackers', 'trackerVendors', 'cookies', 'storage', 'thirdParties', 'findings', 'findingsHigh', 'findingsMedium', 'policyVersion', 'error'],
      pages,
    ),
    cookies: table(
      ['pageUrl', 'name', 'domain', 'path', 'firstParty', 'vendor', 'feature', 'httpOnly', 'secure', 'sameSite', 'expires', 'session', 'partitioned', 'size', 'disclosure', 'purposes'],
      cookies,
    ),
    requests: table(['pageUrl', 'host', 'site', 'vendor', 'requests', 'types', 'likelyTracking', 'reasons', 'setCookie', 'disclosure'], requests),
    findings: table(['pageUrl', 'kind', 'severity', 'vendor', 'clause', 'titleRu', 'titleEn', 'evidence'], findings),
  };
}
