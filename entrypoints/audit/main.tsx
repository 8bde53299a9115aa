import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { AuditApp } from '@/components/audit/AuditApp';
import { downloadText } from '@/components/audit/download';
import type { HistoryRecord } from '@/policy/export/history-record';
import { clearHistory, deleteHistory, historyStats, listHistory, previousVisit, type HistoryStats } from '@/store/history';
import { getHistorySettings, setHistorySettings, type HistorySettings } from '@/store/settings';

/**
 * audit.html (issue #5): a thin loader around components/audit/AuditApp. Reads the history,
 * its stats and the settings from IndexedDB / storage.local, and reloads after a change.
 */
function Loader() {
  const [records, setRecords] = useState<HistoryRecord[] | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [stats, setStats] = useState<HistoryStats | null>(null);
  const [settings, setSettings] = useState<HistorySettings | null>(null);
  const [error, setError] = useState<string | undefined>();

  const reload = useCallback(async () => {
    try {
      const [list, st, se] = await Promise.all([listHistory(), historyStats(), getHistorySettings()]);
      setRecords(list.records);
      setSkipped(list.skipped);
      setStats(st);
      setSettings(se);
      setError(undefined);
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
      setRecords((r) => r ?? []);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <AuditApp
      records={records}
      skipped={skipped}
      error={error}
      stats={stats}
      settings={settings}
      extensionVersion={browser.runtime.getManifest().version}
      onDelete={async (id) => {
        await deleteHistory(id);
        await reload();
      }}
      onClear={async () => {
        await clearHistory();
        await reload();
      }}
      onSaveSettings={async (patch) => {
        await setHistorySettings(patch);
        await reload();
      }}
      previousVisit={(rec) => previousVisit(rec.url, rec.time)}
      download={downloadText}
    />
  );
}

const translator = browserTranslator();
document.documentElement.lang = translator.lang;
document.title = translator.t('audit_title');
render(
  <I18nProvider translator={translator}>
    <Loader />
  </I18nProvider>,
  document.getElementById('app')!,
);
