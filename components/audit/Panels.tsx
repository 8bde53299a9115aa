import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { DisclosureBadge } from '../policy/DisclosureBadge';
import { kindLabel } from '../../policy/export/labels';
import type { HistoryStats } from '../../store/history';
import type { HistorySettings } from '../../store/settings';
import { formatBytes, type VendorSummary } from './model';
import { formatTime, useBounded } from './common';

/** Vendor summary: on how many pages, with which findings; a button filters the list by it. */
/** `loading`: the page list is still loading (issue #5 first screen), so a vendor filter cannot apply yet. */
export function VendorTable(props: { vendors: VendorSummary[]; loading?: boolean; onFilter(vendor: string): void }) {
  const tr = useI18n();
  const { visible, more } = useBounded(props.vendors, 25);
  if (props.vendors.length === 0) return <p class="muted">{tr.t('audit_vendorsNone')}</p>;
  return (
    <>
      <table class="vendors" data-testid="vendors">
        <thead>
          <tr>
            <th scope="col">{tr.t('audit_colVendor')}</th>
            <th scope="col" class="c-num">
              {tr.t('audit_colPages')}
            </th>
            <th scope="col">{tr.t('audit_colVendorFindings')}</th>
            <th scope="col">{tr.t('audit_colDisclosure')}</th>
            <th scope="col" class="c-actions">
              {tr.t('audit_colActions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {visible.map((v) => (
            <tr key={v.vendor} data-vendor={v.vendor}>
              <th scope="row">
                {v.name}
                {v.name !== v.vendor && <span class="url">{v.vendor}</span>}
              </th>
              <td class="c-num" data-testid="vendor-pages">
                {v.pages}
              </td>
              <td>
                {v.findingTotal === 0 ? (
                  <span class="muted">{tr.t('audit_noFindings')}</span>
                ) : (
                  <ul class="inline-list">
                    {Object.entries(v.findings).map(([k, n]) => (
                      <li key={k}>
                        {tr.pick(kindLabel(k))}: {n}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <ul class="inline-list">
                  {v.disclosures.map((d) => (
                    <li key={d}>
                      <DisclosureBadge status={d === 'unknown' ? undefined : d} />
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <button
                  type="button"
                  disabled={props.loading}
                  aria-label={tr.t('audit_vendorFilterAria', [v.name])}
                  onClick={() => props.onFilter(v.vendor)}
                >
                  {tr.t('audit_vendorFilter')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}

export type CsvChoice = 'all' | 'pages' | 'cookies' | 'requests' | 'findings';
export type ExportFormat = 'json' | 'html' | { csv: CsvChoice };

/** `loading`: the page list (what an export writes, in its order) is still loading (issue #5 first screen). */
export function ExportPanel(props: { count: number; busy?: boolean; loading?: boolean; onExport(format: ExportFormat): void }) {
  const tr = useI18n();
  const [csv, setCsv] = useState<CsvChoice>('all');
  const disabled = props.count === 0 || props.loading;
  // While a file is being written the buttons stay focusable and say so (aria-disabled); a click does nothing.
  const busy = props.busy || undefined;
  return (
    <>
      <p>{tr.t('audit_exportScope', [props.count])}</p>
      <div class="actions">
        <button type="button" disabled={disabled} aria-disabled={busy} onClick={() => props.onExport('json')}>
          {tr.t('audit_exportJson')}
        </button>
        <button type="button" disabled={disabled} aria-disabled={busy} onClick={() => props.onExport('html')}>
          {tr.t('audit_exportHtml')}
        </button>
        <label>
          {tr.t('audit_exportCsvTable')}
          <select value={csv} onChange={(e) => setCsv(e.currentTarget.value as CsvChoice)} data-testid="csv-choice">
            <option value="all">{tr.t('audit_csvAll')}</option>
            <option value="pages">{tr.t('audit_csvPages')}</option>
            <option value="cookies">{tr.t('audit_csvCookies')}</option>
            <option value="requests">{tr.t('audit_csvRequests')}</option>
            <option value="findings">{tr.t('audit_csvFindings')}</option>
          </select>
        </label>
        <button type="button" disabled={disabled} aria-disabled={busy} onClick={() => props.onExport({ csv })}>
          {tr.t('audit_exportCsv')}
        </button>
      </div>
    </>
  );
}

const MB = 1024 * 1024;

/** Storage used, "delete everything" (confirmed inline), and the history settings. */
export function StoragePanel(props: {
  stats: HistoryStats | null;
  settings: HistorySettings | null;
  onClear(): Promise<void>;
  onSaveSettings(s: Partial<HistorySettings>): Promise<void>;
}) {
  const tr = useI18n();
  const [confirming, setConfirming] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yesRef.current?.focus();
  }, [confirming]);
  const [message, setMessage] = useState('');
  const s = props.settings;
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [days, setDays] = useState<string | null>(null);
  const [mb, setMb] = useState<string | null>(null);
  const curEnabled = enabled ?? s?.enabled ?? true;
  const curDays = days ?? String(s?.retentionDays ?? 90);
  const curMb = mb ?? String(Math.round((s?.maxBytes ?? 50 * MB) / MB));
  const stats = props.stats;

  const save = async (e: Event) => {
    e.preventDefault();
    const d = Number(curDays);
    const m = Number(curMb);
    const bad: string[] = [];
    if (!Number.isInteger(d) || d < 1 || d > 3650) bad.push(tr.t('audit_settingRetention'));
    if (!Number.isFinite(m) || m < 1 || m > 1000) bad.push(tr.t('audit_settingMaxMb'));
    if (bad.length) {
      setMessage(tr.t('audit_settingsInvalid', [bad.join('; ')]));
      return;
    }
    try {
      await props.onSaveSettings({ enabled: curEnabled, retentionDays: d, maxBytes: Math.round(m * MB) });
      setMessage(tr.t('audit_settingsSaved'));
    } catch (err) {
      setMessage(tr.t('audit_actionError', [String((err as Error)?.message ?? err)]));
    }
  };

  return (
    <>
      {stats && (
        <p data-testid="storage-used">
          {tr.t('audit_storageUsed', [stats.count, formatBytes(stats.bytes, tr.lang)])}
          {stats.oldest !== null && stats.newest !== null && (
            <>
              {' · '}
              {tr.t('audit_storageSpan', [formatTime(stats.oldest, tr.lang), formatTime(stats.newest, tr.lang)])}
            </>
          )}
        </p>
      )}
      <div class="actions">
        {!confirming ? (
          <button type="button" class="danger" disabled={!stats || stats.count === 0} onClick={() => setConfirming(true)}>
            {tr.t('audit_clearAll')}
          </button>
        ) : (
          <div role="group" aria-labelledby="clear-q" class="confirm">
            <span id="clear-q">{tr.t('audit_clearConfirm', [stats?.count ?? 0])}</span>{' '}
            <button
              type="button"
              class="danger"
              ref={yesRef}
              onClick={async () => {
                setConfirming(false);
                try {
                  await props.onClear();
                  setMessage(tr.t('audit_cleared'));
                } catch (err) {
                  setMessage(tr.t('audit_actionError', [String((err as Error)?.message ?? err)]));
                }
              }}
            >
              {tr.t('audit_clearYes')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {tr.t('audit_cancel')}
            </button>
          </div>
        )}
      </div>
      <form class="settings" onSubmit={save} data-testid="settings">
        <label class="check">
          <input type="checkbox" checked={curEnabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          {tr.t('audit_settingEnabled')}
        </label>
        <label>
          {tr.t('audit_settingRetention')}
          <input type="number" min={1} max={3650} step={1} value={curDays} onInput={(e) => setDays(e.currentTarget.value)} />
        </label>
        <label>
          {tr.t('audit_settingMaxMb')}
          <input type="number" min={1} max={1000} step={1} value={curMb} onInput={(e) => setMb(e.currentTarget.value)} />
        </label>
        <p class="muted">{tr.t('audit_settingsHint')}</p>
        <button type="submit">{tr.t('audit_settingsSave')}</button>
      </form>
      <p role="status" aria-live="polite" data-testid="storage-status">
        {message}
      </p>
    </>
  );
}
