/**
 * Writes the fixtures of tests/unit/audit-diff.test.ts: the audit command run on release 1
 * and on release 2 of the replica (issue #17). Run: npx tsx tests/replica/release-audit.ts <out-dir>
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startReplica } from './server';
import { RELEASE_PAGES } from './release-pages';

const ROOT = resolve(import.meta.dirname, '../..');
const out = resolve(process.argv[2] ?? 'release-audits');
const replica = await startReplica({ port: 0 });
try {
  for (const release of [1, 2] as const) {
    replica.setRelease(release);
    // Asynchronous: the replica answers from this process while the command runs.
    const args = [
      'tsx',
      'audit/cli.ts',
      '--out',
      join(out, `release-${release}`),
      '--resolve',
      replica.resolverRules,
      '--ignore-https-errors',
      '--concurrency',
      '1',
    ];
    const code = await new Promise<number | null>((done) =>
      spawn('npx', [...args, ...RELEASE_PAGES], { cwd: ROOT, stdio: 'inherit' }).on('close', done),
    );
    if (code !== 0) throw new Error(`the audit of release ${release} exited ${code}`);
  }
} finally {
  await replica.close();
}
