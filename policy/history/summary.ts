import type { ReportPage } from '../report/schema';
import { PackedSummarySchema, type BucketVendor, type PageSummary, type SummaryBucket } from './schema';

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
      ...(t.disclosure !== undefined ? { disclosure: t.disclosure } : {}),
    })),
    vendorFindings: [...byVendorKind.values()],
  };
  if (page.finalUrl !== rec.url) s.finalUrl = page.finalUrl;
  if (page.error !== undefined) s.error = page.error;
  return s;
}

const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'] as const;

/** Adds a summary to a bucket in its stored form (the bucket's vendor table grows as needed). */
export function packSummary(bucket: SummaryBucket, s: PageSummary): void {
  const index = (t: PageSummary['trackers'][number]): number => {
    const org = t.organization ?? null;
    let i = bucket.vendors.findIndex((v) => v[0] === t.vendor && v[1] === t.name && v[2] === t.category && v[3] === org);
    if (i < 0) i = bucket.vendors.push([t.vendor, t.name, t.category, org] satisfies BucketVendor) - 1;
    return i;
  };
  bucket.items.push({
    id: s.id,
    url: s.url,
    ...(s.finalUrl !== undefined ? { f: s.finalUrl } : {}),
    title: s.title,
    time: s.time,
    pv: s.policyVersion,
    c: [s.counts.high, s.counts.medium, s.counts.low, s.counts.info],
    k: s.kinds,
    t: s.trackers.map((t) => [index(t), t.disclosure ?? null]),
    vf: s.vendorFindings.map((v) => [v.vendor, v.kind, v.n]),
    ...(s.error !== undefined ? { e: s.error } : {}),
  });
}

/** Removes a bucket's summaries by id and drops vendor-table entries nothing uses any more. */
export function removeFromBucket(bucket: SummaryBucket, ids: ReadonlySet<string>): boolean {
  const before = bucket.items.length;
  bucket.items = bucket.items.filter((s) => !ids.has((s as { id?: unknown })?.id as string));
  if (bucket.items.length === before) return false;
  const used = new Set<number>();
  for (const s of bucket.items) for (const [i] of s.t ?? []) used.add(i);
  if (used.size < bucket.vendors.length) {
    const remap = new Map<number, number>();
    const vendors: BucketVendor[] = [];
    bucket.vendors.forEach((v, i) => {
      if (used.has(i)) remap.set(i, vendors.push(v) - 1);
    });
    bucket.vendors = vendors;
    bucket.items = bucket.items.map((s) => ({ ...s, t: s.t.map(([i, d]) => [remap.get(i)!, d]) }));
  }
  return true;
}

/** The readable summary of a stored one; null when it does not validate. */
export function unpackSummary(raw: unknown, vendors: readonly BucketVendor[]): PageSummary | null {
  const r = PackedSummarySchema.safeParse(raw);
  if (!r.success) return null;
  const p = r.data;
  const trackers: PageSummary['trackers'] = [];
  for (const [i, d] of p.t) {
    const v = vendors[i];
    if (!v) return null;
    trackers.push({ vendor: v[0], name: v[1], category: v[2], ...(v[3] !== null ? { organization: v[3] } : {}), ...(d !== null ? { disclosure: d } : {}) });
  }
  const counts = { high: p.c[0], medium: p.c[1], low: p.c[2], info: p.c[3] };
  const s: PageSummary = {
    id: p.id,
    url: p.url,
    title: p.title,
    time: p.time,
    policyVersion: p.pv,
    counts,
    findings: SEVERITY_ORDER.reduce((n, k) => n + counts[k], 0),
    kinds: p.k,
    trackers,
    vendorFindings: p.vf.map(([vendor, kind, n]) => ({ vendor, kind, n })),
  };
  if (p.f !== undefined) s.finalUrl = p.f;
  if (p.e !== undefined) s.error = p.e;
  return s;
}
