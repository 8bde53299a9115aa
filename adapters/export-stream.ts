import { fileFormat, fragmentAssembler, type Bytes, type ExportFile } from '@/policy/history/fragments';
import { EXPORT_BEAT_MS, EXPORT_CHANNEL, EXPORT_PATH, EXPORT_SILENCE_MS, ExportJobSchema, FeedToWorkerSchema, type FeedToPage, type ExportChannelMessage, type ExportJob, type ExportProgress, type ExportResult } from '@/policy/messages';

/**
 * An export streamed as a download by the service worker (issue #5: export of 10,000 history
 * records <= 2 s per format). The audit page posts a job (policy/messages.ts ExportJobSchema)
 * as a form into a hidden frame; the worker's fetch handler answers that navigation with the
 * file (Content-Disposition: attachment), so Chromium's download manager writes it to disk
 * while it is being read and assembled here. Before, the page assembled the whole file into
 * Blobs first (measured 2026-11-29: about 60 ms per 4 MB of Blob on these 2-core machines,
 * 3.7 s of a 249 MB JSON export) and the download started only at the end.
 *
 * Backpressure: the assembler's chunks of about 4 MB go to the stream in pieces of PIECE (1 MB);
 * between batches of records the producer waits until at most LOW_WATER pieces are still queued
 * for the download manager. The HTML report needs
 * every page's summary row before its first section (the summary table comes first), so its
 * fragments are all read before writing starts (fragmentAssembler headFirst).
 *
 * Works on plain Request/Response/ReadableStream/BroadcastChannel (Node 20 has them all), so
 * tests run it without a browser; the fragments come through `read` (store/history.ts).
 */
export type FragmentReader = (file: ExportFile, ids: readonly string[], onBatch: (items: unknown[]) => void | Promise<void>) => Promise<{ computed: number }>;

export interface ExportStreamDeps {
  read: FragmentReader;
  /** Where the result is announced (default: a BroadcastChannel EXPORT_CHANNEL). */
  announce?(result: ExportResult): void;
  /** Where the job's heartbeat goes while it runs (default: the same channel; see ExportProgressSchema). */
  beat?(progress: ExportProgress): void;
  /** Between beats, in ms (default EXPORT_BEAT_MS). */
  beatMs?: number;
  /**
   * Write chunks through a ring of RING reused buffers instead of a fresh copy each (what the
   * service worker does in Chromium). A fresh copy is fresh memory: first touching 250 MB of
   * it took 1.3 s of the worker's 5.7 s JSON export (CPU profile of the worker, 2026-11-30;
   * with one reused buffer the copying took 19 ms). Only for a consumer that is done with a
   * chunk before it reads the next one: Blink's ReadableStreamBytesConsumer, which feeds a
   * Response body to the network side, holds one chunk (pending_buffer_), copies it into a
   * data pipe, and reads the next only when that one is used up
   * (third_party/blink/renderer/core/fetch/readable_stream_bytes_consumer.cc, BeginRead). A
   * consumer that keeps chunks (Node's Response.arrayBuffer) needs the default, fresh copies.
   */
  reuseChunks?: boolean;
  /** A fed job's port from the page (FeedPorts.take), or null when none came in time. */
  feedPort?(id: string): Promise<MessagePort | null>;
  /** A fed export fails after this long without a word from the page (default EXPORT_SILENCE_MS). */
  silenceMs?: number;
}

/** Pieces the stream is handed, and the stream's high-water mark in pieces. */
const PIECE = 1024 * 1024;
const HIGH_WATER = 8;
/** The producer reads the next batch once at most LOW_WATER pieces are still queued. */
const LOW_WATER = 3;
/**
 * Ring size, in pieces: a buffer is written again only once the consumer has read the piece
 * after the one it held (so it is done with it). A batch starts with at most LOW_WATER pieces
 * queued and adds up to about 5 (200 records of JSON), and the consumer holds one more: 12
 * leaves room. When a buffer is not free yet, the piece is copied fresh instead: never waited
 * for. 1 MB pieces rather than 4 MB chunks, because the ring itself is fresh memory at first,
 * and each of a CSV export's four files has its own (measured 2026-11-30: copying into the
 * ring took 0.55 s of a CSV export's worker time with six 4 MB buffers per file, 0.23 s with
 * twelve 1 MB ones).
 */
