import { existsSync, readFileSync, statSync } from 'node:fs';

/** `--urls-file <file>`: one URL per line; blank lines and # comments (whole-line or trailing) are ignored. */
export function parseUrlsFile(text: string): string[] {
  const urls: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line) urls.push(line);
  }
  return urls;
}

export class UsageError extends Error {}

/** Reads a URLs file; a missing or unreadable file is a one-line UsageError with the fix. */
export function readUrlsFile(path: string): string[] {
  if (!existsSync(path))
    throw new UsageError(
      `--urls-file ${path}: no such file. Fix: give the path of a text file with one URL per line (# starts a comment).`,
    );
  if (statSync(path).isDirectory())
    throw new UsageError(`--urls-file ${path}: is a folder. Fix: give the path of a text file with one URL per line (# starts a comment).`);
  const urls = parseUrlsFile(readFileSync(path, 'utf8'));
  if (urls.length === 0)
    throw new UsageError(`--urls-file ${path}: no URLs in the file. Fix: put one URL per line, e.g. https://pro-medika.ru/.`);
  return urls;
}
