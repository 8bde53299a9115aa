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

describe('AutoSyncingMap with a PartsCodec (page records written in parts)', () => {
  // A value with a small head and an append-only list, stored as "h" plus chunks of 2.
  const PartsSchema = z.object({ n: z.number(), list: z.array(z.number()) });
  type V = z.infer<typeof PartsSchema>;
  const codec = {
    split: (v: V) => {
      const out: Record<string, unknown> = { h: { n: v.n } };
      for (let i = 0; i * 2 < v.list.length; i++) out[`L${i}`] = v.list.slice(i * 2, i * 2 + 2);
      return out;
    },
    part: (v: V, name: string) =>
      name === 'h'
        ? { n: v.n }
        : (() => {
            const i = Number(name.slice(1));
            const c = v.list.slice(i * 2, i * 2 + 2);
            return c.length ? c : undefined;
          })(),
    join: (parts: Record<string, unknown>) => {
      const h = parts.h as { n: number } | undefined;
      if (!h) return undefined;
      const chunks = Object.keys(parts)
        .filter((k) => k[0] === 'L')
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      return { n: h.n, list: chunks.flatMap((k) => parts[k] as number[]) };
    },
  };
  const tick = () => new Promise((r) => setTimeout(r, 5));

  it('stores each part under its own key and a restarted worker reads the value back', async () => {
    const area = memoryArea();
    const a = new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec);
    await a.set('1', { n: 0, list: [1, 2, 3] });
    await tick();
    await a.flush();
    expect(Object.keys(area.data).sort()).toEqual(['tab:1/L0', 'tab:1/L1', 'tab:1/h']);
    const b = new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec);
    expect(await b.get('1')).toEqual({ n: 0, list: [1, 2, 3] });
  });

  it('an update writes only the parts it names', async () => {
    const area = memoryArea();
    const map = new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec);
    await map.set('1', { n: 0, list: [1, 2, 3] });
    await tick();
    await map.flush();
    const written: string[][] = [];
    const set = area.set.bind(area);
    area.set = async (items) => {
      written.push(Object.keys(items));
      await set(items);
    };
    await map.update('1', (v) => {
      v.n += 1;
      v.list.push(4);
      return ['h', 'L1'];
    });
    await tick();
    await map.flush();
    expect(written).toEqual([['tab:1/h', 'tab:1/L1']]);
    expect(await new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec).get('1')).toEqual({ n: 1, list: [1, 2, 3, 4] });
    // An empty list of parts writes nothing.
    await map.update('1', () => []);
    await tick();
    await map.flush();
    expect(written).toHaveLength(1);
  });

  it('replacing a value removes parts it no longer has; delete removes them all', async () => {
    const area = memoryArea();
    const map = new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec);
    await map.set('1', { n: 0, list: [1, 2, 3, 4, 5] });
    await tick();
    await map.flush();
    expect(Object.keys(area.data)).toContain('tab:1/L2');
    await map.set('1', { n: 9, list: [7] });
    await tick();
    await map.flush();
    expect(Object.keys(area.data).sort()).toEqual(['tab:1/L0', 'tab:1/h']);
    // A restarted worker knows which parts exist, and deletes them all.
    const b = new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec);
    await b.delete('1');
    await b.flush();
    expect(area.data).toEqual({});
  });

  it('parts that do not make a valid value are dropped, reported and removed from storage', async () => {
    const area = memoryArea({ 'tab:1/L0': [1, 2], 'tab:2/h': { n: 'x' }, 'tab:3/h': { n: 3 }, unrelated: 1 });
    const map = new AutoSyncingMap(area, 'tab:', PartsSchema, 0, codec);
    expect((await map.entries()).map(([k]) => k)).toEqual(['3']);
    expect(map.dropped).toBe(2);
    await tick();
    await map.flush();
    expect(Object.keys(area.data).sort()).toEqual(['tab:3/h', 'unrelated']);
  });
});
