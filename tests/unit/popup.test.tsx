// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { I18nProvider, dictionaryTranslator } from '../../components/i18n';
import { browserTranslator } from '../../components/browser-i18n';
import { localeFiles } from '../../locales/render';
import { messages } from '../../locales/messages';
import { Popup } from '../../components/popup/Popup';
import { TrackersByOrganization } from '../../components/popup/TrackersByOrganization';
import { PolicyTab } from '../../components/popup/PolicyTab';
import { describeActivity } from '../../components/popup/ThirdPartyList';
import { daysUntil } from '../../components/popup/format';
import { addRequest, newPage } from '../../policy/page-state';
import { buildFullPage, policyViewData } from '../../policy/report/build';
import { defaultClassifier } from '../../policy/classify';
import { proMedika } from '../../policy/site/pro-medika';
import type { PageResponse } from '../../policy/messages';
import type { ObservedCookie } from '../../policy/observation';

const T0 = Date.UTC(2026, 10, 25);
const HOSTILE = '<img src=x onerror=alert(1)>';

function response(cookieCount = 3): Extract<PageResponse, { status: 'watched' }> {
  const s = newPage(7, 'https://pro-medika.ru/services/urologiya/', T0);
  for (const u of [
    'https://mc.yandex.ru/metrika/tag.js',
    'https://mc.yandex.ru/webvisor/1',
    'https://an.yandex.ru/system/context.js',
    'https://counter.unknown.example/p.gif?id=1',
  ])
    addRequest(
      s,
      { url: u, method: 'GET', kind: u.endsWith('.js') ? 'script' : 'image', time: T0, frameId: 0, via: 'webRequest' },
      true,
      defaultClassifier.matchUrl(u),
    );
  const cookies: ObservedCookie[] = Array.from({ length: cookieCount }, (_, i) => ({
    name: i === 0 ? HOSTILE : `c${i}`,
    value: i === 0 ? HOSTILE : 'v'.repeat(i === 1 ? 4096 : 5),
    domain: '.pro-medika.ru',
    path: '/',
    secure: true,
    httpOnly: i === 2,
    sameSite: 'lax',
    hostOnly: false,
    session: i % 2 === 0,
    ...(i % 2 === 0 ? {} : { expirationDate: T0 / 1000 + 10 * 86400 }),
  }));
  const built = buildFullPage({
    state: s,
    cookies,
    classifier: defaultClassifier,
    siteDomains: proMedika.domains,
    policyPaths: proMedika.policyPaths,
  });
  return {
    status: 'watched',
    pageId: s.pageId,
    startedAt: T0,
    page: built.page,
    identifiers: built.identifiers,
    policyView: policyViewData(built.page),
    limitedAccess: false,
  };
}

function renderPopup(r: PageResponse | null, lang: 'ru' | 'en' = 'ru') {
  return render(
    <I18nProvider translator={dictionaryTranslator(messages, lang)}>
      <Popup
        response={r}
        now={T0}
        onExportJson={() => {}}
        renderTrackers={(page) => (r?.status === 'watched' ? <TrackersByOrganization page={page} /> : null)}
        renderPolicy={(page) => (r?.status === 'watched' ? <PolicyTab page={page} view={r.policyView} /> : null)}
      />
    </I18nProvider>,
  );
}

