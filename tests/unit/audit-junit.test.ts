import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { toJunit, xmlEscape } from '../../policy/diff/junit';
import { diffReports } from '../../policy/diff';
import { ReportSchema, type Report } from '../../policy/report/schema';
import { mergeReports, readReport } from '../../audit/merge';
import { parseShard, shardUrls } from '../../audit/shard';
import { HOSTILE_MARKUP } from '../replica/site';

/** junit.xml against the Jenkins xUnit plugin's junit-10.xsd (tests/unit/junit/SOURCE.md), and merge/shard. */
const XSD = readFileSync(join(import.meta.dirname, 'junit', 'junit-10.xsd'), 'utf8');
const fixture = (n: 1 | 2): Report =>
  ReportSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'releases', `release-${n}.report.json`), 'utf8')));

async function validate(xml: string) {
  return validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
}

describe('junit.xml', () => {
  it('has one suite per page and one case per finding kind and regression check; it validates', async () => {
    const r2 = fixture(2);
    const xml = toJunit(r2, diffReports(fixture(1), r2));
    const res = await validate(xml);
    expect(res.errors).toEqual([]);
    expect(res.valid).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(r2.pages.length);
    const appointment = xml.slice(xml.indexOf('<testsuite name="https://pro-medika.ru/appointment/"'));
    const suite = appointment.slice(0, appointment.indexOf('</testsuite>'));
    expect(suite).toMatch(
      /<testcase name="baseline: new-tracker"[^>]*>\s*<failure message="1 new-tracker against the baseline"[^>]*>calltouch<\/failure>/,
    );
    expect(suite).toMatch(/<testcase name="baseline: disclosure-worse"[^>]*\/>/);
    expect(suite).toMatch(/<testcase name="finding: health-context-leak"/);
    // Without a baseline: finding checks only.
    expect(toJunit(r2)).not.toContain('baseline:');
  });

  it('escapes hostile strings and drops characters XML cannot carry; still validates', async () => {
    const hostile = HOSTILE_MARKUP.join(' ') + ' \u0001\u0008\uFFFE & ]]> \uD800';
    const r = ReportSchema.parse({
      schemaVersion: 1,
      generatedAt: '2026-12-01T10:00:00.000Z',
      extensionVersion: '0.1.0',
      pages: [
        {
          url: `https://pro-medika.ru/?q=${hostile}`,
          finalUrl: '',
          title: hostile,
          trackers: [],
          cookies: [],
          storage: [],
          thirdParties: [],
          findings: [{ kind: hostile, severity: 'high', vendor: hostile, evidence: {} }],
        },
        {
          url: 'https://pro-medika.ru/x',
          finalUrl: '',
          title: '',
          trackers: [],
          cookies: [],
          storage: [],
          thirdParties: [],
          error: hostile,
        },
      ],
    });
    const base = { ...r, pages: [] };
    const xml = toJunit(r, diffReports(base, r));
    expect(xml).not.toMatch(/<(img|script|svg|b)[\s>]/);
    for (const c of ['\u0001', '\u0008', '\uFFFE', '\uD800']) expect(xml.includes(c)).toBe(false);
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xml).toContain('<error message=');
    const res = await validate(xml);
    expect(res.errors).toEqual([]);
    expect(res.valid).toBe(true);
    expect(xmlEscape(`a"b'c<d>&`)).toBe('a&quot;b&apos;c&lt;d&gt;&amp;');
  });

  it('the validator does fail on a document the schema rejects (the check can fail)', async () => {
    const res = await validate('<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>');
    expect(res.valid).toBe(false);
  });
});

describe('--shard and merge', () => {
  const urls = [
    'https://pro-medika.ru/a',
    'https://pro-medika.ru/b',
    'https://pro-medika.ru/a#x',
    'https://pro-medika.ru/c',
    'https://pro-medika.ru/d',
    'https://pro-medika.ru/e',
  ];

  it('deals the unique URLs out in turn; every URL lands in exactly one shard', () => {
    expect(shardUrls(urls, parseShard('1/2'))).toEqual(['https://pro-medika.ru/a', 'https://pro-medika.ru/c', 'https://pro-medika.ru/e']);
    expect(shardUrls(urls, parseShard('2/2'))).toEqual(['https://pro-medika.ru/b', 'https://pro-medika.ru/d']);
    const all = [1, 2, 3, 4].flatMap((i) => shardUrls(urls, { index: i, count: 4 }));
    expect(all.sort()).toEqual([
      'https://pro-medika.ru/a',
      'https://pro-medika.ru/b',
      'https://pro-medika.ru/c',
      'https://pro-medika.ru/d',
      'https://pro-medika.ru/e',
    ]);
    for (const bad of ['0/2', '3/2', '1/0', 'x', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard takes <i>\/<n>.*Fix:/);
  });

  it('merge puts shard pages back in the list order, and refuses reports of different audits', () => {
    const r = fixture(1);
    const shard = (index: number, count: number) => {
      const pages = r.pages.filter((_, k) => k % count === index - 1);
      return { ...r, options: { ...r.options, shard: { index, count, seedPages: pages.length } }, pages };
    };
    const merged = mergeReports([shard(2, 3), shard(1, 3), shard(3, 3)]);
    expect(merged.pages).toEqual(r.pages);
    expect(merged.options?.shard).toBeUndefined();
    expect(() => mergeReports([shard(1, 3), shard(3, 3)])).toThrow(/shard\(s\) 2 of 3 missing\. Fix:/);
    expect(() => mergeReports([shard(1, 2), shard(1, 2)])).toThrow(/given twice/);
    expect(() => mergeReports([shard(1, 2), { ...shard(2, 2), extensionVersion: '9.9.9' }])).toThrow(/different extension versions/);
    expect(() => mergeReports([shard(1, 2), { ...r, options: {} }])).toThrow(/some reports come from --shard runs/);
  });

  it('joins reports of separate runs over different pages, and refuses two audits of the same page', () => {
    const r = fixture(1);
    const [a, b] = [
      { ...r, pages: r.pages.slice(0, 2) },
      { ...r, pages: r.pages.slice(2) },
    ];
    expect(mergeReports([a, b]).pages).toEqual(r.pages);
    expect(() => mergeReports([r, fixture(2)])).toThrow(
      /^merge: https:\/\/pro-medika\.ru\/ is in two of the reports \(1 and 2\), which are not shards of one audit\. Fix: .*use --baseline\.$/,
    );
  });

  it('names a diff.json given as a shard report', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'merge-')), 'diff.json');
    writeFileSync(path, JSON.stringify(diffReports(fixture(1), fixture(2))));
    expect(() => readReport(path)).toThrow(
      /diff\.json: is a diff\.json, not a report\.json\. Fix: give the report\.json written by the shard\.$/,
    );
  });
});
