import { policyPurposeSummary, type PurposeSummary } from '../../policy/policy-model/disclosure';
import { quoteFor } from '../../policy/policy-model/model';
import type { ReportPage } from '../../policy/report/schema';
import { useI18n } from '../i18n';
import { groupByPurpose } from '../../policy/policy-model/group';
import { TrackerPolicyItem } from './TrackerPolicyItem';
import { PurposeSummaryList, UnusedPurposes } from './PurposeSummaryList';

export type PolicyViewProps = { page: ReportPage; summary?: undefined } | { summary: PurposeSummary; page?: undefined };

/**
 * The "Политика" view: the stated purposes with what was observed under each (contradicted and
 * undisclosed first), what serves none of them, and the stated purposes nothing uses.
 * Given a page, it shows each tracker expandable; given a summary (several pages), names and badges.
 */
export function PolicyView(props: PolicyViewProps) {
  const tr = useI18n();
  const summary = props.page ? policyPurposeSummary([props.page]) : props.summary!;
  const groups = props.page ? groupByPurpose(props.page.trackers) : null;
  const policy = props.page?.policy;
  return (
    <section class="tl-policy-view" aria-labelledby="tl-policy-title">
      <h2 id="tl-policy-title">{tr.t('policy_view_title')}</h2>
      {policy ? (
        <p class="tl-policy-version">
          {tr.t('policy_version', [policy.version])}
          {policy.changed ? <strong> {tr.t('policy_changed')}</strong> : null}
        </p>
      ) : null}

      <h3>{tr.t('policy_purposes_heading')}</h3>
      {groups ? (
        groups.length === 0 ? (
          <p>{tr.t('policy_nothing_observed')}</p>
        ) : (
          groups.map((g) => (
            <section key={g.purpose?.id ?? 'none'} class="tl-purpose" data-purpose={g.purpose?.id ?? 'none'}>
              <h4>{g.purpose ? tr.pick(g.purpose.label) : tr.t('policy_unmapped_heading')}</h4>
              {g.purpose ? <blockquote>{quoteFor(g.purpose.clauses[0])}</blockquote> : null}
              <ul>
                {g.trackers.map((t) => (
                  <li key={t.vendor}>
                    <TrackerPolicyItem tracker={t} />
                  </li>
                ))}
              </ul>
            </section>
          ))
        )
      ) : (
        <PurposeSummaryList summary={summary} />
      )}

      <UnusedPurposes unused={summary.unused} />
    </section>
  );
}
