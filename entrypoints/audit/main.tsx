import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { flushHistory } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { AuditApp } from '@/components/audit/AuditApp';
import { downloadText } from '@/components/audit/download';
import type { HistoryRecord } from '@/policy/export/history-record';
import { clearHistory, deleteHistory, historyStats, listHistory, previousVisit, type HistoryStats } from '@/store/history';
import { getHistorySettings, setHistorySettings, type HistorySettings } from '@/store/settings';

/**
 * audit.html (issue #5): a thin loader around components/audit/AuditApp. Reads the history,
 * its stats and the settings from IndexedDB / storage.local; after a change it updates what
 * changed instead of re-reading the whole history.
 *
 * A large history (thousands of records, each read back and validated) takes seconds to load,
 * so the newest FIRST_SCREEN records are shown at once and the full history replaces them
 * when it has loaded (AuditApp's `partial` notice says so meanwhile).
 */
const FIRST_SCREEN = 50;

function Loader() {
  const [records, setRecords] = useState<HistoryRecord[] | null>(null);
  const [partial, setPartial] = useState<{ loaded: number; total: number } | undefined>();
  const [skipped, setSkipped] = useState(0);
  const [stats, setStats] = useState<HistoryStats | null>(null);
  const [settings, setSettings] = useState<HistorySettings | null>(null);
  const [error, setError] = useState<string | undefined>();
  const generation = useRef(0);
  /** Deleted while a load was running: never shown again from that load's snapshot. */
  const deleted = useRef(new Set<string>());
  const keep = (list: HistoryRecord[]) => (deleted.current.size ? list.filter((r) => !deleted.current.has(r.id)) : list);

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    const live = () => gen === generation.current;
    try {
      performance.mark('audit:load-start');
      // Stats, settings and the first screen in parallel: the first render waits for all three.
      const [st, se, first] = await Promise.all([historyStats(), getHistorySettings(), listHistory({ limit: FIRST_SCREEN })]);
      performance.mark('audit:first-screen');
      if (!live()) return;
      setStats(st);
      setSettings(se);
      if (first.records.length < FIRST_SCREEN) {
        // That is everything.
        setRecords(keep(first.records));
        setSkipped(first.skipped);
        setPartial(undefined);
      } else {
        setRecords(keep(first.records));
        setPartial({ loaded: first.records.length, total: Math.max(st.count, first.records.length) });
        const all = await listHistory();
        if (!live()) return;
        setRecords(keep(all.records));
        setSkipped(all.skipped);
        setPartial(undefined);
      }
      setError(undefined);
    } catch (e) {
      if (!live()) return;
      setError(String((e as Error)?.message ?? e));
      setPartial(undefined);
      setRecords((r) => r ?? []);
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
      records={records}
      partial={partial}
      skipped={skipped}
      error={error}
      stats={stats}
      settings={settings}
      extensionVersion={browser.runtime.getManifest().version}
      onDelete={async (id) => {
        await deleteHistory(id);
        deleted.current.add(id);
        // No re-read of thousands of records: drop the one locally, refresh the totals.
        setRecords((r) => (r ? r.filter((x) => x.id !== id) : r));
        setStats(await historyStats());
      }}
      onClear={async () => {
        generation.current += 1; // a load still running must not bring the records back
        await clearHistory();
        setRecords([]);
        setPartial(undefined);
        setStats(await historyStats());
      }}
      onSaveSettings={async (patch) => {
        await setHistorySettings(patch);
        setSettings(await getHistorySettings());
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
