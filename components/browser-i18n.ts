import { browser } from 'wxt/browser';
import { substitute, type Lang, type Translator } from './i18n';

/** The runtime translator: browser.i18n with the UI language; Russian unless the UI is English. */
export function browserTranslator(): Translator {
  // The locale getMessage() actually serves (@@ui_locale), not getUILanguage(): they can
  // differ (e.g. --lang=ru on a Chromium without its Russian UI pack serves en_US), and the
  // engine's { ru, en } texts must match the UI strings around them.
  const ui = (browser.i18n.getMessage('@@ui_locale') || browser.i18n.getUILanguage()).toLowerCase();
  const lang: Lang = ui.startsWith('en') ? 'en' : 'ru';
  return {
    lang,
    t: (key, subs) => {
      // getMessage takes substitutions only for declared placeholders; we substitute $n ourselves.
      const raw = browser.i18n.getMessage(key as never);
      return substitute(raw || key, subs);
    },
    pick: (text) => (text ? text[lang] : ''),
  };
}
