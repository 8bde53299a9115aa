/**
 * Writes a preset DEFLATE dictionary for precomputed export fragments
 * (policy/history/fragments.ts): one per sink (JSON, HTML, CSV), each the tail (at most 32 KB
 * of UTF-8, DEFLATE's window) of what the exporters write for pages built by the real
 * pipeline (inventory, policy mapping, findings) from synthetic observations (bench/synthetic.ts),
 * so it holds the policy quotes, disclosure explanations, vendor descriptions, finding titles,
 * report keys and HTML/CSV boilerplate that most pages repeat.
 *
 * A dictionary is frozen once written: fragments name the version they were deflated with and
 * are inflated with the same bytes, so changing a written one would make every stored fragment
 * unreadable (tests/unit/fragments.test.ts pins each version's hash). A new dictionary is a
 * new version: npx tsx scripts/write-fragment-dictionary.ts 2, then register it in DICTIONARIES
 * and make it CURRENT_DICTIONARY in policy/history/fragments.ts.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSynthetic, syntheticPage } from '../bench/synthetic';
import { CSV_PARTS } from '../policy/export';
import { csvPageRows } from '../policy/export/csv';
import { pageHtml } from '../policy/export/html';

const version = Number(process.argv[2] ?? '1');
if (!Number.isInteger(version) || version < 1) throw new Error('usage: write-fragment-dictionary.ts <version>');
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'policy', 'history', `fragment-dictionary-v${version}.ts`);
if (existsSync(file)) throw new Error(`${file} exists: a written dictionary is frozen; choose a new version`);

const MAX = 32 * 1024;
const enc = new TextEncoder();

/** The longest tail of `s` whose UTF-8 fits in MAX bytes (cut at a character boundary). */
function tail(s: string): string {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (enc.encode(s.slice(mid)).length <= MAX) hi = mid;
    else lo = mid + 1;
  }
  // Do not start inside a surrogate pair.
  const c = s.charCodeAt(lo);
  return c >= 0xdc00 && c <= 0xdfff ? s.slice(lo + 1) : s.slice(lo);
}

// The most common content last: DEFLATE codes nearer matches in fewer bits.
const pages = [
  { trackers: 20, cookies: 30, requests: 200, url: 'https://pro-medika.ru/services/urologiya/' },
  { trackers: 6, cookies: 10, requests: 40 },
].map((o) => buildSynthetic(syntheticPage(o)).page);

const dict = {
  json: tail(pages.map((p) => JSON.stringify(p)).join('')),
  html: tail(pages.map((p) => `${pageHtml(p, 0, true)}\n`).join('')),
  csv: tail(pages.map((p) => CSV_PARTS.map((part) => csvPageRows(p, part)).join('\r\n')).join('\r\n')),
};

writeFileSync(
  file,
  `/**
 * Preset DEFLATE dictionary v${version} of the export fragments (policy/history/fragments.ts),
 * written by scripts/write-fragment-dictionary.ts. FROZEN: stored fragments are inflated with
 * exactly these bytes; tests/unit/fragments.test.ts pins their hash. Never edit; add a version.
 */
export const FRAGMENT_DICTIONARY_V${version}: { json: string; html: string; csv: string } = ${JSON.stringify(dict, null, 2)};
`,
);
console.log(`${file}: json ${enc.encode(dict.json).length} B, html ${enc.encode(dict.html).length} B, csv ${enc.encode(dict.csv).length} B`);
