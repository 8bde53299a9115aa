import type { PolicyViewData } from '../../policy/messages';
import { useI18n } from '../i18n';
import { DisclosureBadge } from './DisclosureBadge';

/** The data a purpose summary carries (policyPurposeSummary's result, or the popup's copy of it). */
export type PurposeSummaryData = PolicyViewData['summary'];

/**
 * Stated purposes with the trackers, cookies and keys observed under each. Imports no policy
 * model, so the popup (30 KB gzip budget) and the full policy view share one rendering.
 */
export function PurposeSummaryList(props: { summary: PurposeSummaryData }) {
  const tr = useI18n();
  const s = props.summary;
  return (
    <>
      {s.purposes.map((p) => (
        <section key={p.purpose.id} class="tl-purpose" data-purpose={p.purpose.id}>
          <h4>{tr.pick(p.purpose.label)}</h4>
          <blockquote>{p.quote}</blockquote>
          <ul>
            {p.trackers.map((t) => (
              <li key={t.vendor}>
                {t.name} <DisclosureBadge status={t.disclosure} />
              </li>
            ))}
          </ul>
          {p.cookies.length > 0 && <p>{tr.t('policy_cookies_label', [p.cookies.slice(0, 30).join(', ')])}</p>}
          {p.storage.length > 0 && <p>{tr.t('policy_storage_label', [p.storage.slice(0, 30).join(', ')])}</p>}
        </section>
      ))}
      {s.unmapped.length > 0 && (
        <section class="tl-purpose" data-purpose="none">
          <h4>{tr.t('policy_unmapped_heading')}</h4>
          <ul>
            {s.unmapped.map((t) => (
              <li key={t.vendor}>
                {t.name} <DisclosureBadge status={t.disclosure} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Stated purposes nothing observed uses, each with the policy's words. */
export function UnusedPurposes(props: { unused: PurposeSummaryData['unused'] }) {
  const tr = useI18n();
  if (!props.unused.length) return null;
  return (
    <section class="tl-unused-purposes">
      <h3>{tr.t('policy_unused_heading')}</h3>
      <ul>
        {props.unused.map((u) => (
          <li key={u.purpose.id} data-purpose={u.purpose.id}>
            {tr.pick(u.purpose.label)}
            <blockquote>{u.quote}</blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}
