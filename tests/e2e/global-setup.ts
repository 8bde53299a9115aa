import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Builds both extension builds once per run: the audit build (<all_urls>, used by most
 * tests and the audit command) and the store build (least privilege). SKIP_BUILD=1 reuses
 * existing builds (the test script builds first).
 */
export default function globalSetup() {
  const root = resolve(import.meta.dirname, '../..');
  const need = (dir: string) => !existsSync(join(root, '.output', dir, 'manifest.json'));
  if (process.env.SKIP_BUILD !== '1' || need('chrome-mv3-audit')) execFileSync('npx', ['wxt', 'build', '--mode', 'audit'], { cwd: root, stdio: 'inherit' });
  if (process.env.SKIP_BUILD !== '1' || need('chrome-mv3')) execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
}
