import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import type { HistoryRecord } from '../../policy/export/history-record';
import type { HistoryOverview } from '../../policy/history/aggregates';
import type { PageSummary } from '../../policy/history/schema';
import type { HistoryStats } from '../../store/history';
import type { HistorySettings } from '../../store/settings';
import { NO_FILTER, buildModel, filterRows, firstScreenModel, previousInMemory, type AuditFilter, type PageRow } from './model';
import { Section } from './common';
import type { DownloadSink } from './download';
type ExportFiles = typeof import('./export-files');
import { Filters, PageTable, type SortOrder } from './PageList';
import type { PageDetail as PageDetailComponent } from './PageDetail';
import { ExportPanel, StoragePanel, VendorTable, type ExportFormat } from './Panels';
import { once } from '../once';

/*
 * Loaded when first needed, not with the first screen (first render with 10,000 records
 * <= 300 ms): the detail view (with the findings diff) when a detail opens, the exporters when
 * an export starts. Both are fetched once the full list is in, so that neither waits for a click.
 */
let PageDetail: typeof PageDetailComponent | null = null;
const loadPageDetail = once(() => import('./PageDetail').then((m) => (PageDetail = m.PageDetail)));
let exportFiles!: ExportFiles;
const loadExport = once(() => import('./export-files').then((m) => (exportFiles = m)));

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
  /** The records by id, in that order, handed over in batches (exports; store/history.ts readHistory). */
  readHistory(ids: readonly string[], onBatch: (records: HistoryRecord[]) => void): Promise<{ skipped: number }>;
  onDelete(id: string): Promise<void>;
  onClear(): Promise<void>;
  onSaveSettings(patch: Partial<HistorySettings>): Promise<void>;
  /** Defaults to the latest earlier summary of the same URL, read with getRecord. */
  previousVisit?(rec: HistoryRecord): Promise<HistoryRecord | null>;
  /** Opens a file to be written for download (components/audit/download.ts blobDownload). */
  download(name: string, mime: string): DownloadSink;
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
   * Writes the shown pages in the list's order (components/audit/export-files.ts): the records
   * are read in batches and written through the audit command's exporters as they come, into
   * Blob parts; the status line counts the pages and megabytes written.
   */
  const doExport = async (format: ExportFormat) => {
    if (exporting) return;
    setExporting(true);
    const ids = rows.map((r) => r.id);
    setStatus(tr.t('audit_exporting', [ids.length]));
    try {
      await loadExport();
      const date = now();
      const header = exportFiles.historyHeader({ extensionVersion: props.extensionVersion, generatedAt: date, filter });
      const { names, skipped } = await exportFiles.exportHistory(format, ids, header, date, {
        read: props.readHistory,
        download: props.download,
        onProgress: (pages, bytes) => setStatus(tr.t('audit_exportProgress', [pages, (bytes / 1e6).toFixed(1)])),
      });
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
                <Filters
                  filter={filter}
                  kinds={model.kinds}
                  vendors={model.vendors}
                  sort={sort}
                  loading={loading}
                  onFilter={setFilter}
                  onSort={setSort}
                />
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
                <ExportPanel
                  count={loading ? pageCount : rows.length}
                  busy={exporting}
                  loading={loading}
                  onExport={(f) => void doExport(f)}
                />
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
