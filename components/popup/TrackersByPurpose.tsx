import type { PolicyViewData } from '@/policy/messages';
import type { ReportPage } from '@/policy/report/schema';
import { useI18n } from '../i18n';
import { TrackerPolicyItem } from '../policy/TrackerPolicyItem';
import { TrackerList } from './TrackerList';

/**
 * The Trackers tab (issue #3): trackers grouped under the policy's stated purposes,
 * contradicted and undisclosed first; each card expands to the policy's words. The
 * grouping comes from the background (PolicyViewData), so this bundle has no policy model.
 */
export function TrackersByPurpose(props: { page: ReportPage; view: PolicyViewData }) {
  const { t, pick } = useI18n();
  if (!props.page.trackers.length) return <p>{t('popup_noTrackers')}</p>;
  const byId = new Map(props.page.trackers.map((tr) => [tr.vendor, tr]));
  return (
    <>
      {props.page.policy?.changed && (
        <p class="notice" role="status">
          {t('policy_changed')}
          {props.page.policy.summary ? `: ${props.page.policy.summary}` : ''}
        </p>
      )}
      {props.view.groups.map((g) => (
        <section key={g.purpose?.id ?? 'none'} class="purpose-group" data-purpose={g.purpose?.id ?? 'none'}>
          <h2>{g.purpose ? pick(g.purpose.label) : t('policy_unmapped_heading')}</h2>
          <TrackerList
            trackers={g.vendors.map((v) => byId.get(v)).filter((x): x is NonNullable<typeof x> => !!x)}
            renderPolicy={(tr) => <TrackerPolicyItem tracker={tr} />}
          />
        </section>
      ))}
    </>
  );
}
