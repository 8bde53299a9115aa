import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DB_VERSION, openTrackerDb } from '../../store/db';
import { readAllIfPresent } from '../../store/read-if-present';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

const exists = async (name: string) => (await indexedDB.databases()).some((d) => d.name === name);

describe('readAllIfPresent (the popup reads without store/db.ts)', () => {
  it('a database that does not exist yet: empty, and it is not created (the real opener then migrates from scratch)', async () => {
    expect(await readAllIfPresent('requests', 'tl-x')).toEqual([]);
    expect(await exists('tl-x')).toBe(false);
    const db = await openTrackerDb('tl-x');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('requests');
    db.close();
  });

  it('reads every value of the store as it is, and closes its connection (an upgrade is not blocked)', async () => {
    const db = await openTrackerDb('tl-y');
    const req = { id: 'r1', sentAt: '2026-11-01T00:00:00.000Z', status: 'sent' };
    await db.put('requests', req as never);
    db.close();
    expect(await readAllIfPresent('requests', 'tl-y')).toEqual([req]);
    // Its connection is closed: an open at a higher version succeeds without "blocked".
    const up = indexedDB.open('tl-y', DB_VERSION + 1);
    const outcome = await new Promise<string>((res) => {
      up.onblocked = () => res('blocked');
      up.onsuccess = () => {
        up.result.close();
        res('ok');
      };
    });
    expect(outcome).toBe('ok');
  });

  it('a store the database does not have: empty', async () => {
    const db = await openTrackerDb('tl-z');
    db.close();
    expect(await readAllIfPresent('no-such-store', 'tl-z')).toEqual([]);
  });
});
