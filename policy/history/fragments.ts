import { deflateSync, inflateSync } from 'fflate';
import { CSV_PARTS, csvHead, csvPageRows, type CsvPart } from '../export/csv';
import type { HistoryRecord } from '../export/history-record';
import { HTML_DEFAULT_TITLE, HTML_TAIL, damagedPageHtml, htmlHead, htmlSummaryRow, pageHtml, type HtmlSummaryRow, type SeverityTotals } from '../export/html';
import { JSON_TAIL, jsonHead } from '../export/json';
import type { Report, ReportPage } from '../report/schema';
import { FRAGMENT_DICTIONARY_V1 } from './fragment-dictionary-v1';

/**
 * Precomputed export fragments (issue #5: export of 10,000 history records ≤ 2 s per format).
 *
 * When a page load is written to the history (once, in the background, after the page is idle),
 * recordFragments computes the exact bytes each exporter (policy/export: compact JSON, the four
 * CSV tables, the HTML report) writes for that page, UTF-8 encoded and deflated. An export then
 * only inflates the stored fragments into Blob-sized byte buffers and puts the header, the
 * separators and the footer around them (fragmentAssembler): no zod validation of 280 MB, no
 * re-hydration of shared texts, no re-serialization, no TextEncoder pass over the output.
 * The bytes are identical to the exporters' for the same pages, in the same order
 * (tests/unit/fragments.test.ts, property-tested with hostile strings).
 *
 * What depends on the whole export rather than one page, and is therefore assembled at export
 * time: the JSON header (generatedAt, options) and the "," between pages; each CSV table's
 * header line and the "\r\n" between pages that have rows; the HTML head (title, totals per
 * severity, the pages summary table) and each section's number ("<section … id="page-N">",
 * "<h2>N. "), so a fragment holds the section after its number, and the page's summary-table
 * row is kept as plain data (`row`).
 *
 * Integrity: each fragment records its uncompressed length; it is inflated into an exact-size
 * slot (plus one byte, to notice overflow), and a record whose fragment does not inflate, or
 * inflates to another length, or is not a fragments value at all, is skipped and counted,
 * never written half or wrong. (A length check does not notice every bit flip inside a
 * deflate stream; most damage breaks the stream or its length.)
 *
 * Compression: a preset dictionary per sink (fragment-dictionary-v1.ts, 32 KB each, the tail
 * of what the exporters write for two pipeline-built pages) saves about a quarter of the
 * deflated bytes on replica pages (bench/fragments.ts reports the figure). Each record names
 * the dictionary version it was deflated with (0: none); dictionaries are frozen, so old
 * fragments stay readable when a newer version is added.
 *
 * Pure: no browser API, no IndexedDB (TextEncoder is a JS global in Node and every browser).
 */

/** Layout version of RecordFragments. */
export const FRAGMENTS_FORMAT = 1;

/** A UTF-8 text, deflated (raw DEFLATE, fflate), with its uncompressed length in bytes. */
export interface Fragment {
  /** Deflated bytes; empty when n is 0. */
  z: Uint8Array;
  /** Uncompressed length in bytes. */
  n: number;
}

/** What the HTML head needs of a page: its summary-table row and its findings per severity. */
export interface FragmentRow {
  /** finalUrl || url, as htmlSummaryRow. */
  url: string;
  trackers: number;
  findings: number;
  /** Findings per severity: high, medium, low, info. */
  sev: [number, number, number, number];
}

/** Every export's bytes for one page: the value the history stores next to the record. */
export interface RecordFragments {
  format: typeof FRAGMENTS_FORMAT;
  /** Dictionary version the fragments were deflated with (0: none). */
  dict: number;
  /** JSON.stringify(page): the page in report.json's "pages" array. */
  json: Fragment;
  /** The page's rows per CSV table, "\r\n"-separated, no trailing newline (n 0 when none). */
  csv: Record<CsvPart, Fragment>;
  /** The page's HTML section after its number ("<h2>N. " …), through the "\n" after "</section>". */
  html: Fragment;
  row: FragmentRow;
}

