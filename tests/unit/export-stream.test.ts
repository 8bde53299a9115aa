import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { reportHeader } from '../../components/audit/model';
import { contentDisposition, exportResponse, isExportRequest, readJob, type FragmentReader } from '../../adapters/export-stream';
import { csvExporter, htmlExporter, jsonExporter, type CsvPart } from '../../policy/export';
import { EXPORT_FILES as ASSEMBLER_FILES, fragmentAssembler, recordFragments, type ExportFile, type FileFragment, type RecordFragments } from '../../policy/history/fragments';
import { EXPORT_FILES, ExportChannelMessageSchema, ExportJobSchema, type ExportJob, type ExportProgress, type ExportResult } from '../../policy/messages';
import type { ReportPage } from '../../policy/report/schema';

const HEADER = reportHeader({ extensionVersion: '0.1.0', generatedAt: new Date(Date.UTC(2026, 10, 29, 12)) });
const ORIGIN = 'chrome-extension://abcdefghijklmnop';

const PAGES: ReportPage[] = [
  { trackers: 2, cookies: 5, requests: 10 },
  { trackers: 8, cookies: 20, requests: 60 },
  { trackers: 20, cookies: 60, requests: 200, url: 'https://pro-medika.ru/services/urologiya/' },
  { trackers: 1, cookies: 0, requests: 1, title: '<script>alert(1)</script> Урология' },
].map((o) => buildSynthetic(syntheticPage(o)).page);
const FRAGS = PAGES.map((p) => recordFragments(p));
const IDS = PAGES.map((_, i) => `id-${i}`);

/** What the exporters write for the pages (the CSV with the BOM the download carries). */
function expected(file: ExportFile, pages: readonly ReportPage[] = PAGES): string {
  const out: string[] = [];
  if (file === 'json') {
    const x = jsonExporter(HEADER, (c) => out.push(c));
    x.add(pages);
    x.end();
    return out.join('');
  }
  if (file === 'html') {
    const x = htmlExporter(HEADER, (c) => out.push(c));
    x.add(pages);
    return x.end() + out.join('');
  }
  const x = csvExporter({ [file]: (c: string) => out.push(c) } as Partial<Record<CsvPart, (c: string) => void>>);
  x.add(pages);
  x.end();
  return `\ufeff${out.join('')}`;
}

/** A store reader over fragments by id, in batches of `size` (undefined for unknown ids). */
function reader(byId: Map<string, unknown>, size = 2, calls?: { batches: number }): FragmentReader {
  return async (_file, ids, onBatch) => {
    for (let i = 0; i < ids.length; i += size) {
      if (calls) calls.batches += 1;
      await onBatch(ids.slice(i, i + size).map((id) => byId.get(id)));
    }
    return { computed: 0 };
  };
}

function job(file: ExportFile, over: Partial<ExportJob> = {}): ExportJob {
  return { id: `job-${file}`, file, name: `pro-medika-audit-2026-11-29T12-00-00.${file === 'json' ? 'json' : file === 'html' ? 'html' : 'csv'}`, ids: IDS, header: HEADER, ...over };
}

function post(body: unknown, url = `${ORIGIN}/export/x`): Request {
  const form = new FormData();
  form.set('job', typeof body === 'string' ? body : JSON.stringify(body));
  return new Request(url, { method: 'POST', body: form });
}

async function run(j: unknown, read: FragmentReader): Promise<{ res: Response; text: string; results: ExportResult[] }> {
  const results: ExportResult[] = [];
  const res = await exportResponse(post(j), { read, announce: (r) => results.push(r) });
  // Decoded as is: Response.text() would drop the CSV files' BOM.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  // The result is announced right after the stream closes.
  await new Promise((r) => setTimeout(r, 0));
  return { res, text, results };
}

const ALL_FILES: ExportFile[] = ['json', 'html', 'pages', 'cookies', 'requests', 'findings'];

