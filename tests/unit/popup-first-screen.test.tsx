// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { I18nProvider, dictionaryTranslator, type Lang } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { FirstScreen } from '../../components/popup/FirstScreen';
import { TrackersByOrganization } from '../../components/popup/TrackersByOrganization';
import { groupByOrganisation, pageVerdict } from '../../policy/report/verdict';
import type { ReportPage } from '../../policy/report/schema';
import { fixturePage, FIXTURE_NAMES } from '../fixtures/popup-pages';

/**
 * The popup's first screen and its grouping by organisation (issue #14) on pages audited on the
 * replica (tests/fixtures/popup-pages.ts).
 */

function show(page: ReportPage, lang: Lang = 'ru') {
  return render(
    <I18nProvider translator={dictionaryTranslator(messages, lang)}>
      <FirstScreen page={page} />
      <TrackersByOrganization page={page} />
    </I18nProvider>,
  );
}

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

afterEach(cleanup);

describe('verdict (policy/report/verdict.ts)', () => {
  it('urology: the topic went to Yandex and VK before anything was accepted; Webvisor records the visit', () => {
    const v = pageVerdict(fixturePage('urology'));
    expect(v.organisations.map((o) => o.name).sort()).toEqual(['ООО «ВК»', 'ООО «Яндекс»']);
    expect(v.counts).toMatchObject({ contradicted: 2, undisclosed: 0, generic: 0, named: 0 });
    expect(v.beforeConsent).toBe(2);
    expect(v.consentBasis).toBe('none');
    expect(v.abroad).toEqual({ count: 0, countries: [] });
    const health = v.serious.find((s) => s.kind === 'health')!;
    expect(health.details).toEqual(['урология']);
    expect(health.recipients.sort()).toEqual(['ООО «ВК»', 'ООО «Яндекс»']);
    expect(v.serious.find((s) => s.kind === 'replay')).toMatchObject({ recipients: ['ООО «Яндекс»'], details: ['webvisor'] });
    expect(v.serious[0].kind).toBe('health');
  });

  it('appointment: typed data to three organisations, partly hashed; the recording carries the form', () => {
    const v = pageVerdict(fixturePage('appointment'));
    expect(v.organisations).toHaveLength(4);
    expect(v.counts).toMatchObject({ contradicted: 3, undisclosed: 1 });
    const pii = v.serious.find((s) => s.kind === 'pii')!;
    expect(pii.recipients.sort()).toEqual(['CoMagic / UIS', 'ООО «ВК»', 'ООО «Яндекс»']);
    expect(pii.details.sort()).toEqual(['email', 'name', 'phone']);
    expect(pii.encodings).toEqual(expect.arrayContaining(['sha256', 'md5', 'base64', 'plain']));
    // One sentence for the recording: the one that carries form contents.
    expect(v.serious.filter((s) => s.kind.startsWith('replay')).map((s) => s.kind)).toEqual(['replay-form']);
    expect(v.consentBasis).toBe('interaction');
    expect(v.beforeConsent).toBe(4);
  });

  it('a page with only first-party cookies has no recipient and no serious finding', () => {
    const v = pageVerdict(fixturePage('firstParty'));
    expect(v.organisations).toEqual([]);
    expect(v.serious).toEqual([]);
    expect(v.beforeConsent).toBe(0);
  });

  it('a page whose every tracker the policy names counts them all as named; one organisation is abroad', () => {
    const v = pageVerdict(fixturePage('allNamed'));
    expect(v.counts.named).toBe(v.organisations.length);
    expect(v.organisations.map((o) => o.name).sort()).toEqual(['Google LLC', 'ООО «ВК»', 'ООО «Яндекс»']);
    expect(v.abroad).toEqual({ count: 1, countries: ['US'] });
    expect(v.countryUnknown).toBe(0);
  });

  it('an unknown country is never counted as abroad (appointment: Roistat has none in the catalogue)', () => {
    const v = pageVerdict(fixturePage('appointment'));
    expect(v.organisations.find((o) => o.name === 'Roistat')!.country).toBeNull();
    expect(v.abroad.count).toBe(0);
    expect(v.countryUnknown).toBe(1);
  });

  it('groups services by organisation, each once; an organisation takes its least-disclosed service', () => {
    const page = fixturePage('urology');
    const dup = [...page.trackers, page.trackers[0]];
    const orgs = groupByOrganisation(dup);
    const services = orgs.flatMap((o) => o.services.map((s) => s.vendor));
    expect(services.length).toBe(new Set(services).size);
    expect(
      orgs
        .find((o) => o.name === 'ООО «Яндекс»')!
        .services.map((s) => s.vendor)
        .sort(),
    ).toEqual(['yandex-direct', 'yandex-metrica']);
    const metrica = page.trackers.find((t) => t.vendor === 'yandex-metrica')!;
    // Metrica is "generic" on its own; its Webvisor part is undisclosed: the organisation is undisclosed.
    const direct = page.trackers.find((t) => t.vendor === 'yandex-direct')!;
    const mixed = groupByOrganisation([
      { ...metrica, disclosure: 'generic', contradictions: [] },
      { ...direct, disclosure: 'named', contradictions: [] },
    ]);
    expect(mixed).toHaveLength(1);
    expect(mixed[0].status).toBe('undisclosed');
  });
});

