import { unwrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { HistoryRecordSchema, type HistoryRecord } from '@/policy/export/history-record';
import { aggregatesOf, applySummary, emptyAggregates, overviewOf, type HistoryOverview } from '@/policy/history/aggregates';
import { AGGREGATES_KEY, AggregatesSchema, StoredRowSchema } from '@/policy/history/schema';
import type { Aggregates, PageSummary, StoredRow } from '@/policy/history/schema';
import { estimateBytes } from '@/policy/history/size';
import { rowOf, summarize } from '@/policy/history/summary';
import { trackerDb, type HistoryTotals, type TrackerLensDB } from './db';
import { DEFAULT_MAX_BYTES, DEFAULT_RETENTION_DAYS, getHistorySettings } from './settings';

export { HistoryRecordSchema, estimateBytes, type HistoryRecord, type PageSummary, type HistoryOverview };

/**
 * Page history: one whole record per page load in "pages", its list row in "rows", running
 * totals and the rows' aggregates in "meta" (store/db.ts v7, docs/history.md). A record, its row
 * and its share of the totals and aggregates are written, pruned and deleted in one transaction.
 *
 * Retention (default 90 days) and a size cap (default 50 MB of estimated JSON) prune the oldest
 * records first. A quota error never loses the current page: older records are pruned and the
 * write is retried once; the outcome is returned, never thrown. Everything read back is
 * validated with zod: a record or row that does not parse is skipped and counted, never shown
 * half-broken; aggregates that do not parse are recomputed from the rows.
 */

const DAY = 24 * 3600 * 1000;
const TOTALS_KEY = 'history-totals';
const WRITE_STORES = ['pages', 'rows', 'meta'] as const;

type Db = IDBPDatabase<TrackerLensDB>;
type WriteTx = IDBPTransaction<TrackerLensDB, (typeof WRITE_STORES)[number][], 'readwrite'>;
type Opts = { db?: Db };

export interface HistoryOptions extends Opts {
  /** Defaults come from store/settings.ts. */
  enabled?: boolean;
  retentionDays?: number;
  maxBytes?: number;
  now?: number;
}

export type PutResult =
  | { ok: true; id: string; bytes: number; pruned: number; retried: boolean }
  | { ok: false; reason: 'disabled' | 'invalid' | 'too-large' | 'quota' | 'error'; message?: string; pruned: number };

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

const db = (o: Opts) => (o.db ? Promise.resolve(o.db) : trackerDb());

async function resolve(opts: HistoryOptions) {
  const need = opts.enabled === undefined || opts.retentionDays === undefined || opts.maxBytes === undefined;
  const s = need ? await getHistorySettings().catch(() => null) : null;
  return {
    db: await db(opts),
    enabled: opts.enabled ?? s?.enabled ?? true,
    retentionDays: opts.retentionDays ?? s?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    maxBytes: opts.maxBytes ?? s?.maxBytes ?? DEFAULT_MAX_BYTES,
    now: opts.now ?? Date.now(),
  };
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function totalsOf(raw: unknown): HistoryTotals {
  const t = raw as Partial<HistoryTotals> | undefined;
  return { key: TOTALS_KEY, count: typeof t?.count === 'number' ? t.count : 0, bytes: typeof t?.bytes === 'number' ? t.bytes : 0 };
}

/** A stored row read back as its summary (null: not valid). */
function summaryOf(raw: unknown): PageSummary | null {
  const r = StoredRowSchema.safeParse(raw);
  if (!r.success) return null;
  const { h: _h, m: _m, l: _l, i: _i, ...summary } = r.data;
  return summary;
}

/** The aggregates recomputed from every valid row (when the stored ones are missing or not valid). */
async function rebuildAggregates(tx: { objectStore(name: 'rows'): { getAll(): Promise<unknown[]> } }): Promise<Aggregates> {
  return aggregatesOf((await tx.objectStore('rows').getAll()).map(summaryOf).filter((s): s is PageSummary => s !== null));
}

/** The totals and aggregates one write transaction changes, written once at its end. */
class Ledger {
  private constructor(
    private tx: WriteTx,
    public totals: HistoryTotals,
    private aggregates: Aggregates | null,
  ) {}

  static async open(tx: WriteTx): Promise<Ledger> {
    const meta = tx.objectStore('meta');
    const agg = AggregatesSchema.safeParse(await meta.get(AGGREGATES_KEY));
    return new Ledger(tx, totalsOf(await meta.get(TOTALS_KEY)), agg.success ? agg.data : null);
  }

  /** Whether no record of `url` is stored (the distinct-URL count follows the byUrl index). */
  private async noRecordOf(url: string): Promise<boolean> {
    return (await this.tx.objectStore('pages').index('byUrl').count(url)) === 0;
  }

  /** Removes a stored record (any shape) and its row, after `deleteValue` deleted it. */
  async remove(raw: unknown, deleteValue: () => Promise<unknown>): Promise<void> {
    await deleteValue();
    const r = (raw ?? {}) as { id?: unknown; bytes?: unknown };
    this.totals.count -= 1;
    this.totals.bytes -= typeof r.bytes === 'number' ? r.bytes : 0;
    if (typeof r.id !== 'string') return;
    const rows = this.tx.objectStore('rows');
    const summary = summaryOf(await rows.get(r.id));
    await rows.delete(r.id);
    if (!summary)
      this.aggregates = null; // whether it was ever counted is unknown: recompute
    else if (this.aggregates) {
      applySummary(this.aggregates, summary, -1);
      if (await this.noRecordOf(summary.url)) this.aggregates.urls = Math.max(0, this.aggregates.urls - 1);
    }
  }

  async add(rec: HistoryRecord, row: StoredRow): Promise<void> {
    const newUrl = this.aggregates ? await this.noRecordOf(rec.url) : false;
    await this.tx.objectStore('pages').put(rec);
    await this.tx.objectStore('rows').put(row);
    if (this.aggregates) {
      applySummary(this.aggregates, row, 1);
      if (newUrl) this.aggregates.urls += 1;
    }
    this.totals.count += 1;
    this.totals.bytes += rec.bytes;
  }

  async flush(): Promise<void> {
    const meta = this.tx.objectStore('meta');
    await meta.put({ ...this.totals, count: Math.max(0, this.totals.count), bytes: Math.max(0, this.totals.bytes) });
    await meta.put(this.aggregates ?? (await rebuildAggregates(this.tx)));
  }
}

function writeTx(d: Db): { tx: WriteTx; done: Promise<void> } {
  const tx = d.transaction([...WRITE_STORES], 'readwrite');
  const done = tx.done;
  done.catch(() => undefined); // awaited by the caller; a failed request aborts it
  return { tx, done };
}

type Limits = { retentionDays: number; maxBytes: number; now: number };

/**
 * One readwrite transaction: drop expired records, make room under the cap (oldest first),
 * then write the record and its row. `shrink` (the quota retry) also frees a quarter of what
 * is stored, at least one record: the browser's quota, not our cap, was the limit.
 */
async function writeOnce(d: Db, rec: HistoryRecord, row: StoredRow, o: Limits, shrink: boolean): Promise<number> {
  const { tx, done } = writeTx(d);
  try {
    const pages = tx.objectStore('pages');
    const l = await Ledger.open(tx);
    let pruned = 0;
    const existing = await pages.get(rec.id);
    if (existing) await l.remove(existing, () => pages.delete(rec.id));
    let cursor = await pages.index('byTime').openCursor(IDBKeyRange.upperBound(o.now - o.retentionDays * DAY, true));
    for (; cursor; cursor = await cursor.continue(), pruned++) await l.remove(cursor.value, () => cursor!.delete());
    let budget = o.maxBytes - rec.bytes;
    if (shrink) budget = Math.min(budget, Math.floor(l.totals.bytes * 0.75) - 1);
    if (l.totals.bytes > budget) {
      cursor = await pages.index('byTime').openCursor();
      for (; cursor && l.totals.bytes > budget; cursor = await cursor.continue(), pruned++) {
        await l.remove(cursor.value, () => cursor!.delete());
      }
    }
    await l.add(rec, row);
    await l.flush();
    await done;
    return pruned;
  } catch (e) {
    // Nothing of a failed write may stay: the prunes of this attempt go too.
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw e;
  }
}

/** Stores one page load. Never throws; see PutResult. `record.bytes` is recomputed (record and row). */
export async function putHistory(record: HistoryRecord, opts: HistoryOptions = {}): Promise<PutResult> {
  let o: Awaited<ReturnType<typeof resolve>>;
  try {
    o = await resolve(opts);
  } catch (e) {
    return { ok: false, reason: 'error', message: String(e), pruned: 0 };
  }
  if (!o.enabled) return { ok: false, reason: 'disabled', pruned: 0 };
  const parsed = HistoryRecordSchema.safeParse({ ...record, bytes: 0 });
  if (!parsed.success) return { ok: false, reason: 'invalid', message: parsed.error.message, pruned: 0 };
  const rec = parsed.data;
  const row = rowOf(summarize(rec, rec.report));
  rec.bytes = estimateBytes(rec) + estimateBytes(row);
  if (rec.bytes > o.maxBytes) return { ok: false, reason: 'too-large', message: `${rec.bytes} > ${o.maxBytes}`, pruned: 0 };
  try {
    const pruned = await writeOnce(o.db, rec, row, o, false);
    return { ok: true, id: rec.id, bytes: rec.bytes, pruned, retried: false };
  } catch (e) {
    if (!isQuotaError(e)) return { ok: false, reason: 'error', message: String(e), pruned: 0 };
    try {
      const pruned = await writeOnce(o.db, rec, row, o, true);
      return { ok: true, id: rec.id, bytes: rec.bytes, pruned, retried: true };
    } catch (e2) {
      return { ok: false, reason: isQuotaError(e2) ? 'quota' : 'error', message: String(e2), pruned: 0 };
    }
  }
}

/** A stored record read back (null: not valid). */
function recordOf(raw: unknown): HistoryRecord | null {
  const r = HistoryRecordSchema.safeParse(raw);
  return r.success ? r.data : null;
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
  let skipped = 0;
  for (let i = 0; i < ids.length; i += size) {
    const tx = d.transaction('pages', 'readonly');
    const raws = await Promise.all(ids.slice(i, i + size).map((id) => tx.store.get(id)));
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
  const agg = AggregatesSchema.safeParse(rawAgg);
  let aggregates = agg.success ? agg.data : null;
  if (!aggregates) {
    const w = d.transaction(['rows', 'meta'], 'readwrite');
    aggregates = await rebuildAggregates(w);
    await w.objectStore('meta').put(aggregates);
    await w.done;
  }
  return { overview: overviewOf(aggregates), rows, skipped };
}

export async function deleteHistory(id: string, opts: Opts = {}): Promise<boolean> {
  const { tx, done } = writeTx(await db(opts));
  const pages = tx.objectStore('pages');
  const raw = await pages.get(id);
  if (raw !== undefined) {
    const l = await Ledger.open(tx);
    await l.remove(raw, () => pages.delete(id));
    await l.flush();
  }
  await done;
  return raw !== undefined;
}

export async function clearHistory(opts: Opts = {}): Promise<void> {
  const { tx, done } = writeTx(await db(opts));
  await tx.objectStore('pages').clear();
  await tx.objectStore('rows').clear();
  await tx.objectStore('meta').put({ key: TOTALS_KEY, count: 0, bytes: 0 });
  await tx.objectStore('meta').put(emptyAggregates());
  await done;
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
