import { IDBFactory, IDBIndex } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import type { HistoryRecord } from '../../policy/export/history-record';
import type { StoredRow } from '../../policy/history/schema';
import { DB_VERSION, MIGRATIONS, openTrackerDb } from '../../store/db';
import { readFirstScreen, readFirstScreenIfCurrent } from '../../store/first-screen';
import * as store from '../../store/history';

/**
 * store/first-screen.ts: the audit page's first screen read without store/history.ts (issue
 * #5, first render with 10,000 records <= 300 ms). It answers only from a database that is
 * already current, exactly as the store would; anything else is left to the store.
 */

const NOW = 1_750_000_000_000;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

const exists = async (name: string) => (await indexedDB.databases()).some((d) => d.name === name);

/** Full records built by the real pipeline (trackers, cookies, findings of several severities). */
function records(n: number): HistoryRecord[] {
  const urls = ['https://pro-medika.ru/', 'https://pro-medika.ru/services/urologiya/', 'https://pro-medika.ru/doctors/'];
  return Array.from({ length: n }, (_, i) => {
    const report = buildSynthetic(syntheticPage({ trackers: 1 + (i % 4) * 2, cookies: 2 + i, requests: 5 + i, url: urls[i % urls.length] })).page;
    const id = `r${i}`;
    return { id, pageId: id, url: report.url, time: NOW - 1000 * (n - i), report, policyVersion: report.policy?.version ?? '', bytes: 0 };
  });
}

/** A current database holding `n` records, written by the store; closed. */
async function currentDb(name: string, n: number): Promise<void> {
  const db = await openTrackerDb(name);
  for (const r of records(n)) {
    const put = await store.putHistory(r, { db, now: NOW, enabled: true, retentionDays: 365, maxBytes: 1e9 });
    expect(put.ok).toBe(true);
  }
  db.close();
}

/** What the store answers for the same database. */
async function storeAnswer(name: string, limit = 50) {
  const db = await openTrackerDb(name);
  try {
    return { stats: await store.historyStats({ db }), first: await store.historyFirstScreen({ db, limit }) };
  } finally {
    db.close();
  }
}

/** The store on the named database (the extension's store uses its one shared connection). */
function storeOn(name: string) {
  return async () => {
    const db = await openTrackerDb(name);
    return { historyStats: () => store.historyStats({ db }), historyFirstScreen: () => store.historyFirstScreen({ db }), close: () => db.close() };
  };
}

/** An open at a higher version succeeds without "blocked": no connection was left open. */
async function notBlocking(name: string): Promise<boolean> {
  const up = indexedDB.open(name, DB_VERSION + 1);
  return new Promise<boolean>((res) => {
    up.onupgradeneeded = () => up.transaction?.abort();
    up.onblocked = () => res(false);
    up.onerror = () => res(true);
    up.onsuccess = () => {
      up.result.close();
      res(true);
    };
  });
}

