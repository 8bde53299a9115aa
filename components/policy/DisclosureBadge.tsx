import type { Disclosure } from '../../policy/report/schema';
import { useI18n } from '../i18n';

/**
 * Disclosure status shown by text AND a glyph, never by colour alone (WCAG 1.4.1); the class
 * only adds colour. The glyph is aria-hidden: the accessible name is the full label.
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
  return (
    <span class={`tl-disclosure tl-disclosure--${key}`} role="img" aria-label={tr.t('policy_badge_aria', [label])} data-status={key}>
      <span aria-hidden="true" class="tl-disclosure__glyph">
        {DISCLOSURE_GLYPH[key]}
      </span>{' '}
      <span aria-hidden="true">{label}</span>
    </span>
  );
}
