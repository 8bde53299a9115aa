import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportHistory } from '../../components/audit/export-files';
import { HistoryRecordSchema, type HistoryRecord } from '../../policy/export/history-record';
import { aggregatesOf, overviewOf } from '../../policy/history/aggregates';
import { estimateBytes } from '../../policy/history/size';
import { summarize } from '../../policy/history/summary';
import { toJson } from '../../policy/export';
import { recordPage } from '../../components/audit/export-files';
import { DB_VERSION, openTrackerDb } from '../../store/db';
import { readV6Record } from '../../store/history-v6-migration';
import { getHistory, historyFirstScreen, historyStats, listSummaries, previousVisit, putHistory, readHistory } from '../../store/history';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/**
 * tests/unit/fixtures/history-v6.json: a v6 database written by the v6 store (commit
 * "Fixture: a v6 history database ..."): every store's values (export fragments left out: v7
 * drops them unread) and the records the v6 store read back.
 */
const V6 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'history-v6.json'), 'utf8')) as {
  version: number;
  stores: Record<string, unknown[]>;
  expected: HistoryRecord[];
};

/** The v6 schema's stores and indexes, filled with the fixture's values. */
async function v6Database(name: string, patch?: (stores: Record<string, unknown[]>) => void): Promise<void> {
  const stores = structuredClone(V6.stores);
  patch?.(stores);
  const db = await openDB(name, 6, {
    upgrade(d) {
      const pages = d.createObjectStore('pages', { keyPath: 'id' });
      pages.createIndex('byUrl', 'url');
      pages.createIndex('byTime', 'time');
      pages.createIndex('byUrlTime', ['url', 'time']);
      d.createObjectStore('requests', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
      d.createObjectStore('meta', { keyPath: 'key' });
      d.createObjectStore('pending', { keyPath: 'pageId' });
      d.createObjectStore('summaries', { keyPath: 'bucket' });
      d.createObjectStore('texts', { keyPath: 'key' });
      d.createObjectStore('rows', { keyPath: 'id' }).createIndex('byFindings', ['h', 'm', 'l', 'i', 'time']);
      d.createObjectStore('export-fragments', { keyPath: ['file', 'bucket'] });
    },
  });
  for (const [store, values] of Object.entries(stores)) for (const v of values) await db.put(store, v);
  db.close();
}

const STORES_V7 = ['meta', 'pages', 'pending', 'requests', 'rows'];

describe('store/db.ts', () => {
  it('creates the v7 stores in a new database', async () => {
    const db = await openTrackerDb('fresh');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES_V7);
    expect([...db.transaction('pages').store.indexNames].sort()).toEqual(['byTime', 'byUrl', 'byUrlTime']);
    expect([...db.transaction('rows').store.indexNames]).toEqual(['byFindings']);
  });

  it('the fixture is a v6 database with slim records whose texts live apart', () => {
    expect(V6.version).toBe(6);
    expect(V6.stores.pages.length).toBe(V6.expected.length);
    expect(V6.stores.texts.length).toBeGreaterThan(0);
    expect(JSON.stringify(V6.stores.pages)).not.toContain(JSON.stringify(V6.expected[0].report.trackers[0].quotes?.[0] ?? 'no quote'));
  });

  it('reads a v6 database into v7 without loss', async () => {
    await v6Database('v6');
    const db = await openTrackerDb('v6');
    expect(db.version).toBe(7);
    expect([...db.objectStoreNames].sort()).toEqual(STORES_V7);
    for (const want of V6.expected) {
      const got = await getHistory(want.id, { db });
      expect(got).not.toBeNull();
      // The same record, stored whole; only its estimated size changes (record and row, no shared texts).
      expect({ ...got!, bytes: 0 }).toEqual({ ...want, bytes: 0 });
      expect(HistoryRecordSchema.parse(got)).toEqual(got);
      expect(got!.bytes).toBe(estimateBytes({ ...got!, bytes: 0 }) + estimateBytes(await db.get('rows', want.id)));
    }
    const stats = await historyStats({ db });
    expect(stats.count).toBe(V6.expected.length);
    expect(stats.bytes).toBe((await Promise.all(V6.expected.map((r) => getHistory(r.id, { db })))).reduce((n, r) => n + r!.bytes, 0));
    // Rows and aggregates carried over: the list and the first screen are those of the records.
    // v6 rows are carried over as they were: written before rows kept the trackers' country, they have none.
    const summaries = V6.expected.map((r) => {
      const s = summarize(r, r.report);
      return { ...s, trackers: s.trackers.map(({ country: _, ...t }) => t) };
    });
    expect((await listSummaries({ db })).summaries.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      summaries.sort((a, b) => a.id.localeCompare(b.id)),
    );
    const first = await historyFirstScreen({ db });
    expect(first.overview).toEqual(overviewOf(aggregatesOf(summaries)));
    expect(first.skipped).toBe(0);
    expect(await db.getAll('requests')).toEqual(V6.stores.requests);
    // Written on: the migrated history takes new records, and finds the previous visit among the old ones.
    const last = V6.expected.at(-1)!;
    const next = { ...last, id: 'new', pageId: 'new', time: last.time + 1000 };
    expect((await putHistory(next, { db, enabled: true, retentionDays: 36500, maxBytes: 50e6, now: next.time })).ok).toBe(true);
    expect((await previousVisit(next.url, next.time, { db }))?.id).toBe(last.id);
    expect((await historyStats({ db })).count).toBe(V6.expected.length + 1);
  });

  it('keeps a v6 record that did not read back as it was (still skipped, still counted)', async () => {
    await v6Database('v6', (stores) => {
      stores.texts = stores.texts.slice(1); // a text every record cites may be gone
    });
    const db = await openTrackerDb('v6');
    const ids = V6.expected.map((r) => r.id);
    let read = 0;
    const { skipped } = await readHistory(ids, (b) => void (read += b.length), { db });
    expect(read + skipped).toBe(ids.length);
    expect(skipped).toBeGreaterThan(0);
    expect((await historyStats({ db })).count).toBe(ids.length);
    expect(readV6Record(V6.stores.pages[0], () => undefined)).toBeNull();
  });

  it('an older development database (v5 and before) keeps its sent requests and starts an empty history', async () => {
    const old = await openDB('v3', 3, {
      upgrade(d) {
        const pages = d.createObjectStore('pages', { keyPath: 'id' });
        pages.createIndex('byUrl', 'url');
        pages.createIndex('byTime', 'time');
        d.createObjectStore('requests', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
        d.createObjectStore('meta', { keyPath: 'key' });
        d.createObjectStore('pending', { keyPath: 'pageId' });
      },
    });
    await old.put('requests', { id: 'q', sentAt: '2026-11-01' });
    await old.put('pages', { id: 'x', url: 'u', time: 1 });
    old.close();
    const db = await openTrackerDb('v3');
    expect([...db.objectStoreNames].sort()).toEqual(STORES_V7);
    expect(await db.getAll('requests')).toEqual([{ id: 'q', sentAt: '2026-11-01' }]);
    expect(await db.count('pages')).toBe(0);
  });

  it('exports the migrated records with the data the exporters write for them', async () => {
    await v6Database('v6');
    const db = await openTrackerDb('v6');
    const files = new Map<string, string>();
    const header = { schemaVersion: 1 as const, generatedAt: '2026-12-01T00:00:00.000Z', extensionVersion: '0.1.0' };
    const ids = V6.expected.map((r) => r.id);
    await exportHistory('json', ids, header, new Date(0), {
      read: (i, onBatch) => readHistory(i, onBatch, { db, batchSize: 4 }),
      download: (name) => {
        let text = '';
        return { write: (c) => void (text += c), bytes: 0, close: (p = '') => void files.set(name, p + text) };
      },
    });
    const [json] = [...files.values()];
    // Read without zod, a migrated record keeps the key order the migration gave it: same data.
    expect(JSON.parse(json)).toEqual(JSON.parse(toJson({ ...header, pages: V6.expected.map(recordPage) })));
  });
});
