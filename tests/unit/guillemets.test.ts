import { describe, expect, it } from 'vitest';
import { messages } from '../../locales/messages';
import { curatedVendors } from '../../policy/catalogue/vendors';
import { KIND_LABELS } from '../../policy/export/labels';
import { isVerbatimQuote, policyModel } from '../../policy/policy-model/model';
import { policyObservations } from '../../policy/policy-model/observations';
import { DISCLOSURE_RU } from '../../policy/letter/compose';
import { DEMANDS } from '../../policy/letter/demands';

/**
 * Issue 13: «» only around exact policy quotes. The other uses Russian typography requires are
 * names: a law's title after its number, and an organisation's name after its legal form.
 */
const LAW_TITLES = new Set(['О персональных данных', 'О рекламе']);
const LEGAL_FORM = /(?:ООО|АО|ПАО|ЗАО)\s*$/;

/** The outermost «…» spans of a text with what precedes each (nested «» kept inside). */
function spans(text: string): { quote: string; before: string }[] {
  const out: { quote: string; before: string }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '«' && depth++ === 0) start = i + 1;
    else if (text[i] === '»' && depth > 0 && --depth === 0) out.push({ quote: text.slice(start, i), before: text.slice(0, start - 1) });
  }
  return out;
}

/** A quote may elide with "…"; each piece must then be verbatim. */
function allowed(quote: string, before: string): boolean {
  if (LAW_TITLES.has(quote) || LEGAL_FORM.test(before)) return true;
  const pieces = quote
    .split('…')
    .map((p) => p.trim())
    .filter(Boolean);
  return pieces.length > 0 && pieces.every(isVerbatimQuote);
}

function shownRussianTexts(): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, m] of Object.entries(messages)) out.push([`locale ${k}`, m.ru]);
  for (const o of policyObservations()) out.push([`observation ${o.id} title`, o.title.ru], [`observation ${o.id} text`, o.text.ru]);
  for (const c of policyModel.clauses) out.push([`clause ${c.id} title`, c.title.ru]);
  for (const p of policyModel.purposes) out.push([`purpose ${p.id} label`, p.label.ru]);
  for (const v of curatedVendors)
    out.push([`vendor ${v.id} description`, v.description.ru], [`vendor ${v.id} organization`, v.organization]);
  for (const [k, l] of Object.entries(KIND_LABELS)) out.push([`finding kind ${k}`, l.ru]);
  for (const [k, s] of Object.entries(DISCLOSURE_RU)) out.push([`letter status ${k}`, s]);
  for (const [k, d] of Object.entries(DEMANDS)) out.push([`demand ${k}`, `${d.title.ru} ${d.basis.ru}`]);
  return out;
}

describe('«» only around exact policy quotes (issue 13)', () => {
  it('in locales, policy observations, clause titles, purpose labels, vendor descriptions, finding labels and demands', () => {
    const bad: string[] = [];
    for (const [where, text] of shownRussianTexts())
      for (const { quote, before } of spans(text)) if (!allowed(quote, before)) bad.push(`${where}: «${quote}»`);
    expect(bad).toEqual([]);
  });

  it('the check can fail: a paraphrase in «» and an altered quote are refused, a name after its legal form is not', () => {
    expect(allowed('фактом использования', 'Согласие ')).toBe(false);
    expect(allowed('в обобщённом виде', 'Информация ')).toBe(false); // the policy writes «обобщенном»
    expect(allowed('в обобщенном виде', 'Информация ')).toBe(true);
    expect(allowed('Яндекс', 'ООО ')).toBe(true);
    expect(allowed('О рекламе', '38-ФЗ ')).toBe(true);
  });
});

describe('labels state facts, not verdicts (issue 13)', () => {
  const VERDICT = /наруш|незаконн|нелегальн|утечк|violat|illegal|unlawful|\bleak/i;
  /** «до согласия» alone reads as if a rule required consent before cookies; Russian law has no such general rule. */
  const CONSENT_RULE = /до (вашего )?согласия|before (your )?consent/i;

  it('locale strings and finding labels', () => {
    const texts: [string, string][] = [
      ...Object.entries(messages).flatMap(([k, m]): [string, string][] => [
        [k, m.ru],
        [k, m.en],
      ]),
      ...Object.entries(KIND_LABELS).flatMap(([k, l]): [string, string][] => [
        [k, l.ru],
        [k, l.en],
      ]),
    ];
    // The one string that names a violation does so to say the text is not a finding of one.
    const bad = texts.filter(([k, t]) => (VERDICT.test(t) && k !== 'policy_contradiction_note') || CONSENT_RULE.test(t));
    expect(bad).toEqual([]);
    expect(KIND_LABELS['pii-leak'].ru).toBe('Передача введённых данных третьей стороне');
    expect(KIND_LABELS['before-consent'].ru).toMatch(/до действий пользователя или согласия в баннере$/);
  });
});
