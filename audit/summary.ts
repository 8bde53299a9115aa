import type { Report } from '../policy/report/schema';

/** A plain-text summary table of a report: one row per page, then one per vendor. */
export function summaryTable(report: Report): string {
  const rows: string[][] = [['page', 'trackers', 'cookies', 'storage', '3rd-party hosts', 'unidentified', 'findings']];
  for (const p of report.pages) {
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
      if (t.disclosure === 'contradicted' || (t.disclosure === 'undisclosed' && v.disclosure !== 'contradicted')) v.disclosure = t.disclosure;
      vendors.set(t.vendor, v);
    }
  const vrows: string[][] = [['vendor', 'name', 'pages', 'requests', 'disclosure']];
  for (const [id, v] of [...vendors].sort((a, b) => b[1].requests - a[1].requests)) vrows.push([id, v.name, String(v.pages), String(v.requests), v.disclosure || '-']);
  return `${table(rows)}\n\n${table(vrows)}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ');
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}
