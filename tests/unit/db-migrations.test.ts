import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import type { HistoryRecord } from '../../policy/export/history-record';
import { aggregatesOf, overviewOf } from '../../policy/history/aggregates';
import { EXPORT_FILES, exportPage, fragmentsBytes, recordFragments, splitFragments, type ExportFile, type RecordFragments } from '../../policy/history/fragments';
import { AggregatesSchema, TextEntrySchema, type PageSummary, type SummaryBucket, type TextValue } from '../../policy/history/schema';
import { hydrateStored, textRefCounts } from '../../policy/history/slim';
import { emptyBucket, packSummary, summarize } from '../../policy/history/summary';
import { DB_VERSION, MIGRATIONS, estimateBytes, openTrackerDb, rowOf, textEntryBytes, toStored, type TrackerLensDB } from '../../store/db';
import { getHistory, historyFirstScreen, historyStats, listHistory, listSummaries, previousVisit, putHistory } from '../../store/history';
import { fromFragments, fromRecords } from './fragment-exports';

// A fresh in-memory IndexedDB per test (fake-indexeddb implements the W3C API in Node).
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const report = (url: string) => ({ url, finalUrl: url, title: 'T', requestCount: 3, trackers: [], cookies: [], storage: [], thirdParties: [], findings: [] });

const STORES = ['export-fragments', 'meta', 'pages', 'pending', 'requests', 'rows', 'summaries', 'texts'];

