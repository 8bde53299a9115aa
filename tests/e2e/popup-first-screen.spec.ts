import { test, expect, visit } from './fixtures';

/**
 * e2e for issue #14 on the replica, with the browser in Russian (audit/launch.ts: --lang=ru and
 * LANGUAGE=ru): the popup's first screen, at the popup's 400 x 600, tells what happened on the
 * urology page against the policy, and the Trackers tab lists each service once.
 */
test('urology page: the first screen names the topic and its recipients; no service card appears twice', async ({ env }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const page = await env.launched.context.newPage();
  await visit(page, '/services/urologiya/');
  const v = await env.view(page);
  const popup = await env.openPopup(page);
  await popup.setViewportSize({ width: 400, height: 600 });
  await expect(popup.locator('html')).toHaveAttribute('lang', 'ru');

  const orgs = [...new Set(v.page.trackers.map((t) => t.organization ?? t.name))];
  await expect(popup.getByRole('heading', { level: 1 })).toHaveText(`${orgs.length} организации получили данные с этой страницы`);
  const topic = popup.locator('[data-testid="serious"] li[data-kind="health"]');
  await expect(topic).toContainText('Тема этой страницы (урология) передана:');
  for (const o of orgs) await expect(topic).toContainText(o);
  const yandex = v.page.trackers.find((t) => t.vendor === 'yandex-metrica')!.organization!;
  await expect(popup.locator('[data-testid="serious"] li[data-kind="replay"]')).toContainText(`Визит записывается (Вебвизор): ${yandex}`);
  await expect(popup.getByTestId('before-consent')).toContainText(
    `${orgs.length} из ${orgs.length} получили данные до того, как вы что-либо приняли`,
  );
  await expect(popup.getByRole('img', { name: /^Схема: данные этой страницы ушли/ })).toBeVisible();

  // The first screen, the main action included, fits the popup without scrolling.
  const action = popup.getByRole('button', { name: 'Потребовать прекратить обработку данных' });
  for (const el of [popup.getByTestId('verdict'), topic, action]) {
    const box = (await el.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(600);
  }
  // Keyboard: the main action is the first control; one Enter opens the letter.
  await popup.keyboard.press('Tab');
  await expect(action).toBeFocused();
  const [request] = await Promise.all([env.launched.context.waitForEvent('page'), popup.keyboard.press('Enter')]);
  await expect.poll(() => request.url()).toContain('/request.html?tabId=');
  await request.close();

  // Below: each service once, under its organisation.
  const vendors = await popup.locator('li.tracker').evaluateAll((els) => els.map((e) => e.getAttribute('data-vendor')));
  expect(vendors.length).toBe(v.page.trackers.length);
  expect(new Set(vendors).size).toBe(vendors.length);
  await expect(popup.locator(`section.org[data-org="${yandex}"] li.tracker`)).toHaveCount(2);

  const axe = await new AxeBuilder({ page: popup }).analyze();
  expect(axe.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id} ${x.help}`)).toEqual([]);
});
