import { test, expect, visit, SITE } from './fixtures';
import { ReportSchema } from '../../policy/report/schema';
import { UNKNOWN_COUNTER_HOST, UNKNOWN_COUNTER_COOKIE, IDN_PIXEL_HOST } from '../replica/ids';

/** e2e for issue #2: the live inventory on the replica, Chromium with the audit build. */

test('home page: trackers by vendor, cookies via the cookies API, storage keys', async ({ env }) => {
  const page = await env.launched.context.newPage();
  env.replica.clearHits();
  await visit(page, '/');
  const v = await env.view(page);
  const ids = v.page.trackers.map((t) => t.vendor);
  expect(ids).toEqual(expect.arrayContaining(['yandex-metrica', 'vk-ads', 'calltouch']));
  // requests counts every request, matching what the replica's Metrica host received.
  const ym = v.page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
  const ymHits = env.replica.hits.filter((h) => h.host === 'mc.yandex.ru').length;
  expect(ym.requests).toBe(ymHits);
  expect(ym.hosts).toContain('mc.yandex.ru');
  expect(ym.cookies).toEqual(expect.arrayContaining(['_ym_uid', '_ym_d']));
  // HttpOnly first-party cookie, invisible to document.cookie, is listed.
  const php = v.page.cookies.find((c) => c.name === 'PHPSESSID');
  expect(php?.httpOnly).toBe(true);
  expect(php?.firstParty).toBe(true);
  // Third-party cookie set by a vendor endpoint with SameSite=None; Secure.
  const yuid = v.page.cookies.find((c) => c.name === 'yandexuid');
  expect(yuid).toBeTruthy();
  expect(yuid!.firstParty).toBe(false);
  expect(yuid!.sameSite).toBe('none');
  expect(yuid!.secure).toBe(true);
  // Storage keys attributed by pattern.
  const ymStorage = v.page.storage.filter((s) => s.vendor === 'yandex-metrica');
  expect(ymStorage.length).toBeGreaterThan(0);
  // _ym_uid is offered to the letter as the Metrica ClientID.
  expect(v.identifiers.ymUid).toMatch(/^\d{10,}$/);
  // The toolbar badge counts the trackers identified from the page's requests ...
  const tabId = await env.bridge.tabIdOf(page);
  await expect.poll(() => env.bridge.badgeText(tabId)).toBe(String(v.page.trackers.filter((t) => t.requests > 0).length));
  // ... and shows nothing once the same tab leaves the site.
  await page.goto('https://example.org/', { waitUntil: 'load' }).catch(() => {});
  await expect.poll(() => env.bridge.badgeText(tabId)).toBe('');
});

test('partitioned (CHIPS) cookies and an unknown counter flagged as likely tracking', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/contacts/');
  const v = await env.view(page);
  expect(v.page.cookies.some((c) => c.partitioned)).toBe(true);
  const unknown = v.page.thirdParties.find((t) => t.host === UNKNOWN_COUNTER_HOST);
  expect(unknown).toBeTruthy();
  expect(unknown!.vendor).toBeNull();
  expect(unknown!.likelyTracking).toBe(true);
  expect(v.page.cookies.find((c) => c.name === UNKNOWN_COUNTER_COOKIE)?.vendor).toBeNull();
  // Vendors only on this page.
  const ids = v.page.trackers.map((t) => t.vendor);
  expect(ids).toEqual(
    expect.arrayContaining(['bitrix24', 'carrot-quest', 'meta-pixel', 'google-ads', 'mytarget', 'mango-office', 'callibri']),
  );
});

test('tags that load late or after a click are added to the same page record', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await page.goto(`${SITE}/contacts/`, { waitUntil: 'load' });
  const early = await env.view(page);
  // VK openapi loads 2.5 s after the page; Envybox only after a click.
  await expect
    .poll(async () => (await env.view(page)).page.trackers.some((t) => t.hosts.includes('vk.com')), { timeout: 15_000 })
    .toBe(true);
  expect((await env.view(page)).page.trackers.some((t) => t.vendor === 'envybox')).toBe(false);
  await page.click('#callback-button');
  await expect.poll(async () => (await env.view(page)).page.trackers.some((t) => t.vendor === 'envybox'), { timeout: 15_000 }).toBe(true);
  const late = await env.view(page);
  expect(late.pageId).toBe(early.pageId);
  expect(late.page.requestCount).toBeGreaterThan(early.page.requestCount);
});

