import type { PolicyViewData } from '@/policy/messages';
import type { ReportPage } from '@/policy/report/schema';
import { DisclosureBadge } from '../policy/DisclosureBadge';
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
      {s.unused.length > 0 && (
        <section class="tl-unused-purposes">
          <h3>{tr.t('policy_unused_heading')}</h3>
          <ul>
            {s.unused.map((u) => (
              <li key={u.purpose.id} data-purpose={u.purpose.id}>
                {tr.pick(u.purpose.label)}
                <blockquote>{u.quote}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