/** Which files an export writes: one JSON, one HTML, or some of the four CSV tables. */
export type FragmentExportFormat = 'json' | 'html' | { csv: CsvPart | 'all' };
export type ExportFile = 'json' | 'html' | CsvPart;

type Sink = 'json' | 'html' | 'csv';

const DICTIONARIES: Record<number, Record<Sink, string>> = { 1: FRAGMENT_DICTIONARY_V1 };

/** The dictionary new fragments are deflated with. */
export const CURRENT_DICTIONARY = 1;

const encoder = new TextEncoder();
const encoded = new Map<number, Record<Sink, Uint8Array>>();

/** The dictionary bytes of a version (null for 0: none); undefined when the version is unknown. */
function dictionary(version: number): Record<Sink, Uint8Array> | null | undefined {
  if (version === 0) return null;
  let d = encoded.get(version);
  if (!d) {
    const src = DICTIONARIES[version];
    if (!src) return undefined;
    d = { json: encoder.encode(src.json), html: encoder.encode(src.html), csv: encoder.encode(src.csv) };
    encoded.set(version, d);
  }
  return d;
}

/** Known dictionary versions (0 is "none"). */
export function dictionaryVersions(): number[] {
  return [0, ...Object.keys(DICTIONARIES).map(Number)];
}

/** Bytes on a plain ArrayBuffer: what a Blob takes. */
export type Bytes = Uint8Array<ArrayBuffer>;

const EMPTY: Bytes = new Uint8Array(0);

function deflateText(text: string, dict: Uint8Array | undefined, level: DeflateLevel): Fragment {
  if (!text) return { z: EMPTY, n: 0 };
  const raw = encoder.encode(text);
  return { z: deflateSync(raw, dict ? { level, dictionary: dict } : { level }), n: raw.length };
}

type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

const sectionPrefix = (n: number) => `<section class="page" id="page-${n}">\n<h2>${n}. `;

/**
 * The page an export writes for a history record: the record's report, with startedAt from the
 * record's time when the page has none. The same as recordPage in components/audit/model.ts
 * (a test holds them equal), here so that the pure engine can compute fragments.
 */
export function exportPage(rec: HistoryRecord): ReportPage {
  return rec.report.startedAt !== undefined ? rec.report : { ...rec.report, startedAt: new Date(rec.time).toISOString() };
}

/**
 * The fragments of one page, for every sink. `page` must be the page exactly as an export
 * would hand it to the exporters, key order included (JSON.stringify follows it): for a history
 * record, exportPage of the record as it reads back from the store (hydrateStored of the stored
 * value), not the record as it came in.
 */
export function recordFragments(page: ReportPage, opts: { dictionary?: number; level?: DeflateLevel } = {}): RecordFragments {
  const version = opts.dictionary ?? CURRENT_DICTIONARY;
  const dict = dictionary(version);
  if (dict === undefined) throw new Error(`unknown fragment dictionary ${version}`);
  const level = opts.level ?? 6;
  const html = `${pageHtml(page, 0, true)}\n`;
  const prefix = sectionPrefix(1);
  if (!html.startsWith(prefix)) throw new Error('pageHtml no longer starts with the section prefix fragments expect');
  const csv = {} as Record<CsvPart, Fragment>;
  for (const part of CSV_PARTS) csv[part] = deflateText(csvPageRows(page, part), dict?.csv, level);
  const sev: FragmentRow['sev'] = [0, 0, 0, 0];
  for (const f of page.findings) sev[SEVERITY_INDEX[f.severity]] += 1;
  const summary = htmlSummaryRow(page);
  return {
    format: FRAGMENTS_FORMAT,
    dict: version,
    json: deflateText(JSON.stringify(page), dict?.json, level),
    csv,
    html: deflateText(html.slice(prefix.length), dict?.html, level),
    row: { url: summary.url, trackers: summary.trackers, findings: summary.findings, sev },
  };
}

