import { canonicalSentences, POLICY_SENTENCES } from './text';

/**
 * The policy page is found by its content, wherever it is served (issue 13): a page whose text
 * holds most of the policy model's normalised sentences is the policy page. "Most" leaves room
 * for changed sentences, which the comparison then reports as changed.
 */
export const POLICY_MATCH_SHARE = 0.6;

/** Share of the model's sentences found on the page, 0..1. */
export function policySentenceShare(pageText: string): number {
  if (!pageText) return 0;
  const seen = new Set(canonicalSentences(pageText));
  let n = 0;
  for (const s of POLICY_SENTENCES) if (seen.has(s)) n += 1;
  return POLICY_SENTENCES.length ? n / POLICY_SENTENCES.length : 0;
}

export function isPolicyText(pageText: string): boolean {
  return policySentenceShare(pageText) >= POLICY_MATCH_SHARE;
}
