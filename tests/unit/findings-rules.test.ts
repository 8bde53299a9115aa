import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../policy/findings';
import { healthContextLeak } from '../../policy/findings/health';
import {
  beforeConsent,
  cookieAttributes,
  formWithoutPolicy,
  insecureForm,
  possibleContradiction,
  sessionReplay,
  undisclosedTracker,
} from '../../policy/findings/rules';
import { FindingSchema } from '../../policy/report/schema';
import { T0, cookie, makeInput, reportTracker, req } from './findings-helpers';

const tracker = reportTracker;

const form = (
  extra: Partial<{ action: string; method: string; personalFields: string[]; hasPolicyLink: boolean; hasConsentText: boolean }> = {},
) => ({
  action: 'https://pro-medika.ru/form',
  method: 'post',
  personalFields: ['phone'],
  hasPolicyLink: false,
  hasConsentText: false,
  ...extra,
});

describe('undisclosed-tracker and possible-contradiction', () => {
  it('turns undisclosed trackers into findings with a clause, and skips named ones', () => {
    const f = undisclosedTracker(
      makeInput({
        page: {
          trackers: [
            tracker('vkads', { category: 'advertising', disclosure: 'undisclosed' }),
            tracker('metrica', { disclosure: 'named', purposes: ['purposes.functionality'] }),
          ],
        },
      }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'undisclosed-tracker', vendor: 'vkads', severity: 'high', clause: 'transfer.third-parties' });
  });

  it('emits one possible-contradiction per contradiction, with its clause and evidence', () => {
    const t = tracker('metrica', {
      disclosure: 'contradicted',
      contradictions: [
        {
          rule: 'health-context',
          clause: 'special-categories.none',
          quote: 'не обрабатывает',
          evidence: { url: 'https://mc.yandex.ru/watch/1?page-url=x', param: 'page-url' },
        },
        {
          rule: 'identifier-in-request',
          clause: 'cookies.aggregate-non-personal',
          quote: 'в обобщённом виде',
          evidence: { url: 'https://mc.yandex.ru/watch/1', detail: '_ym_uid' },
        },
      ],
    });
    const f = possibleContradiction(makeInput({ page: { trackers: [t, tracker('ga', { disclosure: 'generic' })] } }));
    expect(f.map((x) => [x.clause, x.severity])).toEqual([
      ['special-categories.none', 'high'],
      ['cookies.aggregate-non-personal', 'medium'],
    ]);
    expect(f[0].evidence).toMatchObject({ rule: 'health-context', param: 'page-url' });
    expect(f[1].evidence).toMatchObject({ detail: '_ym_uid' });
  });
});

describe('before-consent', () => {
  const requests = [
    req('https://mc.yandex.ru/watch/1?x=1', T0 + 300),
    req('https://mc.yandex.ru/watch/1?x=2', T0 + 5000),
    req('https://maps.example.org/tile.png', T0 + 10),
  ];

  it('counts everything when the user neither interacted nor accepted', () => {
    const f = beforeConsent(makeInput({ requests, cookieEvents: [cookie('_ym_uid', '.pro-medika.ru', { firstSeen: T0 + 400 })] }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'before-consent', vendor: 'metrica', clause: 'consent.by-use' });
    expect(f[0].evidence).toMatchObject({
      before: 'none',
      firstRequestUrl: 'https://mc.yandex.ru/watch/1?x=1',
      offsetMs: 300,
      requests: 2,
      cookies: ['_ym_uid'],
    });
  });

  it('uses the earliest of interaction and consent as the cut-off', () => {
    const f = beforeConsent(makeInput({ requests, signals: { firstInteractionAt: T0 + 1000, consentAcceptedAt: T0 + 2000 } }));
    expect(f[0].evidence).toMatchObject({ before: 'interaction', requests: 1 });
  });

  it('finds nothing when trackers start only after consent, and ignores functional vendors and non-identifier cookies', () => {
    const late = [req('https://mc.yandex.ru/watch/1', T0 + 3000), req('https://maps.example.org/x.png', T0 + 1)];
    expect(
      beforeConsent(
        makeInput({ requests: late, cookieEvents: [cookie('_ym_isad', '.pro-medika.ru')], signals: { consentAcceptedAt: T0 + 2000 } }),
      ),
    ).toEqual([]);
    expect(
      beforeConsent(
        makeInput({
          cookieEvents: [cookie('_ym_uid', '.pro-medika.ru', { firstSeen: T0 + 2500 })],
          signals: { consentAcceptedAt: T0 + 2000 },
        }),
      ),
    ).toEqual([]);
  });
});

