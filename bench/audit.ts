/**
 * Audit throughput on the replica (issue #5, target >= 30 pages per minute on 2 cores):
 * runAudit from audit/run.ts, the code behind `npm run audit`, with its default concurrency
 * (what a user gets without --concurrency), including browser start-up and shut-down.
 *
 * Two runs, both reported:
 * - the judged one: `--crawl 30` from the home page, the way QA audits a release (the
 *   replica's navigation, services catalogue and specialty pages); throughput is a rate, and
 *   30 pages let the browser start weigh what it weighs in such a run;
 * - a reference run over 8 hand-picked URLs, two of them made to be slow on purpose
 *   (/contacts/: a tag 2.5 s after load; /slow/: six seconds of virtual page views), where
 *   the browser start and /slow/ are most of the wall time. Its report pages are handed on to
 *   the export benchmarks as realistic records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../audit/run';
import { parseUrl } from '../policy/findings/util';
import type { ReportPage } from '../policy/report/schema';
import { startReplica } from '../tests/replica/server';
import { AUDIT_BUILD, nowMs, round, type BenchRow } from './util';

/** Pages the judged run crawls from the home page. */
export const CRAWL_PAGES = 30;

export const AUDIT_PATHS = [
  '/',
  '/doctors/',
  '/services/urologiya/',
  '/appointment/',
  '/contacts/',
  '/privacy/',
  '/form-no-policy/',
  '/slow/',
];

/** Audits the replica; returns the report pages and the wall time. */
export async function auditReplica(
  paths: string[],
  crawl?: number,
): Promise<{ pages: ReportPage[]; errors: string[]; ms: number; browsers: number }> {
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
      crawl,
    });
    return { pages: r.report.pages, errors: r.errors, ms: nowMs() - t0, browsers: Number(r.report.options?.concurrency ?? 1) };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await replica.close();
  }
}

export async function benchAudit(shared: { replicaPages?: ReportPage[] } = {}): Promise<BenchRow[]> {
  const crawl = await auditReplica(['/'], CRAWL_PAGES);
  const r = await auditReplica(AUDIT_PATHS);
  shared.replicaPages = r.pages;
  const rate = (x: { pages: unknown[]; ms: number }) => round(x.pages.length / (x.ms / 60_000), 1);
  const errs = (x: { errors: string[] }) => (x.errors.length ? `; errors: ${x.errors.join(' | ')}` : '');
  return [
    {
      name: `audit throughput on the replica, --crawl ${CRAWL_PAGES} from / (runAudit, incl. browser start)`,
      value: rate(crawl),
      unit: 'pages/min',
      target: { op: '>=', value: 30 },
      note: `${crawl.pages.length} pages in ${round(crawl.ms / 1000, 1)} s, ${crawl.browsers} browser(s) side by side${errs(crawl)}`,
    },
    {
      name: 'audit throughput, 8 hand-picked URLs incl. /contacts/ and /slow/ (reference)',
      value: rate(r),
      unit: 'pages/min',
      note: `${r.pages.length} of ${AUDIT_PATHS.length} pages in ${round(r.ms / 1000, 1)} s, ${r.browsers} browser(s) side by side${errs(r)}`,
    },
  ];
}

/** The replica pages the history benchmarks are built from: a home page and a specialty page. */
export const HISTORY_PATHS = ['/', '/services/urologiya/'];

/**
 * The replica report pages the history benchmarks build their 10,000 records from: always the
 * pages of HISTORY_PATHS, taken from what the audit benchmark collected in this run when it has
 * them, else audited now: the same two pages in a full and a partial run.
 */
export async function replicaPages(shared: { replicaPages?: ReportPage[] } = {}): Promise<ReportPage[]> {
  const path = (p: ReportPage) => parseUrl(p.url)?.path;
  const pick = (from: readonly ReportPage[] | undefined) => HISTORY_PATHS.map((h) => from?.find((p) => path(p) === h));
  let pages = pick(shared.replicaPages);
  if (!pages.every((p) => p)) pages = pick((await auditReplica(HISTORY_PATHS)).pages);
  if (!pages.every((p) => p)) throw new Error(`replica report pages: ${HISTORY_PATHS.filter((_, i) => !pages[i]).join(', ')} not audited`);
  return pages as ReportPage[];
}
