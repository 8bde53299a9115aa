import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AutoSyncingMap, type StorageAreaLike } from '../../adapters/auto-syncing-map';

/** An in-memory storage area with the same async contract as storage.session. */
function memoryArea(initial: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown>; sets: number } {
  const area = {
    data: { ...initial } as Record<string, unknown>,
    sets: 0,
    async get() {
      return structuredClone(area.data);
    },
    async set(items: Record<string, unknown>) {
      area.sets += 1;
      Object.assign(area.data, structuredClone(items));
    },
    async remove(keys: string | string[]) {
      for (const k of [keys].flat()) delete area.data[k];
    },
  };
  return area;
}

const Schema = z.object({ n: z.number() });

describe('AutoSyncingMap (per-tab state that survives a stopped service worker)', () => {
  it('writes changes through to the storage area on the next task', async () => {
    const area = memoryArea();
    const map = new AutoSyncingMap(area, 'tab:', Schema);
    await map.set('1', { n: 1 });
    await map.update('1', (v) => void (v.n += 1));
    await new Promise((r) => setTimeout(r, 5));
    await map.flush();
    expect(area.data['tab:1']).toEqual({ n: 2 });
  });

  it('a new instance (a restarted worker) sees everything the old one wrote', async () => {
    const area = memoryArea();
    const a = new AutoSyncingMap(area, 'tab:', Schema);
    for (let i = 0; i < 100; i++) await a.update('7', (v) => void (v.n += 1)).then(async (r) => r ?? a.set('7', { n: 1 }));
    await a.flush();
    const b = new AutoSyncingMap(area, 'tab:', Schema);
    expect(await b.get('7')).toEqual({ n: 100 });
  });

  it('coalesces changes made in the same task into one write', async () => {
    const area = memoryArea({ 'tab:1': { n: 0 } });
    const map = new AutoSyncingMap(area, 'tab:', Schema);
    await map.get('1');
    await Promise.all(Array.from({ length: 50 }, () => map.update('1', (v) => void (v.n += 1))));
    await new Promise((r) => setTimeout(r, 5));
    await map.flush();
    expect(area.data['tab:1']).toEqual({ n: 50 });
    expect(area.sets).toBeLessThanOrEqual(2);
  });

  it('drops stored records that no longer validate, and reports them', async () => {
    const area = memoryArea({ 'tab:1': { n: 'not a number' }, 'tab:2': { n: 2 }, other: 1 });
    const map = new AutoSyncingMap(area, 'tab:', Schema);
    expect(await map.get('1')).toBeUndefined();
    expect(await map.get('2')).toEqual({ n: 2 });
    expect(map.dropped).toBe(1);
    expect((await map.entries()).map(([k]) => k)).toEqual(['2']);
  });

  it('delete removes the key from storage', async () => {
    const area = memoryArea({ 'tab:1': { n: 1 } });
    const map = new AutoSyncingMap(area, 'tab:', Schema);
    await map.delete('1');
    await map.flush();
    expect(area.data).toEqual({});
  });
});

describe('AutoSyncingMap.update without a change', () => {
  it('writes nothing when the mutator returns false', async () => {
    const area = memoryArea({ 'tab:1': { n: 1 } });
    const map = new AutoSyncingMap(area, 'tab:', Schema);
    await map.update('1', () => false);
    await new Promise((r) => setTimeout(r, 5));
    await map.flush();
    expect(area.sets).toBe(0);
    await map.update('1', (v) => void (v.n = 2));
    await new Promise((r) => setTimeout(r, 5));
    await map.flush();
    expect(area.sets).toBe(1);
  });
});
