import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram, parseCli, CommanderError, UsageError } from '../../audit/program';
import { parseUrlsFile, readUrlsFile } from '../../audit/urls-file';
import { parseFormats, writeFormats } from '../../audit/formats';
import { ReportSchema } from '../../policy/report/schema';

const parse = (...argv: string[]) => parseCli(argv, buildProgram({ quiet: true }));

describe('audit command line', () => {
  it('keeps the defaults of the existing options', () => {
    const o = parse('https://pro-medika.ru/');
    expect(o).toMatchObject({
      urls: ['https://pro-medika.ru/'],
      out: './audit-report',
      ignoreHttpsErrors: false,
      wait: 0,
      fillForms: false,
      acceptConsent: false,
      formats: ['json'],
    });
    // The audit changes no page unless asked: the timer probe is off by default.
    expect(o.timerProbe).toBe(false);
    expect(o.crawl).toBeUndefined();
    expect(o.failOn).toBeUndefined();
    // No --concurrency: runAudit picks the default for the machine (audit/schedule.ts).
    expect(o.concurrency).toBeUndefined();
  });

  it('--concurrency takes a whole number from 1 to 16', () => {
    expect(parse('--concurrency', '3', 'https://pro-medika.ru/').concurrency).toBe(3);
    expect(parse('--concurrency', '1', 'https://pro-medika.ru/').concurrency).toBe(1);
    expect(parse('--concurrency', '16', 'https://pro-medika.ru/').concurrency).toBe(16);
  });

  it('--timer-probe turns the page-side timer probe on', () => {
    expect(parse('--timer-probe', 'https://pro-medika.ru/').timerProbe).toBe(true);
  });

  it('parses the new options', () => {
    const o = parse(
      '--crawl',
      '4',
      '--fill-forms',
      '--accept-consent',
      '--fail-on',
      'pii-leak, insecure-form',
      '--format',
      'csv,html',
      '--wait',
      '250',
      'https://pro-medika.ru/',
    );
    expect(o.crawl).toBe(4);
    expect(o.fillForms).toBe(true);
    expect(o.acceptConsent).toBe(true);
    expect(o.failOn).toEqual({ any: false, kinds: ['pii-leak', 'insecure-form'] });
    expect(o.formats).toEqual(['json', 'csv', 'html']);
    expect(o.wait).toBe(250);
  });

  it.each([
    [['--crawl', '0', 'https://pro-medika.ru/'], /--crawl takes a whole number of at least 1/],
    [['--crawl', 'many', 'https://pro-medika.ru/'], /--crawl takes a whole number/],
    [['--wait', '-5', 'https://pro-medika.ru/'], /--wait takes a whole number/],
    [['--concurrency', '0', 'https://pro-medika.ru/'], /--concurrency takes a whole number of at least 1 and at most 16, got "0"/],
    [['--concurrency', '17', 'https://pro-medika.ru/'], /--concurrency takes a whole number of at least 1 and at most 16, got "17"/],
    [['--concurrency', '2.5', 'https://pro-medika.ru/'], /--concurrency takes a whole number/],
    [['--concurrency', 'auto', 'https://pro-medika.ru/'], /--concurrency takes a whole number/],
    [['--format', 'csv,xml', 'https://pro-medika.ru/'], /unknown format "xml".*Fix: use a comma list of json, csv, html/],
    [['--fail-on', 'pii', 'https://pro-medika.ru/'], /unknown finding kind "pii".*Fix: use "any" or some of pii-leak/],
    [['--no-such-option', 'https://pro-medika.ru/'], /unknown option '--no-such-option'/],
  ])('rejects bad usage %j with a message naming the fix', (argv, re) => {
    let err: unknown;
    try {
      parse(...argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CommanderError);
    expect((err as CommanderError).exitCode).not.toBe(0);
    expect((err as Error).message).toMatch(re);
  });

  it('--shard slices the URL list from the arguments and --urls-file together; --baseline is read while parsing, before any browser', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-shard-'));
    const list = join(dir, 'urls.txt');
    writeFileSync(
      list,
      ['https://pro-medika.ru/b', 'https://pro-medika.ru/c', 'https://pro-medika.ru/a#top', 'https://pro-medika.ru/d'].join('\n'),
    );
    const args = ['--urls-file', list, 'https://pro-medika.ru/a'];
    // URL 1 (argument) a, then the file: b, c, a#top (the same page as a: dropped), d.
    expect(parse('--shard', '1/2', ...args).urls).toEqual(['https://pro-medika.ru/a', 'https://pro-medika.ru/c']);
    expect(parse('--shard', '2/2', ...args)).toMatchObject({
      urls: ['https://pro-medika.ru/b', 'https://pro-medika.ru/d'],
      shard: { index: 2, count: 2 },
    });
    expect(parse('--shard', '4/4', ...args).urls).toEqual(['https://pro-medika.ru/d']);
    // A bad baseline is a UsageError out of parsing (the command exits 2 before runAudit).
    expect(() => parse('--baseline', join(dir, 'missing.json'), ...args)).toThrow(UsageError);
    expect(() => parse('--fail-on', 'new-tracker', ...args)).toThrow(/compares with a baseline\. Fix: add --baseline/);
  });

  it('needs at least one URL, from the arguments or --urls-file', () => {
    expect(() => parse()).toThrow(UsageError);
    expect(() => parse()).toThrow(/no URLs to audit\. Fix: give one or more URLs/);
  });

  it('--help is not an error', () => {
    try {
      parse('--help');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CommanderError);
      expect((e as CommanderError).exitCode).toBe(0);
    }
  });

  it('the help documents the exit codes', () => {
    const help = buildProgram({ quiet: true }).helpInformation();
    expect(help).toContain('--crawl <n>');
    const flat = help.replace(/\s+/g, ' ');
    expect(flat).toContain('--concurrency <n> pages audited at once, each in its own browser with its own cookie jar (default here: ');
    expect(flat).toContain('--accept-consent and --fill-forms always audit one page at a time');
    let text = '';
    const p = buildProgram({ quiet: true });
    p.configureOutput({ writeOut: (s) => (text += s) });
    try {
      p.parse(['--help'], { from: 'user' });
    } catch {
      /* exitOverride */
    }
    for (const code of ['0 ', '1 ', '2 ', '3 ', '130 ']) expect(text).toContain(`  ${code}`);
    expect(text).toMatch(/--fail-on matched/);
  });
});

