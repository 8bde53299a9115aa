#!/usr/bin/env node
/**
 * Headless audit command (issue #2, grown in #5):
 *   npm run audit -- [options] <url>...
 * Launches Chromium with the built extension (audit build), visits each URL (optionally
 * crawling same-site links, accepting the cookie notice, filling forms), reads the
 * extension's report and writes <out>/report.json (+ JSON Schema, CSV, HTML).
 * Exit codes: see audit/fail-on.ts EXIT and `--help`.
 */
import { runAudit, LaunchError } from './run';
import { summaryTable, findingsByKindTable } from './summary';
import { buildProgram, parseCli, CommanderError, UsageError, type CliOptions } from './program';
import { EXIT, exitCodeFor, matchFailOn } from './fail-on';
import { Progress } from './progress';

function parse(): CliOptions | number {
  try {
    return parseCli(process.argv.slice(2), buildProgram());
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.ok; // --help, --version
      console.error(`${e.message.startsWith('error:') ? '' : 'error: '}${e.message.split('\n')[0]} (run with --help for usage)`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}

async function main(): Promise<number> {
  const o = parse();
  if (typeof o === 'number') return o;
  let stop = false;
  process.on('SIGINT', () => {
    if (stop) process.exit(EXIT.interrupted);
    stop = true;
    console.error('\nInterrupted: writing what was collected so far (Ctrl-C again to quit now)…');
  });
  const progress = new Progress(process.stderr);
  const result = await runAudit({
    urls: o.urls,
    out: o.out,
    resolve: o.resolve,
    ignoreHttpsErrors: o.ignoreHttpsErrors,
    waitMs: o.wait,
    blockThirdPartyCookies: o.blockThirdPartyCookies,
    screenshot: o.screenshot,
    extensionPath: o.extension,
    crawl: o.crawl,
    acceptConsent: o.acceptConsent,
    fillForms: o.fillForms,
    timerProbe: o.timerProbe,
    formats: o.formats,
    concurrency: o.concurrency,
    onNote: (message) => console.error(`note: ${message}`),
    shouldStop: () => stop,
    onStart: ({ total, url }) => progress.start(total, url),
    onPage: ({ index, total, url, page, error, consent, forms }) => {
      if (error) return progress.page(index, total, `ERROR ${error}`);
      const extra = [
        consent ? `consent accepted (${consent})` : consent === null ? 'no cookie notice' : '',
        forms?.length ? `${forms.filter((f) => f.submitted).length}/${forms.length} forms submitted` : '',
      ].filter(Boolean);
      progress.page(
        index,
        total,
        `${url}: ${page!.trackers.length} trackers, ${page!.cookies.length} cookies, ${page!.thirdParties.length} third-party hosts, ${page!.findings.length} findings${extra.length ? `; ${extra.join(', ')}` : ''}`,
      );
    },
  });
  progress.end();
  console.log(summaryTable(result.report));
  const byKind = findingsByKindTable(result.report);
  if (byKind) console.log(`\n${byKind}`);
  console.log(`\nreport: ${result.reportPath}`);
  for (const f of result.files) console.log(`written: ${f}`);
  if (result.screenshotPath) console.log(`popup screenshot: ${result.screenshotPath}`);
  for (const e of result.errors) console.error(`error: ${e}`);
  const matches = matchFailOn(result.report, o.failOn);
  for (const m of matches) console.error(`fail-on: ${m.count} ${m.kind} finding(s) on ${m.pages.length} page(s), e.g. ${m.pages[0]}`);
  return exitCodeFor({ errors: result.errors.length, interrupted: result.interrupted || stop, failOnMatches: matches.length });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof LaunchError) console.error(`error: ${e.message}`);
    else console.error(`error: ${String((e as Error).message ?? e).split('\n')[0]}`);
    process.exitCode = EXIT.usage;
  },
);