describe('export stream (service worker): heartbeat for the page\'s watchdog', () => {
  it('beats while a slow job runs, counting bytes and records up, and falls silent after the result', async () => {
    const byId = new Map<string, unknown>(IDS.map((id, i) => [id, FRAGS[i]]));
    const slow: FragmentReader = async (_file, ids, onBatch) => {
      for (const id of ids) {
        await new Promise((r) => setTimeout(r, 40));
        await onBatch([byId.get(id)]);
      }
      return { computed: 0 };
    };
    const beats: ExportProgress[] = [];
    const results: ExportResult[] = [];
    const res = await exportResponse(post(job('json')), { read: slow, announce: (r) => results.push(r), beat: (p) => beats.push(p), beatMs: 10 });
    const text = await res.text();
    await new Promise((r) => setTimeout(r, 0));
    expect(text).toBe(expected('json'));
    expect(results).toHaveLength(1);
    expect(beats.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < beats.length; i++) {
      expect(beats[i].bytes).toBeGreaterThanOrEqual(beats[i - 1].bytes);
      expect(beats[i].records).toBeGreaterThanOrEqual(beats[i - 1].records);
    }
    expect(beats.at(-1)!.records).toBeLessThanOrEqual(IDS.length);
    expect(beats.some((b) => b.records > 0 && b.records < IDS.length)).toBe(true);
    const n = beats.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(beats.length).toBe(n);
  });
});

describe('export stream (service worker): the file as the exporters write it', () => {
  it.each(ALL_FILES)('%s: byte-identical from whole records\' fragments, with headers and result', async (file) => {
    const byId = new Map<string, unknown>(IDS.map((id, i) => [id, FRAGS[i]]));
    const { res, text, results } = await run(job(file), reader(byId));
    expect(res.status).toBe(200);
    expect(text).toBe(expected(file));
    expect(res.headers.get('content-disposition')).toBe(contentDisposition(job(file).name));
    expect(res.headers.get('content-type')).toMatch(file === 'json' ? /^application\/json/ : file === 'html' ? /^text\/html/ : /^text\/csv/);
    expect(results).toEqual([{ id: `job-${file}`, ok: true, written: PAGES.length, skipped: 0, computed: 0, ms: expect.objectContaining({ total: expect.any(Number) }) }]);
    const ms = (results[0] as { ms: { read: number; assemble: number; wait: number; total: number } }).ms;
    expect(ms.read + ms.assemble + ms.wait).toBeCloseTo(ms.total, 6);
  });

  it.each(ALL_FILES)('%s: byte-identical from one file\'s stored fragments', async (file) => {
    const one = (f: RecordFragments): FileFragment => ({ dict: f.dict, ...(file === 'json' ? f.json : file === 'html' ? f.html : f.csv[file]), ...(file === 'html' ? { row: f.row } : {}) });
    const byId = new Map<string, unknown>(IDS.map((id, i) => [id, one(FRAGS[i])]));
    const { text } = await run(job(file), reader(byId, 3));
    expect(text).toBe(expected(file));
  });

  it('writes the records in the order of the job, not of the store', async () => {
    const byId = new Map<string, unknown>(IDS.map((id, i) => [id, FRAGS[i]]));
    const order = [3, 0, 2, 1];
    const { text } = await run(job('json', { ids: order.map((i) => IDS[i]) }), reader(byId));
    expect(text).toBe(expected('json', order.map((i) => PAGES[i])));
  });

  it('a record that is gone is left out and counted', async () => {
    const byId = new Map<string, unknown>(IDS.map((id, i) => [id, FRAGS[i]]));
    byId.delete(IDS[1]);
    const rest = PAGES.filter((_, i) => i !== 1);
    for (const file of ['json', 'html', 'findings'] as const) {
      const { text, results } = await run(job(file), reader(byId));
      expect(text).toBe(expected(file, rest));
      expect(results[0]).toMatchObject({ ok: true, written: 3, skipped: 1 });
    }
  });

  it('HTML, head first: a section that does not inflate stays listed and says it is damaged', async () => {
    // Whole in shape (so listed in the head), but its bytes are damaged: it does not inflate to its length.
    const z = FRAGS[2].html.z.slice();
    for (let i = 8; i < z.length; i += 3) z[i] ^= 0x5a;
    const broken: RecordFragments = { ...FRAGS[2], html: { z, n: FRAGS[2].html.n } };
    const byId = new Map<string, unknown>(IDS.map((id, i) => [id, i === 2 ? broken : FRAGS[i]]));
    const { text, results } = await run(job('html'), reader(byId));
    expect(results[0]).toMatchObject({ ok: true, written: 3, skipped: 1 });
    // Four rows in the summary table, four numbered sections, the third one marked damaged.
    expect(text.match(/<section class="page"/g)).toHaveLength(4);
    expect(text).toContain('<section class="page" id="page-3">\n<h2>3. https://pro-medika.ru/services/urologiya/</h2>');
    expect(text).toContain('This page\'s stored report data is damaged');
    expect(text).toContain('<section class="page" id="page-4">\n<h2>4. ');
    expect(text).toContain('Страниц / Pages: 4');
    // Everything but the damaged section is the exporters' text.
    const good = expected('html');
    expect(text.slice(0, text.indexOf('<section class="page" id="page-3">'))).toBe(good.slice(0, good.indexOf('<section class="page" id="page-3">')));
    expect(text.slice(text.indexOf('<section class="page" id="page-4">'))).toBe(good.slice(good.indexOf('<section class="page" id="page-4">')));
  });

  it('HTML, head first: add() must get the very items listed in the head', () => {
    const x = fragmentAssembler('html', HEADER, { headFirst: FRAGS, sink: () => undefined });
    expect(() => x.add([FRAGS[1]])).toThrow(/in order/);
    const y = fragmentAssembler('html', HEADER, { headFirst: FRAGS, sink: () => undefined });
    y.add(FRAGS.slice(0, 2));
    expect(() => y.end()).toThrow(/every item/);
    expect(() => fragmentAssembler('json', HEADER, { headFirst: FRAGS })).toThrow(/HTML/);
  });
});

