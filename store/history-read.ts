import { unwrap, type IDBPDatabase } from 'idb';
import type { HistoryRecord } from '@/policy/export/history-record';
import { AGGREGATES_KEY, aggregatesOf, overviewOf, type HistoryOverview } from '@/policy/history/aggregates';
import type { Aggregates, PageSummary } from '@/policy/history/schema';
import { trackerDb, type HistoryTotals, type TrackerLensDB } from './db';

/**
 * Reading the page history (store/history.ts writes it; docs/history.md). No zod here: records
 * are validated with zod when written (putHistory) and rows and aggregates are built from them,
 * so a read checks only the shape. A value of another shape (damaged, or a v6 record the
 * migration could not read back) is skipped and counted, never shown half-broken, and stays
 * stored. The audit page's first screen loads this module without the zod schemas.
 */

type Db = IDBPDatabase<TrackerLensDB>;
export type Opts = { db?: Db };

export const TOTALS_KEY = 'history-totals';

export interface HistoryStats {
  count: number;
  bytes: number;
  /** ms since epoch of the oldest / newest record, null when empty. */
  oldest: number | null;
  newest: number | null;
}

export interface FirstScreen {
  /** Overview, vendor summary and filter options (from the stored aggregates). */
  overview: HistoryOverview;
  /** The first records in the list's default order (most severe first, then newest). */
  rows: PageSummary[];
  /** Rows among those read that failed validation (skipped, never shown). */
  skipped: number;
}

export const db = (o: Opts) => (o.db ? Promise.resolve(o.db) : trackerDb());

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Obj, type: string, keys: string[]) => keys.every((k) => typeof o[k] === type);
const arrays = (o: Obj, keys: string[]) => keys.every((k) => Array.isArray(o[k]));

/** A stored record read back (null: not the shape putHistory writes). */
export function recordOf(raw: unknown): HistoryRecord | null {
  if (!isObj(raw) || !has(raw, 'string', ['id', 'url', 'pageId', 'policyVersion']) || !has(raw, 'number', ['time', 'bytes'])) return null;
  const p = raw.report;
  const ok =
    isObj(p) && has(p, 'string', ['url', 'finalUrl', 'title']) && arrays(p, ['trackers', 'cookies', 'storage', 'thirdParties', 'findings']);
  return ok ? (raw as unknown as HistoryRecord) : null;
}

/** A stored row read back as its summary (null: not the shape putHistory writes). */
export function summaryOf(raw: unknown): PageSummary | null {
  if (!isObj(raw) || !has(raw, 'string', ['id', 'url', 'title', 'policyVersion']) || !has(raw, 'number', ['time', 'findings'])) return null;
  if (!isObj(raw.counts) || !has(raw.counts, 'number', ['high', 'medium', 'low', 'info'])) return null;
  if (!arrays(raw, ['kinds', 'trackers', 'vendorFindings'])) return null;
  const { h: _h, m: _m, l: _l, i: _i, ...summary } = raw;
  return summary as unknown as PageSummary;
}

/** Stored aggregates read back (null: missing or not their shape; then recomputed from the rows). */
export function aggregatesOrNull(raw: unknown): Aggregates | null {
  if (!isObj(raw) || raw.key !== AGGREGATES_KEY || !isObj(raw.kinds) || !isObj(raw.vendors)) return null;
  const counts = [raw.pages, raw.urls, ...(Array.isArray(raw.totals) && raw.totals.length === 4 ? raw.totals : [-1])];
  return counts.every((n) => typeof n === 'number' && n >= 0) ? (raw as unknown as Aggregates) : null;
}

export function totalsOf(raw: unknown): HistoryTotals {
  const t = raw as Partial<HistoryTotals> | undefined;
  return { key: TOTALS_KEY, count: typeof t?.count === 'number' ? t.count : 0, bytes: typeof t?.bytes === 'number' ? t.bytes : 0 };
}

/** The aggregates recomputed from every valid row (when the stored ones are missing or not valid). */
export async function rebuildAggregates(tx: { objectStore(name: 'rows'): { getAll(): Promise<unknown[]> } }): Promise<Aggregates> {
  return aggregatesOf((await tx.objectStore('rows').getAll()).map(summaryOf).filter((s): s is PageSummary => s !== null));
}

export interface HistoryFilter {
  url?: string;
  /** ms since epoch, inclusive. */
  since?: number;
  /** ms since epoch, exclusive. */
  until?: number;
  limit?: number;
  /** Default true: newest first. */
  newestFirst?: boolean;
}

export interface HistoryList {
  records: HistoryRecord[];
  /** Records that failed validation (skipped, never shown). */
  skipped: number;
}
/** Full records by time (of one URL). For many records use listSummaries, or readHistory to export. */
export async function listHistory(filter: HistoryFilter = {}, opts: Opts = {}): Promise<HistoryList> {
  const d = await db(opts);
  const lo = filter.since ?? -Infinity;
  const hi = filter.until ?? Infinity;
  const tx = d.transaction('pages', 'readonly');
  const byUrl = filter.url !== undefined;
  const source = byUrl ? tx.store.index('byUrlTime') : tx.store.index('byTime');
  const range = byUrl ? IDBKeyRange.bound([filter.url, lo], [filter.url, hi], false, true) : IDBKeyRange.bound(lo, hi, false, true);
  const limit = filter.limit ?? Infinity;
  const records: HistoryRecord[] = [];
  let skipped = 0;
  const direction = filter.newestFirst === false ? 'next' : 'prev';
  for (let c = await source.openCursor(range, direction); c && records.length < limit; c = await c.continue()) {
    const rec = recordOf(c.value);
    if (rec) records.push(rec);
    else skipped += 1;
  }
  await tx.done;
  return { records, skipped };
}

