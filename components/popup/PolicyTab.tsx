import type { PolicyViewData } from '@/policy/messages';
import type { ReportPage } from '@/policy/report/schema';
import { PurposeSummaryList, UnusedPurposes } from '../policy/PurposeSummaryList';
import { useI18n } from '../i18n';

/**
 * The "Политика" tab (issue #3): the policy's stated purposes with what was observed under
 * each, trackers that serve none, and stated purposes nothing observed uses. Renders data
 * computed by the background (policyPurposeSummary), quoting the policy verbatim.
 */
export function PolicyTab(props: { page: ReportPage; view: PolicyViewData }) {
  const tr = useI18n();
  const policy = props.page.policy;
  const s = props.view.summary;
  return (
    <section class="tl-policy-view" aria-labelledby="tl-policy-title">
      <h2 id="tl-policy-title">{tr.t('policy_view_title')}</h2>
      {policy && <p class="tl-policy-version">{tr.t('policy_version', [policy.version])}</p>}
      {policy?.changed && (
        <div class="notice" role="status">
          <p>{tr.t('policy_changed')}</p>
          {policy.summary && <p>{tr.lang === 'en' && policy.summaryEn ? policy.summaryEn : policy.summary}</p>}
        </div>
      )}
      <h3>{tr.t('policy_purposes_heading')}</h3>
      {s.purposes.length === 0 && <p>{tr.t('policy_nothing_observed')}</p>}
      <PurposeSummaryList summary={s} />
      <UnusedPurposes unused={s.unused} />
      {props.view.observations.length > 0 && (
        <section class="tl-policy-observations" aria-labelledby="tl-policy-observations-title">
          <h3 id="tl-policy-observations-title">{tr.t('policy_observations_heading')}</h3>
          <p class="muted">{tr.t('policy_observations_note')}</p>
          <ul>
            {props.view.observations.map((o) => (
              <li key={o.id} class="tl-policy-observation" data-id={o.id}>
                <strong>{tr.pick(o.title)}</strong>
                <p>{tr.pick(o.text)}</p>
                <p class="muted">{tr.t('policy_observations_law', [o.law.join('; ')])}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
