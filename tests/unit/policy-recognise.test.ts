import { describe, expect, it } from 'vitest';
import { newPage, mergeSignals } from '../../policy/page-state';
import { policyStatus } from '../../policy/report/build';
import { isPolicyText, policySentenceShare, POLICY_MATCH_SHARE } from '../../policy/policy-model/recognise';
import { POLICY_TEXT } from '../../policy/policy-model/text';
import { looksLikePolicyPage, mentionsPersonalDataOften } from '../../policy/site/policy-page';
import { proMedika } from '../../policy/site/pro-medika';

/** Issue 13: the policy page is found by its content, wherever it is served. */
const T0 = Date.UTC(2026, 11, 7, 9);
const OTHER = 'https://pro-medika.ru/politika-konfidencialnosti/';

function state(url: string, text: string) {
  const s = newPage(1, url, T0);
  mergeSignals(s, { policyText: text });
  return s;
}

describe('policy page by content', () => {
  it('the cheap content-script test: title or heading names a privacy policy', () => {
    expect(looksLikePolicyPage('Политика конфиденциальности — Промедика', [])).toBe(true);
    expect(looksLikePolicyPage('Промедика', ['Политика обработки персональных данных'])).toBe(true);
    expect(looksLikePolicyPage('Урология — Промедика', ['Урология', 'Запись к врачу'])).toBe(false);
  });

  it('the cheap content-script test: a page that keeps naming personal data, whatever its title', () => {
    expect(mentionsPersonalDataOften(POLICY_TEXT)).toBe(true);
    // A form page's consent line names it once or twice.
    const form = 'Запись к врачу. Имя, телефон. Нажимая кнопку, вы даёте согласие на обработку персональных данных. ';
    expect(mentionsPersonalDataOften(form.repeat(2))).toBe(false);
    expect(mentionsPersonalDataOften('')).toBe(false);
  });

  it("the engine: most of the model's sentences", () => {
    expect(policySentenceShare(POLICY_TEXT)).toBe(1);
    expect(isPolicyText(`Меню сайта. ${POLICY_TEXT} Подвал сайта.`)).toBe(true);
    // A page that quotes one sentence of the policy is not the policy page.
    expect(
      isPolicyText('Политика конфиденциальности. Используя Сайт, вы выражаете свое согласие с нашей политикой конфиденциальности.'),
    ).toBe(false);
    expect(POLICY_MATCH_SHARE).toBeGreaterThan(0.5);
  });

  it('the policy at a path the profile does not know gets page.policy {version, changed}; a changed sentence shows as changed', () => {
    expect(proMedika.policyPaths).not.toContain('/politika-konfidencialnosti/');
    expect(policyStatus(state(OTHER, POLICY_TEXT), proMedika.policyPaths, proMedika.domains)).toMatchObject({ changed: false });
    const altered = POLICY_TEXT.replace(
      'Персональные данные пользователей хранятся на собственных серверах Компании',
      'Персональные данные пользователей хранятся на серверах партнёров',
    );
    expect(altered).not.toBe(POLICY_TEXT);
    const st = policyStatus(state(OTHER, altered), proMedika.policyPaths, proMedika.domains);
    expect(st.changed).toBe(true);
    expect(st.added!.join(' ')).toMatch(/партн[её]ров/i);
  });

  it('other pages and other sites: changed stays null', () => {
    expect(
      policyStatus(state('https://pro-medika.ru/services/', 'Урология. Запись к врачу.'), proMedika.policyPaths, proMedika.domains).changed,
    ).toBeNull();
    expect(
      policyStatus(state('https://example.org/privacy-copy/', POLICY_TEXT), proMedika.policyPaths, proMedika.domains).changed,
    ).toBeNull();
  });
});
