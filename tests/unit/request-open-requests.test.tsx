// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenRequests, summarizeOpenRequests } from '../../components/popup/OpenRequests';
import { Composer } from '../../components/request/Composer';
import { dictionaryTranslator, I18nProvider } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { operatorFromPolicy } from '../../policy/letter/operator';
import { checkSentRequest, isOverdue, type SentRequest } from '../../policy/letter/request-log';
import { YANDEX } from './golden/letter/fixtures';
import { sentRequest } from './sent-request';

afterEach(cleanup);

const base = sentRequest({ id: 'req-a', sentAt: '2026-12-28T07:00:00.000Z', deadline: '2027-01-19' });

describe('summarizeOpenRequests (popup, no zod)', () => {
  it('keeps open requests only, overdue first, with the same overdue rule as the log', () => {
    const raw: unknown[] = [
      { ...base, id: 'in-time', deadline: '2027-02-01' },
      { ...base, id: 'answered', status: 'answered', deadline: '2026-01-01' },
      { ...base, id: 'late', deadline: '2027-01-19' },
      { ...base, id: 'due-today', deadline: '2027-01-20' },
      { ...base, id: 'follow', kind: 'follow-up', deadline: '2027-01-10', parentId: 'late' },
    ];
    const today = '2027-01-20';
    const out = summarizeOpenRequests(raw, today);
    expect(out.map((r) => [r.id, r.overdue])).toEqual([
      ['follow', true],
      ['late', true],
      ['due-today', false],
      ['in-time', false],
    ]);
    for (const r of raw) {
      const res = checkSentRequest(r);
      if (!res.ok) throw new Error(res.error);
      const parsed = res.value;
      const shown = out.find((o) => o.id === parsed.id);
      if (shown) expect(shown.overdue).toBe(isOverdue(parsed, today));
    }
    expect(out[0].sentOn).toMatch(/^2026-12-28$/);
  });

  it('skips malformed records instead of failing', () => {
    const raw: unknown[] = [
      null,
      42,
      'x',
      {},
      { ...base, id: '' },
      { ...base, kind: 'other' },
      { ...base, deadline: '19.01.2027' },
      { ...base, sentAt: 'never' },
      base,
    ];
    expect(summarizeOpenRequests(raw, '2027-01-01').map((r) => r.id)).toEqual(['req-a']);
  });
});

function renderOpen(props: Parameters<typeof OpenRequests>[0], lang: 'ru' | 'en' = 'ru') {
  return render(
    <I18nProvider translator={dictionaryTranslator(messages, lang)}>
      <OpenRequests {...props} />
    </I18nProvider>,
  );
}

describe('OpenRequests', () => {
  const summaries = summarizeOpenRequests(
    [
      { ...base, id: 'late', deadline: '2027-01-19' },
      { ...base, id: 'fresh', deadline: '2027-02-01' },
    ],
    '2027-01-25',
  );

  it('lists open requests, marks the overdue one and links it to the log for a follow-up', () => {
    const { container } = renderOpen({ requests: summaries, logUrl: 'chrome-extension://x/request.html#log' });
    expect(screen.getByRole('heading').textContent).toBe('Открытые запросы: 2');
    expect(screen.getByText('Срок ответа истёк: 1. Можно составить повторное обращение.')).toBeTruthy();
    const late = container.querySelector('[data-testid="open-late"]')!;
    expect(late.classList.contains('overdue')).toBe(true);
    expect(late.textContent).toContain('Отправлено 28 декабря 2026 г., срок ответа: не позднее 19 января 2027 г.');
    const followUp = screen.getByRole('link', { name: 'Составить повторное обращение' });
    expect(followUp.getAttribute('href')).toBe('chrome-extension://x/request.html#log');
    expect(container.querySelector('[data-testid="open-fresh"]')!.classList.contains('overdue')).toBe(false);
    expect(screen.getByRole('link', { name: 'Открыть журнал запросов' })).toBeTruthy();
  });

  it('shows nothing while loading or with no open requests, a notice when the log is unreadable', () => {
    expect(renderOpen({ requests: null, logUrl: '#' }).container.textContent).toBe('');
    cleanup();
    expect(renderOpen({ requests: [], logUrl: '#' }).container.textContent).toBe('');
    cleanup();
    renderOpen({ requests: null, error: true, logUrl: '#' }, 'en');
    expect(screen.getByText('Could not read the request log.')).toBeTruthy();
  });

  it('speaks English with ISO dates in the English UI', () => {
    renderOpen({ requests: summaries, logUrl: '#' }, 'en');
    expect(screen.getByRole('heading').textContent).toBe('Open requests: 2');
    expect(screen.getAllByText(/Sent 2026-12-28, answer due by 2027-01-19/).length).toBe(1);
  });
});