/** The v1 schema, written by hand as the first release created it. */
function v1Database(name: string) {
  return openDB(name, 1, {
    upgrade(d) {
      const pages = d.createObjectStore('pages', { keyPath: 'id' });
      pages.createIndex('byUrl', 'url');
      pages.createIndex('byTime', 'time');
      d.createObjectStore('requests', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
    },
  });
}

/** The v2 schema, as the build before slim records made it (v3 adds "pending"). */
async function oldDatabase(name: string, version: 2 | 3, records: unknown[]) {
  const db = await openDB(name, version, {
    upgrade(d) {
      const pages = d.createObjectStore('pages', { keyPath: 'id' });
      pages.createIndex('byUrl', 'url');
      pages.createIndex('byTime', 'time');
      pages.createIndex('byUrlTime', ['url', 'time']);
      d.createObjectStore('requests', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
      d.createObjectStore('meta', { keyPath: 'key' });
      if (version === 3) d.createObjectStore('pending', { keyPath: 'pageId' });
    },
  });
  let bytes = 0;
  for (const r of records) {
    await db.put('pages', r);
    bytes += (r as { bytes: number }).bytes;
  }
  await db.put('meta', { key: 'history-totals', count: records.length, bytes });
  if (version === 3) await db.put('pending', { pageId: 'waiting', url: 'https://pro-medika.ru/' });
  db.close();
}

/** Full records as v2/v3 stored them: report pages built by the real pipeline. */
function fullRecords(): HistoryRecord[] {
  const specs = [
    { trackers: 3, cookies: 6, requests: 12, url: 'https://pro-medika.ru/' },
    { trackers: 8, cookies: 20, requests: 60, url: 'https://pro-medika.ru/services/urologiya/' },
    { trackers: 3, cookies: 6, requests: 12, url: 'https://pro-medika.ru/' },
  ];
  return specs.map((o, i) => {
    const report = buildSynthetic(syntheticPage(o)).page;
    const id = `old-${i}`;
    return { id, pageId: id, url: report.url, time: 5000 + i, report, policyVersion: report.policy?.version ?? '', bytes: 20_000 + i };
  });
}

describe('store/db.ts migrations', () => {
  it('has one migration per version', () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('opens a database made by the v1 schema and migrates it without loss', async () => {
    // The v1 schema, written by hand as the first release created it.
    const v1 = await v1Database('tl-old');
    const urls = ['https://pro-medika.ru/', 'https://pro-medika.ru/services/urologiya/', 'https://pro-medika.ru/'];
    for (let i = 0; i < urls.length; i++) {
      // v1 records had no "bytes" field.
      await v1.put('pages', { id: `p${i}`, url: urls[i], time: 1000 + i, pageId: `p${i}`, report: report(urls[i]), policyVersion: 'v1' });
    }
    const sent = { id: 'r1', sentAt: '2025-01-10T10:00:00+07:00', demands: ['stop-tracking'], deadline: '2025-01-20', recipient: 'a@b.ru', subject: 's', body: 'b', vendors: [], kind: 'demand', status: 'open' };
    await v1.put('requests', sent);
    v1.close();

    const db = await openTrackerDb('tl-old');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    expect(await db.count('pages')).toBe(3);
    expect(await db.get('requests', 'r1')).toEqual(sent);
    expect(await db.getAllFromIndex('requests', 'sentAt')).toHaveLength(1);
    const all = await db.getAll('pages');
    for (const r of all) expect(r.bytes).toBeGreaterThan(0);
    expect(all.map((r) => r.page.url)).toEqual(urls);

    // The new index and the totals work on the migrated data.
    const stats = await historyStats({ db });
    expect(stats).toMatchObject({ count: 3, oldest: 1000, newest: 1002 });
    expect(stats.bytes).toBe(all.reduce((s, r) => s + r.bytes, 0));
    expect((await previousVisit('https://pro-medika.ru/', 1002, { db }))?.id).toBe('p0');
    expect((await listHistory({}, { db })).records.map((r) => r.id)).toEqual(['p2', 'p1', 'p0']);
    // v5: the first screen (aggregates, rows by findings) works on records migrated from v1.
    const first = await historyFirstScreen({ db });
    expect(first.overview).toMatchObject({ pages: 3, urls: 2 });
    expect(first.rows.map((r) => r.id)).toEqual(['p2', 'p1', 'p0']);
    db.close();

    // Opening again at the same version changes nothing.
    const again = await openTrackerDb('tl-old');
    expect(await again.count('pages')).toBe(3);
    again.close();
  });

  it('creates the current schema from scratch', async () => {
    const db = await openTrackerDb('tl-new');
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    expect([...db.transaction('pages').store.indexNames].sort()).toEqual(['byTime', 'byUrl', 'byUrlTime']);
    expect(db.transaction('export-fragments').store.keyPath).toEqual(['file', 'bucket']);
    expect([...db.transaction('rows').store.indexNames]).toEqual(['byFindings']);
    db.close();
  });

  for (const version of [2, 3] as const) {
    it(`v4 converts a v${version} database of full records to slim records, summaries and texts without loss`, async () => {
      const records = fullRecords();
      const broken = { id: 'broken', pageId: 'broken', url: 'x', time: 4000, report: { nope: true }, policyVersion: 'v', bytes: 77 };
      await oldDatabase(`tl-v${version}`, version, [...records, broken]);

      const db = await openTrackerDb(`tl-v${version}`);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(STORES);
      if (version === 3) expect(await db.get('pending', 'waiting')).toEqual({ pageId: 'waiting', url: 'https://pro-medika.ru/' });

      // Every valid record reads back exactly as it was written (only its stored size changed).
      const back = (await listHistory({ newestFirst: false }, { db })).records;
      expect(back.map(({ bytes: _b, ...r }) => r)).toEqual(records.map(({ bytes: _b, ...r }) => r));
      expect((await getHistory('old-1', { db }))?.report).toEqual(records[1].report);
      for (const r of back) expect(r.bytes).toBeLessThan(estimateJson(records.find((x) => x.id === r.id)));
      // The record that never validated is kept as it was and still skipped.
      expect((await listHistory({}, { db })).skipped).toBe(1);
      expect(await db.get('pages', 'broken')).toEqual(broken);

      // Summaries for each valid record.
      const { summaries, skipped } = await listSummaries({ db });
      expect(skipped).toBe(0);
      expect(summaries).toEqual(records.map((r) => summarize(r, r.report)));

      // Texts: each entry counts exactly the references the records hold.
      const refs = new Map<string, number>();
      for (const raw of await db.getAll('pages')) {
        if (raw.id === 'broken') continue;
        for (const [k, n] of textRefCounts(raw.texts)) refs.set(k, (refs.get(k) ?? 0) + n);
      }
      const entries = (await db.getAll('texts')).map((e) => TextEntrySchema.parse(e));
      expect(new Map(entries.map((e) => [e.key, e.refs]))).toEqual(refs);

      // Totals: records (slim) + the broken one + texts.
      const stats = await historyStats({ db });
      expect(stats.count).toBe(4);
      expect(stats.bytes).toBe(back.reduce((n, r) => n + r.bytes, 0) + 77 + entries.reduce((n, e) => n + e.bytes, 0));
      expect((await previousVisit('https://pro-medika.ru/', 5002, { db }))?.id).toBe('old-0');

      // New records join the converted ones, and opening again changes nothing.
      const fresh = { ...records[0], id: 'new', pageId: 'new', time: 9000 };
      expect(await putHistory(fresh, { db, now: 9000, enabled: true, retentionDays: 3650, maxBytes: 50e6 })).toMatchObject({ ok: true });
      expect((await listSummaries({ db })).summaries.map((x) => x.id)).toEqual(['old-0', 'old-1', 'old-2', 'new']);
      db.close();
      const again = await openTrackerDb(`tl-v${version}`);
      expect(await again.count('pages')).toBe(5);
      again.close();
    });
  }
});

/**
 * A v4 database as the v4 build left it: v3 records converted by the v4 migration, whose
 * bytes then did not count a row (v5 adds rows), and no aggregates.
 */
async function v4Database(name: string, records: HistoryRecord[], broken: unknown) {
  await oldDatabase(name, 3, [...records, broken]);
  const db = await openDB<TrackerLensDB>(name, 4, {
    async upgrade(d, _old, _new, tx) {
      await MIGRATIONS[3](d, tx);
    },
  });
  let removed = 0;
  const tx = db.transaction(['pages', 'meta'], 'readwrite');
  for (const r of records) {
    const v = (await tx.objectStore('pages').get(r.id))!;
    const rowBytes = estimateBytes(rowOf(summarize(r, r.report)));
    removed += rowBytes;
    await tx.objectStore('pages').put({ ...v, bytes: v.bytes - rowBytes });
  }
  const t = (await tx.objectStore('meta').get('history-totals')) as { count: number; bytes: number };
  await tx.objectStore('meta').put({ key: 'history-totals', count: t.count, bytes: t.bytes - removed });
  await tx.done;
  db.close();
}

describe('store/db.ts migration v5', () => {
  it('adds a row per summary (index byFindings) and computes the aggregates, without loss', async () => {
    const records = fullRecords();
    const broken = { id: 'broken', pageId: 'broken', url: 'x', time: 4000, report: { nope: true }, policyVersion: 'v', bytes: 77 };
    await v4Database('tl-v4', records, broken);
    const v4 = await openDB('tl-v4');
    expect(v4.version).toBe(4);
    expect([...v4.objectStoreNames]).not.toContain('rows');
    const before = new Map((await v4.getAll('pages')).map((v) => [v.id as string, v]));
    const texts4 = await v4.getAll('texts');
    const summaries4 = await v4.getAll('summaries');
    const totals4 = await v4.get('meta', 'history-totals');
    expect(await v4.get('meta', 'history-aggregates')).toBeUndefined();
    v4.close();

    const db = await openTrackerDb('tl-v4');
    expect(db.version).toBe(DB_VERSION);
    const summaries = records.map((r) => summarize(r, r.report));
    // Each valid record gets its row; its value is unchanged but for its bytes, which now count the row.
    expect(await db.getAll('rows')).toEqual(summaries.map(rowOf));
    let grown = 0;
    for (const raw of await db.getAll('pages')) {
      const old = before.get(raw.id) as { bytes: number };
      if (raw.id === 'broken') {
        expect(raw).toEqual(broken);
        continue;
      }
      const row = (await db.get('rows', raw.id))!;
      expect({ ...raw, bytes: 0 }).toEqual({ ...old, bytes: 0 });
      expect(raw.bytes).toBe(old.bytes + estimateBytes(row));
      grown += raw.bytes - old.bytes;
    }
    expect(await db.getAll('texts')).toEqual(texts4);
    expect(await db.getAll('summaries')).toEqual(summaries4);
    const stats = await historyStats({ db });
    expect(stats.count).toBe(4);
    expect(stats.bytes).toBe((totals4 as { bytes: number }).bytes + grown);

    // Every valid record still reads back exactly as it was written.
    const back = (await listHistory({ newestFirst: false }, { db })).records;
    expect(back.map(({ bytes: _b, ...r }) => r)).toEqual(records.map(({ bytes: _b, ...r }) => r));

    // Aggregates: those of the summaries; the first rows in the list's default order.
    const agg = AggregatesSchema.parse(await db.get('meta', 'history-aggregates'));
    expect(agg).toEqual(aggregatesOf(summaries));
    const first = await historyFirstScreen({ db });
    expect(first.overview).toEqual(overviewOf(aggregatesOf(summaries)));
    const sev = (s: (typeof summaries)[number]) => [s.counts.high, s.counts.medium, s.counts.low, s.counts.info, s.time];
    const order = [...summaries].sort((a, b) => {
      const x = sev(a);
      const y = sev(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i] - x[i];
      return 0;
    });
    expect(first.rows).toEqual(order);
    expect(first.skipped).toBe(0);

    // A new record joins them, and the aggregates follow.
    const fresh = { ...records[1], id: 'new', pageId: 'new', time: 9000 };
    expect(await putHistory(fresh, { db, now: 9000, enabled: true, retentionDays: 3650, maxBytes: 50e6 })).toMatchObject({ ok: true });
    expect(await db.get('meta', 'history-aggregates')).toEqual(aggregatesOf([...summaries, summarize(fresh, fresh.report)]));
    expect(await db.get('rows', 'new')).toEqual(rowOf(summarize(fresh, fresh.report)));
    db.close();
  });
});

/** Seven records of pipeline-built pages, with the v5 bucket each was written to (three buckets). */
function placedRecords(): [HistoryRecord, number][] {
  const specs = [
    { trackers: 3, cookies: 6, requests: 12 },
    { trackers: 8, cookies: 20, requests: 60, url: 'https://pro-medika.ru/services/urologiya/' },
    { trackers: 1, cookies: 0, requests: 2 },
    { trackers: 5, cookies: 9, requests: 30, url: 'https://pro-medika.ru/doctors/' },
    { trackers: 2, cookies: 3, requests: 5 },
    { trackers: 6, cookies: 12, requests: 40, url: 'https://pro-medika.ru/services/urologiya/' },
    { trackers: 4, cookies: 7, requests: 20, url: 'https://pro-medika.ru/contacts/' },
  ];
  const buckets = [0, 0, 0, 1, 1, 2, 2];
  return specs.map((o, i) => {
    const report = buildSynthetic(syntheticPage(o)).page;
    const id = `old-${i}`;
    return [{ id, pageId: id, url: report.url, time: 7000 + i, report, policyVersion: report.policy?.version ?? '', bytes: 0 }, buckets[i]];
  });
}

/**
 * A v5 database as the v5 build wrote it: each record stored with the store's own building
 * blocks (toStored, packSummary, rowOf, texts reference-counted, totals, aggregates), and its
 * export fragments - those of the record as it reads back - in the v5 store "fragments"
 * ({ bucket, items: [{ id, f: RecordFragments }] }), its bytes counting them (fragmentsBytes).
 */
async function v5Database(name: string, placed: [HistoryRecord, number][]): Promise<void> {
  const db = await openDB<TrackerLensDB>(name, 5, {
    async upgrade(d, old, _new, tx) {
      for (let v = old + 1; v <= 5; v++) await MIGRATIONS[v - 1](d, tx);
    },
  });
  // "fragments" is no longer in TrackerLensDB.
  const raw = db as unknown as IDBPDatabase;
  const table = new Map<string, TextValue>();
  const refs = new Map<string, number>();
  const summaries = new Map<number, SummaryBucket>();
  const fragments = new Map<number, { id: string; f: RecordFragments }[]>();
  const all: PageSummary[] = [];
  let bytes = 0;
  for (const [rec, b] of placed) {
    const { stored, summary, slim, row } = toStored(rec, b, (k) => table.get(k));
    for (const [k, v] of slim.table) table.set(k, v);
    for (const [k, n] of slim.counts) refs.set(k, (refs.get(k) ?? 0) + n);
    const f = recordFragments(exportPage(hydrateStored(stored, (k) => table.get(k))!));
    stored.bytes += fragmentsBytes(f);
    bytes += stored.bytes;
    await raw.put('pages', stored);
    await raw.put('rows', row);
    if (!summaries.has(b)) summaries.set(b, emptyBucket(b));
    packSummary(summaries.get(b)!, summary);
    all.push(summary);
    fragments.set(b, [...(fragments.get(b) ?? []), { id: rec.id, f }]);
  }
  for (const bucket of summaries.values()) await raw.put('summaries', bucket);
  for (const [bucket, items] of fragments) await raw.put('fragments', { bucket, items });
  for (const [key, n] of refs) {
    const value = table.get(key)!;
    const e = { key, value, refs: n, bytes: textEntryBytes(key, value) };
    bytes += e.bytes;
    await raw.put('texts', e);
  }
  await raw.put('meta', { key: 'history-totals', count: placed.length, bytes });
  await raw.put('meta', aggregatesOf(all));
  db.close();
}

/** Everything but the export fragments, as stored (for "nothing else changed"). */
async function otherStores(db: IDBPDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const store of ['pages', 'rows', 'summaries', 'texts', 'meta', 'requests']) out[store] = await db.getAll(store);
  return out;
}

describe('store/db.ts migration v6: export fragments per file', () => {
  it('splits every v5 bucket into one value per file without loss; exports from them equal the records\' exports', async () => {
    const placed = placedRecords();
    await v5Database('tl-v5', placed);
    const v5 = await openDB('tl-v5');
    expect(v5.version).toBe(5);
    const before = await otherStores(v5);
    const v5Buckets = (await v5.getAll('fragments')) as { bucket: number; items: { id: string; f: RecordFragments }[] }[];
    expect(v5Buckets.map((b) => [b.bucket, b.items.length])).toEqual([[0, 3], [1, 2], [2, 2]]);
    v5.close();

    const db = await openTrackerDb('tl-v5');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    // One value per (file, bucket); each item the v5 item's fragment of that file, in order.
    expect(await db.count('export-fragments')).toBe(3 * EXPORT_FILES.length);
    for (const b of v5Buckets) {
      for (const file of EXPORT_FILES) {
        const v = await db.get('export-fragments', [file, b.bucket]);
        expect(v).toEqual({ file, bucket: b.bucket, items: b.items.map((x) => ({ id: x.id, ...splitFragments(x.f)[file] })) });
      }
    }
    // Nothing else changed: records (their bytes included), rows, summaries, texts, totals, aggregates.
    expect(await otherStores(db as unknown as IDBPDatabase)).toEqual(before);

    // Every file, in an order unrelated to the buckets, through either way of finding buckets.
    const ids = ['old-6', 'old-0', 'old-3', 'gone', 'old-5', 'old-1', 'old-4', 'old-2'];
    const want = await fromRecords(db, ids);
    for (const fewRecords of [undefined, 0]) {
      const got = await fromFragments(db, ids, { fewRecords, bucketsPerRead: 1 });
      expect([got.json, got.html, got.csv]).toEqual([want.json, want.html, want.csv]);
      expect([got.skipped, got.computed]).toEqual([1, 0]);
    }
    // A record written now joins bucket 2 in every file.
    const fresh = { ...placed[1][0], id: 'new', pageId: 'new', time: 9000 };
    expect(await putHistory(fresh, { db, now: 9000, enabled: true, retentionDays: 3650, maxBytes: 50e6 })).toMatchObject({ ok: true });
    for (const file of EXPORT_FILES) expect((await db.get('export-fragments', [file, 2]))!.items.map((x) => x.id)).toEqual(['old-5', 'old-6', 'new']);
    db.close();
  });

  it('drops damaged v5 buckets and items; those records get their fragments computed by the export, byte-identical', async () => {
    await v5Database('tl-v5d', placedRecords());
    const v5 = await openDB('tl-v5d');
    const b0 = (await v5.get('fragments', 0)) as { bucket: number; items: { id: unknown; f: unknown }[] };
    const b1 = (await v5.get('fragments', 1)) as typeof b0;
    // Bucket 0: old-1's fragments are not a RecordFragments, and an item has no valid id.
    b0.items[1] = { id: 'old-1', f: { format: 1, dict: 1 } };
    b0.items.push({ id: 42, f: b0.items[0].f });
    await v5.put('fragments', b0);
    // Bucket 1: old-4 has no fragments (as a record stored before v5).
    await v5.put('fragments', { ...b1, items: b1.items.filter((x) => x.id !== 'old-4') });
    // Bucket 2 is not a bucket at all; neither is a value under a string key.
    await v5.put('fragments', { bucket: 2, items: 'garbage' });
    await v5.put('fragments', { bucket: 'x', items: [] });
    const before = await otherStores(v5);
    v5.close();

    const db = await openTrackerDb('tl-v5d');
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    const ids = async (file: ExportFile, bucket: number) => (await db.get('export-fragments', [file, bucket]))?.items.map((x) => x.id);
    for (const file of EXPORT_FILES) {
      expect(await ids(file, 0)).toEqual(['old-0', 'old-2']);
      expect(await ids(file, 1)).toEqual(['old-3']);
      expect(await ids(file, 2)).toBeUndefined();
    }
    expect(await db.count('export-fragments')).toBe(2 * EXPORT_FILES.length);
    expect(await otherStores(db as unknown as IDBPDatabase)).toEqual(before);

    const order = ['old-5', 'old-1', 'old-0', 'old-6', 'old-4', 'old-3', 'old-2'];
    const want = await fromRecords(db, order);
    for (const fewRecords of [undefined, 0]) {
      const got = await fromFragments(db, order, { fewRecords });
      expect([got.json, got.html, got.csv]).toEqual([want.json, want.html, want.csv]);
      // old-1, old-4, old-5 and old-6, in every file.
      expect(got.computedBy).toEqual(Object.fromEntries(EXPORT_FILES.map((f) => [f, 4])));
      expect(got.skipped).toBe(0);
    }
    db.close();
  });

  it('v1 to v4 databases reach v6 with no stored fragments; an export computes them, byte-identical', async () => {
    // v1, written by hand as the first release created it (records without bytes).
    const v1 = await v1Database('tl-f1');
    for (const [i, r] of fullRecords().entries()) {
      const { bytes: _b, ...rest } = r;
      await v1.put('pages', { ...rest, time: 1000 + i });
    }
    v1.close();
    const broken = { id: 'broken', pageId: 'broken', url: 'x', time: 4000, report: { nope: true }, policyVersion: 'v', bytes: 77 };
    await oldDatabase('tl-f2', 2, [...fullRecords(), broken]);
    await oldDatabase('tl-f3', 3, [...fullRecords(), broken]);
    await v4Database('tl-f4', fullRecords(), broken);

    for (const name of ['tl-f1', 'tl-f2', 'tl-f3', 'tl-f4']) {
      const db = await openTrackerDb(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort(), name).toEqual(STORES);
      expect(await db.count('export-fragments'), name).toBe(0);
      const order = ['old-2', 'broken', 'old-0', 'old-1'];
      const want = await fromRecords(db, order);
      for (const fewRecords of [undefined, 0]) {
        const got = await fromFragments(db, order, { fewRecords });
        expect([got.json, got.html, got.csv], name).toEqual([want.json, want.html, want.csv]);
        expect([got.skipped, got.computed], name).toEqual([1, 3]);
      }
      db.close();
    }
  });
});

function estimateJson(v: unknown): number {
  return new TextEncoder().encode(JSON.stringify(v)).length;
}
