import type { PendingPage } from '@/store/pending-schema';

/**
 * Builds history records when the browser is idle (issue #5 history, issue #2 page-load
 * overhead). When a page ends, the background queues its final state and cookie snapshot in
 * IndexedDB (one write); the report build and the history write (tens of milliseconds of
 * worker CPU on 2 cores, measured 2026-11-29) wait until no request has been seen for
 * `quietMs`, or at most `maxWaitMs` after the oldest queued page, so they never compete with
 * the next page's load. A stopped worker loses nothing: the queue is in IndexedDB, and a new
 * worker drains it (start(), or flush() when the audit page asks).
 *
 * The dependencies are injected, so the scheduling is unit-tested with fake timers and an
 * in-memory queue (tests/unit/history-queue.test.ts).
 */
export interface HistoryQueueDeps {
  put(page: PendingPage): Promise<void>;
  list(): Promise<PendingPage[]>;
  remove(pageId: string): Promise<void>;
  /** Builds and stores one history record; throws on failure (the page stays queued). */
  write(page: PendingPage): Promise<void>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface HistoryQueueOptions {
  quietMs?: number;
  maxWaitMs?: number;
  /** A page whose build failed this many times is dropped (and reported), never retried forever. */
  maxAttempts?: number;
}

export class HistoryQueue {
  private lastActivity = 0;
  private oldestQueued: number | null = null;
  private timer: unknown = null;
  private draining: Promise<void> = Promise.resolve();
  private attempts = new Map<string, number>();
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly maxAttempts: number;
  /** Pages written to history, and pages dropped after repeated failures (diagnostics). */
  readonly stats = { written: 0, failed: 0 };

  constructor(
    private readonly deps: HistoryQueueDeps,
    opts: HistoryQueueOptions = {},
  ) {
    this.quietMs = opts.quietMs ?? 1000;
    this.maxWaitMs = opts.maxWaitMs ?? 30_000;
    this.maxAttempts = opts.maxAttempts ?? 3;
  }

  /** Network activity on a watched tab: postpones the drain. Cheap (called per request). */
  touch(): void {
    this.lastActivity = this.deps.now();
  }

  /** Queues a finished page (durably) and schedules the drain. */
  async enqueue(page: PendingPage): Promise<void> {
    await this.deps.put(page);
    this.oldestQueued ??= this.deps.now();
    this.schedule(this.quietMs);
  }

  /** A new worker: pages queued by an earlier one are drained when the browser is quiet. */
  async start(): Promise<void> {
    const pending = await this.deps.list();
    if (!pending.length) return;
    this.oldestQueued ??= Math.min(...pending.map((p) => p.endedAt));
    this.schedule(this.quietMs);
  }

  /**
   * Drains everything now, quiet or not (the audit page and the request page ask when they
   * read history). Resolves to the number of records written.
   */
  async flush(): Promise<number> {
    const before = this.stats.written;
    await this.drain(true);
    return this.stats.written - before;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) return;
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }

  private due(): number {
    const now = this.deps.now();
    const quietIn = this.lastActivity + this.quietMs - now;
    const forcedIn = this.oldestQueued === null ? Infinity : this.oldestQueued + this.maxWaitMs - now;
    return Math.max(0, Math.min(quietIn, forcedIn));
  }

  private async tick(): Promise<void> {
    const wait = this.due();
    if (wait > 0) {
      this.schedule(wait);
      return;
    }
    await this.drain(false);
  }

  /** One drain at a time; a non-forced drain stops between pages when requests resume. */
  private drain(force: boolean): Promise<void> {
    this.draining = this.draining
      .catch(() => undefined)
      .then(async () => {
        const pages = await this.deps.list();
        for (const page of pages) {
          if (!force && this.due() > 0) {
            this.schedule(this.due());
            return;
          }
          try {
            await this.deps.write(page);
            await this.deps.remove(page.pageId);
            this.attempts.delete(page.pageId);
            this.stats.written += 1;
          } catch (e) {
            const n = (this.attempts.get(page.pageId) ?? 0) + 1;
            this.attempts.set(page.pageId, n);
            console.warn('[tracker-lens] history record not built', page.pageId, e);
            if (n >= this.maxAttempts) {
              await this.deps.remove(page.pageId).catch(() => undefined);
              this.attempts.delete(page.pageId);
              this.stats.failed += 1;
            }
          }
        }
        const left = await this.deps.list();
        this.oldestQueued = left.length ? Math.min(...left.map((p) => p.endedAt)) : null;
        if (left.length) this.schedule(this.quietMs);
      });
    return this.draining;
  }
}
