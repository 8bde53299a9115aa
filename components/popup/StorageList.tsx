import type { ReportStorage } from '@/policy/report/schema';
import { useI18n } from '../i18n';
import { BoundedList } from './BoundedList';

export function StorageList(props: { storage: ReportStorage[] }) {
  const { t } = useI18n();
  if (!props.storage.length) return <p>{t('popup_noStorage')}</p>;
  return (
    <table class="storage">
      <thead>
        <tr>
          <th scope="col">{t('popup_colArea')}</th>
          <th scope="col">{t('popup_colKey')}</th>
          <th scope="col">{t('popup_colVendor')}</th>
        </tr>
      </thead>
      <BoundedList
        as="tbody"
        colSpan={3}
        items={props.storage}
        render={(s, i) => (
          <tr key={`${s.area}|${s.key}|${i}`}>
            <td>{s.area === 'local' ? t('popup_localStorage') : t('popup_sessionStorage')}</td>
            <td class="key">{s.key.length > 200 ? `${s.key.slice(0, 200)}…` : s.key}</td>
            <td>{s.vendor ?? (s.platform ? t('popup_platformOwner', [s.platform]) : '—')}</td>
          </tr>
        )}
      />
    </table>
  );
}
