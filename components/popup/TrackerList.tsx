import type { ReportTracker } from '@/policy/report/schema';
import { useI18n } from '../i18n';
import { categoryKey } from './format';
import { BoundedList } from './BoundedList';
import { DisclosureBadge } from '../policy/DisclosureBadge';
import { countryLabel } from '@/policy/catalogue/recipient';

/** Trackers grouped by vendor: who, where, how many requests, which cookies and keys. */
export function TrackerList(props: { trackers: ReportTracker[]; renderPolicy?: (t: ReportTracker) => preact.ComponentChildren }) {
  const { t, pick, lang } = useI18n();
  if (!props.trackers.length) return <p>{t('popup_noTrackers')}</p>;
  // The first `max` names and "N more", as one string: one text node per list, not two.
  const names = (xs: string[], max: number) =>
    xs.length > max ? `${xs.slice(0, max).join(', ')} ${t('popup_more', [xs.length - max])}` : xs.join(', ');
  return (
    <BoundedList
      items={props.trackers}
      limit={30}
      render={(tr) => (
        <li key={tr.vendor} class="tracker" data-vendor={tr.vendor}>
          <h3>{tr.name}</h3>
          {tr.description && <p class="desc">{pick(tr.description)}</p>}
          <dl>
            <dt>{t('popup_organization')}</dt>
            <dd class="organization">{tr.organization ?? t('popup_unknown')}</dd>
            <dt>{t('popup_country')}</dt>
            <dd class="country" data-country={tr.country ?? ''}>
              {countryLabel(tr.country, lang) ?? t('popup_unknown')}
            </dd>
            <dt>{t('popup_category')}</dt>
            <dd>{t(categoryKey(tr.category))}</dd>
            <dt>{t('popup_requests')}</dt>
            <dd class="requests">{tr.requests}</dd>
            <dt>{t('popup_hosts')}</dt>
            <dd>{names(tr.hosts, 10)}</dd>
            {tr.cookies.length > 0 && (
              <>
                <dt>{t('popup_cookiesAttributed')}</dt>
                <dd>{names(tr.cookies, 15)}</dd>
              </>
            )}
            {tr.storage.length > 0 && (
              <>
                <dt>{t('popup_storageAttributed')}</dt>
                <dd>{names(tr.storage, 15)}</dd>
              </>
            )}
          </dl>
          {(tr.parts ?? []).map((p) => (
            <p key={p.feature} class="part" data-feature={p.feature}>
              <strong>{t(`popup_feature_${p.feature.replace(/[^A-Za-z0-9]/g, '_')}`)}</strong>: <DisclosureBadge status={p.disclosure} />{' '}
              {pick(p.explanation)}
            </p>
          ))}
          {props.renderPolicy?.(tr)}
        </li>
      )}
    />
  );
}
