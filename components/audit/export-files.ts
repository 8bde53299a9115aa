import { CSV_PARTS, csvExporter, htmlExporter, jsonExporter } from '../../policy/export';
import type { HistoryRecord } from '../../policy/export/history-record';
import { reportHeader } from '../../policy/report/build-report';
import type { Report, ReportPage } from '../../policy/report/schema';
import type { DownloadSink } from './download';
import { exportFileName, isFiltered, type AuditFilter } from './model';
import type { ExportFormat } from './Panels';

export interface ReportMeta {
  extensionVersion: string;
  generatedAt: Date;
  filter?: AuditFilter;
}

/** The report.json fields other than the pages, for an export of the history. */
export function historyHeader(meta: ReportMeta): Omit<Report, 'pages'> {
  const options: Record<string, unknown> = { source: 'history' };
  if (meta.filter && isFiltered(meta.filter)) options.filter = { ...meta.filter };
  return reportHeader(meta.extensionVersion, meta.generatedAt, { site: 'pro-medika.ru', options });
}

/**
 * A history record as a report page: startedAt from the record's time when the page has none,
 * in its place in ReportPageSchema's key order (the exporters then write what toJson writes).
 */
export function recordPage(r: HistoryRecord): ReportPage {
  if (r.report.startedAt !== undefined) return r.report;
  const { url, finalUrl, title, ...rest } = r.report;
  return { url, finalUrl, title, startedAt: new Date(r.time).toISOString(), ...rest };
}

export interface ExportDeps {
  /** The records by id, in that order, in batches (store/history.ts readHistory). */
  read(ids: readonly string[], onBatch: (records: HistoryRecord[]) => void): Promise<{ skipped: number }>;
  /** Opens a file to be written for download (components/audit/download.ts blobDownload). */
  download(name: string, mime: string): DownloadSink;
  /** After each batch: pages written so far and UTF-8 bytes encoded so far (all files). */
  onProgress?(pages: number, bytes: number): void;
}

/**
 * Writes the history records `ids` in that order as one export format (report.json, report.html
 * or the CSV tables) with the exporters the audit command uses (policy/export), batch by batch
 * as the records are read: the files are byte for byte what toJson, toHtml and toCsv write for
 * the same report. Records that are gone or not valid are skipped and counted.
 */
export async function exportHistory(
  format: ExportFormat,
  ids: readonly string[],
  header: Omit<Report, 'pages'>,
  date: Date,
  deps: ExportDeps,
): Promise<{ names: string[]; skipped: number }> {
  const parts = typeof format === 'object' ? CSV_PARTS.filter((p) => format.csv === 'all' || format.csv === p) : [];
  const files =
    typeof format === 'object'
      ? parts.map((part) => ({ name: exportFileName(date, 'csv', part), mime: 'text/csv;charset=utf-8' }))
      : [{ name: exportFileName(date, format), mime: format === 'json' ? 'application/json' : 'text/html' }];
  const sinks = files.map((f) => deps.download(f.name, f.mime));
  const write = (s: DownloadSink) => (chunk: string) => s.write(chunk);
  let exporter: { add(pages: ReturnType<typeof recordPage>[]): void };
  let finish: () => void;
  if (format === 'json') {
    const x = jsonExporter(header, write(sinks[0]));
    exporter = x;
    finish = () => (x.end(), sinks[0].close());
  } else if (format === 'html') {
    const x = htmlExporter(header, write(sinks[0]));
    exporter = x;
    finish = () => sinks[0].close(x.end());
  } else {
    // BOM: spreadsheet programs then read the Cyrillic text as UTF-8 (as the audit command writes it).
    for (const s of sinks) s.write('\ufeff');
    const x = csvExporter(Object.fromEntries(parts.map((p, i) => [p, write(sinks[i])])));
    exporter = x;
    finish = () => (x.end(), sinks.forEach((s) => s.close()));
  }
  let pages = 0;
  const { skipped } = await deps.read(ids, (records) => {
    exporter.add(records.map(recordPage));
    pages += records.length;
    deps.onProgress?.(
      pages,
      sinks.reduce((n, s) => n + s.bytes, 0),
    );
  });
  finish();
  return { names: files.map((f) => f.name), skipped };
}
