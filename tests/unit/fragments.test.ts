import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportPageParts } from './report-page-arbitraries';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { recordPage, reportHeader } from '../../components/audit/model';
import { CSV_PARTS, csvExporter, htmlExporter, jsonExporter, type CsvPart } from '../../policy/export';
import type { HistoryRecord } from '../../policy/export/history-record';
import { FRAGMENT_DICTIONARY_V1 } from '../../policy/history/fragment-dictionary-v1';
import {
  assembleExport,
  CURRENT_DICTIONARY,
  dictionaryVersions,
  EXPORT_FILES,
  exportPage,
  fileFormat,
  fragmentAssembler,
  isFileFragment,
  isRecordFragments,
  recordFragments,
  splitFragments,
  type ExportFile,
  type FileFragment,
  type FragmentExportFormat,
  type RecordFragments,
} from '../../policy/history/fragments';
import { hydrateStored, textKey } from '../../policy/history/slim';
import { ReportPageSchema, type Report, type ReportPage } from '../../policy/report/schema';
import { toStored } from '../../store/db';

const HEADER = reportHeader({ extensionVersion: '0.1.0', generatedAt: new Date(Date.UTC(2026, 10, 29, 12)) });

/** What the existing streaming exporters write for `pages` (batches of `batch`), per file. */
function exported(format: FragmentExportFormat, header: Omit<Report, 'pages'>, pages: readonly ReportPage[], batch = 7, title?: string): Partial<Record<ExportFile, string>> {
  const batches: ReportPage[][] = [];
  for (let i = 0; i < pages.length; i += batch) batches.push(pages.slice(i, i + batch));
  if (format === 'json') {
    const out: string[] = [];
    const x = jsonExporter(header, (c) => out.push(c));
    for (const b of batches) x.add(b);
    x.end();
    return { json: out.join('') };
  }
  if (format === 'html') {
    const out: string[] = [];
    const x = htmlExporter(header, (c) => out.push(c), title ? { title } : {});
    for (const b of batches) x.add(b);
    return { html: x.end() + out.join('') };
  }
  const parts = CSV_PARTS.filter((p) => format.csv === 'all' || format.csv === p);
  const out = Object.fromEntries(parts.map((p) => [p, [] as string[]])) as Record<CsvPart, string[]>;
  const x = csvExporter(Object.fromEntries(parts.map((p) => [p, (c: string) => out[p].push(c)])));
  for (const b of batches) x.add(b);
  x.end();
  return Object.fromEntries(parts.map((p) => [p, out[p].join('')]));
}

/** null when the bytes are the UTF-8 of `expected`, else where they first differ. */
function byteDiff(parts: Uint8Array[] | undefined, expected: string | undefined): string | null {
  if (!parts || expected === undefined) return `file missing: ${!parts ? 'assembled' : 'expected'}`;
  const a = Buffer.concat(parts);
  const b = Buffer.from(expected, 'utf8');
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `lengths ${a.length} / ${b.length}, first difference at ${i}: ${JSON.stringify(a.subarray(Math.max(0, i - 40), i + 40).toString())} vs ${JSON.stringify(b.subarray(Math.max(0, i - 40), i + 40).toString())}`;
}

const FORMATS: FragmentExportFormat[] = ['json', 'html', { csv: 'all' }, { csv: 'pages' }, { csv: 'cookies' }, { csv: 'requests' }, { csv: 'findings' }];

function expectSame(pages: readonly ReportPage[], frags: readonly unknown[], opts: { batch?: number; dictionary?: number } = {}): void {
  for (const format of FORMATS) {
    const want = exported(format, HEADER, pages, opts.batch ?? 7);
    const x = fragmentAssembler(format, HEADER);
    const step = Math.max(1, (opts.batch ?? 7) - 2);
    for (let i = 0; i < frags.length; i += step) x.add(frags.slice(i, i + step));
    const got = x.end();
    expect(Object.keys(got.files).sort()).toEqual(Object.keys(want).sort());
    for (const f of Object.keys(want) as ExportFile[]) expect(byteDiff(got.files[f], want[f]), `${JSON.stringify(format)} ${f}`).toBeNull();
  }
}

// --- Pages -----------------------------------------------------------------------------------

