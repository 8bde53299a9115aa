/**
 * A cheap test the content script runs on every page (issue 13): does the page look like a
 * privacy policy, by its title or headings? Only then is its main text sent to the background,
 * where the engine decides by content (policy/policy-model/recognise.ts). No policy text is
 * bundled here: the content script stays small.
 */
const POLICY_HEADING = /политик[аиуе]\s+(?:в\s+отношении\s+)?(?:конфиденциальност|обработки\s+персональных)|privacy\s+policy/i;

export function looksLikePolicyPage(title: string, headings: readonly string[]): boolean {
  return POLICY_HEADING.test(title) || headings.some((h) => POLICY_HEADING.test(h));
}