describe('export stream: refusals are plain messages, never a broken file', () => {
  const read = reader(new Map());
  it('only POST', async () => {
    const res = await exportResponse(new Request(`${ORIGIN}/export/x`), { read, announce: () => undefined });
    expect(res.status).toBe(405);
    expect(await res.text()).toMatch(/posted/);
  });

  it('no job field, or not JSON', async () => {
    const empty = await exportResponse(new Request(`${ORIGIN}/export/x`, { method: 'POST', body: new FormData() }), { read, announce: () => undefined });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/no "job" field/);
    const { res, text } = await run('{not json', read);
    expect(res.status).toBe(400);
    expect(text).toMatch(/not readable/);
  });

  it('an invalid job names what is wrong and is announced to the page that posted it', async () => {
    const { res, text, results } = await run({ ...job('json'), file: 'exe', name: '../../etc/passwd' }, read);
    expect(res.status).toBe(400);
    expect(text).toMatch(/file/);
    expect(text).toMatch(/name: a file name without a path/);
    expect(results).toEqual([{ id: 'job-json', ok: false, error: text }]);
  });

  it('job schema: control characters and path separators are not file names', () => {
    for (const name of ['a/b.json', 'a\\b.json', 'a\u0000.json', 'a\nb.json', '']) expect(ExportJobSchema.safeParse(job('json', { name })).success, name).toBe(false);
    expect(ExportJobSchema.safeParse(job('json', { name: 'отчёт 2026.json' })).success).toBe(true);
  });

  it('the job\'s files are the assembler\'s export files', () => {
    expect([...EXPORT_FILES]).toEqual([...ASSEMBLER_FILES]);
  });

  it('isExportRequest: the worker\'s own origin under /export/ only', () => {
    expect(isExportRequest(new Request(`${ORIGIN}/export/a.json`), ORIGIN)).toBe(true);
    expect(isExportRequest(new Request(`${ORIGIN}/audit.html`), ORIGIN)).toBe(false);
    expect(isExportRequest(new Request('https://pro-medika.ru/export/a.json'), ORIGIN)).toBe(false);
  });

  it('readJob reads a valid job', async () => {
    expect(await readJob(post(job('html')))).toEqual({ job: job('html') });
  });

  it('Content-Disposition keeps an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('отчёт "1".json')).toBe(`attachment; filename="_____ _1_.json"; filename*=UTF-8''${encodeURIComponent('отчёт "1".json')}`);
  });
});

