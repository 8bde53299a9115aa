// Fails when `web-ext lint` reports errors for the Firefox build (warnings are listed).
import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[2], 'utf8');
const start = text.indexOf('{');
if (start < 0) {
  console.error('web-ext lint produced no JSON output');
  process.exit(1);
}
const report = JSON.parse(text.slice(start));
const { errors, warnings } = report.summary;
for (const w of report.warnings) console.log(`warning ${w.code} ${w.file ?? ''}: ${w.message}`);
for (const e of report.errors) console.error(`ERROR ${e.code} ${e.file ?? ''}: ${e.message}`);
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings`);
process.exit(errors > 0 ? 1 : 0);
