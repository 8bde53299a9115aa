import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Page } from '@playwright/test';
import { launchWithExtension, LaunchError, type Launched } from './launch';
import { ExtensionBridge, type ChromeLike } from './extension-bridge';
import { ReportSchema, type Report, type ReportPage } from '../policy/report/schema';
import { diffJsonSchema, reportJsonSchema } from '../policy/report/json-schema';
import type { AuditDiff } from '../policy/diff/schema';
import { compareWithBaseline, type Baseline } from './baseline';
import type { Shard } from './shard';
import { policyObservations } from '../policy/policy-model/observations';
import { isFirstParty } from '../policy/party';
import { activeSite } from '../policy/site/pro-medika';
import { CrawlQueue, pageKey } from './crawl';
import { acceptConsent, fillForms, type FilledForm } from './page-actions';
import { writeFormats, type Format } from './formats';
import { toJson } from '../policy/export/json';
import { PageSettler, SETTLE_DEFAULTS, settleOptionsFor } from './settle';
import { cpuTimes, idleCores, InOrder, PageScheduler, planConcurrency, startSideBySide, type Job } from './schedule';

export { settle } from './settle';

/** What onPage reports about one page. */
export interface PageEvent {
  index: number;
  total: number;
  url: string;
  page?: ReportPage;
  error?: string;
  consent?: string | null;
  forms?: FilledForm[];
}

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
  /**
   * Inject the timer probe (audit/settle.ts) into every audited page, to wait for tags that a
   * setTimeout loads late. Off by default: it changes the pages under audit; the report says when it was on.
   */
  timerProbe?: boolean;
  /** Extra formats besides report.json (json is always written). */
  formats?: Format[];
  /**
   * Pages audited at once, each lane in its own browser (default: see defaultConcurrency).
   * --accept-consent and --fill-forms always run one page at a time (audit/schedule.ts).
   */
  concurrency?: number;
  /** A baseline report (--baseline): diff.json is written, and HTML and JUnit show the changes. */
  baseline?: Baseline;
  /** This run is one shard of the URL list (--shard; the caller already sliced `urls`). */
  shard?: Shard;
  /** Called when a page starts (progress output); with concurrency, several may be running. */
  onStart?: (info: { index: number; total: number; url: string }) => void;
  /**
   * Called per page, in report order whatever order the pages finish in (progress output).
   * `total` is the expected total (it grows while crawling).
   */
  onPage?: (info: PageEvent) => void;
  /** A remark for the user (e.g. why --concurrency was not applied). */
  onNote?: (message: string) => void;
  /** Checked before each page is handed out: stop early and write what was collected (Ctrl-C). */
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
  /** The comparison with the baseline, when one was given. */
  diff?: AuditDiff;
}

/**
 * Writes report.json, its JSON Schema, the extra formats and, with a baseline, diff.json and
 * its schema: the one writer of the audit command and `merge`, so both write the same files.
 */
export function writeOutputs(
  report: Report,
  out: string,
  formats: readonly Format[],
  baseline?: Baseline,
  opts: { onlyCurrentPages?: boolean } = {},
): { reportPath: string; files: string[]; diff?: AuditDiff } {
  mkdirSync(out, { recursive: true });
  const reportPath = join(out, 'report.json');
  writeFileSync(reportPath, toJson(report));
  writeFileSync(join(out, 'report.schema.json'), JSON.stringify(reportJsonSchema(), null, 2));
  const files: string[] = [];
  const diff = baseline ? compareWithBaseline(baseline, report, opts) : undefined;
  if (diff) {
    const path = join(out, 'diff.json');
    writeFileSync(path, JSON.stringify(diff, null, 2));
    writeFileSync(join(out, 'diff.schema.json'), JSON.stringify(diffJsonSchema(), null, 2));
    files.push(path);
  }
  files.push(...writeFormats(report, out, formats, diff));
  return { reportPath, files, diff };
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
  if (
    /ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_(RESET|CLOSED|TIMED_OUT)|ERR_INTERNET_DISCONNECTED|ERR_TUNNEL/i.test(
      message,
    )
  )
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
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return `${url}: not an http(s) URL. Fix: give an address such as https://pro-medika.ru/.`;
  if (!isFirstParty(u.hostname, activeSite.domains))
    return `${url}: outside ${activeSite.domains.join(', ')}; the extension only watches that site. Fix: audit pages of ${activeSite.domains[0]} (use --resolve to point it at a staging server).`;
  return null;
}

