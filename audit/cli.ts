#!/usr/bin/env node
/**
 * Headless audit command (issue #2, grown in #5):
 *   npm run audit -- [options] <url>...
 * Launches Chromium with the built extension (audit build), visits each URL, lets it
 * settle, reads the extension's report and writes <out>/report.json (+ JSON Schema).
 */
import { Command } from 'commander';
import { runAudit, LaunchError } from './run';
import { summaryTable } from './summary';

const program = new Command()
  .name('npm run audit --')
  .description('Audit pages of pro-medika.ru with the Tracker Lens extension in headless Chromium')
  .argument('<url...>', 'pages to audit (on pro-medika.ru)')
  .option('--out <dir>', 'output folder', './audit-report')
  .option('--resolve <rules>', 'Chromium --host-resolver-rules, e.g. "MAP * 127.0.0.1:8443"')
  .option('--ignore-https-errors', 'accept self-signed or invalid certificates (staging, replica)', false)
  .option('--wait <ms>', 'extra settle time per page, in ms', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--wait takes a whole number of milliseconds, got "${v}"`);
    return n;
  }, 0)
  .option('--block-third-party-cookies', 'browse with third-party cookies blocked (to compare)', false)
  .option('--screenshot', 'also save a screenshot of the popup for the last page (popup.png)', false)
  .option('--extension <dir>', 'path of a built extension (default: .output/chrome-mv3-audit, built when missing)');

async function main() {
  program.parse();
  const o = program.opts<{ out: string; resolve?: string; ignoreHttpsErrors: boolean; wait: number; blockThirdPartyCookies: boolean; screenshot: boolean; extension?: string }>();
  const urls = program.args;
  let stop = false;
  process.on('SIGINT', () => {
    if (stop) process.exit(130);
    stop = true;
    console.error('\nInterrupted: writing what was collected so far (Ctrl-C again to quit now)…');
  });
  const tty = process.stderr.isTTY;
  const result = await runAudit({
    urls,
    out: o.out,
    resolve: o.resolve,
    ignoreHttpsErrors: o.ignoreHttpsErrors,
    waitMs: o.wait,
    blockThirdPartyCookies: o.blockThirdPartyCookies,
    screenshot: o.screenshot,
    extensionPath: o.extension,
    shouldStop: () => stop,
    onPage: ({ index, total, url, page, error }) => {
      const line = error ? `[${index + 1}/${total}] ERROR ${error}` : `[${index + 1}/${total}] ${url}: ${page!.trackers.length} trackers, ${page!.cookies.length} cookies, ${page!.thirdParties.length} third-party hosts`;
      if (tty) process.stderr.write(`\r\x1b[K${line}\n`);
      else console.error(line);
    },
  });
  console.log(summaryTable(result.report));
  console.log(`report: ${result.reportPath}`);
  if (result.screenshotPath) console.log(`popup screenshot: ${result.screenshotPath}`);
  for (const e of result.errors) console.error(`error: ${e}`);
  process.exitCode = result.errors.length ? 1 : stop ? 130 : 0;
}

main().catch((e: unknown) => {
  if (e instanceof LaunchError) console.error(`error: ${e.message}`);
  else console.error(`error: ${(e as Error).message ?? e}`);
  process.exitCode = 2;
});
