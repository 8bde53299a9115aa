import { test, expect, visit, SITE, type Env } from './fixtures';
import type { Page } from '@playwright/test';
import type { Finding } from '../../policy/report/schema';
import { acceptConsent, fillForms, TEST_VALUES } from '../../audit/page-actions';
import { settle } from '../../audit/run';
import { md5, sha256, base64Utf8 } from '../../policy/findings/hash';

/**
 * e2e for issue #5: every finding kind on the replica, read out of the extension (the
 * report the popup and the audit command get), with its evidence. Page interactions use
 * the audit command's own helpers (audit/page-actions.ts).
 */

async function findings(env: Env, page: Page): Promise<Finding[]> {
  return (await env.view(page)).page.findings;
}
const ofKind = (fs: Finding[], kind: string) => fs.filter((f) => f.kind === kind);

test('home page: before-consent, undisclosed-tracker; accepting the notice keeps the record, and later tags are not before consent', async ({
  env,
}) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/');
  const before = await env.view(page);
  const bc = ofKind(before.page.findings, 'before-consent');
  const ym = bc.find((f) => f.vendor === 'yandex-metrica')!;
  expect(ym).toBeTruthy();
  expect(ym.clause).toBe('consent.by-use');
  expect(ym.evidence).toMatchObject({ before: 'none', firstRequestUrl: 'https://mc.yandex.ru/metrika/tag.js' });
  expect(ym.evidence.cookies).toContain('_ym_uid');
  expect(bc.find((f) => f.vendor === 'vk-ads')?.severity).toBe('high'); // advertising
  // Google Analytics waits for the notice on this page: not loaded, so not reported.
  expect(before.page.trackers.some((t) => t.vendor === 'google-analytics')).toBe(false);

  const undisclosed = ofKind(before.page.findings, 'undisclosed-tracker').find((f) => f.vendor === 'calltouch')!;
  expect(undisclosed.evidence).toMatchObject({ vendor: 'calltouch', hosts: ['mod.calltouch.ru'] });
  expect(undisclosed.evidence.cookies).toContain('_ct');
  expect(undisclosed.clause).toBeTruthy();

  expect(await acceptConsent(page)).toBe('#cookie-accept');
  await expect
    .poll(async () => (await env.view(page)).page.trackers.some((t) => t.vendor === 'google-analytics'), { timeout: 15_000 })
    .toBe(true);
  await settle(page, 800);
  const after = await env.view(page);
  expect(after.pageId).toBe(before.pageId);
  const bcAfter = ofKind(after.page.findings, 'before-consent');
  // Metrica still fired before the click; Google Analytics only after it.
  expect(bcAfter.find((f) => f.vendor === 'yandex-metrica')?.evidence.before).toMatch(/^(consent|interaction)$/);
  expect(bcAfter.some((f) => f.vendor === 'google-analytics')).toBe(false);
  // cookie-attributes: gtag sets _ga for two years (Chromium caps it at 400 days).
  const ca = ofKind(after.page.findings, 'cookie-attributes').find((f) => f.evidence.cookie === '_ga')!;
  expect(ca).toBeTruthy();
  expect(ca).toMatchObject({ severity: 'info', vendor: 'google-analytics', evidence: { attribute: 'lifetime', domain: '.pro-medika.ru' } });
  expect(ca.evidence.days as number).toBeGreaterThan(366);
  // cookie-attributes, "secure": the site's 1C-Bitrix guest id comes without Secure on HTTPS.
  const insecure = ofKind(after.page.findings, 'cookie-attributes').filter((f) => f.evidence.attribute === 'secure');
  expect(insecure).toEqual([
    {
      kind: 'cookie-attributes',
      severity: 'low',
      // The CMS is the site's own platform: named in the evidence, never a vendor (issue 13).
      evidence: {
        cookie: 'BITRIX_SM_GUEST_ID',
        domain: 'pro-medika.ru',
        platform: '1С-Битрикс (CMS сайта)',
        attribute: 'secure',
        secure: false,
      },
      title: expect.objectContaining({ en: 'Identifier cookie BITRIX_SM_GUEST_ID without Secure on HTTPS' }),
    },
  ]);
  const cookie = (name: string) => after.page.cookies.find((c) => c.name === name);
  expect(cookie('BITRIX_SM_GUEST_ID')).toMatchObject({ secure: false, firstParty: true, vendor: null, platform: '1С-Битрикс (CMS сайта)' });
  expect(cookie('PHPSESSID')).toMatchObject({ firstParty: true, vendor: null, platform: 'PHP' });
  expect(after.page.trackers.map((t) => t.vendor)).not.toContain('1c-bitrix');
  // Negative: Metrica's _ym_uid is an identifier too, set with Secure, so not flagged for it.
  expect(cookie('_ym_uid')).toMatchObject({ secure: true, vendor: 'yandex-metrica' });
  expect(insecure.some((f) => f.evidence.cookie === '_ym_uid' || f.evidence.cookie === '_ga')).toBe(false);
});

