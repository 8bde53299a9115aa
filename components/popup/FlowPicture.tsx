import type { Organisation } from '@/policy/report/verdict';
import { useI18n } from '../i18n';
import { DISCLOSURE_GLYPH } from '../policy/DisclosureBadge';

/** Organisations drawn before "and N more": the picture must fit the first screen. */
export const FLOW_MAX = 5;
const ROW = 24;
const WIDTH = 376;

/**
 * Where the page's data went, at a glance (issue #14): the page on the left, a line to each
 * recipient organisation on the right, each drawn in its status colour with the status glyph
 * (never colour alone) and its country code. Plain SVG, no chart library. The picture is one
 * image to assistive technology, named by a sentence that lists what it shows.
 */
export function FlowPicture(props: { organisations: Organisation[] }) {
  const { t } = useI18n();
  const orgs = props.organisations;
  const shown = orgs.slice(0, FLOW_MAX);
  const more = orgs.length - shown.length;
  const rows = shown.length + (more > 0 ? 1 : 0);
  const height = rows * ROW + 4;
  const midY = height / 2;
  const label = t('popup_flow_label', [
    orgs.length,
    orgs.map((o) => `${o.name} (${t(`policy_disclosure_${o.status}`)}${o.country ? `, ${o.country}` : ''})`).join('; '),
  ]);
  return (
    <svg class="flow" role="img" aria-label={label} width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} data-testid="flow">
      <rect class="flow__page" x="1" y={midY - 14} width="104" height="28" rx="4" />
      <text class="flow__page-text" x="53" y={midY + 4} text-anchor="middle">
        {t('popup_flow_page')}
      </text>
      {shown.map((o, i) => {
        const y = i * ROW + 2 + ROW / 2;
        return (
          <g key={o.key} class={`flow__org flow--${o.status}`} data-org={o.name}>
            <path class="flow__line" d={`M105 ${midY} C150 ${midY} 150 ${y} 196 ${y}`} />
            <rect x="196" y={y - 10} width={WIDTH - 197} height="20" rx="10" />
            <text x="206" y={y + 4}>
              {`${DISCLOSURE_GLYPH[o.status]} ${truncate(o.name, 24)}${o.country ? ` · ${o.country}` : ''}`}
            </text>
          </g>
        );
      })}
      {more > 0 && (
        <text class="flow__more" x="206" y={shown.length * ROW + 2 + ROW / 2 + 4}>
          {t('popup_flow_more', [more])}
        </text>
      )}
    </svg>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
