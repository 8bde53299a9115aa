import type { Page, Request } from '@playwright/test';

/**
 * When is a page "done" for the audit? After its load event, once it has stopped producing
 * anything new for a while, judged from outside the page: the browser's network events
 * (Playwright's request events, from the DevTools protocol). The page's own code is not touched.
 * The decision logic is pure (plain data, explicit clock) and unit-tested; PageSettler wires it to a page.
 *
 * "Anything new" means:
 * - a request to an endpoint the page has not used yet (scheme, host and path), or one that
 *   reports a page URL the page has not reported yet (a virtual page view). Repeats of a known
 *   endpoint for the same page are periodic beacons and do not keep the page "busy";
 * - a script or frame that is still downloading (it may load further tags when it runs);
 * - news that comes regularly is expected to go on: the quiet time stretches to twice the
 *   gap between the last two pieces of news (up to 2 s).
 * A tag that a timer loads later than the quiet time (the replica's VK pixel on /contacts/,
 * 2.5 s after load) is caught with `--wait <ms>`, or with the opt-in timer probe
 * (`--timer-probe`, which wraps the page's setTimeout; report.json then says so).
 */

export interface SettleOptions {
  /** Never read a page sooner than this after settling starts (the content script reports every 500 ms). */
  minMs: number;
  /** Read it once nothing new happened for this long. */
  quietMs: number;
  /** Read it at this point whatever happens (continuous new traffic, far-off timers). */
  maxMs: number;
}

/**
 * Defaults for a page after its load event. maxMs was 4 s when every beacon counted as
 * activity; beacons no longer do, so the maximum only bounds genuinely new traffic and
 * late timers, and /slow/'s six seconds of virtual page views now fit.
 */
export const SETTLE_DEFAULTS: SettleOptions = { minMs: 800, quietMs: 600, maxMs: 8000 };

/** Options for a page with `--wait <ms>`: the extra time is added to the minimum and the maximum. */
export function settleOptionsFor(waitMs = 0, base: SettleOptions = SETTLE_DEFAULTS): SettleOptions {
  const extra = Math.max(0, waitMs);
  return { minMs: base.minMs + extra, quietMs: base.quietMs, maxMs: Math.max(base.minMs, base.maxMs) + extra };
}

const URL_VALUE = /^(https?:)?\/\/[^\s]+$/i;

/**
 * The identity of a request for "is this new?": scheme, host and path, plus the values of
 * query parameters that carry a page URL (Metrica's page-url, GA's dl, VK's url ...).
 * Other parameters (cache busters, counters, random ids) are left out, so a beacon repeated
 * with a new random id is the same request. Null for non-network URLs (data:, blob:).
 */
export function noveltyKey(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!/^(https?|wss?):$/.test(u.protocol)) return null;
  const pageUrls: string[] = [];
  for (const [k, v] of u.searchParams) if (URL_VALUE.test(v.trim())) pageUrls.push(`${k}=${v.trim()}`);
  pageUrls.sort();
  return `${u.protocol}//${u.host}${u.pathname}${pageUrls.length ? `?${pageUrls.join('&')}` : ''}`;
}

/** Upper bound of the quiet time stretched by regular news (QuietTracker.quietNeeded). */
export const ADAPTIVE_QUIET_MAX_MS = 2000;

/** Resource types whose completion can start more requests (a tag runs when its script arrives). */
const LOADER_TYPES = new Set(['script', 'document']);

export type SettleVerdict = { done: false } | { done: true; reason: 'quiet' | 'max' };

/**
 * Tracks what is new on one page. Feed it requests (all of them, from before navigation on,
 * so repeats after load are recognised) and ask for a verdict with the current time and the
 * page's pending timers.
 */
export class QuietTracker {
  private readonly seen = new Set<string>();
  private readonly loading = new Map<unknown, number>();
  private lastNews: number;
  /** The new request before the last one in this window (for the gap between the two), or null. */
  private prevNews: number | null = null;
  private lastRequestNews = -Infinity;
  private start: number;
  private everyRequest = false;

  constructor(now: number) {
    this.start = now;
    this.lastNews = now;
  }

  /**
   * Starts a settle window (after load, after a click): the clock for min/quiet/max restarts.
   * `everyRequest`: every request counts as news in this window, repeats included. After a
   * form submit the repeats are the point: the tags' usual endpoints now carry what was typed.
   */
  begin(now: number, opts: { everyRequest?: boolean } = {}): void {
    this.start = now;
    this.lastNews = now;
    this.prevNews = null;
    this.lastRequestNews = -Infinity;
    this.everyRequest = !!opts.everyRequest;
  }

  /** Something new happened. `request`: a new request (its rhythm stretches the quiet time). */
  private news(now: number, request: boolean): void {
    if (now < this.lastNews) return;
    if (request) this.prevNews = this.lastRequestNews > this.start ? this.lastRequestNews : null;
    if (request) this.lastRequestNews = now;
    this.lastNews = now;
  }

