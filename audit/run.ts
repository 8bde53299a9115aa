import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchWithExtension, LaunchError } from './launch';
import { ExtensionBridge, type ChromeLike } from './extension-bridge';
import { ReportSchema, type Report, type ReportPage } from '../policy/report/schema';
import { reportJsonSchema } from '../policy/report/json-schema';
import { isFirstParty } from '../policy/party';
import { activeSite } from '../policy/site/pro-medika';

export interface AuditOptions {
  urls: string[];
  out: string;
  resolve?: string;
  ignoreHttpsErrors?: boolean;
  waitMs?: number;
  blockThirdPartyCookies?: boolean;
  screenshot?: boolean;
  extensionPath?: string;
  chromiumPath?: string;
  /** Called per page (progress output). */
  onPage?: (info: { index: number; total: number; url: string; page?: ReportPage; error?: string }) => void;
  /** Checked between pages: stop early and write what was collected (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface AuditResult {
  report: Report;
  errors: string[];
  reportPath: string;
  screenshotPath?: string;
}

export const ROOT = resolve(import.meta.dirname, '..');
export const AUDIT_EXTENSION = join(ROOT, '.output', 'chrome-mv3-audit');

/** Builds the audit build of the extension when it is missing. */
export function ensureAuditBuild(path = AUDIT_EXTENSION): string {
  if (existsSync(join(path, 'manifest.json'))) return path;
  execFileSync('npx', ['wxt', 'build', '--mode', 'audit'], { cwd: ROOT, stdio: 'inherit' });
  return path;
}

/** One-line error with its cause and its fix, from a Playwright navigation error. */
export function explainNavigationError(url: string, message: string): string {
  if (/ERR_CERT|SSL|certificate/i.test(message))
    return `${url}: TLS error (${message.match(/net::\w+/)?.[0] ?? 'certificate'}). Fix: pass --ignore-https-errors for a staging server or replica with a self-signed certificate.`;
  if (/ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_(RESET|CLOSED|TIMED_OUT)|ERR_INTERNET_DISCONNECTED|ERR_TUNNEL/i.test(message))
    return `${url}: unreachable (${message.match(/net::\w+/)?.[0] ?? 'connection failed'}). Fix: check the address, or map the host to your server with --resolve "MAP * 127.0.0.1:8443".`;
  if (/Timeout/i.test(message)) return `${url}: the page did not finish loading in time. Fix: check the server, or raise --wait.`;
  return `${url}: navigation failed (${message.split('\n')[0]}).`;
}

export function checkUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${url}: not a valid URL. Fix: give a full address such as https://pro-medika.ru/.`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `${url}: not an http(s) URL. Fix: give an address such as https://pro-medika.ru/.`;
  if (!isFirstParty(u.hostname, activeSite.domains))
    return `${url}: outside ${activeSite.domains.join(', ')}; the extension only watches that site. Fix: audit pages of ${activeSite.domains[0]} (use --resolve to point it at a staging server).`;
  return null;
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const errors: string[] = [];
  const pages: ReportPage[] = [];
  const valid: string[] = [];
  for (const url of opts.urls) {
    const err = checkUrl(url);
    if (err) errors.push(err);
    else valid.push(url);
  }
  mkdirSync(opts.out, { recursive: true });
  let extensionVersion = '0.0.0';
  let screenshotPath: string | undefined;
  if (valid.length) {
    const extensionPath = opts.extensionPath ?? ensureAuditBuild();
    const launched = await launchWithExtension({
      extensionPath,
      chromiumPath: opts.chromiumPath,
      resolverRules: opts.resolve,
      ignoreHttpsErrors: opts.ignoreHttpsErrors,
      blockThirdPartyCookies: opts.blockThirdPartyCookies,
    });
    const bridge = new ExtensionBridge(launched.context, launched.extensionId!);
    try {
      const sw = await launched.serviceWorker();
      extensionVersion = await sw.evaluate(() => (globalThis as unknown as ChromeLike).chrome.runtime.getManifest().version);
      const page = await launched.context.newPage();
      let lastTabId: number | undefined;
      for (let i = 0; i < valid.length; i++) {
        if (opts.shouldStop?.()) break;
        const url = valid[i];
        try {
          await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
          await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
          await page.waitForTimeout(800 + (opts.waitMs ?? 0));
          const tabId = await bridge.tabIdOf(page);
          lastTabId = tabId;
          const rep = await bridge.getReport(tabId);
          const p = rep.pages[0];
          if (!p) throw new Error('the extension has no record of this page');
          const entry = { ...p, url, finalUrl: page.url(), title: (await page.title()) || p.title };
          pages.push(entry);
          opts.onPage?.({ index: i, total: valid.length, url, page: entry });
        } catch (e) {
          const msg = explainNavigationError(url, String((e as Error).message ?? e));
          errors.push(msg);
          opts.onPage?.({ index: i, total: valid.length, url, error: msg });
        }
      }
      if (opts.screenshot && lastTabId !== undefined) {
        const popup = await launched.context.newPage();
        await popup.setViewportSize({ width: 560, height: 700 });
        await popup.goto(`chrome-extension://${launched.extensionId}/popup.html?tabId=${lastTabId}`);
        await popup.waitForSelector('[data-testid="summary"]', { timeout: 10_000 }).catch(() => {});
        screenshotPath = join(opts.out, 'popup.png');
        await popup.screenshot({ path: screenshotPath, fullPage: true });
      }
    } finally {
      await bridge.close();
      await launched.close();
    }
  }
  const report = ReportSchema.parse({
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    extensionVersion,
    site: activeSite.domains[0],
    options: { resolve: opts.resolve ?? null, ignoreHttpsErrors: !!opts.ignoreHttpsErrors, waitMs: opts.waitMs ?? 0, blockThirdPartyCookies: !!opts.blockThirdPartyCookies },
    pages,
  });
  const reportPath = join(opts.out, 'report.json');
  writeFileSync(reportPath, JSON.stringify(report, null, 2));
  writeFileSync(join(opts.out, 'report.schema.json'), JSON.stringify(reportJsonSchema(), null, 2));
  return { report, errors, reportPath, screenshotPath };
}

export { LaunchError };
