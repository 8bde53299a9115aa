import { describe, expect, it } from 'vitest';
import { curatedVendors, REQUIRED_VENDOR_IDS } from '../../policy/catalogue/vendors';
import { CategorySchema } from '../../policy/catalogue/schema';
import {
  annotatePage,
  findEmails,
  isIdentifierLikeValue,
  mappingFor,
  mappingForCategory,
  policyPurposeSummary,
  ruleHealthContext,
  ruleSessionRecording,
  contradictionText,
  rulePersonalDataToThirdParty,
  vendorPolicyMap,
  type DisclosureEvidence,
} from '../../policy/policy-model/disclosure';
import { clauseById, isVerbatimQuote, policyModel } from '../../policy/policy-model/model';
import { ReportPageSchema, type ReportPage, type ReportTracker } from '../../policy/report/schema';
import type { ObservedRequest } from '../../policy/observation';
import { reportCookie, reportTracker, siteCookie } from './findings-helpers';

const SITE = ['pro-medika.ru'];

function req(url: string, extra: Partial<ObservedRequest> = {}): ObservedRequest {
  return { url, method: 'GET', kind: 'image', time: 1, frameId: 0, via: 'webRequest', ...extra };
}

const cookie = siteCookie;

function tracker(vendor: string, category: string, hosts: string[], extra: Partial<ReportTracker> = {}): ReportTracker {
  return reportTracker(vendor, { name: vendor, category, hosts, ...extra });
}

function ev(extra: Partial<DisclosureEvidence> = {}): DisclosureEvidence {
  return {
    pageUrl: 'https://pro-medika.ru/',
    pageTitle: 'Промедика — сеть клиник',
    requests: [],
    cookies: [],
    siteDomains: SITE,
    ...extra,
  };
}

function page(trackers: ReportTracker[], extra: Partial<ReportPage> = {}): ReportPage {
  return ReportPageSchema.parse({
    url: 'https://pro-medika.ru/',
    finalUrl: 'https://pro-medika.ru/',
    title: 'Промедика',
    trackers,
    cookies: [],
    storage: [],
    thirdParties: [],
    ...extra,
  });
}

const clauseIds = new Set(policyModel.clauses.map((c) => c.id));

describe('vendorPolicyMap', () => {
  it('gives every curated vendor an entry, with valid clause ids and RU/EN text', () => {
    const ids = new Set([...curatedVendors.map((v) => v.id), ...REQUIRED_VENDOR_IDS]);
    expect(ids.size).toBeGreaterThanOrEqual(19);
    for (const id of ids) {
      const e = vendorPolicyMap[id];
      expect(e, id).toBeDefined();
      for (const m of [e, ...Object.values(e.features ?? {})]) {
        for (const c of [...m.clauses, ...m.purposes]) expect(clauseIds.has(c), `${id}: ${c}`).toBe(true);
        expect(m.explanation.ru.length).toBeGreaterThan(20);
        expect(m.explanation.en.length).toBeGreaterThan(20);
        // A covering clause exists exactly when the vendor is disclosed at all.
        expect(m.clauses.length > 0, id).toBe(m.disclosure !== 'undisclosed');
      }
    }
  });

  it('names exactly the vendors the policy names', () => {
    expect(vendorPolicyMap['yandex-direct'].disclosure).toBe('named');
    expect(vendorPolicyMap['google-ads'].disclosure).toBe('named');
    expect(vendorPolicyMap.mytarget.disclosure).toBe('named');
    expect(vendorPolicyMap['vk-ads'].features?.['vk-pixel'].disclosure).toBe('named');
    // The Top.Mail.Ru counter is not "VK Target": generic only.
    expect(vendorPolicyMap['vk-ads'].disclosure).toBe('generic');
    expect(vendorPolicyMap['yandex-metrica'].disclosure).toBe('generic');
    expect(vendorPolicyMap['yandex-metrica'].features?.webvisor.disclosure).toBe('undisclosed');
    for (const id of [
      'calltouch',
      'roistat',
      'comagic',
      'mango-office',
      'callibri',
      'jivo',
      'carrot-quest',
      'envybox',
      'callbackhunter',
      'bitrix24',
      'prodoctorov',
    ]) {
      expect(vendorPolicyMap[id].disclosure, id).toBe('undisclosed');
    }
  });

  it('handles every catalogue category and unknown vendors', () => {
    for (const cat of CategorySchema.options) {
      const m = mappingForCategory(cat);
      expect(['named', 'generic', 'undisclosed']).toContain(m.disclosure);
    }
    expect(mappingFor('ocd-hotjar', 'session-replay').disclosure).toBe('undisclosed');
    expect(mappingFor('ocd-some-analytics', 'analytics').disclosure).toBe('generic');
    expect(mappingFor('ocd-some-ads', 'advertising').clauses).toContain('ads.audiences');
    expect(mappingFor('whatever', 'nonsense').disclosure).toBe('undisclosed');
    expect(mappingFor(null).disclosure).toBe('undisclosed');
    expect(mappingFor('yandex-metrica', 'analytics', 'webvisor').disclosure).toBe('undisclosed');
  });
});