describe('--urls-file', () => {
  it('one URL per line; comments and blank lines are ignored', () => {
    const text =
      '\uFEFF# pages for CI\nhttps://pro-medika.ru/\n\n   https://pro-medika.ru/doctors/   \r\nhttps://pro-medika.ru/contacts/#map # trailing comment\n  # indented comment\n';
    expect(parseUrlsFile(text)).toEqual([
      'https://pro-medika.ru/',
      'https://pro-medika.ru/doctors/',
      'https://pro-medika.ru/contacts/#map',
    ]);
  });

  it('reads the file and adds its URLs after the arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-urls-'));
    const file = join(dir, 'urls.txt');
    writeFileSync(file, 'https://pro-medika.ru/doctors/\n');
    expect(parse('--urls-file', file, 'https://pro-medika.ru/').urls).toEqual(['https://pro-medika.ru/', 'https://pro-medika.ru/doctors/']);
    expect(readUrlsFile(file)).toEqual(['https://pro-medika.ru/doctors/']);
  });

  it('a missing file, a folder or an empty file is a one-line error with the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-urls-'));
    const missing = join(dir, 'nope.txt');
    expect(() => parse('--urls-file', missing)).toThrow(
      new UsageError(`--urls-file ${missing}: no such file. Fix: give the path of a text file with one URL per line (# starts a comment).`),
    );
    mkdirSync(join(dir, 'sub'));
    expect(() => readUrlsFile(join(dir, 'sub'))).toThrow(/is a folder\. Fix:/);
    writeFileSync(join(dir, 'empty.txt'), '# nothing\n\n');
    expect(() => readUrlsFile(join(dir, 'empty.txt'))).toThrow(/no URLs in the file\. Fix:/);
    for (const f of [missing, join(dir, 'sub'), join(dir, 'empty.txt')]) {
      try {
        readUrlsFile(f);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});

describe('--format', () => {
  it('json is always there; duplicates and case are folded', () => {
    expect(parseFormats('HTML, csv,html')).toEqual(['json', 'html', 'csv']);
    expect(parseFormats('json')).toEqual(['json']);
  });

  it('writes pages/cookies/requests/findings CSV and a self-contained HTML report', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'audit-formats-'));
    const report = ReportSchema.parse({
      schemaVersion: 1,
      generatedAt: '2026-11-25T10:00:00.000Z',
      extensionVersion: '0.1.0',
      pages: [
        {
          url: 'https://pro-medika.ru/',
          finalUrl: 'https://pro-medika.ru/',
          title: 'Главная <b>',
          trackers: [],
          cookies: [],
          storage: [],
          thirdParties: [],
          findings: [{ kind: 'insecure-form', severity: 'high', evidence: { action: '=cmd()' } }],
        },
      ],
    });
    const files = writeFormats(report, dir, ['json', 'csv', 'html']);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['pages.csv', 'cookies.csv', 'requests.csv', 'findings.csv', 'report.html']);
    expect(readFileSync(join(dir, 'findings.csv'), 'utf8')).toMatch(/^\uFEFFpageUrl,kind,severity/);
    expect(readFileSync(join(dir, 'findings.csv'), 'utf8')).toContain('insecure-form');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Главная &lt;b&gt;');
    expect(html).not.toContain('<script');
    expect(writeFormats(report, mkdtempSync(join(tmpdir(), 'audit-formats-')), ['json'])).toEqual([]);
  });
});
