/**
 * Audit throughput on the replica (issue #5, target >= 30 pages per minute on 2 cores):
 * runAudit from audit/run.ts, the code behind `npm run audit`, over 8 replica URLs with its
 * default concurrency (what a user gets without --concurrency), including browser start-up
 * and shut-down. The collected report pages are handed on to the export benchmark as
 * realistic records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../audit/run';
import type { ReportPage } from '../policy/report/schema';
import { startReplica } from '../tests/replica/server';
import { AUDIT_BUILD, nowMs, round, type BenchRow } from './util';

export const AUDIT_PATHS = ['/', '/doctors/', '/services/urologiya/', '/appointment/', '/contacts/', '/privacy/', '/form-no-policy/', '/slow/'];

/** Audits the replica; returns the report pages and the wall time. */
export async function auditReplica(paths: string[]): Promise<{ pages: ReportPage[]; errors: string[]; ms: number; browsers: number }> {
  const replica = await startReplica({ port: 0 });
  const out = mkdtempSync(join(tmpdir(), 'tracker-lens-bench-audit-'));
  try {
    const t0 = nowMs();
    const r = await runAudit({
      urls: paths.map((p) => `https://pro-medika.ru${p}`),
      out,
      resolve: replica.resolverRules,
      ignoreHttpsErrors: true,
      extensionPath: AUDIT_BUILD,
    });
    return { pages: r.report.pages, errors: r.errors, ms: nowMs() - t0, browsers: Number(r.report.options?.concurrency ?? 1) };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await replica.close();
  }
}

export async function benchAudit(shared: { replicaPages?: ReportPage[] } = {}): Promise<BenchRow[]> {
  const r = await auditReplica(AUDIT_PATHS);
  shared.replicaPages = r.pages;
  const perMinute = r.pages.length / (r.ms / 60_000);
  return [
    {
      name: 'audit throughput on the replica (runAudit, incl. browser start)',
      value: round(perMinute, 1),
      unit: 'pages/min',
      target: { op: '>=', value: 30 },
      note: `${r.pages.length} of ${AUDIT_PATHS.length} pages in ${round(r.ms / 1000, 1)} s, ${r.browsers} browser(s) side by side${r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''}`,
    },
  ];
}