test('a new top-level navigation starts a new page record', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/contacts/');
  const first = await env.view(page);
  await visit(page, '/doctors/');
  const second = await env.view(page);
  expect(second.pageId).not.toBe(first.pageId);
  expect(second.page.url).toBe(`${SITE}/doctors/`);
  // Contacts-only vendors are not carried over (requests are per page load).
  expect(second.page.trackers.find((t) => t.vendor === 'meta-pixel')?.requests ?? 0).toBe(0);
  expect(second.page.trackers.map((t) => t.vendor)).toContain('jivo');
});

test('stopping the service worker mid-page loses nothing (CDP ServiceWorker.stopAllWorkers)', async ({ env }) => {
  const page = await env.launched.context.newPage();
  env.replica.clearHits();
  await page.goto(`${SITE}/slow/`, { waitUntil: 'load' });
  const cdp = await page.context().newCDPSession(page);
  await page.waitForTimeout(1500);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.waitForTimeout(800);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.waitForSelector('body[data-slow-done]', { timeout: 20_000 });
  await page.waitForTimeout(1500);
  const v = await env.view(page);
  const ym = v.page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
  const hits = env.replica.hits.filter((h) => h.host === 'mc.yandex.ru').length;
  expect(hits).toBeGreaterThanOrEqual(13); // tag + 12 ticks at least
  expect(ym.requests).toBe(hits);
});

test('hostile data stays inert text, lists are bounded, IDN and IP hosts are listed', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await page.goto(`${SITE}/hostile/`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __hostileDone?: boolean }).__hostileDone === true, null, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  const v = await env.view(page);
  expect(v.page.requestCount).toBeGreaterThanOrEqual(2000);
  expect(v.page.cookies.length).toBeGreaterThanOrEqual(150);
  expect(v.page.cookies.some((c) => (c.value ?? '').length >= 4000)).toBe(true);
  const hosts = v.page.thirdParties.map((t) => t.host);
  expect(hosts).toContain(IDN_PIXEL_HOST);
  expect(hosts).toContain('127.0.0.1');

  const popup = await env.openPopup(page);
  let dialogs = 0;
  popup.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await expect(popup.getByTestId('summary')).toBeVisible();
  await popup.getByRole('tab', { name: /Cookie/ }).click();
  // Bounded list with a "show more" control.
  await expect(popup.locator('button.more')).toBeVisible();
  // Reveal every visible value: markup must render as text, never as elements.
  for (const b of await popup.locator('td.value button').all()) await b.click();
  await expect(popup.locator('code.cookie-value', { hasText: '<img src=x onerror=alert(1)>' })).toHaveCount(1);
  // The tab panels (the first screen's own picture is an SVG, outside them).
  expect(await popup.locator('[role="tabpanel"] :is(img, script, svg)').count()).toBe(0);
  await popup.getByRole('tab', { name: /Хранилище|Storage/ }).click();
  expect(await popup.locator('[role="tabpanel"] :is(img, script, svg)').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('the popup on another site says it only watches pro-medika.ru', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await page.goto('https://example.org/', { waitUntil: 'load' }).catch(() => {});
  const tabId = await env.bridge.tabIdOf(page);
  expect((await env.bridge.getPage(tabId)).status).toBe('not-watched');
  const popup = await env.openPopup(page);
  await expect(popup.locator('.not-watched')).toBeVisible();
});

test('Export JSON saves the report.json record, valid against its schema', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/');
  const popup = await env.openPopup(page);
  await expect(popup.getByTestId('summary')).toBeVisible();
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: /Экспорт JSON|Export JSON/ }).click(),
  ]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const report = ReportSchema.parse(JSON.parse(readFileSync(path!, 'utf8')));
  expect(report.pages[0].url).toBe(`${SITE}/`);
  expect(report.pages[0].trackers.length).toBeGreaterThan(0);
});

