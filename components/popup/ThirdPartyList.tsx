import type { ReportThirdParty } from '@/policy/report/schema';
import { useI18n } from '../i18n';
import { BoundedList } from './BoundedList';

/** What an unidentified third party did, in words (issue #2: set a cookie, pixel or beacon, script, iframe). */
export function describeActivity(tp: ReportThirdParty): string[] {
  const out: string[] = [];
  if (tp.setCookie || tp.reasons.includes('identifier-cookie')) out.push('popup_didSetCookie');
  if (tp.types.includes('beacon') || tp.reasons.includes('pixel')) out.push('popup_didPixel');
  if (tp.types.includes('script')) out.push('popup_didScript');
  if (tp.types.includes('subdocument')) out.push('popup_didIframe');
  if (tp.types.includes('xhr')) out.push('popup_didXhr');
  if (tp.types.includes('websocket')) out.push('popup_didWebsocket');
  if (!out.length) out.push('popup_didOther');
  return out;
}

export function ThirdPartyList(props: { thirdParties: ReportThirdParty[] }) {
  const { t } = useI18n();
  const unknown = props.thirdParties.filter((tp) => !tp.vendor);
  const known = props.thirdParties.filter((tp) => tp.vendor);
  return (
    <>
      <h2>{t('popup_unidentified')}</h2>
      {unknown.length === 0 ? (
        <p>{t('popup_noUnidentified')}</p>
      ) : (
        <BoundedList
          items={unknown}
          render={(tp) => (
            <li key={tp.host} class="third-party unidentified" data-host={tp.host}>
              <strong>{tp.host}</strong> · {t('popup_requests')}: {tp.requests}
              {tp.likelyTracking && <span class="flag"> {t('popup_likelyTracking')}</span>}
              <div>
                {t('popup_did')}:{' '}
                {describeActivity(tp)
                  .map((k) => t(k))
                  .join(', ')}
              </div>
            </li>
          )}
        />
      )}
      <h2>{t('popup_identified')}</h2>
      <BoundedList
        items={known}
        render={(tp) => (
          <li key={tp.host} class="third-party" data-host={tp.host}>
            <strong>{tp.host}</strong> ({tp.vendor}) · {t('popup_requests')}: {tp.requests}
          </li>
        )}
      />
    </>
  );
}
