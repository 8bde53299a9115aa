import { IDBFactory, IDBIndex } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { diffPage } from '../../policy/diff';
import type { ReportPage } from '../../policy/report/schema';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { aggregatesOf, emptyAggregates } from '../../policy/history/aggregates';
import type { StoredRow } from '../../policy/history/schema';
import { estimateBytes } from '../../policy/history/size';
import { rowOf } from '../../policy/history/summary';
import { openTrackerDb, type TrackerLensDB } from '../../store/db';
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
  readHistory,
  type HistoryRecord,
} from '../../store/history';
import { setHistorySettings } from '../../store/settings';
import { reportCookie, reportTracker } from './findings-helpers';

const DAY = 86400_000;
const NOW = 1_750_000_000_000;
let db: IDBPDatabase<TrackerLensDB>;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  db = await openTrackerDb('tl-test');
});

function page(url: string, extra: Partial<ReportPage> = {}): ReportPage {
  return {
    url,
    finalUrl: url,
    title: 'Title',
    requestCount: 1,
    trackers: [],
    cookies: [],
    storage: [],
    thirdParties: [],
    findings: [],
    ...extra,
  };
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
    await db.put('pages', {
      id: 'bad',
      url: 'x',
      time: NOW - 1,
      pageId: 'bad',
      report: { nope: true },
      policyVersion: 'v1',
      bytes: 10,
    } as never);
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
    // Room for three records, not four (sizes differ by a few bytes).
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
        if (prop === 'transaction')
          return () => ({
            done: Promise.resolve(),
            objectStore: () => ({ get: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) }),
          });
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
    const tracker = (vendor: string) => reportTracker(vendor, { name: vendor });
    const cookie = (name: string) => reportCookie(name, { sameSite: 'lax', session: true, size: 5, vendor: null });
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
    const d = diffPage(url, { page: prev!.report }, { page: cur.report });
    expect(d.trackers.added).toEqual(['vkads']);
    expect(d.cookies.added.map((c) => c.split('@')[0])).toEqual(['tmr_lvid']);
    expect(d.findings.added.map((f) => f.split(':')[0])).toEqual(['health-context-leak']);
  });
});

/** A record whose report comes from the real pipeline: trackers with quotes and explanations, findings with titles. */
function realRec(
  id: string,
  time: number,
  opts: { trackers: number; cookies: number; requests: number; url?: string } = { trackers: 6, cookies: 12, requests: 40 },
): HistoryRecord {
  const report = buildSynthetic(syntheticPage(opts)).page;
  return { id, pageId: id, url: report.url, time, report, policyVersion: report.policy?.version ?? '', bytes: 0 };
}