/** A report page for a URL that could not be audited (its `error` says why). */
export function errorPage(url: string, error: string): ReportPage {
  return ReportSchema.shape.pages.element.parse({
    url,
    finalUrl: url,
    title: '',
    trackers: [],
    cookies: [],
    storage: [],
    thirdParties: [],
    findings: [],
    error,
  });
}

async function linksOf(page: Page): Promise<string[]> {
  return page.$$eval('a[href]', (as) => as.slice(0, 2000).map((a) => a.getAttribute('href') ?? '')).catch(() => []);
}

/** One concurrent lane: its own browser (profile, cookie jar, extension), one tab for the pages. */
interface Lane {
  launched: Launched;
  bridge: ExtensionBridge;
  page: Page;
  settler: PageSettler;
  version: string;
  /** The browser's id of the lane's tab (found once). */
  tabId?: number;
  /** The last page this lane audited successfully (for --screenshot). */
  last?: { index: number; tabId: number };
  /** Origins of the site the lane's pages were on since its last fresh visitor (their storage is cleared before the next). */
  origins: Set<string>;
  /** Set once the lane's browser is being shut down. */
  closing?: Promise<void>;
}

/** Pages left per browser below which starting another one does not pay (a start takes 2 to 20 s, a page 1 to 2). */
const MIN_PAGES_FOR_LANE = 3;
/** How long the CPU is watched while the first browser starts (startSideBySide). */
const CPU_SAMPLE_MS = 250;

async function openLane(opts: AuditOptions, extensionPath: string): Promise<Lane> {
  const launched = await launchWithExtension({
    extensionPath,
    chromiumPath: opts.chromiumPath,
    resolverRules: opts.resolve,
    ignoreHttpsErrors: opts.ignoreHttpsErrors,
    blockThirdPartyCookies: opts.blockThirdPartyCookies,
    // With shouldStop the caller handles Ctrl-C (finish the page, write the report).
    handleSIGINT: !opts.shouldStop,
  });
  try {
    // The tab the browser starts with (launch leaves it blank) saves opening another; taken
    // before the bridge opens its own page, which is blank for a moment too.
    const initial = launched.context.pages().find((p) => p.url() === 'about:blank');
    const bridge = new ExtensionBridge(launched.context, launched.extensionId!);
    // The bridge's extension page opens meanwhile, not after the first audited page.
    const bridgeReady = bridge.open();
    const sw = await launched.serviceWorker();
    const version = await sw.evaluate(() => (globalThis as unknown as ChromeLike).chrome.runtime.getManifest().version);
    const page = initial ?? (await launched.context.newPage());
    const settler = opts.timerProbe ? await PageSettler.withTimerProbe(page) : PageSettler.watch(page);
    await bridgeReady;
    return { launched, bridge, page, settler, version, origins: new Set() };
  } catch (e) {
    await launched.close();
    throw e;
  }
}

/**
 * Makes the lane's browser a new visitor before its next page (issue #17): the tab is closed
 * (the extension ends that page's record), the browser's cookies and the site's storage are
 * cleared, and a new tab opened. A page's record then never lists what earlier pages of its
 * browser left, which would vary with --concurrency, timing and --shard.
 */
