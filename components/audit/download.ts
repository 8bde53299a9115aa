import { EXPORT_CHANNEL, EXPORT_PATH, EXPORT_SILENCE_MS, ExportChannelMessageSchema, type ExportJob, type ExportProgress, type ExportResult } from '../../policy/messages';
import { saveFile } from '../save-file';

/**
 * A file being written for download from an extension page. Text arrives in chunks and is
 * encoded into Blob parts every few MB, so a 250 MB export is never one JavaScript string
 * (a V8 string tops out near 512 M characters) and the page's heap stays bounded. In
 * Chromium, a Blob of UTF-8 bytes is built about twice as fast as one of the same text as
 * strings (measured 2026-11-29, 294 MB: 6.5 s against 13 s on a loaded 2-core machine).
 */
export interface DownloadSink {
  write(chunk: string): void;
  /** UTF-8 bytes, copied at once (the caller may reuse the buffer: policy/history/fragments.ts sinks do). */
  writeBytes(chunk: Uint8Array): void;
  /** Finishes the file; `prefix` goes before everything written (the HTML report's head). */
  close(prefix?: string | readonly Uint8Array[]): void;
}

const FLUSH_CHARS = 4 * 1024 * 1024;

export function blobDownload(name: string, type: string): DownloadSink {
  const encoder = new TextEncoder();
  const blobs: Blob[] = [];
  let pending: string[] = [];
  let chars = 0;
  const flush = () => {
    if (!pending.length) return;
    blobs.push(new Blob([encoder.encode(pending.join(''))]));
    pending = [];
    chars = 0;
  };
  return {
    write(chunk) {
      pending.push(chunk);
      chars += chunk.length;
      if (chars >= FLUSH_CHARS) flush();
    },
    writeBytes(chunk) {
      flush();
      // new Blob copies the bytes now: the buffer behind `chunk` is reused for the next chunk.
      blobs.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
    },
    close(prefix = '') {
      flush();
      const head: BlobPart[] = typeof prefix === 'string' ? [prefix] : (prefix as Uint8Array<ArrayBuffer>[]);
      saveFile(name, new Blob([...head, ...blobs], { type }));
    },
  };
}


/**
 * An export streamed by the extension's service worker (adapters/export-stream.ts, issue #5):
 * the job is posted as a form into a hidden frame, the worker answers with the file as a
 * download, and reports how it ended on the EXPORT_CHANNEL BroadcastChannel. Resolves with
 * that result; a refusal (the frame then shows the worker's plain-text message) resolves as
 * an error result with that message. Only where a service worker controls the page (Chromium);
 * see streamExportAvailable.
 *
 * Watchdog: the worker beats every second while the job runs (ExportProgressSchema). After
 * `silenceMs` without a word about this job, the worker is taken to have been stopped (the
 * download then fails in the browser and no result would ever come): resolves with a failed
 * result marked `stalled`, so the page says so and the user can export again.
 */
export type StreamOutcome = ExportResult | { id: string; ok: false; error: string; stalled: true };

export function streamExport(job: ExportJob, opts: { doc?: Document; onProgress?(p: ExportProgress): void; silenceMs?: number } = {}): Promise<StreamOutcome> {
  const doc = opts.doc ?? document;
  const silenceMs = opts.silenceMs ?? EXPORT_SILENCE_MS;
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(EXPORT_CHANNEL);
    const frame = doc.createElement('iframe');
    const form = doc.createElement('form');
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () => finish({ id: job.id, ok: false, stalled: true, error: `no word from the extension's service worker for ${Math.round(silenceMs / 1000)} s: it was stopped before ${job.name} was complete` }),
        silenceMs,
      );
    };
    const finish = (result: StreamOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      channel.close();
      resolve(result);
      // The download belongs to the browser once it started; the frame can go a little later.
      setTimeout(() => frame.remove(), 1000);
    };
    channel.onmessage = (e: MessageEvent) => {
      const r = ExportChannelMessageSchema.safeParse(e.data);
      if (!r.success || r.data.id !== job.id) return;
      if ('progress' in r.data) {
        heard();
        opts.onProgress?.(r.data);
      } else finish(r.data);
    };
    frame.name = `export-${job.id}`;
    frame.hidden = true;
    frame.title = job.name;
    // A download never loads the frame; a refusal does, as a plain-text page.
    frame.addEventListener('load', () => {
      let text = '';
      try {
        text = frame.contentDocument?.body?.textContent?.trim() ?? '';
      } catch {
        // not readable: say what is known
      }
      if (frame.contentWindow?.location.href === 'about:blank') return;
      finish({ id: job.id, ok: false, error: text || 'the export was refused' });
    });
    doc.body.appendChild(frame);
    form.method = 'POST';
    form.enctype = 'multipart/form-data';
    form.action = `${EXPORT_PATH}${encodeURIComponent(job.name)}`;
    form.target = frame.name;
    form.hidden = true;
    const field = doc.createElement('input');
    field.type = 'hidden';
    field.name = 'job';
    field.value = JSON.stringify(job);
    form.appendChild(field);
    doc.body.appendChild(form);
    heard();
    form.submit();
    form.remove();
  });
}

/** Whether exports can stream through the service worker: it controls this page (Chromium MV3). */
export function streamExportAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller && typeof BroadcastChannel !== 'undefined';
}
