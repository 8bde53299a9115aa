import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, type Replica } from '../replica/server';
import { RELEASE_PAGES } from '../replica/release-pages';
import { ReportSchema, type Report } from '../../policy/report/schema';
import { DiffSchema, diffReports, isUnchanged } from '../../policy/diff';
import { changes, RELEASE_DIFF, SITE } from '../unit/release-diff';
import { AUDIT_BUILD, runAuditCli, type CliRun } from './fixtures';

/**
 * e2e for issue #17: the audit command against release 1 and release 2 of the replica with
 * --baseline, --fail-on regressions, --format junit,html, --shard and merge.
 */

let replica: Replica;

test.beforeAll(async () => {
  replica = await startReplica({ port: 0 });
});
test.afterAll(async () => {
  await replica?.close();
});

function audit(args: string[], opts: { browser?: boolean; out?: string; concurrency?: number } = {}): Promise<CliRun> {
  const out = opts.out ?? mkdtempSync(join(tmpdir(), 'audit-diff-'));
  const base =
    opts.browser === false
      ? ['--out', out]
      : [
          ...['--out', out, '--extension', AUDIT_BUILD, '--resolve', replica.resolverRules, '--ignore-https-errors'],
          ...['--concurrency', String(opts.concurrency ?? 1)],
        ];
  return runAuditCli([...args, ...base], out);
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const reportOf = (dir: string): Report => ReportSchema.parse(JSON.parse(read(dir, 'report.json')));

test('release 2 against release 1: the change table, diff.json is exactly what release 2 changed, --fail-on new-tracker exits 3, junit.xml and the HTML section', async () => {
  test.setTimeout(300_000);
  replica.setRelease(1);
  const before = await audit(RELEASE_PAGES);
  expect(before.code, before.stderr).toBe(0);
  replica.setRelease(2);
  try {
    const after = await audit([
      '--baseline',
      join(before.out, 'report.json'),
      '--fail-on',
      'new-tracker,new-finding:health-context-leak',
      '--format',
      'junit,html',
      ...RELEASE_PAGES,
    ]);
    expect(after.code, after.stderr).toBe(3);
    expect(after.stderr).toMatch(
      /^fail-on: 1 new-tracker against the baseline, e\.g\. calltouch on https:\/\/pro-medika\.ru\/appointment\/$/m,
    );
    expect(after.stderr).not.toMatch(/health-context-leak against/);
    expect(after.stdout).toMatch(/4 of 5 page\(s\) changed since the baseline/);
    expect(after.stdout).toContain('+calltouch');
    const diff = DiffSchema.parse(JSON.parse(read(after.out, 'diff.json')));
    expect(changes(diff)).toEqual(RELEASE_DIFF);
    const junit = read(after.out, 'junit.xml');
    expect(junit.match(/<testsuite /g)).toHaveLength(RELEASE_PAGES.length);
    expect(junit).toContain('<testcase name="baseline: cookie-weakened"');
    const html = read(after.out, 'report.html');
    expect(html.indexOf('id="changes-since-baseline"')).toBeGreaterThan(0);
    expect(html.indexOf('id="changes-since-baseline"')).toBeLessThan(html.indexOf(`${SITE}/services/kardiologiya/`));
  } finally {
    replica.setRelease(1);
  }
});

test('a missing, empty or corrupt baseline: one line, exit 2, before any browser starts', async () => {
  // Five starts of the command (no browser, four at once): slow only while the machine is busy.
  test.setTimeout(400_000);
  const dir = mkdtempSync(join(tmpdir(), 'audit-diff-bad-'));
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'cut.json'), '{"schemaVersion":1,"pages":[');
  writeFileSync(join(dir, 'v2.json'), '{"schemaVersion":2,"pages":[]}');
  const cases = [
    ['missing.json', /no such file/],
    ['empty.json', /is empty/],
    ['cut.json', /is not valid JSON/],
    ['v2.json', /schemaVersion 2, this command reads 1\. Fix:/],
  ] as const;
  // An extension path that does not exist: a browser start would fail with another message.
  const runs = await Promise.all(
    cases.map(([file]) => audit(['--baseline', join(dir, file), '--extension', '/nonexistent', `${SITE}/`], { browser: false })),
  );
  cases.forEach(([file, re], i) => {
    const r = runs[i];
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter(Boolean);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^error: --baseline .*${file.replace('.', '\\.')}: `));
    expect(errors[0]).toMatch(re);
  });
  const noBaseline = await audit(['--fail-on', 'new-tracker', `${SITE}/`], { browser: false });
  expect(noBaseline.code).toBe(2);
  expect(noBaseline.stderr).toMatch(/Fix: add --baseline/);
});

test('two --shard runs merged equal one run over the same URLs (report modulo volatile fields, diff.json, junit.xml)', async () => {
  test.setTimeout(480_000);
  replica.setRelease(2);
  try {
    // Pages with different tags: each page is audited by a fresh visitor, so none lists what the pages before it in its browser left.
    const urls = RELEASE_PAGES;
    const baselineDir = mkdtempSync(join(tmpdir(), 'audit-diff-base-'));
    replica.setRelease(1);
    const base = await audit(urls.slice(0, 4), { out: baselineDir });
    expect(base.code, base.stderr).toBe(0);
    replica.setRelease(2);
    const baseline = ['--baseline', join(baselineDir, 'report.json'), '--format', 'junit,html'];
    // Two browsers for the single run: which pages share a browser does not change any page's record.
    const single = await audit([...baseline, ...urls], { concurrency: 2 });
    expect(single.code, single.stderr).toBe(0);
    // As a CI system's parallel jobs would run them.
    const [s1, s2] = await Promise.all([audit(['--shard', '1/2', ...urls]), audit(['--shard', '2/2', ...urls])]);
    expect([s1.code, s2.code]).toEqual([0, 0]);
    expect(reportOf(s1.out).pages.map((p) => p.url)).toEqual([urls[0], urls[2], urls[4]]);
    const merged = await audit(['merge', join(s2.out, 'report.json'), join(s1.out, 'report.json'), ...baseline], { browser: false });
    expect(merged.code, merged.stderr).toBe(0);
    const [one, many] = [reportOf(single.out), reportOf(merged.out)];
    expect(many.pages.map((p) => p.url)).toEqual(urls);
    // Equal modulo volatile fields: the diff between them is empty, and so are the page records once those are removed.
    expect(diffReports(one, many).pages.filter((p) => !isUnchanged(p))).toEqual([]);
    const by =
      <T>(key: (x: T) => string) =>
      (a: T, b: T) =>
        key(a).localeCompare(key(b));
    const stable = (r: Report) =>
      r.pages.map((p) => ({
        ...p,
        startedAt: undefined,
        requestCount: undefined,
        trackers: p.trackers
          .map((t) => ({
            ...t,
            requests: undefined,
            cookies: [...t.cookies].sort(),
            storage: [...t.storage].sort(),
            contradictions: t.contradictions?.map((c) => ({ ...c, evidence: { ...c.evidence, url: undefined } })),
          }))
          .sort(by((t) => t.vendor)),
        cookies: p.cookies
          .map((c) => ({ ...c, value: undefined, size: undefined, expires: undefined }))
          .sort(by((c) => `${c.name}@${c.domain}${c.path}`)),
        storage: [...p.storage].sort(by((s) => `${s.area}:${s.key}`)),
        thirdParties: p.thirdParties.map((t) => ({ ...t, requests: undefined })).sort(by((t) => t.host)),
        findings: p.findings
          .map((f) => ({ kind: f.kind, vendor: f.vendor, severity: f.severity, clause: f.clause }))
          .sort(by((f) => JSON.stringify(f))),
      }));
    expect(stable(many)).toEqual(stable(one));
    const diffOf = (dir: string) => ({ ...JSON.parse(read(dir, 'diff.json')), current: undefined });
    expect(diffOf(merged.out)).toEqual(diffOf(single.out));
    // Every page a fresh visitor: shards and browsers make no difference, so there is nothing to note.
    expect(diffOf(merged.out).notes).toEqual([]);
    expect(diffOf(merged.out).pages.map((p: { status: string }) => p.status)).toEqual(['both', 'both', 'both', 'both', 'added']);
    const junit = (dir: string) => read(dir, 'junit.xml').replace(/ timestamp="[^"]*"/g, '');
    expect(junit(merged.out)).toBe(junit(single.out));
  } finally {
    replica.setRelease(1);
  }
});
