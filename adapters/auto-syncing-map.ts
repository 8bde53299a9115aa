import type { z } from 'zod';

/**
 * A Map whose entries are mirrored to an extension storage area (storage.session), after
 * Ghostery's AutoSyncingMap: the MV3 service worker can be stopped at any moment, so it
 * keeps no state of its own. Every read goes through the mirror, loaded once per worker
 * life; writes are coalesced and sent on the next task, without waiting for the previous
 * write to finish: a change never sits in memory while a write is in flight.
 *
 * With a PartsCodec, each entry is stored as several keys ("<prefix><key>/<part>") and a
 * change writes only the parts its mutator names: per-event writes then stay small however
 * large the entry grows (policy/page-state-parts.ts says why that matters for page records).
 *
 * Values are validated with zod when read back: a record that no longer parses (e.g. after
 * an update changed the schema) is dropped and reported, never crashes the worker.
 */
export interface StorageAreaLike {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface PartsCodec<V> {
  /** Every part of a value, by name. */
  split(v: V): Record<string, unknown>;
  /** One part's current value; undefined when the value has no such part (it is removed). */
  part(v: V, name: string): unknown;
  /** The value from its stored parts (unvalidated: the map validates it with its schema). */
  join(parts: Record<string, unknown>): unknown;
}

/**
 * What a mutator passed to update() says it changed: false, nothing (no write); the names of
 * the parts it changed; anything else, possibly everything.
 */
export type Change = boolean | void | readonly string[];

const SEP = '/';

export class AutoSyncingMap<V> {
  private cache = new Map<string, V>();
  private ready: Promise<void> | null = null;
  /** Keys to write: 'all', or the names of the changed parts (parts mode). */
  private dirty = new Map<string, 'all' | Set<string>>();
  private removed = new Set<string>();
  /** Parts mode: the part names stored per key, to remove the ones a value no longer has. */
  private stored = new Map<string, Set<string>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Records dropped because they did not validate on load. */
  dropped = 0;
  /** storage.set calls made and keys written (diagnostics: the benchmarks report them per request). */
  readonly writes = { calls: 0, keys: 0 };

  constructor(
    private readonly area: StorageAreaLike,
    private readonly prefix: string,
    private readonly schema: z.ZodType<V>,
    /**
     * 0: write on the next task. The worker can be stopped at any moment (the e2e suite does
     * it with CDP ServiceWorker.stopAllWorkers, 100 times in worker-stops.spec.ts), so a change
     * must not wait in memory: a write queued behind the one in flight lost requests there
     * (issue 15). Events already queued still coalesce into one write (a microtask per event
     * made a 2,000-request page's e2e test 50% slower under load).
     */
    private readonly delayMs = 0,
    private readonly codec?: PartsCodec<V>,
  ) {}

  private admit(key: string, raw: unknown, storageKey: string): void {
    const parsed = this.schema.safeParse(raw);
    if (parsed.success) this.cache.set(key, parsed.data);
    else {
      this.dropped += 1;
      console.warn(`[tracker-lens] dropped stored record ${storageKey}: ${parsed.error.message.slice(0, 200)}`);
    }
  }

