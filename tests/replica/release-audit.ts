/**
 * Writes the fixtures of tests/unit/audit-diff.test.ts, tests/unit/fixtures/releases/release-<n>.report.json:
 * the audit command run on release 1 and on release 2 of the replica (issue #17), with the
 * long texts the diff never reads (tracker descriptions, policy quotes and explanations, policy observations) left out.
 * Run: npx tsx tests/replica/release-audit.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReplica } from './server';
import { RELEASE_PAGES } from './release-pages';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests', 'unit', 'fixtures', 'releases');
const out = mkdtempSync(join(tmpdir(), 'release-audits-'));

/** The report without the texts the diff does not compare, so the fixtures stay small. */
function trim(report: Record<string, unknown>): Record<string, unknown> {
  const { policyObservations: _, ...rest } = report;
  const pages = (rest.pages as Record<string, unknown>[]).map((p) => ({
    ...p,
    trackers: (p.trackers as Record<string, unknown>[]).map((t) => {
      const { description: _d, contradictions: _c, quotes: _q, explanation: _e, ...kept } = t;
      return kept;
    }),
  }));
  return { ...rest, pages };
}

const replica = await startReplica({ port: 0 });
try {
  for (const release of [1, 2] as const) {
    replica.setRelease(release);
    // Asynchronous: the replica answers from this process while the command runs.
    const dir = join(out, `release-${release}`);
    const args = ['tsx', 'audit/cli.ts', '--out', dir, '--resolve', replica.resolverRules, '--ignore-https-errors', '--concurrency', '1'];
    const code = await new Promise<number | null>((done) =>
      spawn('npx', [...args, ...RELEASE_PAGES], { cwd: ROOT, stdio: 'inherit' }).on('close', done),
    );
    if (code !== 0) throw new Error(`the audit of release ${release} exited ${code}`);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(FIXTURES, `release-${release}.report.json`), `${JSON.stringify(trim(report), null, 2)}\n`);
  }
} finally {
  await replica.close();
}
