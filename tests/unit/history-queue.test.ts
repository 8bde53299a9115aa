import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryQueue, type HistoryQueueDeps } from '../../adapters/history-queue';
import { newPage } from '../../policy/page-state';
import type { PendingPage } from '../../store/pending-schema';

/** An in-memory queue, a write log, and the real (fake-timer) clock. */
function harness(opts: { failing?: Set<string> } = {}) {
  const store = new Map<string, PendingPage>();
  const written: string[] = [];
  const deps: HistoryQueueDeps = {
    put: async (p) => void store.set(p.pageId, p),
    list: async () => [...store.values()].sort((a, b) => a.endedAt - b.endedAt),
    remove: async (id) => void store.delete(id),
    write: async (p) => {
      if (opts.failing?.has(p.pageId)) throw new Error('build failed');
      written.push(p.pageId);
    },
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  return { store, written, deps };
}

const pending = (id: string): PendingPage => ({
  pageId: id,
  endedAt: Date.now(),
  state: { ...newPage(1, 'https://pro-medika.ru/', Date.now()), pageId: id },
  cookies: [],
});

describe('HistoryQueue: history records are built when the browser is idle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('waits for quiet: no build while requests keep coming, one drain after', async () => {
    const h = harness();
    const q = new HistoryQueue(h.deps, { quietMs: 1000, maxWaitMs: 30_000 });
    await q.enqueue(pending('a'));
    for (let i = 0; i < 8; i++) {
      q.touch();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(h.written).toEqual([]);
    expect(h.store.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1100);
    expect(h.written).toEqual(['a']);
    expect(h.store.size).toBe(0);
  });

  it('never waits longer than maxWaitMs, however busy the browser is', async () => {
    const h = harness();
    const q = new HistoryQueue(h.deps, { quietMs: 1000, maxWaitMs: 5000 });
    await q.enqueue(pending('a'));
    await q.enqueue(pending('b'));
    for (let i = 0; i < 12; i++) {
      q.touch();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(h.written).toEqual(['a', 'b']);
  });

  it('flush builds everything now, in the order the pages ended', async () => {
    const h = harness();
    const q = new HistoryQueue(h.deps);
    await q.enqueue(pending('first'));
    vi.setSystemTime(Date.now() + 10);
    await q.enqueue(pending('second'));
    q.touch();
    await q.flush();
    expect(h.written).toEqual(['first', 'second']);
  });

  it('a new worker drains what an earlier one queued', async () => {
    const h = harness();
    await h.deps.put(pending('left-over'));
    const q = new HistoryQueue(h.deps, { quietMs: 1000 });
    await q.start();
    await vi.advanceTimersByTimeAsync(1100);
    expect(h.written).toEqual(['left-over']);
  });

  it('a page whose build keeps failing is dropped after maxAttempts and counted; the others are written', async () => {
    const h = harness({ failing: new Set(['bad']) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const q = new HistoryQueue(h.deps, { quietMs: 100, maxAttempts: 3 });
    await q.enqueue(pending('bad'));
    await q.enqueue(pending('good'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.written).toEqual(['good']);
    expect(h.store.size).toBe(0);
    expect(q.stats).toEqual({ written: 1, failed: 1 });
    warn.mockRestore();
  });
});
