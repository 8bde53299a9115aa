import { browser } from 'wxt/browser';
import { substitute, type Lang, type Translator } from './i18n';

/**
 * The part of browser.i18n the translator reads. bench/harness/popup-entry.tsx passes a
 * stand-in that serves the extension's own _locales messages the way the browser does.
 */
export interface I18nApi {
  getMessage(key: string): string;
  getUILanguage(): string;
}

/** The runtime translator: browser.i18n with the UI language; Russian unless the UI is English. */
export function browserTranslator(i18n: I18nApi = browser.i18n): Translator {
  // The locale getMessage() actually serves (@@ui_locale), not getUILanguage(): they can
  // differ (e.g. --lang=ru on a Chromium without its Russian UI pack serves en_US), and the
  // engine's { ru, en } texts must match the UI strings around them.
  const ui = (i18n.getMessage('@@ui_locale') || i18n.getUILanguage()).toLowerCase();
  const lang: Lang = ui.startsWith('en') ? 'en' : 'ru';
  // Each getMessage() is a call into the browser's native binding, and the popup asks for the
  // same few dozen keys once per tracker card or cookie row (80+ cards): read each key once.
  const raw = new Map<string, string>();
  return {
    lang,
    t: (key, subs) => {
      let text = raw.get(key);
      if (text === undefined) {
        // getMessage takes substitutions only for declared placeholders; we substitute $n ourselves.
        text = i18n.getMessage(key) || key;
        raw.set(key, text);
      }
      return substitute(text, subs);
    },
    pick: (text) => (text ? text[lang] : ''),
  };
}
