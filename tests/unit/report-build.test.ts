import { describe, expect, it } from 'vitest';
import { addCookieEvent, addRequest, mergeSignals, newPage, setStorageSnapshot, type PageState } from '../../policy/page-state';
import { buildFullPage, policyViewData, isPolicyPage } from '../../policy/report/build';
import { attributeCookie } from '../../policy/inventory';
import { defaultClassifier } from '../../policy/classify';
import { ReportPageSchema } from '../../policy/report/schema';
import { PageResponseSchema } from '../../policy/messages';
import { POLICY_TEXT } from '../../policy/policy-model/text';
import { proMedika } from '../../policy/site/pro-medika';
import { SiteProfileSchema } from '../../policy/site/profile';
import type { ObservedCookie } from '../../policy/observation';
import { siteCookie } from './findings-helpers';

/** The whole pipeline on plain data: inventory (#2) -> policy mapping (#3) -> findings (#5). */
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const site = proMedika;

function cookie(name: string, value: string, domain = '.pro-medika.ru', extra: Partial<ObservedCookie> = {}): ObservedCookie {
  return siteCookie(name, value, { domain, expirationDate: T0 / 1000 + 86400 * 365, ...extra });
}

function hit(s: PageState, url: string, kind: 'image' | 'script' | 'xhr' | 'beacon' = 'image', body?: string) {
  addRequest(
    s,
    { url, method: body ? 'POST' : 'GET', kind, time: T0 + 100, frameId: 0, via: 'webRequest', ...(body ? { body } : {}) },
    true,
    defaultClassifier.matchUrl(url),
  );
}

function build(s: PageState, cookies: ObservedCookie[]) {
  return buildFullPage({ state: s, cookies, classifier: defaultClassifier, siteDomains: site.domains, policyPaths: site.policyPaths });
}