test('third-party cookies blocked: first-party cookies still listed, no third-party ones', async ({ env }) => {
  const blocked = await env.relaunch({ blockThirdPartyCookies: true });
  const { ExtensionBridge } = await import('../../audit/extension-bridge');
  const bridge = new ExtensionBridge(blocked.context, blocked.extensionId!);
  const page = await blocked.context.newPage();
  await visit(page, '/');
  const v = await bridge.getPage(await bridge.tabIdOf(page));
  expect(v.status).toBe('watched');
  if (v.status !== 'watched') return;
  expect(v.page.cookies.some((c) => c.name === '_ym_uid' && c.firstParty)).toBe(true);
  expect(v.page.cookies.filter((c) => !c.firstParty && !c.partitioned)).toEqual([]);
  expect(v.page.trackers.map((t) => t.vendor)).toContain('yandex-metrica');
  await bridge.close();
});

test('popup: keyboard-only use and no serious or critical axe violations', async ({ env }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const page = await env.launched.context.newPage();
  await visit(page, '/contacts/');
  const popup = await env.openPopup(page);
  await expect(popup.getByTestId('summary')).toBeVisible();
  for (const tab of ['trackers', 'cookies', 'storage', 'thirdParties', 'policy']) {
    await popup.locator(`#tab-${tab}`).click();
    const result = await new AxeBuilder({ page: popup }).analyze();
    const bad = result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical');
    expect(bad.map((x) => `${tab}: ${x.id} ${x.help}`)).toEqual([]);
  }
  // Keyboard: focus the selected tab, move with arrow keys, reach a reveal button with Tab.
  await popup.locator('#tab-policy').click();
  await popup.locator('#tab-policy').press('Home');
  await expect(popup.locator('#tab-trackers')).toBeFocused();
  await popup.keyboard.press('ArrowRight');
  await expect(popup.locator('#tab-cookies')).toBeFocused();
  await expect(popup.locator('#tab-cookies')).toHaveAttribute('aria-selected', 'true');
  await popup.keyboard.press('Tab'); // into the panel
  await popup.keyboard.press('Tab'); // first reveal button
  await expect(popup.locator('td.value button').first()).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('code.cookie-value').first()).toBeVisible();
});

test("popup: a card's policy details open with Enter and close with Space; opened, no serious or critical axe violations", async ({
  env,
}) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const page = await env.launched.context.newPage();
  await visit(page, '/contacts/');
  const popup = await env.openPopup(page);
  await expect(popup.getByTestId('summary')).toBeVisible();
  // The details body is built on opening (components/popup/TrackersByOrganization.tsx).
  await popup.locator('#tab-trackers').focus();
  await popup.keyboard.press('Tab'); // into the panel
  await popup.keyboard.press('Tab'); // the first card's details button
  const first = popup.locator('li.tracker').first();
  const toggle = first.locator('button.details-toggle');
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(first.locator('.details')).toHaveCount(0);
  await popup.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(first.locator('.details h4').first()).toBeVisible();
  const opened = await new AxeBuilder({ page: popup }).analyze();
  expect(opened.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id} ${x.help}`)).toEqual([]);
  await popup.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(first.locator('.details')).toHaveCount(0);
});

test('the store package (Chrome Web Store zip, unzipped; no <all_urls>): an unknown third party is still listed via resource timing', async ({
  env,
}) => {
  const { unzippedChromePackage } = await import('./fixtures');
  const store = await env.relaunch({ extensionPath: unzippedChromePackage() });
  const { ExtensionBridge } = await import('../../audit/extension-bridge');
  const bridge = new ExtensionBridge(store.context, store.extensionId!);
  const page = await store.context.newPage();
  await visit(page, '/contacts/', 2500);
  const v = await bridge.getPage(await bridge.tabIdOf(page));
  expect(v.status).toBe('watched');
  if (v.status !== 'watched') return;
  expect(v.limitedAccess).toBe(true);
  expect(v.page.thirdParties.map((t) => t.host)).toContain(UNKNOWN_COUNTER_HOST);
  expect(v.page.trackers.map((t) => t.vendor)).toContain('yandex-metrica');
  await bridge.close();
});
