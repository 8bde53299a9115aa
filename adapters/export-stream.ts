import { fileFormat, fragmentAssembler, type Bytes, type ExportFile } from '@/policy/history/fragments';
import { EXPORT_BEAT_MS, EXPORT_CHANNEL, EXPORT_PATH, ExportJobSchema, type ExportChannelMessage, type ExportJob, type ExportProgress, type ExportResult } from '@/policy/messages';

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
  /** Pieces in the stream's queue, not yet read by the download (desiredSize counts down from HIGH_WATER, one per piece). */
  const queued = () => HIGH_WATER - (controller.desiredSize ?? HIGH_WATER);
  /** Waits until the download has taken what is queued (or was cancelled). */
  const room = async () => {
    while (!cancelled && queued() > LOW_WATER) await new Promise<void>((r) => (drained = r));
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
      // Pieces the consumer has read: enqueued minus those still queued.
      const taken = enqueued - queued();
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
  const sink = (_file: ExportFile, chunk: Bytes) => {
    if (cancelled) return;
    push(chunk);
    bytes += chunk.length;
  };

  // Where the time goes (announced with the result; bench/audit-page.ts reports it): inflating
  // and framing, waiting for the download manager to take chunks, and the rest (reading).
  const t0 = performance.now();
  let assembling = 0;
  let waiting = 0;
  const add = (x: ReturnType<typeof fragmentAssembler>, items: readonly unknown[]) => {
    const t = performance.now();
    x.add(items);
    assembling += performance.now() - t;
    records += items.length;
  };
  const drain = async () => {
    const t = performance.now();
    await room();
    waiting += performance.now() - t;
  };

  const produce = async (): Promise<ExportResult> => {
    if (job.file !== 'json' && job.file !== 'html') push(BOM);
    const format = fileFormat(job.file);
    let computed = 0;
    let x: ReturnType<typeof fragmentAssembler>;
    if (job.file === 'html') {
      // Every page's summary row goes first: read all, then write.
      const items: unknown[] = [];
      computed = (await deps.read(job.file, job.ids, (batch) => void items.push(...batch))).computed;
      x = fragmentAssembler(format, job.header, { sink, title: job.title, headFirst: items });
      for (let i = 0; i < items.length && !cancelled; i += 200) {
        add(x, items.slice(i, i + 200));
        await drain();
      }
      if (cancelled) throw new Error('the download was cancelled');
    } else {
      x = fragmentAssembler(format, job.header, { sink, title: job.title });
      computed = (
        await deps.read(job.file, job.ids, async (batch) => {
          if (cancelled) throw new Error('the download was cancelled');
          add(x, batch);
          await drain();
        })
      ).computed;
    }
    const done = x.end();
    const total = performance.now() - t0;
    const ms = { read: Math.max(0, total - assembling - waiting), assemble: assembling, wait: waiting, total };
    return { id: job.id, ok: true, written: done.written, skipped: done.skipped, computed, ms };
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
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': MIME[job.file], 'content-disposition': contentDisposition(job.name), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
