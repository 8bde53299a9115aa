import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { flushHistory } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { AuditApp } from '@/components/audit/AuditApp';
import { blobDownload } from '@/components/audit/download';
import type { PageSummary } from '@/policy/history/schema';
import { clearHistory, deleteHistory, getHistory, historyStats, listSummaries, previousVisit, readHistory, type HistoryStats } from '@/store/history';
import { getHistorySettings, setHistorySettings, type HistorySettings } from '@/store/settings';

/**
 * audit.html (issue #5): a thin loader around components/audit/AuditApp. Reads the page
 * summaries (packed 100 to an IndexedDB value, store/history.ts listSummaries), the stats and
 * the settings; full records are read only for a detail view or an export. After a change it
 * updates what changed instead of re-reading the history.
 */
function Loader() {
  const [summaries, setSummaries] = useState<PageSummary[] | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [stats, setStats] = useState<HistoryStats | null>(null);
  const [settings, setSettings] = useState<HistorySettings | null>(null);
  const [error, setError] = useState<string | undefined>();
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    try {
      performance.mark('audit:load-start');
      // Each source marks when it is in, so the bench can tell what the first render waited for.
      const done = <T,>(name: string) => (v: T) => (performance.mark(`audit:${name}`), v);
      const [st, se, list] = await Promise.all([
        historyStats().then(done('stats')),
        getHistorySettings().then(done('settings')),
        listSummaries().then(done('summaries-read')),
      ]);
      performance.mark('audit:summaries');
      if (gen !== generation.current) return;
      setStats(st);
      setSettings(se);
      setSummaries(list.summaries);
      setSkipped(list.skipped);
      setError(undefined);
    } catch (e) {
      if (gen !== generation.current) return;
      setError(String((e as Error)?.message ?? e));
      setSummaries((r) => r ?? []);
    }
  }, []);

  useEffect(() => {
    void reload();
    // Page loads that just ended wait in the background's queue for an idle moment
    // (adapters/history-queue.ts): ask for them now, and reload when some were written.
    // Not awaited first, so the stored history shows at once.
    void flushHistory().then((written) => (written > 0 ? reload() : undefined));
  }, [reload]);

  return (
    <AuditApp
      summaries={summaries}
      skipped={skipped}
      error={error}
      stats={stats}
      settings={settings}
      extensionVersion={browser.runtime.getManifest().version}
      getRecord={(id) => getHistory(id)}
      readRecords={(ids, onBatch) => readHistory(ids, onBatch)}
      onDelete={async (id) => {
        await deleteHistory(id);
        // No re-read of thousands of summaries: drop the one locally, refresh the totals.
        setSummaries((r) => (r ? r.filter((x) => x.id !== id) : r));
        setStats(await historyStats());
      }}
      onClear={async () => {
        generation.current += 1; // a load still running must not bring the records back
        await clearHistory();
        setSummaries([]);
        setStats(await historyStats());
      }}
      onSaveSettings={async (patch) => {
        await setHistorySettings(patch);
        setSettings(await getHistorySettings());
      }}
      previousVisit={(rec) => previousVisit(rec.url, rec.time)}
      download={blobDownload}
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
