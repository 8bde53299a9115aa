import { messages } from './messages';

/** chrome.i18n messages.json text per language, from locales/messages.ts. */
export function localeFiles(): Record<'ru' | 'en', string> {
  const out = { ru: {} as Record<string, { message: string }>, en: {} as Record<string, { message: string }> };
  for (const [key, msg] of Object.entries(messages)) {
    if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`invalid i18n key ${key}`);
    // chrome.i18n treats "$1" as its own substitution; "$$" is a literal "$" (MDN i18n
    // Locale-Specific Message reference). Our t() substitutes $n itself.
    out.ru[key] = { message: msg.ru.replace(/\$/g, '$$$$') };
    out.en[key] = { message: msg.en.replace(/\$/g, '$$$$') };
  }
  return { ru: JSON.stringify(out.ru, null, 2) + '\n', en: JSON.stringify(out.en, null, 2) + '\n' };
}
