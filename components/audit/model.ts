import type { PageSummary } from '../../policy/history/schema';
import { FINDING_KINDS } from '../../policy/findings/types';
import {
  DISCLOSURES,
  SEVERITIES,
  type DisclosureFilter,
  type HistoryOverview,
  type SeverityCounts,
  type VendorSummary,
} from '../../policy/history/aggregates';

/**
 * Pure view logic of the audit page (issue #5): one pass over the page summaries
 * (policy/history/summary.ts; full records are read only for a detail view or an export)
 * builds the page rows (with severity counts), the vendor summary and the filter options;
 * filtering and sorting work on those rows. No DOM, no browser API: unit-tested on plain
 * summaries, and cheap enough for 10,000 of them (the bench renders the page with that many).
 */

// Shared with the stored aggregates (issue #5): the first screen and the full model agree.
export {
  DISCLOSURES,
  SEVERITIES,
  type DisclosureFilter,
  type Severity,
  type SeverityCounts,
  type VendorSummary,
} from '../../policy/history/aggregates';

export interface PageRow {
  id: string;
  url: string;
  title: string;
  time: number;
  summary: PageSummary;
  counts: SeverityCounts;
  findings: number;
}

/** Vendors seen on a page: its trackers and the vendors its findings name. */
export function rowHasVendor(r: PageRow, vendor: string): boolean {
  const s = r.summary;
  return s.trackers.some((t) => t.vendor === vendor) || s.vendorFindings.some((f) => f.vendor === vendor);
}

export function rowHasKind(r: PageRow, kind: string): boolean {
  return r.summary.kinds.includes(kind);
}

/** A tracker on the page with this disclosure status ("unknown" when not assessed). */
export function rowHasDisclosure(r: PageRow, d: DisclosureFilter): boolean {
  return r.summary.trackers.some((t) => (t.disclosure ?? 'unknown') === d);
}

export interface AuditModel {
  /** Rows in "by findings" order (most severe first, then newest). */
  byFindings: PageRow[];
  /** Rows newest first. */
  byTime: PageRow[];
  vendors: VendorSummary[];
  /** Finding kinds present, in the engine's order, unknown kinds after. */
  kinds: string[];
  totals: SeverityCounts;
  /** Distinct URLs. */
  urls: number;
}

export function emptyCounts(): SeverityCounts {
  return { high: 0, medium: 0, low: 0, info: 0 };
}

