import { describe, expect, it } from 'vitest';
import {
  installTimerProbe,
  noveltyKey,
  QuietTracker,
  SETTLE_DEFAULTS,
  settleOptionsFor,
  type SettleOptions,
  type TimerWindow,
} from '../../audit/settle';

const M = 'https://mc.yandex.ru';
const PAGE = 'https://pro-medika.ru/services/urologiya/';
const OPTS: SettleOptions = { minMs: 800, quietMs: 600, maxMs: 8000 };

describe('noveltyKey', () => {
  it('keeps scheme, host, path and page-URL parameters; drops ids, counters and cache busters', () => {
    const a = noveltyKey(`${M}/webvisor/24681357?wv-type=events&wv-part=123&page-url=${encodeURIComponent(PAGE)}&rn=111`);
    const b = noveltyKey(`${M}/webvisor/24681357?wv-type=events&wv-part=987&page-url=${encodeURIComponent(PAGE)}&rn=222`);
    expect(a).toBe(b);
    expect(a).toBe(`${M}/webvisor/24681357?page-url=${PAGE}`);
    expect(noveltyKey('https://cdn-ru.bitrix24.ru/b123/crm/site_button/loader_1_abc.js?29411120')).toBe(
      'https://cdn-ru.bitrix24.ru/b123/crm/site_button/loader_1_abc.js',
    );
  });

  it('a virtual page view (a new page URL on the same endpoint) is a new request', () => {
    const tick = (n: number) =>
      noveltyKey(`${M}/watch/24681357?page-url=${encodeURIComponent(`https://pro-medika.ru/slow/?tick=${n}`)}&rn=${n}`);
    expect(tick(1)).not.toBe(tick(2));
    // Protocol-relative URL values count as page URLs too.
    expect(noveltyKey('https://vk.com/rtrg?p=1&url=//pro-medika.ru/a/')).not.toBe(
      noveltyKey('https://vk.com/rtrg?p=1&url=//pro-medika.ru/b/'),
    );
  });

  it('different paths, hosts or schemes are different requests; non-network URLs have no key', () => {
    expect(noveltyKey('https://vk.com/js/api/openapi.js?169')).not.toBe(noveltyKey('https://vk.com/rtrg?p=1'));
    expect(noveltyKey('https://a.example/x')).not.toBe(noveltyKey('https://b.example/x'));
    expect(noveltyKey('wss://node-ya-1.jivosite.com/cometws/x')).toBe('wss://node-ya-1.jivosite.com/cometws/x');
    expect(noveltyKey('data:image/gif;base64,R0lGOD')).toBeNull();
    expect(noveltyKey('blob:https://pro-medika.ru/1234')).toBeNull();
    expect(noveltyKey('not a url')).toBeNull();
  });
});

describe('QuietTracker', () => {
  /** A tracker that saw the page load (t = 0 .. 300) and starts settling at `at`. */
  const loaded = (at = 300) => {
    const t = new QuietTracker(0);
    t.request(PAGE, 'document', 0, 'doc');
    t.requestDone('doc', 100);
    t.request(`${M}/metrika/tag.js`, 'script', 120, 'tag');
    t.requestDone('tag', 200);
    t.request(`${M}/watch/1?page-url=${encodeURIComponent(PAGE)}&rn=1`, 'fetch', 250, 'hit');
    t.begin(at);
    return t;
  };

  it('a quiet page is read after the minimum', () => {
    const t = loaded();
    expect(t.verdict(300 + 799, OPTS)).toEqual({ done: false });
    expect(t.verdict(300 + 800, OPTS)).toEqual({ done: true, reason: 'quiet' });
  });

  it('periodic beacons to an endpoint the page already used do not hold it (Webvisor every second)', () => {
    const t = loaded();
    for (let s = 1; s <= 7; s++) t.request(`${M}/watch/1?page-url=${encodeURIComponent(PAGE)}&rn=${s}`, 'fetch', 300 + s * 100, `b${s}`);
    expect(t.verdict(300 + 800, OPTS)).toEqual({ done: true, reason: 'quiet' });
  });

  it('a new endpoint restarts the quiet time; so does a new page URL (virtual page view)', () => {
    const t = loaded();
    t.request('https://vk.com/rtrg?p=1', 'image', 300 + 700, 'vk');
    expect(t.verdict(300 + 1000, OPTS)).toEqual({ done: false });
    expect(t.verdict(300 + 1300, OPTS)).toEqual({ done: true, reason: 'quiet' });
    t.begin(2000);
    t.request(`${M}/watch/1?page-url=${encodeURIComponent(`${PAGE}?tick=2`)}`, 'fetch', 2700, 'tick');
    expect(t.verdict(2900, OPTS)).toEqual({ done: false });
    expect(t.verdict(3300, OPTS)).toEqual({ done: true, reason: 'quiet' });
  });

  it('news that comes regularly stretches the quiet time to twice its gap, up to 2 s (a late tick on a busy machine)', () => {
    const t = loaded();
    const view = (n: number, at: number) =>
      t.request(`${M}/watch/1?page-url=${encodeURIComponent(`https://pro-medika.ru/slow/?tick=${n}`)}`, 'fetch', at);
    view(1, 500);
    view(2, 1000);
    view(3, 1500);
    // Tick 4 is 250 ms late: 750 ms of silence must not end the page.
    expect(t.quietNeeded(OPTS)).toBe(1000);
    expect(t.verdict(2250, OPTS)).toEqual({ done: false });
    view(4, 2250);
    expect(t.verdict(3200, OPTS)).toEqual({ done: false });
    expect(t.verdict(3750, OPTS)).toEqual({ done: true, reason: 'quiet' });
    // Rare news (3 s apart) stretches it no further than 2 s.
    t.begin(4000);
    view(5, 4100);
    view(6, 7100);
    expect(t.quietNeeded(OPTS)).toBe(2000);
    expect(t.verdict(9099, OPTS)).toEqual({ done: false });
    expect(t.verdict(9100, OPTS)).toEqual({ done: true, reason: 'quiet' });
    // A new window forgets the rhythm.
    t.begin(10_000);
    expect(t.quietNeeded(OPTS)).toBe(OPTS.quietMs);
  });

  it('waits for a new script still downloading, and for quiet after it arrived (it may load more)', () => {
    const t = loaded();
    t.request('https://vk.com/js/api/openapi.js?169', 'script', 400, 'openapi');
    expect(t.inFlight).toBe(1);
    expect(t.verdict(300 + 3000, OPTS)).toEqual({ done: false });
    t.requestDone('openapi', 3400);
    expect(t.verdict(3900, OPTS)).toEqual({ done: false });
    expect(t.verdict(4000, OPTS)).toEqual({ done: true, reason: 'quiet' });
    // A repeated (cached) script is not news and is not waited for.
    t.begin(5000);
    t.request('https://vk.com/js/api/openapi.js?170', 'script', 5000, 'again');
    expect(t.inFlight).toBe(0);
  });

  it('waits for a timer due before the maximum (a tag that loads 2.5 s after load), not for one due later', () => {
    const t = loaded();
    expect(t.verdict(300 + 800, OPTS, [1700])).toEqual({ done: false });
    expect(t.verdict(300 + 800, OPTS, [7300])).toEqual({ done: true, reason: 'quiet' });
    expect(t.verdict(300 + 800, OPTS, [7100])).toEqual({ done: false });
  });

  it('waitHint: how long the verdict cannot turn "done" without news (the settle loop sleeps that long)', () => {
    const t = loaded();
    expect(t.waitHint(300, OPTS)).toBe(800);
    expect(t.waitHint(900, OPTS)).toBe(200);
    t.request('https://vk.com/rtrg?p=1', 'image', 1000);
    expect(t.waitHint(1000, OPTS)).toBe(600);
    expect(t.waitHint(1600, OPTS)).toBe(0);
    expect(t.verdict(1600, OPTS)).toEqual({ done: true, reason: 'quiet' });
    // Never past the maximum.
    t.request('https://vk.com/rtrg?p=2&u=https://pro-medika.ru/x/', 'image', 8250);
    expect(t.waitHint(8250, OPTS)).toBe(50);
  });

  it('stops at the maximum whatever happens', () => {
    const t = loaded();
    for (let ms = 300; ms < 9000; ms += 200) t.request(`${M}/watch/1?page-url=${encodeURIComponent(`${PAGE}?n=${ms}`)}`, 'fetch', ms);
    expect(t.verdict(300 + 7999, OPTS, [10])).toEqual({ done: false });
    expect(t.verdict(300 + 8000, OPTS, [10])).toEqual({ done: true, reason: 'max' });
  });

  it('everyRequest (after a form submit): repeats to known endpoints count again', () => {
    const t = loaded();
    t.begin(1000, { everyRequest: true });
    t.request(`${M}/watch/1?page-url=${encodeURIComponent(PAGE)}&fpp=abc`, 'fetch', 1700);
    expect(t.verdict(1800, OPTS)).toEqual({ done: false });
    expect(t.verdict(2300, OPTS)).toEqual({ done: true, reason: 'quiet' });
    // The next window is back to new requests only.
    t.begin(3000);
    t.request(`${M}/watch/1?page-url=${encodeURIComponent(PAGE)}&fpp=def`, 'fetch', 3500);
    expect(t.verdict(3800, OPTS)).toEqual({ done: true, reason: 'quiet' });
  });

  it('--wait adds to the minimum and the maximum', () => {
    expect(settleOptionsFor(0)).toEqual(SETTLE_DEFAULTS);
    expect(settleOptionsFor(1500)).toEqual({
      minMs: SETTLE_DEFAULTS.minMs + 1500,
      quietMs: SETTLE_DEFAULTS.quietMs,
      maxMs: SETTLE_DEFAULTS.maxMs + 1500,
    });
    expect(settleOptionsFor(0, { minMs: 5000, quietMs: 100, maxMs: 1000 }).maxMs).toBe(5000);
  });
});

describe('timer probe', () => {
  /** A window whose timers run when the test advances its clock. */
  function fakeWindow() {
    let now = 0;
    let nextId = 1;
    const timers = new Map<number, { due: number; fn: () => void }>();
    const w: TimerWindow & { advance(ms: number): void; clearInterval(id: unknown): void } = {
      performance: { now: () => now },
      setTimeout: (handler: unknown, timeout?: number, ...args: unknown[]) => {
        const id = nextId++;
        if (typeof handler === 'function') timers.set(id, { due: now + (timeout ?? 0), fn: () => handler(...args) });
        return id;
      },
      clearTimeout: (id?: unknown) => void timers.delete(id as number),
      // Browsers let clearInterval cancel a timeout too; the probe does not wrap it.
      clearInterval: (id: unknown) => void timers.delete(id as number),
      advance(ms: number) {
        const end = now + ms;
        for (;;) {
          const due = [...timers.entries()].filter(([, t]) => t.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
          if (!due) break;
          timers.delete(due[0]);
          now = due[1].due;
          due[1].fn();
        }
        now = end;
      },
    };
    installTimerProbe(w);
    return w;
  }

  it('lists pending one-shot timers with the time they still have to go; fired and cleared ones go away', () => {
    const w = fakeWindow();
    const seen: string[] = [];
    w.setTimeout(() => seen.push('late tag'), 2500);
    const id = w.setTimeout(() => seen.push('cleared'), 1000);
    w.setTimeout((a: string) => seen.push(a), 100, 'with argument');
    expect(w.__trackerLensTimers!().sort((a, b) => a - b)).toEqual([100, 1000, 2500]);
    w.clearTimeout(id);
    w.advance(500);
    expect(seen).toEqual(['with argument']);
    expect(w.__trackerLensTimers!()).toEqual([2000]);
    w.advance(2000);
    expect(seen).toEqual(['with argument', 'late tag']);
    expect(w.__trackerLensTimers!()).toEqual([]);
  });

  it('a timer re-armed from its own callback with the same delay is polling and is not listed', () => {
    const w = fakeWindow();
    let polls = 0;
    const poll = () => {
      polls++;
      w.setTimeout(poll, 200);
    };
    w.setTimeout(poll, 200);
    expect(w.__trackerLensTimers!()).toEqual([200]);
    w.advance(1000);
    expect(polls).toBe(5);
    expect(w.__trackerLensTimers!()).toEqual([]);
    // A different delay from inside a callback is a new plan (load a widget later): listed.
    w.setTimeout(() => w.setTimeout(() => {}, 3000), 0);
    w.advance(1);
    expect(w.__trackerLensTimers!()).toEqual([2999]);
  });

  it('returns what the real setTimeout returns; string handlers pass through; installing twice is harmless', () => {
    const w = fakeWindow();
    const before = w.setTimeout;
    installTimerProbe(w);
    expect(w.setTimeout).toBe(before);
    expect(typeof w.setTimeout(() => {}, 10)).toBe('number');
    w.setTimeout('void 0', 10);
    expect(w.__trackerLensTimers!()).toEqual([10]);
  });

  it('forgets a timer that is long past due and never ran (cancelled with clearInterval)', () => {
    const w = fakeWindow();
    w.clearInterval(w.setTimeout(() => {}, 100));
    w.advance(600);
    expect(w.__trackerLensTimers!()).toEqual([0]);
    w.advance(600);
    expect(w.__trackerLensTimers!()).toEqual([]);
  });
});
