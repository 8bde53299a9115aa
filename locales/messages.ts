/**
 * Source of truth for UI strings, Russian first. scripts/gen-locales.ts writes
 * public/_locales/{ru,en}/messages.json from it (a unit test fails when they drift), and
 * the UI reads them through browser.i18n (components/i18n.tsx). Keys: [a-zA-Z0-9_] only
 * (chrome.i18n rule). Placeholders: $1..$9 are substituted by t(key, [..]).
 *
 * Each area adds its strings in its own block; keep keys prefixed by area
 * (popup_, policy_, request_, audit_).
 */
export interface Msg {
  ru: string;
  en: string;
}

import { popupMessages } from './popup';
import { policyMessages } from './policy';
import { requestMessages } from './request';
import { auditMessages } from './audit';

const baseMessages = {
  extName: { ru: 'Промедика: трекеры под лупой', en: 'Promedika tracker lens' },
  extDescription: {
    ru: 'Показывает cookie, хранилище и сторонние трекеры на pro-medika.ru, сверяет их с политикой конфиденциальности клиники и помогает потребовать прекратить обработку данных (152-ФЗ).',
    en: "Shows cookies, storage and third-party trackers on pro-medika.ru, checks them against the clinic's privacy policy and helps demand a stop to processing (152-FZ).",
  },
} satisfies Record<string, Msg>;

export const messages = {
  ...baseMessages,
  ...popupMessages,
  ...policyMessages,
  ...requestMessages,
  ...auditMessages,
} satisfies Record<string, Msg>;

export type MessageKey = keyof typeof messages;
