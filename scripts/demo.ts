/**
 * Demo audit of the local replica (no network): starts the replica on an ephemeral
 * loopback port, maps every host to it, and runs the same audit the CLI runs.
 */
import { startReplica } from '../tests/replica/server';
import { runAudit } from '../audit/run';
import { summaryTable } from '../audit/summary';

// The popup screenshot shows the last page: /contacts/ carries the most vendors.
const PAGES = ['/', '/doctors/', '/services/urologiya/', '/appointment/', '/politika-konfidentsialnosti/', '/contacts/'];

const out = process.argv[2] ?? 'audit-report';
const replica = await startReplica({ port: 0 });
try {
  console.log(`replica of pro-medika.ru on ${replica.origin} (${replica.resolverRules})`);
  const result = await runAudit({
    urls: PAGES.map((p) => `https://pro-medika.ru${p}`),
    out,
    resolve: replica.resolverRules,
    ignoreHttpsErrors: true,
    screenshot: true,
    onPage: ({ index, total, url, error }) => console.error(`[${index + 1}/${total}] ${error ?? url}`),
  });
  console.log(summaryTable(result.report));
  console.log(`\nreport: ${result.reportPath}`);
  if (result.screenshotPath) console.log(`popup screenshot: ${result.screenshotPath}`);
  for (const e of result.errors) console.error(`error: ${e}`);
  process.exitCode = result.errors.length ? 1 : 0;
} finally {
  await replica.close();
}
