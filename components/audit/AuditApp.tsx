import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { CsvPart } from '../../policy/export';
import type { ExportFile, FileFragment, fileFormat as FileFormat, fragmentAssembler as FragmentAssembler } from '../../policy/history/fragments';
import type { HistoryRecord } from '../../policy/export/history-record';
import type { HistoryOverview } from '../../policy/history/aggregates';
import type { PageSummary } from '../../policy/history/schema';
import type { HistoryStats } from '../../store/first-screen';
import type { HistorySettings } from '../../store/settings';
import { NO_FILTER, buildModel, exportFileName, filterRows, firstScreenModel, previousInMemory, reportHeader, type AuditFilter, type PageRow } from './model';
import { Section } from './common';
import type { DownloadSink, StreamOutcome } from './download';
import type { ExportJob, ExportProgress } from '../../policy/messages';
import { Filters, PageTable, type SortOrder } from './PageList';
import type { PageDetail as PageDetailComponent } from './PageDetail';
import { ExportPanel, StoragePanel, VendorTable, type ExportFormat } from './Panels';
import { once } from '../once';

/*
 * Loaded when first needed, not with the first screen (issue #5: first render with 10,000
 * records <= 300 ms; loading and evaluating the page's scripts was half of it): the detail
 * view (with the findings diff) when a detail opens, the export's modules (the CSV parts, the
 * page's own fragment assembler with fflate and its dictionary) when an export starts. Both
 * are fetched once the full list is in, so that neither waits for a click.
 */
let PageDetail: typeof PageDetailComponent | null = null;
const loadPageDetail = once(() => import('./PageDetail').then((m) => (PageDetail = m.PageDetail)));
let CSV_PARTS: readonly CsvPart[] = [];
let fragmentAssembler!: typeof FragmentAssembler;
let fileFormat!: typeof FileFormat;
const loadExport = once(() =>
  Promise.all([import('../../policy/export'), import('../../policy/history/fragments')]).then(([exporters, fragments]) => {
    CSV_PARTS = exporters.CSV_PARTS;
    fragmentAssembler = fragments.fragmentAssembler;
    fileFormat = fragments.fileFormat;
  }),
);

/**
 * The audit page (issue #5): stored page loads by findings, filters, a detail view with
 * "new since the previous visit", a vendor summary, exports, storage and history settings.
 * The list, filters, vendor summary and totals come from page summaries; a full record is
 * read only when its detail view opens, and an export reads the records it writes in batches,
 * writing as it goes. With 10,000 records the summaries take about a second to read, so the
 * page first shows `first` (issue #5, first render <= 300 ms): the overview, vendor summary
 * and filter options from the stored aggregates and the first rows by findings; filters, order
 * and exports are enabled once the summaries are in. Everything comes in through props (entrypoints/audit/main.tsx reads
 * IndexedDB), so tests and the bench render it with plain data.
 */
export interface AuditAppProps {
  /** null while loading; any order (the model sorts). */
  summaries: PageSummary[] | null;
  /** What the page shows while `summaries` is null (store/history.ts historyFirstScreen). */
  first?: { overview: HistoryOverview; rows: PageSummary[]; skipped?: number } | null;
  /** Summaries that failed validation and were skipped. */
  skipped?: number;
  error?: string;
  stats: HistoryStats | null;
  settings: HistorySettings | null;
  extensionVersion: string;
  /** The full record of a page, for its detail view; null when it is gone or unreadable. */
  getRecord(id: string): Promise<HistoryRecord | null>;
  /**
   * One export file's fragments of the records by id, in the given order, handed over in
   * batches (exports; store/history.ts readFragments): an id that is gone comes as undefined,
   * which the assembler skips and counts.
   */
  readFragments(file: ExportFile, ids: readonly string[], onBatch: (items: (FileFragment | undefined)[]) => void): Promise<unknown>;
  onDelete(id: string): Promise<void>;
  onClear(): Promise<void>;
  onSaveSettings(patch: Partial<HistorySettings>): Promise<void>;
  /** Defaults to the latest earlier summary of the same URL, read with getRecord. */
  previousVisit?(rec: HistoryRecord): Promise<HistoryRecord | null>;
  /** Opens a file to be written for download. */
  download(name: string, mime: string): DownloadSink;
  /**
   * Where the service worker can stream exports (Chromium): writes one file of the job as a
   * download and tells how it ended (components/audit/download.ts streamExport). Without it
   * the page builds each file itself through `download`. `onProgress` hears the worker's
   * heartbeat; a result marked `stalled` means the worker went silent (stopped) mid-file.
   */
  streamExport?(job: ExportJob, onProgress?: (p: ExportProgress) => void): Promise<StreamOutcome>;
  now?(): Date;
  /** Rows per "page" of the list (default 50). */
  pageSize?: number;
  /** History records of pages still open in a tab (snapshots, marked in progress). */
  openIds?: ReadonlySet<string>;
}

