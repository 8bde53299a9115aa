import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Builds the extension once per run: the audit build (<all_urls>, used by most tests and the
 * audit command), the store build (least privilege) and the Firefox audit build (firefox.spec.ts). SKIP_BUILD=1 reuses
 * existing builds (the test script builds first).
 */
export default function globalSetup() {
  const root = resolve(import.meta.dirname, '../..');
  const need = (dir: string) => !existsSync(join(root, '.output', dir, 'manifest.json'));
  if (process.env.SKIP_BUILD !== '1' || need('chrome-mv3-audit'))
    execFileSync('npx', ['wxt', 'build', '--mode', 'audit'], { cwd: root, stdio: 'inherit' });
  // The store build and its Chrome Web Store zip (core.spec.ts installs the unzipped package).
  const zipped = existsSync(join(root, '.output')) && readdirSync(join(root, '.output')).some((f) => f.endsWith('-chrome.zip'));
  if (process.env.SKIP_BUILD !== '1' || need('chrome-mv3') || !zipped) execFileSync('npx', ['wxt', 'zip'], { cwd: root, stdio: 'inherit' });
  if (process.env.SKIP_BUILD !== '1' || need('firefox-mv2-audit'))
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'audit'], { cwd: root, stdio: 'inherit' });
}