describe('Composer markup note', () => {
  it('says next to the field that markup stays plain text, and keeps the letter whole', () => {
    const { container } = render(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <Composer
          observed={[YANDEX]}
          identifiers={{}}
          operator={operatorFromPolicy()}
          onSaveSender={vi.fn()}
          onSent={vi.fn()}
          clipboard={vi.fn(async () => {})}
          today={new Date(2026, 11, 28, 10)}
        />
      </I18nProvider>,
    );
    const fill = (name: string, value: string) => {
      const el = container.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      fireEvent.input(el, { target: { value } });
      fireEvent.blur(el);
      return el;
    };
    const name = fill('fullName', 'Анна <script>alert(1)</script>');
    fill('email', 'anna@example.ru');
    fill('phone', '+7 913 123-45-67');
    const note = screen.getByTestId('fullName-markup');
    expect(note.textContent).toContain('HTML-разметка');
    expect(name.getAttribute('aria-describedby')).toBe('f-fullName-markup');
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByTestId<HTMLTextAreaElement>('preview-body').value).toContain('От: Анна <script>alert(1)</script>');
    fill('fullName', 'Анна');
    expect(screen.queryByTestId('fullName-markup')).toBeNull();
    expect(name.getAttribute('aria-describedby')).toBeNull();
  });
});

describe('dates of sent requests are the local calendar day', () => {
  it('a request sent at 03:00 in Novosibirsk (20:00 UTC the day before) is dated by the local day', async () => {
    const { composeFollowUp, sentDay } = await import('../../policy/letter/compose');
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Novosibirsk';
    try {
      const req: SentRequest = { ...base, sentAt: '2026-12-28T20:00:00.000Z' };
      expect(sentDay(req.sentAt)).toBe('2026-12-29');
      expect(composeFollowUp(req, '2027-01-25').body).toContain('29 декабря 2026 г. на адрес info@pro-medika.ru');
      expect(summarizeOpenRequests([req], '2027-01-25')[0].sentOn).toBe('2026-12-29');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('Composer "I sent it"', () => {
  it('keeps one record per letter, however often it is pressed', async () => {
    const onSent = vi.fn(async () => {});
    const { container } = render(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <Composer
          observed={[YANDEX]}
          identifiers={{}}
          operator={operatorFromPolicy()}
          onSaveSender={vi.fn()}
          onSent={onSent}
          clipboard={vi.fn(async () => {})}
          today={new Date(2026, 11, 28, 10)}
        />
      </I18nProvider>,
    );
    for (const [name, value] of [
      ['fullName', 'Анна'],
      ['email', 'anna@example.ru'],
      ['phone', '89131234567'],
    ]) {
      fireEvent.input(container.querySelector(`input[name="${name}"]`)!, { target: { value } });
    }
    const button = screen.getByRole('button', { name: 'Я отправил(а) письмо' });
    fireEvent.click(button);
    fireEvent.click(button);
    await screen.findByText(/Запрос сохранён в журнале/);
    fireEvent.click(button);
    expect(onSent).toHaveBeenCalledTimes(1);
  });
});