  /**
   * The quiet time needed now: quietMs, or twice the gap between the last two pieces of news
   * when that is longer (at most ADAPTIVE_QUIET_MAX_MS). News that keeps coming every 500 ms
   * (/slow/'s page views) is not over after 600 ms of silence when a busy machine delays a
   * timer by 150 ms.
   */
  quietNeeded(opts: SettleOptions): number {
    const gap = this.prevNews === null ? 0 : this.lastRequestNews - this.prevNews;
    return Math.max(opts.quietMs, Math.min(2 * gap, ADAPTIVE_QUIET_MAX_MS));
  }

  /** A request started. `id` identifies it for requestDone; `type` is the resource type. */
  request(url: string, type: string, now: number, id?: unknown): void {
    const key = noveltyKey(url);
    if (key === null) return;
    const fresh = !this.seen.has(key);
    if (fresh) this.seen.add(key);
    if (fresh || this.everyRequest) this.news(now, true);
    if (fresh && LOADER_TYPES.has(type) && id !== undefined) this.loading.set(id, now);
  }

  /** A request finished or failed. A script that arrived may run and load more: quiet restarts. */
  requestDone(id: unknown, now: number): void {
    if (!this.loading.delete(id)) return;
    this.news(now, false);
  }

  /** Number of new scripts and frames still downloading. */
  get inFlight(): number {
    return this.loading.size;
  }

  /**
   * How long the verdict cannot turn "done" without new information: until the minimum, the
   * quiet time and the maximum allow it (news only pushes that further). 0 when it may now.
   */
  waitHint(now: number, opts: SettleOptions): number {
    const elapsed = now - this.start;
    const untilMin = opts.minMs - elapsed;
    const untilQuiet = this.quietNeeded(opts) - (now - this.lastNews);
    const untilMax = opts.maxMs - elapsed;
    return Math.max(0, Math.min(untilMax, Math.max(untilMin, untilQuiet)));
  }

  /**
   * Done when the maximum is reached, or when the minimum has passed, nothing new happened
   * for quietMs, no new script or frame is downloading, and no timer is due before the
   * maximum. `timersDueIn` are the pending timers' remaining times in ms (timer probe only).
   */
  verdict(now: number, opts: SettleOptions, timersDueIn: readonly number[] = []): SettleVerdict {
    const elapsed = now - this.start;
    if (elapsed >= opts.maxMs) return { done: true, reason: 'max' };
    if (elapsed < opts.minMs) return { done: false };
    if (now - this.lastNews < this.quietNeeded(opts)) return { done: false };
    if (this.loading.size > 0) return { done: false };
    const left = opts.maxMs - elapsed;
    if (timersDueIn.some((ms) => ms <= left)) return { done: false };
    return { done: true, reason: 'quiet' };
  }
}

/** What the timer probe needs of a window (a fake one in unit tests). */
export interface TimerWindow {
  setTimeout: (handler: unknown, timeout?: number, ...args: unknown[]) => unknown;
  clearTimeout: (id?: unknown) => void;
  performance: { now(): number };
  __trackerLensTimers?: () => number[];
}

/**
 * The opt-in timer probe (`--timer-probe`), installed into every frame before its scripts run.
 * It wraps setTimeout and clearTimeout in Proxies (behaviour unchanged) to keep the due times
 * of pending one-shot timers; `__trackerLensTimers()` returns how many ms each still has to go.
 * A timer re-armed from its own callback with the same delay is polling and is not kept.
 * Plain JavaScript in a string: tsx rewrites named functions with a `__name` helper that the page lacks.
 */
const TIMER_PROBE_BODY = `
  if (typeof w.__trackerLensTimers === 'function') return;
  var pending = new Map();
  var running = null; // delay of the timer callback running right now
  var perf = w.performance;
  var GRACE_MS = 1000;
  w.setTimeout = new Proxy(w.setTimeout, {
    apply: function (target, self, args) {
      var handler = args[0];
      if (typeof handler !== 'function') return Reflect.apply(target, self, args);
      var delay = Math.max(0, Number(args[1]) || 0);
      var polling = running !== null && Math.abs(running - delay) < 1;
      var id;
      var wrapped = function () {
        pending.delete(id);
        var outer = running;
        running = delay;
        try {
          return Reflect.apply(handler, this, arguments);
        } finally {
          running = outer;
        }
      };
      id = Reflect.apply(target, self, [wrapped].concat(Array.prototype.slice.call(args, 1)));
      if (!polling) pending.set(id, perf.now() + delay);
      return id;
    }
  });
  w.clearTimeout = new Proxy(w.clearTimeout, {
    apply: function (target, self, args) {
      pending.delete(args[0]);
      return Reflect.apply(target, self, args);
    }
  });
  Object.defineProperty(w, '__trackerLensTimers', {
    configurable: true,
    enumerable: false,
    value: function () {
      var now = perf.now();
      var out = [];
      pending.forEach(function (due, id) {
        // Past due and never run: cleared some other way (clearInterval takes timeout ids too).
        if (due < now - GRACE_MS) pending.delete(id);
        else out.push(Math.max(0, due - now));
      });
      return out;
    }
  });
`;

