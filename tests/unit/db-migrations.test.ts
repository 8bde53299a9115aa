import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openTrackerDb } from '../../store/db';
import { historyStats, listHistory, previousVisit } from '../../store/history';

// A fresh in-memory IndexedDB per test (fake-indexeddb implements the W3C API in Node).
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const report = (url: string) => ({ url, finalUrl: url, title: 'T', requestCount: 3, trackers: [], cookies: [], storage: [], thirdParties: [], findings: [] });

describe('store/db.ts migrations', () => {
  it('has one migration per version', () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('opens a database made by the v1 schema and migrates it without loss', async () => {
    // The v1 schema, written by hand as the first release created it.
    const v1 = await openDB('tl-old', 1, {
      upgrade(db) {
        const pages = db.createObjectStore('pages', { keyPath: 'id' });
        pages.createIndex('byUrl', 'url');
        pages.createIndex('byTime', 'time');
        db.createObjectStore('requests', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
      },
    });
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
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'pages', 'pending', 'requests']);
    expect(await db.count('pages')).toBe(3);
    expect(await db.get('requests', 'r1')).toEqual(sent);
    expect(await db.getAllFromIndex('requests', 'sentAt')).toHaveLength(1);
    const all = await db.getAll('pages');
    for (const r of all) expect(r.bytes).toBeGreaterThan(0);
    expect(all.map((r) => r.report.url)).toEqual(urls);

    // The new index and the totals work on the migrated data.
    const stats = await historyStats({ db });
    expect(stats).toMatchObject({ count: 3, oldest: 1000, newest: 1002 });
    expect(stats.bytes).toBe(all.reduce((s, r) => s + r.bytes, 0));
    expect((await previousVisit('https://pro-medika.ru/', 1002, { db }))?.id).toBe('p0');
    expect((await listHistory({}, { db })).records.map((r) => r.id)).toEqual(['p2', 'p1', 'p0']);
    db.close();

    // Opening again at the same version changes nothing.
    const again = await openTrackerDb('tl-old');
    expect(await again.count('pages')).toBe(3);
    again.close();
  });

  it('creates the current schema from scratch', async () => {
    const db = await openTrackerDb('tl-new');
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'pages', 'pending', 'requests']);
    expect([...db.transaction('pages').store.indexNames].sort()).toEqual(['byTime', 'byUrl', 'byUrlTime']);
    db.close();
  });
});
