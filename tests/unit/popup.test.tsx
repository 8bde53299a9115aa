// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { I18nProvider, dictionaryTranslator } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { Popup } from '../../components/popup/Popup';
import { TrackersByPurpose } from '../../components/popup/TrackersByPurpose';
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
  for (const u of ['https://mc.yandex.ru/metrika/tag.js', 'https://mc.yandex.ru/webvisor/1', 'https://an.yandex.ru/system/context.js', 'https://counter.unknown.example/p.gif?id=1'])
    addRequest(s, { url: u, method: 'GET', kind: u.endsWith('.js') ? 'script' : 'image', time: T0, frameId: 0, via: 'webRequest' }, true, defaultClassifier.matchUrl(u));
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
  const built = buildFullPage({ state: s, cookies, classifier: defaultClassifier, siteDomains: proMedika.domains, policyPaths: proMedika.policyPaths });
  return { status: 'watched', pageId: s.pageId, startedAt: T0, page: built.page, identifiers: built.identifiers, policyView: policyViewData(built.page), limitedAccess: false };
}

function renderPopup(r: PageResponse | null, lang: 'ru' | 'en' = 'ru') {
  return render(
    <I18nProvider translator={dictionaryTranslator(messages, lang)}>
      <Popup
        response={r}
        now={T0}
        onExportJson={() => {}}
        renderTrackers={(page) => (r?.status === 'watched' ? <TrackersByPurpose page={page} view={r.policyView} /> : null)}
        renderPolicy={(page) => (r?.status === 'watched' ? <PolicyTab page={page} view={r.policyView} /> : null)}
      />
    </I18nProvider>,
  );
}

describe('popup', () => {
  afterEach(cleanup);

  it('summary line, trackers grouped by policy purpose with undisclosed first', () => {
    const r = response();
    renderPopup(r);
    expect(screen.getByTestId('summary').textContent).toBe(`${r.page.trackers.length} трекеров · 3 cookie · 2 сторонних доменов`);
    const groups = document.querySelectorAll('section.purpose-group');
    expect(groups.length).toBeGreaterThan(0);
    // Webvisor makes Metrica undisclosed, which sorts its group first; status is text, not colour only.
    expect(groups[0].textContent).toContain('Яндекс Метрика');
    expect(groups[0].textContent).toMatch(/Не раскрыто в политике|Возможное противоречие/);
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
    expect(describeActivity({ host: 'x', site: 'x', vendor: null, requests: 1, types: ['script', 'subdocument', 'websocket'], likelyTracking: false, reasons: [], setCookie: true })).toEqual([
      'popup_didSetCookie',
      'popup_didScript',
      'popup_didIframe',
      'popup_didWebsocket',
    ]);
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
