// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../components/request/Composer';
import { RequestLog } from '../../components/request/RequestLog';
import { dictionaryTranslator, I18nProvider } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { parseMailto } from '../../policy/letter/mailto';
import { operatorFromPolicy } from '../../policy/letter/operator';
import { emptySenderInput } from '../../policy/letter/sender';
import { extensionPatch, type SentRequest } from '../../policy/letter/request-log';
import { GA, YANDEX } from './golden/letter/fixtures';

afterEach(cleanup);

const operator = operatorFromPolicy();

function setup(overrides: Partial<Parameters<typeof Composer>[0]> = {}, lang: 'ru' | 'en' = 'ru') {
  const onSent = vi.fn();
  const onSaveSender = vi.fn();
  const clipboard = vi.fn(async () => {});
  const utils = render(
    <I18nProvider translator={dictionaryTranslator(messages, lang)}>
      <Composer
        observed={[YANDEX, GA]}
        identifiers={{ ymUid: '1695035051576708091', gaClientId: '123.456' }}
        operator={operator}
        onSaveSender={onSaveSender}
        onSent={onSent}
        clipboard={clipboard}
        today={new Date(2026, 11, 28, 10)}
        {...overrides}
      />
    </I18nProvider>,
  );
  return { ...utils, onSent, onSaveSender, clipboard };
}

function fill(container: Element, name: string, value: string) {
  const el = container.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  fireEvent.input(el, { target: { value } });
  fireEvent.blur(el);
}

