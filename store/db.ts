import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { HistoryRecord } from '@/policy/export/history-record';
import type { Aggregates, StoredRow } from '@/policy/history/schema';
import { DB_NAME, DB_VERSION } from './db-name';
import { migrateHistoryV6 } from './history-v6-migration';
import type { PendingPage } from './pending-schema';
import type { SentRequest } from '@/policy/letter/request-log';

/**
 * THE IndexedDB module: one schema, opened by everyone through openTrackerDb()/trackerDb().
 *
 * Schema v7 (docs/history.md):
 * - "pages": one whole history record per page load (HistoryRecordSchema; keyPath id; indexes
 *   byUrl, byTime, byUrlTime);
 * - "rows": each page load's list row (StoredRowSchema; keyPath id; index byFindings
 *   [h, m, l, i, time]) for the audit page's list and first screen;
 * - "meta": running totals (count, bytes) and the rows' aggregates;
 * - "requests": sent stop-processing requests (index sentAt);
 * - "pending": finished page loads waiting to be built into history records.
 *
 * Upgrades: a v6 database (slim records, shared texts, summary buckets, export fragments) is
 * read into v7 without loss (store/history-v6-migration.ts); older development databases
 * (v1-v5, never shipped) keep their sent requests and pending pages and start an empty history.
 */

export { DB_NAME, DB_VERSION };

export interface HistoryTotals {
  key: 'history-totals';
  count: number;
  bytes: number;
}

export interface TrackerLensDB extends DBSchema {
  pages: {
    key: string;
    value: HistoryRecord;
    indexes: { byUrl: string; byTime: number; byUrlTime: [string, number] };
  };
  rows: {
    key: string;
    value: StoredRow;
    indexes: { byFindings: [number, number, number, number, number] };
  };
  requests: {
    key: string;
    value: SentRequest;
    indexes: { sentAt: string };
  };
  meta: {
    key: string;
    value: HistoryTotals | Aggregates;
  };
  pending: {
    key: string;
    value: PendingPage;
  };
}

export type UpgradeTx = IDBPTransaction<TrackerLensDB, StoreNames<TrackerLensDB>[], 'versionchange'>;

/** History stores of v1-v6 that v7 no longer has, or rebuilds. */
const OLD_HISTORY_STORES = ['pages', 'rows', 'summaries', 'texts', 'fragments', 'export-fragments', 'meta'];

/** Creates every store (and index) the database does not have yet. */
function createMissing(db: IDBPDatabase<TrackerLensDB>): void {
  const has = (name: string) => db.objectStoreNames.contains(name as StoreNames<TrackerLensDB>);
  if (!has('pages')) {
    const pages = db.createObjectStore('pages', { keyPath: 'id' });
    pages.createIndex('byUrl', 'url');
    pages.createIndex('byTime', 'time');
    pages.createIndex('byUrlTime', ['url', 'time']);
  }
  if (!has('rows')) db.createObjectStore('rows', { keyPath: 'id' }).createIndex('byFindings', ['h', 'm', 'l', 'i', 'time']);
  if (!has('requests')) db.createObjectStore('requests', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
  if (!has('meta')) db.createObjectStore('meta', { keyPath: 'key' });
  if (!has('pending')) db.createObjectStore('pending', { keyPath: 'pageId' });
}

async function upgrade(db: IDBPDatabase<TrackerLensDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  const raw = db as unknown as IDBPDatabase;
  if (oldVersion === 6) await migrateHistoryV6(tx);
  const drop = oldVersion === 6 ? ['summaries', 'texts', 'export-fragments'] : oldVersion > 0 ? OLD_HISTORY_STORES : [];
  for (const name of drop) if (raw.objectStoreNames.contains(name)) raw.deleteObjectStore(name);
  createMissing(db);
}

/** Opens (and upgrades) the database. `name` is for tests; the extension uses DB_NAME. */
export function openTrackerDb(name: string = DB_NAME): Promise<IDBPDatabase<TrackerLensDB>> {
  return openDB<TrackerLensDB>(name, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, tx) => upgrade(db, oldVersion, tx),
    blocking() {
      // Another context (a newer build after an update) wants to upgrade: let it.
    },
  });
}

let shared: Promise<IDBPDatabase<TrackerLensDB>> | null = null;

/** The extension's one connection, opened lazily; reopened if the browser closed it. */
export function trackerDb(): Promise<IDBPDatabase<TrackerLensDB>> {
  if (!shared) {
    shared = openTrackerDb().then((db) => {
      db.addEventListener('close', () => {
        shared = null;
      });
      db.addEventListener('versionchange', () => {
        db.close();
        shared = null;
      });
      return db;
    });
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}
