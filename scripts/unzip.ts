// Unzips a package into a folder with fflate (no system unzip needed): `npx tsx scripts/unzip.ts <zip> <dir>`,
// or unzipTo() from the e2e fixtures, which install the unzipped Chrome package.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';

/** Writes every file of `zip` under `dir`, which is emptied first. */
export function unzipTo(zip: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [zip, dir] = process.argv.slice(2);
  unzipTo(zip, dir);
}
