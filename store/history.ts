import type { IDBPDatabase } from 'idb';
import { HistoryRecordSchema, type HistoryRecord } from '@/policy/export/history-record';
import { estimateBytes, trackerDb, type HistoryTotals, type TrackerLensDB } from './db';
import { DEFAULT_MAX_BYTES, DEFAULT_RETENTION_DAYS, getHistorySettings } from './settings';

export { HistoryRecordSchema, type HistoryRecord };

/**
 * Page history (issue #5): one record per page load, in the "pages" store of store/db.ts.
 * Retention (default 90 days) and a size cap (default 50 MB of estimated JSON) prune the
 * oldest records first. A quota error never loses the current page: older records are pruned
 * and the write is retried once; the outcome is returned, never thrown.
 */

const DAY = 24 * 3600 * 1000;
const TOTALS_KEY = 'history-totals';

type Db = IDBPDatabase<TrackerLensDB>;

export interface HistoryOptions {
  /** The database (tests); defaults to the extension's shared connection. */
  db?: Db;
  /** Defaults come from store/settings.ts. */
  enabled?: boolean;
  retentionDays?: number;
  maxBytes?: number;
  now?: number;
}

export type PutResult =
  | { ok: true; id: string; bytes: number; pruned: number; retried: boolean }
  | { ok: false; reason: 'disabled' | 'invalid' | 'too-large' | 'quota' | 'error'; message?: string; pruned: number };

