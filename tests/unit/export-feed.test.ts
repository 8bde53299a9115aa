import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FeedPorts, exportResponse, type FragmentReader } from '../../adapters/export-stream';
import { FEED_PIECE, FEED_RING, feedExport } from '../../components/audit/feed';
import type { ExportFile, FileFragment } from '../../policy/history/fragments';
import { ExportChannelMessageSchema, FeedToPageSchema, FeedToWorkerSchema, type ExportJob, type ExportProgress, type ExportResult } from '../../policy/messages';
import { FRAGS, IDS, expected, job, post, reader } from './export-stream-fixtures';

/**
 * Fed exports (issue #5): the audit page writes the file and feeds it through a MessagePort;
 * the worker only hands the pieces to the download and gives their buffers back. Node's
 * MessageChannel transfers ArrayBuffers as the browser does (the sender's copy is detached).
 */

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads a body as Blink's consumer does (readable_stream_bytes_consumer.cc): a chunk is held,
 * used up (copied out, here after a pause now and then) and only then is the next one read. A
 * buffer handed back to the page while its chunk is still held shows as a detached (empty) or
 * overwritten chunk: the lengths or the bytes differ.
 */
async function blinkRead(body: ReadableStream<Uint8Array>, pause?: { ms: number; every: number }): Promise<{ bytes: Uint8Array; chunks: number }> {
  const reader = body.getReader();
  const out: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const len = value.length;
    if (pause && (out.length + 1) % pause.every === 0) await tick(pause.ms);
    // A detached buffer's view reads as empty.
    expect(value.length).toBe(len);
    out.push(value.slice());
  }
  return { bytes: Buffer.concat(out), chunks: out.length };
}

interface Fed {
  res: Response;
  results: ExportResult[];
  beats: ExportProgress[];
  feeder: ReturnType<typeof feedExport>;
}

/** The worker's answer to a fed job, with the page's feeder on the other end of the port. */
async function fed(j: ExportJob, read: FragmentReader, opts: { beatMs?: number; silenceMs?: number } = {}): Promise<Fed> {
  const results: ExportResult[] = [];
  const beats: ExportProgress[] = [];
  const channel = new MessageChannel();
  const ports = new FeedPorts(1000);
  const feeder = feedExport(j, channel.port1, read);
  ports.offer(j.id, channel.port2);
  const res = await exportResponse(post(j), {
    read: () => Promise.reject(new Error('a fed job is not read by the worker')),
    announce: (r) => results.push(r),
    beat: (p) => beats.push(p),
    feedPort: (id) => ports.take(id),
    ...opts,
  });
  return { res, results, beats, feeder };
}

const byId = new Map<string, unknown>(IDS.map((id, i) => [id, FRAGS[i]]));
const split = (file: ExportFile) => new Map<string, unknown>(IDS.map((id, i) => [id, { ...FRAGS[i]!, ...(file === 'json' ? FRAGS[i]!.json : file === 'html' ? { ...FRAGS[i]!.html, row: FRAGS[i]!.row } : FRAGS[i]!.csv[file]) }]));

describe('fed export: the page writes, the worker hands on', () => {
  for (const file of ['json', 'html', 'pages', 'cookies', 'requests', 'findings'] as const) {
    it(`${file}: the same bytes as the exporters, and the page's result announced`, async () => {
      const f = await fed(job(file, { feed: true }), reader(byId, 3));
      const { bytes } = await blinkRead(f.res.body!);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(expected(file));
      await f.feeder.done;
      await tick(5);
      expect(f.results).toHaveLength(1);
      expect(f.results[0]).toMatchObject({ id: `job-${file}`, ok: true, written: IDS.length, skipped: 0, computed: 0, fed: true });
      expect(ExportChannelMessageSchema.safeParse(f.results[0]).success).toBe(true);
    });
  }

  it('a record that is gone is left out and counted, as when the worker writes', async () => {
    const f = await fed(job('json', { feed: true, ids: [...IDS, 'gone'] }), reader(byId, 2));
    await blinkRead(f.res.body!);
    await tick(5);
    expect(f.results[0]).toMatchObject({ ok: true, written: IDS.length, skipped: 1 });
  });
});