describe('annotatePage', () => {
  it('Metrica without Webvisor is generic, with quotes from the policy', () => {
    const out = annotatePage(page([tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'])]), ev());
    const t = out.trackers[0];
    expect(t.disclosure).toBe('generic');
    expect(t.purposes).toEqual(expect.arrayContaining(['cookies.technologies']));
    expect(t.quotes.length).toBeGreaterThan(0);
    for (const q of t.quotes) expect(isVerbatimQuote(q)).toBe(true);
    expect(t.explanation?.ru).toContain('Яндекс Метрика');
    expect(t.contradictions).toBeUndefined();
  });

  it('Metrica with the Webvisor feature but no recording request is undisclosed and says why', () => {
    const out = annotatePage(page([tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'], { features: ['webvisor'] })]), ev());
    const t = out.trackers[0];
    expect(t.disclosure).toBe('undisclosed');
    expect(t.explanation?.ru).toContain('Вебвизор');
    expect(t.explanation?.en).toContain('session');
  });

  it('VK pixel is named, Top.Mail.Ru counter alone is generic', () => {
    const pixel = annotatePage(page([tracker('vk-ads', 'advertising', ['vk.com'])]), ev()).trackers[0];
    expect(pixel.disclosure).toBe('named');
    expect(pixel.quotes.join(' ')).toContain('VK Target');
    const counter = annotatePage(page([tracker('vk-ads', 'advertising', ['top-fwz1.mail.ru'], { cookies: ['tmr_lvid'] })]), ev())
      .trackers[0];
    expect(counter.disclosure).toBe('generic');
    expect(counter.explanation?.ru).toContain('Top.Mail.Ru');
  });

  it('annotates cookies, storage and third parties', () => {
    const p = page([tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'])], {
      cookies: [
        reportCookie('_ym_uid'),
        reportCookie('_ym_visorc', { feature: 'webvisor' }),
        reportCookie('PHPSESSID', { domain: 'pro-medika.ru', httpOnly: true, sameSite: 'lax', session: true, size: 30, vendor: null }),
        reportCookie('site_visitor', { domain: 'pro-medika.ru', sameSite: 'lax', expires: '2030-01-01', size: 30, vendor: null }),
        reportCookie('xid', { domain: '.unknown-tracker.example', firstParty: false, expires: '2030-01-01', size: 30, vendor: null }),
      ],
      storage: [
        { area: 'local', key: '_ym_wv2rf:1:0', vendor: 'yandex-metrica', feature: 'webvisor', purposes: [] },
        { area: 'local', key: 'cart', vendor: null, purposes: [] },
      ],
      thirdParties: [
        {
          host: 'mc.yandex.ru',
          site: 'yandex.ru',
          vendor: 'yandex-metrica',
          requests: 1,
          types: ['image'],
          likelyTracking: true,
          reasons: [],
          setCookie: false,
        },
        {
          host: 'cdn.unknown.example',
          site: 'unknown.example',
          vendor: null,
          requests: 1,
          types: ['script'],
          likelyTracking: false,
          reasons: [],
          setCookie: false,
        },
      ],
    });
    const out = annotatePage(p, ev());
    const byName = Object.fromEntries(out.cookies.map((c) => [c.name, c]));
    expect(byName._ym_uid.disclosure).toBe('generic');
    expect(byName._ym_visorc.disclosure).toBe('undisclosed');
    expect(byName.PHPSESSID).toMatchObject({ disclosure: 'generic', purposes: ['purposes.functionality'] });
    expect(byName.site_visitor).toMatchObject({ disclosure: 'generic', purposes: ['cookies.technologies'] });
    expect(byName.xid.disclosure).toBe('undisclosed');
    expect(out.storage.map((s) => s.disclosure)).toEqual(['undisclosed', 'generic']);
    expect(out.thirdParties.map((t) => t.disclosure)).toEqual(['generic', 'undisclosed']);
    expect(ReportPageSchema.safeParse(out).success).toBe(true);
  });

  it('an identifier sent to a tracker is not by itself a contradiction; its cookies keep their status', () => {
    const evidence = ev({
      cookies: [cookie('_ym_uid', '1695035051576708091')],
      requests: [
        req('https://mc.yandex.ru/watch/123?browser-info=pv%3A1%3Au%3A1695035051576708091&page-url=https%3A%2F%2Fpro-medika.ru%2F'),
      ],
    });
    const out = annotatePage(
      page([tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'])], {
        cookies: [reportCookie('_ym_uid')],
      }),
      evidence,
    );
    expect(out.trackers[0].disclosure).toBe('generic');
    expect(out.trackers[0].contradictions).toBeUndefined();
    expect(out.cookies[0].disclosure).toBe('generic');
  });

  it('a fired rule makes the tracker "contradicted", names the fact and quotes the sentence', () => {
    const evidence = ev({
      pageUrl: 'https://pro-medika.ru/services/urologiya/',
      requests: [
        req('https://mc.yandex.ru/webvisor/123?wv-type=1&page-url=https%3A%2F%2Fpro-medika.ru%2F', { method: 'POST', kind: 'xhr' }),
      ],
    });
    const out = annotatePage(page([tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'], { features: ['webvisor'] })]), evidence);
    const t = out.trackers[0];
    expect(t.disclosure).toBe('contradicted');
    expect(t.contradictions![0]).toMatchObject({
      rule: 'session-recording',
      clause: 'cookies.aggregate-non-personal',
      evidence: { param: 'path' },
    });
    expect(t.quotes).toContain('Данная информация поступает в обобщенном виде и не является персональной.');
    expect(t.explanation?.ru).toContain('Возможное противоречие: наблюдалась запись сеанса');
    expect(t.explanation?.ru).toContain('«Данная информация поступает в обобщенном виде и не является персональной.»');
    expect(t.explanation?.en).toContain('Possible contradiction');
  });

  it('a vendor the policy names stays "named" whatever it receives (medical page URL, typed data, e-mail)', () => {
    const evidence = ev({
      pageUrl: 'https://pro-medika.ru/services/urologiya/',
      pageTitle: 'Урология — консультация уролога | Промедика',
      typedValues: [{ field: 'phone', value: '+7 913 000-11-22' }],
      cookies: [cookie('tmr_lvid', 'a931ac8017b5a200bbb22a40')],
      requests: [
        req('https://vk.com/rtrg?p=VK-1&url=https%3A%2F%2Fpro-medika.ru%2Fservices%2Furologiya%2F&uid=a931ac8017b5a200bbb22a40'),
        req(
          'https://ad.mail.ru/hit?page-url=https%3A%2F%2Fpro-medika.ru%2Fservices%2Furologiya%2F&ph=%2B7%20913%20000-11-22&em=ivan%40mail.ru',
        ),
        req('https://yabs.yandex.ru/rtgpx/?page-url=https%3A%2F%2Fpro-medika.ru%2Fservices%2Furologiya%2F'),
      ],
    });
    const out = annotatePage(
      page([
        tracker('vk-ads', 'advertising', ['vk.com']),
        tracker('mytarget', 'advertising', ['ad.mail.ru']),
        tracker('yandex-direct', 'advertising', ['yabs.yandex.ru']),
      ]),
      evidence,
    );
    for (const t of out.trackers) {
      expect(t.disclosure, t.vendor).toBe('named');
      expect(t.contradictions, t.vendor).toBeUndefined();
    }
    // The Top.Mail.Ru counter of the same vendor is not named: its own traffic can contradict.
    const counter = annotatePage(
      page([tracker('vk-ads', 'advertising', ['vk.com', 'top-fwz1.mail.ru'])]),
      ev({
        ...evidence,
        requests: [
          ...evidence.requests,
          req('https://top-fwz1.mail.ru/counter?id=1&page-url=https%3A%2F%2Fpro-medika.ru%2Fservices%2Furologiya%2F'),
        ],
      }),
    ).trackers[0];
    expect(counter.disclosure).toBe('contradicted');
    expect(counter.contradictions![0].evidence.url).toContain('top-fwz1.mail.ru');
  });
});

describe('contradiction rules', () => {
  const metrica = tracker('yandex-metrica', 'analytics', ['mc.yandex.ru']);
  const ga = tracker('google-analytics', 'analytics', ['google-analytics.com', 'region1.google-analytics.com']);

  describe('(a) session recording', () => {
    it('fires on a Webvisor upload, not on ordinary hits or on the cookie alone', () => {
      const wv = ruleSessionRecording(
        metrica,
        ev({ requests: [req('https://mc.yandex.ru/webvisor/1?wv-type=0', { method: 'POST', kind: 'xhr' })] }),
      );
      expect(wv).toMatchObject({ rule: 'session-recording', clause: 'cookies.aggregate-non-personal' });
      expect(wv!.quote).toBe(clauseById('cookies.aggregate-non-personal')!.quotes[0]);
      expect(ruleSessionRecording(metrica, ev({ requests: [req('https://mc.yandex.ru/watch/1?page-url=x')] }))).toBeNull();
      expect(ruleSessionRecording(metrica, ev({ cookies: [cookie('_ym_visorc', 'w')] }))).toBeNull();
    });

    it('identifier helpers', () => {
      expect(isIdentifierLikeValue('1695035051')).toBe(false);
      expect(isIdentifierLikeValue('f47ac10b-58cc-4372-a567-0e02b2c3d479')).toBe(true);
      expect(isIdentifierLikeValue('true')).toBe(false);
    });
  });

  describe('(b) health context', () => {
    const healthPage = { pageUrl: 'https://pro-medika.ru/uslugi/urologiya/', pageTitle: 'Уролог — Промедика' };

    it('fires when a medical page URL is sent in page-url', () => {
      const c = ruleHealthContext(
        metrica,
        ev({ ...healthPage, requests: [req('https://mc.yandex.ru/watch/1?page-url=https%3A%2F%2Fpro-medika.ru%2Fuslugi%2Furologiya%2F')] }),
      );
      expect(c).toMatchObject({ rule: 'health-context', clause: 'special-categories.none', evidence: { param: 'page-url' } });
      expect(c!.evidence.detail).toContain('урология');
      expect(c!.quote).toContain('специальных категорий');
    });

    it('fires on the Referer and on GA dl', () => {
      expect(
        ruleHealthContext(
          metrica,
          ev({
            ...healthPage,
            requests: [req('https://mc.yandex.ru/metrika/tag.js', { referer: 'https://pro-medika.ru/uslugi/urologiya/' })],
          }),
        )?.evidence.param,
      ).toBe('Referer');
      expect(
        ruleHealthContext(
          ga,
          ev({
            ...healthPage,
            requests: [req('https://region1.google-analytics.com/g/collect?dl=https%3A%2F%2Fpro-medika.ru%2Fginekologiya%2F')],
          }),
        )?.evidence.param,
      ).toBe('dl');
    });

    it('fires when the page title travels in the body', () => {
      const c = ruleHealthContext(
        ga,
        ev({
          pageUrl: 'https://pro-medika.ru/page/12',
          pageTitle: 'Лечение депрессии',
          requests: [req('https://region1.google-analytics.com/g/collect', { method: 'POST', body: 'dt=Лечение депрессии&en=page_view' })],
        }),
      );
      expect(c?.evidence.param).toBe('body');
    });

    it('does not fire for generic pages, non-ad/analytics vendors, or other hosts', () => {
      expect(
        ruleHealthContext(
          metrica,
          ev({ requests: [req('https://mc.yandex.ru/watch/1?page-url=https%3A%2F%2Fpro-medika.ru%2Fcontacts%2F')] }),
        ),
      ).toBeNull();
      const chat = tracker('jivo', 'chat', ['jivosite.com']);
      expect(
        ruleHealthContext(
          chat,
          ev({ ...healthPage, requests: [req('https://code.jivosite.com/x?url=https%3A%2F%2Fpro-medika.ru%2Furologiya%2F')] }),
        ),
      ).toBeNull();
      expect(ruleHealthContext(metrica, ev({ ...healthPage, requests: [req('https://cdn.example/?url=/urologiya/')] }))).toBeNull();
    });
  });

  describe('(c) personal data to third-party servers', () => {
    const webvisor = tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'], { features: ['webvisor'] });

    it('fires when a typed value reaches Webvisor, without copying the value', () => {
      const c = rulePersonalDataToThirdParty(
        webvisor,
        ev({
          typedValues: [{ field: 'phone', value: '+7 913 000-11-22' }],
          requests: [
            req('https://mc.yandex.ru/webvisor/1', { method: 'POST', kind: 'xhr', body: 'wv-data=...input:%2B7%20913%20000-11-22...' }),
          ],
        }),
      );
      expect(c).toMatchObject({
        rule: 'personal-data-third-party',
        clause: 'storage.own-servers',
        evidence: { param: 'body', detail: 'field phone' },
      });
      expect(JSON.stringify(c)).not.toContain('913 000-11-22');
      expect(c!.quote).toBe('Персональные данные пользователей хранятся на собственных серверах Компании');
    });

    it("fires for a visitor's e-mail address in a pixel URL, not for the site's own address", () => {
      const meta = tracker('meta-pixel', 'advertising', ['facebook.com']);
      expect(
        rulePersonalDataToThirdParty(meta, ev({ requests: [req('https://www.facebook.com/tr?id=1&ud[em]=ivan.petrov%40mail.ru')] }))
          ?.evidence.detail,
      ).toBe('e-mail address');
      expect(
        rulePersonalDataToThirdParty(meta, ev({ requests: [req('https://www.facebook.com/tr?id=1&text=info%40pro-medika.ru')] })),
      ).toBeNull();
    });

    it('does not fire without evidence', () => {
      expect(
        rulePersonalDataToThirdParty(
          webvisor,
          ev({ typedValues: [{ field: 'name', value: 'Иван' }], requests: [req('https://mc.yandex.ru/webvisor/1', { body: 'x=1' })] }),
        ),
      ).toBeNull();
    });
  });
});

describe('policyPurposeSummary', () => {
  it('lists observed trackers under stated purposes, worst first, and the purposes nothing uses', () => {
    const p1 = annotatePage(
      page([
        tracker('yandex-direct', 'advertising', ['an.yandex.ru']),
        tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'], { features: ['webvisor'] }),
        tracker('calltouch', 'call-tracking', ['mod.calltouch.ru']),
      ]),
      ev(),
    );
    const p2 = annotatePage(page([tracker('ocd-mystery', 'social', ['x.example'])], { url: 'https://pro-medika.ru/contacts/' }), ev());
    const s = policyPurposeSummary([p1, p2]);
    const ads = s.purposes.find((x) => x.purpose.id === 'ads.audiences')!;
    expect(ads.trackers.map((t) => t.vendor)).toEqual(['yandex-direct']);
    const cookiesPurpose = s.purposes.find((x) => x.purpose.id === 'cookies.technologies')!;
    expect(cookiesPurpose.trackers[0].disclosure).toBe('undisclosed');
    expect(isVerbatimQuote(cookiesPurpose.quote)).toBe(true);
    const unusedIds = s.unused.map((u) => u.purpose.id);
    expect(unusedIds).toEqual(expect.arrayContaining(['purposes.feedback', 'purposes.contact-sms-email-calls', 'mailings.consent-only']));
    expect(unusedIds).not.toContain('ads.audiences');
    expect(s.unmapped.map((u) => u.vendor)).toEqual(['ocd-mystery']);
    expect(s.purposes.length + s.unused.length).toBe(policyModel.purposes.length);
  });
});

describe('performance and robustness', () => {
  it('finds e-mails in linear time and ignores non-addresses', () => {
    expect(findEmails('x=ivan.petrov@mail.ru&y=a@b&z=' + 'z'.repeat(100_000))).toEqual(['ivan.petrov@mail.ru']);
    const t = performance.now();
    findEmails('a'.repeat(200_000));
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('annotates a busy page (800 requests, 150 identifier-like cookies) quickly', () => {
    const url = 'https://pro-medika.ru/uslugi/urologiya/';
    const requests = Array.from({ length: 800 }, (_, i) =>
      req(
        `https://mc.yandex.ru/watch/${i}?page-url=${encodeURIComponent('https://pro-medika.ru/x/')}&browser-info=${'x'.repeat(600)}&rn=${i}`,
        { method: 'POST', kind: 'xhr', body: 'a=1&b='.padEnd(2000, 'z') },
      ),
    );
    const cookies = Array.from({ length: 150 }, (_, i) => cookie(`c${i}`, `${1_000_000_000_000 + i * 7919}abcdef`));
    const p = page([
      tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'], { features: ['webvisor'] }),
      tracker('google-analytics', 'analytics', ['google-analytics.com']),
      tracker('calltouch', 'call-tracking', ['mod.calltouch.ru']),
    ]);
    const t = performance.now();
    const out = annotatePage(
      p,
      ev({ pageUrl: url, pageTitle: 'Уролог', requests, cookies, typedValues: [{ field: 'phone', value: '+7 913 123 45 67' }] }),
    );
    expect(performance.now() - t).toBeLessThan(1500);
    expect(out.trackers[0].disclosure).toBe('undisclosed');
    expect(() => annotatePage(p, ev({ requests: [req('not a url'), req('https://['), req('data:,x')] }))).not.toThrow();
  });
});

describe('explanations quote the policy exactly', () => {
  /** Every «…» in a Russian text, split at "…" (an elision), must occur verbatim in the policy. */
  function badQuotes(text: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(/«([^»]*)»/g)) {
      for (const piece of m[1]
        .split('…')
        .map((p) => p.trim())
        .filter(Boolean))
        if (!isVerbatimQuote(piece)) out.push(piece);
    }
    return out;
  }

  it('in every vendor, feature and category mapping', () => {
    const mappings = Object.values(vendorPolicyMap).flatMap((e) => [e, ...Object.values(e.features ?? {})]);
    for (const c of CategorySchema.options) mappings.push(mappingForCategory(c));
    for (const m of mappings) expect(badQuotes(m.explanation.ru), m.explanation.ru).toEqual([]);
  });

  it('in every contradiction text, with the detail and host of the evidence', () => {
    const evidence = { url: 'https://mc.yandex.ru/webvisor/1', param: 'path', detail: 'field phone' };
    for (const [rule, clause] of [
      ['session-recording', 'cookies.aggregate-non-personal'],
      ['health-context', 'special-categories.none'],
      ['personal-data-third-party', 'storage.own-servers'],
    ]) {
      const text = contradictionText({ rule, clause, quote: clauseById(clause)!.quotes[0], evidence });
      expect(badQuotes(text.ru), text.ru).toEqual([]);
      expect(text.ru).toContain(`«${clauseById(clause)!.quotes[0]}`);
      expect(text.ru).toContain('mc.yandex.ru');
      expect(text.en).toContain('our translation');
    }
    expect(contradictionText({ rule: 'health-context', clause: 'special-categories.none', quote: 'q', evidence }).ru).toContain(
      'Если по нему можно судить о здоровье',
    );
  });
});
