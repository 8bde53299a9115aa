import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { FINDING_KINDS } from '../policy/findings/types';
import { parseFailOn, type FailOn } from './fail-on';
import { parseFormats, type Format } from './formats';
import { readUrlsFile, UsageError } from './urls-file';
import { defaultConcurrency, MAX_CONCURRENCY } from './schedule';
import { loadBaseline, type Baseline } from './baseline';
import { parseShard, shardUrls, type Shard } from './shard';
import { REGRESSION_CHECKS } from '../policy/diff/regressions';

/** Parsed command line of `npm run audit -- [options] <url>...`. */
export interface CliOptions {
  urls: string[];
  out: string;
  resolve?: string;
  ignoreHttpsErrors: boolean;
  wait: number;
  blockThirdPartyCookies: boolean;
  screenshot: boolean;
  extension?: string;
  crawl?: number;
  urlsFile?: string;
  fillForms: boolean;
  /** Inject the setTimeout probe into audited pages (off by default: the audit does not change pages). */
  timerProbe: boolean;
  acceptConsent: boolean;
  failOn?: FailOn;
  formats: Format[];
  /** Pages audited at once; undefined: the default for this machine (defaultConcurrency). */
  concurrency?: number;
  /** --baseline: the earlier report, read and checked before any browser starts. */
  baseline?: Baseline;
  /** --shard i/n: `urls` is already this shard's slice. */
  shard?: Shard;
}

const wholeNumber =
  (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: string) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `${name} takes a whole number${min > 0 ? ` of at least ${min}` : ''}${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}, got "${v}".`,
      );
    return n;
  };

const wrap =
  <T>(fn: (v: string) => T) =>
  (v: string): T => {
    try {
      return fn(v);
    } catch (e) {
      throw new InvalidArgumentError((e as Error).message);
    }
  };

const EXIT_HELP = `
Exit codes:
  0    every page audited, no --fail-on match
  1    some URL failed (outside the site, unreachable, TLS error); the other pages are still written
  2    bad usage, or the browser could not be launched
  3    --fail-on matched
  130  interrupted (Ctrl-C); what was collected so far is written

Finding kinds for --fail-on: ${FINDING_KINDS.join(', ')} (or "any").
Regressions for --fail-on (need --baseline): ${REGRESSION_CHECKS.join(', ')}; new-finding:<kind> for one kind.

Examples:
  npm run audit -- https://pro-medika.ru/
  npm run audit -- --crawl 20 --accept-consent --format json,csv,html https://pro-medika.ru/
  npm run audit -- --crawl 100 --concurrency 4 https://pro-medika.ru/
  npm run audit -- --fill-forms --fail-on pii-leak,health-context-leak --urls-file urls.txt
  npm run audit -- --baseline release/report.json --fail-on new-tracker,new-finding:health-context-leak --format junit,html --urls-file urls.txt
  npm run audit -- --shard 2/4 --urls-file urls.txt --out shard-2
  npm run audit -- merge shard-1/report.json shard-2/report.json shard-3/report.json shard-4/report.json --out merged --baseline release/report.json

Baselines, shards and merge: docs/audit-diff.md; a CI example: docs/ci.md.`;

