import { FINDING_KINDS } from '../findings/types';
import type { Disclosure } from '../report/schema';
import type { Aggregates, PageSummary } from './schema';

/**
 * Running aggregates of the page summaries (store "meta", store/db.ts): totals by
 * severity, distinct URLs, finding kinds present and the vendor summary. The store adds and
 * subtracts one row at a time in the same transaction that writes or removes its record
 * (store/history.ts), so the audit page's first screen reads one value instead of 10,000
 * summaries. The audit page's in-memory model (components/audit/model.ts) is built with the
 * same functions, so both give the same overview for the same summaries (tested).
 */

export const AGGREGATES_KEY = 'history-aggregates';

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Record<Severity, number>;

export type DisclosureFilter = Disclosure | 'unknown';
export const DISCLOSURES: readonly DisclosureFilter[] = ['named', 'generic', 'undisclosed', 'contradicted', 'unknown'];

export interface VendorSummary {
  vendor: string;
  name: string;
  /** Pages (records) on which the vendor was seen as a tracker or named by a finding. */
  pages: number;
  /** Findings naming this vendor, by kind. */
  findings: Record<string, number>;
  findingTotal: number;
  disclosures: DisclosureFilter[];
}

/** What the audit page's overview, vendor summary and filter options show. */
export interface HistoryOverview {
  pages: number;
  /** Distinct URLs. */
  urls: number;
  totals: SeverityCounts;
  /** Finding kinds present, in the engine's order, unknown kinds after. */
  kinds: string[];
  vendors: VendorSummary[];
}

export function emptyAggregates(): Aggregates {
  return { key: AGGREGATES_KEY, pages: 0, urls: 0, totals: [0, 0, 0, 0], kinds: {}, vendors: {} };
}

function bump(map: Record<string, number>, key: string, by: number): void {
  const n = (map[key] ?? 0) + by;
  if (n > 0) map[key] = n;
  else delete map[key];
}

/**
 * Adds (sign 1) or subtracts (sign -1) one summary. Distinct URLs are not counted here: the
 * caller knows whether the URL is new or gone (the store asks its byUrl index; aggregatesOf
 * counts a set). Subtracting a summary that was never added leaves counts that are wrong, but
 * never negative.
 */
export function applySummary(a: Aggregates, s: PageSummary, sign: 1 | -1): void {
  a.pages = Math.max(0, a.pages + sign);
  const c = [s.counts.high, s.counts.medium, s.counts.low, s.counts.info];
  for (let i = 0; i < 4; i++) a.totals[i] = Math.max(0, a.totals[i] + sign * c[i]);
  for (const k of s.kinds) bump(a.kinds, k, sign);
  // A vendor counts once per page, whether it is a tracker, named by findings, or both.
  const seen = new Set<string>();
  const vendor = (id: string, name?: string) => {
    let v = a.vendors[id];
    if (!v) {
      v = { name: name ?? id, pages: 0, findings: {}, disclosures: {} };
      a.vendors[id] = v;
    } else if (name && v.name === id) v.name = name;
    if (!seen.has(id)) {
      seen.add(id);
      v.pages += sign;
    }
    return v;
  };
  for (const t of s.trackers) bump(vendor(t.vendor, t.name).disclosures, t.disclosure ?? 'unknown', sign);
  for (const f of s.vendorFindings) bump(vendor(f.vendor).findings, f.kind, sign * f.n);
  for (const id of seen) if (a.vendors[id].pages <= 0) delete a.vendors[id];
}

/** The aggregates of a list of summaries. */
export function aggregatesOf(summaries: Iterable<PageSummary>): Aggregates {
  const a = emptyAggregates();
  const urls = new Set<string>();
  for (const s of summaries) {
    applySummary(a, s, 1);
    urls.add(s.url);
  }
  a.urls = urls.size;
  return a;
}

export function overviewOf(a: Aggregates): HistoryOverview {
  const kinds = Object.keys(a.kinds);
  const known = FINDING_KINDS.filter((k) => kinds.includes(k));
  const other = kinds.filter((k) => !(FINDING_KINDS as readonly string[]).includes(k)).sort();
  const vendors: VendorSummary[] = Object.entries(a.vendors)
    .map(([vendor, v]) => {
      const findings: Record<string, number> = {};
      let findingTotal = 0;
      // Kinds in the engine's order, as the detail view lists them.
      for (const k of [
        ...FINDING_KINDS.filter((x) => x in v.findings),
        ...Object.keys(v.findings)
          .filter((x) => !(FINDING_KINDS as readonly string[]).includes(x))
          .sort(),
      ]) {
        findings[k] = v.findings[k];
        findingTotal += v.findings[k];
      }
      return {
        vendor,
        name: v.name,
        pages: v.pages,
        findings,
        findingTotal,
        disclosures: DISCLOSURES.filter((d) => (v.disclosures[d] ?? 0) > 0),
      };
    })
    .sort((x, y) => y.pages - x.pages || y.findingTotal - x.findingTotal || x.name.localeCompare(y.name));
  const [high, medium, low, info] = a.totals;
  return { pages: a.pages, urls: a.urls, totals: { high, medium, low, info }, kinds: [...known, ...other], vendors };
}
