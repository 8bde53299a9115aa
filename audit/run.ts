import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { launchWithExtension, LaunchError } from './launch';
import { ExtensionBridge, type ChromeLike } from './extension-bridge';
import { ReportSchema, type Report, type ReportPage } from '../policy/report/schema';
import { reportJsonSchema } from '../policy/report/json-schema';
import { isFirstParty } from '../policy/party';
import { activeSite } from '../policy/site/pro-medika';
import { CrawlQueue } from './crawl';
import { acceptConsent, fillForms, type FilledForm } from './page-actions';
import { writeFormats, type Format } from './formats';

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
  /** Follow same-site links breadth-first up to this many pages in total (seeds included). */
  crawl?: number;
  /** Click the cookie notice's accept button when present (the page record goes on). */
  acceptConsent?: boolean;
  /** Type the known test values into forms and submit them (pii-leak). */
  fillForms?: boolean;
  /** Extra formats besides report.json (json is always written). */
  formats?: Format[];
  /** Called when a page starts (progress output). */
  onStart?: (info: { index: number; total: number; url: string }) => void;
  /** Called per page (progress output). `total` is the expected total (it grows while crawling). */
  onPage?: (info: { index: number; total: number; url: string; page?: ReportPage; error?: string; consent?: string | null; forms?: FilledForm[] }) => void;
  /** Checked between pages: stop early and write what was collected (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface AuditResult {
  report: Report;
  errors: string[];
  reportPath: string;
  /** Files of the extra formats (CSV, HTML). */
  files: string[];
  screenshotPath?: string;
  /** True when shouldStop ended the run before every page was visited. */
  interrupted: boolean;
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

/** A report page for a URL that could not be audited (its `error` says why). */
export function errorPage(url: string, error: string): ReportPage {
  return ReportSchema.shape.pages.element.parse({ url, finalUrl: url, title: '', trackers: [], cookies: [], storage: [], thirdParties: [], findings: [], error });
}

/**
 * Waits until the page's network has been quiet for `quietMs` (no request started), at least
 * `minMs` and at most `maxMs`. Playwright's "networkidle" never comes on pages whose tags
 * beacon continuously (Metrica's Webvisor, chat widgets), so it would cost its full timeout.
 */
export async function settle(page: Page, minMs: number, opts: { quietMs?: number; maxMs?: number } = {}): Promise<void> {
  const quietMs = opts.quietMs ?? 600;
  const maxMs = Math.max(minMs, opts.maxMs ?? 4000);
  const start = Date.now();
  let last = start;
  const onRequest = () => {
    last = Date.now();
  };
  page.on('request', onRequest);
  try {
    for (;;) {
      const now = Date.now();
      if (now - start >= maxMs) return;
      if (now - start >= minMs && now - last >= quietMs) return;
      await page.waitForTimeout(100);
    }
  } finally {
    page.off('request', onRequest);
  }
}

async function linksOf(page: Page): Promise<string[]> {
  return page.$$eval('a[href]', (as) => as.slice(0, 2000).map((a) => a.getAttribute('href') ?? '')).catch(() => []);
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const errors: string[] = [];
  const pages: ReportPage[] = [];
  const valid: string[] = [];
  for (const url of opts.urls) {
    const err = checkUrl(url);
    if (err) {
      errors.push(err);
      pages.push(errorPage(url, err));
    } else valid.push(url);
  }
  mkdirSync(opts.out, { recursive: true });
  let extensionVersion = '0.0.0';
  let screenshotPath: string | undefined;
  let interrupted = false;
  const queue = new CrawlQueue(opts.crawl ?? Infinity);
  queue.seed(valid);
  const crawling = opts.crawl !== undefined;
  if (valid.length) {
    const extensionPath = opts.extensionPath ?? ensureAuditBuild();
    const launched = await launchWithExtension({
      extensionPath,
      chromiumPath: opts.chromiumPath,
      resolverRules: opts.resolve,
      ignoreHttpsErrors: opts.ignoreHttpsErrors,
      blockThirdPartyCookies: opts.blockThirdPartyCookies,
      // With shouldStop the caller handles Ctrl-C (finish the page, write the report).
      handleSIGINT: !opts.shouldStop,
    });
    const bridge = new ExtensionBridge(launched.context, launched.extensionId!);
    try {
      const sw = await launched.serviceWorker();
      extensionVersion = await sw.evaluate(() => (globalThis as unknown as ChromeLike).chrome.runtime.getManifest().version);
      const page = await launched.context.newPage();
      let lastTabId: number | undefined;
      for (let url = queue.next(), i = 0; url !== undefined; url = queue.next(), i++) {
        if (opts.shouldStop?.()) {
          interrupted = true;
          break;
        }
        opts.onStart?.({ index: i, total: queue.expectedTotal, url });
        try {
          await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
          await settle(page, 800 + (opts.waitMs ?? 0), { maxMs: 4000 + (opts.waitMs ?? 0) });
          let consent: string | null | undefined;
          let forms: FilledForm[] | undefined;
          if (opts.acceptConsent) {
            consent = await acceptConsent(page);
            // Tags that wait for consent load now; they belong to the same page record.
            if (consent) await settle(page, 800);
          }
          if (crawling) queue.addLinks(await linksOf(page), page.url());
          if (opts.fillForms) forms = await fillForms(page, { settle: (p) => settle(p, 1000) });
          const tabId = await bridge.tabIdOf(page);
          lastTabId = tabId;
          const rep = await bridge.getReport(tabId);
          const p = rep.pages[0];
          if (!p) throw new Error('the extension has no record of this page');
          const entry = { ...p, url, finalUrl: page.url(), title: (await page.title()) || p.title };
          pages.push(entry);
          opts.onPage?.({ index: i, total: queue.expectedTotal, url, page: entry, consent, forms });
        } catch (e) {
          const msg = explainNavigationError(url, String((e as Error).message ?? e));
          errors.push(msg);
          pages.push(errorPage(url, msg));
          opts.onPage?.({ index: i, total: queue.expectedTotal, url, error: msg });
        }
      }
      if (opts.screenshot && lastTabId !== undefined) {
        const popup = await launched.context.newPage();
        await popup.setViewportSize({ width: 560, height: 900 });
        await popup.goto(`chrome-extension://${launched.extensionId}/popup.html?tabId=${lastTabId}`);
        await popup.waitForSelector('[data-testid="summary"]', { timeout: 10_000 }).catch(() => {});
        screenshotPath = join(opts.out, 'popup.png');
        await popup.screenshot({ path: screenshotPath, fullPage: false });
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
    options: {
      resolve: opts.resolve ?? null,
      ignoreHttpsErrors: !!opts.ignoreHttpsErrors,
      waitMs: opts.waitMs ?? 0,
      blockThirdPartyCookies: !!opts.blockThirdPartyCookies,
      crawl: opts.crawl ?? null,
      acceptConsent: !!opts.acceptConsent,
      fillForms: !!opts.fillForms,
      ...(interrupted ? { interrupted: true } : {}),
    },
    pages,
  });
  const reportPath = join(opts.out, 'report.json');
  writeFileSync(reportPath, JSON.stringify(report, null, 2));
  writeFileSync(join(opts.out, 'report.schema.json'), JSON.stringify(reportJsonSchema(), null, 2));
  const files = writeFormats(report, opts.out, opts.formats ?? ['json']);
  return { report, errors, reportPath, files, screenshotPath, interrupted };
}

export { LaunchError };
