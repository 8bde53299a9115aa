import { saveFile } from '../save-file';

/**
 * A file being written for download from an extension page, in bounded memory: text arrives in
 * chunks and is encoded into a Blob part every few MB, so no JavaScript string or buffer the
 * size of the file is ever built (the browser keeps Blob parts in its blob storage, on disk
 * when large). The download is one Blob of those parts, saved through an <a download> click:
 * the same in the MV3 Chromium build and the Firefox build.
 */
export interface DownloadSink {
  write(chunk: string): void;
  /** UTF-8 bytes encoded so far. */
  readonly bytes: number;
  /** Finishes the file; `prefix` goes before everything written (the HTML report's head). */
  close(prefix?: string): void;
}

const FLUSH_CHARS = 4 * 1024 * 1024;

export function blobDownload(name: string, type: string, save: (name: string, blob: Blob) => void = saveFile): DownloadSink {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let chars = 0;
  let bytes = 0;
  const flush = () => {
    if (!pending.length) return;
    // The Blob encodes the strings to UTF-8 itself: no TextEncoder copy in between.
    const part = new Blob(pending);
    bytes += part.size;
    parts.push(part);
    pending = [];
    chars = 0;
  };
  return {
    write(chunk) {
      pending.push(chunk);
      chars += chunk.length;
      if (chars >= FLUSH_CHARS) flush();
    },
    get bytes() {
      return bytes;
    },
    close(prefix = '') {
      flush();
      save(name, new Blob([prefix, ...parts], { type }));
    },
  };
}