export async function getHistory(id: string, opts: Opts = {}): Promise<HistoryRecord | null> {
  const raw = await (await db(opts)).get('pages', id);
  return raw === undefined ? null : recordOf(raw);
}

/**
 * Full records by id, in the given order, handed over in batches of `batchSize` (an export
 * never holds them all; each batch is one read transaction). Ids that are gone or do not
 * validate are skipped and counted.
 */
export async function readHistory(
  ids: readonly string[],
  onBatch: (records: HistoryRecord[]) => void | Promise<void>,
  opts: Opts & { batchSize?: number } = {},
): Promise<{ skipped: number }> {
  const d = await db(opts);
  const size = opts.batchSize ?? 100;
  const read = (i: number) => {
    const tx = d.transaction('pages', 'readonly');
    return Promise.all(ids.slice(i, i + size).map((id) => tx.store.get(id)));
  };
  let skipped = 0;
  let next = ids.length ? read(0) : null;
  for (let i = 0; next; i += size) {
    const raws = await next;
    // The next batch is read (by the browser's database process) while this one is written.
    next = i + size < ids.length ? read(i + size) : null;
    next?.catch(() => undefined); // awaited in the next round; onBatch may throw first
    const batch: HistoryRecord[] = [];
    for (const raw of raws) {
      const rec = raw === undefined ? null : recordOf(raw);
      if (rec) batch.push(rec);
      else skipped += 1;
    }
    await onBatch(batch);
  }
  return { skipped };
}

export interface SummaryList {
  summaries: PageSummary[];
  /** Rows that failed validation (skipped, never shown). */
  skipped: number;
}

/** Every page load's summary (its row): what the audit page lists, filters and exports. */
export async function listSummaries(opts: Opts = {}): Promise<SummaryList> {
  const summaries: PageSummary[] = [];
  let skipped = 0;
  for (const raw of await (await db(opts)).getAll('rows')) {
    const s = summaryOf(raw);
    if (s) summaries.push(s);
    else skipped += 1;
  }
  return { summaries, skipped };
}

type IndexWithRecords = IDBIndex & {
  getAllRecords?(o: { count?: number; direction?: IDBCursorDirection }): IDBRequest<{ value: unknown }[]>;
};

/** The values of the last `count` entries of an index, last first (one request where getAllRecords exists). */
async function lastValues(d: Db, count: number): Promise<unknown[]> {
  const tx = d.transaction('rows', 'readonly');
  const index = tx.store.index('byFindings');
  const native = unwrap(index) as IndexWithRecords;
  if (typeof native.getAllRecords === 'function') {
    const req = native.getAllRecords({ count, direction: 'prev' });
    return new Promise((res, rej) => {
      req.onsuccess = () => res(req.result.map((r) => r.value));
      req.onerror = () => rej(req.error);
    });
  }
  const keys: string[] = [];
  for (let c = await index.openKeyCursor(null, 'prev'); c && keys.length < count; c = await c.continue()) keys.push(c.primaryKey);
  return Promise.all(keys.map((k) => tx.store.get(k)));
}

/**
 * What the audit page shows first: the aggregates (one value) and the first `limit` rows of the
 * byFindings index walked backwards. Aggregates that are missing or not valid are recomputed
 * and stored again.
 */
export async function historyFirstScreen(opts: Opts & { limit?: number } = {}): Promise<FirstScreen> {
  const d = await db(opts);
  const limit = opts.limit ?? 50;
  // A few more than shown, so that rows that do not validate do not shorten the list.
  const [raws, rawAgg] = await Promise.all([lastValues(d, limit + 10), d.get('meta', AGGREGATES_KEY)]);
  const rows: PageSummary[] = [];
  let skipped = 0;
  for (const raw of raws) {
    if (rows.length >= limit) break;
    const s = summaryOf(raw);
    if (s) rows.push(s);
    else skipped += 1;
  }
  let aggregates = aggregatesOrNull(rawAgg);
  if (!aggregates) {
    const w = d.transaction(['rows', 'meta'], 'readwrite');
    aggregates = await rebuildAggregates(w);
    await w.objectStore('meta').put(aggregates);
    await w.done;
  }
  return { overview: overviewOf(aggregates), rows, skipped };
}

/** What the user sees as "stored": count and estimated bytes (running totals), time span. */
export async function historyStats(opts: Opts = {}): Promise<HistoryStats> {
  const tx = (await db(opts)).transaction(['pages', 'meta'], 'readonly');
  const byTime = tx.objectStore('pages').index('byTime');
  const [raw, first, last] = await Promise.all([
    tx.objectStore('meta').get(TOTALS_KEY),
    byTime.openKeyCursor(null, 'next'),
    byTime.openKeyCursor(null, 'prev'),
  ]);
  const count = raw === undefined ? await tx.objectStore('pages').count() : totalsOf(raw).count;
  return { count, bytes: totalsOf(raw).bytes, oldest: first ? first.key : null, newest: last ? last.key : null };
}

/** The latest valid record of the same URL strictly before `beforeTime` ("new since the previous visit"). */
export async function previousVisit(url: string, beforeTime: number, opts: Opts = {}): Promise<HistoryRecord | null> {
  return (await listHistory({ url, until: beforeTime, limit: 1 }, opts)).records[0] ?? null;
}
