/**
 * Policy change detection (issue #3): compares the policy page's text as the user sees it with
 * the bundled version, sentence by sentence. Formatting (markup, whitespace, typographic quotes,
 * dashes, NBSP, line breaks, list bullets / numbering) is not a change; one altered sentence is,
 * and the summary names it.
 */
import { canonicalSentences, POLICY_SENTENCES, policyVersion, textVersion } from './text';

export interface PolicyComparison {
  changed: boolean;
  /** Version of the observed text (equals policyVersion when unchanged). */
  version: string;
  summary: { ru: string; en: string };
  /** Sentences on the page that the bundled policy does not have (bounded). */
  added: string[];
  /** Bundled sentences the page no longer has (bounded). */
  removed: string[];
}

/** Output bounds: a rewritten policy must not produce a megabyte report. */
export const MAX_LISTED = 10;
export const MAX_SENTENCE = 300;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Multiset difference a − b, in a's order. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const s of b) counts.set(s, (counts.get(s) ?? 0) + 1);
  const out: string[] = [];
  for (const s of a) {
    const n = counts.get(s) ?? 0;
    if (n > 0) counts.set(s, n - 1);
    else out.push(s);
  }
  return out;
}

/**
 * The page may carry site chrome (menu, footer) around the policy. Only the span from the first
 * to the last sentence that the bundled policy also has is compared; a change of the very first
 * or last policy sentence still shows as "removed". Chrome without punctuation glues onto the
 * policy's first or last sentence ("Главная Услуги Политика конфиденциальности …"), so a sentence
 * that ends with the bundled first sentence (or starts with the bundled last one) is cut back to it.
 */
function policySpan(observed: string[]): string[] {
  const known = new Set(POLICY_SENTENCES);
  const firstB = POLICY_SENTENCES[0];
  const lastB = POLICY_SENTENCES[POLICY_SENTENCES.length - 1];
  const out = observed.slice();
  let first = -1;
  for (let i = 0; i < out.length; i++) {
    if (known.has(out[i])) {
      first = i;
      break;
    }
    if (out[i].endsWith(` ${firstB}`)) {
      out[i] = firstB;
      first = i;
      break;
    }
  }
  if (first < 0) return observed;
  let last = out.length - 1;
  for (; last > first; last--) {
    if (known.has(out[last])) break;
    if (out[last].startsWith(`${lastB} `)) {
      out[last] = lastB;
      break;
    }
  }
  return out.slice(first, last + 1);
}

export function comparePolicyText(observedPageText: string): PolicyComparison {
  const span = policySpan(canonicalSentences(observedPageText ?? ''));
  const addedAll = minus(span, POLICY_SENTENCES);
  const removedAll = minus(POLICY_SENTENCES, span);
  const changed = addedAll.length > 0 || removedAll.length > 0;
  const added = addedAll.slice(0, MAX_LISTED).map((s) => clip(s, MAX_SENTENCE));
  const removed = removedAll.slice(0, MAX_LISTED).map((s) => clip(s, MAX_SENTENCE));
  if (!changed) {
    return {
      changed: false,
      version: policyVersion,
      summary: {
        ru: `Текст политики на сайте совпадает с сохранённой версией (${policyVersion}).`,
        en: `The policy text on the site matches the saved version (${policyVersion}).`,
      },
      added,
      removed,
    };
  }
  const version = textVersion(span.join('\n'));
  if (span.length === 0) {
    return {
      changed: true,
      version,
      summary: {
        ru: 'На странице политики не найден текст политики: сравнить не с чем.',
        en: 'No policy text was found on the policy page: nothing to compare.',
      },
      added,
      removed,
    };
  }
  const example = (xs: string[]) => clip(xs[0], 160);
  const ruParts = [
    `Текст политики изменился по сравнению с сохранённой версией (${policyVersion}): новых или изменённых предложений — ${addedAll.length}, исчезнувших — ${removedAll.length}.`,
  ];
  const enParts = [
    `The policy text differs from the saved version (${policyVersion}): ${addedAll.length} new or changed sentence(s), ${removedAll.length} removed.`,
  ];
  if (addedAll.length) {
    ruParts.push(`Например, теперь: «${example(addedAll)}».`);
    enParts.push(`For example, now: "${example(addedAll)}".`);
  }
  if (removedAll.length) {
    ruParts.push(`Было: «${example(removedAll)}».`);
    enParts.push(`Was: "${example(removedAll)}".`);
  }
  return { changed: true, version, summary: { ru: ruParts.join(' '), en: enParts.join(' ') }, added, removed };
}
