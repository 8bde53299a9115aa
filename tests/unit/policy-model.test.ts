import { describe, expect, it } from 'vitest';
import { clauseById, isVerbatimQuote, policyModel, PolicyModelSchema, quoteFor } from '../../policy/policy-model/model';
import { foldWhitespace, normalizeText, POLICY_TEXT } from '../../policy/policy-model/text';

const folded = foldWhitespace(POLICY_TEXT);

describe('policy model', () => {
  it('every quote is found verbatim (whitespace-normalised) in POLICY_TEXT', () => {
    const quotes = [
      ...policyModel.clauses.flatMap((c) => c.quotes),
      ...policyModel.dataCollected.map((d) => d.quote),
      policyModel.operator.name.quote,
      policyModel.operator.phone.quote,
      policyModel.operator.email.quote,
      ...policyModel.operator.addresses.map((a) => a.quote),
    ];
    expect(quotes.length).toBeGreaterThan(30);
    for (const q of quotes) {
      expect(folded.includes(q), q).toBe(true);
      expect(normalizeText(POLICY_TEXT).includes(normalizeText(q))).toBe(true);
    }
  });

  it('has the clause ids the rest of the extension refers to', () => {
    const required = [
      'purposes.service-quality',
      'purposes.functionality',
      'purposes.feedback',
      'purposes.contact-sms-email-calls',
      'mailings.consent-only',
      'ads.audiences',
      'cookies.technologies',
      'cookies.aggregate-non-personal',
      'collection.non-personal',
      'storage.own-servers',
      'special-categories.none',
      'transfer.third-parties',
      'rights.stop-processing',
      'operator.details',
      'confidentiality',
      'consent.by-use',
      'cookies.browser-opt-out',
    ];
    for (const id of required) expect(clauseById(id), id).toBeDefined();
  });

  it('every clause id referenced anywhere exists', () => {
    const ids = new Set(policyModel.clauses.map((c) => c.id));
    const refs = [
      ...policyModel.purposes.flatMap((p) => [p.id, ...p.clauses]),
      ...policyModel.dataCollected.flatMap((d) => d.clauses),
      policyModel.operator.name.clause,
      policyModel.operator.email.clause,
      policyModel.operator.phone.clause,
    ];
    for (const r of refs) expect(ids.has(r), r).toBe(true);
    // The schema itself rejects dangling references.
    const broken = { ...policyModel, purposes: [{ ...policyModel.purposes[0], clauses: ['no.such-clause'] }] };
    expect(PolicyModelSchema.safeParse(broken).success).toBe(false);
  });

  it('names the quoted clauses the issue lists', () => {
    expect(quoteFor('ads.audiences')).toContain('Яндекс Директ, Google Adwords, MyTarget, VK Target');
    expect(quoteFor('cookies.aggregate-non-personal')).toBe('Данная информация поступает в обобщенном виде и не является персональной.');
    expect(quoteFor('storage.own-servers')).toContain('на собственных серверах Компании');
    expect(quoteFor('special-categories.none')).toContain('не осуществляет обработку биометрических и специальных категорий');
    expect(quoteFor('rights.stop-processing')).toContain('info@pro-medika.ru');
    expect(clauseById('cookies.technologies')!.quotes.join(' ')).toContain('веб-маяки (web beacons)');
    expect(() => quoteFor('nope')).toThrow(/unknown policy clause/);
  });

  it('keeps the operator details as written, each backed by a quote', () => {
    const op = policyModel.operator;
    expect(op.name.value).toBe('сети Клиник «Промедика»');
    expect(op.addresses.map((a) => a.value)).toEqual([
      '630061, г. Новосибирск, ул. Гребенщикова, 1',
      '630040, г. Новосибирск, ул. Кубовая, 96',
    ]);
    expect(op.phone.value).toBe('7 (383) 309-26-28');
    expect(op.email.value).toBe('info@pro-medika.ru');
    for (const v of [op.name, op.phone, op.email, ...op.addresses]) {
      expect(v.quote).toContain(v.value);
      expect(isVerbatimQuote(v.quote)).toBe(true);
    }
  });

  it('lists stated purposes and the data it says it collects', () => {
    expect(policyModel.purposes.map((p) => p.id)).toContain('ads.audiences');
    expect(policyModel.dataCollected.map((d) => d.id)).toEqual(
      expect.arrayContaining(['ip-address', 'browser-version', 'os-version', 'isp']),
    );
    expect(isVerbatimQuote('Политика утверждает то, чего в ней нет')).toBe(false);
  });
});
