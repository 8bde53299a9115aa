import { describe, expect, it } from 'vitest';
import { once } from '../../components/once';

describe('once', () => {
  it('runs the load once and shares its promise between concurrent and later calls', async () => {
    let runs = 0;
    const load = once(async () => ++runs);
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load()]).toEqual([1, 1, 1]);
    expect(runs).toBe(1);
  });

  it('runs the load again after a failure, and keeps the first success', async () => {
    let runs = 0;
    const load = once(async () => {
      runs++;
      if (runs === 1) throw new Error('chunk failed');
      return runs;
    });
    await expect(load()).rejects.toThrow('chunk failed');
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(runs).toBe(2);
  });
});
