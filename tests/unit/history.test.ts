import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { diffReports } from '../../policy/findings/diff';
import type { ReportPage } from '../../policy/report/schema';
import { openTrackerDb, type TrackerLensDB } from '../../store/db';
import {
  clearHistory,
  deleteHistory,
  getHistory,
  historyStats,
  listHistory,
  previousVisit,
  putHistory,
  type HistoryRecord,
} from '../../store/history';
import { setHistorySettings } from '../../store/settings';

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
    await db.put('pages', { id: 'bad', url: 'x', time: NOW - 1, pageId: 'bad', report: { nope: true }, policyVersion: 'v1', bytes: 10 } as unknown as HistoryRecord);
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
    const r = await putHistory(rec('r5', NOW + 5), { db, now: NOW + 5, maxBytes: size * 3 + 10 });
    expect(r).toMatchObject({ ok: true, pruned: 3 });
    expect((await listHistory({}, { db })).records.map((x) => x.id)).toEqual(['r5', 'r4', 'r3']);
    expect((await historyStats({ db })).bytes).toBeLessThanOrEqual(size * 3 + 10);
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
