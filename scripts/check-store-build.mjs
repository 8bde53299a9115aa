// Checks the unpacked store packages: node scripts/check-store-build.mjs <chrome dir> <firefox dir>
// - no test or benchmark hooks (adapters/test-hooks.ts keeps them in the audit and development builds):
//   fails when a package's files name one;
// - the Chrome package (the dir whose manifest has background.service_worker) loads in Chromium with no
//   manifest error or warning, as chrome://extensions lists them in developer mode (its manifest also
//   carries Firefox keys for web-ext lint; docs/architecture.md, Builds).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

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

/** The manifest errors and warnings Chromium reports for the unpacked extension in `dir`. */
async function chromiumManifestMessages(dir) {
  const path = resolve(dir);
  const profile = mkdtempSync(join(tmpdir(), 'tracker-lens-check-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', `--disable-extensions-except=${path}`, `--load-extension=${path}`],
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto('chrome://extensions/');
    // Chromium records manifest warnings in the extensions page's error list only for a load in developer mode.
    const dp = 'chrome.developerPrivate';
    await page.evaluate(`${dp}.updateProfileConfiguration({ inDeveloperMode: true })`);
    await page.evaluate(`${dp}.reload(${JSON.stringify(id)}, { failQuietly: true })`);
    await page.waitForTimeout(1000);
    const info = await page.evaluate(`${dp}.getExtensionInfo(${JSON.stringify(id)})`);
    return [...info.installWarnings.map((w) => w.message), ...info.manifestErrors.map((e) => `${e.manifestKey ?? ''}: ${e.message}`)];
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

for (const dir of dirs) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (!manifest.background?.service_worker) continue;
  const messages = await chromiumManifestMessages(dir);
  for (const m of messages) console.error(`ERROR ${dir}/manifest.json in Chromium: ${m}`);
  console.log(`${dir} in Chromium: ${messages.length ? `${messages.length} manifest messages` : 'no manifest errors or warnings'}`);
  bad += messages.length;
}
process.exit(bad ? 1 : 0);
