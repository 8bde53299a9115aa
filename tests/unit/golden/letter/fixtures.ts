/** Shared fixtures of the letter tests (tests/unit/letter*.test.ts). */
import type { ObservedVendor } from '../../../../policy/letter/compose';
import { validateSender, type Sender, type SenderInput } from '../../../../policy/letter/sender';

export const YANDEX: ObservedVendor = {
  vendorId: 'yandex-metrica',
  name: 'Яндекс Метрика',
  organization: 'ООО «Яндекс»',
  disclosure: 'generic',
  category: 'analytics',
  firstSeen: '2026-12-20T12:00:00.000Z',
  lastSeen: '2026-12-27T12:00:00.000Z',
  pages: 3,
};
export const YANDEX_ADS: ObservedVendor = {
  vendorId: 'yandex-ads',
  name: 'Рекламная сеть Яндекса',
  organization: 'ООО «Яндекс»',
  disclosure: 'contradicted',
  category: 'advertising',
  firstSeen: '2026-12-21T12:00:00.000Z',
  lastSeen: '2026-12-21T12:00:00.000Z',
  pages: 1,
};
export const GA: ObservedVendor = {
  vendorId: 'google-analytics',
  name: 'Google Analytics',
  organization: 'Google LLC',
  disclosure: 'undisclosed',
  category: 'analytics',
  firstSeen: '2026-12-27T12:00:00.000Z',
  lastSeen: '2026-12-27T12:00:00.000Z',
  pages: 1,
};
export const VK: ObservedVendor = {
  vendorId: 'top-mail-ru',
  name: 'Top.Mail.Ru',
  organization: 'ООО «ВК»',
  category: 'analytics',
  firstSeen: '2026-12-22T12:00:00.000Z',
  lastSeen: '2026-12-26T12:00:00.000Z',
  pages: 2,
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
