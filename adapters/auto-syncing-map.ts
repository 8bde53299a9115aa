import type { z } from 'zod';

/**
 * A Map whose entries are mirrored to an extension storage area (storage.session), after
 * Ghostery's AutoSyncingMap: the MV3 service worker can be stopped at any moment, so it
 * keeps no state of its own. Every read goes through the mirror, loaded once per worker
 * life; writes are coalesced per task and flushed right after.
 *
 * Values are validated with zod when read back: a record that no longer parses (e.g. after
 * an update changed the schema) is dropped and reported, never crashes the worker.
 */
export interface StorageAreaLike {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export class AutoSyncingMap<V> {
  private cache = new Map<string, V>();
  private ready: Promise<void> | null = null;
  private dirty = new Set<string>();
  private removed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Records dropped because they did not validate on load. */
  dropped = 0;

  constructor(
    private readonly area: StorageAreaLike,
    private readonly prefix: string,
    private readonly schema: z.ZodType<V>,
    /**
     * 0: write on the next task. The worker can be stopped at any moment (the e2e suite
     * does it with CDP ServiceWorker.stopAllWorkers), so a change must not wait in memory;
     * changes made in the same task still coalesce into one write, and while a write is in
     * flight the next one queues behind it (flush() is serialised).
     */
    private readonly delayMs = 0,
  ) {}

  private load(): Promise<void> {
    this.ready ??= this.area.get(null).then((all) => {
      for (const [k, raw] of Object.entries(all)) {
        if (!k.startsWith(this.prefix)) continue;
        const key = k.slice(this.prefix.length);
        if (this.cache.has(key) || this.removed.has(key)) continue; // written before load finished
        const parsed = this.schema.safeParse(raw);
        if (parsed.success) this.cache.set(key, parsed.data);
        else {
          this.dropped += 1;
          console.warn(`[tracker-lens] dropped stored record ${k}: ${parsed.error.message.slice(0, 200)}`);
        }
      }
    });
    return this.ready;
  }

  async get(key: string): Promise<V | undefined> {
    await this.load();
    return this.cache.get(key);
  }

  async entries(): Promise<[string, V][]> {
    await this.load();
    return [...this.cache.entries()];
  }

  async set(key: string, value: V): Promise<void> {
    await this.load();
    this.cache.set(key, value);
    this.removed.delete(key);
    this.dirty.add(key);
    this.schedule();
  }

  /**
   * Mutates an entry in place (after the mirror is loaded) and schedules its write. A
   * mutator that returns false changed nothing, so nothing is written (header events for
   * requests the page record does not keep are the common case).
   */
  async update(key: string, fn: (v: V) => boolean | void): Promise<V | undefined> {
    await this.load();
    const v = this.cache.get(key);
    if (v === undefined) return undefined;
    if (fn(v) === false) return v;
    this.dirty.add(key);
    this.schedule();
    return v;
  }

  async delete(key: string): Promise<void> {
    await this.load();
    this.cache.delete(key);
    this.dirty.delete(key);
    this.removed.add(key);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  /** Writes pending changes now. Serialised, so writes never reorder. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const sets: Record<string, unknown> = {};
      for (const k of this.dirty) {
        const v = this.cache.get(k);
        if (v !== undefined) sets[this.prefix + k] = v;
      }
      const removes = [...this.removed].map((k) => this.prefix + k);
      this.dirty.clear();
      this.removed.clear();
      try {
        if (Object.keys(sets).length) await this.area.set(sets);
        if (removes.length) await this.area.remove(removes);
      } catch (e) {
        console.warn('[tracker-lens] storage write failed', e);
      }
    });
    return this.flushing;
  }
}
