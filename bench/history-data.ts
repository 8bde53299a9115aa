/**
 * A 10,000-record history in the stored layout of IndexedDB v5 (store/db.ts), built from real
 * replica report pages with the store's own functions (toStored, packSummary), for the export
 * and audit-page benchmarks. Records cycle through the pages with distinct ids, URLs (300
 * distinct) and times, one minute apart.
 */
import type { HistoryRecord } from '../policy/export/history-record';
import { aggregatesOf } from '../policy/history/aggregates';
import { SUMMARY_BUCKET_SIZE, type Aggregates, type PageSummary, type StoredRecord, type StoredRow, type SummaryBucket, type TextEntry, type TextValue } from '../policy/history/schema';
import { emptyBucket, packSummary, summarize } from '../policy/history/summary';
import type { ReportPage } from '../policy/report/schema';
import { estimateBytes, textEntryBytes, toStored } from '../store/db';

export const RECORDS = 10_000;
export const T0 = Date.UTC(2026, 10, 1);

export function recordId(i: number): string {
  return `bench-${String(i).padStart(6, '0')}`;
}

export function recordUrl(page: ReportPage, i: number): string {
  return `${page.url}${page.url.includes('?') ? '&' : '?'}visit=${i % 300}`;
}

/** The full record i of the history (what the audit page would read back). */
export function fullRecord(pages: readonly ReportPage[], i: number): HistoryRecord {
  const p = pages[i % pages.length];
  const url = recordUrl(p, i);
  const id = recordId(i);
  return { id, pageId: id, url, time: T0 + i * 60_000, report: { ...p, url, finalUrl: url }, policyVersion: p.policy?.version ?? '', bytes: 0 };
}

export interface StoredHistory {
  /** Stored record of page i % templates.length, to be cycled with recordId/recordUrl/time. */
  templates: StoredRecord[];
  /** Row (store "rows", since v5) of page i % rows.length, cycled like the templates. */
  rows: StoredRow[];
  buckets: SummaryBucket[];
  texts: TextEntry[];
  /** Sum of the records' bytes and the texts' bytes (the "meta" totals). */
  totalBytes: number;
  /** Stored bytes (record + packed summary) of each template page. */
  recordBytes: number[];
  /** The "meta" aggregates of the summaries (since v5). */
  aggregates: Aggregates;
}

/** Stored record i, from its template (same shape the store writes). */
export function storedRecord(h: StoredHistory, pages: readonly ReportPage[], i: number): StoredRecord {
  const t = h.templates[i % h.templates.length];
  const url = recordUrl(pages[i % pages.length], i);
  const id = recordId(i);
  return { ...t, id, pageId: id, url, time: T0 + i * 60_000, bucket: Math.floor(i / SUMMARY_BUCKET_SIZE), page: { ...t.page, url, finalUrl: url } };
}

export function storedHistory(pages: readonly ReportPage[], n = RECORDS): StoredHistory {
  const table = new Map<string, TextValue>();
  const refs = new Map<string, number>();
  const templates: StoredRecord[] = [];
  const rows: StoredRow[] = [];
  const counts: Map<string, number>[] = [];
  const buckets: SummaryBucket[] = [];
  let totalBytes = 0;
  const recordBytes: number[] = [];
  const summaries: PageSummary[] = [];
  for (let i = 0; i < n; i++) {
    const rec = fullRecord(pages, i);
    const b = Math.floor(i / SUMMARY_BUCKET_SIZE);
    if (!buckets[b]) buckets[b] = emptyBucket(b);
    if (i < pages.length) {
      const built = toStored(rec, b, (k) => table.get(k));
      templates.push(built.stored);
      rows.push(built.row);
      counts.push(built.slim.counts);
      recordBytes.push(built.stored.bytes);
      for (const [k, v] of built.slim.table) table.set(k, v);
    }
    const summary = summarize(rec, rec.report);
    summaries.push(summary);
    packSummary(buckets[b], summary);
    totalBytes += recordBytes[i % pages.length];
    for (const [k, c] of counts[i % pages.length]) refs.set(k, (refs.get(k) ?? 0) + c);
  }
  const texts = [...refs].map(([key, r]) => ({ key, value: table.get(key)!, refs: r, bytes: textEntryBytes(key, table.get(key)!) }));
  totalBytes += texts.reduce((s, e) => s + e.bytes, 0);
  return { templates, rows, buckets, texts, totalBytes, recordBytes, aggregates: aggregatesOf(summaries) };
}

export { estimateBytes };