describe('Composer', () => {
  it('has labelled required inputs named fullName, email, phone and preselected demands', () => {
    const { container } = setup();
    for (const name of ['fullName', 'email', 'phone']) {
      const el = container.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      expect(el.required).toBe(true);
      expect(container.querySelector(`label[for="${el.id}"]`)).not.toBeNull();
    }
    const checked = [...container.querySelectorAll<HTMLInputElement>('input[name="demand"]')].filter((c) => c.checked).map((c) => c.value);
    expect(checked).toEqual(['stop-tracking', 'withdraw-consent', 'info-request']);
    expect(screen.getByText(/Основание: ч\. 5\.1 ст\. 21 152-ФЗ/)).toBeTruthy();
    expect(screen.getByTestId('deadline').textContent).toContain('20 января 2027 г.');
    expect(screen.getByTestId('deadline-may-move').textContent).toContain('дата может сдвинуться');
    expect(screen.getByText(/переносы выходных дней по постановлениям Правительства/)).toBeTruthy();
    // No letter (and no mailto) until the sender is valid.
    expect(screen.queryByTestId('mailto')).toBeNull();
  });

  it('a consent withdrawal alone: 30 calendar days, no production-calendar note, no "may move"', () => {
    const { container } = setup();
    for (const c of container.querySelectorAll<HTMLInputElement>('input[name="demand"]'))
      if (c.checked !== (c.value === 'withdraw-consent')) fireEvent.click(c);
    expect(screen.getByTestId('deadline').textContent).toContain('27 января 2027 г.');
    expect(screen.getByText(/Считается в календарных днях/)).toBeTruthy();
    expect(screen.queryByText(/переносы выходных дней по постановлениям Правительства/)).toBeNull();
    expect(screen.queryByTestId('deadline-may-move')).toBeNull();
  });

  it('shows inline messages with aria-invalid for invalid input', async () => {
    const { container } = setup();
    fill(container, 'fullName', '   ');
    fill(container, 'email', 'anna@');
    fill(container, 'phone', '12');
    await waitFor(() => expect(container.querySelector('input[name="email"]')!.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/Неверный адрес электронной почты/)).toBeTruthy();
    expect(screen.getByText(/Неверный номер телефона/)).toBeTruthy();
    expect(screen.getByText(/Обязательное поле/)).toBeTruthy();
    fill(container, 'fullName', 'я'.repeat(10 * 1024));
    await waitFor(() => expect(screen.getByText(/не более 200 символов/)).toBeTruthy());
    expect(screen.queryByTestId('preview-body')).toBeNull();
  });

  it('builds the preview and a mailto link that decodes to exactly the previewed letter', async () => {
    const { container, clipboard } = setup();
    fill(container, 'fullName', 'Иванова <b>Анна</b>');
    fill(container, 'email', 'anna+clinic@example.ru');
    fill(container, 'phone', '89131234567');
    const body = await screen.findByTestId('preview-body');
    const text = (body as HTMLTextAreaElement).value;
    expect(text).toContain('От: Иванова <b>Анна</b>');
    expect(container.querySelector('b')).toBeNull(); // markup rendered as text
    expect(text).toContain('Яндекс Метрика');
    expect(text).not.toContain('_ym_uid');
    const link = screen.getByTestId('mailto') as HTMLAnchorElement;
    expect(link.tagName).toBe('A');
    const parsed = parseMailto(link.getAttribute('href')!);
    expect(parsed.to).toBe(operator.email);
    // The full letter is longer than a safe mailto URL: the link says it was copied, and the
    // click copies the full previewed text.
    expect(screen.getByText(/полный текст будет скопирован/)).toBeTruthy();
    fireEvent.click(link);
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith(text));
    expect((await screen.findByTestId('eml')).getAttribute('download')).toMatch(/\.eml$/);
    expect(new URL(screen.getByTestId('webmail-gmail').getAttribute('href')!).searchParams.get('to')).toBe(operator.email);
  });

  it('includes identifiers only when ticked, and reveals ID document fields behind a checkbox', async () => {
    const { container } = setup({
      initialSender: { ...emptySenderInput(), fullName: 'Анна', email: 'a@example.ru', phone: '+79131234567' },
    });
    expect(container.querySelector('input[name="idDocument.number"]')).toBeNull();
    expect(screen.getByText(/Часть 3 статьи 14 152-ФЗ/)).toBeTruthy();
    fireEvent.click(container.querySelector('#f-includeIdentifiers')!);
    await waitFor(() =>
      expect((screen.getByTestId('preview-body') as HTMLTextAreaElement).value).toContain('_ym_uid): 1695035051576708091'),
    );
    fireEvent.click(container.querySelector('#f-includeIdDocument')!);
    await waitFor(() => expect(container.querySelector('input[name="idDocument.number"]')).not.toBeNull());
  });

  it('"I sent it" saves the sender and reports a record with demands and deadline', async () => {
    const { container, onSent, onSaveSender } = setup();
    fill(container, 'fullName', 'Анна');
    fill(container, 'email', 'a@example.ru');
    fill(container, 'phone', '+7 913 123 45 67');
    fireEvent.click(container.querySelector('input[value="stop-marketing"]')!);
    fireEvent.click(await screen.findByRole('button', { name: 'Я отправил(а) письмо' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    const rec = onSent.mock.calls[0][0] as SentRequest;
    expect(rec).toMatchObject({ kind: 'demand', status: 'open', deadline: '2027-01-20', recipient: operator.email });
    expect(rec.demands).toEqual(['stop-tracking', 'withdraw-consent', 'stop-marketing', 'info-request']);
    expect(rec.vendors).toEqual(['yandex-metrica', 'google-analytics']);
    expect(onSaveSender).toHaveBeenCalled();
  });

  it('renders the UI in English while the letter stays Russian', async () => {
    const { container } = setup({}, 'en');
    expect(screen.getByText('Full name (required)')).toBeTruthy();
    fill(container, 'fullName', 'Anna');
    fill(container, 'email', 'a@example.ru');
    fill(container, 'phone', '+7 913 123 45 67');
    const body = (await screen.findByTestId('preview-body')) as HTMLTextAreaElement;
    expect(body.value).toContain('Прошу направить ответ не позднее');
  });
});

describe('RequestLog', () => {
  const demand: SentRequest = {
    id: 'r1',
    sentAt: '2026-12-28T09:00:00.000Z',
    demands: ['stop-tracking'],
    deadline: '2027-01-19',
    recipient: 'info@pro-medika.ru',
    subject: 'Требование о прекращении обработки персональных данных (152-ФЗ)',
    body: 'x',
    vendors: [],
    kind: 'demand',
    status: 'open',
  };

  function renderLog(requests: SentRequest[], today: Date) {
    const fns = { onFollowUp: vi.fn(), onComplaint: vi.fn(), onStatus: vi.fn(), onExtension: vi.fn() };
    render(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <RequestLog requests={requests} today={today} invalidCount={1} {...fns} />
      </I18nProvider>,
    );
    return fns;
  }

  it('marks overdue requests and offers a follow-up, then a complaint', () => {
    const fns = renderLog([demand], new Date(2027, 0, 20));
    expect(screen.getByText('Срок ответа истёк')).toBeTruthy();
    expect(screen.getByText(/не удалось прочитать: 1/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Составить повторное обращение' }));
    expect(fns.onFollowUp).toHaveBeenCalledWith(demand);
    cleanup();
    const fu: SentRequest = {
      ...demand,
      id: 'r2',
      kind: 'follow-up',
      parentId: 'r1',
      deadline: '2027-01-27',
      sentAt: '2027-01-20T09:00:00.000Z',
    };
    const fns2 = renderLog([fu, demand], new Date(2027, 0, 28));
    expect(screen.queryByRole('button', { name: 'Составить повторное обращение' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Составить жалобу в Роскомнадзор' }));
    expect(fns2.onComplaint).toHaveBeenCalledWith(fu);
    fireEvent.click(screen.getAllByRole('button', { name: 'Ответ получен' })[0]);
    expect(fns2.onStatus).toHaveBeenCalledWith(fu, 'answered');
  });

  it('records an extension notice: the deadline moves by at most 5 working days (art. 21 part 5.1; art. 14 part 3)', () => {
    const fns = renderLog([demand], new Date(2027, 0, 15));
    fireEvent.click(screen.getByRole('button', { name: 'Получено уведомление о продлении срока' }));
    expect(fns.onExtension).toHaveBeenCalledWith(demand);
    cleanup();
    const ext: SentRequest = { ...demand, ...extensionPatch(demand) };
    expect(ext.extendedDeadline).toBe('2027-01-26');
    renderLog([ext], new Date(2027, 0, 22));
    expect(screen.queryByText('Срок ответа истёк')).toBeNull();
    expect(screen.getByTestId('extended-r1').textContent).toContain('26 января 2027 г.');
    expect(screen.queryByRole('button', { name: 'Получено уведомление о продлении срока' })).toBeNull();
    cleanup();
    renderLog([ext], new Date(2027, 0, 27));
    expect(screen.getByText('Срок ответа истёк')).toBeTruthy();
  });

  it('does not mark requests in time', () => {
    renderLog([demand], new Date(2027, 0, 19));
    expect(screen.queryByText('Срок ответа истёк')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Составить повторное обращение' })).toBeNull();
  });
});
