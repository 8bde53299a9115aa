import type { IDBPTransaction } from 'idb';
import { HistoryRecordSchema, type HistoryRecord } from '@/policy/export/history-record';
import { AGGREGATES_KEY, applySummary, emptyAggregates } from '@/policy/history/aggregates';
import type { Aggregates, StoredRow } from '@/policy/history/schema';
import { estimateBytes } from '@/policy/history/size';
import { rowOf, summarize } from '@/policy/history/summary';
import type { HistoryTotals, TrackerLensDB } from './db';
import { aggregatesOrNull, db, rebuildAggregates, summaryOf, totalsOf, TOTALS_KEY, type Opts } from './history-read';
import { DEFAULT_MAX_BYTES, DEFAULT_RETENTION_DAYS, getHistorySettings } from './settings';

export * from './history-read';
export { HistoryRecordSchema, estimateBytes, type HistoryRecord };
export type { PageSummary } from '@/policy/history/schema';
export type { HistoryOverview } from '@/policy/history/aggregates';

/**
 * Page history: one whole record per page load in "pages", its list row in "rows", running
 * totals and the rows' aggregates in "meta" (store/db.ts v7, docs/history.md). A record, its row
 * and its share of the totals and aggregates are written, pruned and deleted in one transaction.
 * Reads are in store/history-read.ts (re-exported here).
 *
 * Retention (default 90 days) and a size cap (default 50 MB of estimated JSON) prune the oldest
 * records first. A quota error never loses the current page: older records are pruned and the
 * write is retried once; the outcome is returned, never thrown. A record is validated with zod
 * here, once, when written.
 */

const DAY = 24 * 3600 * 1000;
const WRITE_STORES = ['pages', 'rows', 'meta'] as const;

type Db = Awaited<ReturnType<typeof db>>;
type WriteTx = IDBPTransaction<TrackerLensDB, (typeof WRITE_STORES)[number][], 'readwrite'>;

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

/** The totals and aggregates one write transaction changes, written once at its end. */
class Ledger {
  private constructor(
    private tx: WriteTx,
    public totals: HistoryTotals,
    private aggregates: Aggregates | null,
  ) {}

  static async open(tx: WriteTx): Promise<Ledger> {
    const meta = tx.objectStore('meta');
    return new Ledger(tx, totalsOf(await meta.get(TOTALS_KEY)), aggregatesOrNull(await meta.get(AGGREGATES_KEY)));
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
