/**
 * Export of 10,000 history records as the audit page did it before history v5 (the reference
 * for bench/fragments.ts; issue #5), in Node, minus IndexedDB: each record starts as the value the store holds (a slim
 * record, structured-cloned as IndexedDB hands it over), is validated with zod and has its
 * shared texts put back (hydrateStored, store/history.ts), then goes through the streaming
 * exporters (policy/export: compact JSON, the four CSV tables, HTML) in batches of 200, the
 * output kept as chunks. The records are real report pages of the replica, collected by the
 * extension during the audit benchmark (or by a short audit of two pages when that benchmark
 * is not selected). The same export in Chromium, with the IndexedDB reads and the Blob, is
 * measured by bench/audit-page.ts.
 *
 * Also: the stored size per history record (store/db.ts toStored: slim record + its packed
 * summary, as the history store counts it), and the one-shot toJson/toCsv/toHtml of the same
 * 10,000 pages for comparison with the figures before slim records.
 */
import { csvExporter, htmlExporter, jsonExporter, CSV_PARTS, toCsv, toHtml, toJson } from '../policy/export';
import { buildReport } from '../policy/report/build';
import type { ReportPage } from '../policy/report/schema';
import { recordPage, reportHeader } from '../components/audit/model';
import type { HistoryRecord } from '../policy/export/history-record';
import { hydrateStored } from '../policy/history/slim';
import { replicaPages } from './audit';
import { fullRecord, RECORDS, storedHistory, storedRecord } from './history-data';
import { median, nowMs, round, type BenchRow } from './util';

const BATCH = 200;

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
  const lookup = new Map(h.texts.map((e) => [e.key, e.value]));
  const header = reportHeader({ extensionVersion: '0.0.0-bench', generatedAt: new Date(Date.UTC(2026, 10, 20)) });

  /** Read back (validate + hydrate) batch by batch, hand each batch to `add`. */
  const readAll = (add: (pages: ReportPage[]) => void) => {
    for (let i = 0; i < RECORDS; i += BATCH) {
      const batch: ReportPage[] = [];
      for (let j = i; j < Math.min(i + BATCH, RECORDS); j++) {
        // structuredClone: the value as IndexedDB hands it over (no shared objects between records).
        const rec = hydrateStored(structuredClone(storedRecord(h, pages!, j)), (k) => lookup.get(k));
        if (!rec) throw new Error(`record ${j} does not read back`);
        batch.push(recordPage(rec));
      }
      add(batch);
    }
  };
  const read = timed(() => readAll(() => undefined));
  const json = timed(() => {
    const out: string[] = [];
    const x = jsonExporter(header, (c) => out.push(c));
    readAll((b) => x.add(b));
    x.end();
    return out;
  });
  const csv = timed(() => {
    const out: string[] = [];
    const x = csvExporter(Object.fromEntries(CSV_PARTS.map((p) => [p, (c: string) => out.push(c)])));
    readAll((b) => x.add(b));
    x.end();
    return out;
  });
  const html = timed(() => {
    const out: string[] = [];
    const x = htmlExporter(header, (c) => out.push(c));
    readAll((b) => x.add(b));
    out.unshift(x.end());
    return out;
  });

  // One-shot, from full pages held in memory (the method of the figures before slim records).
  const records: HistoryRecord[] = Array.from({ length: RECORDS }, (_, i) => fullRecord(pages!, i));
  const report = buildReport(records.map(recordPage), '0.0.0-bench', new Date(Date.UTC(2026, 10, 20)));
  const oneJson = timed(() => toJson(report).length);
  const oneCsv = timed(() => Object.values(toCsv(report)).length);
  const oneHtml = timed(() => toHtml(report).length);

  // No target here: since history v5 the audit page exports from precomputed fragments
  // (bench/fragments.ts in Node, bench/audit-page.ts in Chromium, where the target is judged);
  // this is the path before them, kept as the reference those are compared with.
  const textBytes = h.texts.reduce((s, e) => s + e.bytes, 0);
  return [
    { name: 'export 10,000 records to JSON, before fragments (read back + compact JSON, Node; reference)', value: round(json.ms), unit: 'ms', note: `${mb(bytesOf(json.out))} MB; of which read back (zod + texts) ${round(read.ms)} ms` },
    { name: 'export 10,000 records to CSV, before fragments (read back + 4 tables, Node; reference)', value: round(csv.ms), unit: 'ms', note: `${mb(bytesOf(csv.out))} MB` },
    { name: 'export 10,000 records to HTML, before fragments (read back + HTML, Node; reference)', value: round(html.ms), unit: 'ms', note: `${mb(bytesOf(html.out))} MB` },
    { name: 'one-shot toJson (validated, pretty) / toCsv / toHtml of the same pages in memory', value: round(oneJson.ms), unit: 'ms', note: `toJson ${round(oneJson.ms)} ms, toCsv ${round(oneCsv.ms)} ms, toHtml ${round(oneHtml.ms)} ms` },
    {
      name: 'history record size (stored: slim record + summary, median)',
      value: round(median(h.recordBytes) / 1024, 1),
      unit: 'KB',
      note: `${pages.length} replica pages: min ${round(Math.min(...h.recordBytes) / 1024, 1)} KB, max ${round(Math.max(...h.recordBytes) / 1024, 1)} KB; shared texts ${h.texts.length} entries, ${round(textBytes / 1024, 1)} KB in all; 10,000 records ~ ${mb(h.totalBytes)} MB`,
    },
  ];
}
