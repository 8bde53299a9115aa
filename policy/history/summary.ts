import type { ReportPage } from '../report/schema';
import type { PageSummary, StoredRow } from './schema';

/**
 * The per-page summary the audit page's list, filters, vendor summary and totals (and the
 * letter's list of observed vendors) are built from, so that none of them reads full records.
 */
export function summarize(rec: { id: string; url: string; time: number; policyVersion: string }, page: ReportPage): PageSummary {
  const counts = { high: 0, medium: 0, low: 0, info: 0 };
  const kinds: string[] = [];
  const byVendorKind = new Map<string, { vendor: string; kind: string; n: number }>();
  for (const f of page.findings) {
    counts[f.severity] += 1;
    if (!kinds.includes(f.kind)) kinds.push(f.kind);
    if (f.vendor) {
      const key = `${f.vendor}\u0000${f.kind}`;
      const cur = byVendorKind.get(key);
      if (cur) cur.n += 1;
      else byVendorKind.set(key, { vendor: f.vendor, kind: f.kind, n: 1 });
    }
  }
  const s: PageSummary = {
    id: rec.id,
    url: rec.url,
    title: page.title,
    time: rec.time,
    policyVersion: rec.policyVersion,
    counts,
    findings: page.findings.length,
    kinds,
    trackers: page.trackers.map((t) => ({
      vendor: t.vendor,
      name: t.name,
      category: t.category,
      ...(t.organization !== undefined ? { organization: t.organization } : {}),
      ...(t.country !== undefined ? { country: t.country } : {}),
      ...(t.disclosure !== undefined ? { disclosure: t.disclosure } : {}),
    })),
    vendorFindings: [...byVendorKind.values()],
  };
  if (page.finalUrl !== rec.url) s.finalUrl = page.finalUrl;
  if (page.error !== undefined) s.error = page.error;
  return s;
}

/** A summary as its list row (store "rows"): its severity counts as flat fields for the byFindings index. */
export function rowOf(s: PageSummary): StoredRow {
  return { ...s, h: s.counts.high, m: s.counts.medium, l: s.counts.low, i: s.counts.info };
}
