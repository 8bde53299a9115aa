// Unzips a package into a folder (node and fflate only; no system unzip needed): node scripts/unzip.mjs <zip> <dir>
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
const [zip, dir] = process.argv.slice(2);
rmSync(dir, { recursive: true, force: true });
for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
  if (name.endsWith('/')) continue;
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), bytes);
}
