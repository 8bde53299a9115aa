import type { SentRequest } from '../../policy/letter/request-log';

/** A sent stop-processing demand as the request log stores it, still open. */
export function sentRequest(extra: Partial<SentRequest> = {}): SentRequest {
  return {
    id: 'r1',
    sentAt: '2026-12-28T09:00:00.000Z',
    demands: ['stop-tracking'],
    deadline: '2027-01-20',
    recipient: 'info@pro-medika.ru',
    subject: 'Требование',
    body: 'Текст',
    vendors: ['yandex-metrica'],
    kind: 'demand',
    status: 'open',
    ...extra,
  };
}
