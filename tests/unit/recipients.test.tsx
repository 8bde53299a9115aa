// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { catalogue, curatedVendors, ocdRecipient } from '../../policy/catalogue/index';
import { countryLabel, isAbroad, isPlatform, recipientOf } from '../../policy/catalogue/recipient';
import { PLATFORM_VENDOR_IDS } from '../../policy/catalogue/platform-ids';
import { isSitePlatform } from '../../policy/letter/compose';
import { addRequest, newPage } from '../../policy/page-state';
import { buildFullPage, buildReport } from '../../policy/report/build';
import { defaultClassifier } from '../../policy/classify';
import { proMedika } from '../../policy/site/pro-medika';
import { toCsv } from '../../policy/export/csv';
import { toHtml } from '../../policy/export/html';
import { toJson } from '../../policy/export/json';
import { I18nProvider, dictionaryTranslator } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { TrackersByOrganization } from '../../components/popup/TrackersByOrganization';
import { pageFromRequests } from './page-from-requests';

/** Issue 13, "who receives the data, and where": catalogue data, report fields, popup and exports. */
const T0 = Date.UTC(2026, 11, 7, 9);

const pageWith = (urls: string[]) => pageFromRequests('https://pro-medika.ru/', urls, T0);

describe('catalogue recipients', () => {
  it('every vendor names an organisation, an ISO alpha-2 country or null, and a source for them', () => {
    for (const v of catalogue) {
      expect(v.organization.trim().length, v.id).toBeGreaterThan(0);
      if (v.country !== null) expect(v.country, v.id).toMatch(/^[A-Z]{2}$/);
      expect(v.recipientSources.length, v.id).toBeGreaterThan(0);
    }
  });

  it('the big vendors carry their operating legal entity and country', () => {
    const by = (id: string) => recipientOf(curatedVendors.find((v) => v.id === id)!);
    for (const id of ['google-analytics', 'google-ads', 'google-tag-manager'])
      expect(by(id)).toMatchObject({ organization: 'Google LLC', country: 'US' });
    expect(by('meta-pixel')).toMatchObject({ organization: 'Meta Platforms, Inc.', country: 'US' });
    for (const id of ['yandex-metrica', 'yandex-direct']) expect(by(id)).toMatchObject({ organization: 'ООО «Яндекс»', country: 'RU' });
    for (const id of ['vk-ads', 'mytarget']) expect(by(id)).toMatchObject({ organization: 'ООО «ВК»', country: 'RU' });
  });

  it('curated vendors: a country is only given with a source, unknown stays null', () => {
    const known = curatedVendors.filter((v) => v.country !== null);
    expect(known.length).toBeGreaterThanOrEqual(12);
    // Only a Russian-language site on a .ru domain: not enough to say where the data goes.
    for (const id of ['roistat', 'envybox', 'callbackhunter', 'carrot-quest', 'calltouch', 'comagic', 'prodoctorov'])
      expect(curatedVendors.find((v) => v.id === id)!.country).toBeNull();
  });

  it("OCD vendors: known controllers get their entity and country, others OCD's controller and null", () => {
    const base = {
      id: 'x',
      name: 'n',
      wildcard: false,
      platform: 'Google reCAPTCHA',
      category: 'Security' as const,
      domain: '',
      retention: '',
      description: '',
    };
    expect(ocdRecipient({ ...base, controller: 'Google' })).toMatchObject({ organization: 'Google LLC', country: 'US' });
    expect(ocdRecipient({ ...base, controller: 'Hotjar' })).toMatchObject({ organization: 'Hotjar', country: null });
    const recaptcha = catalogue.find((v) => v.name === 'Google reCAPTCHA')!;
    expect(recaptcha).toMatchObject({ organization: 'Google LLC', country: 'US' });
  });

  it('isAbroad: a known non-Russian country only', () => {
    expect(isAbroad('US')).toBe(true);
    expect(isAbroad('RU')).toBe(false);
    expect(isAbroad(null)).toBe(false);
    expect(isAbroad(undefined)).toBe(false);
    expect(isAbroad('usa')).toBe(false);
  });

  it('countryLabel: region name and code, null for unknown', () => {
    expect(countryLabel('US', 'ru')).toMatch(/^Соединенные Штаты|^США/);
    expect(countryLabel('US', 'ru')).toContain('(US)');
    expect(countryLabel('RU', 'en')).toBe('Russia (RU)');
    expect(countryLabel(null, 'ru')).toBeNull();
    expect(countryLabel('zz1', 'ru')).toBeNull();
  });
});

