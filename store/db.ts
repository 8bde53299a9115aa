import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { HistoryRecordSchema, type HistoryRecord } from '@/policy/export/history-record';
import { aggregatesOf } from '@/policy/history/aggregates';
import {
  AGGREGATES_KEY,
  STORED_FORMAT,
  SUMMARY_BUCKET_SIZE,
  V5FragmentBucketSchema,
  type Aggregates,
  type ExportFragmentBucket,
  type ExportFragmentItem,
  type PageSummary,
  type StoredRecord,
  type StoredRow,
  type SummaryBucket,
  type TextEntry,
  type TextValue,
} from '@/policy/history/schema';
import { EXPORT_FILES, isRecordFragments, splitFragments, type ExportFile } from '@/policy/history/fragments';
import { sameText, slimPage, type Slimmed } from '@/policy/history/slim';
import { emptyBucket, packSummary, readBucket, rowOf, summarize } from '@/policy/history/summary';
import { DB_NAME, DB_VERSION } from './db-name';
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
 *   4: slim history (issue #5, 10,000 records): "pages" values become slim records
 *      (policy/history/schema.ts StoredRecordSchema, format 2) whose shared texts live once
 *      in "texts" (keyPath key, reference-counted), and per-page summaries are packed into
 *      "summaries" (keyPath bucket). Every v2/v3 record is converted in place; the totals
 *      are recomputed (they now include the texts).
 *   5: first screen at 10,000 records (issue #5, audit page first render <= 300 ms): a new
 *      store "rows" (keyPath id) holds each page load's summary, unpacked, with its findings
 *      by severity as flat fields (StoredRowSchema) and an index byFindings ([h, m, l, i,
 *      time]): the audit list's default order is an index walk, its first 50 rows one read of
 *      50 small values; "meta" gains running aggregates of the summaries (key
 *      "history-aggregates", policy/history/aggregates.ts) for the overview, vendor summary
 *      and filter options. "pages" values do not change. Every stored summary gets its row;
 *      its record's bytes are recomputed to include the row (the totals follow); the
 *      aggregates are computed from the summaries. A record without a valid summary gets no
 *      row (it was not listed before either) and keeps its bytes.
 *      New store "fragments" (keyPath bucket, the summaries' bucket numbers): each record's
 *      precomputed export bytes (policy/history/fragments.ts), written with the record, so an
 *      export of 10,000 records reads 100 values (issue #5, export <= 2 s). Records from
 *      before v5 get theirs when an export first reaches them, not in the upgrade.
 *   6: export fragments per file (issue #5: an export streams each file on its own, one
 *      response per file from the service worker, so each file must read only its own bytes
 *      and start writing after its first buckets, not after 72 MB). "fragments" is replaced
 *      by "export-fragments" (keyPath [file, bucket], file one of EXPORT_FILES, the same
 *      bucket numbers): a value holds one file's fragments of one bucket's records
 *      (ExportFragmentBucketSchema), every record with stored fragments having an item in
 *      every file, empty CSV tables included (n 0), so an export of many records learns
 *      which bucket holds each record from the smallest file (the "pages" CSV table) and reads
 *      its file's buckets in the order it needs them (store/history.ts readFragments). Every v5
 *      bucket is split by file without loss; a bucket that does not parse, or an item that
 *      is not a RecordFragments, is dropped (those records get their fragments computed by
 *      the export, as records from before v5 do). Records' bytes do not change: they count
 *      their fragments by fragmentsBytes, which estimates the per-file layout as well (the
 *      six items' structured-clone size is within 2% of it, 2026-11-30 check).
 */

// The version number lives in store/db-name.ts (no imports) for the light readers.
export { DB_NAME, DB_VERSION };

export interface HistoryTotals {
  key: 'history-totals';
  count: number;
  bytes: number;
}

export interface TrackerLensDB extends DBSchema {
  pages: {
    key: string;
    /** StoredRecord since v4 (a record that failed to convert keeps its old shape and is skipped when read). */
    value: StoredRecord;
    indexes: { byUrl: string; byTime: number; byUrlTime: [string, number] };
  };
  rows: {
    key: string;
    /** StoredRow (since v5). */
    value: StoredRow;
    indexes: { byFindings: [number, number, number, number, number] };
  };
  summaries: {
    key: number;
    value: SummaryBucket;
  };
  texts: {
    key: string;
    value: TextEntry;
  };
  /**
   * Since v6 (v5: "fragments", keyPath bucket, all files in one value): each record's
   * precomputed export fragments, per export file, 100 records per bucket
   * (policy/history/fragments.ts FileFragment; policy/history/schema.ts ExportFragmentBucketSchema).
   */
  'export-fragments': {
    key: [ExportFile, number];
    value: ExportFragmentBucket;
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
      // The v1 shape (a full record), whatever the current value type says.
      const rec = cursor.value as unknown as HistoryRecord & { bytes?: number };
      let b = typeof rec.bytes === 'number' && rec.bytes > 0 ? rec.bytes : 0;
      if (!b) {
        b = estimateBytes({ ...rec, bytes: 0 });
        await cursor.update({ ...rec, bytes: b } as unknown as StoredRecord);
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
  // v4
  async (db, tx) => {
    db.createObjectStore('summaries', { keyPath: 'bucket' });
    db.createObjectStore('texts', { keyPath: 'key' });
    await convertToSlim(tx);
  },
  // v5 (export fragments: records stored before v5 have none; an export computes theirs when
  // it reaches them, store/history.ts readFragments, rather than the upgrade computing 10,000)
  async (db, tx) => {
    db.createObjectStore('rows', { keyPath: 'id' }).createIndex('byFindings', ['h', 'm', 'l', 'i', 'time']);
    // A store v6 replaces: not in TrackerLensDB any more.
    (db as unknown as IDBPDatabase).createObjectStore(V5_FRAGMENTS, { keyPath: 'bucket' });
    await addRows(tx);
  },
  // v6 (export fragments per file: each streamed export file reads only its own bytes)
  async (db, tx) => {
    db.createObjectStore('export-fragments', { keyPath: ['file', 'bucket'] });
    await splitFragments5(tx);
    (db as unknown as IDBPDatabase).deleteObjectStore(V5_FRAGMENTS);
  },
];

/** The v5 store of export fragments (all files of a record in one item), replaced in v6. */
const V5_FRAGMENTS = 'fragments';

/**
 * v6: every v5 fragments bucket split into one "export-fragments" value per file, items in
 * the same order, nothing recomputed (the bytes stay those the record was written with). One
 * v5 bucket is held at a time (a cursor, not getAll: 72 MB at 10,000 records). A bucket that
 * does not parse, or an item whose id is not a string or whose value is not a RecordFragments,
 * is dropped: an export computes those records' fragments from the records (store/history.ts
 * readFragments), as it does for records stored before v5.
 */
async function splitFragments5(tx: UpgradeTx): Promise<void> {
  const out = tx.objectStore('export-fragments');
  let cursor = await (tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>).objectStore(V5_FRAGMENTS).openCursor();
  while (cursor) {
    const b = V5FragmentBucketSchema.safeParse(cursor.value);
    if (b.success) {
      const files = Object.fromEntries(EXPORT_FILES.map((f) => [f, [] as ExportFragmentItem[]])) as Record<ExportFile, ExportFragmentItem[]>;
      for (const raw of b.data.items) {
        const item = raw as { id?: unknown; f?: unknown } | null;
        if (typeof item?.id !== 'string' || !item.id || !isRecordFragments(item.f)) continue;
        const split = splitFragments(item.f);
        for (const file of EXPORT_FILES) files[file].push({ id: item.id, ...split[file] });
      }
      if (files.json.length) for (const file of EXPORT_FILES) await out.put({ file, bucket: b.data.bucket, items: files[file] });
    }
    cursor = await cursor.continue();
  }
}

/** Estimated stored size of a page load: its record, its packed summary and its row. */
export function storedSize(stored: StoredRecord, summary: PageSummary, row: StoredRow): number {
  const packed = emptyBucket(0);
  packSummary(packed, summary);
  return estimateBytes({ ...stored, bytes: 0 }) + estimateBytes(packed.items[0]) + estimateBytes(row);
}

/**
 * v5: a row for every stored summary whose record is there; that record's bytes are
 * recomputed to include its row, the totals follow; the aggregates are those of the summaries.
 */
async function addRows(tx: UpgradeTx): Promise<void> {
  const pages = tx.objectStore('pages');
  const rows = tx.objectStore('rows');
  const listed: PageSummary[] = [];
  let delta = 0;
  for (const raw of await tx.objectStore('summaries').getAll()) {
    for (const s of readBucket(raw).summaries) {
      const rec = (await pages.get(s.id)) as (StoredRecord & { bytes?: unknown }) | undefined;
      if (!rec) continue;
      const row = rowOf(s);
      await rows.put(row);
      listed.push(s);
      const bytes = storedSize(rec, s, row);
      delta += bytes - (typeof rec.bytes === 'number' ? rec.bytes : 0);
      await pages.put({ ...rec, bytes });
    }
  }
  const meta = tx.objectStore('meta');
  const t = (await meta.get('history-totals')) as Partial<HistoryTotals> | undefined;
  if (t && typeof t.count === 'number' && typeof t.bytes === 'number') await meta.put({ key: 'history-totals', count: t.count, bytes: t.bytes + delta });
  await meta.put(aggregatesOf(listed));
}

/** The store rebuildAggregates reads, in whatever transaction the caller has (upgrade, write). */
interface AggregateSources {
  objectStore(name: 'summaries'): { getAll(): Promise<unknown[]> };
}

/**
 * Aggregates recomputed from the stored summaries, when the stored ones are missing or do
 * not validate. Summaries that do not validate are left out, as the audit
 * page leaves them out.
 */
export async function rebuildAggregates(tx: AggregateSources): Promise<Aggregates> {
  const all: PageSummary[] = [];
  for (const raw of await tx.objectStore('summaries').getAll()) for (const s of readBucket(raw).summaries) all.push(s);
  return aggregatesOf(all);
}

export { AGGREGATES_KEY, rowOf };

/**
 * Builds the stored form of a full record: the slim record, its summary and the texts it
 * moved out, avoiding any key under which `known` holds a different text (a hash collision:
 * that text then stays inline). `bytes` covers the record, its summary and its row.
 */
export function toStored(rec: HistoryRecord, bucket: number, known: (key: string) => TextValue | undefined): { stored: StoredRecord; summary: PageSummary; slim: Slimmed; row: StoredRow } {
  let slim = slimPage(rec.report);
  const clash = [...slim.table].filter(([k, v]) => {
    const had = known(k);
    return had !== undefined && !sameText(had, v);
  });
  if (clash.length) slim = slimPage(rec.report, new Set(clash.map(([k]) => k)));
  const summary = summarize(rec, rec.report);
  const stored: StoredRecord = {
    id: rec.id,
    url: rec.url,
    time: rec.time,
    pageId: rec.pageId,
    policyVersion: rec.policyVersion,
    bytes: 0,
    format: STORED_FORMAT,
    bucket,
    page: slim.page,
    texts: slim.texts,
  };
  const row = rowOf(summary);
  stored.bytes = storedSize(stored, summary, row);
  return { stored, summary, slim, row };
}

export function textEntryBytes(key: string, value: TextValue): number {
  return estimateBytes({ key, value, refs: 1, bytes: 0 });
}

/**
 * v4: every full record (v1 to v3 layout) becomes a slim record, in time order so that the
 * summary buckets follow time as they do for new records. A record that does not validate is
 * left as it was: it was already skipped when read, and still is, and still counts in the totals.
 */
async function convertToSlim(tx: UpgradeTx): Promise<void> {
  const pages = tx.objectStore('pages');
  const texts = new Map<string, { value: TextValue; refs: number }>();
  const buckets: SummaryBucket[] = [];
  let count = 0;
  let bytes = 0;
  let cursor = await pages.index('byTime').openCursor();
  // Records without a time are not in the byTime index: they are converted after the others.
  const seen = new Set<string>();
  const convert = async (raw: unknown, update: (v: StoredRecord) => Promise<unknown>) => {
    count += 1;
    const parsed = HistoryRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const b = (raw as { bytes?: unknown } | null)?.bytes;
      bytes += typeof b === 'number' && b > 0 ? b : estimateBytes(raw);
      return;
    }
    if (!buckets.length || buckets[buckets.length - 1].items.length >= SUMMARY_BUCKET_SIZE) buckets.push(emptyBucket(buckets.length));
    const { stored, summary, slim } = toStored(parsed.data, buckets.length - 1, (k) => texts.get(k)?.value);
    packSummary(buckets[buckets.length - 1], summary);
    for (const [k, n] of slim.counts) {
      const e = texts.get(k);
      if (e) e.refs += n;
      else texts.set(k, { value: slim.table.get(k)!, refs: n });
    }
    bytes += stored.bytes;
    await update(stored);
  };
  while (cursor) {
    seen.add(cursor.primaryKey);
    const c = cursor;
    await convert(c.value, (v) => c.update(v));
    cursor = await cursor.continue();
  }
  let rest = await pages.openCursor();
  while (rest) {
    if (!seen.has(rest.primaryKey)) {
      const c = rest;
      await convert(c.value, (v) => c.update(v));
    }
    rest = await rest.continue();
  }
  const summaries = tx.objectStore('summaries');
  for (const b of buckets) await summaries.put(b);
  const textStore = tx.objectStore('texts');
  for (const [key, e] of texts) {
    const b = textEntryBytes(key, e.value);
    bytes += b;
    await textStore.put({ key, value: e.value, refs: e.refs, bytes: b });
  }
  await tx.objectStore('meta').put({ key: 'history-totals', count, bytes });
}

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
