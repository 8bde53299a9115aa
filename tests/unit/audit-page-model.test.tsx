import { describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  buildModel,
  exportFileName,
  firstScreenModel,
  filterRows,
  formatBytes,
  previousInMemory,
} from '../../components/audit/model';
import { toJson } from '../../policy/export';
import { historyHeader, recordPage } from '../../components/audit/export-files';
import type { HistoryRecord } from '../../policy/export/history-record';
import { aggregatesOf, applySummary, overviewOf } from '../../policy/history/aggregates';
import { ReportSchema } from '../../policy/report/schema';
import { auditRecord, summaryOf, tracker } from './audit-page-fixtures';

const A = auditRecord({
  id: 'a',
  url: 'https://pro-medika.ru/',
  time: 1000,
  title: 'Главная',
  trackers: [tracker('yandex-metrica', 'Яндекс Метрика', 'undisclosed'), tracker('vk-ads', 'VK Реклама', 'named')],
  findings: [
    { kind: 'undisclosed-tracker', severity: 'medium', vendor: 'yandex-metrica', evidence: { host: 'mc.yandex.ru' } },
    { kind: 'cookie-attributes', severity: 'info', vendor: 'vk-ads', evidence: { cookie: 'tmr_lvid' } },
  ],
});
const B = auditRecord({
  id: 'b',
  url: 'https://pro-medika.ru/services/urologiya/',
  time: 2000,
  title: 'Урология',
  trackers: [tracker('yandex-metrica', 'Яндекс Метрика', 'undisclosed')],
  findings: [
    { kind: 'health-context-leak', severity: 'high', vendor: 'yandex-metrica', evidence: { param: 'page-url' } },
    { kind: 'health-context-leak', severity: 'high', vendor: 'vk-ads', evidence: { param: 'url' } },
  ],
});
const C = auditRecord({
  id: 'c',
  url: 'https://pro-medika.ru/',
  time: 3000,
  title: 'Главная',
  trackers: [tracker('jivo', 'Jivo', undefined)],
  findings: [],
});
const D = auditRecord({
  id: 'd',
  url: 'https://pro-medika.ru/contacts/',
  time: 500,
  title: 'Контакты',
  trackers: [],
  findings: [{ kind: 'future-kind', severity: 'low', evidence: {} }],
});