describe('report pipeline', () => {
  it('site profile is valid data', () => {
    expect(SiteProfileSchema.parse(proMedika)).toEqual(proMedika);
  });

  it('Metrica without Webvisor traffic is generic; a recording upload is a possible contradiction, and the feature part stays undisclosed', () => {
    const plain = newPage(1, 'https://pro-medika.ru/', T0);
    hit(plain, 'https://mc.yandex.ru/metrika/tag.js', 'script');
    hit(plain, 'https://mc.yandex.ru/watch/24681357?page-url=https%3A%2F%2Fpro-medika.ru%2F');
    const a = build(plain, []).page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
    expect(a.disclosure).toBe('generic');
    expect(a.quotes.length).toBeGreaterThan(0);
    for (const q of a.quotes) expect(POLICY_TEXT.replace(/\s+/g, ' ')).toContain(q.replace(/\s+/g, ' '));

    const wv = newPage(1, 'https://pro-medika.ru/', T0);
    hit(wv, 'https://mc.yandex.ru/metrika/tag.js', 'script');
    hit(wv, 'https://mc.yandex.ru/webvisor/24681357', 'xhr', 'mousemove');
    const b = build(wv, []).page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
    expect(b.features).toContain('webvisor');
    expect(b.disclosure).toBe('contradicted');
    expect(b.contradictions?.map((c) => c.rule)).toEqual(['session-recording']);
    expect(b.parts).toEqual([expect.objectContaining({ feature: 'webvisor', disclosure: 'undisclosed' })]);
    expect(a.parts).toEqual([]);
  });

  it('Yandex Direct is named with the policy quote; an unknown counter is undisclosed', () => {
    const s = newPage(1, 'https://pro-medika.ru/contacts/', T0);
    hit(s, 'https://an.yandex.ru/system/context.js', 'script');
    hit(s, 'https://counter.medstat-unknown.net/p.gif?id=1');
    const { page } = build(s, [cookie('msid', '9f86d081884c7d659a2feaa0c55ad015', '.medstat-unknown.net', { sameSite: 'no_restriction' })]);
    const direct = page.trackers.find((t) => t.vendor === 'yandex-direct')!;
    expect(direct.disclosure).toBe('named');
    expect(direct.quotes.join(' ')).toContain('Яндекс Директ');
    const unknown = page.thirdParties.find((t) => t.host === 'counter.medstat-unknown.net')!;
    expect(unknown.vendor).toBeNull();
    expect(unknown.disclosure).toBe('undisclosed');
    expect(unknown.likelyTracking).toBe(true);
    expect(unknown.reasons).toEqual(expect.arrayContaining(['pixel', 'identifier-cookie']));
    expect(ReportPageSchema.parse(page)).toBeTruthy();
  });

  it('a medical page URL sent to a named vendor is a finding and the vendor stays named; to a generic one, a possible contradiction', () => {
    const url = 'https://pro-medika.ru/services/urologiya/';
    const s = newPage(1, url, T0);
    mergeSignals(s, { title: 'Урология — консультация уролога' });
    hit(s, `https://vk.com/rtrg?p=VK-RTRG-1&url=${encodeURIComponent(url)}`);
    const { page } = build(s, []);
    const vk = page.trackers.find((t) => t.vendor === 'vk-ads')!;
    expect(vk.disclosure).toBe('named');
    expect(vk.contradictions).toBeUndefined();
    expect(page.findings.some((f) => f.kind === 'health-context-leak' && f.vendor === 'vk-ads')).toBe(true);

    const m = newPage(1, url, T0);
    mergeSignals(m, { title: 'Урология — консультация уролога' });
    hit(m, `https://mc.yandex.ru/watch/24681357?page-url=${encodeURIComponent(url)}`);
    const ym = build(m, []).page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
    expect(ym.disclosure).toBe('contradicted');
    expect(ym.contradictions?.[0]).toMatchObject({ rule: 'health-context', quote: expect.stringContaining('специальных категорий') });
  });

  it("cookie attribution: vendor cookies on the site by name; unknown third-party names by domain; OCD names do not claim other companies' cookies", () => {
    expect(attributeCookie(defaultClassifier, '_ym_uid', 'pro-medika.ru', true)?.vendorId).toBe('yandex-metrica');
    // mail.ru hosts two VK vendors (counter and ad network): an unknown name there is not guessed ...
    expect(attributeCookie(defaultClassifier, 'unknown_name', 'mail.ru', false)).toBeNull();
    // ... but VID, which the Top.Mail.Ru counter sets, is VK's counter (issue 13).
    expect(attributeCookie(defaultClassifier, 'VID', 'mail.ru', false)).toMatchObject({ vendorId: 'vk-ads', identifier: true });
    // A domain only one vendor uses: its cookies belong to that vendor.
    expect(attributeCookie(defaultClassifier, 'some_id', 'calltouch.ru', false)?.vendorId).toBe('calltouch');
    expect(attributeCookie(defaultClassifier, 'i', 'yandex.ru', false)?.vendorId ?? null).not.toBe('ocd-openx-net');
    expect(attributeCookie(defaultClassifier, 'totally_unknown', 'medstat-unknown.net', false)).toBeNull();
  });

  it('trackers active on the page: requests or cookies changed now; old cookies alone do not count', () => {
    const s = newPage(1, 'https://pro-medika.ru/politika-konfidentsialnosti/', T0);
    hit(s, 'https://mc.yandex.ru/watch/1');
    const cookies = [cookie('_ym_uid', '1732524000123456789'), cookie('_fbp', 'fb.1.1732524000.123456789')];
    const before = build(s, cookies).page;
    expect(before.trackers.map((t) => t.vendor)).toEqual(['yandex-metrica']);
    expect(before.cookies.find((c) => c.name === '_fbp')?.vendor).toBe('meta-pixel');
    addCookieEvent(s, cookies[1], T0 + 50);
    expect(
      build(s, cookies)
        .page.trackers.map((t) => t.vendor)
        .sort(),
    ).toEqual(['meta-pixel', 'yandex-metrica']);
  });

  it('identifiers for the letter: Metrica ClientID and GA client id', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    const { identifiers } = build(s, [
      cookie('_ym_uid', '1732524000123456789'),
      cookie('_ga', 'GA1.1.123456789.1732524000'),
      cookie('_ga', 'junk', '.other.example'),
    ]);
    expect(identifiers).toEqual({ ymUid: '1732524000123456789', gaClientId: '123456789.1732524000' });
  });

  it('policy page: unchanged when served verbatim, changed with a summary when one sentence differs, null elsewhere', () => {
    const url = 'https://pro-medika.ru/politika-konfidentsialnosti/';
    expect(isPolicyPage(url, site.policyPaths)).toBe(true);
    const s = newPage(1, url, T0);
    expect(build(s, []).page.policy?.changed).toBeNull(); // text not read yet
    mergeSignals(s, { policyText: POLICY_TEXT });
    expect(build(s, []).page.policy?.changed).toBe(false);
    mergeSignals(s, { policyText: POLICY_TEXT.replace('на собственных серверах Компании', 'на серверах партнёров Компании') });
    const changed = build(s, []).page.policy!;
    expect(changed.changed).toBe(true);
    expect(changed.summary).toBeTruthy();
    const home = newPage(1, 'https://pro-medika.ru/', T0);
    mergeSignals(home, { policyText: 'whatever' });
    expect(build(home, []).page.policy?.changed).toBeNull();
  });

  it('storage keys are attributed; the popup view data validates against the message contract', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    hit(s, 'https://mc.yandex.ru/watch/1');
    setStorageSnapshot(
      s,
      'https://pro-medika.ru',
      [
        { area: 'local', key: '_ym_retryReqs', valueLength: 2 },
        { area: 'local', key: 'app_state', valueLength: 2 },
      ],
      T0,
    );
    const built = build(s, []);
    expect(built.page.storage.map((x) => x.vendor)).toEqual(['yandex-metrica', null]);
    const response = {
      status: 'watched',
      pageId: s.pageId,
      startedAt: T0,
      page: built.page,
      identifiers: built.identifiers,
      policyView: policyViewData(built.page),
      limitedAccess: false,
    };
    expect(PageResponseSchema.parse(response)).toBeTruthy();
    expect(response.policyView.groups.flatMap((g) => g.vendors)).toContain('yandex-metrica');
  });
});

describe('consent given on an earlier page', () => {
  it('a consent cookie that existed before the page counts as consent from its start', async () => {
    const { withEarlierConsent } = await import('../../policy/report/build');
    const s = newPage(1, 'https://pro-medika.ru/doctors/', T0);
    const consent = cookie('cookie_notice_accepted', 'Y');
    expect(withEarlierConsent(s, [consent], ['cookie_notice_accepted']).signals.consentAcceptedAt).toBe(T0);
    expect(withEarlierConsent(s, [], ['cookie_notice_accepted']).signals.consentAcceptedAt).toBeUndefined();
    // Set while this page was open: that is this page's own acceptance, not an earlier one.
    addCookieEvent(s, consent, T0 + 500);
    expect(withEarlierConsent(s, [consent], ['cookie_notice_accepted']).signals.consentAcceptedAt).toBeUndefined();
  });
});
