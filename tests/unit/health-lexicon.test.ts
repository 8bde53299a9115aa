import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectHealthContext, healthLexicon, safeDecode } from '../../policy/health/lexicon';

describe('detectHealthContext', () => {
  it('has at least 40 roots, each with Cyrillic and Latin forms', () => {
    expect(healthLexicon.length).toBeGreaterThanOrEqual(40);
    for (const t of healthLexicon) {
      const all = [...t.stems, ...(t.exact ?? [])];
      expect(
        all.some((s) => /[а-я]/.test(s)),
        t.ru,
      ).toBe(true);
      expect(
        all.some((s) => /[a-z]/.test(s)),
        t.ru,
      ).toBe(true);
    }
  });

  it.each([
    ['https://pro-medika.ru/uslugi/urologiya/', 'урология'],
    ['https://pro-medika.ru/doctors/urolog/', 'урология'],
    ['https://pro-medika.ru/services/ginekologiya/uzi-malogo-taza/', 'гинекология'],
    ['/psikhiatriya/', 'психиатрия'],
    ['/psihiatriya', 'психиатрия'],
    ['/napravleniya/kardiologiya?utm_source=yandex', 'кардиология'],
    ['https://pro-medika.ru/%D1%83%D1%80%D0%BE%D0%BB%D0%BE%D0%B3%D0%B8%D1%8F/', 'урология'],
    ['https%3A%2F%2Fpro-medika.ru%2Fanalizy%2Fvich%2F', 'анализы'],
    ['/eko/', 'ЭКО'],
    ['/MRT-golovnogo-mozga.html', 'МРТ'],
    ['/lechenie_depressii', 'депрессия'],
    ['/beremennost+vedenie', 'беременность'],
    ['Гинеколог в Новосибирске — запись на приём | Промедика', 'гинекология'],
    ['Приём уролога-андролога', 'урология'],
    ['УЗИ щитовидной железы', 'УЗИ'],
    ['Лечение ВИЧ', 'ВИЧ'],
    ['/stomatologiya/', 'стоматология'],
    ['/lor/', 'ЛОР'],
  ])('matches %s', (input, term) => {
    const r = detectHealthContext(input);
    expect(r.matched).toBe(true);
    expect(r.terms).toContain(term);
  });

  it.each([
    'https://pro-medika.ru/',
    'https://pro-medika.ru/contacts/',
    'https://pro-medika.ru/doctors/',
    'https://pro-medika.ru/privacy/',
    'https://pro-medika.ru/politika-konfidentsialnosti/',
    'https://pro-medika.ru/about/?utm_source=vk&utm_medium=cpc',
    'https://pro-medika.ru/news/ekonomika-i-lorem',
    'Промедика — сеть клиник в Новосибирске',
    'Контакты | Промедика',
    'Наши врачи',
    '',
  ])('does not match the generic page %s', (input) => {
    expect(detectHealthContext(input)).toEqual({ matched: false, terms: [] });
  });

  it('reports each term once, in order of appearance', () => {
    expect(detectHealthContext('/urologiya/urolog-androlog/').terms).toEqual(['урология', 'андрология']);
  });

  it('decodes broken percent-encoding without throwing', () => {
    expect(safeDecode('%E0%A4%A')).toBe('%E0%A4%A');
    expect(safeDecode('%D1%83%D0%97%D0%98 %ZZ')).toBe('уЗИ %ZZ');
    expect(detectHealthContext('/%D1%83%D0%B7%D0%B8/%E0%A4%A').terms).toEqual(['УЗИ']);
  });

  it('never throws on arbitrary strings (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const r = detectHealthContext(s);
        expect(typeof r.matched).toBe('boolean');
        expect(r.matched).toBe(r.terms.length > 0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        expect(() => detectHealthContext(u)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
