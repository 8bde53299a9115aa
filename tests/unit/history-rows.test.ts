import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkObservedRow } from '../../policy/letter/observed-page';
import { DB_VERSION, openTrackerDb } from '../../store/db';
import { readHistoryRows } from '../../store/history-rows';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

const row = {
  id: 'p1',
  url: 'https://pro-medika.ru/',
  title: '',
  time: 1,
  trackers: [{ vendor: 'ym', name: 'Метрика', category: 'analytics' }],
};

describe('readHistoryRows (request.html reads the history without store/history.ts)', () => {
  it('no database: nothing, and none is created', async () => {
    expect(await readHistoryRows('h-none')).toEqual([]);
    expect((await indexedDB.databases()).some((d) => d.name === 'h-none')).toBe(false);
  });

  it('reads the rows of a current database as stored', async () => {
    const db = await openTrackerDb('h-cur');
    await db.put('rows', row as never);
    db.close();
    const rows = await readHistoryRows('h-cur');
    expect(rows).toEqual([row]);
    expect(checkObservedRow(rows[0]).ok).toBe(true);
  });

  it('upgrades an older database first (through store/db.ts), keeping what it keeps', async () => {
    const open = indexedDB.open('h-old', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('requests', { keyPath: 'id' });
    await new Promise((res) => (open.onsuccess = res));
    open.result.close();
    expect(await readHistoryRows('h-old')).toEqual([]);
    expect((await indexedDB.databases()).find((d) => d.name === 'h-old')?.version).toBe(DB_VERSION);
  });
});
