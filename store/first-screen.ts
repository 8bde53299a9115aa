import { overviewOf, type HistoryOverview } from '@/policy/history/aggregates';
import { AGGREGATES_KEY, readAggregates, rowSummary } from '@/policy/history/list-check';
import type { Aggregates, PageSummary } from '@/policy/history/schema';
import { DB_NAME, DB_VERSION } from './db-name';
import { openIfPresent } from './read-if-present';

/**
 * What the audit page shows first, read without the history store (issue #5: audit page first
 * render with 10,000 stored records <= 300 ms).
 *
 * Measured 2026-11-29 on the bench's 10,000-record history: about half of the first screen's
 * time went into loading and evaluating the page's scripts before the first IndexedDB read
 * started, most of it store/history.ts and what it carries (store/db.ts with the migrations,
 * zod, fflate and the export fragment dictionary, the exporters). This module needs none of
 * that: raw IndexedDB, lean checks of the rows and aggregates (policy/history/list-check.ts,
 * which accept exactly what the store's zod schemas accept) and the aggregates' overview. The audit page (entrypoints/audit/main.tsx) reads its first screen
 * here and loads store/history.ts after that screen is painted.
 *
 * readFirstScreenIfCurrent opens the database only when it already exists at the current
 * version (store/db-name.ts DB_VERSION), the way store/read-if-present.ts does for the popup:
 * it never creates, upgrades or writes. A database that is missing, older (its migrations
 * must run), newer, unreadable, or whose aggregates do not validate (they must be recomputed
 * and written) gives null, and the page takes the full path (store/history.ts), which opens
 * the database through store/db.ts and does all of that.
 *
 * readStats and readFirstRows are also what store/history.ts historyStats and
 * historyFirstScreen run, in a transaction of the shared connection: both paths read and
 * validate the same way.
 */

/** What the fallback needs of store/history.ts (a type only: this module never imports it). */
export interface FullStore {
  historyStats(): Promise<HistoryStats>;
  historyFirstScreen(): Promise<FirstScreen>;
}

/** Key of the running totals in "meta" (store/db.ts HistoryTotals). */
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
  /** The first records in the list's default order (most severe first, then newest), as summaries. */
  rows: PageSummary[];
  /** Rows among those read that failed validation (skipped, never shown). */
  skipped: number;
}

export interface FirstRows {
  rows: PageSummary[];
  skipped: number;
  /** null when missing or not valid: the caller recomputes them (store/history.ts). */
  aggregates: Aggregates | null;
}

/** The running totals as stored; malformed ones count as empty. */
export function totalsOf(raw: unknown): { key: typeof TOTALS_KEY; count: number; bytes: number } {
  const t = raw as { count?: unknown; bytes?: unknown } | undefined;
  return t && typeof t.count === 'number' && typeof t.bytes === 'number' ? { key: TOTALS_KEY, count: t.count, bytes: t.bytes } : { key: TOTALS_KEY, count: 0, bytes: 0 };
}

/** A request's result. Continuations run before the transaction goes inactive (as with idb). */
function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Count and estimated bytes (running totals), time span (byTime index), in `tx` (stores
 * "pages" and "meta"). Requested together: the audit page's first screen waits for them.
 */
export async function readStats(tx: IDBTransaction): Promise<HistoryStats> {
  const pages = tx.objectStore('pages');
  const byTime = pages.index('byTime');
  const [rawTotals, first, last] = await Promise.all([result(tx.objectStore('meta').get(TOTALS_KEY)), result(byTime.openKeyCursor(null, 'next')), result(byTime.openKeyCursor(null, 'prev'))]);
  const totals = rawTotals === undefined ? undefined : totalsOf(rawTotals);
  const oldest = first ? (first.key as number) : null;
  const newest = last ? (last.key as number) : null;
  const count = totals?.count ?? (await result(pages.count()));
  return { count, bytes: totals?.bytes ?? 0, oldest, newest };
}

