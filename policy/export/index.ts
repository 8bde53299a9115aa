export { toJson, jsonExporter } from './json';
export { toCsv, csvExporter, guardCell, CSV_PARTS, CSV_FIELDS, type CsvExport, type CsvPart } from './csv';
export { toHtml, htmlExporter, esc, HTML_CSP, type HtmlOptions } from './html';
export { KIND_LABELS, SEVERITY_LABELS, kindLabel } from './labels';
export { HistoryRecordSchema, type HistoryRecord } from './history-record';
