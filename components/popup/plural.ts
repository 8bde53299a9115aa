import type { Lang } from '../i18n';

const rules = new Map<Lang, Intl.PluralRules>();

/** The CLDR plural form of n ("one", "few", "many" or "other"): Russian needs three for counts. */
export function pluralForm(lang: Lang, n: number): 'one' | 'few' | 'many' | 'other' {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  const f = r.select(n);
  return f === 'one' || f === 'few' || f === 'many' ? f : 'other';
}
