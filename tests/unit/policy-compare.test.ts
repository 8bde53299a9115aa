import { describe, expect, it } from 'vitest';
import { comparePolicyText, MAX_LISTED, MAX_SENTENCE } from '../../policy/policy-model/compare';
import { POLICY_TEXT, policyVersion } from '../../policy/policy-model/text';

/** The policy as a browser would render it: HTML, entities, NBSP, straight quotes, list markup. */
function asHtml(text: string): string {
  return (
    '<html><body><nav>Главная Услуги Врачи</nav><main>' +
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => `<p>${line.replace(/«/g, '&laquo;').replace(/»/g, '&raquo;').replace(/ – /g, '&nbsp;&mdash; ')}</p>`)
      .join('\n') +
    '</main><footer>© 2026 Промедика</footer></body></html>'
  );
}

describe('comparePolicyText', () => {
  it('the bundled text itself is unchanged', () => {
    const r = comparePolicyText(POLICY_TEXT);
    expect(r).toMatchObject({ changed: false, version: policyVersion, added: [], removed: [] });
    expect(r.summary.ru).toContain('совпадает');
  });

  it('formatting differences are not a change (markup, entities, NBSP, quotes, dashes, bullets, numbering, line breaks)', () => {
    expect(comparePolicyText(asHtml(POLICY_TEXT)).changed).toBe(false);
    const bulleted = POLICY_TEXT.replace(/^ {4}/gm, '• ')
      .replace(/^(\d)\. /gm, '$1) ')
      .replace(/«|»/g, '"')
      .replace(/ /g, (s) => s);
    expect(comparePolicyText(bulleted).changed).toBe(false);
    const oneLine = POLICY_TEXT.replace(/\s+/g, ' ').replace(/ − /g, ' — ');
    expect(comparePolicyText(oneLine).changed).toBe(false);
    const ol = POLICY_TEXT.replace(/^\d\. (.*)$/gm, '<li>$1</li>');
    expect(comparePolicyText(`<ol>${ol}</ol>`).changed).toBe(false);
  });

  it('one altered sentence is a change and the summary names it', () => {
    const altered = POLICY_TEXT.replace(
      'Данная информация поступает в обобщенном виде и не является персональной.',
      'Данная информация может являться персональной.',
    );
    const r = comparePolicyText(asHtml(altered));
    expect(r.changed).toBe(true);
    expect(r.added).toEqual(['Данная информация может являться персональной.']);
    expect(r.removed).toEqual(['Данная информация поступает в обобщенном виде и не является персональной.']);
    expect(r.version).not.toBe(policyVersion);
    expect(r.summary.ru).toContain('Данная информация может являться персональной.');
    expect(r.summary.en).toContain('1 new or changed');
  });

  it('a removed sentence is a change', () => {
    const r = comparePolicyText(POLICY_TEXT.replace('Куки-файлы не являются вредоносными.', ''));
    expect(r.changed).toBe(true);
    expect(r.removed).toEqual(['Куки-файлы не являются вредоносными.']);
    expect(r.added).toEqual([]);
  });

  it('bounds its output', () => {
    const junk = Array.from({ length: 50 }, (_, i) => `Новое предложение номер ${i} ${'x'.repeat(500)}.`).join(' ');
    const r = comparePolicyText(`${POLICY_TEXT.replace('Передача предусмотрена действующим законодательством.', junk)}`);
    expect(r.changed).toBe(true);
    expect(r.added.length).toBe(MAX_LISTED);
    for (const s of r.added) expect(s.length).toBeLessThanOrEqual(MAX_SENTENCE);
    expect(r.summary.ru.length).toBeLessThan(800);
  });

  it('an empty page is reported, not treated as unchanged', () => {
    const r = comparePolicyText('');
    expect(r.changed).toBe(true);
    expect(r.removed.length).toBeGreaterThan(0);
    expect(r.summary.en).toContain('No policy text');
  });
});