test('specialty page: health-context-leak names the parameter; possible-contradiction quotes the policy; Webvisor is session-replay', async ({
  env,
}) => {
  const page = await env.launched.context.newPage();
  // The replica's hit log is shared by the tests of this file: start from a clean one, so
  // the Referer checked below is the one this page sent (not a late hit of a previous page).
  env.replica.clearHits();
  await visit(page, '/services/urologiya/');
  const fs = await findings(env, page);
  const health = ofKind(fs, 'health-context-leak');
  const where = (host: string) => health.filter((f) => f.evidence.host === host).map((f) => f.evidence.param);
  expect(where('yabs.yandex.ru')).toEqual(expect.arrayContaining(['page-url', 'Referer']));
  expect(where('vk.com')).toContain('url');
  expect(where('top-fwz1.mail.ru')).toEqual(expect.arrayContaining(['u', 'Referer']));
  expect(where('mc.yandex.ru')).toEqual(expect.arrayContaining(['page-url']));
  const vk = health.find((f) => f.evidence.host === 'vk.com')!;
  expect(vk).toMatchObject({ vendor: 'vk-ads', severity: 'high' });
  expect(vk.evidence.terms).toContain('урология');
  expect(String(vk.evidence.url)).toContain(`url=${encodeURIComponent(`${SITE}/services/urologiya/`)}`);
  // The Referer carries the full URL because the page asks for unsafe-url: the extension
  // computes it from the page's referrer policy, and the replica saw that value on the wire.
  const hitRef = env.replica.hits.find((h) => h.host === 'vk.com' && h.path === '/rtrg');
  expect(hitRef?.referer).toBe(`${SITE}/services/urologiya/`);
  const byReferer = health.find((f) => f.evidence.param === 'Referer')!;
  expect(byReferer.evidence.referrerPolicy).toBe('unsafe-url');
  const wire = env.replica.hits.find((h) => h.host === byReferer.evidence.host);
  expect(wire?.referer).toBe(`${SITE}/services/urologiya/`);

  const contra = ofKind(fs, 'possible-contradiction').filter((f) => f.evidence.rule === 'health-context');
  expect(contra.map((f) => f.vendor)).toEqual(expect.arrayContaining(['yandex-metrica']));
  // Named vendors stay named: the VK pixel's and Yandex Direct's traffic is a finding, not a contradiction.
  expect(contra.map((f) => f.vendor)).not.toContain('yandex-direct');
  expect(contra.filter((f) => String(f.evidence.url).startsWith('https://vk.com/'))).toEqual([]);
  expect(contra[0].severity).toBe('high');
  expect(contra[0].clause).toBeTruthy();
  expect(String(contra[0].evidence.quote)).toMatch(/специальных категорий персональных данных/);

  const replay = ofKind(fs, 'session-replay').find((f) => f.vendor === 'yandex-metrica')!;
  expect(replay.evidence.features).toContain('webvisor');
  expect(replay.evidence.hosts).toContain('mc.yandex.ru');
  expect(replay.evidence.cookies).toContain('_ym_visorc');
  expect(String(replay.evidence.url)).toMatch(/^https:\/\/mc\.yandex\.ru\/webvisor\//);
  expect(replay.evidence.formContents).toBe(false);
});

test('appointment form: typed phone reaches trackers hashed (pii-leak sha256/md5/base64); Webvisor sends the input', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/appointment/');
  expect(ofKind(await findings(env, page), 'pii-leak')).toEqual([]); // nothing typed yet
  env.replica.clearHits();
  const filled = await fillForms(page, { settle: (p) => settle(p, 1200) });
  expect(filled).toEqual([{ action: `${SITE}/appointment/submit`, fields: ['name', 'phone', 'email'], submitted: true }]);
  expect(await page.getAttribute('body', 'data-submitted')).toBe('yes');
  expect(page.url()).toBe(`${SITE}/appointment/`); // the post itself never left the page
  await expect.poll(async () => ofKind(await findings(env, page), 'pii-leak').length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  const pii = ofKind(await findings(env, page), 'pii-leak');
  const leak = (host: string, encoding: string) =>
    pii.find((f) => f.evidence.host === host && f.evidence.encoding === encoding && f.evidence.field === 'phone');
  const ym = leak('mc.yandex.ru', 'sha256')!;
  expect(ym).toMatchObject({ severity: 'high', vendor: 'yandex-metrica', evidence: { param: 'fpp', where: 'url' } });
  const tmr = leak('top-fwz1.mail.ru', 'md5')!;
  expect(tmr).toMatchObject({ vendor: 'vk-ads', evidence: { param: 'ph_md5' } });
  const cm = leak('app.comagic.ru', 'base64')!;
  expect(cm).toMatchObject({ vendor: 'comagic', evidence: { where: 'body' } });
  // The evidence matches what the trackers really received.
  const digits = TEST_VALUES.phone.replace(/\D/g, '');
  const fpp = env.replica.hits
    .filter((h) => h.host === 'mc.yandex.ru')
    .map((h) => new URLSearchParams(h.query).get('fpp'))
    .find(Boolean);
  expect([sha256(digits), sha256(`+${digits}`), sha256(TEST_VALUES.phone)]).toContain(fpp);
  const ph = env.replica.hits
    .filter((h) => h.host === 'top-fwz1.mail.ru')
    .map((h) => new URLSearchParams(h.query).get('ph_md5'))
    .find(Boolean);
  expect([md5(digits), md5(`+${digits}`), md5(TEST_VALUES.phone)]).toContain(ph);
  const cmBody = env.replica.hits
    .filter((h) => h.host === 'app.comagic.ru')
    .map((h) => h.body ?? '')
    .join('\n');
  expect(
    [base64Utf8(digits), base64Utf8(`+${digits}`), base64Utf8(TEST_VALUES.phone)].some(
      (b) => cmBody.includes(b) || cmBody.includes(encodeURIComponent(b)),
    ),
  ).toBe(true);

  const replay = ofKind(await findings(env, page), 'session-replay').find((f) => f.vendor === 'yandex-metrica')!;
  expect(replay).toMatchObject({ severity: 'high', evidence: { formContents: true } });
  expect(replay.evidence.fields).toEqual(expect.arrayContaining(['phone']));
});

test('forms: insecure-form (plain HTTP action); form-without-policy (no policy link, no consent text)', async ({ env }) => {
  const page = await env.launched.context.newPage();
  await visit(page, '/insecure-form/', 600);
  await expect.poll(async () => ofKind(await findings(env, page), 'insecure-form').length).toBe(1);
  const insecure = ofKind(await findings(env, page), 'insecure-form')[0];
  expect(insecure).toMatchObject({
    severity: 'high',
    clause: 'security.measures',
    evidence: { action: 'http://pro-medika.ru/submit', method: 'POST' },
  });
  expect(insecure.evidence.fields).toEqual(expect.arrayContaining(['name', 'phone']));
  expect(ofKind(await findings(env, page), 'form-without-policy')).toEqual([]); // it has a policy link and consent text

  await visit(page, '/form-no-policy/', 600);
  // Replica gap (reported): every page's navigation links to /form-no-policy/, whose href
  // matches the content script's policy-link pattern (/policy/), so the page counts as
  // linking the policy. Remove that self link, as the live site has none, and let the
  // content script rescan the forms.
  await page.evaluate(() => document.querySelectorAll('a[href="/form-no-policy/"]').forEach((a) => a.remove()));
  await expect.poll(async () => ofKind(await findings(env, page), 'form-without-policy').length, { timeout: 15_000 }).toBe(1);
  const fwp = ofKind(await findings(env, page), 'form-without-policy')[0];
  expect(fwp).toMatchObject({
    severity: 'medium',
    clause: 'consent.by-use',
    evidence: { action: `${SITE}/form-no-policy/submit`, method: 'POST', fields: ['name', 'phone'] },
  });
  expect(ofKind(await findings(env, page), 'insecure-form')).toEqual([]);
});
