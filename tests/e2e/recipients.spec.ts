import { test, expect, visit } from './fixtures';
import { acceptConsent } from '../../audit/page-actions';

/** e2e for issue 13 (part A): who receives the data and where; the policy page found by its content. */

test('a Google tag: Google LLC in the US, a cross-border-transfer finding, the country in the popup card', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/');
  expect(await acceptConsent(page)).toBe('#cookie-accept');
  await expect
    .poll(async () => (await env.view(page)).page.trackers.some((t) => t.vendor === 'google-analytics'), { timeout: 15_000 })
    .toBe(true);
  const v = await env.view(page);
  expect(v.page.trackers.find((t) => t.vendor === 'google-analytics')).toMatchObject({ organization: 'Google LLC', country: 'US' });
  expect(v.page.trackers.find((t) => t.vendor === 'yandex-metrica')).toMatchObject({ organization: 'ООО «Яндекс»', country: 'RU' });
  const cb = v.page.findings.filter((f) => f.kind === 'cross-border-transfer');
  expect(cb.find((f) => f.vendor === 'google-analytics')?.evidence).toMatchObject({
    organization: 'Google LLC',
    country: 'US',
    policyMentionsCrossBorder: false,
  });
  // Russian organisations give none; the site's own CMS is never a tracker.
  expect(cb.some((f) => f.vendor === 'yandex-metrica' || f.vendor === 'vk-ads')).toBe(false);
  expect(v.page.trackers.some((t) => t.vendor === '1c-bitrix')).toBe(false);
  const popup = await env.openPopup(page);
  // The Trackers tab groups services by organisation: Google LLC, in the US, holds the GA card.
  const org = popup.locator('section.org', { has: popup.locator('li.tracker[data-vendor="google-analytics"]') });
  await expect(org).toHaveAttribute('data-org', 'Google LLC');
  await expect(org.locator('.org__country')).toContainText('(US)');
});

test('the policy served at a path the profile does not know is recognised; one altered sentence shows as changed', async ({ env }) => {
  const page = await env.launched.context.newPage();
  env.replica.setPolicyVariant('verbatim');
  await visit(page, '/politika-konfidencialnosti/');
  await expect.poll(async () => (await env.view(page)).page.policy?.changed).toBe(false);
  env.replica.setPolicyVariant('altered');
  try {
    await visit(page, '/politika-konfidencialnosti/');
    await expect.poll(async () => (await env.view(page)).page.policy?.changed).toBe(true);
    expect((await env.view(page)).page.policy?.summary).toMatch(/партн[её]ров/);
  } finally {
    env.replica.setPolicyVariant('verbatim');
  }
  // The Policy tab lists the policy-level observations.
  const popup = await env.openPopup(page);
  await popup.locator('#tab-policy').click();
  await expect(popup.locator('.tl-policy-observation[data-id="consent-by-use"]')).toContainText(
    'Используя Сайт, вы выражаете свое согласие',
  );
});
