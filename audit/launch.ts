import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';

/**
 * Launches Debian's Chromium with the built extension, as a default desktop Chrome browses
 * (third-party cookies allowed), for the audit command, the e2e suite and the benchmarks.
 * No test tool downloads a browser: executablePath points at the system Chromium.
 */
export interface LaunchOptions {
  extensionPath?: string;
  chromiumPath?: string;
  /** Chromium --host-resolver-rules, e.g. "MAP * 127.0.0.1:8443". */
  resolverRules?: string;
  ignoreHttpsErrors?: boolean;
  /** Compare with a browser that blocks third-party cookies. */
  blockThirdPartyCookies?: boolean;
  /** Reuse a profile (e.g. to prove history survives a restart). Created when absent. */
  userDataDir?: string;
  headless?: boolean;
  /**
   * Let Playwright close the browser and exit(130) on Ctrl-C (its default). The audit
   * command turns this off: it handles SIGINT itself, finishing the current page and
   * writing what was collected (Playwright starts the browser in its own process group,
   * so a terminal's Ctrl-C does not reach Chromium directly).
   */
  handleSIGINT?: boolean;
  /** Browser UI language (the extension's i18n follows it). Default "ru": Russian first. */
  uiLanguage?: string;
  /**
   * Wait until the worker sees webRequest events before returning (default true). Off, the
   * browser is as a user gets it right after start (tests of the first page after a start).
   */
  probeWebRequest?: boolean;
}

export interface Launched {
  context: BrowserContext;
  extensionId: string | null;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export class LaunchError extends Error {}

export function chromiumPath(explicit?: string): string {
  const p = explicit ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(p))
    throw new LaunchError(
      `Chromium not found at ${p}. Fix: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  return p;
}

/**
 * A fresh profile here blocks third-party cookies; cookie_controls_mode 0 behaves like a
 * default desktop Chrome (verified on Debian Chromium 156, 2026-11). 1 blocks them.
 */
function writePreferences(userDataDir: string, block: boolean): void {
  const dir = join(userDataDir, 'Default');
  mkdirSync(dir, { recursive: true });
  const prefs = join(dir, 'Preferences');
  if (!existsSync(prefs)) writeFileSync(prefs, JSON.stringify({ profile: { cookie_controls_mode: block ? 1 : 0 } }));
}

/**
 * Right after a fresh profile starts, Chromium may not dispatch webRequest events to the
 * extension's new service worker for a moment (seen on Chromium 156, 2026-11-25: the
 * listeners were registered, yet the first page's requests never arrived). Probe with a
 * throwaway navigation until the worker counts a request, so no test or audit page is
 * loaded into that gap. The probe host is reserved (.invalid, RFC 2606).
 */
async function waitForWebRequest(context: BrowserContext, sw: Worker): Promise<void> {
  const seen = () => sw.evaluate(() => (globalThis as { __trackerLensStats?: { requests: number } }).__trackerLensStats?.requests ?? -1);
  if ((await seen()) < 0) return; // not our extension build: nothing to probe
  // The blank tab the browser starts with does the probing and is left blank for the caller
  // (the audit command reuses it): opening a tab costs 0.2 to 0.5 s on a loaded 2-core machine.
  const initial = context.pages().find((p) => p.url() === 'about:blank');
  const probe = initial ?? (await context.newPage());
  try {
    for (let i = 0; i < 40; i++) {
      await probe.goto(`https://tracker-lens-probe.invalid/?${i}`, { timeout: 5000 }).catch(() => {});
      if ((await seen()) > 0) return;
      await probe.waitForTimeout(250);
    }
  } finally {
    if (initial) await probe.goto('about:blank').catch(() => {});
    else await probe.close();
  }
}

/**
 * Chromium keeps only the last --disable-features, so this one replaces Playwright's own
 * list: whatever browser-UI and background work that list switched off is named here again.
 * None of these touch how pages, cookies or the extension behave:
 * - WebUIOmniboxPopup, WebUIOmniboxAimPopup: headless Chromium otherwise preloads the omnibox
 *   popup in a renderer of its own at start-up, competing with the extension's worker for the CPU;
 * - AimEnabled, OptimizationHints, NetworkTimeServiceQuerying, PreconnectToSearch, Translate,
 *   LensOverlay, CertificateTransparencyComponentUpdater: requests to Google at start-up
 *   (with --resolve they reach the replica, e.g. clients2.google.com/time);
 * - DialMediaRouteProvider, MediaRouter: no media-router discovery on the local network.
 */
const DISABLED_FEATURES = [
  'DialMediaRouteProvider',
  'MediaRouter',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'AimEnabled',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'PreconnectToSearch',
  'Translate',
  'LensOverlay',
  'CertificateTransparencyComponentUpdater',
];

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<Launched> {
  const exe = chromiumPath(opts.chromiumPath);
  const owned = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'tracker-lens-profile-'));
  writePreferences(userDataDir, !!opts.blockThirdPartyCookies);
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    `--lang=${opts.uiLanguage ?? 'ru'}`,
  ];
  if (opts.extensionPath) args.push(`--disable-extensions-except=${opts.extensionPath}`, `--load-extension=${opts.extensionPath}`);
  if (opts.resolverRules) args.push(`--host-resolver-rules=${opts.resolverRules}`);
  if (opts.ignoreHttpsErrors) args.push('--ignore-certificate-errors');
  const env = { ...process.env, LANGUAGE: opts.uiLanguage ?? 'ru', LANG: opts.uiLanguage === 'en' ? 'en_US.UTF-8' : 'ru_RU.UTF-8' };
  const context = await chromium.launchPersistentContext(userDataDir, {
    env,
    executablePath: exe,
    headless: opts.headless ?? true,
    args,
    ignoreDefaultArgs: opts.extensionPath ? ['--disable-extensions'] : [],
    ignoreHTTPSErrors: !!opts.ignoreHttpsErrors,
    viewport: { width: 1280, height: 900 },
    locale: opts.uiLanguage === 'en' ? 'en-US' : 'ru-RU',
    handleSIGINT: opts.handleSIGINT ?? true,
  });
  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (existing) return existing;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  let extensionId: string | null = null;
  if (opts.extensionPath) {
    const sw = await serviceWorker();
    extensionId = new URL(sw.url()).host;
    if (opts.probeWebRequest !== false) await waitForWebRequest(context, sw);
  }
  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    close: async () => {
      await context.close().catch(() => {});
      if (owned) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
