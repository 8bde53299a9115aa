import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { flushHistoryAndOpen } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { AuditApp } from '@/components/audit/AuditApp';
import { benchMark } from '@/adapters/test-hooks';
import type { PageSummary } from '@/policy/history/schema';
import { blobDownload } from '@/components/audit/download';
import * as store from '@/store/history-read';
import type { FirstScreen, HistoryStats } from '@/store/history-read';
import { getHistorySettings, setHistorySettings, type HistorySettings } from '@/store/settings';

/**
 * audit.html: a thin loader around components/audit/AuditApp. First screen first (first render
 * with 10,000 records <= 300 ms): the stored aggregates and the first 50 rows by findings, the
 * stats and the settings (store/history.ts historyFirstScreen); once that is painted, every
 * row (listSummaries), which the filters, the order and the exports need. Full records are read
 * only for a detail view or an export. After a change it updates what changed instead of
 * re-reading the history.
 */

/** The writer (with the zod schemas) is not needed for the first screen: loaded on the first delete or clear. */
const writes = () => import('@/store/history');

/** Each source marks when it is in, so the bench can tell what the first screen waited for. */
const done =
  <T,>(name: string) =>
  (v: T) => (benchMark(`audit:${name}`), v);

/** What the first screen needs: stats, settings, aggregates and first rows. */
function readFirst(): Promise<[HistoryStats, HistorySettings, FirstScreen]> {
  benchMark('audit:load-start');
  return Promise.all([
    store.historyStats(),
    getHistorySettings().then(done('settings')),
    store.historyFirstScreen().then(done('first-read')),
  ]);
}

/** Started as the module runs, before the first render: the reads need not wait for Preact. */
let early: Promise<[HistoryStats, HistorySettings, FirstScreen]> | null = readFirst();
early.catch(() => undefined); // handled where it is awaited

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves after the next frame was painted (a task queued from a frame callback runs after it). */
const afterPaint = () => new Promise<void>((res) => requestAnimationFrame(() => setTimeout(res, 0)));

function Loader() {
  const [summaries, setSummaries] = useState<PageSummary[] | null>(null);
  const [first, setFirst] = useState<FirstScreen | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [stats, setStats] = useState<HistoryStats | null>(null);
  const [settings, setSettings] = useState<HistorySettings | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  const generation = useRef(0);
  const firstScreenPainted = useRef(deferred());
  /** Deleted while the summaries were loading: a list read before the delete must not bring them back. */
  const deleted = useRef(new Set<string>());

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const reads = early ?? readFirst();
      early = null;
      const [st, se, fs] = await reads;
      if (gen !== generation.current) return;
      setStats(st);
      setSettings(se);
      setFirst(fs);
      setError(undefined);
      // The summaries' read and validation (hundreds of ms) must not delay that first paint.
      await afterPaint();
      benchMark('audit:first-painted');
      // The rows are read one frame later, so that the frame after the first screen's is not delayed.
      await afterPaint();
      firstScreenPainted.current.resolve();
      if (gen !== generation.current) return;
      const list = await store.listSummaries().then(done('summaries-read'));
      benchMark('audit:summaries');
      if (gen !== generation.current) return;
      setSummaries(deleted.current.size ? list.summaries.filter((x) => !deleted.current.has(x.id)) : list.summaries);
      setSkipped(list.skipped);
    } catch (e) {
      firstScreenPainted.current.resolve();
      if (gen !== generation.current) return;
      setError(String((e as Error)?.message ?? e));
      setSummaries((r) => r ?? []);
    }
  }, []);

  useEffect(() => {
    void reload();
    // Page loads that just ended wait in the background's queue for an idle moment
    // (adapters/history-queue.ts): ask for them once the stored history is on screen (waking
    // the service worker competes with the first screen for the CPU, issue #5), and reload
    // when some were written.
    // Pages still open are snapshotted too, and marked in progress.
    void firstScreenPainted.current.promise
      .then(() => flushHistoryAndOpen())
      .then(({ written, open }) => {
        setOpenIds(new Set(open));
        return written > 0 ? reload() : undefined;
      });
  }, [reload]);

  /** Overview and first rows again (after a delete while the full list is still loading). */
  const refreshFirst = async () => {
    const gen = generation.current;
    const fs = await store.historyFirstScreen();
    if (gen === generation.current) setFirst(fs);
  };

  return (
    <AuditApp
      summaries={summaries}
      first={first}
      skipped={skipped}
      error={error}
      stats={stats}
      settings={settings}
      extensionVersion={browser.runtime.getManifest().version}
      openIds={openIds}
      getRecord={(id) => store.getHistory(id)}
      readHistory={(ids, onBatch) => store.readHistory(ids, onBatch)}
      onDelete={async (id) => {
        await (await writes()).deleteHistory(id);
        deleted.current.add(id);
        // No re-read of thousands of summaries: drop the one locally, refresh the totals (and
        // the first screen, which shows while the summaries load).
        setSummaries((r) => (r ? r.filter((x) => x.id !== id) : r));
        setStats(await store.historyStats());
        await refreshFirst();
      }}
      onClear={async () => {
        generation.current += 1; // a load still running must not bring the records back
        await (await writes()).clearHistory();
        setSummaries([]);
        setStats(await store.historyStats());
      }}
      onSaveSettings={async (patch) => {
        await setHistorySettings(patch);
        setSettings(await getHistorySettings());
      }}
      previousVisit={(rec) => store.previousVisit(rec.url, rec.time)}
      download={(name, mime) => blobDownload(name, mime)}
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
