/**
 * Export of the history at the default size cap (50 MB of stored records) as the audit page does
 * it, in Node, minus IndexedDB and the Blob: each record starts as the value the store holds
 * (structured-cloned as IndexedDB hands it over), its shape checked (store/history-read.ts
 * readHistory; zod ran when it was written), then goes through the exporters (policy/export: report.json, the four CSV
 * tables, HTML) in batches of 100, the output kept as chunks. The records are real report pages
 * of the replica. The same export in Chromium, with the IndexedDB reads and the Blob, is measured
 * by bench/audit-page.ts, where the target is judged. Also: the stored size per record.
 */
import { csvExporter, htmlExporter, jsonExporter, CSV_PARTS } from '../policy/export';
import type { ReportPage } from '../policy/report/schema';
import { historyHeader, recordPage } from '../components/audit/export-files';
import { recordOf } from '../store/history-read';
import { replicaPages } from './audit';
import { fullRecord, recordsAtCap, storedHistory } from './history-data';
import { median, nowMs, round, type BenchRow } from './util';

const BATCH = 100;

function timed<T>(fn: () => T): { ms: number; out: T } {
  const t0 = nowMs();
  const out = fn();
  return { ms: nowMs() - t0, out };
}

const bytesOf = (chunks: readonly string[]) => chunks.reduce((n, s) => n + Buffer.byteLength(s), 0);
const mb = (n: number) => round(n / 1024 / 1024, 1);

export async function benchExport(shared: { replicaPages?: ReportPage[] } = {}): Promise<BenchRow[]> {
  const pages = await replicaPages(shared);
  const h = storedHistory(pages);
  const n = recordsAtCap(h);
  const stored = Array.from({ length: n }, (_, i) => fullRecord(pages, i));
  const header = historyHeader({ extensionVersion: '0.0.0-bench', generatedAt: new Date(Date.UTC(2026, 10, 20)) });

  /** Read back (clone + shape check) batch by batch, hand each batch to `add`. */
  const readAll = (add: (pages: ReportPage[]) => void) => {
    for (let i = 0; i < n; i += BATCH) add(stored.slice(i, i + BATCH).map((r) => recordPage(recordOf(structuredClone(r))!)));
  };
  const read = timed(() => readAll(() => undefined));
  const run = (make: (out: string[]) => { add(p: ReportPage[]): void; end(): string | void }) =>
    timed(() => {
      const out: string[] = [];
      const x = make(out);
      readAll((b) => x.add(b));
      const head = x.end();
      if (typeof head === 'string') out.unshift(head);
      return out;
    });
  const json = run((out) => jsonExporter(header, (c) => out.push(c)));
  const csv = run((out) => csvExporter(Object.fromEntries(CSV_PARTS.map((p) => [p, (c: string) => out.push(c)]))));
  const html = run((out) => htmlExporter(header, (c) => out.push(c)));
  const label = `${n.toLocaleString('en')} records (default cap, ${mb((h.recordBytes.reduce((a, b) => a + b, 0) / h.recordBytes.length) * n)} MB stored)`;
  return [
    {
      name: 'export at the default cap to JSON (read back + report.json, Node; reference)',
      value: round(json.ms),
      unit: 'ms',
      note: `${label}: ${mb(bytesOf(json.out))} MB; of which read back (clone + shape check) ${round(read.ms)} ms`,
    },
    {
      name: 'export at the default cap to CSV (read back + 4 tables, Node; reference)',
      value: round(csv.ms),
      unit: 'ms',
      note: `${label}: ${mb(bytesOf(csv.out))} MB`,
    },
    {
      name: 'export at the default cap to HTML (read back + HTML, Node; reference)',
      value: round(html.ms),
      unit: 'ms',
      note: `${label}: ${mb(bytesOf(html.out))} MB`,
    },
    {
      name: 'history record size (stored: whole record + row, median)',
      value: round(median(h.recordBytes) / 1024, 1),
      unit: 'KB',
      note: `${pages.length} replica pages: min ${round(Math.min(...h.recordBytes) / 1024, 1)} KB, max ${round(Math.max(...h.recordBytes) / 1024, 1)} KB; ${n} records fit the default 50 MB cap`,
    },
  ];
}
