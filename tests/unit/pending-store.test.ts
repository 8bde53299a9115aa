import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTrackerDb } from '../../store/db';
import { countPending, deletePending, listPending, queuePending } from '../../store/pending';
import { addRequest, newPage } from '../../policy/page-state';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const T0 = 1_700_000_000_000;
function page(id: string, endedAt: number) {
  const state = { ...newPage(4, 'https://pro-medika.ru/contacts/', T0), pageId: id };
  addRequest(state, { url: 'https://mc.yandex.ru/watch/1', method: 'GET', kind: 'image', time: T0, frameId: 0, via: 'webRequest' }, true, {
    vendorId: 'yandex-metrica',
  });
  return {
    pageId: id,
    endedAt,
    state,
    cookies: [
      {
        name: '_ym_uid',
        value: '1',
        domain: '.pro-medika.ru',
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'lax' as const,
        hostOnly: false,
        session: true,
      },
    ],
  };
}

describe('store/pending.ts: finished page loads waiting to become history records', () => {
  it('queues, lists oldest first and deletes', async () => {
    const db = await openTrackerDb('tl-pending');
    await queuePending(page('b', T0 + 2), db);
    await queuePending(page('a', T0 + 1), db);
    expect(await countPending(db)).toBe(2);
    const { pages, dropped } = await listPending(db);
    expect(pages.map((p) => p.pageId)).toEqual(['a', 'b']);
    expect(dropped).toBe(0);
    expect(pages[0].state.hosts['mc.yandex.ru'].requests).toBe(1);
    await deletePending('a', db);
    expect((await listPending(db)).pages.map((p) => p.pageId)).toEqual(['b']);
    db.close();
  });

  it('a stored page that no longer validates is dropped, counted and deleted', async () => {
    const db = await openTrackerDb('tl-pending-bad');
    await queuePending(page('ok', T0), db);
    await db.put('pending', { pageId: 'broken', endedAt: 'yesterday' } as never);
    const { pages, dropped } = await listPending(db);
    expect(pages.map((p) => p.pageId)).toEqual(['ok']);
    expect(dropped).toBe(1);
    expect(await countPending(db)).toBe(1);
    db.close();
  });
});
