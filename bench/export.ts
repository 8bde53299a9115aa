/**
 * Export of 10,000 history records (issue #5, target <= 2 s each format) with policy/export:
 * toJson (validated against ReportSchema), toCsv (four tables) and toHtml. The records are
 * real report pages of the replica, collected by the extension during the audit benchmark
 * (or by a short audit of two pages when that benchmark is not selected), cycled with
 * distinct URLs and times. Also the stored size per history record (estimateBytes from
 * store/db.ts, as the history store computes it).
 */
import { buildReport } from '../policy/report/build';
import type { ReportPage } from '../policy/report/schema';
import { toCsv, toHtml, toJson, type HistoryRecord } from '../policy/export';
import { estimateBytes } from '../store/db';
import { auditReplica } from './audit';
import { median, nowMs, round, type BenchRow } from './util';

const RECORDS = 10_000;

function records(pages: ReportPage[], n: number): ReportPage[] {
  const out: ReportPage[] = [];
  const t0 = Date.UTC(2026, 10, 1);
  for (let i = 0; i < n; i++) {
    const p = pages[i % pages.length];
    const url = `${p.url}${p.url.includes('?') ? '&' : '?'}visit=${i}`;
    out.push({ ...p, url, finalUrl: url, startedAt: new Date(t0 + i * 60_000).toISOString() });
  }
  return out;
}

function timed<T>(fn: () => T): { ms: number; out: T } {
  const t0 = nowMs();
  const out = fn();
  return { ms: nowMs() - t0, out };
}

export async function benchExport(shared: { replicaPages?: ReportPage[] } = {}): Promise<BenchRow[]> {
  let pages = shared.replicaPages;
  if (!pages?.length) pages = (await auditReplica(['/', '/services/urologiya/'])).pages;
  if (!pages.length) throw new Error('no replica report pages to export');
  const report = buildReport(records(pages, RECORDS), '0.0.0-bench', new Date(Date.UTC(2026, 10, 20)));

  const json = timed(() => toJson(report));
  const csv = timed(() => toCsv(report));
  const html = timed(() => toHtml(report));
  const mb = (s: string) => round(Buffer.byteLength(s) / 1024 / 1024, 1);
  const csvBytes = Object.values(csv.out).reduce((n, s) => n + Buffer.byteLength(s), 0);

  const perRecord = pages.map((p, i) => {
    const rec: HistoryRecord = { id: `bench-${i}`, pageId: `bench-${i}`, url: p.url, time: Date.parse(p.startedAt ?? '') || 0, report: p, policyVersion: p.policy?.version ?? '', bytes: 0 };
    return estimateBytes(rec);
  });
  const target = { op: '<=' as const, value: 2000 };
  return [
    { name: 'export 10,000 records to JSON (toJson, validated)', value: round(json.ms), unit: 'ms', target, note: `${mb(json.out)} MB` },
    { name: 'export 10,000 records to CSV (toCsv, 4 tables)', value: round(csv.ms), unit: 'ms', target, note: `${round(csvBytes / 1024 / 1024, 1)} MB` },
    { name: 'export 10,000 records to HTML (toHtml)', value: round(html.ms), unit: 'ms', target, note: `${mb(html.out)} MB` },
    {
      name: 'history record size (estimateBytes, median)',
      value: round(median(perRecord) / 1024, 1),
      unit: 'KB',
      note: `${pages.length} replica pages: min ${round(Math.min(...perRecord) / 1024, 1)} KB, max ${round(Math.max(...perRecord) / 1024, 1)} KB; 10,000 records ~ ${round((median(perRecord) * RECORDS) / 1024 / 1024)} MB`,
    },
  ];
}
