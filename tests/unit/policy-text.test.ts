import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPolicyTextModule, stripConversionMarkers } from '../../policy/policy-model/text-source';
import { canonicalSentences, normalizeText, POLICY_TEXT, policyVersion, textVersion } from '../../policy/policy-model/text';
import { fnv1a64 } from '../../policy/fnv1a';

const dir = join(__dirname, '..', '..', 'policy', 'policy-model');
const raw = readFileSync(join(dir, 'pro-medika-privacy-policy.txt'), 'utf8');

describe('bundled policy text', () => {
  it('the generated module matches the .txt (run `npx tsx scripts/gen-policy-text.ts` on drift)', () => {
    const generated = readFileSync(join(dir, 'policy-text.generated.ts'), 'utf8');
    expect(generated).toBe(renderPolicyTextModule(raw));
  });

  it('POLICY_TEXT is the .txt without conversion markers, otherwise verbatim', () => {
    expect(POLICY_TEXT).toBe(stripConversionMarkers(raw));
    expect(POLICY_TEXT).not.toContain('[image:');
    expect(POLICY_TEXT).not.toContain('[bookmark:');
    expect(POLICY_TEXT.startsWith('Политика конфиденциальности')).toBe(true);
    expect(POLICY_TEXT).toContain('Данная информация поступает в обобщенном виде и не является персональной.');
  });
});

describe('normalizeText', () => {
  it('folds whitespace, NBSP, typographic quotes and dashes, drops markers, trims', () => {
    expect(normalizeText('  «Промедика»\u00a0—\tклиника\n\n “x” ‘y’ ')).toBe('"Промедика" - клиника "x" \'y\'');
    expect(normalizeText('a – b − c ‑ d')).toBe('a - b - c - d');
    expect(normalizeText('[image: ]\n[bookmark: _GoBack]Текст')).toBe('Текст');
    expect(normalizeText('soft\u00adhyphen zero\u200bwidth…')).toBe('softhyphen zerowidth...');
  });

  it("folds the policy's U+037E question mark to a semicolon (NFC)", () => {
    expect(normalizeText('законности\u037e')).toBe('законности;');
  });

  it('is idempotent', () => {
    const once = normalizeText(POLICY_TEXT);
    expect(normalizeText(once)).toBe(once);
  });
});

describe('policyVersion', () => {
  it('FNV-1a 64 matches the reference vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('is a short stable hash that ignores formatting but not wording', () => {
    expect(policyVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(textVersion(POLICY_TEXT)).toBe(policyVersion);
    const reformatted = `<div><p>${POLICY_TEXT.replace(/«|»/g, '"').replace(/\n/g, '\n\n  ')}</p></div>`;
    expect(textVersion(reformatted)).toBe(policyVersion);
    expect(textVersion(POLICY_TEXT.replace('обобщенном', 'индивидуальном'))).not.toBe(policyVersion);
  });

  it('canonical sentences drop list numbering and markup', () => {
    expect(canonicalSentences('<ol><li>1. законности;</li><li>2) прочее.</li></ol>')).toEqual(['законности;', 'прочее.']);
    expect(canonicalSentences('г. Новосибирск, ул. Кубовая, 96. Дальше.')).toEqual(['г. Новосибирск, ул. Кубовая, 96.', 'Дальше.']);
  });
});