/** The commander program; `quiet` silences commander's own output (help included), for tests. */
export function buildProgram(opts: { quiet?: boolean } = {}): Command {
  const program = new Command();
  // Errors are printed by the caller as one line; help and version go to stdout.
  program.configureOutput({ writeErr: () => {}, writeOut: opts.quiet ? () => {} : (s) => process.stdout.write(s) });
  return program
    .name('npm run audit --')
    .description('Audit pages of pro-medika.ru with the Tracker Lens extension in headless Chromium')
    .argument('[url...]', 'pages to audit (on pro-medika.ru)')
    .option('--out <dir>', 'output folder', './audit-report')
    .option('--resolve <rules>', 'Chromium --host-resolver-rules, e.g. "MAP * 127.0.0.1:8443"')
    .option('--ignore-https-errors', 'accept self-signed or invalid certificates (staging, replica)', false)
    .option('--wait <ms>', 'extra settle time per page, in ms', wholeNumber('--wait', 0), 0)
    .option('--block-third-party-cookies', 'browse with third-party cookies blocked (to compare)', false)
    .option('--screenshot', 'also save a screenshot of the popup for the last page (popup.png)', false)
    .option('--extension <dir>', 'path of a built extension (default: .output/chrome-mv3-audit, built when missing)')
    .option('--crawl <n>', 'follow same-site links breadth-first, up to n pages in total', wholeNumber('--crawl', 1))
    .option('--urls-file <file>', 'read URLs from a file, one per line (# comments and blank lines are ignored)')
    .option('--fill-forms', 'type test values into forms and submit them (the clinic server never gets the post); reports pii-leak', false)
    .option(
      '--timer-probe',
      'wrap setTimeout in audited pages to wait for tags scheduled late (changes the pages under audit; report.json records it)',
      false,
    )
    .option('--accept-consent', "click the cookie notice's accept button when present (compare before/after consent)", false)
    .option(
      '--fail-on <kinds>',
      'exit 3 when findings of these kinds occur (comma list of kinds, or "any"), or, with --baseline, these regressions occur',
      wrap(parseFailOn),
    )
    .option(
      '--format <list>',
      'output formats: json (always), csv (pages, cookies, requests, findings), html (report.html), junit (junit.xml)',
      wrap(parseFormats),
      ['json'] as Format[],
    )
    .option('--baseline <report.json>', "compare with an earlier audit's report.json: prints what changed per page, writes diff.json")
    .option(
      '--shard <i/n>',
      'audit only the i-th of n stable slices of the URL list (CI parallel jobs; combine with `merge`)',
      wrap(parseShard),
    )
    .option(
      '--concurrency <n>',
      `pages audited at once, each in its own browser with its own cookie jar (default here: ${defaultConcurrency()}; one per CPU core, 2 to 4); --accept-consent and --fill-forms always audit one page at a time`,
      wholeNumber('--concurrency', 1, MAX_CONCURRENCY),
    )
    .addHelpText('after', EXIT_HELP)
    .exitOverride();
}

/**
 * Parses argv (without node and the script) into CliOptions. Throws CommanderError
 * (bad options; help/version have exitCode 0) or UsageError (no URLs, missing URLs file).
 */
export function parseCli(argv: string[], program: Command = buildProgram({ quiet: true })): CliOptions {
  program.parse(argv, { from: 'user' });
  const o = program.opts<Omit<CliOptions, 'urls' | 'formats' | 'baseline'> & { format: Format[]; baseline?: string }>();
  let urls = [...program.args];
  if (o.urlsFile) urls.push(...readUrlsFile(o.urlsFile));
  if (urls.length === 0)
    throw new UsageError('no URLs to audit. Fix: give one or more URLs (e.g. https://pro-medika.ru/) or --urls-file <file>.');
  if (o.failOn?.checks?.length && !o.baseline)
    throw new UsageError(
      `--fail-on ${o.failOn.checks.map((c) => c.check).join(',')} compares with a baseline. Fix: add --baseline <report.json of an earlier audit>.`,
    );
  if (o.shard) urls = shardUrls(urls, o.shard);
  return {
    urls,
    baseline: o.baseline === undefined ? undefined : loadBaseline(o.baseline),
    shard: o.shard,
    out: o.out,
    resolve: o.resolve,
    ignoreHttpsErrors: o.ignoreHttpsErrors,
    wait: o.wait,
    blockThirdPartyCookies: o.blockThirdPartyCookies,
    screenshot: o.screenshot,
    extension: o.extension,
    crawl: o.crawl,
    urlsFile: o.urlsFile,
    fillForms: o.fillForms,
    timerProbe: o.timerProbe,
    acceptConsent: o.acceptConsent,
    failOn: o.failOn,
    formats: o.format,
    concurrency: o.concurrency,
  };
}

export { CommanderError, UsageError };
