import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { flushHistoryAndOpen } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { AuditApp } from '@/components/audit/AuditApp';
import { once } from '@/components/once';
import type { PageSummary } from '@/policy/history/schema';
import { readFirstScreen, type FirstScreen, type HistoryStats } from '@/store/first-screen';
import { getHistorySettings, setHistorySettings, type HistorySettings } from '@/store/settings';

/**
 * audit.html (issue #5): a thin loader around components/audit/AuditApp. First screen first
 * (issue #5: first render with 10,000 records <= 300 ms): the stored aggregates and the first
 * 50 records by findings, the stats and the settings; once that is painted, every page summary
 * (packed 100 to an IndexedDB value, listSummaries: about a second at 10,000), which the
 * filters, the order and the exports need. Full records are read only for a detail view or an
 * export. After a change it updates what changed instead of re-reading the history.
 *
 * The first screen is read by store/first-screen.ts, which opens the database only when it is
 * already at the current version and needs neither the migrations nor zod (its rows and
 * aggregates are checked by policy/history/list-check.ts). store/history.ts (with store/db.ts,
 * zod, the export fragments' fflate and dictionary) is imported once the first screen is on
 * screen: loading and evaluating it before the first read was about half of the first screen's
 * time (measured 2026-11-29). When the light read cannot answer (no database yet, an older one
 * whose migrations must run, damaged aggregates), the first screen waits for store/history.ts,
 * which does all of that, as before. components/audit/download.ts (the worker export stream,
 * with zod) comes with the store; the detail view and the page's export assembler are loaded
 * by components/audit/AuditApp.tsx when needed.
 */

/** store/history.ts, loaded once: after the first screen, or for it when the light read cannot answer. */
const historyStore = once(() => import('@/store/history'));
/** components/audit/download.ts (the export stream's zod schemas with it): loaded with the store. */
const downloads = once(() => import('@/components/audit/download'));
type Downloads = Awaited<ReturnType<typeof downloads>>;

/** Each source marks when it is in, so the bench can tell what the first screen waited for. */
const done =
  <T,>(name: string) =>
  (v: T) => (performance.mark(`audit:${name}`), v);

/** What the first screen needs: stats, settings, aggregates and first rows. */
function readFirst(): Promise<[HistoryStats, HistorySettings, FirstScreen]> {
  performance.mark('audit:load-start');
  // The mark's detail tells whether the light read answered or the store had to (bench, e2e).
  const read = readFirstScreen(historyStore).then((r) => (performance.mark('audit:first-read', { detail: { via: r.via } }), r));
  return Promise.all([read.then((r) => r.stats), getHistorySettings().then(done('settings')), read.then((r) => r.first)]);
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
  const [dl, setDownloads] = useState<Downloads | null>(null);
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
      performance.mark('audit:first-painted');
      // The rest (store/history.ts and download.ts, then the summaries) starts one frame later: in Chromium the
      // page's first resource request after its load, here the dynamic import's, holds the main
      // thread for about 25 ms (trace, 2026-11-29), which must not delay the frame after the
      // first screen's (issue #5).
      await afterPaint();
      firstScreenPainted.current.resolve();
      if (gen !== generation.current) return;
      // Exports are enabled with the summaries: what they write with is in by then.
      const [h, d] = await Promise.all([historyStore(), downloads()]);
      setDownloads(d);
      const list = await h.listSummaries().then(done('summaries-read'));
      performance.mark('audit:summaries');
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
    const fs = await (await historyStore()).historyFirstScreen();
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
      getRecord={async (id) => (await historyStore()).getHistory(id)}
      readFragments={async (file, ids, onBatch) => (await historyStore()).readFragments(file, ids, onBatch)}
      onDelete={async (id) => {
        const h = await historyStore();
        await h.deleteHistory(id);
        deleted.current.add(id);
        // No re-read of thousands of summaries: drop the one locally, refresh the totals (and
        // the first screen, which shows while the summaries load).
        setSummaries((r) => (r ? r.filter((x) => x.id !== id) : r));
        setStats(await h.historyStats());
        await refreshFirst();
      }}
      onClear={async () => {
        generation.current += 1; // a load still running must not bring the records back
        const h = await historyStore();
        await h.clearHistory();
        setSummaries([]);
        setStats(await h.historyStats());
      }}
      onSaveSettings={async (patch) => {
        await setHistorySettings(patch);
        setSettings(await getHistorySettings());
      }}
      previousVisit={async (rec) => (await historyStore()).previousVisit(rec.url, rec.time)}
      // Export buttons are enabled once the summaries are in, after `dl` (see reload).
      download={(name, mime) => dl!.blobDownload(name, mime)}
      // Chromium: the service worker streams exports as downloads; Firefox (no worker): the page builds them.
      streamExport={dl?.streamExportAvailable() ? (job, onProgress) => dl.streamExport(job, { onProgress }) : undefined}
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