describe('buildModel', () => {
  const m = buildModel([A, B, C, D].map(summaryOf));

  it('orders pages by findings (high, then medium, low, info; ties newest first) and by time', () => {
    expect(m.byFindings.map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(m.byTime.map((r) => r.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(m.byFindings[0].counts).toEqual({ high: 2, medium: 0, low: 0, info: 0 });
    expect(m.byFindings[1].counts).toEqual({ high: 0, medium: 1, low: 0, info: 1 });
  });

  it('totals, distinct URLs and kinds in the engine order (unknown kinds last)', () => {
    expect(m.totals).toEqual({ high: 2, medium: 1, low: 1, info: 1 });
    expect(m.urls).toBe(3);
    expect(m.kinds).toEqual(['health-context-leak', 'undisclosed-tracker', 'cookie-attributes', 'future-kind']);
  });

  it('vendor summary: pages seen (trackers or findings) and findings by kind', () => {
    const ym = m.vendors.find((v) => v.vendor === 'yandex-metrica')!;
    expect(ym.name).toBe('Яндекс Метрика');
    expect(ym.pages).toBe(2);
    expect(ym.findings).toEqual({ 'undisclosed-tracker': 1, 'health-context-leak': 1 });
    expect(ym.findingTotal).toBe(2);
    expect(ym.disclosures).toEqual(['undisclosed']);
    const vk = m.vendors.find((v) => v.vendor === 'vk-ads')!;
    // A tracker on A and a finding (without a tracker) on B: two pages.
    expect(vk.pages).toBe(2);
    expect(vk.findings).toEqual({ 'cookie-attributes': 1, 'health-context-leak': 1 });
    const jivo = m.vendors.find((v) => v.vendor === 'jivo')!;
    expect(jivo.disclosures).toEqual(['unknown']);
    expect(jivo.findingTotal).toBe(0);
    // Most pages first.
    expect(m.vendors[0].pages).toBeGreaterThanOrEqual(m.vendors[m.vendors.length - 1].pages);
  });

  it('counts a vendor once per page even with several trackers and findings', () => {
    const twice = auditRecord({
      id: 'x',
      url: 'https://pro-medika.ru/x/',
      time: 1,
      trackers: [tracker('yandex-metrica', 'YM', 'named'), tracker('yandex-metrica', 'YM', 'generic')],
      findings: [{ kind: 'pii-leak', severity: 'high', vendor: 'yandex-metrica', evidence: {} }],
    });
    const v = buildModel([summaryOf(twice)]).vendors[0];
    expect(v.pages).toBe(1);
    expect(v.disclosures).toEqual(['named', 'generic']);
  });

  it('the stored aggregates give the same overview, vendor summary and filter options (issue #5 first screen)', () => {
    const summaries = [A, B, C, D].map(summaryOf);
    const o = overviewOf(aggregatesOf(summaries));
    expect(o.totals).toEqual(m.totals);
    expect(o.urls).toBe(m.urls);
    expect(o.pages).toBe(m.byTime.length);
    expect(o.kinds).toEqual(m.kinds);
    expect(o.vendors).toEqual(m.vendors);
    // Subtracting a page's summary gives the aggregates of the rest.
    const a = aggregatesOf(summaries);
    applySummary(a, summaries[1], -1);
    a.urls -= 1; // the store counts distinct URLs itself (B's URL has no other page)
    expect(a).toEqual(aggregatesOf([summaries[0], summaries[2], summaries[3]]));
    // The first screen's model: those figures and the first rows as given.
    const f = firstScreenModel(
      o,
      m.byFindings.slice(0, 2).map((r) => r.summary),
    );
    expect(f.byFindings.map((r) => r.id)).toEqual(['b', 'a']);
    expect(f.byFindings[0].counts).toEqual(m.byFindings[0].counts);
    expect(f.vendors).toEqual(m.vendors);
  });

  it('handles an empty history', () => {
    const e = buildModel([]);
    expect(e.byFindings).toEqual([]);
    expect(e.vendors).toEqual([]);
    expect(e.totals).toEqual({ high: 0, medium: 0, low: 0, info: 0 });
  });
});

describe('filterRows', () => {
  const rows = buildModel([A, B, C, D].map(summaryOf)).byFindings;
  const ids = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.id);

  it('no filter returns every row in order', () => {
    expect(ids({})).toEqual(['b', 'a', 'd', 'c']);
  });
  it('by finding kind', () => {
    expect(ids({ kind: 'health-context-leak' })).toEqual(['b']);
    expect(ids({ kind: 'pii-leak' })).toEqual([]);
  });
  it('by vendor: trackers and finding vendors', () => {
    expect(ids({ vendor: 'vk-ads' })).toEqual(['b', 'a']);
    expect(ids({ vendor: 'jivo' })).toEqual(['c']);
  });
  it('by disclosure, "unknown" for trackers not assessed', () => {
    expect(ids({ disclosure: 'undisclosed' })).toEqual(['b', 'a']);
    expect(ids({ disclosure: 'named' })).toEqual(['a']);
    expect(ids({ disclosure: 'unknown' })).toEqual(['c']);
  });
  it('by text in the URL or title, case-insensitive, and combined filters', () => {
    expect(ids({ query: 'UROLOG' })).toEqual(['b']);
    expect(ids({ query: 'контакты' })).toEqual(['d']);
    expect(ids({ vendor: 'yandex-metrica', kind: 'undisclosed-tracker' })).toEqual(['a']);
  });
});

describe('previousInMemory', () => {
  it('finds the latest earlier record of the same URL', () => {
    expect(previousInMemory([A, B, C, D], C)?.id).toBe('a');
    expect(previousInMemory([A, B, C, D], A)).toBeNull();
    expect(previousInMemory([A, B, C, D], B)).toBeNull();
  });
});

describe('historyHeader and recordPage', () => {
  const buildReport = (records: HistoryRecord[], meta: Parameters<typeof historyHeader>[0]) => ({
    ...historyHeader(meta),
    pages: records.map(recordPage),
  });
  it('make a valid report.json of the records, with startedAt and the filter', () => {
    const r = buildReport([B, A], {
      extensionVersion: '0.1.0',
      generatedAt: new Date('2026-01-02T03:04:05Z'),
      filter: { ...NO_FILTER, kind: 'pii-leak' },
    });
    expect(ReportSchema.safeParse(r).success).toBe(true);
    expect(r.pages.map((p) => p.url)).toEqual([B.report.url, A.report.url]);
    expect(r.pages[0].startedAt).toBe(new Date(2000).toISOString());
    expect(r.options).toEqual({ source: 'history', filter: { ...NO_FILTER, kind: 'pii-leak' } });
    expect(() => toJson(r)).not.toThrow();
    const plain = buildReport([A], { extensionVersion: '0.1.0', generatedAt: new Date(0) });
    expect(plain.options).toEqual({ source: 'history' });
  });
});

describe('formatting', () => {
  it('formatBytes in Russian and English', () => {
    expect(formatBytes(512, 'ru')).toBe('512 Б');
    expect(formatBytes(1536, 'ru')).toBe('1,5 КБ');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5.0 MB');
  });
  it('exportFileName has no characters a file system rejects', () => {
    const n = exportFileName(new Date('2026-01-02T03:04:05.678Z'), 'csv', 'findings');
    expect(n).toBe('pro-medika-audit-2026-01-02T03-04-05-findings.csv');
  });
});

describe('scale', () => {
  it('builds the model of 10,000 records with every row and bounded vendors', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      auditRecord({
        id: `r${i}`,
        url: `https://pro-medika.ru/p${i % 300}/`,
        time: i,
        trackers: [tracker(`v${i % 40}`, `Vendor ${i % 40}`, 'named')],
        findings: i % 3 === 0 ? [{ kind: 'pii-leak', severity: 'high', vendor: `v${i % 40}`, evidence: {} }] : [],
      }),
    );
    const m = buildModel(many.map(summaryOf));
    expect(m.byFindings).toHaveLength(10_000);
    expect(m.urls).toBe(300);
    expect(m.vendors).toHaveLength(40);
    expect(m.vendors.reduce((s, v) => s + v.pages, 0)).toBe(10_000);
    expect(m.byFindings[0].counts.high).toBe(1);
    expect(m.byFindings[0].time).toBe(9999);
  });
});
