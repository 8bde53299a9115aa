// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { dictionaryTranslator, I18nProvider } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { PageDetail } from '../../components/audit/PageDetail';
import { VisitCompare, visitDiff } from '../../components/audit/VisitCompare';
import { auditRecord, cookie, tracker } from './audit-page-fixtures';

/** The audit page's side-by-side comparison of two visits (issue #17), through policy/diff. */

const URL = 'https://pro-medika.ru/appointment/';
const T = Date.parse('2026-12-01T10:00:00Z');
const OLD = auditRecord({
  id: 'a',
  url: URL,
  time: T,
  trackers: [tracker('metrika', 'Яндекс Метрика', 'generic'), tracker('jivo', 'Jivo', 'named')],
  cookies: [cookie('PHPSESSID', 'pro-medika.ru', { secure: true, httpOnly: true, value: 'old' })],
});
const NEW = auditRecord({
  id: 'b',
  url: `${URL}#x`,
  time: T + 86_400_000,
  trackers: [
    tracker('metrika', 'Яндекс Метрика', 'generic', { requests: 40 }),
    tracker('calltouch', '<img src=x onerror=alert(1)>', 'undisclosed'),
  ],
  cookies: [cookie('PHPSESSID', 'pro-medika.ru', { secure: false, httpOnly: true, value: 'new' })],
});

const wrap = (node: preact.ComponentChild) => render(<I18nProvider translator={dictionaryTranslator(messages, 'en')}>{node}</I18nProvider>);

afterEach(cleanup);

describe('VisitCompare', () => {
  it('puts what only the previous visit had on the left and what only this visit has on the right', () => {
    wrap(<VisitCompare previous={OLD} current={NEW} diff={visitDiff(OLD, NEW)} />);
    const trackers = screen.getByTestId('compare-trackers');
    const [before, after] = [...trackers.querySelectorAll('td')].map((td) => td.textContent);
    expect(before).toBe('− jivo');
    expect(after).toBe('+ calltouch');
    const attrs = [...screen.getByTestId('compare-cookieattrs').querySelectorAll('td')].map((td) => td.textContent);
    expect(attrs).toEqual(['− PHPSESSID@pro-medika.ru: secure=true', '+ PHPSESSID@pro-medika.ru: secure=false']);
    expect(screen.queryByTestId('compare-cookies')).toBeNull();
  });

  it('shows nothing changed when only volatile values differ', () => {
    const again = {
      ...OLD,
      id: 'c',
      time: T + 3_600_000,
      report: { ...OLD.report, requestCount: 99, cookies: [{ ...OLD.report.cookies[0], value: 'other' }] },
    };
    wrap(<VisitCompare previous={OLD} current={again} diff={visitDiff(OLD, again)} />);
    expect(screen.getByTestId('compare-nothing')).toBeTruthy();
  });

  it('"Compare with previous visit" on the detail view opens the comparison', async () => {
    wrap(<PageDetail record={NEW} previousVisit={async () => OLD} onBack={() => {}} onDelete={() => {}} />);
    const button = await waitFor(() => screen.getByTestId('compare-toggle'));
    expect(button.textContent).toBe('Compare with previous visit');
    expect(screen.queryByTestId('compare')).toBeNull();
    fireEvent.click(button);
    expect(screen.getByTestId('compare')).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('compare').innerHTML).not.toContain('<img');
  });
});