/** Most severe first: high, then medium, low, info; ties newest first. */
export function compareByFindings(a: PageRow, b: PageRow): number {
  for (const s of SEVERITIES) {
    const d = b.counts[s] - a.counts[s];
    if (d !== 0) return d;
  }
  return b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function compareByTime(a: PageRow, b: PageRow): number {
  return b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface VendorAcc {
  vendor: string;
  name: string;
  pages: number;
  findings: Record<string, number>;
  findingTotal: number;
  disclosures: Set<DisclosureFilter>;
  /** Index (1-based) of the last record that counted this vendor. */
  lastRecord: number;
}

/** The list row of a summary. */
export function rowOf(summary: PageSummary, counts: SeverityCounts = { ...summary.counts }): PageRow {
  return { id: summary.id, url: summary.url, title: summary.title, time: summary.time, summary, counts, findings: summary.findings };
}

/**
 * The model of the audit page's first screen (issue #5: first render with 10,000 records
 * <= 300 ms), before the summaries are in: overview, vendor summary and filter options from
 * the stored aggregates (policy/history/aggregates.ts overviewOf), and the first rows by
 * findings as the store's byFindings index gave them. `byTime` holds the same rows: the order
 * cannot change until the full list is in (the page disables it meanwhile).
 */
export function firstScreenModel(overview: HistoryOverview, first: readonly PageSummary[]): AuditModel {
  const rows = first.map((s) => rowOf(s));
  return { byFindings: rows, byTime: rows, vendors: overview.vendors, kinds: overview.kinds, totals: overview.totals, urls: overview.urls };
}

/** Builds everything the page shows in one pass over the summaries. */
export function buildModel(summaries: readonly PageSummary[]): AuditModel {
  const rows: PageRow[] = [];
  const vendors = new Map<string, VendorAcc>();
  const kinds = new Set<string>();
  const totals = emptyCounts();
  const urls = new Set<string>();
  const vendorOf = (id: string, name?: string): VendorAcc => {
    let v = vendors.get(id);
    if (!v) {
      v = { vendor: id, name: name ?? id, pages: 0, findings: {}, findingTotal: 0, disclosures: new Set(), lastRecord: 0 };
      vendors.set(id, v);
    } else if (name && v.name === id) v.name = name;
    return v;
  };
  // One pass, few allocations per record (10,000 records must render in well under 300 ms).
  let index = 0;
  for (const summary of summaries) {
    index += 1;
    const counts: SeverityCounts = { ...summary.counts };
    for (const s of SEVERITIES) totals[s] += counts[s];
    for (const k of summary.kinds) kinds.add(k);
    for (const t of summary.trackers) {
      const d: DisclosureFilter = t.disclosure ?? 'unknown';
      const v = vendorOf(t.vendor, t.name);
      v.disclosures.add(d);
      if (v.lastRecord !== index) {
        v.lastRecord = index;
        v.pages += 1;
      }
    }
    for (const f of summary.vendorFindings) {
      const v = vendorOf(f.vendor);
      if (v.lastRecord !== index) {
        v.lastRecord = index;
        v.pages += 1;
      }
      v.findings[f.kind] = (v.findings[f.kind] ?? 0) + f.n;
      v.findingTotal += f.n;
    }
    urls.add(summary.url);
    rows.push(rowOf(summary, counts));
  }
  const byTime = rows.slice().sort(compareByTime);
  const byFindings = rows.sort(compareByFindings);
  const known = FINDING_KINDS.filter((k) => kinds.has(k));
  const other = [...kinds].filter((k) => !(FINDING_KINDS as readonly string[]).includes(k)).sort();
  const vendorList: VendorSummary[] = [...vendors.values()]
    .map((v) => ({
      vendor: v.vendor,
      name: v.name,
      pages: v.pages,
      findings: v.findings,
      findingTotal: v.findingTotal,
      disclosures: DISCLOSURES.filter((d) => v.disclosures.has(d)),
    }))
    .sort((a, b) => b.pages - a.pages || b.findingTotal - a.findingTotal || a.name.localeCompare(b.name));
  return { byFindings, byTime, vendors: vendorList, kinds: [...known, ...other], totals, urls: urls.size };
}

export interface AuditFilter {
  /** '' = any. */
  kind: string;
  vendor: string;
  disclosure: '' | DisclosureFilter;
  /** Case-insensitive substring of the URL or title; '' = any. */
  query: string;
}

export const NO_FILTER: AuditFilter = { kind: '', vendor: '', disclosure: '', query: '' };

export function isFiltered(f: AuditFilter): boolean {
  return f.kind !== '' || f.vendor !== '' || f.disclosure !== '' || f.query.trim() !== '';
}

export function filterRows(rows: readonly PageRow[], f: AuditFilter): PageRow[] {
  if (!isFiltered(f)) return rows as PageRow[];
  const q = f.query.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.kind === '' || rowHasKind(r, f.kind)) &&
      (f.vendor === '' || rowHasVendor(r, f.vendor)) &&
      (f.disclosure === '' || rowHasDisclosure(r, f.disclosure)) &&
      (q === '' || r.url.toLowerCase().includes(q) || r.title.toLowerCase().includes(q)),
  );
}

/**
 * The latest page of the same URL strictly before `rec` (in-memory twin of
 * store/history.ts previousVisit, over the summaries the page already has).
 */
export function previousInMemory<T extends { id: string; url: string; time: number }>(
  items: readonly T[],
  rec: { id: string; url: string; time: number },
): T | null {
  let best: T | null = null;
  for (const r of items) {
    if (r.url === rec.url && r.time < rec.time && r.id !== rec.id && (!best || r.time > best.time)) best = r;
  }
  return best;
}

/** "12,3 КБ" / "12.3 KB": binary units, one decimal from KB up. */
export function formatBytes(bytes: number, lang: 'ru' | 'en'): string {
  const units = lang === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  const n = i === 0 ? String(Math.round(v)) : v.toFixed(1);
  return `${lang === 'ru' ? n.replace('.', ',') : n} ${units[i]}`;
}

/** File name for an export: pro-medika-audit-2026-01-02T10-00-00[-part].ext */
export function exportFileName(date: Date, ext: string, part?: string): string {
  const stamp = date.toISOString().slice(0, 19).replace(/:/g, '-');
  return `pro-medika-audit-${stamp}${part ? `-${part}` : ''}.${ext}`;
}