describe('health-context-leak', () => {
  const specialty = 'https://pro-medika.ru/services/urologiya/';

  it('finds /services/urologiya/ in the u= parameter and names it', () => {
    const f = healthContextLeak(
      makeInput({ url: specialty, requests: [req(`https://top-fwz1.mail.ru/counter?id=1&u=${encodeURIComponent(specialty)}`)] }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'health-context-leak', vendor: 'vkads', severity: 'high', clause: 'special-categories.none' });
    expect(f[0].evidence).toMatchObject({ param: 'u', host: 'top-fwz1.mail.ru', terms: ['urologiya'] });
  });

  it('finds it in page-url encoded twice, and in the Referer header', () => {
    const twice = encodeURIComponent(encodeURIComponent(specialty));
    const f = healthContextLeak(
      makeInput({
        url: specialty,
        requests: [
          req(`https://mc.yandex.ru/watch/1?page-url=${twice}`),
          req('https://google-analytics.com/collect', T0, { referer: specialty }),
        ],
      }),
    );
    expect(f.map((x) => [x.vendor, x.evidence.param, x.severity])).toEqual([
      ['ga', 'Referer', 'medium'],
      ['metrica', 'page-url', 'medium'],
    ]);
  });

  it('finds a medical page title sent as a parameter', () => {
    const f = healthContextLeak(
      makeInput({
        url: 'https://pro-medika.ru/page/123',
        title: 'Приём уролога в Новосибирске',
        requests: [req(`https://mc.yandex.ru/watch/1?t=${encodeURIComponent('Приём уролога в Новосибирске')}`)],
      }),
    );
    expect(f[0].evidence).toMatchObject({ param: 't' });
  });

  it('does not flag a generic page URL, nor a specialty page whose Referer is only the origin', () => {
    expect(
      healthContextLeak(
        makeInput({
          url: 'https://pro-medika.ru/contacts/',
          requests: [req('https://mc.yandex.ru/watch/1?page-url=https%3A%2F%2Fpro-medika.ru%2Fcontacts%2F')],
        }),
      ),
    ).toEqual([]);
    expect(
      healthContextLeak(
        makeInput({ url: specialty, requests: [req('https://mc.yandex.ru/watch/1', T0, { referer: 'https://pro-medika.ru/' })] }),
      ),
    ).toEqual([]);
    expect(healthContextLeak(makeInput({ url: specialty, requests: [req(`https://pro-medika.ru/api?u=${specialty}`)] }))).toEqual([]);
  });
});

describe('session-replay', () => {
  it('finds Webvisor traffic and cookies, medium without form contents', () => {
    const f = sessionReplay(
      makeInput({
        requests: [req('https://mc.yandex.ru/webvisor/123?rn=1', T0, { method: 'POST', body: 'wv-data=xyz' })],
        cookies: [cookie('_ym_visorc', '.pro-medika.ru')],
      }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'session-replay', vendor: 'metrica', severity: 'medium' });
    expect(f[0].evidence).toMatchObject({ hosts: ['mc.yandex.ru'], cookies: ['_ym_visorc'], formContents: false, requests: 1 });
  });

  it('raises severity when typed form contents are in the replay body', () => {
    const f = sessionReplay(
      makeInput({
        requests: [
          req('https://mc.webvisor.org/webvisor/1', T0, {
            method: 'POST',
            body: 'chunk=' + encodeURIComponent('{"input":"+79131234567"}'),
          }),
        ],
        signals: { typedValues: [{ field: 'phone', value: '+7 913 123-45-67' }] },
      }),
    );
    expect(f[0]).toMatchObject({ severity: 'high' });
    expect(f[0].evidence).toMatchObject({ formContents: true, fields: ['phone'], hosts: ['mc.webvisor.org'] });
  });

  it('uses tracker features from the report, and finds nothing on a plain Metrica page', () => {
    expect(sessionReplay(makeInput({ page: { trackers: [tracker('metrica', { features: ['webvisor'] })] } }))[0].evidence.features).toEqual(
      ['webvisor'],
    );
    expect(
      sessionReplay(makeInput({ requests: [req('https://mc.yandex.ru/watch/1')], cookies: [cookie('_ym_uid', '.pro-medika.ru')] })),
    ).toEqual([]);
  });
});

