// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dictionaryTranslator, I18nProvider } from '../../components/i18n';
import { RequestApp } from '../../components/request/RequestApp';
import { messages } from '../../locales/messages';
import { operatorFromPolicy } from '../../policy/letter/operator';
import { parseSentRequests, type SentRequest } from '../../policy/letter/request-log';
import { YANDEX } from './golden/letter/fixtures';

afterEach(cleanup);

const demand: SentRequest = {
  id: 'r1',
  sentAt: '2026-12-28T09:00:00.000Z',
  demands: ['stop-tracking', 'info-request'],
  deadline: '2027-01-19',
  recipient: 'info@pro-medika.ru',
  subject: 'Требование о прекращении обработки персональных данных (152-ФЗ)',
  body: 'Исходный текст',
  vendors: ['yandex-metrica'],
  kind: 'demand',
  status: 'open',
};

function setup(stored: unknown[]) {
  const log: unknown[] = [...stored];
  const addRequest = vi.fn(async (r: SentRequest) => {
    log.push(r);
  });
  render(
    <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
      <RequestApp
        operator={operatorFromPolicy()}
        loadObservations={async () => ({ observed: [YANDEX], identifiers: {}, source: { kind: 'history', pages: 4 } })}
        loadSender={async () => null}
        saveSender={async () => {}}
        listRequests={async () => parseSentRequests(log)}
        addRequest={addRequest}
        updateRequest={async () => {}}
        clipboard={async () => {}}
        today={() => new Date(2027, 0, 20, 10)}
      />
    </I18nProvider>,
  );
  return { addRequest, log };
}

describe('RequestApp', () => {
  it('shows the source, reports unreadable log records and drafts a follow-up that is logged', async () => {
    const { addRequest } = setup([demand, { id: 'junk' }]);
    expect(await screen.findByText('Источник: все страницы в истории (4).')).toBeTruthy();
    expect(await screen.findByText(/не удалось прочитать: 1/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Составить повторное обращение' }));
    const body = (await screen.findByLabelText(/^Повторно:/)) as HTMLTextAreaElement;
    expect(body.value).toContain('ПОВТОРНОЕ ОБРАЩЕНИЕ');
    expect(body.value).toContain('Исходный текст');
    fireEvent.click(screen.getByRole('button', { name: 'Я отправил(а) письмо' }));
    await waitFor(() => expect(addRequest).toHaveBeenCalledTimes(1));
    const rec = addRequest.mock.calls[0][0];
    expect(rec).toMatchObject({ kind: 'follow-up', parentId: 'r1', deadline: '2027-01-27', status: 'open' });
    // Back on the composer; the demand no longer offers another follow-up.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Составить повторное обращение' })).toBeNull());
  });
});
