import { IDBFactory, IDBIndex } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { diffReports } from '../../policy/findings/diff';
import type { ReportPage } from '../../policy/report/schema';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { aggregatesOf, emptyAggregates } from '../../policy/history/aggregates';
import type { StoredRecord, StoredRow } from '../../policy/history/schema';
import { slimPage, textKey } from '../../policy/history/slim';
import { openTrackerDb, rowOf, type TrackerLensDB } from '../../store/db';
import {
  clearHistory,
  deleteHistory,
  getHistory,
  historyFirstScreen,
  historyStats,
  listHistory,
  listSummaries,
  previousVisit,
  putHistory,
  readFragments,
  readHistory,
  type HistoryRecord,
} from '../../store/history';
import { setHistorySettings } from '../../store/settings';
import { EXPORT_FILES, exportPage, fragmentsBytes, recordFragments, splitFragments, type ExportFile, type FileFragment } from '../../policy/history/fragments';
import { fromFragments as exportFromFragments, fromRecords as exportFromRecords } from './fragment-exports';

const DAY = 86400_000;
const NOW = 1_750_000_000_000;
let db: IDBPDatabase<TrackerLensDB>;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  db = await openTrackerDb('tl-test');
});

function page(url: string, extra: Partial<ReportPage> = {}): ReportPage {
  return { url, finalUrl: url, title: 'Title', requestCount: 1, trackers: [], cookies: [], storage: [], thirdParties: [], findings: [], ...extra };
}

function rec(id: string, time: number, url = 'https://pro-medika.ru/', extra: Partial<ReportPage> = {}): HistoryRecord {
  return { id, pageId: id, url, time, report: page(url, extra), policyVersion: 'v1', bytes: 0 };
}

