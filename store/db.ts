import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { HistoryRecord } from '@/policy/export/history-record';
import type { PendingPage } from './pending-schema';
import type { SentRequest } from '@/policy/letter/request-log';

/**
 * THE IndexedDB module (issue #5 "History"): one versioned schema, numbered migrations.
 * Every other module opens the database through openTrackerDb(); nobody calls indexedDB.open.
 *
 * Migrations are an array indexed by target version - 1; an upgrade runs each migration from
 * oldVersion + 1 to DB_VERSION inside the single versionchange transaction, so a database made
 * by any older build is brought forward step by step without losing records
 * (tests/unit/db-migrations.test.ts opens a hand-made v1 database).
 *
 * Version history:
 *   1: "pages" (history, keyPath id; indexes byUrl, byTime) and "requests" (sent
 *      stop-processing requests, keyPath id; index sentAt).
 *   2: "pages" index byUrlTime ([url, time]) for "new since the previous visit", and a "meta"
 *      store holding running totals (count, bytes) so the size cap does not read every record.
 *   3: "pending" (keyPath pageId): finished page loads waiting to be built into history
 *      records; written by the background when a page ends, drained when the browser is idle
 *      (entrypoints/background.ts), so building a record never competes with the next page load.
 */

export const DB_NAME = 'tracker-lens';
export const DB_VERSION = 3;

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
  requests: {
    key: string;
    value: SentRequest;
    indexes: { sentAt: string };
  };
  meta: {
    key: string;
    value: HistoryTotals;
  };
  pending: {
    key: string;
    value: PendingPage;
  };
}

export type UpgradeTx = IDBPTransaction<TrackerLensDB, StoreNames<TrackerLensDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<TrackerLensDB>, tx: UpgradeTx) => Promise<void> | void;

/** Estimated stored size of a value: UTF-8 bytes of its JSON. */
export function estimateBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  // Count UTF-8 bytes without allocating an encoded copy (10,000-record exports, issue #5 bench).
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export const MIGRATIONS: readonly Migration[] = [
  // v1
  (db) => {
    const pages = db.createObjectStore('pages', { keyPath: 'id' });
    pages.createIndex('byUrl', 'url');
    pages.createIndex('byTime', 'time');
    const requests = db.createObjectStore('requests', { keyPath: 'id' });
    requests.createIndex('sentAt', 'sentAt');
  },
  // v2
  async (db, tx) => {
    tx.objectStore('pages').createIndex('byUrlTime', ['url', 'time']);
    const meta = db.createObjectStore('meta', { keyPath: 'key' });
    // Totals for records written by v1 (which kept no totals). A v1 record without "bytes"
    // gets it here, so the size cap accounts for it.
    let count = 0;
    let bytes = 0;
    let cursor = await tx.objectStore('pages').openCursor();
    while (cursor) {
      const rec = cursor.value as HistoryRecord & { bytes?: number };
      let b = typeof rec.bytes === 'number' && rec.bytes > 0 ? rec.bytes : 0;
      if (!b) {
        b = estimateBytes({ ...rec, bytes: 0 });
        await cursor.update({ ...rec, bytes: b });
      }
      count += 1;
      bytes += b;
      cursor = await cursor.continue();
    }
    await meta.put({ key: 'history-totals', count, bytes });
  },
  // v3
  (db) => {
    db.createObjectStore('pending', { keyPath: 'pageId' });
  },
];

if (MIGRATIONS.length !== DB_VERSION) throw new Error('store/db.ts: one migration per version');

/** Opens (and upgrades) the database. `name` is for tests; the extension uses DB_NAME. */
export function openTrackerDb(name: string = DB_NAME): Promise<IDBPDatabase<TrackerLensDB>> {
  return openDB<TrackerLensDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, newVersion, tx) {
      const target = newVersion ?? DB_VERSION;
      for (let v = oldVersion + 1; v <= target; v++) await MIGRATIONS[v - 1](db, tx);
    },
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