describe('fed export: the page\'s ring of buffers', () => {
  /** One-file JSON fragments of 1 MB each: 40 pieces of 1 MB, more than the ring. */
  const big = Array.from({ length: 40 }, (_, i) => {
    const raw = new TextEncoder().encode(`"${String(i % 10).repeat(1024 * 1024 - 2)}"`);
    return { dict: 0, z: deflateSync(raw), n: raw.length } satisfies FileFragment;
  });
  const ids = big.map((_, i) => `b${i}`);
  const bigById = new Map<string, unknown>(ids.map((id, i) => [id, big[i]]));
  let reference: Uint8Array | null = null;
  const plain = async () =>
    (reference ??= new Uint8Array(await (await exportResponse(post(job('json', { ids })), { read: reader(bigById, 1), announce: () => undefined, beat: () => undefined })).arrayBuffer()));

  it('buffers come back once the download has read the piece after theirs, and are written again: the same bytes', async () => {
    for (const pause of [undefined, { ms: 3, every: 3 }, { ms: 15, every: 1 }]) {
      const calls = { batches: 0 };
      const f = await fed(job('json', { feed: true, ids }), reader(bigById, 1, calls));
      const got = await blinkRead(f.res.body!, pause);
      expect(Buffer.from(got.bytes).equals(Buffer.from(await plain()))).toBe(true);
      // 40 MB through the ring's buffers (plus one made when none was free mid-batch).
      expect(got.chunks).toBeGreaterThanOrEqual(40);
      expect(f.feeder.buffers()).toBeLessThanOrEqual(FEED_RING + 2);
      expect(f.feeder.buffers()).toBeLessThan(got.chunks);
      expect(calls.batches).toBe(40);
    }
  });

  it('the page waits for buffers while the download takes nothing, and the worker still beats', async () => {
    const calls = { batches: 0 };
    const f = await fed(job('json', { feed: true, ids }), reader(bigById, 1, calls), { beatMs: 10, silenceMs: 50 });
    await tick(150);
    // Nothing read: the page filled its ring and stopped; no silence failure, since the download holds the page's buffers.
    expect(calls.batches).toBeGreaterThan(0);
    expect(calls.batches).toBeLessThanOrEqual(FEED_RING);
    expect(f.results).toEqual([]);
    expect(f.beats.length).toBeGreaterThanOrEqual(3);
    expect(f.beats.at(-1)!.bytes).toBe(f.beats.at(-2)!.bytes);
    const got = await blinkRead(f.res.body!);
    expect(got.bytes.length).toBe((await plain()).length);
    await tick(5);
    expect(f.results[0]).toMatchObject({ ok: true, written: 40 });
  });

  it('a cancelled download stops the page\'s reading and is announced as failed', async () => {
    const calls = { batches: 0 };
    const f = await fed(job('json', { feed: true, ids }), reader(bigById, 1, calls));
    const body = f.res.body!.getReader();
    await body.read();
    await body.cancel();
    await f.feeder.done;
    expect(calls.batches).toBeLessThan(40);
    expect(f.results).toEqual([{ id: 'job-json', ok: false, error: 'the download was cancelled' }]);
  });
});

describe('fed export: failures', () => {
  it('a page that goes silent while the download waits for bytes fails the download', async () => {
    const results: ExportResult[] = [];
    const channel = new MessageChannel();
    const ports = new FeedPorts(1000);
    ports.offer('job-json', channel.port2);
    const res = await exportResponse(post(job('json', { feed: true })), { read: reader(byId), announce: (r) => results.push(r), beat: () => undefined, beatMs: 10, silenceMs: 40, feedPort: (id) => ports.take(id) });
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false });
    expect((results[0] as { error: string }).error).toMatch(/no word from the audit page/);
    channel.port1.close();
  });

  it('the page\'s failure fails the download with its message', async () => {
    const f = await fed(job('json', { feed: true }), () => Promise.reject(new Error('IndexedDB is gone')));
    await expect(f.res.arrayBuffer()).rejects.toThrow();
    await tick(5);
    expect(f.results).toEqual([{ id: 'job-json', ok: false, error: 'IndexedDB is gone' }]);
  });

  it('something else on the port fails the download and tells the page to stop', async () => {
    const results: ExportResult[] = [];
    const channel = new MessageChannel();
    const ports = new FeedPorts(1000);
    ports.offer('job-json', channel.port2);
    const told: unknown[] = [];
    channel.port1.onmessage = (e) => told.push(e.data);
    const res = await exportResponse(post(job('json', { feed: true })), { read: reader(byId), announce: (r) => results.push(r), beat: () => undefined, feedPort: (id) => ports.take(id) });
    channel.port1.postMessage({ t: 'chunk', buf: 'not bytes', len: 3, records: 0 });
    await expect(res.arrayBuffer()).rejects.toThrow();
    await tick(5);
    expect(results[0]).toMatchObject({ ok: false });
    expect(told).toEqual([{ t: 'cancel', reason: 'the export feed sent something else' }]);
    channel.port1.close();
  });

  it('no port in time: the worker writes the file itself', async () => {
    const results: ExportResult[] = [];
    const ports = new FeedPorts(20);
    const res = await exportResponse(post(job('html', { feed: true })), { read: reader(split('html')), announce: (r) => results.push(r), feedPort: (id) => ports.take(id) });
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe(expected('html'));
    await tick(5);
    expect(results[0]).toMatchObject({ ok: true, written: IDS.length });
    expect(results[0]).not.toHaveProperty('fed');
  });
});

describe('FeedPorts', () => {
  it('hands a port offered before or after the fetch asks, once; an untaken port is closed', async () => {
    const ports = new FeedPorts(30);
    const a = new MessageChannel();
    ports.offer('a', a.port2);
    expect(await ports.take('a')).toBe(a.port2);
    const b = new MessageChannel();
    const waiting = ports.take('b');
    ports.offer('b', b.port2);
    expect(await waiting).toBe(b.port2);
    expect(await ports.take('b')).toBeNull();
    const c = new MessageChannel();
    ports.offer('c', c.port2);
    await tick(60);
    expect(await ports.take('c')).toBeNull();
    for (const ch of [a, b, c]) ch.port1.close();
  });

  it('the port messages are what their schemas accept', () => {
    const buf = new ArrayBuffer(FEED_PIECE);
    expect(FeedToWorkerSchema.safeParse({ t: 'chunk', buf, len: 10, records: 1 }).success).toBe(true);
    expect(FeedToWorkerSchema.safeParse({ t: 'chunk', buf: new Uint8Array(3), len: 3, records: 1 }).success).toBe(false);
    expect(FeedToPageSchema.safeParse({ t: 'free', buf }).success).toBe(true);
    expect(FeedToPageSchema.safeParse({ t: 'free' }).success).toBe(false);
  });
});
