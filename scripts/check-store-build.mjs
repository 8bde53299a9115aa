// The store builds carry no test or benchmark hooks (adapters/test-hooks.ts keeps them in the
// audit and development builds): fails when a store build's files name one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const HOOKS = [/__trackerLens/, /performance\.measure\(/, /performance\.mark\(/, /tracker-lens\/report-request/];
const dirs = process.argv.slice(2);
let bad = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(js|html)$/.test(name)) {
      const text = readFileSync(path, 'utf8');
      for (const re of HOOKS) {
        if (!re.test(text)) continue;
        bad++;
        console.error(`ERROR ${path}: test hook ${re} in a store build`);
      }
    }
  }
};
for (const dir of dirs) walk(dir);
console.log(`store builds ${dirs.join(', ')}: ${bad ? `${bad} test hooks` : 'no test hooks'}`);
process.exit(bad ? 1 : 0);