describe('first screen (components/popup/FirstScreen.tsx)', () => {
  it('urology: the verdict, the topic and its recipients in one sentence, the recording, the picture', () => {
    show(fixturePage('urology'));
    expect(text(screen.getByRole('heading', { level: 1 }))).toBe('2 организации получили данные с этой страницы');
    const counts = within(screen.getByRole('list', { name: 'Что о них говорит политика конфиденциальности' })).getAllByRole('listitem');
    // Never colour alone: each state has its glyph and its words.
    expect(counts.map(text)).toEqual(['⚠ 2 возможно, противоречат политике']);
    expect(text(screen.getByTestId('before-consent'))).toBe('2 из 2 получили данные до того, как вы что-либо приняли');
    expect(text(screen.getByTestId('abroad'))).toBe('За рубежом: ни одной');
    // The picture and the cards say where each organisation is.
    expect(text(screen.getByTestId('flow'))).toContain('ООО «Яндекс» · RU');
    const serious = within(screen.getByRole('list', { name: 'Главное на этой странице' }))
      .getAllByRole('listitem')
      .map(text);
    expect(serious).toEqual([
      '⚠ Тема этой страницы (урология) передана: ООО «ВК», ООО «Яндекс»',
      '⚠ Визит записывается (Вебвизор): ООО «Яндекс»',
    ]);
    const picture = screen.getByRole('img', { name: /^Схема: данные этой страницы ушли к 2 организациям/ });
    expect(picture.getAttribute('aria-label')).toContain('ООО «Яндекс» (Возможное противоречие, RU)');
    expect(picture.querySelectorAll('g.flow__org').length).toBe(2);
  });

  it('appointment: the typed fields, how they travelled and to whom', () => {
    show(fixturePage('appointment'));
    const serious = within(screen.getByTestId('serious')).getAllByRole('listitem').map(text);
    expect(serious[0]).toMatch(
      /^⚠ Введённые вами данные \((телефон|имя|e-mail)(, (телефон|имя|e-mail)){2}\) переданы, в том числе в виде хеша \(MD5, SHA-256\): /,
    );
    expect(serious[0]).toContain('CoMagic / UIS');
    expect(serious[1]).toBe('⚠ Визит записывается (Вебвизор) вместе с тем, что вы ввели в форму: ООО «Яндекс»');
    expect(text(screen.getByTestId('abroad'))).toBe('За рубежом: ни одной; страна не установлена: 1');
    expect(text(screen.getByTestId('before-consent'))).toBe('4 из 4 получили данные до вашего первого действия на странице');
  });

  it('a page with nothing to report says so plainly and positively', () => {
    show(fixturePage('firstParty'));
    expect(text(screen.getByRole('heading', { level: 1 }))).toBe('✓ Трекеров других компаний на этой странице не замечено');
    expect(text(screen.getByTestId('verdict'))).toContain(
      'Cookie этой страницы (3) ставит сам сайт клиники.Запросов к другим сайтам не было.',
    );
    expect(screen.queryByTestId('serious')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Трекеры на этой странице не найдены.')).toBeTruthy();
  });

  it('an unidentified host that looks like tracking is never called a clean page', () => {
    const page = fixturePage('firstParty');
    const counter = {
      host: 'counter.example',
      site: 'counter.example',
      vendor: null,
      requests: 1,
      types: ['image' as const],
      likelyTracking: true,
      reasons: ['pixel'],
      setCookie: false,
    };
    show({ ...page, thirdParties: [counter] });
    expect(text(screen.getByRole('heading', { level: 1 }))).toBe('Известных трекеров на этой странице нет');
    expect(text(screen.getByTestId('verdict'))).toContain('Похожи на трекеры, но не опознаны: counter.example');
    expect(screen.getByTestId('verdict').classList.contains('verdict--clear')).toBe(false);
  });

  it('a page whose every recipient the policy names says so', () => {
    show(fixturePage('allNamed'));
    expect(text(screen.getByTestId('all-named'))).toBe('✓ Политика конфиденциальности клиники называет всех получателей.');
    expect(text(screen.getByTestId('abroad'))).toMatch(/^За рубежом: 1 из 3 \((Соедин[её]нные Штаты|США) \(US\)\)$/);
  });

  it('below: one card per service, grouped under its organisation with country, badge, what it collects, the policy words', () => {
    show(fixturePage('urology'));
    const yandex = document.querySelector('section.org[data-org="ООО «Яндекс»"]')!;
    expect(text(yandex.querySelector('h3'))).toBe('ООО «Яндекс» Россия (RU) · до ваших действий или согласия в баннере');
    expect([...yandex.querySelectorAll('li.tracker')].map((li) => li.getAttribute('data-vendor')).sort()).toEqual([
      'yandex-direct',
      'yandex-metrica',
    ]);
    const metrica = yandex.querySelector('li.tracker[data-vendor="yandex-metrica"]')!;
    expect(metrica.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe('Раскрытие в политике: Возможное противоречие');
    expect(text(metrica.querySelector('.desc'))).toMatch(/^Что собирает: Веб-аналитика Яндекса/);
    expect(text(metrica.querySelector('.policy-words'))).toMatch(/^Слова политики: /);
    const all = [...document.querySelectorAll('li.tracker')].map((li) => li.getAttribute('data-vendor'));
    expect(all.length).toBe(new Set(all).size);
  });

  it.each(FIXTURE_NAMES)('English is complete (%s): no untranslated key', (name) => {
    show(fixturePage(name), 'en');
    expect(document.body.textContent).not.toMatch(/popup_|policy_/);
    for (const el of document.querySelectorAll('[aria-label]')) expect(el.getAttribute('aria-label')).not.toMatch(/popup_|policy_/);
  });
});
