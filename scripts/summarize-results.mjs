// Prints one closing line for the whole run: "tests: N passed, M failed" (vitest + Playwright).
import { existsSync, readFileSync } from 'node:fs';
let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, pwFile] = process.argv.slice(2);
if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  console.log(`unit (vitest): ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
}
if (existsSync(pwFile)) {
  const p = JSON.parse(readFileSync(pwFile, 'utf8'));
  const s = p.stats;
  passed += s.expected;
  failed += s.unexpected + (s.flaky ?? 0);
  skipped += s.skipped;
  console.log(`e2e (playwright): ${s.expected} passed, ${s.unexpected + (s.flaky ?? 0)} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