describe('popup', () => {
  afterEach(cleanup);

  it('summary line, trackers grouped by organisation, each service once, least disclosed first', () => {
    const r = response();
    renderPopup(r);
    expect(screen.getByTestId('summary').textContent).toBe(`${r.page.trackers.length} трекеров · 3 cookie · 2 сторонних доменов`);
    const groups = document.querySelectorAll('section.org');
    expect(groups.length).toBeGreaterThan(0);
    // Metrica and Direct are both Yandex's: one group; Webvisor makes Metrica undisclosed, which sorts it first.
    expect(groups[0].getAttribute('data-org')).toBe('ООО «Яндекс»');
    expect(groups[0].textContent).toContain('Яндекс Метрика');
    expect(groups[0].textContent).toMatch(/Не раскрыто в политике|Возможное противоречие/);
    const vendors = [...document.querySelectorAll('li.tracker')].map((li) => li.getAttribute('data-vendor'));
    expect(vendors.length).toBe(new Set(vendors).size);
    expect(new Set(vendors)).toEqual(new Set(r.page.trackers.map((t) => t.vendor)));
  });

  it("each card's details (hosts, cookies, requests, the rule) are built when expanded, one card at a time", () => {
    const r = response();
    renderPopup(r);
    const cards = [...document.querySelectorAll('li.tracker')];
    // Collapsed: name, status badge, what it collects and the policy's words; no hosts, explanation or evidence.
    for (const card of cards) {
      expect(card.querySelector('[role="img"]')).not.toBeNull();
      expect(card.querySelector('.policy-words')).not.toBeNull();
      expect(within(card as HTMLElement).getByRole('button', { expanded: false })).toBeTruthy();
      expect(card.querySelector('dl, .tl-explanation, .tl-tracker-policy__body')).toBeNull();
    }
    const metrica = document.querySelector<HTMLElement>('li.tracker[data-vendor="yandex-metrica"]')!;
    fireEvent.click(within(metrica).getByRole('button', { expanded: false }));
    expect(within(metrica).getByRole('button', { expanded: true })).toBeTruthy();
    expect(metrica.querySelector('.tl-explanation')!.textContent!.length).toBeGreaterThan(10);
    expect(metrica.querySelector('dd.requests')!.textContent).toBe(
      String(r.page.trackers.find((t) => t.vendor === 'yandex-metrica')!.requests),
    );
    expect(screen.getAllByRole('button', { expanded: true })).toHaveLength(1);
    // Switching tabs and back rebuilds the Trackers tab collapsed, as before.
    fireEvent.click(screen.getByRole('tab', { name: 'Cookie' }));
    expect(document.querySelector('li.tracker')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Трекеры' }));
    expect(screen.queryAllByRole('button', { expanded: true })).toHaveLength(0);
    expect(document.querySelector('.tl-explanation')).toBeNull();
  });

  it("a card's host, cookie and key lists show the first names and how many more (the Popup's own Trackers tab)", () => {
    const many = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    const tracker = {
      vendor: 'x',
      name: 'X',
      organization: 'ООО «Икс»',
      category: 'analytics',
      hosts: many('h', 12),
      requests: 3,
      cookies: many('c', 16),
      storage: many('k', 2),
      features: [],
      purposes: [],
      quotes: [],
    };
    const r = response();
    // No renderTrackers: the Popup renders the grouped view itself.
    render(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <Popup response={{ ...r, page: { ...r.page, trackers: [tracker] } }} now={T0} />
      </I18nProvider>,
    );
    const card = document.querySelector<HTMLElement>('section.org[data-org="ООО «Икс»"] li.tracker[data-vendor="x"]')!;
    expect(card.querySelector('dd')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { expanded: false }));
    const dds = [...card.querySelectorAll('dd')].map((d) => d.textContent);
    expect(dds).toContain(`${many('h', 10).join(', ')} и ещё 2`);
    expect(dds).toContain(`${many('c', 15).join(', ')} и ещё 1`);
    expect(dds).toContain('k0, k1');
    expect(dds).toContain('3');
  });

  it('inactive tabs are not rendered until opened', () => {
    renderPopup(response(150));
    expect(document.querySelector('table.cookies')).toBeNull();
    expect(document.querySelector('.tl-policy-view')).toBeNull();
    const panel = screen.getByRole('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe('tab-trackers');
    fireEvent.click(screen.getByRole('tab', { name: 'Cookie' }));
    expect(document.querySelector('table.cookies')).not.toBeNull();
    expect(document.querySelector('li.tracker')).toBeNull();
  });

  it('cookie values stay hidden until revealed, and markup renders as text', () => {
    renderPopup(response());
    fireEvent.click(screen.getByRole('tab', { name: 'Cookie' }));
    const table = document.querySelector('table.cookies')!;
    expect(table.textContent).toContain(HOSTILE); // the name, as text
    expect(document.querySelector('code.cookie-value')).toBeNull();
    fireEvent.click(within(table as HTMLElement).getByRole('button', { name: `Показать значение cookie ${HOSTILE}` }));
    expect(document.querySelector('code.cookie-value')!.textContent).toBe(HOSTILE);
    expect(document.querySelectorAll('main img, main script').length).toBe(0);
    expect(table.textContent).toContain('через 10 дн.');
  });

  it('long lists are bounded with "show more"', () => {
    renderPopup(response(150));
    fireEvent.click(screen.getByRole('tab', { name: 'Cookie' }));
    expect(document.querySelectorAll('table.cookies tbody tr').length).toBe(51); // 50 rows + the "more" row
    fireEvent.click(screen.getByText(/Показать ещё 50/));
    expect(document.querySelectorAll('table.cookies tbody tr').length).toBe(101);
  });

  it('tabs follow the WAI-ARIA pattern: arrow keys move selection', () => {
    renderPopup(response());
    const tabs = screen.getAllByRole('tab');
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tabs[0], { key: 'ArrowRight' });
    expect(screen.getAllByRole('tab')[1].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(screen.getAllByRole('tab')[1], { key: 'End' });
    expect(screen.getAllByRole('tab')[4].getAttribute('aria-selected')).toBe('true');
  });

  it('policy tab lists purposes with what serves them and stated purposes nothing uses', () => {
    renderPopup(response());
    fireEvent.click(screen.getByRole('tab', { name: 'Политика' }));
    expect(document.querySelector('.tl-policy-view')).not.toBeNull();
    expect(document.querySelectorAll('.tl-unused-purposes li').length).toBeGreaterThan(0);
    expect(document.querySelector('.tl-policy-view blockquote')!.textContent!.length).toBeGreaterThan(10);
  });

  it('unidentified third parties say what they did', () => {
    renderPopup(response());
    fireEvent.click(screen.getByRole('tab', { name: 'Сторонние домены' }));
    const li = document.querySelector('li.unidentified[data-host="counter.unknown.example"]')!;
    expect(li.textContent).toContain('пиксель или маяк');
    expect(li.textContent).toContain('вероятно, отслеживает');
    expect(
      describeActivity({
        host: 'x',
        site: 'x',
        vendor: null,
        requests: 1,
        types: ['script', 'subdocument', 'websocket'],
        likelyTracking: false,
        reasons: [],
        setCookie: true,
      }),
    ).toEqual(['popup_didSetCookie', 'popup_didScript', 'popup_didIframe', 'popup_didWebsocket']);
  });

  it('other sites and missing data get a plain message; English UI works', () => {
    renderPopup({ status: 'not-watched' });
    expect(document.body.textContent).toContain('следит только за сайтом pro-medika.ru');
    document.body.innerHTML = '';
    renderPopup({ status: 'no-data' }, 'en');
    expect(document.body.textContent).toContain('Reload the page');
    expect(daysUntil(null, T0)).toBeNull();
    expect(daysUntil(new Date(T0 + 3 * 86400000).toISOString(), T0)).toBe(3);
  });
});

describe('browserTranslator', () => {
  // The extension's own messages.json as chrome.i18n serves it ("$$" is a literal "$").
  const ru = JSON.parse(localeFiles().ru) as Record<string, { message: string }>;
  const api = (ui: string) => ({
    getMessage: vi.fn((key: string) => (key === '@@ui_locale' ? ui : (ru[key]?.message.replace(/\$\$/g, '$') ?? ''))),
    getUILanguage: () => ui,
  });

  it('serves the UI strings with our $n substitution, reading each key from the browser once', () => {
    const i18n = api('ru');
    const tr = browserTranslator(i18n);
    expect(tr.lang).toBe('ru');
    expect(tr.t('popup_summary', [5, 7, 2])).toBe('5 трекеров · 7 cookie · 2 сторонних доменов');
    expect(tr.t('popup_summary', [1, 2, 3])).toBe('1 трекеров · 2 cookie · 3 сторонних доменов');
    expect(tr.t('no_such_key')).toBe('no_such_key');
    expect(tr.t('no_such_key')).toBe('no_such_key');
    const calls = i18n.getMessage.mock.calls.map((c) => c[0]);
    expect(calls.filter((k) => k === 'popup_summary')).toHaveLength(1);
    expect(calls.filter((k) => k === 'no_such_key')).toHaveLength(1);
    expect(tr.pick({ ru: 'да', en: 'yes' })).toBe('да');
  });

  it('follows the locale chrome.i18n serves (@@ui_locale) for engine texts', () => {
    const tr = browserTranslator(api('en_US'));
    expect(tr.lang).toBe('en');
    expect(tr.pick({ ru: 'да', en: 'yes' })).toBe('yes');
  });
});
