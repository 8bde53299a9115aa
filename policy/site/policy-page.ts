/**
 * A cheap test the content script runs on every page (issue 13): does the page look like a
 * privacy policy, by its title or headings, or by text that keeps naming personal data (a policy
 * served under a generic title)? Only then is its main text sent to the background,
 * where the engine decides by content (policy/policy-model/recognise.ts). No policy text is
 * bundled here: the content script stays small.
 */
const POLICY_HEADING = /политик[аиуе]\s+(?:в\s+отношении\s+)?(?:конфиденциальност|обработки\s+персональных)|privacy\s+policy/i;

export function looksLikePolicyPage(title: string, headings: readonly string[]): boolean {
  return POLICY_HEADING.test(title) || headings.some((h) => POLICY_HEADING.test(h));
}

const PERSONAL_DATA = /персональн\S*\s+данн/gi;

/**
 * Text that names personal data at least `min` times: the clinic's policy does 37 times; a page
 * with a consent line under a form, once or twice.
 */
export function mentionsPersonalDataOften(text: string, min = 10): boolean {
  let n = 0;
  for (const _ of text.matchAll(PERSONAL_DATA)) if (++n >= min) return true;
  return false;
}