  private load(): Promise<void> {
    this.ready ??= this.area.get(null).then((all) => {
      const grouped = new Map<string, Record<string, unknown>>();
      for (const [k, raw] of Object.entries(all)) {
        if (!k.startsWith(this.prefix)) continue;
        const rest = k.slice(this.prefix.length);
        if (!this.codec) {
          if (this.cache.has(rest) || this.removed.has(rest)) continue; // written before load finished
          this.admit(rest, raw, k);
          continue;
        }
        const at = rest.lastIndexOf(SEP);
        if (at < 0) continue;
        const key = rest.slice(0, at);
        const part = rest.slice(at + 1);
        let parts = grouped.get(key);
        if (!parts) grouped.set(key, (parts = {}));
        parts[part] = raw;
      }
      for (const [key, parts] of grouped) {
        const names = this.stored.get(key) ?? new Set<string>();
        for (const p of Object.keys(parts)) names.add(p);
        this.stored.set(key, names);
        if (this.cache.has(key) || this.removed.has(key)) continue;
        this.admit(key, this.codec!.join(parts), `${this.prefix}${key}`);
        // A record that did not validate leaves its parts in storage: remove them.
        if (!this.cache.has(key)) {
          this.markRemoved(key);
          this.schedule();
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
    this.dirty.set(key, 'all');
    this.schedule();
  }

  /**
   * Mutates an entry in place (after the mirror is loaded) and schedules its write. The
   * mutator says what it changed (see Change): false or an empty list writes nothing
   * (header events for requests the page record does not keep are the common case).
   */
  async update(key: string, fn: (v: V) => Change): Promise<V | undefined> {
    await this.load();
    const v = this.cache.get(key);
    if (v === undefined) return undefined;
    const change = fn(v);
    if (change === false) return v;
    if (Array.isArray(change) && this.codec) {
      if (!change.length) return v;
      const cur = this.dirty.get(key);
      if (cur !== 'all') {
        const set = cur ?? new Set<string>();
        for (const p of change) set.add(p);
        this.dirty.set(key, set);
      }
    } else if (!(Array.isArray(change) && change.length === 0)) this.dirty.set(key, 'all');
    this.schedule();
    return v;
  }

  private markRemoved(key: string): void {
    this.dirty.delete(key);
    this.removed.add(key);
  }

  async delete(key: string): Promise<void> {
    await this.load();
    this.cache.delete(key);
    this.markRemoved(key);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  /** Storage keys to set and to remove for one dirty entry (parts mode). */
  private partsToWrite(key: string, v: V, what: 'all' | Set<string>, sets: Record<string, unknown>, removes: string[]): void {
    const codec = this.codec!;
    const stored = this.stored.get(key) ?? new Set<string>();
    this.stored.set(key, stored);
    const put = (name: string, value: unknown) => {
      if (value === undefined) {
        if (stored.delete(name)) removes.push(`${this.prefix}${key}${SEP}${name}`);
        return;
      }
      sets[`${this.prefix}${key}${SEP}${name}`] = value;
      stored.add(name);
    };
    if (what === 'all') {
      const parts = codec.split(v);
      for (const name of [...stored]) if (!(name in parts)) put(name, undefined);
      for (const [name, value] of Object.entries(parts)) put(name, value);
    } else {
      for (const name of what) put(name, codec.part(v, name));
    }
  }

  /**
   * Sends pending changes now, and resolves when every write sent so far is done. Writes are
   * sent at once, in call order (removals before sets; the browser applies an extension's
   * storage calls in the order they were made), never held back behind a write in flight.
   */
  flush(): Promise<void> {
    const sets: Record<string, unknown> = {};
    const removes: string[] = [];
    for (const [k, what] of this.dirty) {
      const v = this.cache.get(k);
      if (v === undefined) continue;
      if (this.codec) this.partsToWrite(k, v, what, sets, removes);
      else sets[this.prefix + k] = v;
    }
    for (const k of this.removed) {
      if (!this.codec) {
        removes.push(this.prefix + k);
        continue;
      }
      for (const name of this.stored.get(k) ?? []) removes.push(`${this.prefix}${k}${SEP}${name}`);
      this.stored.delete(k);
    }
    this.dirty.clear();
    this.removed.clear();
    const sent: Promise<void>[] = [];
    const n = Object.keys(sets).length;
    // Removals first: a key removed by an ended page can be set again by the next one.
    if (removes.length) sent.push(this.area.remove(removes));
    if (n) {
      this.writes.calls += 1;
      this.writes.keys += n;
      sent.push(this.area.set(sets));
    }
    const done = Promise.all(sent).then(
      () => undefined,
      (e: unknown) => console.warn('[tracker-lens] storage write failed', e),
    );
    this.flushing = Promise.all([this.flushing, done]).then(() => undefined);
    return this.flushing;
  }
}