describe('readFirstScreenIfCurrent (issue #5: the first screen without the history store)', () => {
  it('a current database: the stats and first screen the store gives, and no connection left open', async () => {
    await currentDb('tl-cur', 12);
    const light = await readFirstScreenIfCurrent({ name: 'tl-cur', limit: 5 });
    expect(light).not.toBeNull();
    expect(light).toEqual(await storeAnswer('tl-cur', 5));
    expect(light!.stats.count).toBe(12);
    expect(light!.first.rows).toHaveLength(5);
    expect(light!.first.overview.pages).toBe(12);
    expect(await notBlocking('tl-cur')).toBe(true);
  });

  it('an empty current database: zero, no rows', async () => {
    (await openTrackerDb('tl-empty')).close();
    const light = await readFirstScreenIfCurrent({ name: 'tl-empty' });
    expect(light).toEqual({ stats: { count: 0, bytes: 0, oldest: null, newest: null }, first: { overview: expect.objectContaining({ pages: 0, urls: 0 }), rows: [], skipped: 0 } });
    expect(light).toEqual(await storeAnswer('tl-empty'));
  });

  it('rows that do not validate are skipped and counted, as the store skips them; the rest keep the order', async () => {
    await currentDb('tl-bad', 6);
    const db = await openTrackerDb('tl-bad');
    // Damaged rows sorting first (most findings): one missing fields, one with a negative count.
    await db.put('rows', { id: 'bad1', url: 'x', time: NOW, h: 99, m: 0, l: 0, i: 0 } as unknown as StoredRow);
    const good = (await db.getAll('rows'))[0];
    await db.put('rows', { ...good, id: 'bad2', h: 98, counts: { ...good.counts, high: -1 } });
    db.close();
    const light = await readFirstScreenIfCurrent({ name: 'tl-bad', limit: 4 });
    expect(light!.first.skipped).toBe(2);
    expect(light!.first.rows.map((r) => r.id)).not.toContain('bad1');
    expect(light!.first.rows).toHaveLength(4);
    expect(light).toEqual(await storeAnswer('tl-bad', 4));
  });

  it('aggregates that are missing or do not validate: null; the store recomputes and writes them, then the light read answers', async () => {
    await currentDb('tl-agg', 3);
    const expected = await storeAnswer('tl-agg');
    for (const damage of ['invalid', 'missing'] as const) {
      const db = await openTrackerDb('tl-agg');
      const agg = await db.get('meta', 'history-aggregates');
      if (damage === 'invalid') await db.put('meta', { ...agg!, pages: -1 } as never);
      else await db.delete('meta', 'history-aggregates');
      db.close();
      expect(await readFirstScreenIfCurrent({ name: 'tl-agg' })).toBeNull();
      const open = storeOn('tl-agg');
      let full: Awaited<ReturnType<typeof open>> | undefined;
      const r = await readFirstScreen(async () => (full = await open()), { name: 'tl-agg' });
      full?.close();
      expect(r).toEqual({ ...expected, via: 'store' });
      expect(await readFirstScreenIfCurrent({ name: 'tl-agg' })).toEqual(expected);
    }
  });

  it('no database: null, and it is not created (the store then creates it with every migration)', async () => {
    expect(await readFirstScreenIfCurrent({ name: 'tl-none' })).toBeNull();
    expect(await exists('tl-none')).toBe(false);
  });

  it('an older database: null, left at its version; readFirstScreen falls back to the store, which migrates it', async () => {
    // Version 1 with a full record, as the first build stored it.
    const old = await openDB('tl-old', 1, {
      upgrade(db, _o, _n, tx) {
        void MIGRATIONS[0](db as never, tx as never);
      },
    });
    const r = records(1)[0];
    await old.put('pages', { ...r, bytes: 1000 });
    old.close();
    expect(await readFirstScreenIfCurrent({ name: 'tl-old' })).toBeNull();
    const still = await openDB('tl-old');
    expect(still.version).toBe(1);
    still.close();
    expect(await notBlocking('tl-old')).toBe(true);

    const open = storeOn('tl-old');
    let full: Awaited<ReturnType<typeof open>> | undefined;
    const viaStore = await readFirstScreen(async () => (full = await open()), { name: 'tl-old' });
    full?.close();
    expect(viaStore.via).toBe('store');
    expect(viaStore.stats.count).toBe(1);
    expect(viaStore.first.rows.map((x) => x.id)).toEqual([r.id]);
    // Migrated: from now on the light read answers, with the same.
    const { via: _via, ...answer } = viaStore;
    expect(await readFirstScreenIfCurrent({ name: 'tl-old' })).toEqual(answer);
  });

  it('a newer database (a later build ran): null; the store reports it', async () => {
    (await openTrackerDb('tl-newer')).close();
    (await openDB('tl-newer', DB_VERSION + 1)).close();
    expect(await readFirstScreenIfCurrent({ name: 'tl-newer' })).toBeNull();
  });

  it('where indexes have no getAllRecords (Firefox): the same rows, from a key cursor and gets', async () => {
    await currentDb('tl-ff', 7);
    const fast = await readFirstScreenIfCurrent({ name: 'tl-ff', limit: 3 });
    const proto = IDBIndex.prototype as unknown as { getAllRecords?: unknown };
    const saved = proto.getAllRecords;
    delete proto.getAllRecords;
    try {
      expect('getAllRecords' in IDBIndex.prototype).toBe(false);
      expect(await readFirstScreenIfCurrent({ name: 'tl-ff', limit: 3 })).toEqual(fast);
      // Fewer rows than asked for: every one of them.
      expect((await readFirstScreenIfCurrent({ name: 'tl-ff', limit: 50 }))!.first.rows).toHaveLength(7);
    } finally {
      proto.getAllRecords = saved;
    }
  });
});

describe('readFirstScreen (the light read, else the store)', () => {
  it('a current database: the light read answers and the store is not loaded', async () => {
    await currentDb('tl-light', 4);
    const load = vi.fn(async () => store);
    const r = await readFirstScreen(load, { name: 'tl-light' });
    expect(r.via).toBe('light');
    expect(load).not.toHaveBeenCalled();
    expect({ stats: r.stats, first: r.first }).toEqual(await storeAnswer('tl-light'));
  });

  it('otherwise the store answers (it migrates, recomputes, creates)', async () => {
    const answer = { stats: { count: 1, bytes: 2, oldest: 3, newest: 3 }, first: { overview: { pages: 1, urls: 1, totals: { high: 0, medium: 0, low: 0, info: 0 }, kinds: [], vendors: [] }, rows: [], skipped: 0 } };
    const full = { historyStats: vi.fn(async () => answer.stats), historyFirstScreen: vi.fn(async () => answer.first) };
    const load = vi.fn(async () => full);
    expect(await readFirstScreen(load, { name: 'tl-missing' })).toEqual({ ...answer, via: 'store' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(await exists('tl-missing')).toBe(false); // the light read did not create it
  });
});
