import type { ReportPage } from '../report/schema';
import { PackedBucketSchema, PackedSummarySchema, SummaryBucketSchema, type BucketVendor, type PackedSummary, type PageSummary, type StoredRow, type SummaryBucket } from './schema';

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


export function emptyBucket(bucket: number): SummaryBucket {
  return { bucket, strings: [], vendors: [], items: [] };
}

/** Adds a summary to a bucket in its stored form (the bucket's tables grow as needed). */
export function packSummary(bucket: SummaryBucket, s: PageSummary): void {
  // A map per call: buckets hold at most a few hundred strings.
  const index = new Map(bucket.strings.map((x, i) => [x, i]));
  const str = (x: string): number => {
    let i = index.get(x);
    if (i === undefined) {
      i = bucket.strings.push(x) - 1;
      index.set(x, i);
    }
    return i;
  };
  const vendor = (t: PageSummary['trackers'][number]): number => {
    const org = t.organization ?? null;
    let i = bucket.vendors.findIndex((v) => v[0] === t.vendor && v[1] === t.name && v[2] === t.category && v[3] === org);
    if (i < 0) i = bucket.vendors.push([t.vendor, t.name, t.category, org] satisfies BucketVendor) - 1;
    return i;
  };
  bucket.items.push({
    id: s.id,
    u: str(s.url),
    ...(s.finalUrl !== undefined ? { f: str(s.finalUrl) } : {}),
    ti: str(s.title),
    time: s.time,
    pv: str(s.policyVersion),
    c: [s.counts.high, s.counts.medium, s.counts.low, s.counts.info],
    k: s.kinds.map(str),
    t: s.trackers.map((t) => [vendor(t), t.disclosure ?? null]),
    vf: s.vendorFindings.map((v) => [str(v.vendor), str(v.kind), v.n]),
    ...(s.error !== undefined ? { e: s.error } : {}),
  });
}

/**
 * Removes a bucket's summaries by id, and every string and vendor nothing else in the bucket
 * uses: a deleted page's URL and title must not linger in its bucket.
 */
export function removeFromBucket(bucket: SummaryBucket, ids: ReadonlySet<string>): boolean {
  const before = bucket.items.length;
  bucket.items = bucket.items.filter((s) => !ids.has((s as { id?: unknown })?.id as string));
  if (bucket.items.length === before) return false;
  const usedS = new Set<number>();
  const usedV = new Set<number>();
  for (const s of bucket.items) {
    usedS.add(s.u);
    if (s.f !== undefined) usedS.add(s.f);
    usedS.add(s.ti);
    usedS.add(s.pv);
    for (const k of s.k) usedS.add(k);
    for (const [v, k] of s.vf) {
      usedS.add(v);
      usedS.add(k);
    }
    for (const [i] of s.t) usedV.add(i);
  }
  const compact = <T>(xs: T[], used: Set<number>): { kept: T[]; map: Map<number, number> } => {
    const map = new Map<number, number>();
    const kept: T[] = [];
    xs.forEach((x, i) => {
      if (used.has(i)) map.set(i, kept.push(x) - 1);
    });
    return { kept, map };
  };
  const S = compact(bucket.strings, usedS);
  const V = compact(bucket.vendors, usedV);
  const m = (i: number) => S.map.get(i)!;
  bucket.strings = S.kept;
  bucket.vendors = V.kept;
  bucket.items = bucket.items.map((s) => ({
    ...s,
    u: m(s.u),
    ...(s.f !== undefined ? { f: m(s.f) } : {}),
    ti: m(s.ti),
    pv: m(s.pv),
    k: s.k.map(m),
    t: s.t.map(([i, d]) => [V.map.get(i)!, d]),
    vf: s.vf.map(([v, k, n]) => [m(v), m(k), n]),
  }));
  return true;
}

/** Every index of every summary points into its bucket's tables. */
export function bucketIndexesOk(b: { strings: readonly string[]; vendors: readonly BucketVendor[]; items: readonly PackedSummary[] }): boolean {
  const ns = b.strings.length;
  const nv = b.vendors.length;
  const ok = (i: number) => i < ns;
  for (const p of b.items) {
    if (!ok(p.u) || !ok(p.ti) || !ok(p.pv) || (p.f !== undefined && !ok(p.f))) return false;
    for (const k of p.k) if (!ok(k)) return false;
    for (const [v, k] of p.vf) if (!ok(v) || !ok(k)) return false;
    for (const [i] of p.t) if (i >= nv) return false;
  }
  return true;
}

/** The readable summary of a stored one; null when it does not validate or points outside its bucket's tables. */
export function unpackSummary(raw: unknown, strings: readonly string[], vendors: readonly BucketVendor[]): PageSummary | null {
  const r = PackedSummarySchema.safeParse(raw);
  if (!r.success) return null;
  return bucketIndexesOk({ strings, vendors, items: [r.data] }) ? unpackValid(r.data, strings, vendors) : null;
}

/** The readable summary of a validated one whose indexes are known to be in range (bucketIndexesOk). */
export function unpackValid(p: PackedSummary, strings: readonly string[], vendors: readonly BucketVendor[]): PageSummary {
  let bad = false;
  const str = (i: number): string => {
    const x = strings[i];
    if (x === undefined) bad = true;
    return x;
  };
  const trackers: PageSummary['trackers'] = [];
  for (const [i, d] of p.t) {
    const v = vendors[i];
    if (!v) throw new RangeError('summary index out of range');
    trackers.push({ vendor: v[0], name: v[1], category: v[2], ...(v[3] !== null ? { organization: v[3] } : {}), ...(d !== null ? { disclosure: d } : {}) });
  }
  const counts = { high: p.c[0], medium: p.c[1], low: p.c[2], info: p.c[3] };
  const s: PageSummary = {
    id: p.id,
    url: str(p.u),
    title: str(p.ti),
    time: p.time,
    policyVersion: str(p.pv),
    counts,
    findings: counts.high + counts.medium + counts.low + counts.info,
    kinds: p.k.map(str),
    trackers,
    vendorFindings: p.vf.map(([vendor, kind, n]) => ({ vendor: str(vendor), kind: str(kind), n })),
  };
  if (p.f !== undefined) s.finalUrl = str(p.f);
  if (p.e !== undefined) s.error = p.e;
  if (bad) throw new RangeError('summary index out of range');
  return s;
}

/**
 * The summaries of a stored bucket, validated: in one call when the bucket is sound (the usual
 * case: 100 summaries per call, not 100 calls), item by item when it is not, so one bad
 * summary costs one row. `skipped`: summaries (or a whole unreadable bucket, as 1) left out.
 */
export function readBucket(raw: unknown): { summaries: PageSummary[]; skipped: number } {
  const summaries: PageSummary[] = [];
  const whole = PackedBucketSchema.safeParse(raw);
  if (whole.success && bucketIndexesOk(whole.data)) {
    for (const item of whole.data.items) summaries.push(unpackValid(item, whole.data.strings, whole.data.vendors));
    return { summaries, skipped: 0 };
  }
  const b = SummaryBucketSchema.safeParse(raw);
  if (!b.success) return { summaries, skipped: 1 };
  let skipped = 0;
  for (const item of b.data.items) {
    const s = unpackSummary(item, b.data.strings, b.data.vendors);
    if (s) summaries.push(s);
    else skipped += 1;
  }
  return { summaries, skipped };
}

/** A summary as its list row (store "rows", schema v5): its severity counts as flat fields for the byFindings index. */
export function rowOf(s: PageSummary): StoredRow {
  return { ...s, h: s.counts.high, m: s.counts.medium, l: s.counts.low, i: s.counts.info };
}
