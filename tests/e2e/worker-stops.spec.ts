import { test, expect, SITE } from './fixtures';
import { isFirstParty } from '../../policy/party';
import { activeSite } from '../../policy/site/pro-medika';

/**
 * Issue 15, "no count off by one": the service worker is stopped 100 times (CDP
 * ServiceWorker.stopAllWorkers) while a heavy replica page loads (200+ pixels in two seconds,
 * cookies written in bursts, a beacon stream, a tag in an iframe, polling). Afterwards every
 * third-party host's and every vendor's request count in the extension equals the replica's
 * log exactly: nothing lost, nothing counted twice.
 */
test('100 worker stops during a heavy page: every request counted exactly once', async ({ env }) => {
  // About 20 s on an idle machine; a stop waits for the worker to start again, which took up to
  // 0.7 s per stop on a 2-core machine shared by six test runs (2026-12-07).
  test.setTimeout(120_000);
  const { context } = env.launched;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Worker status changes as CDP reports them: each stop ends in "stopped".
  let stopped = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { runningStatus: string; scriptURL: string }[] }) => {
    for (const v of e.versions) if (v.runningStatus === 'stopped' && v.scriptURL.startsWith('chrome-extension://')) stopped += 1;
  });
  await cdp.send('ServiceWorker.enable');
  env.replica.clearHits();
  // Polls and beacons until the stops are done (bounded at 400 of each, 2 minutes).
  await page.goto(`${SITE}/heavy/services/?polls=400`, { waitUntil: 'commit' });
  // Each stop is answered once the worker stopped; the next request starts it again. Fired
  // without waiting, most stops would find the worker still starting and do nothing.
  for (let i = 0; i < 100; i++) await cdp.send('ServiceWorker.stopAllWorkers');
  await page.evaluate(() => void ((window as unknown as { __heavyStop?: boolean }).__heavyStop = true));
  await page.waitForSelector('body[data-heavy-done]', { timeout: 30_000 });
  await page.waitForTimeout(1500);

  const v = await env.view(page);
  // The stops did stop the worker mid-page, about a hundred times: a stop that comes while the
  // worker is already stopped (not yet started again) stops nothing (99 of 100 seen in CI).
  expect(stopped).toBeGreaterThanOrEqual(90);
  const thirdParty = env.replica.hits.filter((h) => !isFirstParty(h.host, activeSite.domains) && (h.referer ?? '').startsWith(`${SITE}/`));
  const expected: Record<string, number> = {};
  for (const h of thirdParty) expected[h.host] = (expected[h.host] ?? 0) + 1;
  const counted: Record<string, number> = {};
  for (const t of v.page.thirdParties) counted[t.host] = t.requests;
  expect(thirdParty.length).toBeGreaterThan(150);
  expect(counted).toEqual(expected);

  // Per vendor: the replica names the vendor of each host it emulates.
  const byVendor: Record<string, number> = {};
  for (const h of thirdParty) if (h.host === 'mc.yandex.ru') byVendor['yandex-metrica'] = (byVendor['yandex-metrica'] ?? 0) + 1;
  const ym = v.page.trackers.find((t) => t.vendor === 'yandex-metrica');
  expect(ym?.requests).toBe(byVendor['yandex-metrica']);
});
