export { toJson } from './json';
export { toCsv, guardCell, type CsvExport } from './csv';
export { toHtml, esc, HTML_CSP, type HtmlOptions } from './html';
export { KIND_LABELS, SEVERITY_LABELS, kindLabel } from './labels';
export { HistoryRecordSchema, type HistoryRecord } from './history-record';
export { diffReports, findingKey, type ReportDiff } from '../findings/diff';
