import { useMemo, useState } from 'preact/hooks';
import type { ReportPage, ReportTracker } from '@/policy/report/schema';
import { countryLabel } from '@/policy/catalogue/recipient';
import { pageVerdict, serviceStatus, type Organisation } from '@/policy/report/verdict';
import { useI18n } from '../i18n';
import { DisclosureBadge } from '../policy/DisclosureBadge';
import { TrackerPolicyBody } from '../policy/TrackerPolicyItem';
import { BoundedList } from './BoundedList';
import { categoryKey } from './format';

/**
 * The Trackers tab (issue #14): trackers grouped by the organisation that receives the data
 * (Яндекс: Метрика, Директ), each service once, with its disclosure badge, its country, what
 * it collects in plain words and the policy's words. Hosts, cookies, requests and the rule
 * behind the status open on demand.
 */
export function TrackersByOrganization(props: { page: ReportPage }) {
  const { t } = useI18n();
  const organisations = useMemo(() => pageVerdict(props.page).organisations, [props.page]);
  if (!organisations.length) return <p>{t('popup_noTrackers')}</p>;
  return (
    <>
      {props.page.policy?.changed && (
        <p class="notice" role="status">
          {t('policy_changed')}
          {props.page.policy.summary ? `: ${props.page.policy.summary}` : ''}
        </p>
      )}
      <h2 class="orgs-heading">{t('popup_orgs_heading')}</h2>
      {organisations.map((o) => (
        <OrganisationGroup key={o.key} org={o} />
      ))}
    </>
  );
}

function OrganisationGroup(props: { org: Organisation }) {
  const { t, lang } = useI18n();
  const o = props.org;
  return (
    <section class="org" data-org={o.name}>
      <h3 class="org__name">
        {o.name} <span class="org__country">{countryLabel(o.country, lang) ?? t('popup_org_countryUnknown')}</span>
        {o.beforeConsent && <span class="org__before"> · {t('popup_org_beforeConsent')}</span>}
      </h3>
      <ServiceList services={o.services} />
    </section>
  );
}

function ServiceList(props: { services: ReportTracker[] }) {
  return <BoundedList items={props.services} limit={30} render={(tr) => <ServiceCard key={tr.vendor} tracker={tr} />} />;
}

function ServiceCard(props: { tracker: ReportTracker }) {
  const { t, pick } = useI18n();
  const [open, setOpen] = useState(false);
  const tr = props.tracker;
  const status = serviceStatus(tr);
  const quote = tr.quotes[0];
  const names = (xs: string[], max: number) =>
    xs.length > max ? `${xs.slice(0, max).join(', ')} ${t('popup_more', [xs.length - max])}` : xs.join(', ');
  return (
    <li class="tracker" data-vendor={tr.vendor}>
      <h4 class="tracker__name">
        {tr.name} <DisclosureBadge status={tr.disclosure} />
      </h4>
      {(tr.parts ?? []).map((p) => (
        <p key={p.feature} class="part" data-feature={p.feature}>
          <strong>{t(`popup_feature_${p.feature.replace(/[^A-Za-z0-9]/g, '_')}`)}</strong>: <DisclosureBadge status={p.disclosure} />
        </p>
      ))}
      {tr.description && (
        <p class="desc">
          <span class="label">{t('popup_service_collects')}:</span> {pick(tr.description)}
        </p>
      )}
      <p class="policy-words">
        <span class="label">{t('popup_service_policyWords')}:</span> {quote ? <q>{quote}</q> : t('policy_no_quote')}
      </p>
      <button type="button" class="details-toggle" aria-expanded={open} onClick={() => setOpen((x) => !x)} data-status={status}>
        {t('popup_service_details')}
      </button>
      {open && (
        <div class="details">
          <dl>
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
            <p key={p.feature} class="part-explanation">
              <strong>{t(`popup_feature_${p.feature.replace(/[^A-Za-z0-9]/g, '_')}`)}</strong>: {pick(p.explanation)}
            </p>
          ))}
          <TrackerPolicyBody tracker={tr} />
        </div>
      )}
    </li>
  );
}