type Detail = { id: string; record: HistoryRecord | null | 'loading' };

export function AuditApp(props: AuditAppProps) {
  const tr = useI18n();
  const summaries = props.summaries;
  const first = summaries === null ? (props.first ?? null) : null;
  const model = useMemo(() => (first ? firstScreenModel(first.overview, first.rows) : buildModel(summaries ?? [])), [summaries, first]);
  /** First screen shown, full list still loading. */
  const loading = first !== null;
  const pageCount = first ? first.overview.pages : model.byTime.length;
  const skipped = first ? first.skipped : props.skipped;
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortOrder>('findings');
  const [detail, setDetail] = useState<Detail | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const rows = useMemo(() => filterRows(sort === 'findings' ? model.byFindings : model.byTime, filter), [model, sort, filter]);
  const now = props.now ?? (() => new Date());

  const openId = detail?.id ?? null;
  useEffect(() => {
    if (!openId) return;
    let live = true;
    const record = props.getRecord(openId);
    record.catch(() => undefined); // handled below, once the view is in
    loadPageDetail().then(
      () =>
        record.then(
          (r) => live && setDetail((d) => (d && d.id === openId ? { id: openId, record: r } : d)),
          () => live && setDetail((d) => (d && d.id === openId ? { id: openId, record: null } : d)),
        ),
      (e: unknown) => {
        if (!live) return;
        setDetail(null);
        fail(e);
      },
    );
    return () => {
      live = false;
    };
  }, [openId]);

  // The full list is in: fetch what a click on "details" or an export needs (see above).
  const full = summaries !== null;
  useEffect(() => {
    if (!full) return;
    loadPageDetail().catch(() => undefined);
    loadExport().catch(() => undefined);
  }, [full]);

  const previousVisit = useCallback(
    async (rec: HistoryRecord) => {
      if (props.previousVisit) return props.previousVisit(rec);
      const prev = previousInMemory(summaries ?? [], rec);
      return prev ? props.getRecord(prev.id) : null;
    },
    [props.previousVisit, props.getRecord, summaries],
  );

  const fail = (e: unknown) => setStatus(tr.t('audit_actionError', [String((e as Error)?.message ?? e)]));

  const remove = async (rec: { id: string; url: string; title?: string }) => {
    try {
      await props.onDelete(rec.id);
      setStatus(tr.t('audit_deleted', [rec.title || rec.url]));
      if (openId === rec.id) setDetail(null);
    } catch (e) {
      fail(e);
    }
  };

  /**
   * Writes the shown pages in the list's order from their precomputed export fragments
   * (policy/history/fragments.ts): the stored bytes of each page are inflated straight into
   * the file, batch by batch, with the header, separators and footer put around them. The
   * file is byte for byte what the exporters write for the same records (tested there);
   * 10,000 records are never all in memory and nothing is re-validated or re-serialized
   * (issue #5, export <= 2 s).
   */
  /** The files an export format writes, with their names. */
  const exportFiles = (format: ExportFormat, date: Date): { file: ExportFile; name: string; mime: string }[] =>
    format === 'json' || format === 'html'
      ? [{ file: format, name: exportFileName(date, format), mime: format === 'json' ? 'application/json' : 'text/html' }]
      : CSV_PARTS.filter((p) => format.csv === 'all' || format.csv === p).map((part) => ({ file: part, name: exportFileName(date, 'csv', part), mime: 'text/csv;charset=utf-8' }));

  /**
   * Streamed by the service worker, one download per file, all started at once: the worker
   * reads each file's fragments and writes them as the download goes (adapters/export-stream.ts).
   * The page waits only for the results.
   */
  const streamFiles = async (stream: NonNullable<AuditAppProps['streamExport']>, files: ReturnType<typeof exportFiles>, ids: string[], header: ReturnType<typeof reportHeader>) => {
    const t0 = performance.now();
    // What each file has written so far, from the worker's heartbeat: the status line counts it up.
    const written = new Map<string, number>();
    const progress = (p: ExportProgress) => {
      written.set(p.id, p.bytes);
      const mb = [...written.values()].reduce((a, b) => a + b, 0) / 1e6;
      setStatus(tr.t('audit_exportProgress', [ids.length, mb.toFixed(1)]));
    };
    const results = await Promise.all(files.map((f) => stream({ id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${f.file}`, file: f.file, name: f.name, ids, header }, progress)));
    // For bench/audit-page.ts: the worker's own split of the slowest file's time.
    const slowest = results.reduce<StreamOutcome | null>((a, r) => (r.ok && r.ms && (!a || !a.ok || (a.ms?.total ?? 0) < r.ms.total) ? r : a), null);
    performance.measure('audit:export', { start: t0, end: performance.now(), detail: { mode: 'stream', worker: slowest?.ok ? slowest.ms : undefined } });
    const stalled = results.findIndex((r) => !r.ok && 'stalled' in r);
    if (stalled >= 0) throw new Error(tr.t('audit_exportStalled', [files[stalled].name]));
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) throw new Error(failed.error);
    // The files list the same records: the most any file left out.
    return Math.max(0, ...results.map((r) => (r.ok ? r.skipped : 0)));
  };

  /**
   * Without a service worker (the Firefox build): writes the shown pages in the list's order
   * from their precomputed export fragments (policy/history/fragments.ts): the stored bytes of
   * each page are inflated straight into the file, batch by batch, with the header, separators
   * and footer put around them. The file is byte for byte what the exporters write for the
   * same records (tested there); 10,000 records are never all in memory and nothing is
   * re-validated or re-serialized (issue #5, export <= 2 s).
   */
  const buildFiles = async (files: ReturnType<typeof exportFiles>, ids: string[], header: ReturnType<typeof reportHeader>) => {
    // Marks for bench/audit-page.ts: where an export's time goes (reading, assembling, the file).
    const t0 = performance.now();
    let assembling = 0;
    let closing = 0;
    // Each file reads only its own fragments (store/db.ts v6) and has its own assembler. A
    // record that is gone is skipped by every CSV table: "skipped" is the most one file skipped.
    let skipped = 0;
    for (const f of files) {
      const sink = props.download(f.name, f.mime);
      // BOM: spreadsheet programs then read the Cyrillic text as UTF-8.
      if (f.file !== 'json' && f.file !== 'html') sink.write('\ufeff');
      // The assembler hands over chunks of one reused buffer: the sink copies each at once.
      const x = fragmentAssembler(fileFormat(f.file), header, { sink: (_file, chunk) => sink.writeBytes(chunk) });
      await props.readFragments(f.file, ids, (items) => {
        const t = performance.now();
        x.add(items);
        assembling += performance.now() - t;
      });
      const done = x.end();
      skipped = Math.max(skipped, done.skipped);
      const t = performance.now();
      sink.close(f.file === 'html' ? done.files.html : undefined);
      closing += performance.now() - t;
    }
    const total = performance.now() - t0;
    performance.measure('audit:export', { start: t0, end: performance.now(), detail: { mode: 'page', read: total - assembling - closing, assemble: assembling, file: closing } });
    return skipped;
  };

  const doExport = async (format: ExportFormat) => {
    if (exporting) return;
    setExporting(true);
    const ids = rows.map((r) => r.id);
    setStatus(tr.t('audit_exporting', [ids.length]));
    try {
      await loadExport();
      const date = now();
      const header = reportHeader({ extensionVersion: props.extensionVersion, generatedAt: date, filter });
      const files = exportFiles(format, date);
      const names = files.map((f) => f.name);
      const skipped = props.streamExport ? await streamFiles(props.streamExport, files, ids, header) : await buildFiles(files, ids, header);
      setStatus(skipped ? tr.t('audit_exportDoneSkipped', [names.join(', '), skipped]) : tr.t('audit_exportDone', [names.join(', ')]));
    } catch (e) {
      fail(e);
    } finally {
      setExporting(false);
    }
  };

  const totalFindings = model.totals.high + model.totals.medium + model.totals.low + model.totals.info;

  return (
    <main data-state={loading ? 'first' : summaries === null ? 'loading' : 'full'}>
      <h1>{tr.t('audit_title')}</h1>
      <p class="intro">{tr.t('audit_intro')}</p>
      {props.settings && !props.settings.enabled && <p class="notice">{tr.t('audit_historyOff')}</p>}
      {props.error && (
        <p class="notice" role="alert">
          {tr.t('audit_loadError', [props.error])}
        </p>
      )}
      {!!skipped && <p class="notice">{tr.t('audit_skipped', [skipped])}</p>}
      <p role="status" aria-live="polite" class="status" data-testid="status">
        {status}
      </p>

      {summaries === null && !first && !props.error ? (
        <p>{tr.t('audit_loading')}</p>
      ) : detail ? (
        detail.record === 'loading' ? (
          <p data-testid="detail-loading">{tr.t('audit_detailLoading')}</p>
        ) : detail.record === null ? (
          <div class="detail">
            <p role="alert">{tr.t('audit_recordUnreadable')}</p>
            <button
              type="button"
              onClick={() => {
                setFocusId(detail.id);
                setDetail(null);
              }}
            >
              {tr.t('audit_back')}
            </button>
          </div>
        ) : !PageDetail ? (
          <p data-testid="detail-loading">{tr.t('audit_detailLoading')}</p>
        ) : (
          <PageDetail
            record={detail.record}
            previousVisit={previousVisit}
            onBack={() => {
              setFocusId(detail.id);
              setDetail(null);
            }}
            onDelete={(rec) => void remove({ id: rec.id, url: rec.url, title: rec.report.title })}
          />
        )
      ) : (
        <>
          <p data-testid="overview">{tr.t('audit_overview', [pageCount, model.urls, totalFindings])}</p>
          {pageCount === 0 ? (
            <p data-testid="empty">{tr.t('audit_empty')}</p>
          ) : (
            <>
              <Section id="pages" title={tr.t('audit_pagesHeading')}>
                <Filters filter={filter} kinds={model.kinds} vendors={model.vendors} sort={sort} loading={loading} onFilter={setFilter} onSort={setSort} />
                {loading && (
                  <p class="muted" data-testid="list-loading">
                    {tr.t('audit_listLoading')}
                  </p>
                )}
                <PageTable
                  key={`${sort}|${filter.kind}|${filter.vendor}|${filter.disclosure}|${filter.query}`}
                  rows={rows}
                  total={pageCount}
                  pageSize={props.pageSize ?? 50}
                  focusId={focusId}
                  openIds={props.openIds}
                  onOpen={(id) => {
                    setStatus('');
                    setDetail({ id, record: 'loading' });
                  }}
                  onDelete={(r: PageRow) => void remove({ id: r.id, url: r.url, title: r.title })}
                />
              </Section>
              <Section id="export" title={tr.t('audit_exportHeading')}>
                <ExportPanel count={loading ? pageCount : rows.length} busy={exporting} loading={loading} onExport={(f) => void doExport(f)} />
              </Section>
              <Section id="vendors" title={tr.t('audit_vendorsHeading')}>
                <VendorTable
                  vendors={model.vendors}
                  loading={loading}
                  onFilter={(vendor) => {
                    setFilter({ ...NO_FILTER, vendor });
                    document.querySelector<HTMLElement>('[data-testid="filter-vendor"]')?.focus();
                  }}
                />
              </Section>
            </>
          )}
          <Section id="storage" title={tr.t('audit_storageSection')}>
            <StoragePanel stats={props.stats} settings={props.settings} onClear={props.onClear} onSaveSettings={props.onSaveSettings} />
          </Section>
        </>
      )}
    </main>
  );
}
