import { useCallback, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { toCsv, toHtml, toJson } from '../../policy/export';
import type { HistoryRecord } from '../../policy/export/history-record';
import type { HistoryStats } from '../../store/history';
import type { HistorySettings } from '../../store/settings';
import { NO_FILTER, buildModel, buildReport, exportFileName, filterRows, previousInMemory, type AuditFilter, type PageRow } from './model';
import { Section } from './common';
import { Filters, PageTable, type SortOrder } from './PageList';
import { PageDetail } from './PageDetail';
import { ExportPanel, StoragePanel, VendorTable, type ExportFormat } from './Panels';

/**
 * The audit page (issue #5): stored page loads by findings, filters, a detail view with
 * "new since the previous visit", a vendor summary, exports, storage and history settings.
 * Everything comes in through props (entrypoints/audit/main.tsx loads it from IndexedDB), so
 * tests and the bench render it with plain records.
 */
export interface AuditAppProps {
  /** null while loading; newest first is not required (the model sorts). */
  records: HistoryRecord[] | null;
  /**
   * Set while only the newest records are loaded (the first screen of a large history comes
   * up at once; the rest follows). Export and the vendor summary wait for the full history.
   */
  partial?: { loaded: number; total: number };
  /** Records that failed validation and were skipped. */
  skipped?: number;
  error?: string;
  stats: HistoryStats | null;
  settings: HistorySettings | null;
  extensionVersion: string;
  onDelete(id: string): Promise<void>;
  onClear(): Promise<void>;
  onSaveSettings(patch: Partial<HistorySettings>): Promise<void>;
  /** Defaults to a lookup in `records`. */
  previousVisit?(rec: HistoryRecord): Promise<HistoryRecord | null>;
  download(name: string, text: string, mime: string): void;
  now?(): Date;
  /** Rows per "page" of the list (default 50). */
  pageSize?: number;
}

const CSV_PARTS = ['pages', 'cookies', 'requests', 'findings'] as const;

export function AuditApp(props: AuditAppProps) {
  const tr = useI18n();
  const records = props.records;
  const model = useMemo(() => buildModel(records ?? []), [records]);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortOrder>('findings');
  const [openId, setOpenId] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const rows = useMemo(() => filterRows(sort === 'findings' ? model.byFindings : model.byTime, filter), [model, sort, filter]);
  const open = useMemo(() => (openId ? (records ?? []).find((r) => r.id === openId) ?? null : null), [openId, records]);
  const now = props.now ?? (() => new Date());

  const previousVisit = useCallback(
    (rec: HistoryRecord) => (props.previousVisit ? props.previousVisit(rec) : Promise.resolve(previousInMemory(records ?? [], rec))),
    [props.previousVisit, records],
  );

  const fail = (e: unknown) => setStatus(tr.t('audit_actionError', [String((e as Error)?.message ?? e)]));

  const remove = async (rec: { id: string; url: string; title?: string }) => {
    try {
      await props.onDelete(rec.id);
      setStatus(tr.t('audit_deleted', [rec.title || rec.url]));
      if (openId === rec.id) setOpenId(null);
    } catch (e) {
      fail(e);
    }
  };

  const doExport = (format: ExportFormat) => {
    try {
      const date = now();
      const report = buildReport(
        rows.map((r) => r.record),
        { extensionVersion: props.extensionVersion, generatedAt: date, filter },
      );
      const names: string[] = [];
      if (format === 'json') {
        names.push(exportFileName(date, 'json'));
        props.download(names[0], toJson(report), 'application/json');
      } else if (format === 'html') {
        names.push(exportFileName(date, 'html'));
        props.download(names[0], toHtml(report), 'text/html');
      } else {
        const csv = toCsv(report);
        for (const part of CSV_PARTS) {
          if (format.csv !== 'all' && format.csv !== part) continue;
          const name = exportFileName(date, 'csv', part);
          names.push(name);
          // BOM: spreadsheet programs then read the Cyrillic text as UTF-8.
          props.download(name, `\ufeff${csv[part]}`, 'text/csv;charset=utf-8');
        }
      }
      setStatus(tr.t('audit_exportDone', [names.join(', ')]));
    } catch (e) {
      fail(e);
    }
  };

  const totalFindings = model.totals.high + model.totals.medium + model.totals.low + model.totals.info;

  return (
    <main>
      <h1>{tr.t('audit_title')}</h1>
      <p class="intro">{tr.t('audit_intro')}</p>
      {props.settings && !props.settings.enabled && <p class="notice">{tr.t('audit_historyOff')}</p>}
      {props.error && (
        <p class="notice" role="alert">
          {tr.t('audit_loadError', [props.error])}
        </p>
      )}
      {!!props.skipped && <p class="notice">{tr.t('audit_skipped', [props.skipped])}</p>}
      {props.partial && (
        <p class="notice" data-testid="partial">
          {tr.t('audit_partial', [props.partial.loaded, props.partial.total])}
        </p>
      )}
      <p role="status" aria-live="polite" class="status" data-testid="status">
        {status}
      </p>

      {records === null && !props.error ? (
        <p>{tr.t('audit_loading')}</p>
      ) : open ? (
        <PageDetail
          record={open}
          previousVisit={previousVisit}
          onBack={() => {
            setFocusId(open.id);
            setOpenId(null);
          }}
          onDelete={(rec) => void remove({ id: rec.id, url: rec.url, title: rec.report.title })}
        />
      ) : (
        <>
          <p data-testid="overview">{tr.t('audit_overview', [model.byTime.length, model.urls, totalFindings])}</p>
          {model.byTime.length === 0 ? (
            <p data-testid="empty">{tr.t('audit_empty')}</p>
          ) : (
            <>
              <Section id="pages" title={tr.t('audit_pagesHeading')}>
                <Filters filter={filter} kinds={model.kinds} vendors={model.vendors} sort={sort} onFilter={setFilter} onSort={setSort} />
                <PageTable
                  key={`${sort}|${filter.kind}|${filter.vendor}|${filter.disclosure}|${filter.query}`}
                  rows={rows}
                  total={model.byTime.length}
                  pageSize={props.pageSize ?? 50}
                  focusId={focusId}
                  onOpen={(id) => {
                    setStatus('');
                    setOpenId(id);
                  }}
                  onDelete={(r: PageRow) => void remove({ id: r.id, url: r.url, title: r.title })}
                />
              </Section>
              <Section id="export" title={tr.t('audit_exportHeading')}>
                {props.partial ? <p>{tr.t('audit_waitFull')}</p> : <ExportPanel count={rows.length} onExport={doExport} />}
              </Section>
              <Section id="vendors" title={tr.t('audit_vendorsHeading')}>
                {props.partial ? (
                  <p>{tr.t('audit_waitFull')}</p>
                ) : (
                  <VendorTable
                    vendors={model.vendors}
                    onFilter={(vendor) => {
                      setFilter({ ...NO_FILTER, vendor });
                      document.querySelector<HTMLElement>('[data-testid="filter-vendor"]')?.focus();
                    }}
                  />
                )}
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
