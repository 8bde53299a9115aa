import { test, expect } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, type Replica } from '../replica/server';
import { ReportSchema, type ReportPage } from '../../policy/report/schema';
import { AUDIT_BUILD, runAuditCli, type CliRun } from './fixtures';

/**
 * e2e for the audit command (issues #2 and #5): `npx tsx audit/cli.ts` as a child process
 * against a replica started here, checking exit codes, one-line errors and the files written.
 */

const SITE = 'https://pro-medika.ru';
let replica: Replica;

test.beforeAll(async () => {
  replica = await startReplica({ port: 0 });
});
test.afterAll(async () => {
  await replica?.close();
});

function audit(
  args: string[],
  opts: {
    env?: Record<string, string>;
    replicaArgs?: boolean;
    tls?: boolean;
    onStderr?: (text: string, child: ChildProcess) => void;
    direct?: boolean;
  } = {},
): Promise<CliRun> {
  const out = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  const base = ['--out', out, '--extension', AUDIT_BUILD];
  if (opts.replicaArgs !== false) base.push('--resolve', replica.resolverRules);
  if (opts.tls !== false) base.push('--ignore-https-errors');
  return runAuditCli([...base, ...args], out, opts);
}

const errorLines = (r: CliRun) => r.stderr.split('\n').filter((l) => l.startsWith('error: '));

test('--crawl 4 visits 4 distinct pages; report.json validates; --format csv,html writes the files; --fail-on without a match exits 0', async () => {
  const r = await audit(['--crawl', '4', '--format', 'csv,html', '--fail-on', 'insecure-form,form-without-policy', `${SITE}/`]);
  expect(r.stderr).not.toMatch(/^error:/m);
  expect(r.code).toBe(0);
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')));
  const urls = report.pages.map((p) => p.url);
  expect(urls).toHaveLength(4);
  expect(new Set(urls).size).toBe(4);
  expect(urls[0]).toBe(`${SITE}/`);
  // Breadth-first from the home page: its navigation links, in order.
  expect(urls.slice(1)).toEqual([`${SITE}/doctors/`, `${SITE}/services/urologiya/`, `${SITE}/appointment/`]);
  expect(report.pages.every((p) => !p.error && p.trackers.length > 0)).toBe(true);
  expect(report.options).toMatchObject({ crawl: 4 });
  // By default the audit injects nothing into the pages (no timer probe), and the report says nothing of one.
  expect(report.options).not.toHaveProperty('timerProbe');
  // Findings are read out of the extension with the rest of the record.
  expect(report.pages[2].findings.some((f) => f.kind === 'health-context-leak')).toBe(true);
  const schema = JSON.parse(readFileSync(join(r.out, 'report.schema.json'), 'utf8'));
  expect(schema.type).toBe('object');
  for (const f of ['pages.csv', 'cookies.csv', 'requests.csv', 'findings.csv', 'report.html'])
    expect(existsSync(join(r.out, f))).toBe(true);
  const pagesCsv = readFileSync(join(r.out, 'pages.csv'), 'utf8').trim().split('\r\n');
  expect(pagesCsv).toHaveLength(5); // header + 4 pages
  expect(readFileSync(join(r.out, 'findings.csv'), 'utf8')).toContain('health-context-leak');
  expect(readFileSync(join(r.out, 'report.html'), 'utf8')).toContain(`${SITE}/services/urologiya/`);
  // Plain progress lines when stderr is not a terminal, and the summary on stdout.
  expect(r.stderr).toMatch(/^\[1\/\d\] https:\/\/pro-medika\.ru\/: \d+ trackers/m);
  expect(r.stderr).toMatch(/^\[4\/4\] /m);
  expect(r.stdout).toMatch(/^finding\s+pages\s+high/m);
});