const RING = 12;
const MIME: Record<ExportFile, string> = {
  json: 'application/json',
  html: 'text/html;charset=utf-8',
  pages: 'text/csv;charset=utf-8',
  cookies: 'text/csv;charset=utf-8',
  requests: 'text/csv;charset=utf-8',
  findings: 'text/csv;charset=utf-8',
};
/** Spreadsheet programs read a CSV's Cyrillic text as UTF-8 only after a BOM. */
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Whether a request is an export job for this worker (same origin, under EXPORT_PATH). */
export function isExportRequest(request: Request, origin: string): boolean {
  // By prefix: URL.origin of a chrome-extension: URL is "null" outside Chromium.
  return request.url.startsWith(`${origin}${EXPORT_PATH}`);
}

function broadcast(message: ExportChannelMessage): void {
  const channel = new BroadcastChannel(EXPORT_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

/** A plain-text answer that the page's frame shows (and the page reads) instead of a download. */
function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain;charset=utf-8', 'cache-control': 'no-store' } });
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Reads and validates the posted job; a message for the user when it is not one. */
export async function readJob(request: Request): Promise<{ job: ExportJob } | { error: string; id?: string }> {
  if (request.method !== 'POST') return { error: `an export is posted, not fetched with ${request.method}` };
  let raw: unknown;
  try {
    const field = (await request.formData()).get('job');
    if (typeof field !== 'string') return { error: 'the request has no "job" field' };
    raw = JSON.parse(field);
  } catch (e) {
    return { error: `the export job is not readable: ${String((e as Error)?.message ?? e)}` };
  }
  const parsed = ExportJobSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return { error: `the export job is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(job)'}: ${i.message}`).join('; ')}`, id: typeof id === 'string' ? id : undefined };
  }
  return { job: parsed.data };
}

export interface WriteJobDeps {
  read: FragmentReader;
  /** Takes the file's bytes in order; the chunk's buffer is reused after the call. */
  sink(chunk: Bytes): void;
  /** Waits until the download has taken enough of what was handed over (backpressure). */
  drain(): Promise<void>;
  cancelled(): boolean;
  /** Bytes handed over and records written so far, after each batch. */
  progress?(bytes: number, records: number): void;
}

/**
 * Writes one file of an export job from its stored fragments, in batches, to `sink` (where the
 * worker writes it, or the audit page for a fed export): the BOM of a CSV table, then the
 * assembler's bytes. Returns the counts and where the time went: inflating and framing,
 * waiting for the download (drain), and the rest (reading).
 */
export async function writeJob(job: ExportJob, deps: WriteJobDeps): Promise<Omit<Extract<ExportResult, { ok: true }>, 'id' | 'ok'> & { ms: { read: number; assemble: number; wait: number; total: number } }> {
  let bytes = 0;
  let records = 0;
  const sink = (_file: ExportFile, chunk: Bytes) => {
    if (deps.cancelled()) return;
    deps.sink(chunk);
    bytes += chunk.length;
  };
  const t0 = performance.now();
  let assembling = 0;
  let waiting = 0;
  const add = (x: ReturnType<typeof fragmentAssembler>, items: readonly unknown[]) => {
    const t = performance.now();
    x.add(items);
    assembling += performance.now() - t;
    records += items.length;
    deps.progress?.(bytes, records);
  };
  const drain = async () => {
    const t = performance.now();
    await deps.drain();
    waiting += performance.now() - t;
  };
  if (job.file !== 'json' && job.file !== 'html') sink(job.file, BOM);
  const format = fileFormat(job.file);
  let computed = 0;
  let x: ReturnType<typeof fragmentAssembler>;
  if (job.file === 'html') {
    // Every page's summary row goes first: read all, then write.
    const items: unknown[] = [];
    computed = (await deps.read(job.file, job.ids, (batch) => void items.push(...batch))).computed;
    x = fragmentAssembler(format, job.header, { sink, title: job.title, headFirst: items });
    for (let i = 0; i < items.length && !deps.cancelled(); i += 200) {
      add(x, items.slice(i, i + 200));
      await drain();
    }
    if (deps.cancelled()) throw new Error('the download was cancelled');
  } else {
    x = fragmentAssembler(format, job.header, { sink, title: job.title });
    computed = (
      await deps.read(job.file, job.ids, async (batch) => {
        if (deps.cancelled()) throw new Error('the download was cancelled');
        add(x, batch);
        await drain();
      })
    ).computed;
  }
  const done = x.end();
  deps.progress?.(bytes, records);
  const total = performance.now() - t0;
  return { written: done.written, skipped: done.skipped, computed, ms: { read: Math.max(0, total - assembling - waiting), assemble: assembling, wait: waiting, total } };
}

/** The worker's answer to an export request: the file as a stream, or a plain-text refusal. */
export async function exportResponse(request: Request, deps: ExportStreamDeps): Promise<Response> {
  const announce = deps.announce ?? broadcast;
  const got = await readJob(request);
  if ('error' in got) {
    if (got.id) announce({ id: got.id, ok: false, error: got.error });
    return refuse(request.method === 'POST' ? 400 : 405, got.error);
  }
  const { job } = got;
  const beat = deps.beat ?? broadcast;
  if (job.feed && deps.feedPort) {
    const port = await deps.feedPort(job.id);
    if (port) return fedResponse(job, port, { announce, beat, beatMs: deps.beatMs, silenceMs: deps.silenceMs });
    // No port came: the worker writes the file itself (the page's feeder stops with the result).
  }
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let drained: (() => void) | null = null;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        drained?.();
        drained = null;
      },
      cancel() {
        cancelled = true;
        drained?.();
        drained = null;
      },
    },
    { highWaterMark: HIGH_WATER },
  );
  /** Waits until the download has taken what is queued (or was cancelled). */
  const room = async () => {
    while (!cancelled && HIGH_WATER - (controller.desiredSize ?? HIGH_WATER) > LOW_WATER) await new Promise<void>((r) => (drained = r));
  };
  let bytes = 0;
  let records = 0;
  let enqueued = 0;
  const ring: { buf: Uint8Array; chunk: number }[] = [];
  /** The stream gets a copy: the assembler reuses its buffer after each call. */
  const push = (chunk: Bytes) => {
    for (let off = 0; off < chunk.length; off += PIECE) pushPiece(chunk.subarray(off, off + PIECE));
  };
  const pushPiece = (chunk: Bytes) => {
    let out: Uint8Array | null = null;
    if (deps.reuseChunks) {
      // Chunks the consumer has read: enqueued minus those still queued (one per chunk).
      const taken = enqueued - (HIGH_WATER - (controller.desiredSize ?? HIGH_WATER));
      const slot = (ring[enqueued % RING] ??= { buf: new Uint8Array(0), chunk: -Infinity });
      if (slot.chunk + 2 <= taken) {
        if (slot.buf.length < chunk.length) slot.buf = new Uint8Array(chunk.length);
        slot.buf.set(chunk);
        slot.chunk = enqueued;
        out = slot.buf.subarray(0, chunk.length);
      }
    }
    controller.enqueue(out ?? chunk.slice());
    enqueued += 1;
  };
  const produce = async (): Promise<ExportResult> => {
    const done = await writeJob(job, { read: deps.read, sink: push, drain: room, cancelled: () => cancelled, progress: (b, r) => ((bytes = b), (records = r)) });
    return { id: job.id, ok: true, ...done };
  };

  // A beat on a timer, not on progress: a download waiting on a save dialog takes nothing for
  // a while, and the page must still know the worker is there.
  const beating = setInterval(() => beat({ id: job.id, progress: true, bytes, records }), deps.beatMs ?? EXPORT_BEAT_MS);
  produce().then(
    (result) => {
      clearInterval(beating);
      if (!cancelled) controller.close();
      announce(result);
    },
    (e: unknown) => {
      clearInterval(beating);
      const error = String((e as Error)?.message ?? e);
      if (!cancelled) controller.error(new Error(error));
      announce({ id: job.id, ok: false, error });
    },
  );
  return new Response(stream, { status: 200, headers: downloadHeaders(job) });
}

function downloadHeaders(job: ExportJob): Record<string, string> {
  return { 'content-type': MIME[job.file], 'content-disposition': contentDisposition(job.name), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
}

/**
 * Ports of fed exports (ExportFeedOfferSchema), from the page's message until the job's fetch
 * takes them. Held only for the moments between the two: a port not taken within `waitMs` is
 * closed, and a worker that was stopped meanwhile has nothing to lose (the page's watchdog
 * reports the export as stopped).
 */
export class FeedPorts {
  private ports = new Map<string, MessagePort>();
  private waiting = new Map<string, (port: MessagePort | null) => void>();
  constructor(private readonly waitMs = 5000) {}

  offer(id: string, port: MessagePort): void {
    const w = this.waiting.get(id);
    if (w) {
      this.waiting.delete(id);
      w(port);
      return;
    }
    this.ports.get(id)?.close();
    this.ports.set(id, port);
    setTimeout(() => {
      if (this.ports.get(id) !== port) return;
      this.ports.delete(id);
      port.close();
    }, this.waitMs);
  }

  take(id: string): Promise<MessagePort | null> {
    const port = this.ports.get(id);
    if (port) {
      this.ports.delete(id);
      return Promise.resolve(port);
    }
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      setTimeout(() => {
        if (this.waiting.get(id) !== resolve) return;
        this.waiting.delete(id);
        resolve(null);
      }, this.waitMs);
    });
  }
}

/** The stream's high-water mark for a fed export, in pieces: above the page's ring, so that pull() follows every read. */
const FED_HIGH_WATER = 32;

/**
 * A fed export's download: the page's pieces (their buffers transferred, zero-copy within the
 * extension's process) are enqueued as they come. Once the download has read the piece after
 * one (Blink's consumer is then done with it, see reuseChunks), its buffer goes back to the
 * page, which writes the next piece into it: the page's ring of buffers is the backpressure.
 * The worker's thread only moves bytes, so the download is fed while the page inflates.
 */
function fedResponse(job: ExportJob, port: MessagePort, opts: { announce(r: ExportResult): void; beat(p: ExportProgress): void; beatMs?: number; silenceMs?: number }): Response {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const held: { buf: ArrayBuffer; index: number }[] = [];
  let enqueued = 0;
  let bytes = 0;
  let records = 0;
  let over = false;
  let lastWord = Date.now();
  const toPage = (m: FeedToPage, transfer: Transferable[] = []) => port.postMessage(m, transfer);
  /** The page's end, held until the download has taken every piece (then the file is complete). */
  let ending: ExportResult | null = null;
  /** Hands back every buffer the consumer is done with (it has read the piece after it); ends a drained file. */
  const release = () => {
    if (over) return;
    const queued = FED_HIGH_WATER - (controller.desiredSize ?? FED_HIGH_WATER);
    if (ending && queued <= 0) return finish(ending, 'close');
    const taken = enqueued - queued;
    while (held.length && held[0]!.index + 2 <= taken) {
      const { buf } = held.shift()!;
      toPage({ t: 'free', buf }, [buf]);
      // The page owes the next piece from now on.
      lastWord = Date.now();
    }
  };
  const finish = (result: ExportResult, stream: 'close' | 'error' | 'none') => {
    if (over) return;
    over = true;
    clearInterval(beating);
    if (stream === 'close') controller.close();
    if (stream === 'error') controller.error(new Error(result.ok ? 'failed' : result.error));
    port.onmessage = null;
    port.close();
    opts.announce(result);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull: release,
      cancel() {
        if (over) return;
        toPage({ t: 'cancel', reason: 'the download was cancelled' });
        finish({ id: job.id, ok: false, error: 'the download was cancelled' }, 'none');
      },
    },
    { highWaterMark: FED_HIGH_WATER },
  );
  port.onmessage = (e: MessageEvent) => {
    lastWord = Date.now();
    const m = FeedToWorkerSchema.safeParse(e.data);
    if (!m.success) {
      toPage({ t: 'cancel', reason: 'the export feed sent something else' });
      finish({ id: job.id, ok: false, error: `the audit page fed the export something else: ${m.error.issues[0]?.message ?? ''}` }, 'error');
      return;
    }
    const msg = m.data;
    if (msg.t === 'chunk') {
      if (msg.len > msg.buf.byteLength) {
        finish({ id: job.id, ok: false, error: 'the audit page fed a piece longer than its buffer' }, 'error');
        return;
      }
      controller.enqueue(new Uint8Array(msg.buf, 0, msg.len));
      held.push({ buf: msg.buf, index: enqueued });
      enqueued += 1;
      bytes += msg.len;
      records = msg.records;
      release();
    } else if (msg.t === 'end') {
      // Announced once the download has taken the last piece, as a job the worker writes
      // itself is announced once its last batch found room.
      ending = { id: job.id, ok: true, written: msg.written, skipped: msg.skipped, computed: msg.computed, ms: msg.ms, fed: true };
      release();
    } else finish({ id: job.id, ok: false, error: msg.error }, 'error');
  };
  const silenceMs = opts.silenceMs ?? EXPORT_SILENCE_MS;
  // Beats as a job the worker writes itself; and a page that went away (closed mid-export)
  // fails the download instead of leaving it open. Silence counts only while the download has
  // nothing queued: a download that takes nothing (a save dialog) holds the page's buffers, and
  // the page then rightly waits.
  const beating = setInterval(() => {
    const queued = FED_HIGH_WATER - (controller.desiredSize ?? FED_HIGH_WATER);
    if (queued <= 0 && Date.now() - lastWord > silenceMs) finish({ id: job.id, ok: false, error: `no word from the audit page for ${Math.round(silenceMs / 1000)} s: ${job.name} is incomplete` }, 'error');
    else opts.beat({ id: job.id, progress: true, bytes, records });
  }, opts.beatMs ?? EXPORT_BEAT_MS);
  return new Response(stream, { status: 200, headers: downloadHeaders(job) });
}
