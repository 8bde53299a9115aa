// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { dictionaryTranslator, I18nProvider } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { DisclosureBadge, groupByPurpose, PolicyView, TrackerPolicyItem } from '../../components/policy';
import { annotatePage, policyPurposeSummary } from '../../policy/policy-model/disclosure';
import { ReportPageSchema, type ReportTracker } from '../../policy/report/schema';

afterEach(cleanup);

function withI18n(children: ComponentChildren, lang: 'ru' | 'en' = 'ru') {
  return <I18nProvider translator={dictionaryTranslator(messages, lang)}>{children}</I18nProvider>;
}

function tracker(vendor: string, category: string, hosts: string[], extra: Partial<ReportTracker> = {}): ReportTracker {
  return { vendor, name: vendor, category, hosts, requests: 1, cookies: [], storage: [], features: [], purposes: [], quotes: [], ...extra };
}

const contradictedPage = annotatePage(
  ReportPageSchema.parse({
    url: 'https://pro-medika.ru/uslugi/urologiya/',
    finalUrl: 'https://pro-medika.ru/uslugi/urologiya/',
    title: 'Уролог',
    trackers: [
      tracker('yandex-metrica', 'analytics', ['mc.yandex.ru'], { name: 'Яндекс Метрика' }),
      tracker('yandex-direct', 'advertising', ['an.yandex.ru'], { name: 'Яндекс Директ' }),
      tracker('calltouch', 'call-tracking', ['mod.calltouch.ru'], { name: 'Calltouch' }),
    ],
    cookies: [],
    storage: [],
    thirdParties: [],
    policy: { version: 'abc123def456', changed: false },
  }),
  {
    pageUrl: 'https://pro-medika.ru/uslugi/urologiya/',
    pageTitle: 'Уролог',
    siteDomains: ['pro-medika.ru'],
    cookies: [],
    requests: [
      {
        url: 'https://mc.yandex.ru/watch/1?page-url=https%3A%2F%2Fpro-medika.ru%2Fuslugi%2Furologiya%2F',
        method: 'GET',
        kind: 'image',
        time: 1,
        frameId: 0,
        via: 'webRequest',
      },
    ],
  },
);

describe('DisclosureBadge', () => {
  it.each([
    ['named', 'Названо в политике', '✓'],
    ['generic', 'Только общими словами', '≈'],
    ['undisclosed', 'Не раскрыто в политике', '✗'],
    ['contradicted', 'Возможное противоречие', '⚠'],
  ] as const)('shows %s by text and glyph, with an aria-label', (status, label, glyph) => {
    const { container } = render(withI18n(<DisclosureBadge status={status} />));
    const badge = screen.getByRole('img', { name: `Раскрытие в политике: ${label}` });
    expect(badge.textContent).toContain(label);
    expect(badge.textContent).toContain(glyph);
    expect(container.querySelector(`[data-status="${status}"]`)).not.toBeNull();
  });

  it('speaks English with an English translator, and handles a missing status', () => {
    render(withI18n(<DisclosureBadge status={undefined} />, 'en'));
    expect(screen.getByRole('img', { name: 'Disclosure in the policy: Not assessed' })).toBeTruthy();
  });
});