describe('history store', () => {
  it('puts, reads back, lists newest first and reports stats', async () => {
    const r1 = await putHistory(rec('a', NOW - 2000), { db, now: NOW });
    const r2 = await putHistory(rec('b', NOW - 1000, 'https://pro-medika.ru/doctors/'), { db, now: NOW });
    expect(r1).toMatchObject({ ok: true, id: 'a', retried: false });
    expect(r2.ok).toBe(true);
    expect((await getHistory('a', { db }))?.report.title).toBe('Title');
    expect((await listHistory({}, { db })).records.map((r) => r.id)).toEqual(['b', 'a']);
    expect((await listHistory({ url: 'https://pro-medika.ru/doctors/' }, { db })).records.map((r) => r.id)).toEqual(['b']);
    const stats = await historyStats({ db });
    expect(stats).toMatchObject({ count: 2, oldest: NOW - 2000, newest: NOW - 1000 });
    expect(stats.bytes).toBe(((await getHistory('a', { db }))?.bytes ?? 0) + ((await getHistory('b', { db }))?.bytes ?? 0));
  });

  it('deletes one page and clears everything, keeping totals right', async () => {
    await putHistory(rec('a', NOW - 2), { db, now: NOW });
    await putHistory(rec('b', NOW - 1), { db, now: NOW });
    expect(await deleteHistory('a', { db })).toBe(true);
    expect(await deleteHistory('zzz', { db })).toBe(false);
    expect((await historyStats({ db })).count).toBe(1);
    await clearHistory({ db });
    expect(await historyStats({ db })).toEqual({ count: 0, bytes: 0, oldest: null, newest: null });
  });

  it('skips and counts bad records instead of crashing', async () => {
    await putHistory(rec('ok', NOW - 5), { db, now: NOW });
    await db.put('pages', { id: 'bad', url: 'x', time: NOW - 1, pageId: 'bad', report: { nope: true }, policyVersion: 'v1', bytes: 10 } as unknown as StoredRecord);
    const list = await listHistory({}, { db });
    expect(list.records.map((r) => r.id)).toEqual(['ok']);
    expect(list.skipped).toBe(1);
    expect(await getHistory('bad', { db })).toBeNull();
  });

  it('rejects an invalid record with a result, not an exception', async () => {
    const r = await putHistory({ ...rec('x', NOW), url: 42 } as unknown as HistoryRecord, { db, now: NOW });
    expect(r).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('prunes records older than the retention period', async () => {
    await putHistory(rec('old', NOW - 91 * DAY), { db, now: NOW - 91 * DAY });
    await putHistory(rec('recent', NOW - 10 * DAY), { db, now: NOW - 10 * DAY });
    const r = await putHistory(rec('now', NOW), { db, now: NOW, retentionDays: 90 });
    expect(r).toMatchObject({ ok: true, pruned: 1 });
    expect((await listHistory({}, { db })).records.map((x) => x.id)).toEqual(['now', 'recent']);
  });

  it('prunes oldest first under the size cap and always keeps the current page', async () => {
    const first = await putHistory(rec('r0', NOW), { db, now: NOW });
    const size = first.ok ? first.bytes : 0;
    expect(size).toBeGreaterThan(100);
    for (let i = 1; i < 5; i++) await putHistory(rec(`r${i}`, NOW + i), { db, now: NOW + i, maxBytes: size * 10 });
    // Room for three records, not four (sizes differ by a few bytes: deflated fragments).
    const cap = Math.floor(size * 3.5);
    const r = await putHistory(rec('r5', NOW + 5), { db, now: NOW + 5, maxBytes: cap });
    expect(r).toMatchObject({ ok: true, pruned: 3 });
    expect((await listHistory({}, { db })).records.map((x) => x.id)).toEqual(['r5', 'r4', 'r3']);
    expect((await historyStats({ db })).bytes).toBeLessThanOrEqual(cap);
  });

  it('catches a quota error, prunes, retries once, and keeps the current page', async () => {
    for (let i = 0; i < 4; i++) await putHistory(rec(`o${i}`, NOW + i), { db, now: NOW + i });
    // A database whose first write transaction fails with QuotaExceededError (as a full disk would).
    let failures = 1;
    const flaky = new Proxy(db, {
      get(target, prop, recv) {
        if (prop !== 'transaction') return Reflect.get(target, prop, recv);
        return (...args: Parameters<typeof db.transaction>) => {
          const tx = target.transaction(...args);
          if (failures-- <= 0) return tx;
          const store = tx.objectStore('pages');
          return new Proxy(tx, {
            get(t, p, r) {
              if (p !== 'objectStore') return Reflect.get(t, p, r);
              return (name: string) =>
                name !== 'pages'
                  ? t.objectStore(name as 'meta')
                  : new Proxy(store, {
                      get(s, q, sr) {
                        if (q === 'put') return () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
                        const v = Reflect.get(s, q, sr);
                        return typeof v === 'function' ? v.bind(s) : v;
                      },
                    });
            },
          });
        };
      },
    });
    const r = await putHistory(rec('current', NOW + 10), { db: flaky, now: NOW + 10, maxBytes: 4000 });
    expect(r).toMatchObject({ ok: true, retried: true });
    expect(await getHistory('current', { db })).not.toBeNull();
    expect(r.ok && r.pruned).toBeGreaterThan(0);
  });

  it('reports a persistent quota error as a result', async () => {
    const broken = new Proxy(db, {
      get(target, prop, recv) {
        if (prop === 'transaction') return () => ({ done: Promise.resolve(), objectStore: () => ({ get: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) }) });
        return Reflect.get(target, prop, recv);
      },
    });
    expect(await putHistory(rec('x', NOW), { db: broken, now: NOW })).toMatchObject({ ok: false, reason: 'quota' });
  });

  it('honours the settings: history off writes nothing', async () => {
    await setHistorySettings({ enabled: false });
    expect(await putHistory(rec('x', NOW), { db, now: NOW })).toMatchObject({ ok: false, reason: 'disabled' });
    await setHistorySettings({ enabled: true, retentionDays: 1 });
    await putHistory(rec('y', NOW - 2 * DAY), { db, now: NOW - 2 * DAY });
    expect(await putHistory(rec('z', NOW), { db, now: NOW })).toMatchObject({ ok: true, pruned: 1 });
  });

  it('finds the previous visit of a URL and diffs it against the current one', async () => {
    const url = 'https://pro-medika.ru/services/urologiya/';
    const tracker = (vendor: string) => ({ vendor, name: vendor, category: 'analytics', hosts: [], requests: 1, cookies: [], storage: [], features: [], purposes: [], quotes: [] });
    const cookie = (name: string) => ({ name, domain: '.pro-medika.ru', path: '/', firstParty: true, httpOnly: false, secure: true, sameSite: 'lax' as const, expires: null, session: true, partitioned: false, size: 5, vendor: null, purposes: [] });
    await putHistory(rec('v1', NOW - 3000, url, { trackers: [tracker('metrica')], cookies: [cookie('_ym_uid')] }), { db, now: NOW });
    await putHistory(rec('other', NOW - 2000, 'https://pro-medika.ru/'), { db, now: NOW });
    const cur = rec('v2', NOW, url, {
      trackers: [tracker('metrica'), tracker('vkads')],
      cookies: [cookie('_ym_uid'), cookie('tmr_lvid')],
      findings: [{ kind: 'health-context-leak', severity: 'high', vendor: 'vkads', evidence: { param: 'u', url: 'x?rnd=1' } }],
    });
    await putHistory(cur, { db, now: NOW });
    const prev = await previousVisit(url, NOW, { db });
    expect(prev?.id).toBe('v1');
    expect(await previousVisit(url, NOW - 3000, { db })).toBeNull();
    const d = diffReports(prev!.report, cur.report);
    expect(d.newTrackers.map((t) => t.vendor)).toEqual(['vkads']);
    expect(d.newCookies.map((c) => c.name)).toEqual(['tmr_lvid']);
    expect(d.newFindings.map((f) => f.kind)).toEqual(['health-context-leak']);
  });
});

/** A record whose report comes from the real pipeline: trackers with quotes and explanations, findings with titles. */
function realRec(id: string, time: number, opts: { trackers: number; cookies: number; requests: number; url?: string } = { trackers: 6, cookies: 12, requests: 40 }): HistoryRecord {
  const report = buildSynthetic(syntheticPage(opts)).page;
  return { id, pageId: id, url: report.url, time, report, policyVersion: report.policy?.version ?? '', bytes: 0 };
}

async function textRefs(): Promise<Map<string, number>> {
  return new Map((await db.getAll('texts')).map((e) => [e.key, e.refs]));
}

describe('history store: slim records, summaries and texts', () => {
  const opts = { enabled: true, retentionDays: 3650, maxBytes: 50e6 };

  it('a record reads back exactly as written; its stored value holds no shared text', async () => {
    const r = realRec('a', NOW);
    const put = await putHistory(r, { db, now: NOW, ...opts });
    expect(put.ok).toBe(true);
    expect(await getHistory('a', { db })).toEqual({ ...r, bytes: put.ok ? put.bytes : -1 });
    const raw = JSON.stringify(await db.get('pages', 'a'));
    expect(raw).not.toContain(r.report.trackers[0].quotes[0]);
    expect(raw.length).toBeLessThan(JSON.stringify(r).length * 0.8);
    const { summaries } = await listSummaries({ db });
    expect(summaries.map((s) => [s.id, s.findings, s.trackers.length])).toEqual([['a', r.report.findings.length, r.report.trackers.length]]);
  });

  it('texts are shared between records and reference-counted; deleting a record releases them', async () => {
    await putHistory(realRec('a', NOW - 2), { db, now: NOW, ...opts });
    const one = await textRefs();
    await putHistory(realRec('b', NOW - 1), { db, now: NOW, ...opts });
    const two = await textRefs();
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [k, n] of one) expect(two.get(k)).toBe(2 * n);
    const statsTwo = await historyStats({ db });

    await deleteHistory('a', { db });
    expect(await textRefs()).toEqual(one);
    expect((await listSummaries({ db })).summaries.map((s) => s.id)).toEqual(['b']);
    const statsOne = await historyStats({ db });
    expect(statsOne.count).toBe(1);
    expect(statsOne.bytes).toBeLessThan(statsTwo.bytes);

    await deleteHistory('b', { db });
    expect(await db.count('texts')).toBe(0);
    expect(await db.count('summaries')).toBe(0);
    expect(await historyStats({ db })).toEqual({ count: 0, bytes: 0, oldest: null, newest: null });
  });

  it('pruning (retention and size cap) takes summaries and texts along in the same transaction', async () => {
    await putHistory(realRec('old', NOW - 100 * DAY), { db, now: NOW - 100 * DAY, ...opts });
    const other = realRec('other', NOW - 50 * DAY, { trackers: 2, cookies: 3, requests: 5 });
    const r = await putHistory(other, { db, now: NOW, ...opts, retentionDays: 90 });
    expect(r).toMatchObject({ ok: true, pruned: 1 });
    expect((await listSummaries({ db })).summaries.map((s) => s.id)).toEqual(['other']);
    // Only the texts of "other" are left, each referenced as often as "other" references it.
    expect(await textRefs()).toEqual(slimPage(other.report).counts);
    const stats = await historyStats({ db });
    const textBytes = (await db.getAll('texts')).reduce((n, e) => n + e.bytes, 0);
    expect(stats.bytes).toBe((r.ok ? r.bytes : 0) + textBytes);

    // Size cap: many records; the totals never exceed the cap, the newest page is kept.
    for (let i = 0; i < 6; i++) await putHistory(realRec(`c${i}`, NOW + i), { db, now: NOW + i, ...opts, maxBytes: stats.bytes * 3 });
    const after = await historyStats({ db });
    expect(after.bytes).toBeLessThanOrEqual(stats.bytes * 3);
    const ids = (await listSummaries({ db })).summaries.map((s) => s.id);
    expect(ids).toContain('c5');
    expect(ids.length).toBe(after.count);
    expect((await db.getAllKeys('pages')).sort()).toEqual([...ids].sort());
  });

  it('summaries are packed 100 to a bucket; overwriting a record moves its summary', async () => {
    for (let i = 0; i < 205; i++) await putHistory(rec(`r${String(i).padStart(3, '0')}`, NOW + i), { db, now: NOW + i, ...opts });
    expect(await db.count('summaries')).toBe(3);
    await putHistory(rec('r000', NOW + 500, 'https://pro-medika.ru/again/'), { db, now: NOW + 500, ...opts });
    const { summaries } = await listSummaries({ db });
    expect(summaries).toHaveLength(205);
    expect(summaries.filter((s) => s.id === 'r000')).toEqual([expect.objectContaining({ url: 'https://pro-medika.ru/again/', time: NOW + 500 })]);
    await clearHistory({ db });
    expect(await db.count('summaries')).toBe(0);
    expect(await db.count('texts')).toBe(0);
    expect((await listSummaries({ db })).summaries).toEqual([]);
  });

  it('readHistory hands full records over in the given order, in batches, skipping what is gone', async () => {
    for (let i = 0; i < 5; i++) await putHistory(realRec(`p${i}`, NOW + i, { trackers: 2, cookies: 2, requests: 4 }), { db, now: NOW + i, ...opts });
    const batches: string[][] = [];
    const r = await readHistory(['p3', 'p0', 'gone', 'p4', 'p1'], (recs) => void batches.push(recs.map((x) => x.id)), { db, batchSize: 2 });
    expect(batches).toEqual([['p3', 'p0'], ['p4'], ['p1']]);
    expect(r.skipped).toBe(1);
  });

  // Issue #5: exports read precomputed fragments (policy/history/fragments.ts), each file its own.
  const fromRecords = (ids: string[]) => exportFromRecords(db, ids);
  const fromFragments = (ids: string[], fewRecords?: number) => exportFromFragments(db, ids, { fewRecords });
  /** The ids in each file's buckets, in bucket order. */
  const idsByFile = async () => {
    const out = Object.fromEntries(EXPORT_FILES.map((f) => [f, [] as string[]])) as Record<ExportFile, string[]>;
    for (const b of await db.getAll('export-fragments')) out[b.file].push(...b.items.map((x) => x.id));
    return out;
  };
  const inEveryFile = (ids: string[]) => Object.fromEntries(EXPORT_FILES.map((f) => [f, ids]));

  it('every record is written with its export fragments; an export from them equals the export of the records', async () => {
    for (let i = 0; i < 5; i++) await putHistory(realRec(`p${i}`, NOW + i, { trackers: 2, cookies: 2, requests: 4 }), { db, now: NOW + i, ...opts });
    // One value per file (and bucket), keyed [file, bucket]; every record in every file.
    expect(await db.getAllKeys('export-fragments')).toEqual([...EXPORT_FILES].sort().map((f) => [f, 0]));
    expect(await idsByFile()).toEqual(inEveryFile(['p0', 'p1', 'p2', 'p3', 'p4']));
    // Each item is the record's fragments (as it reads back) of that file, the html one with its row.
    const f = recordFragments(exportPage((await getHistory('p0', { db }))!));
    const split = splitFragments(f);
    for (const file of EXPORT_FILES) expect((await db.get('export-fragments', [file, 0]))!.items[0]).toEqual({ id: 'p0', ...split[file] });
    expect((await db.get('export-fragments', ['html', 0]))!.items[0].row).toEqual(f.row);
    // The record's size counts its fragments.
    expect((await getHistory('p0', { db }))!.bytes).toBeGreaterThan(fragmentsBytes(f));
    const ids = ['p3', 'p0', 'p4', 'p1'];
    const a = await fromRecords(ids);
    const b = await fromFragments(ids);
    expect(b.json).toBe(a.json);
    expect(b.html).toBe(a.html);
    expect(b.csv).toEqual(a.csv);
    expect([b.skipped, b.computed]).toEqual([0, 0]);
  });

  it('an export finds the fragments of a few pages through their records, of many in every bucket; both equal the records\' export', async () => {
    for (let i = 0; i < 205; i++) await putHistory(rec(`r${String(i).padStart(3, '0')}`, NOW + i, `https://pro-medika.ru/p${i}/`), { db, now: NOW + i, ...opts });
    expect(await db.count('export-fragments')).toBe(3 * EXPORT_FILES.length);
    const ids = ['r204', 'gone', 'r003', 'r150', 'r099', 'r100'];
    const a = await fromRecords(ids);
    for (const fewRecords of [undefined, 0]) {
      const b = await fromFragments(ids, fewRecords);
      expect([b.json, b.html, b.csv, b.skipped, b.computed]).toEqual([a.json, a.html, a.csv, 1, 0]);
    }
  });

  it('fragments go with their record on delete, overwrite, prune and clear', async () => {
    for (let i = 0; i < 3; i++) await putHistory(realRec(`p${i}`, NOW + i), { db, now: NOW + i, ...opts });
    const ids = async () => Object.fromEntries(Object.entries(await idsByFile()).map(([f, x]) => [f, x.sort()]));
    await deleteHistory('p1', { db });
    expect(await ids()).toEqual(inEveryFile(['p0', 'p2']));
    await putHistory(realRec('p0', NOW + 10), { db, now: NOW + 10, ...opts });
    expect(await ids()).toEqual(inEveryFile(['p0', 'p2']));
    await putHistory(realRec('p9', NOW + 200 * DAY), { db, now: NOW + 200 * DAY, ...opts, retentionDays: 90 });
    expect(await ids()).toEqual(inEveryFile(['p9']));
    await clearHistory({ db });
    expect(await db.count('export-fragments')).toBe(0);
  });

  it('a record without fragments (stored before v5) gets them computed; a gone id is skipped and counted', async () => {
    for (let i = 0; i < 3; i++) await putHistory(realRec(`p${i}`, NOW + i), { db, now: NOW + i, ...opts });
    await db.clear('export-fragments');
    const a = await fromRecords(['p2', 'p0']);
    const b = await fromFragments(['p2', 'gone', 'p0']);
    expect(b.json).toBe(a.json);
    expect(b.csv).toEqual(a.csv);
    expect([b.skipped, b.computed]).toEqual([1, 2]);
  });

  // Issue #5, store v6: each file's fragments read on their own, handed over as the buckets come in.
  /**
   * `db`, logging each read of "export-fragments" values made in a transaction of that store
   * alone (how readFragments reads buckets): "get(file/bucket)" or "getAll(file/b1 file/b2 …)".
   */
  function logged(log: string[]): IDBPDatabase<TrackerLensDB> {
    const bound = (t: object, p: string | symbol) => {
      const v = Reflect.get(t, p, t);
      return typeof v === 'function' ? v.bind(t) : v;
    };
    const store = (s: object) =>
      new Proxy(s, {
        get(t, p) {
          const v = bound(t, p);
          if (p !== 'get' && p !== 'getAll') return v;
          return async (...args: unknown[]) => {
            const r = await v(...args);
            const values = (p === 'get' ? [r] : r) as ({ file: string; bucket: number } | undefined)[];
            log.push(`${String(p)}(${values.map((x) => (x ? `${x.file}/${x.bucket}` : '-')).join(' ')})`);
            return r;
          };
        },
      });
    return new Proxy(db, {
      get(t, p) {
        if (p !== 'transaction') return bound(t, p);
        return (...args: Parameters<typeof db.transaction>) => {
          const tx = t.transaction(...args);
          if (args[0] !== 'export-fragments') return tx;
          return new Proxy(tx, { get: (tt, q) => (q === 'store' ? store(tt.store as unknown as object) : bound(tt, q)) });
        };
      },
    });
  }
  const many = async () => {
    for (let i = 0; i < 205; i++) await putHistory(rec(`r${String(i).padStart(3, '0')}`, NOW + i, `https://pro-medika.ru/p${i}/`), { db, now: NOW + i, ...opts });
  };
  /** What each id's fragment of `file` must be: that of the record as it reads back. */
  const expectedOf = async (file: ExportFile, id: string) => {
    const r = await getHistory(id, { db });
    return r ? splitFragments(recordFragments(exportPage(r)))[file] : undefined;
  };

  /** The read of the "pages" CSV table that tells where many ids' fragments are. */
  const DIRECTORY = 'getAll(pages/0 pages/1 pages/2)';

  it('readFragments reads only its file\'s buckets, in the order the ids first need them, and hands them over in the order of the ids', async () => {
    await many();
    const ids = ['r150', 'r010', 'r204', 'r011', 'r151', 'gone', 'r203', 'r099'];
    for (const file of EXPORT_FILES) {
      const want = await Promise.all(ids.map((id) => expectedOf(file, id)));
      for (const fewRecords of [undefined, 0]) {
        const log: string[] = [];
        const got: (FileFragment | undefined)[] = [];
        const r = await readFragments(file, ids, (items) => void got.push(...items), { db: logged(log), fewRecords, bucketsPerRead: 1, batchSize: 3 });
        // Few ids: buckets found through the records. Many: through the "pages" table, which
        // for that table is the whole read.
        const reads = [`get(${file}/1)`, `get(${file}/0)`, `get(${file}/2)`];
        expect(log).toEqual(fewRecords === undefined ? reads : file === 'pages' ? [DIRECTORY] : [DIRECTORY, ...reads]);
        expect(r).toEqual({ computed: 0, buckets: 3 });
        expect(got.map((x) => x && { dict: x.dict, z: x.z, n: x.n, ...(x.row ? { row: x.row } : {}) })).toEqual(want);
      }
    }
    // A few ids of one bucket: only that bucket of the file is read, whichever way it is found.
    for (const fewRecords of [undefined, 0]) {
      const log: string[] = [];
      await readFragments('cookies', ['r203', 'r201'], () => undefined, { db: logged(log), fewRecords });
      expect(log).toEqual(fewRecords === undefined ? ['get(cookies/2)'] : [DIRECTORY, 'get(cookies/2)']);
    }
  });

  it('readFragments hands the first batch over after the first buckets, not after all; adjacent buckets are one getAll', async () => {
    await many();
    const inTime = Array.from({ length: 205 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    const run = async (ids: string[], o: { bucketsPerRead: number; batchSize: number }) => {
      const log: string[] = [];
      const batches: { n: number; readsBefore: number }[] = [];
      const all: (FileFragment | undefined)[] = [];
      await readFragments(
        'json',
        ids,
        (items) => {
          batches.push({ n: items.length, readsBefore: log.length });
          all.push(...items);
        },
        { db: logged(log), fewRecords: 0, ...o },
      );
      return { log, batches, all };
    };
    // Time order (buckets follow time): a batch as soon as its bucket is in.
    const t = await run(inTime, { bucketsPerRead: 1, batchSize: 40 });
    expect(t.batches.map((b) => b.n)).toEqual([40, 40, 20, 40, 40, 20, 5]);
    expect(t.log).toEqual([DIRECTORY, 'get(json/0)', 'get(json/1)', 'get(json/2)']);
    // The first batch went out when at most the first bucket and the one read ahead were in.
    expect(t.batches[0].readsBefore).toBeGreaterThanOrEqual(2);
    expect(t.batches[0].readsBefore).toBeLessThanOrEqual(3);
    expect(t.all.every((x) => x !== undefined)).toBe(true);
    // Order unrelated to the buckets: short batches while buckets come in, then the rest.
    const mixed = [0, 1, 2, 3, 4].flatMap((i) => [`r00${i}`, `r10${i}`, `r20${i}`]);
    const m1 = await run(mixed, { bucketsPerRead: 1, batchSize: 40 });
    expect(m1.batches.map((b) => b.n)).toEqual([1, 1, 13]);
    expect(m1.log).toEqual([DIRECTORY, 'get(json/0)', 'get(json/1)', 'get(json/2)']);
    // Two buckets a read: 0 and 1 (adjacent) in one getAll, then 2.
    const m2 = await run(mixed, { bucketsPerRead: 2, batchSize: 40 });
    expect(m2.batches.map((b) => b.n)).toEqual([2, 13]);
    expect(m2.log).toEqual([DIRECTORY, 'getAll(json/0 json/1)', 'get(json/2)']);
    expect(m2.all).toEqual(m1.all);
    // All three at once: one getAll over the three.
    const m3 = await run(['r204', 'r000', 'r100'], { bucketsPerRead: 3, batchSize: 40 });
    expect(m3.log).toEqual([DIRECTORY, 'getAll(json/0 json/1 json/2)']);
  });

  it('readFragments: an id asked for twice is handed over twice; the batch callback may be async', async () => {
    for (let i = 0; i < 3; i++) await putHistory(realRec(`p${i}`, NOW + i, { trackers: 2, cookies: 2, requests: 4 }), { db, now: NOW + i, ...opts });
    const got: (FileFragment | undefined)[] = [];
    await readFragments(
      'requests',
      ['p1', 'p0', 'p1', 'gone', 'p1'],
      async (items) => {
        await new Promise((r) => setTimeout(r, 1));
        got.push(...items);
      },
      { db, batchSize: 2, fewRecords: 0 },
    );
    const [p0, p1] = [await expectedOf('requests', 'p0'), await expectedOf('requests', 'p1')];
    expect(got.map((x) => x && { dict: x.dict, z: x.z, n: x.n })).toEqual([p1, p0, p1, undefined, p1]);
  });

  it('readFragments with onRows (html): every row first, in the order of the ids, then the sections', async () => {
    for (let i = 0; i < 4; i++) await putHistory(realRec(`p${i}`, NOW + i, { trackers: 1 + i, cookies: 2, requests: 4 }), { db, now: NOW + i, ...opts });
    // p2 has no stored fragments (as a record from before v5): its row is computed too.
    const b0 = (await db.get('export-fragments', ['html', 0]))!;
    await db.put('export-fragments', { ...b0, items: b0.items.filter((x) => x.id !== 'p2') });
    const ids = ['p3', 'gone', 'p2', 'p0', 'p1'];
    const events: string[] = [];
    let rows: unknown[] = [];
    const got: (FileFragment | undefined)[] = [];
    const r = await readFragments('html', ids, (items) => void (events.push(`batch ${items.length}`), got.push(...items)), {
      db,
      batchSize: 2,
      onRows: (x) => {
        events.push('rows');
        rows = x;
      },
    });
    expect(events).toEqual(['rows', 'batch 2', 'batch 2', 'batch 1']);
    const want = await Promise.all(ids.map((id) => expectedOf('html', id)));
    expect(rows).toEqual(want.map((f) => f?.row));
    expect(rows[0]).toMatchObject({ url: expect.any(String), trackers: 4 });
    expect(got.map((x) => x && { dict: x.dict, z: x.z, n: x.n, row: x.row })).toEqual(want);
    expect(r.computed).toBe(1);
    // Rows are only in the html file.
    await expect(readFragments('json', ids, () => undefined, { db, onRows: () => undefined })).rejects.toThrow(TypeError);
  });

  it('damaged per-file buckets and items: their records are computed (reading), dropped when the bucket is rewritten (writing)', async () => {
    for (let i = 0; i < 4; i++) await putHistory(realRec(`p${i}`, NOW + i, { trackers: 2, cookies: 2, requests: 4 }), { db, now: NOW + i, ...opts });
    await db.put('export-fragments', { file: 'json', bucket: 0, items: 'garbage' } as never);
    const cookies = (await db.get('export-fragments', ['cookies', 0]))!;
    await db.put('export-fragments', { ...cookies, items: cookies.items.map((x) => (x.id === 'p1' ? { ...x, n: -1 } : x)) });
    const html = (await db.get('export-fragments', ['html', 0]))!;
    await db.put('export-fragments', { ...html, items: html.items.map((x) => (x.id === 'p3' ? { ...x, row: undefined } : x)) });
    const ids = ['p3', 'p1', 'p0', 'p2'];
    const want = await fromRecords(ids);
    for (const fewRecords of [undefined, 0]) {
      const got = await fromFragments(ids, fewRecords);
      expect([got.json, got.html, got.csv]).toEqual([want.json, want.html, want.csv]);
      expect(got.computedBy).toEqual({ json: 4, html: 1, pages: 0, cookies: 1, requests: 0, findings: 0 });
      expect(got.skipped).toBe(0);
    }
    // The next write to bucket 0 rewrites each file's value with what is sound, and the new record.
    await putHistory(realRec('p4', NOW + 4), { db, now: NOW + 4, ...opts });
    const after = await idsByFile();
    expect(after).toEqual({ ...inEveryFile(['p0', 'p1', 'p2', 'p3', 'p4']), json: ['p4'], html: ['p0', 'p1', 'p2', 'p4'], cookies: ['p0', 'p2', 'p3', 'p4'] });
    const all = ['p4', ...ids];
    const again = await fromFragments(all);
    expect([again.json, again.html, again.csv]).toEqual(Object.values(await fromRecords(all)));
    expect(again.computedBy).toEqual({ json: 4, html: 1, pages: 0, cookies: 1, requests: 0, findings: 0 });
    // Deleting a bucket's last records deletes its value in every file.
    for (const id of all) await deleteHistory(id, { db });
    expect(await db.count('export-fragments')).toBe(0);
  });

  it('a text key the store holds for a different text (hash collision) leaves that text inline', async () => {
    const r = realRec('a', NOW);
    const quote = r.report.trackers.find((t) => t.quotes.length)!.quotes[0];
    const key = textKey(quote);
    await db.put('texts', { key, value: 'another text with the same key', refs: 1, bytes: 10 });
    await putHistory(r, { db, now: NOW, ...opts });
    expect((await getHistory('a', { db }))?.report).toEqual(r.report);
    expect(JSON.stringify(await db.get('pages', 'a'))).toContain(quote);
    expect((await db.get('texts', key))?.value).toBe('another text with the same key');
    // Its export fragments were built around the clash too: the export from them is the record's.
    const fromFrags = await exportFromFragments(db, ['a']);
    expect(fromFrags.computed).toBe(0);
    const { json, html, csv } = fromFrags;
    expect({ json, html, csv }).toEqual(await exportFromRecords(db, ['a']));
    expect(json).toContain(JSON.stringify(quote));
  });

  it('a record whose text is missing is skipped and counted, never shown half-filled', async () => {
    await putHistory(realRec('a', NOW), { db, now: NOW, ...opts });
    const key = (await db.getAllKeys('texts'))[0];
    await db.delete('texts', key);
    expect(await getHistory('a', { db })).toBeNull();
    expect(await listHistory({}, { db })).toEqual({ records: [], skipped: 1 });
  });

  it('a damaged summary is skipped and counted; the next write to its bucket drops it', async () => {
    await putHistory(rec('a', NOW - 2), { db, now: NOW, ...opts });
    await putHistory(rec('b', NOW - 1), { db, now: NOW, ...opts });
    const bucket = (await db.get('summaries', 0))!;
    await db.put('summaries', { ...bucket, items: [{ ...bucket.items[0], u: 999 }, bucket.items[1]] });
    expect(await listSummaries({ db })).toMatchObject({ skipped: 1, summaries: [{ id: 'b' }] });
    await putHistory(rec('c', NOW), { db, now: NOW, ...opts });
    expect(await listSummaries({ db })).toMatchObject({ skipped: 0, summaries: [{ id: 'b' }, { id: 'c' }] });
    // The record itself is still there and readable.
    expect((await getHistory('a', { db }))?.id).toBe('a');
  });

  // Issue #5, schema v5: the audit page's first screen reads the aggregates and 50 records.
  const aggregates = async () => db.get('meta', 'history-aggregates');
  const expected = async () => aggregatesOf((await listSummaries({ db })).summaries);

  it('rows and aggregates follow every write, overwrite, prune, delete and clear', async () => {
    await putHistory(realRec('a', NOW - 100 * DAY), { db, now: NOW - 100 * DAY, ...opts });
    await putHistory(realRec('b', NOW - 2, { trackers: 2, cookies: 3, requests: 5, url: 'https://pro-medika.ru/contacts/' }), { db, now: NOW, ...opts });
    await putHistory(realRec('c', NOW - 1, { trackers: 8, cookies: 20, requests: 60 }), { db, now: NOW, ...opts });
    expect(await aggregates()).toEqual(await expected());
    expect((await aggregates())).toMatchObject({ pages: 3, urls: 2 });
    // Overwrite (same id, other page), retention prune of "a".
    await putHistory(realRec('c', NOW, { trackers: 1, cookies: 1, requests: 2, url: 'https://pro-medika.ru/doctors/' }), { db, now: NOW, ...opts, retentionDays: 90 });
    expect(await aggregates()).toEqual(await expected());
    expect(await aggregates()).toMatchObject({ pages: 2, urls: 2 });
    expect(await deleteHistory('b', { db })).toBe(true);
    expect(await aggregates()).toEqual(await expected());
    expect((await db.getAll('rows')).map((r) => r.id)).toEqual(['c']);
    expect(await db.get('rows', 'c')).toEqual(rowOf((await listSummaries({ db })).summaries[0]));
    await clearHistory({ db });
    expect(await aggregates()).toEqual(emptyAggregates());
    expect(await db.count('rows')).toBe(0);
  });

  it('aggregates that are missing or damaged are recomputed (first screen, next write)', async () => {
    await putHistory(realRec('a', NOW - 1), { db, now: NOW, ...opts });
    await putHistory(realRec('b', NOW, { trackers: 2, cookies: 3, requests: 5 }), { db, now: NOW, ...opts });
    const good = await expected();
    await db.put('meta', { ...good, pages: -5 } as never);
    expect((await historyFirstScreen({ db })).overview.pages).toBe(2);
    expect(await aggregates()).toEqual(good);
    await db.delete('meta', 'history-aggregates');
    await putHistory(realRec('c', NOW + 1), { db, now: NOW + 1, ...opts });
    expect(await aggregates()).toEqual(await expected());
  });

  it('the first screen lists records most severe first, then newest, and skips invalid ones', async () => {
    const base = realRec('x', NOW).report.findings[0];
    const f = (severity: 'high' | 'medium' | 'low' | 'info') => ({ ...base, severity });
    await putHistory(rec('none', NOW - 5), { db, now: NOW, ...opts });
    await putHistory(rec('med', NOW - 4, undefined, { findings: [f('medium'), f('medium')] }), { db, now: NOW, ...opts });
    await putHistory(rec('high-old', NOW - 3, undefined, { findings: [f('high'), f('info')] }), { db, now: NOW, ...opts });
    await putHistory(rec('high-new', NOW - 2, undefined, { findings: [f('high')] }), { db, now: NOW, ...opts });
    await putHistory(rec('low', NOW - 1, undefined, { findings: [f('low')] }), { db, now: NOW, ...opts });
    await db.put('rows', { id: 'bad', url: 'x', time: NOW, h: 9, m: 0, l: 0, i: 0 } as unknown as StoredRow);
    const first = await historyFirstScreen({ db, limit: 4 });
    expect(first.rows.map((r) => r.id)).toEqual(['high-old', 'high-new', 'med', 'low']);
    expect(first.skipped).toBe(1);
    expect(first.rows[0]).toEqual((await listSummaries({ db })).summaries.find((s) => s.id === 'high-old'));
    expect(first.overview).toMatchObject({ pages: 5, totals: { high: 2, medium: 2, low: 1, info: 1 }, kinds: [base.kind] });
  });

  it('the first screen reads the same rows where indexes have no getAllRecords (key cursor, then gets)', async () => {
    const base = realRec('x', NOW).report.findings[0];
    for (let i = 0; i < 5; i++) await putHistory(rec(`r${i}`, NOW - i, undefined, { findings: Array.from({ length: i % 3 }, () => ({ ...base, severity: 'high' as const })) }), { db, now: NOW, ...opts });
    const fast = await historyFirstScreen({ db, limit: 3 });
    const proto = IDBIndex.prototype as unknown as { getAllRecords?: unknown };
    const saved = proto.getAllRecords;
    delete proto.getAllRecords;
    try {
      expect('getAllRecords' in IDBIndex.prototype).toBe(false);
      expect(await historyFirstScreen({ db, limit: 3 })).toEqual(fast);
    } finally {
      proto.getAllRecords = saved;
    }
    expect(fast.rows.map((r) => r.id)).toEqual(['r2', 'r1', 'r4']);
  });
});
