import type { Disclosure } from '../../policy/report/schema';
import { useI18n } from '../i18n';

/**
 * Disclosure status shown by text AND a glyph, never by colour alone (WCAG 1.4.1); the class
 * only adds colour. The accessible name is the full label (aria-label), not the glyph.
 */
export const DISCLOSURE_GLYPH: Record<Disclosure | 'unknown', string> = {
  named: '✓',
  generic: '≈',
  undisclosed: '✗',
  contradicted: '⚠',
  unknown: '·',
};

export function DisclosureBadge(props: { status: Disclosure | undefined }) {
  const tr = useI18n();
  const key = props.status ?? 'unknown';
  const label = tr.t(`policy_disclosure_${key}`);
  // One text node: role="img" makes the content presentational, so the glyph and the visible
  // label need no aria-hidden wrappers of their own (the popup shows one badge per tracker card).
  return (
    <span class={`tl-disclosure tl-disclosure--${key}`} role="img" aria-label={tr.t('policy_badge_aria', [label])} data-status={key}>
      {`${DISCLOSURE_GLYPH[key]} ${label}`}
    </span>
  );
}