test('--concurrency 3 gives the pages, order, trackers and findings of a sequential run, late tags included (--timer-probe)', async () => {
  // Two audits of five pages, /slow/ alone takes 7 s in each: more than the default 90 s on a
  // loaded 2-core machine.
  test.setTimeout(180_000);
  // Seeds first, then the crawl: /contacts/ (a tag 2.5 s after load), /slow/ (six seconds of
  // virtual page views), the home page, then /contacts/'s links in breadth-first order.
  // The opt-in timer probe waits for the tag a setTimeout loads 2.5 s after load.
  const args = ['--timer-probe', '--crawl', '5', `${SITE}/contacts/`, `${SITE}/slow/`, `${SITE}/`];
  const [seq, par] = [await audit(['--concurrency', '1', ...args]), await audit(['--concurrency', '3', ...args])];
  for (const r of [seq, par]) {
    expect(r.stderr).not.toMatch(/^error:/m);
    expect(r.code).toBe(0);
  }
  const [a, b] = [seq, par].map((r) => ReportSchema.parse(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8'))));
  expect(a.options).toMatchObject({ concurrency: 1 });
  expect(b.options).toMatchObject({ concurrency: 3, timerProbe: true });
  const paths = ['/contacts/', '/slow/', '/', '/doctors/', '/services/urologiya/'];
  expect(a.pages.map((p) => p.url)).toEqual(paths.map((p) => `${SITE}${p}`));
  expect(b.pages.map((p) => p.url)).toEqual(a.pages.map((p) => p.url));
  // Progress lines follow the report's order too.
  expect(par.stderr.match(/^\[\d+\/\d+\] \S+/gm)?.map((l) => l.split(' ')[1])).toEqual(a.pages.map((p) => `${p.url}:`));

  const trackers = (p: ReportPage) => p.trackers.map((t) => t.vendor).sort();
  // Every page is audited by a new visitor, so its findings do not depend on which pages its browser saw before:
  // the same in both runs, those about cookies (cookie-attributes, a session replay known from its cookie) included.
  const findings = (p: ReportPage) =>
    p.findings
      .map((f) => `${f.kind}:${f.vendor ?? f.evidence.platform ?? ''}:${f.evidence.param ?? f.evidence.host ?? f.evidence.cookie ?? ''}`)
      .sort();
  for (const [i, p] of a.pages.entries()) {
    expect(trackers(b.pages[i]), p.url).toEqual(trackers(p));
    expect(findings(b.pages[i]), p.url).toEqual(findings(p));
  }
  expect(a.pages.flatMap(findings)).toContain('cookie-attributes:1С-Битрикс (CMS сайта):BITRIX_SM_GUEST_ID');
  // Late tags are in the record: VK's pixel 2.5 s after load, all twelve virtual page views.
  const contacts = b.pages[0];
  expect(trackers(contacts)).toContain('vk-ads');
  const slow = b.pages[1];
  expect(slow.trackers.find((t) => t.vendor === 'yandex-metrica')!.requests).toBeGreaterThanOrEqual(13);
});

test('a URL outside pro-medika.ru: exit 1 and a one-line error with cause and fix; the other pages (from --urls-file) are written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-urls-'));
  const file = join(dir, 'urls.txt');
  writeFileSync(file, `# CI pages\n${SITE}/doctors/\n\n`);
  const r = await audit(['--urls-file', file, 'https://example.org/']);
  expect(r.code).toBe(1);
  const errs = errorLines(r);
  expect(errs).toEqual([
    'error: https://example.org/: outside pro-medika.ru; the extension only watches that site. Fix: audit pages of pro-medika.ru (use --resolve to point it at a staging server).',
  ]);
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')));
  const doctors = report.pages.find((p) => p.url === `${SITE}/doctors/`)!;
  expect(doctors.error).toBeUndefined();
  expect(doctors.trackers.map((t) => t.vendor)).toContain('jivo');
  expect(report.pages.find((p) => p.url === 'https://example.org/')?.error).toMatch(/outside pro-medika\.ru/);
});

test('usage errors exit 2 with one line naming the fix, before any browser starts', async () => {
  const missing = await audit(['--urls-file', '/nonexistent/urls.txt']);
  expect(missing.code).toBe(2);
  expect(missing.stderr.trim()).toBe(
    'error: --urls-file /nonexistent/urls.txt: no such file. Fix: give the path of a text file with one URL per line (# starts a comment).',
  );
  const chromium = await audit([`${SITE}/`], { env: { CHROMIUM_PATH: '/nonexistent' } });
  expect(chromium.code).toBe(2);
  expect(chromium.stderr.trim()).toBe(
    'error: Chromium not found at /nonexistent. Fix: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  );
  const format = await audit(['--format', 'pdf', `${SITE}/`]);
  expect(format.code).toBe(2);
  expect(format.stderr.trim().split('\n')).toHaveLength(1);
  expect(format.stderr).toMatch(/unknown format "pdf"\. Fix: use a comma list of json, csv, html/);
});

test('a TLS error without --ignore-https-errors names the fix', async () => {
  const r = await audit([`${SITE}/`], { tls: false });
  expect(r.code).toBe(1);
  const errs = errorLines(r);
  expect(errs).toHaveLength(1);
  expect(errs[0]).toMatch(/^error: https:\/\/pro-medika\.ru\/: TLS error \(net::ERR_CERT_[A-Z_]+\)\. Fix: pass --ignore-https-errors/);
  expect(ReportSchema.parse(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8'))).pages[0].error).toMatch(/TLS error/);
});

test('--fill-forms --accept-consent --fail-on pii-leak: exit 3 when matched', async () => {
  const r = await audit(['--fill-forms', '--accept-consent', '--fail-on', 'pii-leak', `${SITE}/appointment/`]);
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/consent accepted \(#cookie-accept\), 1\/1 forms submitted/);
  expect(r.stderr).toMatch(/^fail-on: \d+ pii-leak finding\(s\) on 1 page\(s\), e\.g\. https:\/\/pro-medika\.ru\/appointment\/$/m);
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')));
  const pii = report.pages[0].findings.filter((f) => f.kind === 'pii-leak');
  expect(pii.map((f) => f.evidence.encoding)).toEqual(expect.arrayContaining(['sha256', 'md5', 'base64']));
  expect(report.options).toMatchObject({ fillForms: true, acceptConsent: true });
  // The consent click is in the record: Metrica fired before it.
  expect(report.pages[0].findings.find((f) => f.kind === 'before-consent' && f.vendor === 'yandex-metrica')?.evidence.before).toMatch(
    /^(consent|interaction)$/,
  );
});

test('Ctrl-C writes what was collected so far and exits 130', async () => {
  let sent = false;
  const r = await audit(['--crawl', '50', `${SITE}/`], {
    direct: true,
    onStderr: (text, child) => {
      if (!sent && /^\[1\/\d+\] /m.test(text)) {
        sent = true;
        child.kill('SIGINT');
      }
    },
  });
  expect(sent).toBe(true);
  expect(r.code).toBe(130);
  expect(r.stderr).toMatch(/Interrupted: writing what was collected so far/);
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')));
  expect(report.pages.length).toBeGreaterThanOrEqual(1);
  expect(report.pages.length).toBeLessThan(8);
  expect(report.pages[0].url).toBe(`${SITE}/`);
  expect(report.options).toMatchObject({ interrupted: true });
});
