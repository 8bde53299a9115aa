import { useState } from 'preact/hooks';
import type { ReportCookie } from '@/policy/report/schema';
import { useI18n } from '../i18n';
import { BoundedList } from './BoundedList';
import { daysUntil, formatDate } from './format';

/** Cookie table; values stay hidden until the user reveals one (shoulder-surfing, screenshots). */
export function CookieTable(props: { cookies: ReportCookie[]; now: number }) {
  const { t, lang } = useI18n();
  const [revealed, setRevealed] = useState<Set<number>>(new Set());
  if (!props.cookies.length) return <p>{t('popup_noCookies')}</p>;
  const toggle = (i: number) => {
    const next = new Set(revealed);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    setRevealed(next);
  };
  return (
    <table class="cookies">
      <thead>
        <tr>
          <th scope="col">{t('popup_colName')}</th>
          <th scope="col">{t('popup_colDomain')}</th>
          <th scope="col">{t('popup_colParty')}</th>
          <th scope="col">{t('popup_colFlags')}</th>
          <th scope="col">{t('popup_colExpires')}</th>
          <th scope="col">{t('popup_colSize')}</th>
          <th scope="col">{t('popup_colVendor')}</th>
          <th scope="col">{t('popup_colValue')}</th>
        </tr>
      </thead>
      <BoundedList
        as="tbody"
        colSpan={8}
        items={props.cookies}
        render={(c, i) => {
          const days = daysUntil(c.expires, props.now);
          const flags = [c.httpOnly && 'HttpOnly', c.secure && 'Secure', `SameSite=${c.sameSite}`, c.partitioned && t('popup_partitioned')]
            .filter(Boolean)
            .join(', ');
          return (
            <tr key={`${c.name}|${c.domain}|${c.path}|${i}`}>
              <td class="name">{c.name}</td>
              <td>{c.domain}</td>
              <td>{c.firstParty ? t('popup_firstParty') : t('popup_thirdParty')}</td>
              <td>{flags}</td>
              <td>{c.session || !c.expires ? t('popup_session') : t('popup_inDays', [formatDate(c.expires, lang), days ?? '?'])}</td>
              <td>{t('popup_bytes', [c.size])}</td>
              <td>{c.vendor ?? (c.platform ? t('popup_platformOwner', [c.platform]) : '—')}</td>
              <td class="value">
                <button
                  type="button"
                  aria-label={t('popup_revealLabel', [c.name])}
                  aria-pressed={revealed.has(i)}
                  onClick={() => toggle(i)}
                >
                  {revealed.has(i) ? t('popup_hide') : t('popup_reveal')}
                </button>
                {revealed.has(i) && <code class="cookie-value">{(c.value ?? '').slice(0, 512)}</code>}
              </td>
            </tr>
          );
        }}
      />
    </table>
  );
}