describe('report, popup and exports carry organization and country', () => {
  afterEach(cleanup);
  const page = pageWith(['https://www.google-analytics.com/g/collect?v=2&tid=G-TEST', 'https://mc.yandex.ru/watch/1?page-url=x']);
  const ga = page.trackers.find((t) => t.vendor === 'google-analytics')!;
  const ym = page.trackers.find((t) => t.vendor === 'yandex-metrica')!;

  it('report trackers', () => {
    expect(ga).toMatchObject({ organization: 'Google LLC', country: 'US' });
    expect(ym).toMatchObject({ organization: 'ООО «Яндекс»', country: 'RU' });
    const json = JSON.parse(toJson(buildReport([page], '0.0.0', new Date(T0))));
    expect(json.pages[0].trackers.find((t: { vendor: string }) => t.vendor === 'google-analytics')).toMatchObject({
      organization: 'Google LLC',
      country: 'US',
    });
  });

  it('the popup groups services under the organisation with its country by name, and says when the country is not established', () => {
    render(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <TrackersByOrganization page={{ ...page, trackers: [ga, { ...ym, country: null }] }} />
      </I18nProvider>,
    );
    const google = document.querySelector('section.org[data-org="Google LLC"]')!;
    expect(google.querySelector('li.tracker[data-vendor="google-analytics"]')).not.toBeNull();
    expect(google.querySelector('.org__country')!.textContent).toBe(countryLabel('US', 'ru'));
    const yandex = document.querySelector('section.org[data-org="ООО «Яндекс»"]')!;
    expect(yandex.querySelector('li.tracker[data-vendor="yandex-metrica"]')).not.toBeNull();
    expect(yandex.querySelector('.org__country')!.textContent).toBe('страна не установлена');
  });

  it('CSV pages table and HTML tracker table', () => {
    const report = buildReport([page], '0.0.0', new Date(T0));
    const csv = toCsv(report).pages;
    expect(csv.split('\r\n')[0]).toContain('trackerRecipients');
    expect(csv).toContain('Google LLC (US)');
    expect(csv).toContain('ООО «Яндекс» (RU)');
    const html = toHtml(report);
    expect(html).toContain('<th>Организация');
    expect(html).toContain('Google LLC');
    expect(html).toContain(`${countryLabel('US', 'ru')} / United States (US)`);
  });
});

describe('recipientFor (views holding vendor ids only)', () => {
  it('looks the vendor up in the bundled catalogue', async () => {
    const { recipientFor } = await import('../../policy/catalogue/index');
    expect(recipientFor('meta-pixel')).toEqual({ vendor: 'meta-pixel', organization: 'Meta Platforms, Inc.', country: 'US' });
    expect(recipientFor('no-such-vendor')).toBeNull();
  });
});