describe('export stream: backpressure and cancel', () => {
  /** One-file JSON fragments of 1 MB each: 40 MB of output, about ten 4 MB chunks, 40 pieces of 1 MB. */
  const big = Array.from({ length: 40 }, (_, i) => {
    const raw = new TextEncoder().encode(`"${String(i % 10).repeat(1024 * 1024 - 2)}"`);
    return { dict: 0, z: deflateSync(raw), n: raw.length } satisfies FileFragment;
  });
  const ids = big.map((_, i) => `b${i}`);
  const byId = new Map<string, unknown>(ids.map((id, i) => [id, big[i]]));

  it('reads ahead of the download by a few chunks only, then writes everything', async () => {
    const calls = { batches: 0 };
    const res = await exportResponse(post(job('json', { ids })), { read: reader(byId, 1, calls), announce: () => undefined });
    const body = res.body!.getReader();
    await new Promise((r) => setTimeout(r, 50));
    // Nobody reads: the producer stopped after filling the queue (a few 1 MB pieces + one batch).
    expect(calls.batches).toBeGreaterThan(0);
    expect(calls.batches).toBeLessThan(25);
    let bytes = 0;
    for (;;) {
      const { done, value } = await body.read();
      if (done) break;
      bytes += value.length;
    }
    expect(calls.batches).toBe(40);
    expect(bytes).toBe(new TextEncoder().encode(jsonHeadOf()).length + 40 * 1024 * 1024 + 39 + 2);
  });

  it('reuses a ring of chunk buffers for a consumer done with each chunk before its next read (Blink\'s), with the same bytes', async () => {
    const fresh = new Uint8Array(await (await exportResponse(post(job('json', { ids })), { read: reader(byId, 1), announce: () => undefined, beat: () => undefined })).arrayBuffer());
    // Batches of 1 MB with a slow consumer now and then: buffers come round again. One batch of
    // 40 MB: forty pieces at once, more than the ring holds, so the later ones are copied fresh.
    // Batches of 12 MB with a consumer that holds every piece a while: the queue runs past the
    // ring while the consumer still holds a chunk.
    for (const { batch, pause, every } of [{ batch: 1, pause: 3, every: 3 }, { batch: 40, pause: 0, every: 1 }, { batch: 12, pause: 15, every: 1 }]) {
      const res = await exportResponse(post(job('json', { ids })), { read: reader(byId, batch), announce: () => undefined, beat: () => undefined, reuseChunks: true });
      const body = res.body!.getReader();
      const copies: Uint8Array[] = [];
      const buffers = new Set<ArrayBufferLike>();
      if (batch > 1) await new Promise((r) => setTimeout(r, 20));
      // Like Blink: a chunk is held and copied out bit by bit until it is used up, and only then
      // is the next one read. Here it is copied out as soon as the next read returns (or the
      // end): before the producer runs again, since it writes into the ring only after it
      // resumes from waiting for room, which that read's pull() only wakes.
      let held: Uint8Array | null = null;
      for (;;) {
        const { done, value } = await body.read();
        if (held) copies.push(held.slice());
        if (done) break;
        held = value;
        buffers.add(value.buffer);
        if (pause && buffers.size % every === 0) await new Promise((r) => setTimeout(r, pause));
      }
      expect(Buffer.concat(copies).equals(Buffer.from(fresh))).toBe(true);
      expect(copies.length).toBeGreaterThan(10);
      // 40 MB in pieces of 1 MB: buffers were written again.
      if (batch === 1) expect(buffers.size).toBeLessThan(copies.length);
    }
  });

  it('beats on a timer while the download takes nothing (a save dialog), and stops when it is cancelled', async () => {
    const beats: ExportProgress[] = [];
    const results: ExportResult[] = [];
    const res = await exportResponse(post(job('json', { ids })), { read: reader(byId, 1), announce: (r) => results.push(r), beat: (p) => beats.push(p), beatMs: 10 });
    const body = res.body!.getReader();
    await new Promise((r) => setTimeout(r, 120));
    // Nothing was taken: the queue is full and the count stands still, but the beats go on.
    expect(beats.length).toBeGreaterThanOrEqual(3);
    const still = beats.at(-1)!;
    expect(still.bytes).toBeGreaterThan(0);
    expect(beats.slice(-2).map((b) => b.bytes)).toEqual([still.bytes, still.bytes]);
    expect(beats.every((b) => b.id === 'job-json' && ExportChannelMessageSchema.safeParse(b).success)).toBe(true);
    await body.cancel();
    await new Promise((r) => setTimeout(r, 30));
    const n = beats.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(beats.length).toBe(n);
    expect(results).toEqual([{ id: 'job-json', ok: false, error: 'the download was cancelled' }]);
  });

  it('a cancelled download stops reading and is announced as failed', async () => {
    const calls = { batches: 0 };
    const results: ExportResult[] = [];
    const res = await exportResponse(post(job('json', { ids })), { read: reader(byId, 1, calls), announce: (r) => results.push(r) });
    const body = res.body!.getReader();
    await body.read();
    await body.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.batches).toBeLessThan(40);
    expect(results).toEqual([{ id: 'job-json', ok: false, error: 'the download was cancelled' }]);
  });
});

function jsonHeadOf(): string {
  const out: string[] = [];
  jsonExporter(HEADER, (c) => out.push(c));
  return out.join('');
}