describe('forms', () => {
  it('flags a personal-data form without policy link or consent text', () => {
    const f = formWithoutPolicy(makeInput({ signals: { forms: [form(), form({ hasConsentText: true }), form({ personalFields: [] })] } }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'form-without-policy', severity: 'medium', evidence: { fields: ['phone'], method: 'POST' } });
  });

  it('does not flag forms when the page links to the policy', () => {
    expect(formWithoutPolicy(makeInput({ signals: { forms: [form()], hasPolicyLink: true } }))).toEqual([]);
  });

  it('flags forms posted over plain http (absolute, or relative on an http page)', () => {
    expect(insecureForm(makeInput({ signals: { forms: [form({ action: 'http://pro-medika.ru/send' })] } }))[0]).toMatchObject({
      kind: 'insecure-form',
      severity: 'high',
      clause: 'security.measures',
    });
    expect(
      insecureForm(makeInput({ url: 'http://pro-medika.ru/', signals: { forms: [form({ action: '/send', personalFields: [] })] } }))[0],
    ).toMatchObject({ severity: 'medium', evidence: { action: 'http://pro-medika.ru/send' } });
    expect(insecureForm(makeInput({ signals: { forms: [form({ action: '/send' }), form({ action: '' })] } }))).toEqual([]);
  });
});

describe('cookie-attributes', () => {
  it('flags identifier cookies without Secure on HTTPS and those living longer than a year', () => {
    const f = cookieAttributes(
      makeInput({
        cookies: [
          cookie('_ym_uid', '.pro-medika.ru', { secure: false }),
          cookie('_ga', '.pro-medika.ru', { expirationDate: (T0 + 730 * 86400_000) / 1000 }),
        ],
      }),
    );
    expect(f.map((x) => [x.evidence.cookie, x.evidence.attribute, x.severity])).toEqual([
      ['_ga', 'lifetime', 'info'],
      ['_ym_uid', 'secure', 'low'],
    ]);
  });

  it('leaves secure one-year identifier cookies, non-identifier cookies and http pages alone', () => {
    expect(
      cookieAttributes(
        makeInput({
          cookies: [
            cookie('_ym_uid', '.pro-medika.ru', { expirationDate: (T0 + 50 + 365 * 86400_000) / 1000 }),
            cookie('_ym_isad', '.pro-medika.ru', { secure: false }),
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      cookieAttributes(makeInput({ url: 'http://pro-medika.ru/', cookies: [cookie('_ym_uid', '.pro-medika.ru', { secure: false })] })),
    ).toEqual([]);
  });
});

describe('computeFindings', () => {
  it('runs every rule, in a deterministic order, without duplicates, valid per FindingSchema', () => {
    const url = 'https://pro-medika.ru/services/urologiya/';
    const input = makeInput({
      url,
      requests: [
        req(`https://mc.yandex.ru/watch/1?page-url=${encodeURIComponent(url)}`),
        req(`https://mc.yandex.ru/watch/1?page-url=${encodeURIComponent(url)}&r=2`),
      ],
      cookies: [cookie('_ym_uid', '.pro-medika.ru', { secure: false }), cookie('_ym_uid', '.pro-medika.ru', { secure: false })],
      signals: { forms: [form({ action: 'http://x.pro-medika.ru/' })] },
      page: { trackers: [tracker('vkads', { disclosure: 'undisclosed', category: 'advertising' })] },
    });
    const a = computeFindings(input);
    const b = computeFindings(input);
    expect(a).toEqual(b);
    expect(a.map((f) => f.kind)).toEqual([
      'health-context-leak',
      'undisclosed-tracker',
      'before-consent',
      'insecure-form',
      'form-without-policy',
      'cookie-attributes',
    ]);
    for (const f of a) expect(FindingSchema.safeParse(f).success).toBe(true);
  });

  it('is fast on 800 requests and 150 cookies with typed values', () => {
    const url = 'https://pro-medika.ru/services/urologiya/';
    const requests = Array.from({ length: 800 }, (_, i) =>
      req(`https://mc.yandex.ru/watch/${i}?page-url=${encodeURIComponent(url)}&browser-info=${'x'.repeat(600)}&rn=${i}`, T0 + i, {
        body: 'a=1&b='.padEnd(2000, 'z'),
      }),
    );
    const cookies = Array.from({ length: 150 }, (_, i) => cookie(i % 2 ? `_ym_uid` : `c${i}`, `d${i}.pro-medika.ru`));
    const input = makeInput({
      url,
      requests,
      cookies,
      signals: {
        typedValues: [
          { field: 'phone', value: '+7 913 123 45 67' },
          { field: 'email', value: 'a.b@example.ru' },
        ],
      },
    });
    computeFindings(input); // warm-up: the audit runs this on every page, so JIT is warm there too
    const t = performance.now();
    const f = computeFindings(input);
    const ms = performance.now() - t;
    expect(f.map((x) => x.kind)).toEqual(['health-context-leak', 'before-consent']);
    // Generous bound: machines are shared; npm run bench measures the real number (~50 ms here).
    expect(ms).toBeLessThan(1000);
  });
});
