import type { Report } from '../policy/report/schema';
import { FINDING_KINDS } from '../policy/findings/types';

/** A plain-text summary table of a report: one row per page, then one per vendor. */
export function summaryTable(report: Report): string {
  const rows: string[][] = [['page', 'trackers', 'cookies', 'storage', '3rd-party hosts', 'unidentified', 'findings']];
  for (const p of report.pages) {
    if (p.error) {
      rows.push([p.url, 'ERROR', '', '', '', '', '']);
      continue;
    }
    rows.push([
      p.url,
      String(p.trackers.length),
      String(p.cookies.length),
      String(p.storage.length),
      String(p.thirdParties.length),
      String(p.thirdParties.filter((t) => !t.vendor).length),
      String(p.findings.length),
    ]);
  }
  const vendors = new Map<string, { name: string; pages: number; requests: number; disclosure: string }>();
  for (const p of report.pages)
    for (const t of p.trackers) {
      const v = vendors.get(t.vendor) ?? { name: t.name, pages: 0, requests: 0, disclosure: t.disclosure ?? '' };
      v.pages += 1;
      v.requests += t.requests;
      if (t.disclosure === 'contradicted' || (t.disclosure === 'undisclosed' && v.disclosure !== 'contradicted'))
        v.disclosure = t.disclosure;
      vendors.set(t.vendor, v);
    }
  const vrows: string[][] = [['vendor', 'name', 'pages', 'requests', 'disclosure']];
  for (const [id, v] of [...vendors].sort((a, b) => b[1].requests - a[1].requests))
    vrows.push([id, v.name, String(v.pages), String(v.requests), v.disclosure || '-']);
  return `${table(rows)}\n\n${table(vrows)}`;
}

/** Findings per kind and severity over all pages (empty string when there are none). */
export function findingsByKindTable(report: Report): string {
  const counts = new Map<string, { pages: Set<string>; high: number; medium: number; low: number; info: number }>();
  for (const p of report.pages)
    for (const f of p.findings) {
      const c = counts.get(f.kind) ?? { pages: new Set<string>(), high: 0, medium: 0, low: 0, info: 0 };
      c.pages.add(p.url);
      c[f.severity]++;
      counts.set(f.kind, c);
    }
  if (counts.size === 0) return '';
  const rank = (k: string) => {
    const i = (FINDING_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? FINDING_KINDS.length : i;
  };
  const rows: string[][] = [['finding', 'pages', 'high', 'medium', 'low', 'info']];
  for (const [kind, c] of [...counts].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0])))
    rows.push([kind, String(c.pages.size), String(c.high), String(c.medium), String(c.low), String(c.info)]);
  return table(rows);
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ');
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}
