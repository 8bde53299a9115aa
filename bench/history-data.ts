/**
 * A history in the stored layout of IndexedDB v7 (store/db.ts): whole records, their rows,
 * totals and aggregates, built from real replica report pages with the store's own functions,
 * for the export and audit-page benchmarks. Records cycle through the pages with distinct ids,
 * URLs (300 distinct) and times, one minute apart.
 */
import { HistoryRecordSchema, type HistoryRecord } from '../policy/export/history-record';
import { aggregatesOf } from '../policy/history/aggregates';
import type { Aggregates, PageSummary, StoredRow } from '../policy/history/schema';
import { estimateBytes } from '../policy/history/size';
import { rowOf, summarize } from '../policy/history/summary';
import type { ReportPage } from '../policy/report/schema';

export const RECORDS = 10_000;
export const T0 = Date.UTC(2026, 10, 1);
/** The history's default size cap (store/settings.ts DEFAULT_MAX_BYTES; that module needs the browser's storage). */
export const DEFAULT_CAP = 50 * 1024 * 1024;

export function recordId(i: number): string {
  return `bench-${String(i).padStart(6, '0')}`;
}

export function recordUrl(page: ReportPage, i: number): string {
  return `${page.url}${page.url.includes('?') ? '&' : '?'}visit=${i % 300}`;
}

/** Record i of the history as the store keeps it (validated, zod output order; bytes: record and row). */
export function fullRecord(pages: readonly ReportPage[], i: number): HistoryRecord {
  const p = pages[i % pages.length];
  const url = recordUrl(p, i);
  const id = recordId(i);
  const rec = HistoryRecordSchema.parse({
    id,
    pageId: id,
    url,
    time: T0 + i * 60_000,
    report: { ...p, url, finalUrl: url },
    policyVersion: p.policy?.version ?? '',
    bytes: 0,
  });
  rec.bytes = estimateBytes(rec) + estimateBytes(rowOf(summarize(rec, rec.report)));
  return rec;
}

export interface StoredHistory {
  /** Record of page i % templates.length, to be cycled with recordId/recordUrl/time. */
  templates: HistoryRecord[];
  /** Row of page i % rows.length, cycled like the templates. */
  rows: StoredRow[];
  /** Records 0..n-1 */
  n: number;
  /** Sum of the records' bytes (the "meta" totals). */
  totalBytes: number;
  /** Stored bytes (record + row) of each template page. */
  recordBytes: number[];
  aggregates: Aggregates;
}

export function storedHistory(pages: readonly ReportPage[], n = RECORDS): StoredHistory {
  const templates = pages.map((_, i) => fullRecord(pages, i));
  const rows = templates.map((r) => rowOf(summarize(r, r.report)));
  const summaries: PageSummary[] = [];
  let totalBytes = 0;
  for (let i = 0; i < n; i++) {
    const t = templates[i % templates.length];
    const url = recordUrl(pages[i % pages.length], i);
    summaries.push({ ...summarize(t, t.report), id: recordId(i), url, time: T0 + i * 60_000 });
    totalBytes += t.bytes;
  }
  return { templates, rows, n, totalBytes, recordBytes: templates.map((t) => t.bytes), aggregates: aggregatesOf(summaries) };
}

/** How many records of this history fit under the default size cap (50 MB). */
export function recordsAtCap(h: StoredHistory): number {
  let bytes = 0;
  let n = 0;
  while (bytes + h.recordBytes[n % h.recordBytes.length] <= DEFAULT_CAP) bytes += h.recordBytes[n++ % h.recordBytes.length];
  return n;
}
