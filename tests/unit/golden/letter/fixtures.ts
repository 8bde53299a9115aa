/** Shared fixtures of the letter tests (tests/unit/letter*.test.ts). */
import type { ObservedVendor } from '../../../../policy/letter/compose';
import { validateSender, type Sender, type SenderInput } from '../../../../policy/letter/sender';

// Realistic statuses (issue 13): Metrica is covered only generically and, with Webvisor and a
// medical page, possibly contradicted; Yandex Direct is named («Яндекс Директ») and stays named
// although a medical page's address reached it (a fact, not a status).
export const YANDEX: ObservedVendor = {
  vendorId: 'yandex-metrica',
  name: 'Яндекс Метрика',
  organization: 'ООО «Яндекс»',
  country: 'RU',
  disclosure: 'contradicted',
  category: 'analytics',
  firstSeen: '2026-12-20T12:00:00.000Z',
  lastSeen: '2026-12-27T12:00:00.000Z',
  pages: 3,
  facts: ['session-recording', 'health-context', 'typed-data'],
};
export const YANDEX_ADS: ObservedVendor = {
  vendorId: 'yandex-direct',
  name: 'Яндекс Директ',
  organization: 'ООО «Яндекс»',
  country: 'RU',
  disclosure: 'named',
  category: 'advertising',
  firstSeen: '2026-12-21T12:00:00.000Z',
  lastSeen: '2026-12-21T12:00:00.000Z',
  pages: 1,
  facts: ['health-context'],
};
export const GA: ObservedVendor = {
  vendorId: 'google-analytics',
  name: 'Google Analytics',
  organization: 'Google LLC',
  country: 'US',
  disclosure: 'generic',
  category: 'analytics',
  firstSeen: '2026-12-27T12:00:00.000Z',
  lastSeen: '2026-12-27T12:00:00.000Z',
  pages: 1,
};
export const VK: ObservedVendor = {
  vendorId: 'vk-ads',
  name: 'Top.Mail.Ru / пиксель VK Рекламы',
  organization: 'ООО «ВК»',
  country: 'RU',
  disclosure: 'named',
  category: 'advertising',
  firstSeen: '2026-12-22T12:00:00.000Z',
  lastSeen: '2026-12-26T12:00:00.000Z',
  pages: 2,
  facts: ['health-context', 'typed-data'],
};

export const BASE_SENDER: SenderInput = {
  fullName: 'Иванова Анна Петровна',
  email: "anna.o'neil+clinic@example.ru",
  phone: '8 (913) 123-45-67',
};

export function sender(overrides: Partial<SenderInput> = {}): Sender {
  const v = validateSender({ ...BASE_SENDER, ...overrides });
  if (!v.ok) throw new Error(`fixture sender invalid: ${JSON.stringify(v.errors)}`);
  return v.sender;
}