describe('history store: whole records, rows and aggregates', () => {
  const opts = { enabled: true, retentionDays: 3650, maxBytes: 50e6 };

  it('a record is stored whole and reads back exactly as written; its bytes count the record and its row', async () => {
    const r = realRec('a', NOW);
    const put = await putHistory(r, { db, now: NOW, ...opts });
    expect(put.ok).toBe(true);
    const back = await getHistory('a', { db });
    expect(back).toEqual({ ...r, bytes: put.ok ? put.bytes : -1 });
    expect(await db.get('pages', 'a')).toEqual(back);
    expect(back!.bytes).toBe(estimateBytes({ ...back!, bytes: 0 }) + estimateBytes(await db.get('rows', 'a')));
    const { summaries } = await listSummaries({ db });
    expect(summaries.map((s) => [s.id, s.findings, s.trackers.length])).toEqual([
      ['a', r.report.findings.length, r.report.trackers.length],
    ]);
  });

  it('pruning (retention and size cap) takes rows along in the same transaction; the totals stay exact', async () => {
    await putHistory(realRec('old', NOW - 100 * DAY), { db, now: NOW - 100 * DAY, ...opts });
    const other = realRec('other', NOW - 50 * DAY, { trackers: 2, cookies: 3, requests: 5 });
    const r = await putHistory(other, { db, now: NOW, ...opts, retentionDays: 90 });
    expect(r).toMatchObject({ ok: true, pruned: 1 });
    expect((await listSummaries({ db })).summaries.map((s) => s.id)).toEqual(['other']);
    const stats = await historyStats({ db });
    expect(stats.bytes).toBe(r.ok ? r.bytes : 0);
    // Size cap: many records; the totals never exceed the cap, the newest page is kept.
    const c0 = await putHistory(realRec('c0', NOW), { db, now: NOW, ...opts });
    const cap = (c0.ok ? c0.bytes : 0) * 3;
    for (let i = 1; i < 6; i++) await putHistory(realRec(`c${i}`, NOW + i), { db, now: NOW + i, ...opts, maxBytes: cap });
    const after = await historyStats({ db });
    expect(after.bytes).toBeLessThanOrEqual(cap);
    expect(after.count).toBe(3);
    const ids = (await listSummaries({ db })).summaries.map((s) => s.id);
    expect(ids).toContain('c5');
    expect(ids.length).toBe(after.count);
    expect((await db.getAllKeys('pages')).sort()).toEqual([...ids].sort());
    const all = await Promise.all(ids.map((id) => getHistory(id, { db })));
    expect(after.bytes).toBe(all.reduce((n, x) => n + x!.bytes, 0));
  });

  it('a record put again under its id replaces the old one and its row', async () => {
    await putHistory(rec('r0', NOW), { db, now: NOW, ...opts });
    await putHistory(rec('r0', NOW + 500, 'https://pro-medika.ru/again/'), { db, now: NOW + 500, ...opts });
    const { summaries } = await listSummaries({ db });
    expect(summaries).toEqual([expect.objectContaining({ id: 'r0', url: 'https://pro-medika.ru/again/', time: NOW + 500 })]);
    expect((await historyStats({ db })).count).toBe(1);
  });

  it('readHistory hands full records over in the given order, in batches, skipping what is gone', async () => {
    for (let i = 0; i < 5; i++)
      await putHistory(realRec(`p${i}`, NOW + i, { trackers: 2, cookies: 2, requests: 4 }), { db, now: NOW + i, ...opts });
    const batches: string[][] = [];
    const r = await readHistory(['p3', 'p0', 'gone', 'p4', 'p1'], (recs) => void batches.push(recs.map((x) => x.id)), { db, batchSize: 2 });
    expect(batches).toEqual([['p3', 'p0'], ['p4'], ['p1']]);
    expect(r.skipped).toBe(1);
  });

  it('a damaged row is skipped and counted; its record stays readable', async () => {
    await putHistory(rec('a', NOW - 2), { db, now: NOW, ...opts });
    await putHistory(rec('b', NOW - 1), { db, now: NOW, ...opts });
    await db.put('rows', { ...(await db.get('rows', 'a'))!, title: 42 } as unknown as StoredRow);
    expect(await listSummaries({ db })).toMatchObject({ skipped: 1, summaries: [{ id: 'b' }] });
    expect((await getHistory('a', { db }))?.id).toBe('a');
  });

  // The audit page's first screen reads the aggregates and 50 rows.
  const aggregates = async () => db.get('meta', 'history-aggregates');
  const expected = async () => aggregatesOf((await listSummaries({ db })).summaries);

  it('rows and aggregates follow every write, overwrite, prune, delete and clear', async () => {
    await putHistory(realRec('a', NOW - 100 * DAY), { db, now: NOW - 100 * DAY, ...opts });
    await putHistory(realRec('b', NOW - 2, { trackers: 2, cookies: 3, requests: 5, url: 'https://pro-medika.ru/contacts/' }), {
      db,
      now: NOW,
      ...opts,
    });
    await putHistory(realRec('c', NOW - 1, { trackers: 8, cookies: 20, requests: 60 }), { db, now: NOW, ...opts });
    expect(await aggregates()).toEqual(await expected());
    expect(await aggregates()).toMatchObject({ pages: 3, urls: 2 });
    // Overwrite (same id, other page), retention prune of "a".
    await putHistory(realRec('c', NOW, { trackers: 1, cookies: 1, requests: 2, url: 'https://pro-medika.ru/doctors/' }), {
      db,
      now: NOW,
      ...opts,
      retentionDays: 90,
    });
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
    for (let i = 0; i < 5; i++)
      await putHistory(
        rec(`r${i}`, NOW - i, undefined, { findings: Array.from({ length: i % 3 }, () => ({ ...base, severity: 'high' as const })) }),
        { db, now: NOW, ...opts },
      );
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