async function resolve(opts: HistoryOptions): Promise<Required<Omit<HistoryOptions, 'db'>> & { db: Db }> {
  const needSettings = opts.enabled === undefined || opts.retentionDays === undefined || opts.maxBytes === undefined;
  const s = needSettings
    ? await getHistorySettings().catch(() => ({ enabled: true, retentionDays: DEFAULT_RETENTION_DAYS, maxBytes: DEFAULT_MAX_BYTES }))
    : null;
  return {
    db: opts.db ?? (await trackerDb()),
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

function emptyTotals(): HistoryTotals {
  return { key: TOTALS_KEY, count: 0, bytes: 0 };
}

/**
 * One readwrite transaction: drop expired records, make room under the cap (oldest first),
 * then write. `shrink` (the quota retry) also frees a quarter of what is stored, at least one
 * record: the browser's quota, not our cap, was the limit.
 */
async function writeOnce(db: Db, rec: HistoryRecord, o: { retentionDays: number; maxBytes: number; now: number }, shrink: boolean): Promise<number> {
  const tx = db.transaction(['pages', 'meta'], 'readwrite');
  // If a request fails the transaction aborts; tx.done then rejects too: keep that rejection handled.
  const done = tx.done.catch((e: unknown) => {
    throw e;
  });
  done.catch(() => undefined);
  const pages = tx.objectStore('pages');
  const meta = tx.objectStore('meta');
  const totals = (await meta.get(TOTALS_KEY)) ?? emptyTotals();
  let pruned = 0;
  const existing = await pages.get(rec.id);
  if (existing) {
    totals.count -= 1;
    totals.bytes -= existing.bytes ?? 0;
  }
  const cutoff = o.now - o.retentionDays * DAY;
  let cursor = await pages.index('byTime').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    if (cursor.value.id !== rec.id) {
      totals.count -= 1;
      totals.bytes -= cursor.value.bytes ?? 0;
      await cursor.delete();
      pruned += 1;
    }
    cursor = await cursor.continue();
  }
  let budget = o.maxBytes - rec.bytes;
  if (shrink) budget = Math.min(budget, Math.floor(totals.bytes * 0.75) - 1);
  if (totals.bytes > budget) {
    cursor = await pages.index('byTime').openCursor();
    while (cursor && totals.bytes > budget) {
      if (cursor.value.id !== rec.id) {
        totals.count -= 1;
        totals.bytes -= cursor.value.bytes ?? 0;
        await cursor.delete();
        pruned += 1;
      }
      cursor = await cursor.continue();
    }
  }
  await pages.put(rec);
  totals.count += 1;
  totals.bytes += rec.bytes;
  await meta.put({ ...totals, count: Math.max(0, totals.count), bytes: Math.max(0, totals.bytes) });
  await done;
  return pruned;
}

/** Stores one page load. Never throws; see PutResult. `record.bytes` is recomputed. */
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
  const rec = { ...parsed.data, bytes: estimateBytes(parsed.data) };
  if (rec.bytes > o.maxBytes) return { ok: false, reason: 'too-large', message: `${rec.bytes} > ${o.maxBytes}`, pruned: 0 };
  try {
    const pruned = await writeOnce(o.db, rec, o, false);
    return { ok: true, id: rec.id, bytes: rec.bytes, pruned, retried: false };
  } catch (e) {
    if (!isQuotaError(e)) return { ok: false, reason: 'error', message: String(e), pruned: 0 };
    // Quota: prune the oldest quarter of the history and retry once; the current page wins.
    try {
      const pruned = await writeOnce(o.db, rec, o, true);
      return { ok: true, id: rec.id, bytes: rec.bytes, pruned, retried: true };
    } catch (e2) {
      return { ok: false, reason: isQuotaError(e2) ? 'quota' : 'error', message: String(e2), pruned: 0 };
    }
  }
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

function validate(raw: unknown): HistoryRecord | null {
  const r = HistoryRecordSchema.safeParse(raw);
  return r.success ? r.data : null;
}

export async function listHistory(filter: HistoryFilter = {}, opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryList> {
  const db = opts.db ?? (await trackerDb());
  const lo = filter.since ?? -Infinity;
  const hi = filter.until ?? Infinity;
  const range = filter.url !== undefined ? IDBKeyRange.bound([filter.url, lo], [filter.url, hi], false, true) : IDBKeyRange.bound(lo, hi, false, true);
  const tx = db.transaction('pages', 'readonly');
  const source = filter.url !== undefined ? tx.store.index('byUrlTime') : tx.store.index('byTime');
  const limit = filter.limit ?? Infinity;
  const records: HistoryRecord[] = [];
  let skipped = 0;
  let cursor = await source.openCursor(range, filter.newestFirst === false ? 'next' : 'prev');
  while (cursor && records.length < limit) {
    const rec = validate(cursor.value);
    if (rec) records.push(rec);
    else skipped += 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  return { records, skipped };
}

export async function getHistory(id: string, opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryRecord | null> {
  const db = opts.db ?? (await trackerDb());
  return validate(await db.get('pages', id));
}

export async function deleteHistory(id: string, opts: Pick<HistoryOptions, 'db'> = {}): Promise<boolean> {
  const db = opts.db ?? (await trackerDb());
  const tx = db.transaction(['pages', 'meta'], 'readwrite');
  const rec = await tx.objectStore('pages').get(id);
  if (rec) {
    const totals = (await tx.objectStore('meta').get(TOTALS_KEY)) ?? emptyTotals();
    await tx.objectStore('pages').delete(id);
    await tx.objectStore('meta').put({ ...totals, count: Math.max(0, totals.count - 1), bytes: Math.max(0, totals.bytes - (rec.bytes ?? 0)) });
  }
  await tx.done;
  return rec !== undefined;
}

export async function clearHistory(opts: Pick<HistoryOptions, 'db'> = {}): Promise<void> {
  const db = opts.db ?? (await trackerDb());
  const tx = db.transaction(['pages', 'meta'], 'readwrite');
  await tx.objectStore('pages').clear();
  await tx.objectStore('meta').put(emptyTotals());
  await tx.done;
}

export interface HistoryStats {
  count: number;
  bytes: number;
  /** ms since epoch of the oldest / newest record, null when empty. */
  oldest: number | null;
  newest: number | null;
}

/** What the user sees as "stored": count and estimated bytes (running totals), time span. */
export async function historyStats(opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryStats> {
  const db = opts.db ?? (await trackerDb());
  const tx = db.transaction(['pages', 'meta'], 'readonly');
  const totals = await tx.objectStore('meta').get(TOTALS_KEY);
  const idx = tx.objectStore('pages').index('byTime');
  const first = await idx.openKeyCursor(null, 'next');
  const oldest = first ? (first.key as number) : null;
  const last = await idx.openKeyCursor(null, 'prev');
  const newest = last ? (last.key as number) : null;
  const count = totals?.count ?? (await tx.objectStore('pages').count());
  await tx.done;
  return { count, bytes: totals?.bytes ?? 0, oldest, newest };
}

/** The latest valid record of the same URL strictly before `beforeTime` ("new since the previous visit"). */
export async function previousVisit(url: string, beforeTime: number, opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryRecord | null> {
  const { records } = await listHistory({ url, until: beforeTime, limit: 1 }, opts);
  return records[0] ?? null;
}