/** The timer probe as a function of a window (unit tests call it on a fake one); our own constant source. */
export const installTimerProbe = new Function('w', TIMER_PROBE_BODY) as (w: TimerWindow) => void;

/** The init script: the probe applied to each frame's window. */
export const TIMER_PROBE_SCRIPT = `(function (w) {${TIMER_PROBE_BODY}})(window);`;

/** Pending timers of every frame of the page (frames that went away count as none). */
async function pendingTimers(page: Page): Promise<number[]> {
  const lists = await Promise.all(
    page.frames().map((f) =>
      f
        .evaluate(() => {
          const probe = (globalThis as unknown as TimerWindow).__trackerLensTimers;
          return typeof probe === 'function' ? probe() : [];
        })
        .catch(() => [] as number[]),
    ),
  );
  return lists.flat();
}

const POLL_MS = 100;
const MIN_SLEEP_MS = 10;

/**
 * Watches one page for the audit: create it before the first navigation (it starts recording
 * requests), reset() it before each navigation, and call settle() after each load or click.
 */
export class PageSettler {
  private tracker = new QuietTracker(Date.now());
  private readonly onRequest = (r: Request) => this.tracker.request(r.url(), r.resourceType(), Date.now(), r);
  private readonly onDone = (r: Request) => this.tracker.requestDone(r, Date.now());

  private probing = false;

  private constructor(private readonly page: Page) {}

  /** From the browser's network events only (the default). */
  static watch(page: Page): PageSettler {
    const s = new PageSettler(page);
    s.listen();
    return s;
  }

  /** With the timer probe injected into every document the page loads from now on (`--timer-probe`). */
  static async withTimerProbe(page: Page): Promise<PageSettler> {
    const s = new PageSettler(page);
    s.probing = true;
    await page.addInitScript({ content: TIMER_PROBE_SCRIPT });
    s.listen();
    return s;
  }

  private listen(): void {
    this.page.on('request', this.onRequest);
    this.page.on('requestfinished', this.onDone);
    this.page.on('requestfailed', this.onDone);
  }

  /**
   * Call before navigating to the next URL: what was seen belongs to the previous page (a
   * tag that page also loaded is news again on this one).
   */
  reset(): void {
    this.tracker = new QuietTracker(Date.now());
  }

  /** Waits until the page has settled (see QuietTracker.verdict); returns why it stopped. */
  async settle(opts: SettleOptions, mode: { everyRequest?: boolean } = {}): Promise<'quiet' | 'max'> {
    this.tracker.begin(Date.now(), mode);
    for (;;) {
      const now = Date.now();
      let v = this.tracker.verdict(now, opts);
      // Sleep until the verdict could change (a script still downloading is checked every poll).
      let wait = this.tracker.inFlight > 0 ? POLL_MS : Math.max(MIN_SLEEP_MS, Math.min(POLL_MS * 5, this.tracker.waitHint(now, opts)));
      // With the probe, the page's timers are asked for only when everything else says "done"
      // (each question is a round trip to every frame).
      if (this.probing && v.done && v.reason === 'quiet') {
        const timers = await pendingTimers(this.page);
        v = this.tracker.verdict(Date.now(), opts, timers);
        // Nothing can be done before the next timer fires (new requests restart the quiet time anyway).
        if (!v.done) wait = Math.max(POLL_MS, Math.min(...timers) + POLL_MS);
      }
      if (v.done) return v.reason;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  dispose(): void {
    this.page.off('request', this.onRequest);
    this.page.off('requestfinished', this.onDone);
    this.page.off('requestfailed', this.onDone);
  }
}

/**
 * Waits until the page has settled: at least `minMs`, at most `maxMs` (default 8 s), and
 * nothing new for `quietMs` (default 600 ms); `everyRequest` counts repeats as news too
 * (after a form submit). For a page already loaded (tests, after a click or a submit):
 * requests are tracked from now on.
 */
export async function settle(
  page: Page,
  minMs: number,
  opts: { quietMs?: number; maxMs?: number; everyRequest?: boolean } = {},
): Promise<void> {
  const s = PageSettler.watch(page);
  try {
    await s.settle(
      { minMs, quietMs: opts.quietMs ?? SETTLE_DEFAULTS.quietMs, maxMs: Math.max(minMs, opts.maxMs ?? SETTLE_DEFAULTS.maxMs) },
      { everyRequest: opts.everyRequest },
    );
  } finally {
    s.dispose();
  }
}
