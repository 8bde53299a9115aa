/**
 * Writes public/_locales/{ru,en}/messages.json from locales/messages.ts.
 * Run by hand after editing locales/*.ts: npx tsx scripts/gen-locales.ts (no build step runs it).
 * tests/unit/locales.test.ts fails when the committed files drift from the source.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localeFiles } from '../locales/render';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [lang, json] of Object.entries(localeFiles())) {
  const file = join(root, 'public', '_locales', lang, 'messages.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, json);
}
console.log('locales written');