const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
const SEVERITY_INDEX: Record<string, number> = { high: 0, medium: 1, low: 2, info: 3 };

/** Bytes a RecordFragments value takes when stored (deflated bytes plus a small overhead for the rest). */
export function fragmentsBytes(f: RecordFragments): number {
  let n = f.json.z.length + f.html.z.length;
  for (const part of CSV_PARTS) n += f.csv[part].z.length;
  return n + 2 * f.row.url.length + 160;
}

/** Uncompressed bytes of all fragments of a record. */
export function fragmentsRawBytes(f: RecordFragments): number {
  let n = f.json.n + f.html.n;
  for (const part of CSV_PARTS) n += f.csv[part].n;
  return n;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** No page's text comes near this; a larger length is damage (and would be a huge allocation). */
const MAX_FRAGMENT = 64 * 1024 * 1024;
/** DEFLATE expands at most about 1032:1 (258-byte matches in 2 bits). */
const MAX_RATIO = 1032;

function isFragment(x: unknown): x is Fragment {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Fragment;
  return f.z instanceof Uint8Array && isCount(f.n) && (f.n === 0) === (f.z.length === 0) && f.n <= MAX_FRAGMENT && f.n <= f.z.length * MAX_RATIO + 258;
}

/**
 * A cheap structural check of a stored value (no zod: it runs 10,000 times per export): the
 * fields an export reads, with the right types. The fragments' contents are checked when inflated.
 */
export function isRecordFragments(x: unknown): x is RecordFragments {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as RecordFragments;
  if (f.format !== FRAGMENTS_FORMAT || !isCount(f.dict) || !isFragment(f.json) || !isFragment(f.html)) return false;
  if (typeof f.csv !== 'object' || f.csv === null || !CSV_PARTS.every((p) => isFragment(f.csv[p]))) return false;
  const r = f.row;
  return typeof r === 'object' && r !== null && typeof r.url === 'string' && isCount(r.trackers) && isCount(r.findings) && Array.isArray(r.sev) && r.sev.length === 4 && r.sev.every(isCount);
}

const CHUNK = 4 * 1024 * 1024;

/**
 * One output file as byte buffers of about CHUNK bytes (Blob parts): fragments are inflated
 * straight into them, so nothing is copied twice. Room for a whole record is reserved before
 * it is written, so a record never straddles two buffers and mark/reset can undo it. With a
 * sink, a full buffer is handed over and then reused (fresh memory costs page faults).
 */
class ByteFile {
  readonly parts: Bytes[] = [];
  private buf: Bytes = EMPTY;
  private pos = 0;
  /** Whether a page has been written (for separators). */
  started = false;

  constructor(private readonly sink?: (chunk: Bytes) => void) {}

  private flush(): void {
    if (this.pos === 0) return;
    if (this.sink) this.sink(this.buf.subarray(0, this.pos));
    else {
      this.parts.push(this.buf.subarray(0, this.pos));
      this.buf = EMPTY;
    }
    this.pos = 0;
  }

  /** Makes room for n more bytes in the current buffer. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(Math.max(CHUNK, n));
  }

  /** Any text, encoded in place; room for it must have been reserved (3 bytes per UTF-16 unit). */
  text(s: string): void {
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Inflates a fragment into reserved room (n + 1 bytes); false (nothing counted) when it is damaged. */
  fragment(f: Fragment, dict: Uint8Array | null): boolean {
    if (f.n === 0) return true;
    // One spare byte: fflate writes at most the slot, so an overlong output shows as n + 1 bytes.
    const slot = this.buf.subarray(this.pos, this.pos + f.n + 1);
    if (slot.length !== f.n + 1) return false;
    let out: Uint8Array;
    try {
      out = dict ? inflateSync(f.z, { out: slot, dictionary: dict }) : inflateSync(f.z, { out: slot });
    } catch {
      return false;
    }
    if (out.length !== f.n) return false;
    if (out.buffer !== slot.buffer || out.byteOffset !== slot.byteOffset) slot.set(out);
    this.pos += f.n;
    return true;
  }

  mark(): { pos: number; started: boolean } {
    return { pos: this.pos, started: this.started };
  }

  reset(m: ReturnType<ByteFile['mark']>): void {
    this.pos = m.pos;
    this.started = m.started;
  }

  end(): Bytes[] {
    this.flush();
    this.buf = EMPTY;
    return this.parts;
  }
}

/** Bytes a text may take in UTF-8 (an upper bound). */
const room = (s: string) => s.length * 3;

/**
 * What an assembler writing `file` takes from an item: a whole record's fragments, or (when
 * it writes that one file) the file's own stored fragment; null when the item is neither.
 */
function pick(item: unknown, file: ExportFile, single: boolean): { dict: number; f: Fragment; row: FragmentRow } | null {
  if (isRecordFragments(item)) return { dict: item.dict, f: file === 'json' ? item.json : file === 'html' ? item.html : item.csv[file], row: item.row };
  if (single && isFileFragment(item, file)) return { dict: item.dict, f: item, row: item.row ?? NO_ROW };
  return null;
}

export interface AssembledExport {
  /**
   * Each file's bytes as Blob parts, in order (CSV: without the BOM the audit page puts first).
   * With a sink: only the HTML file, holding its head, to be placed before everything the sink
   * received for it (as htmlExporter's end() returns its head).
   */
  files: Partial<Record<ExportFile, Bytes[]>>;
  /** Records written. */
  written: number;
  /** Records skipped: not a fragments value, an unknown dictionary, or a fragment that does not inflate to its length. */
  skipped: number;
}

export interface AssembleOptions {
  /** HTML document title (htmlExporter's `title`); the fragments are always the detailed sections. */
  title?: string;
  /**
   * Receives each file's bytes in order, about 4 MB at a time, instead of end() returning them.
   * The chunk is a view of a buffer that is reused after the call: copy it (new Blob([chunk])
   * does). Spares allocating (and faulting in) fresh memory for the whole file.
   */
  sink?: (file: ExportFile, chunk: Bytes) => void;
  /**
   * HTML only, for a file streamed as it is written (the service worker's download, adapters/
   * export-stream.ts): every item of the export, in order, handed over before the first
   * section, so that the head (totals and the pages summary table, which need every page) is
   * written first instead of being returned by end(). add() must then receive exactly these
   * items, in this order. An item that looks whole here but whose section does not inflate is
   * already in the summary table: its section says that its data is damaged (damagedPageHtml),
   * and it is counted as skipped.
   */
  headFirst?: readonly unknown[];
}

/**
 * An export from stored fragments, fed in order as the store reads them (batches of any size),
 * the counterpart of jsonExporter / csvExporter / htmlExporter: end() gives every file's bytes,
 * identical to what those exporters write for the same pages (the HTML with details, its head
 * placed first). `header` is the report header (validated for JSON, as jsonExporter does).
 * Items may be anything read back (undefined for a record that is gone): what is not a valid
 * fragments value is skipped and counted.
 */
export function fragmentAssembler(format: FragmentExportFormat, header: Omit<Report, 'pages'>, opts: AssembleOptions = {}): { add(items: readonly unknown[]): void; end(): AssembledExport } {
  const kind: Sink = format === 'json' || format === 'html' ? format : 'csv';
  const parts: CsvPart[] = typeof format === 'object' ? CSV_PARTS.filter((p) => format.csv === 'all' || format.csv === p) : [];
  // One file: its items may be that file's stored fragments instead of whole records' (pick).
  const single = kind !== 'csv' || parts.length === 1;
  const sink = opts.sink;
  const file = (name: ExportFile) => new ByteFile(sink && ((chunk) => sink(name, chunk)));
  const json = kind === 'json' ? file('json') : null;
  const html = kind === 'html' ? file('html') : null;
  const csv = new Map<CsvPart, ByteFile>(parts.map((p) => [p, file(p)]));
  if (json) {
    const head = jsonHead(header);
    json.reserve(room(head));
    json.text(head);
  }
  for (const [part, f] of csv) {
    const head = csvHead(part);
    f.reserve(room(head));
    f.text(head);
  }
  const rows: HtmlSummaryRow[] = [];
  const counts: SeverityTotals = { high: 0, medium: 0, low: 0, info: 0 };
  let written = 0;
  let skipped = 0;
  const addRow = (row: FragmentRow) => {
    rows.push({ url: row.url, trackers: row.trackers, findings: row.findings, high: row.sev[0] });
    for (let i = 0; i < 4; i++) counts[SEVERITIES[i]] += row.sev[i];
  };
  /** Head first (opts.headFirst): the items in order, and whether each has a row in the head. */
  const planned = opts.headFirst;
  const listed: boolean[] = [];
  let next = 0;
  /** Sections written or marked damaged so far (head first: the section numbers). */
  let sections = 0;
  if (planned) {
    if (!html) throw new Error('headFirst is for the HTML report only');
    for (const item of planned) {
      const x = pick(item, 'html', single);
      const ok = !!x && dictionary(x.dict) !== undefined;
      listed.push(ok);
      if (ok) addRow(x!.row);
    }
    const head = htmlHead(header, rows, counts, opts.title ?? HTML_DEFAULT_TITLE);
    html.reserve(room(head));
    html.text(head);
  }

  const one = (item: unknown): boolean => {
    if (html) {
      if (planned) {
        if (planned[next] !== item) throw new Error('headFirst: add() must receive the items given to headFirst, in order');
        if (!listed[next++]) return false;
        sections += 1;
      }
      const x = pick(item, 'html', single);
      const dicts = x && dictionary(x.dict);
      if (!x || dicts === undefined) return false;
      const n = planned ? sections : rows.length + 1;
      const prefix = sectionPrefix(n);
      html.reserve(room(prefix) + x.f.n + 1);
      const m = html.mark();
      html.text(prefix);
      if (html.fragment(x.f, dicts?.html ?? null)) {
        if (!planned) addRow(x.row);
        return true;
      }
      html.reset(m);
      if (planned) {
        // Already listed in the head: say so in its place rather than leave a gap.
        const text = `${damagedPageHtml(n - 1, x.row.url)}\n`;
        html.reserve(room(text));
        html.text(text);
      }
      return false;
    }
    if (json) {
      const x = pick(item, 'json', single);
      const dicts = x && dictionary(x.dict);
      if (!x || dicts === undefined) return false;
      json.reserve(x.f.n + 2);
      const m = json.mark();
      if (json.started) json.text(',');
      if (!json.fragment(x.f, dicts?.json ?? null)) {
        json.reset(m);
        return false;
      }
      json.started = true;
      return true;
    }
    // CSV: a record goes into every table being written, or into none.
    const picked = parts.map((p) => pick(item, p, single));
    if (picked.some((x) => !x)) return false;
    const dicts = dictionary(picked[0]!.dict);
    if (dicts === undefined) return false;
    parts.forEach((p, i) => {
      if (picked[i]!.f.n) csv.get(p)!.reserve(picked[i]!.f.n + 3);
    });
    const marks = parts.map((p) => csv.get(p)!.mark());
    for (let i = 0; i < parts.length; i++) {
      const f = csv.get(parts[i])!;
      const frag = picked[i]!.f;
      if (frag.n === 0) continue;
      if (f.started) f.text('\r\n');
      if (!f.fragment(frag, dicts?.csv ?? null)) {
        parts.forEach((p, k) => csv.get(p)!.reset(marks[k]));
        return false;
      }
      f.started = true;
    }
    return true;
  };

  return {
    add(items) {
      for (const item of items) {
        if (one(item)) written += 1;
        else skipped += 1;
      }
    },
    end() {
      const files: AssembledExport['files'] = {};
      if (json) {
        json.reserve(room(JSON_TAIL));
        json.text(JSON_TAIL);
        const out = json.end();
        if (!sink) files.json = out;
      }
      if (html) {
        if (planned && next !== planned.length) throw new Error('headFirst: add() did not receive every item given to headFirst');
        html.reserve(room(HTML_TAIL));
        html.text(HTML_TAIL);
        const out = html.end();
        if (planned) files.html = sink ? [] : out;
        else {
          const head = encoder.encode(htmlHead(header, rows, counts, opts.title ?? HTML_DEFAULT_TITLE));
          files.html = sink ? [head] : [head, ...out];
        }
      }
      for (const [part, f] of csv) {
        const out = f.end();
        if (!sink) files[part] = out;
      }
      return { files, written, skipped };
    },
  };
}

/** fragmentAssembler in one call, for fragments already in hand (tests, small exports). */
export function assembleExport(format: FragmentExportFormat, header: Omit<Report, 'pages'>, items: readonly unknown[], opts: AssembleOptions = {}): AssembledExport {
  const x = fragmentAssembler(format, header, opts);
  x.add(items);
  return x.end();
}

// ---------------------------------------------------------------------------------------------
// Per-file fragments (store/db.ts v6, issue #5): an export streams each file on its own (one
// response per file from the service worker), so the store keeps each file's fragments apart
// and an export of report.json reads only the JSON fragments, each CSV table only its own.

/** Every file an export can write, in the order the store lists them. */
export const EXPORT_FILES = ['json', 'html', ...CSV_PARTS] as const satisfies readonly ExportFile[];

/**
 * One record's fragment of one export file, as store/history.ts keeps it (store
 * "export-fragments", next to the record's id) and hands it over to an export. `z`/`n` as in
 * Fragment: a record with no rows in a CSV table has n 0 and an empty z, and is stored all the
 * same, so "no rows in this table" is never mistaken for "no fragments" (which makes the
 * export compute them from the record).
 */
export interface FileFragment {
  /** Dictionary version the fragment was deflated with (0: none), as RecordFragments.dict. */
  dict: number;
  z: Uint8Array;
  n: number;
  /** The page's summary-table row: html only (the HTML head needs every page's). */
  row?: FragmentRow;
}

/** A record's fragments split by export file (the html one carries the row). */
export function splitFragments(f: RecordFragments): Record<ExportFile, FileFragment> {
  const one = (x: Fragment): FileFragment => ({ dict: f.dict, z: x.z, n: x.n });
  return {
    json: one(f.json),
    html: { dict: f.dict, z: f.html.z, n: f.html.n, row: f.row },
    pages: one(f.csv.pages),
    cookies: one(f.csv.cookies),
    requests: one(f.csv.requests),
    findings: one(f.csv.findings),
  };
}

function isFragmentRow(r: unknown): r is FragmentRow {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as FragmentRow;
  return typeof x.url === 'string' && isCount(x.trackers) && isCount(x.findings) && Array.isArray(x.sev) && x.sev.length === 4 && x.sev.every(isCount);
}

/**
 * A cheap structural check of a stored per-file fragment (no zod: an export runs it 10,000
 * times), as isRecordFragments: dict, z and n with the right types and a plausible length;
 * for html also the row. The contents are checked when inflated.
 */
export function isFileFragment(x: unknown, file: ExportFile): x is FileFragment {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as FileFragment;
  return isCount(f.dict) && isFragment(f) && (file !== 'html' || isFragmentRow(f.row));
}

const NO_ROW: FragmentRow = { url: '', trackers: 0, findings: 0, sev: [0, 0, 0, 0] };


/** The FragmentExportFormat of an assembler writing one file. */
export function fileFormat(file: ExportFile): FragmentExportFormat {
  return file === 'json' || file === 'html' ? file : { csv: file };
}
