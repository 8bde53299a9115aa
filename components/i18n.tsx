import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * UI text goes through the extension's i18n (browser.i18n.getMessage, _locales/ generated
 * from locales/messages.ts). Components get the translator from context so they can be
 * rendered in tests (happy-dom) with a dictionary translator and no browser API.
 */
export type Lang = 'ru' | 'en';

export interface Translator {
  lang: Lang;
  /** A UI string by key; $1..$9 replaced by subs. Unknown keys return the key itself. */
  t(key: string, subs?: (string | number)[]): string;
  /** Picks the language of engine data given as { ru, en }. */
  pick(text: { ru: string; en: string } | undefined): string;
}

export function substitute(template: string, subs?: (string | number)[]): string {
  if (!subs?.length) return template;
  return template.replace(/\$([1-9])/g, (m, d: string) => {
    const v = subs[Number(d) - 1];
    return v === undefined ? m : String(v);
  });
}

/** Translator over a plain dictionary ({ key: { ru, en } }); used in tests and as fallback. */
export function dictionaryTranslator(dict: Record<string, { ru: string; en: string }>, lang: Lang): Translator {
  return {
    lang,
    t: (key, subs) => substitute(dict[key]?.[lang] ?? key, subs),
    pick: (text) => (text ? text[lang] : ''),
  };
}

export const I18nContext = createContext<Translator | null>(null);

export function I18nProvider(props: { translator: Translator; children: ComponentChildren }) {
  return <I18nContext.Provider value={props.translator}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  const tr = useContext(I18nContext);
  if (!tr) throw new Error('useI18n() outside <I18nProvider>');
  return tr;
}