describe("the site's own platform is first party: never a tracker, a third party or a recipient", () => {
  it("the letter's plain list of platform ids is exactly the catalogue's platform vendors", () => {
    expect([...PLATFORM_VENDOR_IDS].sort()).toEqual(
      catalogue
        .filter((v) => isPlatform(v))
        .map((v) => v.id)
        .sort(),
    );
    expect(isSitePlatform({ vendor: 'ocd-php-net' })).toBe(true);
    expect(isSitePlatform({ vendor: 'yandex-metrica' })).toBe(false);
  });
  const cookie = (name: string, value: string, domain = '.pro-medika.ru') => ({
    name,
    value,
    domain,
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'lax' as const,
    hostOnly: false,
    session: false,
    expirationDate: T0 / 1000 + 86400 * 365,
  });
  const jar = [
    cookie('PHPSESSID', '9f86d081884c7d659a2feaa0c55ad015'),
    cookie('JSESSIONID', 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6'),
    cookie('ASP.NET_SessionId', 'qwertyuiopasdfghjklzxcvb'),
    cookie('BITRIX_SM_GUEST_ID', '1234567'),
    cookie('BITRIX_SM_SALE_UID', '88'),
    cookie('VID', 'a1b2c3d4e5f612345678', '.mail.ru'),
  ];
  function built() {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    const u = 'https://top-fwz1.mail.ru/counter?id=1';
    addRequest(
      s,
      { url: u, method: 'GET', kind: 'image', time: T0 + 10, frameId: 0, via: 'webRequest' },
      true,
      defaultClassifier.matchUrl(u),
    );
    // The platform's cookies were set while the page was open, before any interaction.
    for (const c of jar) s.cookieEvents.push({ ...c, firstSeen: T0 + 5 });
    return buildFullPage({
      state: s,
      cookies: jar,
      classifier: defaultClassifier,
      siteDomains: proMedika.domains,
      policyPaths: proMedika.policyPaths,
    }).page;
  }

  it('platform cookies: vendor null and a platform label', () => {
    const page = built();
    const by = (n: string) => page.cookies.find((c) => c.name === n)!;
    expect(by('PHPSESSID')).toMatchObject({ vendor: null, platform: 'PHP', firstParty: true });
    expect(by('JSESSIONID')).toMatchObject({ vendor: null, platform: 'Java EE (J2EE)' });
    expect(by('ASP.NET_SessionId')).toMatchObject({ vendor: null, platform: 'ASP.NET' });
    expect(by('BITRIX_SM_GUEST_ID')).toMatchObject({ vendor: null, platform: '1С-Битрикс (CMS сайта)' });
    expect(by('BITRIX_SM_SALE_UID')).toMatchObject({ vendor: null, platform: '1С-Битрикс (CMS сайта)' });
    expect(by('VID')).toMatchObject({ vendor: 'vk-ads', firstParty: false });
  });

  it('no platform among trackers, third parties or vendor findings; the CMS cookie finding names the platform', () => {
    const page = built();
    const platformIds = ['1c-bitrix', 'ocd-php-net', 'ocd-j2ee', 'ocd-asp-net'];
    expect(page.trackers.map((t) => t.vendor)).toEqual(['vk-ads']);
    for (const tp of page.thirdParties) expect(platformIds).not.toContain(tp.vendor);
    for (const f of page.findings) expect(platformIds).not.toContain(f.vendor);
    expect(page.findings.filter((f) => f.kind === 'before-consent').map((f) => f.vendor)).toEqual(['vk-ads']);
    const secure = page.findings.find(
      (f) => f.kind === 'cookie-attributes' && f.evidence.cookie === 'BITRIX_SM_GUEST_ID' && f.evidence.attribute === 'secure',
    )!;
    expect(secure.vendor).toBeUndefined();
    expect(secure.evidence.platform).toBe('1С-Битрикс (CMS сайта)');
  });

  it('helpers for the letter: isPlatformVendorId, recipientFor', async () => {
    const { isPlatformVendorId, recipientFor } = await import('../../policy/catalogue/index');
    for (const id of ['1c-bitrix', 'ocd-php-net', 'ocd-j2ee', 'ocd-asp-net']) {
      expect(isPlatformVendorId(id), id).toBe(true);
      expect(recipientFor(id), id).toBeNull();
    }
    expect(isPlatformVendorId('bitrix24')).toBe(false);
    expect(isPlatformVendorId('yandex-metrica')).toBe(false);
    expect(recipientFor('bitrix24')).toMatchObject({ organization: 'ООО «1С-Битрикс»', country: 'RU' });
  });
});
