import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../../policy/classify';
import { computeFindings } from '../../policy/findings';
import { sha256 } from '../../policy/findings/hash';
import { detectHealthContext } from '../../policy/health/lexicon';
import { FindingSchema } from '../../policy/report/schema';
import { T0, cookie, makeInput, req } from './findings-helpers';

/** The rules with the real catalogue (policy/classify.ts) and the real lexicon (policy/health/lexicon.ts). */
describe('computeFindings with the real classifier and health lexicon', () => {
  const url = 'https://pro-medika.ru/services/urologiya/';

  function input() {
    const i = makeInput({
      url,
      title: 'Урология — Промедика',
      requests: [
        req(`https://mc.yandex.ru/watch/12345?page-url=${encodeURIComponent(url)}&rn=1`, T0 + 200),
        req('https://mc.yandex.ru/webvisor/12345?rn=2', T0 + 900, {
          method: 'POST',
          kind: 'xhr',
          body: `wv=${encodeURIComponent('{"v":"+7 913 123-45-67"}')}`,
        }),
        req(`https://top-fwz1.mail.ru/counter?id=1;js=13;u=${encodeURIComponent(url)}`, T0 + 300),
        req(`https://top-fwz1.mail.ru/tracker?ph=${sha256('79131234567')}`, T0 + 5000),
      ],
      cookieEvents: [cookie('_ym_uid', '.pro-medika.ru', { secure: false, firstSeen: T0 + 250 }), cookie('_ym_visorc', '.pro-medika.ru')],
      signals: { typedValues: [{ field: 'phone', value: '+7 913 123-45-67' }], firstInteractionAt: T0 + 4000 },
    });
    return { ...i, classifier: defaultClassifier, detectHealth: detectHealthContext };
  }

  it('finds the health leak, the hashed phone, Webvisor with form contents and before-consent tracking', () => {
    const f = computeFindings(input());
    for (const x of f) expect(FindingSchema.safeParse(x).success).toBe(true);
    const kinds = new Set(f.map((x) => x.kind));
    expect(kinds).toEqual(new Set(['health-context-leak', 'pii-leak', 'session-replay', 'before-consent', 'cookie-attributes']));
    const health = f.filter((x) => x.kind === 'health-context-leak');
    expect(health.map((x) => `${x.vendor}:${x.evidence.param}`).sort()).toEqual(expect.arrayContaining(['yandex-metrica:page-url']));
    expect(health.some((x) => x.evidence.param === 'u')).toBe(true);
    const pii = f.find((x) => x.kind === 'pii-leak' && x.evidence.encoding === 'sha256');
    expect(pii?.evidence).toMatchObject({ field: 'phone', host: 'top-fwz1.mail.ru', param: 'ph' });
    const replay = f.find((x) => x.kind === 'session-replay');
    expect(replay).toMatchObject({ vendor: 'yandex-metrica', severity: 'high' });
    expect(replay?.evidence).toMatchObject({ formContents: true, cookies: ['_ym_visorc'] });
    const before = f.find((x) => x.kind === 'before-consent' && x.vendor === 'yandex-metrica');
    expect(before?.evidence).toMatchObject({ before: 'interaction', offsetMs: 200, cookies: ['_ym_uid'] });
  });

  it('finds no health leak for a generic page with the real lexicon', () => {
    const i = input();
    const generic = 'https://pro-medika.ru/contacts/';
    i.state.url = generic;
    i.page = { ...i.page, url: generic, finalUrl: generic, title: 'Контакты' };
    i.state.requests = [req(`https://mc.yandex.ru/watch/1?page-url=${encodeURIComponent(generic)}`)];
    expect(computeFindings(i).filter((x) => x.kind === 'health-context-leak')).toEqual([]);
  });
});