async function freshVisitor(lane: Lane, timerProbe: boolean): Promise<void> {
  const { context } = lane.launched;
  lane.settler.dispose();
  await lane.page.close();
  await context.clearCookies();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  for (const origin of lane.origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.detach();
  lane.origins.clear();
  lane.page = page;
  lane.settler = timerProbe ? await PageSettler.withTimerProbe(page) : PageSettler.watch(page);
  lane.tabId = undefined;
}

/** The origin of an http(s) URL, or null. */
function httpOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Closes a lane's browser (once, whoever asks first). */
function closeLane(lane: Lane): Promise<void> {
  lane.closing ??= (async () => {
    lane.settler.dispose();
    await lane.bridge.close();
    await lane.launched.close();
  })();
  return lane.closing;
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const errors: string[] = [];
  // The report keeps the input order: a URL that fails the check stays in its place as an
  // error page; repeated URLs are audited once (the crawl queue drops them).
  const slots: ({ error: ReportPage } | { seed: number })[] = [];
  const valid: string[] = [];
  const seedKeys = new Set<string>();
  for (const url of opts.urls) {
    const err = checkUrl(url);
    if (err) {
      errors.push(err);
      slots.push({ error: errorPage(url, err) });
      continue;
    }
    const key = pageKey(url);
    if (seedKeys.has(key)) continue;
    seedKeys.add(key);
    slots.push({ seed: valid.length });
    valid.push(url);
  }
  mkdirSync(opts.out, { recursive: true });
  let extensionVersion = '0.0.0';
  let screenshotPath: string | undefined;
  const queue = new CrawlQueue(opts.crawl ?? Infinity);
  queue.seed(valid);
  const crawling = opts.crawl !== undefined;
  const plan = planConcurrency({
    requested: opts.concurrency,
    acceptConsent: opts.acceptConsent,
    fillForms: opts.fillForms,
    pages: crawling ? (opts.crawl as number) : valid.length,
  });
  if (plan.note) opts.onNote?.(plan.note);
  const scheduler = new PageScheduler(queue, { crawling, shouldStop: opts.shouldStop });
  const results = new Map<number, ReportPage>();
  // Page errors are listed in report order, whatever order the pages failed in.
  const pageErrors = new Map<number, string>();
  const inOrder = new InOrder<Omit<PageEvent, 'index' | 'total'>>((index, e) => opts.onPage?.({ index, total: queue.expectedTotal, ...e }));
  const pageSettle = settleOptionsFor(opts.waitMs);
  // Each page by a new visitor, except where the options walk through the site as one visitor
  // (consent given on one page, form input stored by tags, carry over to the next).
  const freshVisitors = !opts.acceptConsent && !opts.fillForms;

  /** Audits one page in a lane; never throws (a failure becomes the page's error). */
  async function auditPage(lane: Lane, job: Job): Promise<void> {
    const { index, url } = job;
    opts.onStart?.({ index, total: queue.expectedTotal, url });
    let links: { hrefs: string[]; base: string } | undefined;
    try {
      if (freshVisitors && lane.origins.size > 0) await freshVisitor(lane, !!opts.timerProbe);
      const { page, settler, bridge } = lane;
      const origin = httpOrigin(url);
      if (origin) lane.origins.add(origin);
      settler.reset();
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      const landed = httpOrigin(page.url());
      if (landed) lane.origins.add(landed);
      await settler.settle(pageSettle);
      let consent: string | null | undefined;
      let forms: FilledForm[] | undefined;
      if (opts.acceptConsent) {
        consent = await acceptConsent(page);
        // Tags that wait for consent load now; they belong to the same page record.
        if (consent) await settler.settle(SETTLE_DEFAULTS);
      }
      if (crawling) links = { hrefs: await linksOf(page), base: page.url() };
      if (opts.fillForms)
        forms = await fillForms(page, {
          settle: () => settler.settle({ ...SETTLE_DEFAULTS, minMs: 1000 }, { everyRequest: true }).then(() => {}),
        });
      // The lane's tab is the same for all its pages.
      const tabId = (lane.tabId ??= await bridge.tabIdOf(page));
      const rep = await bridge.getReport(tabId);
      const p = rep.pages[0];
      if (!p) throw new Error('the extension has no record of this page');
      const entry = { ...p, url, finalUrl: page.url(), title: (await page.title()) || p.title };
      results.set(index, entry);
      lane.last = { index, tabId };
      inOrder.put(index, { url, page: entry, consent, forms });
    } catch (e) {
      const msg = explainNavigationError(url, String((e as Error).message ?? e));
      pageErrors.set(index, msg);
      results.set(index, errorPage(url, msg));
      inOrder.put(index, { url, error: msg });
    } finally {
      scheduler.done(index, links);
    }
  }

  if (valid.length) {
    const extensionPath = opts.extensionPath ?? ensureAuditBuild();
    // Another browser starts only while there are pages it could take, and on a busy machine
    // only once the previous one is up (see startSideBySide).
    const lanes: Promise<Lane>[] = [];
    const runs: Promise<void>[] = [];
    let launching = 0;
    // One start at a time until a sample of the CPU, taken while the first browser starts,
    // shows whether there is CPU to spare for starting the others alongside.
    let atOnce = 1;
    let opened = 0;
    let fatal: { error: unknown } | undefined;
    async function runLane(opening: Promise<Lane>): Promise<void> {
      let lane: Lane;
      try {
        lane = await opening;
        opened++;
      } catch (e) {
        if (opened === 0) {
          // No browser could start: the run fails (exit 2), as it always did.
          fatal = { error: e };
          scheduler.stop();
        } else
          opts.onNote?.(`another browser could not start (${String((e as Error).message ?? e).split('\n')[0]}); going on with ${opened}.`);
        return;
      }
      extensionVersion = lane.version;
      for (let job = await scheduler.next(); job; job = await scheduler.next()) {
        // A page taken may leave enough for another browser (a crawl's first page, say).
        startLane();
        await auditPage(lane, job);
      }
      // Out of pages: shut this browser down while the others finish theirs (--screenshot
      // needs the browser of the last page, known only at the end).
      if (!opts.screenshot) void closeLane(lane);
    }
    function startLane(): void {
      // Another browser only when it would get some pages: a start takes as long as several
      // pages (at least MIN_PAGES_FOR_LANE left for each browser running or starting).
      while (!fatal && launching < atOnce && lanes.length < plan.lanes && scheduler.pagesLeft >= MIN_PAGES_FOR_LANE * lanes.length) {
        launching++;
        const opening = openLane(opts, extensionPath);
        lanes.push(opening);
        runs.push(runLane(opening));
        opening.then(
          () => {
            launching--;
            startLane();
          },
          () => {
            launching--;
          },
        );
      }
    }
    const cpuBefore = cpuTimes();
    startLane();
    scheduler.onProgress = startLane;
    const sample = setTimeout(() => {
      if (startSideBySide(idleCores(cpuBefore, cpuTimes(), availableParallelism()))) atOnce = plan.lanes;
      startLane();
    }, CPU_SAMPLE_MS);
    try {
      // Lanes may be added while earlier ones run.
      for (let i = 0; i < runs.length; i++) await runs[i];
      if (fatal) throw fatal.error;
      const shot = (await Promise.all(lanes.map((l) => l.catch(() => undefined))))
        .filter((l): l is Lane => !!l?.last)
        .sort((a, b) => b.last!.index - a.last!.index)[0];
      if (opts.screenshot && shot) {
        // The page audited last in report order: its lane took no page after it, so its tab still shows it.
        const popup = await shot.launched.context.newPage();
        await popup.setViewportSize({ width: 400, height: 600 }); // the popup's size: its first screen (issue #14)
        await popup.goto(`chrome-extension://${shot.launched.extensionId}/popup.html?tabId=${shot.last!.tabId}`);
        await popup.waitForSelector('[data-testid="summary"]', { timeout: 10_000 }).catch(() => {});
        screenshotPath = join(opts.out, 'popup.png');
        await popup.screenshot({ path: screenshotPath, fullPage: false });
      }
    } finally {
      clearTimeout(sample);
      await Promise.all(lanes.map((opening) => opening.then(closeLane, () => {})));
    }
  }
  const interrupted = scheduler.interrupted;
  // Input order first (seeds and failed checks), then the pages the crawl found.
  const pages: ReportPage[] = [];
  for (const slot of slots) {
    if ('error' in slot) pages.push(slot.error);
    else if (results.has(slot.seed)) pages.push(results.get(slot.seed)!);
  }
  // merge deals a shard's seed pages back into the list's order; the crawl's finds follow them.
  const seedPages = pages.length;
  for (let i = valid.length; results.has(i); i++) pages.push(results.get(i)!);
  for (const i of [...pageErrors.keys()].sort((a, b) => a - b)) errors.push(pageErrors.get(i)!);
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
      ...(opts.timerProbe ? { timerProbe: true } : {}),
      concurrency: plan.lanes,
      ...(freshVisitors ? { freshVisitor: true } : {}),
      ...(interrupted ? { interrupted: true } : {}),
      ...(opts.shard ? { shard: { ...opts.shard, seedPages } } : {}),
    },
    policyObservations: policyObservations(),
    pages,
  });
  const { reportPath, files, diff } = writeOutputs(report, opts.out, opts.formats ?? ['json'], opts.baseline, {
    onlyCurrentPages: !!opts.shard,
  });
  return { report, errors, reportPath, files, screenshotPath, interrupted, diff };
}

export { LaunchError };
