import { test, expect, SITE } from './fixtures';
import type { CDPSession } from '@playwright/test';
import { isFirstParty } from '../../policy/party';
import { activeSite } from '../../policy/site/pro-medika';

/**
 * Issue 15, "no count off by one", and what a worker stop can lose (docs/observation.md, "What a
 * worker stop can lose"): a stop between events loses nothing and a stop never makes a request
 * count twice; a stop in the middle of events loses the events the worker had in hand (Chromium
 * does not deliver a non-blocking webRequest event again).
 */

/** Per third-party host, the requests the replica logged for pages of the site. */
function replicaCounts(hits: { host: string; referer?: string }[]): Record<string, number> {
  const expected: Record<string, number> = {};
  for (const h of hits)
    if (!isFirstParty(h.host, activeSite.domains) && (h.referer ?? '').startsWith(`${SITE}/`))
      expected[h.host] = (expected[h.host] ?? 0) + 1;
  return expected;
}

/** The extension's worker status as CDP reports it, and how many times it stopped. */
async function watchWorker(cdp: CDPSession): Promise<{ status: () => string; stopped: () => number }> {
  let status = 'unknown';
  let stopped = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { runningStatus: string; scriptURL: string }[] }) => {
    for (const v of e.versions) {
      if (!v.scriptURL.startsWith('chrome-extension://')) continue;
      if (v.runningStatus === 'stopped' && status !== 'stopped') stopped += 1;
      status = v.runningStatus;
    }
  });
  await cdp.send('ServiceWorker.enable');
  return { status: () => status, stopped: () => stopped };
}

test('stops between events lose nothing: 20 stops, each after the worker handled a burst, every request counted exactly once', async ({
  env,
}) => {
  test.setTimeout(150_000);
  const { context } = env.launched;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const worker = await watchWorker(cdp);
  env.replica.clearHits();
  await page.goto(`${SITE}/services/`, { waitUntil: 'load' });
  /** Hosts whose count differs from the replica's log, as "counted/logged" (empty: all equal). */
  const mismatches = async () => {
    const v = await env.view(page);
    const counted: Record<string, number> = Object.fromEntries(v.page.thirdParties.map((t) => [t.host, t.requests]));
    const logged = replicaCounts(env.replica.hits);
    const out: Record<string, string> = {};
    for (const h of new Set([...Object.keys(counted), ...Object.keys(logged)]))
      if (counted[h] !== logged[h]) out[h] = `${counted[h] ?? 0}/${logged[h] ?? 0}`;
    return out;
  };
  for (let i = 0; i < 20; i++) {
    // Everything so far is in the record (the worker handled it), then the worker stops.
    await expect.poll(mismatches, { timeout: 20_000 }).toEqual({});
    const before = worker.stopped();
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => worker.stopped(), { timeout: 10_000 }).toBeGreaterThan(before);
    // A burst of pixels: its first request starts a new worker, which gets the rest too.
    await page.evaluate((n) => {
      for (let k = 0; k < 10; k++) new Image().src = `https://mc.yandex.ru/watch/24681357?burst=${n}-${k}&rnd=${Math.random()}`;
    }, i);
  }
  await expect.poll(mismatches, { timeout: 20_000 }).toEqual({});
  expect(worker.stopped()).toBeGreaterThanOrEqual(20);
  expect(replicaCounts(env.replica.hits)['mc.yandex.ru']).toBeGreaterThanOrEqual(200);
});

/**
 * 100 stops fired back to back while a heavy page loads (200+ pixels in two seconds, cookie
 * bursts, a beacon stream, a tag in an iframe, polling). Each stop is answered once the worker
 * stopped; the next event starts it again, and a stop can find it in the middle of events. What
 * is guaranteed there: no request is counted twice (no count above the replica's log). What a
 * stop in the middle of events lost is reported as an annotation, not asserted: it depends on
 * where the stops land.
 */
test('100 worker stops during a heavy page: no request counted twice; the loss is reported', async ({ env }) => {
  // About 20 s on an idle machine; a stop waits for the worker to start again.
  test.setTimeout(120_000);
  const { context } = env.launched;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const worker = await watchWorker(cdp);
  env.replica.clearHits();
  // Polls and beacons until the stops are done (bounded at 400 of each, 2 minutes).
  await page.goto(`${SITE}/heavy/services/?polls=400`, { waitUntil: 'commit' });
  for (let i = 0; i < 100; i++) await cdp.send('ServiceWorker.stopAllWorkers');
  await page.evaluate(() => void ((window as unknown as { __heavyStop?: boolean }).__heavyStop = true));
  await page.waitForSelector('body[data-heavy-done]', { timeout: 30_000 });
  await page.waitForTimeout(1500);

  const v = await env.view(page);
  // The stops did stop the worker mid-page many times (a stop that finds the worker already
  // stopped stops nothing).
  expect(worker.stopped()).toBeGreaterThanOrEqual(50);
  const expected = replicaCounts(env.replica.hits);
  const total = Object.values(expected).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(150);
  const counted: Record<string, number> = {};
  for (const t of v.page.thirdParties) counted[t.host] = t.requests;
  for (const [host, n] of Object.entries(counted)) expect(n, host).toBeLessThanOrEqual(expected[host] ?? 0);
  const ym = v.page.trackers.find((t) => t.vendor === 'yandex-metrica');
  expect(ym?.requests ?? 0).toBeLessThanOrEqual(expected['mc.yandex.ru'] ?? 0);
  const lost = Object.entries(expected).reduce((n, [h, e]) => n + e - (counted[h] ?? 0), 0);
  test.info().annotations.push({ type: 'lost in stops mid-event', description: `${lost} of ${total}` });
});
