import { test, expect, visit, SITE } from './fixtures';
import { UNKNOWN_COUNTER_HOST } from '../replica/ids';

/** e2e for issue #3: trackers mapped to the clinic's own policy words, on the replica. */

test('the Webvisor page: recording is a possible contradiction with the quote; the webvisor part stays undisclosed; named Direct stays named', async ({
  env,
}) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/services/urologiya/');
  const v = await env.view(page);
  const ym = v.page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
  expect(ym.features).toContain('webvisor');
  expect(ym.disclosure).toBe('contradicted');
  const rec = ym.contradictions?.find((c) => c.rule === 'session-recording');
  expect(rec?.quote).toBe('Данная информация поступает в обобщенном виде и не является персональной.');
  expect(rec?.evidence.url).toMatch(/^https:\/\/mc\.yandex\.ru\/webvisor\//);
  // Yandex Direct receives the medical page URL too: a finding, and it stays named.
  expect(v.page.trackers.find((t) => t.vendor === 'yandex-direct')?.disclosure).toBe('named');
  expect(v.page.findings.some((f) => f.kind === 'health-context-leak' && f.vendor === 'yandex-direct')).toBe(true);
  expect(ym.parts).toEqual([expect.objectContaining({ feature: 'webvisor', disclosure: 'undisclosed' })]);
  expect(v.page.cookies.find((c) => c.name === '_ym_visorc')?.disclosure).toBe('undisclosed');
  const popup = await env.openPopup(page);
  const card = popup.locator('li.tracker[data-vendor="yandex-metrica"]').first();
  await expect(card.locator('.part[data-feature="webvisor"]')).toContainText(/Не раскрыто в политике|Not disclosed in the policy/);
  // Worst first: the first organisation holds an undisclosed or contradicted tracker.
  await expect(popup.locator('section.org').first()).toContainText(
    /Не раскрыто в политике|Возможное противоречие|Not disclosed in the policy|Possible contradiction/,
  );
});

test('Yandex advertising shows «Яндекс Директ» as named, with the policy quote', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/doctors/');
  const v = await env.view(page);
  const direct = v.page.trackers.find((t) => t.vendor === 'yandex-direct')!;
  expect(direct.disclosure).toBe('named');
  expect(direct.quotes.some((q) => q.includes('Яндекс Директ'))).toBe(true);
  const popup = await env.openPopup(page);
  const card = popup.locator('li.tracker[data-vendor="yandex-direct"]').first();
  await expect(card).toContainText(/Названо в политике|Named in the policy/);
  // The policy's words are on the card; the rule and every quote open on demand.
  await expect(card.locator('.policy-words')).toContainText('Яндекс Директ');
  await card.locator('button.details-toggle').click();
  await expect(card.locator('button.details-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(card.locator('blockquote').first()).toContainText('Яндекс Директ');
});

test('a named vendor that receives an identifier is still named', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/doctors/');
  // A retargeting hit that carries the browser's Metrica ClientID, as ad tags that sync ids do.
  await page.evaluate(() => {
    const uid = /(?:^|; )_ym_uid=([^;]+)/.exec(document.cookie)?.[1] ?? '1695035051576708091';
    new Image().src = `https://yabs.yandex.ru/rtgpx/?counter=1&yandexuid=${uid}&uid=${uid}&rnd=${Math.random()}`;
  });
  await expect
    .poll(() => env.replica.hits.filter((h) => h.host === 'yabs.yandex.ru' && h.path === '/rtgpx/' && /uid=/.test(h.url)).length)
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await env.view(page)).page.trackers.find((t) => t.vendor === 'yandex-direct')?.requests ?? 0)
    .toBeGreaterThan(1);
  const direct = (await env.view(page)).page.trackers.find((t) => t.vendor === 'yandex-direct')!;
  expect(direct.disclosure).toBe('named');
  expect(direct.contradictions).toBeUndefined();
});

test('the unknown counter is undisclosed; the Policy tab lists purposes nothing observed uses', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/contacts/');
  const v = await env.view(page);
  expect(v.page.thirdParties.find((t) => t.host === UNKNOWN_COUNTER_HOST)?.disclosure).toBe('undisclosed');
  const popup = await env.openPopup(page);
  await popup.locator('#tab-policy').click();
  await expect(popup.locator('.tl-policy-view')).toBeVisible();
  await expect(popup.locator('.tl-unused-purposes li').first()).toBeVisible();
});

test('the policy page served verbatim is unchanged; with one sentence altered it is changed', async ({ env }) => {
  const page = await env.launched.context.newPage();
  env.replica.setPolicyVariant('verbatim');
  await visit(page, '/politika-konfidentsialnosti/');
  await expect.poll(async () => (await env.view(page)).page.policy?.changed).toBe(false);
  const home = await env.bridge.getReport(await env.bridge.tabIdOf(page));
  expect(home.pages[0].policy?.changed).toBe(false);

  env.replica.setPolicyVariant('altered');
  try {
    await visit(page, '/politika-konfidentsialnosti/');
    await expect.poll(async () => (await env.view(page)).page.policy?.changed).toBe(true);
    const v = await env.view(page);
    expect(v.page.policy?.summary).toMatch(/партн[её]ров/);
    const popup = await env.openPopup(page);
    await expect(popup.locator('.notice[role="status"]').first()).toContainText(/изменился|has changed/);
  } finally {
    env.replica.setPolicyVariant('verbatim');
  }
  // Other pages: not the policy page, so "changed" is null.
  await visit(page, '/');
  expect((await env.view(page)).page.policy?.changed).toBeNull();
  expect(`${SITE}/`).toBe(page.url());
});
