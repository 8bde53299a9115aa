import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, type Launched, type LaunchOptions } from '../../audit/launch';
import { ExtensionBridge } from '../../audit/extension-bridge';
import { startReplica, type Replica } from '../replica/server';
import { unzipTo } from '../../scripts/unzip';
import type { PageResponse } from '../../policy/messages';

export const ROOT = resolve(import.meta.dirname, '../..');
export const AUDIT_BUILD = join(ROOT, '.output', 'chrome-mv3-audit');
export const STORE_BUILD = join(ROOT, '.output', 'chrome-mv3');

/** The Chrome Web Store package (`npm run package`, .output/*-chrome.zip) unzipped into a new folder: what users install. */
export function unzippedChromePackage(): string {
  const zip = readdirSync(join(ROOT, '.output')).find((f) => f.endsWith('-chrome.zip'));
  if (!zip) throw new Error('no Chrome package in .output: run npm run package');
  const dir = mkdtempSync(join(tmpdir(), 'tracker-lens-package-'));
  unzipTo(join(ROOT, '.output', zip), dir);
  return dir;
}

export interface Env {
  replica: Replica;
  launched: Launched;
  bridge: ExtensionBridge;
  /** Opens the popup for the tab of `page` in a new tab and waits for its summary. */
  openPopup(page: Page): Promise<Page>;
  /** The background's live view of the tab showing `page`. */
  view(page: Page): Promise<Extract<PageResponse, { status: 'watched' }>>;
  /** Launches another browser on the same replica (e.g. third-party cookies blocked). */
  relaunch(opts: Partial<LaunchOptions>): Promise<Launched>;
}

export const SITE = 'https://pro-medika.ru';

export const test = base.extend<{ env: Env }, { replica: Replica }>({
  replica: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured first argument
    async ({}, use) => {
      const replica = await startReplica({ port: 0 });
      await use(replica);
      await replica.close();
    },
    { scope: 'worker' },
  ],
  env: async ({ replica }, use) => {
    const extra: Launched[] = [];
    const launch = (opts: Partial<LaunchOptions>) =>
      launchWithExtension({ extensionPath: AUDIT_BUILD, resolverRules: replica.resolverRules, ignoreHttpsErrors: true, ...opts });
    const launched = await launch({});
    const bridge = new ExtensionBridge(launched.context, launched.extensionId!);
    const env: Env = {
      replica,
      launched,
      bridge,
      async openPopup(page) {
        const tabId = await bridge.tabIdOf(page);
        const popup = await launched.context.newPage();
        await popup.setViewportSize({ width: 560, height: 800 });
        await popup.goto(`chrome-extension://${launched.extensionId}/popup.html?tabId=${tabId}`);
        await popup.waitForSelector('main');
        return popup;
      },
      async view(page) {
        const r = await bridge.getPage(await bridge.tabIdOf(page));
        expect(r.status).toBe('watched');
        return r as Extract<PageResponse, { status: 'watched' }>;
      },
      async relaunch(opts) {
        const l = await launch(opts);
        extra.push(l);
        return l;
      },
    };
    await use(env);
    await bridge.close();
    await launched.close();
    for (const l of extra) await l.close();
  },
});

export { expect };

/** Navigates and waits until the page and its late tags have settled. */
export async function visit(page: Page, path: string, settleMs = 1200): Promise<void> {
  await page.goto(`${SITE}${path}`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 8000 }).catch(() => {});
  await page.waitForTimeout(settleMs);
}

/** Opens audit.html and reloads until `n` records are listed (the history is written asynchronously). */
export async function openAuditPage(context: BrowserContext, extensionId: string, n: number): Promise<Page> {
  const audit = await context.newPage();
  await audit.goto(`chrome-extension://${extensionId}/audit.html`);
  await expect
    .poll(
      async () => {
        await audit.reload();
        await audit.waitForSelector('main h1');
        await audit.waitForSelector('[data-testid="overview"], .notice[role="alert"]');
        // The open pages are marked once the background answered (after the first screen).
        await audit.waitForTimeout(300);
        return audit.locator('table[data-testid="pages"] tbody tr').count();
      },
      { timeout: 30_000, intervals: [500, 1000, 1000, 2000] },
    )
    .toBe(n);
  return audit;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

/**
 * Runs the audit command (`audit/cli.ts` through tsx) with `args` as a child process; `out` is
 * returned with its output. `direct`: node with the tsx loader, so a signal reaches the command
 * itself, not npx.
 */
export function runAuditCli(
  args: string[],
  out: string,
  opts: { env?: Record<string, string>; direct?: boolean; onStderr?: (text: string, child: ChildProcess) => void } = {},
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const [cmd, pre] = opts.direct ? [process.execPath, ['--import', 'tsx']] : ['npx', ['tsx']];
    const child = spawn(cmd, [...pre, 'audit/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(stderr, child);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, out }));
  });
}
