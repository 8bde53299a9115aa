// Checks a `web-ext lint --output json` report. Fails on errors, and on eval or unsafe HTML
// sinks (DANGEROUS_EVAL, UNSAFE_*) even where web-ext lists them as warnings.
// --allow CODE[,CODE]: errors with these codes are printed, not judged. Only the Chrome package uses it, for
// BACKGROUND_SERVICE_WORKER_NOFALLBACK: the Firefox fallback (background.scripts) is what Chromium warns
// about ("requires manifest version of 2 or lower"); docs/architecture.md, Builds.
import { readFileSync } from 'node:fs';
const [file, ...args] = process.argv.slice(2);
const allowAt = args.indexOf('--allow');
const allowed = new Set(allowAt < 0 ? [] : (args[allowAt + 1] ?? '').split(',').filter(Boolean));
const text = readFileSync(file, 'utf8');
const start = text.indexOf('{');
if (start < 0) {
  console.error('web-ext lint produced no JSON output');
  process.exit(1);
}
const report = JSON.parse(text.slice(start));
const unsafe = (m) => m.code === 'DANGEROUS_EVAL' || m.code.startsWith('UNSAFE_');
const judged = (m) => !allowed.has(m.code);
const failures = [...report.errors.filter(judged), ...report.warnings.filter(unsafe)];
for (const w of report.warnings) if (!unsafe(w)) console.log(`warning ${w.code} ${w.file ?? ''}: ${w.message}`);
for (const e of report.errors) if (!judged(e)) console.log(`(allowed) ${e.code}: ${e.message}`);
for (const e of failures) console.error(`ERROR ${e.code} ${e.file ?? ''}:${e.line ?? ''} ${e.message}`);
console.log(`web-ext lint ${file}: ${failures.length} failures, ${report.summary.warnings} warnings`);
process.exit(failures.length > 0 ? 1 : 0);