describe('TrackerPolicyItem', () => {
  it('is expandable and shows quotes in blockquotes, the explanation, and contradictions with evidence', () => {
    const metrica = contradictedPage.trackers.find((t) => t.vendor === 'yandex-metrica')!;
    expect(metrica.disclosure).toBe('contradicted');
    const { container } = render(withI18n(<TrackerPolicyItem tracker={metrica} />));
    // A disclosure button named by the tracker and its status, collapsed.
    const toggle = screen.getByRole('button', { name: /Яндекс Метрика.*Раскрытие в политике: Возможное противоречие/, expanded: false });
    // Closed, only the button (name and badge) is built; the body comes with the first open.
    expect(container.querySelectorAll('blockquote, section, h4')).toHaveLength(0);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const quotes = [...container.querySelectorAll('blockquote')].map((b) => b.textContent);
    expect(quotes).toContain(
      'Администрация Сайта не осуществляет обработку биометрических и специальных категорий персональных данных пользователей.',
    );
    expect(quotes.some((q) => q?.includes('пиксельные ярлыки'))).toBe(true);
    expect(container.textContent).toContain('Возможные противоречия');
    expect(container.textContent).toContain('Адрес или заголовок медицинской страницы');
    expect(container.querySelector('code.tl-evidence-url')!.textContent).toContain('mc.yandex.ru/watch/1');
    expect(container.textContent).toContain('Где найдено: page-url');
    expect(container.textContent).toContain('урология');
    expect(container.textContent).toContain('Это не вывод о нарушении');
  });

  it('is a native button (Enter and Space work) that closes again and drops the body', () => {
    const metrica = contradictedPage.trackers.find((t) => t.vendor === 'yandex-metrica')!;
    const { container } = render(withI18n(<TrackerPolicyItem tracker={metrica} />));
    const toggle = screen.getByRole('button', { expanded: false });
    // A <button type="button">: the browser turns Enter and Space into a click (the e2e
    // keyboard test in tests/e2e/core.spec.ts presses them in Chromium).
    expect(toggle.tagName).toBe('BUTTON');
    expect(toggle.getAttribute('type')).toBe('button');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { expanded: true })).toBe(toggle);
    expect(container.querySelectorAll('blockquote').length).toBeGreaterThan(0);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelectorAll('blockquote, h4')).toHaveLength(0);
    expect(toggle.textContent).toContain('Яндекс Метрика');
  });

  it('says so when no clause covers the tracker', () => {
    const calltouch = contradictedPage.trackers.find((t) => t.vendor === 'calltouch')!;
    const { container } = render(withI18n(<TrackerPolicyItem tracker={calltouch} open />));
    expect(container.querySelectorAll('blockquote')).toHaveLength(0);
    expect(container.textContent).toContain('В политике нет положения');
    expect(container.textContent).toContain('подменяет номер');
  });
});

describe('groupByPurpose', () => {
  it('puts contradicted and undisclosed first, and unmapped trackers in a null group', () => {
    const groups = groupByPurpose([...contradictedPage.trackers, tracker('ocd-x', 'social', ['x.example'], { disclosure: 'undisclosed' })]);
    const first = groups[0];
    expect(first.trackers[0].disclosure).toBe('contradicted');
    const cookiesGroup = groups.find((g) => g.purpose?.id === 'cookies.technologies')!;
    expect(cookiesGroup.trackers.map((t) => t.disclosure)).toEqual(['contradicted', 'undisclosed', 'named']);
    expect(groups.find((g) => g.purpose === null)!.trackers.map((t) => t.vendor)).toEqual(['ocd-x']);
    for (let i = 1; i < groups.length; i++) {
      const rank = (d?: string) => ['named', 'generic', 'undisclosed', 'contradicted'].indexOf(d ?? '');
      const worst = (g: (typeof groups)[number]) => Math.max(...g.trackers.map((t) => rank(t.disclosure)));
      expect(worst(groups[i - 1])).toBeGreaterThanOrEqual(worst(groups[i]));
    }
  });
});

describe('PolicyView', () => {
  it('renders a page: purposes with observed trackers, and stated purposes nothing uses', () => {
    const { container } = render(withI18n(<PolicyView page={contradictedPage} />));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Политика конфиденциальности и что наблюдалось');
    expect(container.textContent).toContain('Версия текста политики: abc123def456');
    const ads = container.querySelector('[data-purpose="ads.audiences"]')!;
    expect(ads.textContent).toContain('Яндекс Директ');
    const unused = container.querySelector('.tl-unused-purposes')!;
    expect(unused.querySelector('[data-purpose="purposes.feedback"]')).not.toBeNull();
    expect(unused.querySelector('[data-purpose="ads.audiences"]')).toBeNull();
    // The first purpose section holds the contradicted tracker.
    const firstSection = container.querySelector('.tl-purpose')!;
    expect(firstSection.querySelector('[data-status="contradicted"]')).not.toBeNull();
  });

  it('renders a multi-page summary with badges', () => {
    const summary = policyPurposeSummary([contradictedPage]);
    const { container } = render(withI18n(<PolicyView summary={summary} />, 'en'));
    expect(container.textContent).toContain('Stated purposes and what serves them');
    expect(screen.getAllByRole('img', { name: /Possible contradiction/ }).length).toBeGreaterThan(0);
    expect(container.querySelector('[data-purpose="mailings.consent-only"]')).not.toBeNull();
  });

  it('says when nothing was observed', () => {
    const empty = ReportPageSchema.parse({
      url: 'https://pro-medika.ru/',
      finalUrl: 'https://pro-medika.ru/',
      title: '',
      trackers: [],
      cookies: [],
      storage: [],
      thirdParties: [],
    });
    const { container } = render(withI18n(<PolicyView page={empty} />));
    expect(container.textContent).toContain('трекеры не обнаружены');
    expect(container.querySelectorAll('.tl-unused-purposes li').length).toBeGreaterThan(5);
  });
});
