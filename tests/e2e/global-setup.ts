import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Builds the extension once per run: the audit build (<all_urls>, used by most tests and the
 * audit command), the store build (least privilege) and the Firefox audit build (firefox.spec.ts). SKIP_BUILD=1 reuses
 * existing builds (the test script builds first).
 */
export default function globalSetup() {
  const root = resolve(import.meta.dirname, '../..');
  const need = (dir: string) => !existsSync(join(root, '.output', dir, 'manifest.json'));
  if (process.env.SKIP_BUILD !== '1' || need('chrome-mv3-audit')) execFileSync('npx', ['wxt', 'build', '--mode', 'audit'], { cwd: root, stdio: 'inherit' });
  if (process.env.SKIP_BUILD !== '1' || need('chrome-mv3')) execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  if (process.env.SKIP_BUILD !== '1' || need('firefox-mv2-audit')) execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'audit'], { cwd: root, stdio: 'inherit' });
}