type IndexWithRecords = IDBIndex & {
  getAllRecords?(o: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }): IDBRequest<{ value: unknown }[]>;
};

/**
 * The values of the last `count` entries of an index, last first. Chromium 141+ has
 * getAllRecords with a direction: one request. Elsewhere (Firefox, fake-indexeddb in the unit
 * tests) the keys come from a key cursor and the values from parallel gets, not a cursor over
 * the values, which waits a round trip per value (issue #5 measurement, 2026-11-29).
 */
async function lastValues(index: IndexWithRecords, count: number): Promise<unknown[]> {
  if (typeof index.getAllRecords === 'function') {
    const records = await result(index.getAllRecords({ query: null, count, direction: 'prev' }));
    return records.map((r) => r.value);
  }
  const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
    const out: IDBValidKey[] = [];
    const req = index.openKeyCursor(null, 'prev');
    req.onsuccess = () => {
      const cursor = req.result;
      if (cursor) out.push(cursor.primaryKey);
      if (cursor && out.length < count) cursor.continue();
      else resolve(out);
    };
    req.onerror = () => reject(req.error);
  });
  const store = index.objectStore;
  return Promise.all(keys.map((k) => result(store.get(k))));
}

/**
 * The aggregates (one value) and the first `limit` rows walking the byFindings index of
 * "rows" backwards (small values: a summary each), in `tx` (stores "rows" and "meta"). Rows
 * that do not validate are skipped and counted; aggregates that do not validate come back null.
 */
export async function readFirstRows(tx: IDBTransaction, limit: number): Promise<FirstRows> {
  const aggP = result(tx.objectStore('meta').get(AGGREGATES_KEY));
  // A few more than shown, so that rows that do not validate do not shorten the list.
  const raws = await lastValues(tx.objectStore('rows').index('byFindings'), limit + 10);
  const rows: PageSummary[] = [];
  let skipped = 0;
  for (const raw of raws) {
    if (rows.length >= limit) break;
    const summary = rowSummary(raw);
    if (summary) rows.push(summary);
    else skipped += 1;
  }
  // The transaction's completion is not awaited (readonly; nothing depends on it).
  return { rows, skipped, aggregates: readAggregates(await aggP) };
}

/**
 * The stats and the first screen from the database as it is, or null when the full store must
 * answer (see above). Its own connection, closed after the read, and at once when another
 * page needs to upgrade the database.
 */
export async function readFirstScreenIfCurrent(opts: { name?: string; limit?: number } = {}): Promise<{ stats: HistoryStats; first: FirstScreen } | null> {
  let db: IDBDatabase | null;
  try {
    db = await openIfPresent(opts.name ?? DB_NAME);
  } catch {
    return null;
  }
  if (!db) return null;
  try {
    if (db.version !== DB_VERSION) return null;
    const tx = db.transaction(['pages', 'rows', 'meta'], 'readonly');
    const [stats, first] = await Promise.all([readStats(tx), readFirstRows(tx, opts.limit ?? 50)]);
    return first.aggregates ? { stats, first: { overview: overviewOf(first.aggregates), rows: first.rows, skipped: first.skipped } } : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * The stats and the first screen: the light read when it can answer, else the full store
 * (`loadStore`, e.g. () => import('./history'), loaded only then), which creates or migrates
 * the database and recomputes damaged aggregates. `via` tells which answered.
 */
export async function readFirstScreen(loadStore: () => Promise<FullStore>, opts: { name?: string; limit?: number } = {}): Promise<{ stats: HistoryStats; first: FirstScreen; via: 'light' | 'store' }> {
  const light = await readFirstScreenIfCurrent(opts);
  if (light) return { ...light, via: 'light' };
  const store = await loadStore();
  const [stats, first] = await Promise.all([store.historyStats(), store.historyFirstScreen()]);
  return { stats, first, via: 'store' };
}