/** Pages built by the real pipeline (inventory, policy mapping, findings) from synthetic observations. */
const PIPELINE_PAGES: ReportPage[] = [
  { trackers: 2, cookies: 5, requests: 10 },
  { trackers: 8, cookies: 20, requests: 60 },
  { trackers: 20, cookies: 60, requests: 200, url: 'https://pro-medika.ru/services/urologiya/' },
].map((o) => buildSynthetic(syntheticPage(o)).page);

const XSS = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>', "'><iframe src=javascript:alert(4)>"];

function hostilePage(i: number): ReportPage {
  const x = XSS[i % XSS.length];
  return {
    url: `https://pro-medika.ru/?q=${x}`,
    finalUrl: i % 2 ? '' : `https://pro-medika.ru/${x}`,
    title: `Урология ${x}`,
    ...(i % 3 ? { startedAt: '2025-06-01T10:00:00.000Z' } : {}),
    requestCount: 3,
    trackers: [{ vendor: 'yandex-metrica', name: `Metrica ${x}`, category: 'analytics', hosts: [`mc.yandex.ru${x}`], requests: 2, cookies: [`_ym_uid${x}`], storage: [x], features: ['webvisor'], purposes: [], quotes: [x], disclosure: 'undisclosed' }],
    cookies: [{ name: `c${x}, "q"\r\n`, domain: `.pro-medika.ru${x}`, path: '/', firstParty: true, httpOnly: false, secure: true, sameSite: 'lax', expires: x, session: false, partitioned: false, size: 10, vendor: x, purposes: ['=HYPERLINK("x")'] }],
    storage: [{ area: 'local', key: `key${x}`, vendor: null, purposes: [] }],
    thirdParties: i % 2 ? [] : [{ host: `evil${x}.example`, site: 'example', vendor: null, requests: 1, types: ['image'], likelyTracking: true, reasons: [x], setCookie: false }],
    findings: [
      { kind: 'pii-leak', severity: 'high', vendor: x, clause: 'transfer.third-parties', evidence: { url: `https://t.example/?v=${x}`, field: x, nested: { a: x } }, title: { ru: x, en: x } },
      { kind: `=cmd|' /C calc'!A0`, severity: 'info', evidence: { value: '-2+3', list: ['a', 1, { b: '@c' }] } },
    ],
    ...(i % 2 ? { error: `+${x}` } : {}),
  };
}

/** Strings a page may carry: anything, and the ones that exercise each exporter's escaping. */
const HOSTILE = ['<', '>', '&', '"', "'", '`', ',', ';', '\r\n', '\n', '\r', '\t', ' ', '=', '+', '-', '@', '=1+2', '-2+3', '@SUM(A1)', '\ttab', '\rcr', ' lead', 'trail ', 'ё', 'Ж', '😀', '\u2028', '\u0000', '\ud800', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'a,"b"'];
const str = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { maxLength: 4 }).map((xs) => xs.join('')) },
);
const { tracker, finding, cookie, storage, thirdParty } = reportPageParts({ str, jsonDepth: 2 });
const page = fc
  .record(
    {
      url: str,
      finalUrl: str,
      title: str,
      startedAt: str,
      requestCount: fc.nat(1000),
      trackers: fc.array(tracker, { maxLength: 3 }),
      cookies: fc.array(cookie, { maxLength: 4 }),
      storage: fc.array(storage, { maxLength: 3 }),
      thirdParties: fc.array(thirdParty, { maxLength: 3 }),
      policy: fc.record({ version: str, changed: fc.option(fc.boolean()), summary: str }, { requiredKeys: ['version', 'changed'] }),
      findings: fc.array(finding, { maxLength: 4 }),
      error: str,
    },
    { requiredKeys: ['url', 'finalUrl', 'title', 'trackers', 'cookies', 'storage', 'thirdParties'] },
  )
  .map((p) => ReportPageSchema.parse(p));

/** A history record of `page`, as the store writes it and reads it back (slim record, texts put back). */
function readBack(page: ReportPage, i: number): HistoryRecord {
  const rec: HistoryRecord = { id: `r${i}`, pageId: `r${i}`, url: page.url, time: Date.UTC(2026, 10, 1) + i * 60_000, policyVersion: 'v', bytes: 0, report: page };
  const { stored, slim } = toStored(rec, 0, () => undefined);
  const back = hydrateStored(structuredClone(stored), (k) => slim.table.get(k));
  if (!back) throw new Error('does not read back');
  return back;
}

