#!/usr/bin/env node
/**
 * Headless audit command (issue #2, grown in #5):
 *   npm run audit -- [options] <url>...
 * Launches Chromium with the built extension (audit build), visits each URL (optionally
 * crawling same-site links, accepting the cookie notice, filling forms), reads the
 * extension's report and writes <out>/report.json (+ JSON Schema, CSV, HTML).
 * Exit codes: see audit/fail-on.ts EXIT and `--help`.
 */
import { runAudit, LaunchError, writeOutputs } from './run';
import { summaryTable, findingsByKindTable } from './summary';
import { buildProgram, parseCli, CommanderError, UsageError, type CliOptions } from './program';
import { EXIT, exitCodeFor, matchFailOn, matchRegressions, type FailOn } from './fail-on';
import { Progress } from './progress';
import { changeTable } from './diff-table';
import { mergeReports, parseMergeCli, readReport, type MergeOptions } from './merge';
import { regressions, type AuditDiff } from '../policy/diff';
import type { Report } from '../policy/report/schema';

function parse<T>(fn: () => T): T | number {
  try {
    return fn();
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

/** Prints the summary, the change table and the --fail-on matches; returns the exit code. */
function finish(r: {
  report: Report;
  diff?: AuditDiff;
  failOn?: FailOn;
  errors: string[];
  interrupted: boolean;
  files: string[];
  reportPath: string;
}): number {
  console.log(summaryTable(r.report));
  const byKind = findingsByKindTable(r.report);
  if (byKind) console.log(`\n${byKind}`);
  if (r.diff) console.log(`\n${changeTable(r.diff)}`);
  console.log(`\nreport: ${r.reportPath}`);
  for (const f of r.files) console.log(`written: ${f}`);
  for (const e of r.errors) console.error(`error: ${e}`);
  const matches = matchFailOn(r.report, r.failOn);
  for (const m of matches) console.error(`fail-on: ${m.count} ${m.kind} finding(s) on ${m.pages.length} page(s), e.g. ${m.pages[0]}`);
  const regs = r.diff ? matchRegressions(regressions(r.diff), r.failOn) : [];
  for (const m of regs)
    console.error(`fail-on: ${m.items.length} ${m.check} against the baseline, e.g. ${m.items[0].item} on ${m.items[0].page}`);
  return exitCodeFor({ errors: r.errors.length, interrupted: r.interrupted, failOnMatches: matches.length + regs.length });
}

function merge(o: MergeOptions): number {
  const report = mergeReports(o.files.map(readReport));
  const { reportPath, files, diff } = writeOutputs(report, o.out, o.formats, o.baseline);
  const errors = report.pages.filter((p) => p.error).map((p) => p.error!);
  return finish({ report, diff, failOn: o.failOn, errors, interrupted: report.options?.interrupted === true, files, reportPath });
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'merge') {
    const m = parse(() => parseMergeCli(argv.slice(1), false));
    if (typeof m === 'number') return m;
    const code = parse(() => merge(m));
    return code;
  }
  const o = parse<CliOptions>(() => parseCli(argv, buildProgram()));
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
    baseline: o.baseline,
    shard: o.shard,
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
  if (result.screenshotPath) console.log(`popup screenshot: ${result.screenshotPath}`);
  if (o.shard && o.urls.length === 0)
    console.error(`note: shard ${o.shard.index}/${o.shard.count} has no URLs (fewer URLs than shards); its report is empty.`);
  return finish({ ...result, failOn: o.failOn, interrupted: result.interrupted || stop });
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
