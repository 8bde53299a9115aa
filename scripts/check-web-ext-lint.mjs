// Checks a `web-ext lint --output json` report. Fails on errors, and on eval or unsafe HTML
// sinks (DANGEROUS_EVAL, UNSAFE_*) even where web-ext lists them as warnings.
// --code-only: for the Chromium build, whose MV3 manifest is not a Firefox one: only the code is judged.
import { readFileSync } from 'node:fs';
const [file, mode] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const start = text.indexOf('{');
if (start < 0) {
  console.error('web-ext lint produced no JSON output');
  process.exit(1);
}
const report = JSON.parse(text.slice(start));
const codeOnly = mode === '--code-only';
const unsafe = (m) => m.code === 'DANGEROUS_EVAL' || m.code.startsWith('UNSAFE_');
const judged = (m) => !codeOnly || m.file !== 'manifest.json';
const failures = [...report.errors.filter(judged), ...report.warnings.filter(unsafe)];
for (const w of report.warnings) if (!unsafe(w)) console.log(`warning ${w.code} ${w.file ?? ''}: ${w.message}`);
for (const e of report.errors) if (!judged(e)) console.log(`(manifest, not judged with --code-only) ${e.code}: ${e.message}`);
for (const e of failures) console.error(`ERROR ${e.code} ${e.file ?? ''}:${e.line ?? ''} ${e.message}`);
console.log(`web-ext lint${codeOnly ? ' (code only)' : ''}: ${failures.length} failures, ${report.summary.warnings} warnings`);
process.exit(failures.length > 0 ? 1 : 0);