// --- Tests -----------------------------------------------------------------------------------

describe('export fragments: byte-identical to the exporters', () => {
  it('pipeline and hostile pages, every format, with and without the dictionary', () => {
    const pages = [...PIPELINE_PAGES, ...[0, 1, 2, 3, 4, 5].map(hostilePage), ...PIPELINE_PAGES].map((p) => ReportPageSchema.parse(p));
    for (const dictionary of dictionaryVersions()) {
      const frags = pages.map((p) => recordFragments(p, { dictionary }));
      expect(frags.every((f) => f.dict === dictionary)).toBe(true);
      expectSame(pages, frags, { batch: 4 });
    }
  });

  it('history records as the store reads them back (exportPage of hydrateStored), order of the export', () => {
    const records = [...PIPELINE_PAGES, hostilePage(0), hostilePage(1)].map(readBack);
    const pages = records.map(recordPage);
    // The export's order (the list's sort or filter), not the write order: fragments do not depend on position.
    const frags = records.map((r) => recordFragments(exportPage(r)));
    const order = [4, 0, 3, 3, 1, 2];
    expectSame(
      order.map((i) => pages[i]),
      order.map((i) => frags[i]),
    );
  });

  it('exportPage is the audit page\'s recordPage', () => {
    for (const r of [...PIPELINE_PAGES, hostilePage(0), hostilePage(1)].map(readBack)) expect(exportPage(r)).toEqual(recordPage(r));
  });

  it('any page with hostile strings (property)', () => {
    fc.assert(
      fc.property(fc.array(page, { maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (pages, batch) => {
        expectSame(pages, pages.map((p) => recordFragments(p)), { batch });
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('no pages: header and footer only', () => {
    expectSame([], []);
  });

  it('crosses the 4 MB buffers (Blob parts) without a seam', () => {
    const big = PIPELINE_PAGES[2];
    const pages = Array.from({ length: 120 }, (_, i) => ({ ...big, url: `${big.url}?v=${i}` }));
    const frags = pages.map((p) => recordFragments(p));
    const got = assembleExport('json', HEADER, frags);
    expect(got.files.json!.length).toBeGreaterThan(1);
    expect(byteDiff(got.files.json, exported('json', HEADER, pages).json)).toBeNull();
  }, 60_000);

  it('with a sink that reuses its buffer: the same bytes, the HTML head returned to go first', () => {
    const big = PIPELINE_PAGES[2];
    const pages = [...Array.from({ length: 90 }, (_, i) => ({ ...big, url: `${big.url}?v=${i}` })), hostilePage(0)];
    const frags = pages.map((p) => recordFragments(p));
    for (const format of ['json', 'html', { csv: 'all' }] as FragmentExportFormat[]) {
      const got: Partial<Record<ExportFile, Uint8Array[]>> = {};
      // Copy: the chunk's buffer is reused after the call.
      const r = assembleExport(format, HEADER, frags, { sink: (f, chunk) => (got[f] ??= []).push(Uint8Array.from(chunk)) });
      if (format === 'html') got.html = [...r.files.html!, ...got.html!];
      else expect(r.files).toEqual({});
      const want = exported(format, HEADER, pages);
      for (const f of Object.keys(want) as ExportFile[]) expect(byteDiff(got[f], want[f]), `${JSON.stringify(format)} ${f}`).toBeNull();
      if (format === 'json') expect(got.json!.length).toBeGreaterThan(1);
    }
  }, 60_000);

  it('the HTML title option is the exporter\'s', () => {
    const pages = PIPELINE_PAGES;
    const got = assembleExport('html', HEADER, pages.map((p) => recordFragments(p)), { title: 'Аудит <b>' });
    expect(byteDiff(got.files.html, exported('html', HEADER, pages, 7, 'Аудит <b>').html)).toBeNull();
  });
});

describe('export fragments: damaged fragments are skipped and counted, never written wrong', () => {
  const pages = [...PIPELINE_PAGES, hostilePage(0), hostilePage(1)].map((p) => ReportPageSchema.parse(p));
  const fresh = () => pages.map((p) => recordFragments(p));

  type Damage = (f: RecordFragments) => unknown;
  const inAll = (fn: (x: RecordFragments['json']) => RecordFragments['json']): Damage => (f) => ({
    ...f,
    json: fn(f.json),
    html: fn(f.html),
    csv: Object.fromEntries(CSV_PARTS.map((p) => [p, f.csv[p].n ? fn(f.csv[p]) : f.csv[p]])),
  });
  const damages: [string, Damage][] = [
    ['truncated stream', inAll((x) => ({ ...x, z: x.z.subarray(0, x.z.length >> 1) }))],
    ['length one short', inAll((x) => ({ ...x, n: x.n - 1 }))],
    ['length one long', inAll((x) => ({ ...x, n: x.n + 1 }))],
    ['garbage bytes', inAll((x) => ({ ...x, z: new Uint8Array(x.z.length).fill(0xff) }))],
    ['unknown dictionary', (f) => ({ ...f, dict: 99 })],
    ['wrong dictionary', (f) => ({ ...f, dict: 0 })],
    ['not a fragments value', () => ({ format: 1 })],
    ['an impossible length', inAll((x) => ({ ...x, n: 2 ** 40 }))],
    ['a record that is gone', () => undefined],
  ];

  for (const [name, damage] of damages) {
    it(name, () => {
      const frags: unknown[] = fresh();
      const bad = 3;
      frags[bad] = damage(frags[bad] as RecordFragments);
      const rest = pages.filter((_, i) => i !== bad);
      for (const format of FORMATS) {
        const got = assembleExport(format, HEADER, frags);
        const want = exported(format, HEADER, rest);
        expect(got.skipped, JSON.stringify(format)).toBe(1);
        expect(got.written).toBe(pages.length - 1);
        for (const f of Object.keys(want) as ExportFile[]) expect(byteDiff(got.files[f], want[f]), `${JSON.stringify(format)} ${f}`).toBeNull();
      }
    });
  }

  it('a CSV record with one damaged table is left out of every table written', () => {
    const frags = fresh();
    const bad = 2;
    frags[bad] = { ...frags[bad], csv: { ...frags[bad].csv, findings: { ...frags[bad].csv.findings, n: frags[bad].csv.findings.n + 5 } } };
    const got = assembleExport({ csv: 'all' }, HEADER, frags);
    expect(got.skipped).toBe(1);
    const want = exported({ csv: 'all' }, HEADER, pages.filter((_, i) => i !== bad));
    for (const part of CSV_PARTS) expect(byteDiff(got.files[part], want[part]), part).toBeNull();
    // A table that does not include the damaged one still has the record.
    const pagesOnly = assembleExport({ csv: 'pages' }, HEADER, frags);
    expect(pagesOnly.skipped).toBe(0);
    expect(byteDiff(pagesOnly.files.pages, exported({ csv: 'pages' }, HEADER, pages).pages)).toBeNull();
  });

  it('a damaged fragment that made room in a new 4 MB buffer is undone', () => {
    const big = PIPELINE_PAGES[2];
    const many = Array.from({ length: 100 }, (_, i) => ({ ...big, url: `${big.url}?v=${i}` }));
    const frags: unknown[] = many.map((p) => recordFragments(p));
    const f = frags[60] as RecordFragments;
    // Plausible for its deflated size, larger than a buffer: room is made (a new buffer), then undone.
    const n = Math.min(6 * 1024 * 1024, f.json.z.length * 1000);
    expect(n).toBeGreaterThan(4 * 1024 * 1024);
    frags[60] = { ...f, json: { z: f.json.z, n } };
    const got = assembleExport('json', HEADER, frags);
    expect(got.skipped).toBe(1);
    expect(byteDiff(got.files.json, exported('json', HEADER, many.filter((_, i) => i !== 60)).json)).toBeNull();
  }, 60_000);

  it('isRecordFragments accepts what recordFragments makes, after a structured clone (IndexedDB)', () => {
    for (const f of fresh()) expect(isRecordFragments(structuredClone(f))).toBe(true);
    expect(isRecordFragments({ ...fresh()[0], row: { url: 'x', trackers: 1, findings: 1, sev: [1, 2, 3] } })).toBe(false);
    expect(isRecordFragments(null)).toBe(false);
  });
});

describe('export fragment dictionaries', () => {
  it('v1 is frozen: stored fragments are inflated with exactly these bytes', () => {
    // A changed dictionary makes every fragment deflated with it unreadable: add a version instead.
    expect(CURRENT_DICTIONARY).toBe(1);
    const pin = (t: string) => `${textKey(t)}/${Buffer.byteLength(t)}`;
    expect({ json: pin(FRAGMENT_DICTIONARY_V1.json), html: pin(FRAGMENT_DICTIONARY_V1.html), csv: pin(FRAGMENT_DICTIONARY_V1.csv) }).toEqual({
      json: 'sz5y7ea7gmf/32768',
      html: 'skha5m09bqo/32768',
      csv: 's4ec64s78re/32768',
    });
  });

  it('an unknown dictionary cannot be written', () => {
    expect(() => recordFragments(PIPELINE_PAGES[0], { dictionary: 99 })).toThrow();
  });

  it('the dictionary makes fragments smaller', () => {
    const size = (f: RecordFragments) => f.json.z.length + f.html.z.length + CSV_PARTS.reduce((n, p) => n + f.csv[p].z.length, 0);
    for (const p of PIPELINE_PAGES) expect(size(recordFragments(p))).toBeLessThan(size(recordFragments(p, { dictionary: 0 })));
  });
});

// Store v6 (issue #5): each export file's fragments stored and read on their own.
describe('per-file export fragments', () => {
  const pages = [...PIPELINE_PAGES, hostilePage(0), hostilePage(1)].map((p) => ReportPageSchema.parse(p));
  /** No cookies, storage, requests to third parties or findings: empty CSV tables. */
  const bare = ReportPageSchema.parse({ url: 'https://pro-medika.ru/', finalUrl: 'https://pro-medika.ru/', title: 'Главная', requestCount: 1, trackers: [], cookies: [], storage: [], thirdParties: [], findings: [] });

  /** One file assembled from its per-file fragments, as the audit page's bridge does. */
  const assembleFile = (file: ExportFile, items: readonly (FileFragment | undefined)[], batch = 3) => {
    const x = fragmentAssembler(fileFormat(file), HEADER);
    for (let i = 0; i < items.length; i += batch) x.add(items.slice(i, i + batch));
    return x.end();
  };

  it('EXPORT_FILES: JSON, HTML and the four CSV tables', () => {
    expect(EXPORT_FILES).toEqual(['json', 'html', ...CSV_PARTS]);
    for (const file of EXPORT_FILES) expect(Object.keys(exported(fileFormat(file), HEADER, []))).toEqual([file]);
  });

  it('splitFragments keeps each file\'s bytes and dictionary; only html carries the row', () => {
    for (const p of [...pages, bare]) {
      for (const dictionary of [0, CURRENT_DICTIONARY]) {
        const f = recordFragments(p, { dictionary });
        const split = splitFragments(f);
        expect(Object.keys(split).sort()).toEqual([...EXPORT_FILES].sort());
        expect(split.json).toEqual({ dict: dictionary, z: f.json.z, n: f.json.n });
        expect(split.html).toEqual({ dict: dictionary, z: f.html.z, n: f.html.n, row: f.row });
        for (const part of CSV_PARTS) expect(split[part]).toEqual({ dict: dictionary, z: f.csv[part].z, n: f.csv[part].n });
        for (const file of EXPORT_FILES) {
          expect('row' in split[file]).toBe(file === 'html');
          // As IndexedDB hands it back.
          expect(isFileFragment(structuredClone(split[file]), file)).toBe(true);
        }
      }
    }
  });

  it('an empty CSV table is a fragment with n 0, which writes nothing but is not a missing one', () => {
    const split = splitFragments(recordFragments(bare));
    for (const part of ['cookies', 'requests', 'findings'] as const) {
      expect(split[part]).toMatchObject({ n: 0, z: new Uint8Array(0) });
      expect(isFileFragment(split[part], part)).toBe(true);
      const got = assembleFile(part, [split[part]]);
      expect([got.written, got.skipped]).toEqual([1, 0]);
      expect(byteDiff(got.files[part], exported({ csv: part }, HEADER, [bare])[part])).toBeNull();
    }
  });

  it('each file assembled from its own fragments equals the exporters\' file (property, hostile strings)', () => {
    fc.assert(
      fc.property(fc.array(page, { maxLength: 5 }), fc.integer({ min: 1, max: 4 }), (ps, batch) => {
        const split = ps.map((p) => splitFragments(recordFragments(p)));
        for (const file of EXPORT_FILES) {
          const got = assembleFile(file, split.map((s) => s[file]), batch);
          expect(byteDiff(got.files[file], exported(fileFormat(file), HEADER, ps)[file]), file).toBeNull();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('pipeline, hostile and bare pages, file by file, with a gone record skipped and counted', () => {
    const all = [...pages, bare];
    const split = all.map((p) => splitFragments(recordFragments(p)));
    for (const file of EXPORT_FILES) {
      const got = assembleFile(file, [undefined, ...split.map((s) => s[file])]);
      expect(got.skipped).toBe(1);
      expect(byteDiff(got.files[file], exported(fileFormat(file), HEADER, all)[file]), file).toBeNull();
    }
  });

  it('a damaged per-file fragment skips its record in that file only, counted', () => {
    const split = pages.map((p) => splitFragments(recordFragments(p)));
    for (const file of EXPORT_FILES) {
      const items = split.map((s) => s[file]);
      const bad = items.findIndex((f) => f.n > 0);
      items[bad] = { ...items[bad], n: items[bad].n + 1 };
      const got = assembleFile(file, items);
      expect(got.skipped, file).toBe(1);
      expect(byteDiff(got.files[file], exported(fileFormat(file), HEADER, pages.filter((_, i) => i !== bad))[file]), file).toBeNull();
    }
  });

  it('isFileFragment checks the structure (the row for html), not the contents', () => {
    const split = splitFragments(recordFragments(PIPELINE_PAGES[1]));
    const { row: _row, ...noRow } = split.html;
    const bad: [unknown, ExportFile][] = [
      [null, 'json'],
      ['x', 'json'],
      [{ ...split.json, dict: -1 }, 'json'],
      [{ ...split.json, dict: undefined }, 'json'],
      [{ ...split.json, n: -1 }, 'json'],
      [{ ...split.json, n: 1.5 }, 'json'],
      [{ ...split.json, z: Array.from(split.json.z) }, 'json'],
      [{ ...split.json, z: new Uint8Array(0) }, 'json'],
      [{ ...split.pages, n: 0 }, 'pages'],
      [{ ...split.json, n: split.json.z.length * 2000 }, 'json'],
      [noRow, 'html'],
      [{ ...split.html, row: { ...split.html.row, sev: [1, 2, 3] } }, 'html'],
      [{ ...split.html, row: { ...split.html.row, url: 5 } }, 'html'],
    ];
    for (const [x, file] of bad) expect(isFileFragment(x, file), JSON.stringify(x)).toBe(false);
    // Contents are checked when inflated; another file's fragment passes for the structure.
    expect(isFileFragment({ ...split.json, z: new Uint8Array(split.json.z.length).fill(0xff) }, 'json')).toBe(true);
    expect(isFileFragment(noRow, 'json')).toBe(true);
    expect(isFileFragment(split.html, 'cookies')).toBe(true);
  });

  it('an assembler of one file takes that file\'s stored fragments; of several CSV tables, only whole records', () => {
    const f = recordFragments(PIPELINE_PAGES[0]);
    const split = splitFragments(f);
    for (const file of EXPORT_FILES) {
      const one = assembleExport(fileFormat(file), HEADER, [split[file]]);
      expect(one).toMatchObject({ written: 1, skipped: 0 });
      expect(byteDiff(one.files[file], exported(fileFormat(file), HEADER, [PIPELINE_PAGES[0]])[file]), file).toBeNull();
    }
    // The HTML needs the row (its summary table), and a table's fragment is no whole record.
    const { row: _row, ...noRow } = split.html;
    expect(assembleExport('html', HEADER, [noRow])).toMatchObject({ written: 0, skipped: 1 });
    expect(assembleExport({ csv: 'all' }, HEADER, [split.pages])).toMatchObject({ written: 0, skipped: 1 });
  });
});
