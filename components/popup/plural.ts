import type { Lang } from '../i18n';

const rules = new Map<Lang, Intl.PluralRules>();

/** The CLDR plural form of n ("one", "few", "many" or "other"): Russian needs three for counts. */
export function pluralForm(lang: Lang, n: number): 'one' | 'few' | 'many' | 'other' {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  const f = r.select(n);
  return f === 'one' || f === 'few' || f === 'many' ? f : 'other';
}

const regionNames = new Map<Lang, Intl.DisplayNames | null>();

/** A country's name in the UI language from its ISO alpha-2 code (the code itself when unknown). */
export function countryName(lang: Lang, code: string): string {
  if (!regionNames.has(lang)) {
    try {
      regionNames.set(lang, new Intl.DisplayNames([lang], { type: 'region' }));
    } catch {
      regionNames.set(lang, null);
    }
  }
  try {
    return regionNames.get(lang)?.of(code) ?? code;
  } catch {
    return code;
  }
}
