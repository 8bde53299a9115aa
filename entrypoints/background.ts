import { browser } from 'wxt/browser';
import { AutoSyncingMap, type Change, type PartsCodec } from '@/adapters/auto-syncing-map';
import { readCookies } from '@/adapters/cookies';
import { HistoryQueue } from '@/adapters/history-queue';
import { createTabOrder } from '@/adapters/tab-order';
import { requestClassifier } from '@/policy/classify-staged';
import { pageClassifier } from '@/adapters/ocd-catalogue';
import type { Classifier } from '@/policy/catalogue/schema';
import { isFirstParty, registrableDomain } from '@/policy/party';
import { toRequestKind, initiatorTypeToKind, type ObservedCookie, type ObservedRequest } from '@/policy/observation';
import {
  PageStateSchema,
  addCookieEvent,
  addRequest,
  addResourceTiming,
  mergeSignals,
  newPage,
  safeHost,
  setReferrerPolicyHeader,
  setStorageSnapshot,
  type PageState,
} from '@/policy/page-state';
import { PART_META, joinPageState, pagePart, splitPageState } from '@/policy/page-state-parts';
import { AnyMessageSchema, assertNever, type PageResponse } from '@/policy/messages';
import { relevantCookieSites, isTrackingVendor } from '@/policy/inventory';
import { buildFullPage, buildReport, policyViewData } from '@/policy/report/build';
import type { Report } from '@/policy/report/schema';
import { activeSite } from '@/policy/site/pro-medika';
import { toObservedCookie } from '@/adapters/cookies';
import { recordPageInHistory } from '@/adapters/history-writer';
import { deletePending, listPending, queuePending } from '@/store/pending';
import { historyEnabled } from '@/store/settings';
import { benchMark, exposeForTests } from '@/adapters/test-hooks';

/**
 * The MV3 service worker: a thin adapter from browser events to the pure engine.
 * It keeps no state of its own: per-tab page state lives in storage.session through
 * AutoSyncingMap, history in IndexedDB (store/db.ts). All listeners are registered
 * synchronously at the top of main(), so events that wake a stopped worker are delivered
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
 */
const site = activeSite;

/**
 * Per-string memo, bounded: a page's requests repeat a few hosts and one initiator, and each
 * answer is a URL parse plus tldts lookups of the host and of every site domain.
 */
function memo<T>(fn: (k: string) => T): (k: string) => T {
  const cache = new Map<string, T>();
  return (k) => {
    if (cache.has(k)) return cache.get(k) as T;
    if (cache.size >= 1000) cache.clear();
    const v = fn(k);
    cache.set(k, v);
    return v;
  };
}
const firstPartyHost = memo((host) => isFirstParty(host, site.domains));
const onSiteUrl = memo((url) => {
  const host = safeHost(url);
  return !!host && firstPartyHost(host);
});
const onSite = (url: string | undefined): boolean => !!url && onSiteUrl(url);
const cookieSiteOf = memo((domain) => registrableDomain(domain.replace(/^\./, '')));

interface RequestBodyLike {
  formData?: Record<string, (string | ArrayBuffer)[]>;
  raw?: { bytes?: ArrayBuffer }[];
}

/** Request body as text: form fields URL-encoded, raw bytes decoded as UTF-8. */
function decodeBody(details: { requestBody?: RequestBodyLike | null }): string | undefined {
  const rb = details.requestBody;
  if (!rb) return undefined;
  if (rb.formData) {
    const p = new URLSearchParams();
    for (const [k, vs] of Object.entries(rb.formData))
      for (const v of vs) p.append(k, typeof v === 'string' ? v : new TextDecoder().decode(v));
    return p.toString();
  }
  if (rb.raw) {
    const dec = new TextDecoder('utf-8', { fatal: false });
    let s = '';
    for (const part of rb.raw) if (part.bytes) s += dec.decode(part.bytes);
    return s || undefined;
  }
  return undefined;
}

/**
 * Async listener bodies never throw into the browser: a failure is logged (and, in the audit
 * build, kept in a small ring for the e2e suite) so one bad event never stops the rest.
 */
const recentErrors: string[] = [];
function guard(p: Promise<unknown>, done?: () => void): void {
  if (done) void p.then(done, () => undefined);
  p.catch((e: unknown) => {
    const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    console.error('[tracker-lens]', msg);
    recentErrors.push(msg.slice(0, 2000));
    if (recentErrors.length > 20) recentErrors.shift();
  });
}
/** Event counters for diagnostics (audit build: read by the audit command through the worker; never persisted). */
const stats = { requests: 0, pages: 0, duplicates: 0, endsSkipped: 0 };
exposeForTests({ Errors: recentErrors, Stats: stats });

/**
 * The toolbar button's API: `action` in MV3 (Chromium), `browserAction` in the Firefox MV2
 * build, where `browser.action` is undefined and calling it would throw.
 */
function toolbarAction(): typeof browser.action | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

/** Page records are stored in parts: a write carries only what an event changed. */
const pageStateCodec: PartsCodec<PageState> = { split: splitPageState, part: pagePart, join: joinPageState };

export default defineBackground(() => {
  const tabs = new AutoSyncingMap<PageState>(browser.storage.session, 'tab:', PageStateSchema, 0, pageStateCodec);
  /** A tab's events are applied in arrival order (adapters/tab-order.ts says why). */
  const inTabOrder = createTabOrder();
  const lastBadge = new Map<number, string>();

  const history = new HistoryQueue({
    put: (p) => queuePending(p),
    list: async () => (await listPending()).pages,
    remove: (id) => deletePending(id),
    write: async (p) => {
      const built = buildFullPage(buildInput(p.state, p.cookies, await pageClassifier()));
      await recordPageInHistory(p.state, built.page);
    },
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  exposeForTests({ History: history.stats, Writes: tabs.writes });

  /**
   * Badge: the number of tracking vendors on the tab. Recounted from the record only when a
   * request names a vendor this page has not shown yet (per-request recounts showed in the
   * worker's profile); the per-page set is a cache, rebuilt from the record after a restart.
   */
  const badgeVendors = new Map<number, { pageId: string; ids: Set<string> }>();
  const updateBadge = (state: PageState, vendorId: string) => {
    const known = badgeVendors.get(state.tabId);
    if (known?.pageId === state.pageId && known.ids.has(vendorId)) return;
    const ids = new Set<string>();
    for (const agg of Object.values(state.hosts))
      for (const id of Object.keys(agg.vendors)) if (isTrackingVendor(requestClassifier.vendor(id))) ids.add(id);
    badgeVendors.set(state.tabId, { pageId: state.pageId, ids });
    pendingBadge.set(state.tabId, { pageId: state.pageId, text: ids.size ? String(ids.size) : '' });
    // Tags load in a burst: one badge call per burst, not one per new vendor. The badge is
    // display, not state, so a worker stopped before this runs loses nothing that matters.
    badgeTimer ??= setTimeout(flushBadges, 250);
  };
  const pendingBadge = new Map<number, { pageId: string; text: string }>();
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  const flushBadges = () => {
    badgeTimer = undefined;
    for (const [tabId, { pageId, text }] of pendingBadge) {
      // A badge for a page that has been left meanwhile is not shown on the next one.
      if (badgeVendors.get(tabId)?.pageId !== pageId || lastBadge.get(tabId) === text) continue;
      lastBadge.set(tabId, text);
      void toolbarAction()
        ?.setBadgeText({ tabId, text })
        .catch(() => {});
    }
    pendingBadge.clear();
  };
  // One colour for every badge, set once per worker rather than per tab and count.
  void toolbarAction()
    ?.setBadgeBackgroundColor({ color: '#8a1c1c' })
    .catch(() => {});

  /**
   * A new page in the tab: the browser resets a tab's badge text itself when the tab
   * navigates (chrome.action / MDN action.setBadgeText: "The text is reset when the user
   * navigates this tab to a new page"), so only what this worker remembers is cleared.
   */
  const clearBadge = (tabId: number) => {
    lastBadge.delete(tabId);
    badgeVendors.delete(tabId);
  };

  /**
   * The cookie sites a page record watches, cached per page while its host count is unchanged
   * (cookie changes come in bursts; recomputing registrable domains per change adds up).
   */
  const cookieSiteCache = new Map<string, { hosts: number; sites: Set<string> }>();
  function cookieSitesOf(state: PageState): Set<string> {
    const hosts = Object.keys(state.hosts).length;
    const hit = cookieSiteCache.get(state.pageId);
    if (hit && hit.hosts === hosts) return hit.sites;
    if (cookieSiteCache.size > 50) cookieSiteCache.clear();
    const sites = new Set(relevantCookieSites(state, site.domains));
    cookieSiteCache.set(state.pageId, { hosts, sites });
    return sites;
  }

  function cookiesFor(state: PageState): Promise<ObservedCookie[]> {
    const top = `https://${registrableDomain(safeHost(state.url) ?? site.domains[0])}`;
    return readCookies(relevantCookieSites(state, site.domains), top);
  }

  /** Pages are built with the full catalogue (pageClassifier); requests are classified with requestClassifier. */
  function buildInput(state: PageState, cookies: ObservedCookie[], classifier: Classifier) {
    return {
      state,
      cookies,
      classifier,
      siteDomains: site.domains,
      policyPaths: site.policyPaths,
      consentCookies: site.consentCookies,
    };
  }

  /**
   * Every change to a tab's record goes through here: it counts the change (rev, kept in the
   * meta part) and schedules the page's history snapshot (checkpointSoon), so the page the tab
   * is on reaches the history while it is still open.
   */
  async function changeTab(tabId: number, fn: (s: PageState) => Change): Promise<PageState | undefined> {
    const state = await tabs.update(String(tabId), (s) => {
      const c = fn(s);
      if (c === false || (Array.isArray(c) && c.length === 0)) return c;
      s.rev += 1;
      return Array.isArray(c) ? [...c, PART_META] : c;
    });
    if (state && state.rev !== state.savedRev) checkpointSoon(tabId);
    return state;
  }

  /**
   * A tab on the site without a record: the worker missed the page's document request (right
   * after the browser or the extension started, Chromium may not dispatch webRequest events
   * for a moment; see audit/launch.ts waitForWebRequest). The page is recorded from now on,
   * marked adopted (adoptedAt), rather than not at all. One lookup per tab at a time.
   */
  const adopting = new Map<number, Promise<PageState | undefined>>();
  function adopt(tabId: number): Promise<PageState | undefined> {
    let p = adopting.get(tabId);
    if (p) return p;
    p = (async () => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      const key = String(tabId);
      const existing = await tabs.get(key);
      if (existing) return existing;
      if (!tab?.url || !onSite(tab.url)) return undefined;
      const now = Date.now();
      const state = newPage(tabId, tab.url, now);
      state.adoptedAt = now;
      if (tab.title) state.title = tab.title;
      await tabs.set(key, state);
      stats.pages += 1;
      return state;
    })().finally(() => adopting.delete(tabId));
    adopting.set(tabId, p);
    return p;
  }

  /** changeTab(), adopting the page first when the tab on the site has no record yet. */
  async function changeOrAdopt(tabId: number, fn: (s: PageState) => Change): Promise<PageState | undefined> {
    if (!(await tabs.get(String(tabId))) && !(await adopt(tabId))) return undefined;
    return changeTab(tabId, fn);
  }

  /**
   * History snapshots of open pages: a page's record is queued for history 1 s after its
   * last change, at most 10 s after its first unsaved one (a polling page never goes quiet;
   * a busy page's record can be large, so not more often),
   * under its own pageId, so each snapshot replaces the one before and the final one
   * (endPage) replaces them all. Timers are memory only: a new worker snapshots every record
   * whose changes were not saved (rev != savedRev), so a stop loses nothing.
   */
  const CHECKPOINT_QUIET_MS = 1000;
  const CHECKPOINT_MAX_MS = 10_000;
  // One timer per tab: a change only stamps the time (a clearTimeout/setTimeout pair per
  // request showed in the worker's profile); the timer re-arms itself until the page is quiet.
  const checkpointTimers = new Map<number, { since: number; last: number; timer: ReturnType<typeof setTimeout> }>();
  function checkpointSoon(tabId: number): void {
    const now = Date.now();
    const cur = checkpointTimers.get(tabId);
    if (cur) {
      cur.last = now;
      return;
    }
    const fire = () => {
      const due = Math.min(entry.last + CHECKPOINT_QUIET_MS, entry.since + CHECKPOINT_MAX_MS);
      const wait = due - Date.now();
      if (wait > 0) {
        entry.timer = setTimeout(fire, wait);
        return;
      }
      checkpointTimers.delete(tabId);
      guard(checkpoint(tabId));
    };
    const entry = { since: now, last: now, timer: setTimeout(fire, CHECKPOINT_QUIET_MS) };
    checkpointTimers.set(tabId, entry);
  }

  /** History writes in order: a snapshot never lands after (and over) its page's final record. */
  let historyChain: Promise<void> = Promise.resolve();
  function inHistoryOrder(fn: () => Promise<void>): Promise<void> {
    historyChain = historyChain.catch(() => undefined).then(fn);
    return historyChain;
  }

  function checkpoint(tabId: number): Promise<void> {
    return inHistoryOrder(async () => {
      const key = String(tabId);
      const state = await tabs.get(key);
      if (!state || state.rev === state.savedRev || !(await historyOn())) return;
      const rev = state.rev;
      const cookies = await cookiesFor(state);
      // The page ended meanwhile: its final record is queued, and wins.
      if ((await tabs.get(key))?.pageId !== state.pageId) return;
      await history.enqueue({ pageId: state.pageId, endedAt: Date.now(), state, cookies });
      await tabs.update(key, (s) => {
        if (s.pageId !== state.pageId || s.savedRev >= rev) return false;
        s.savedRev = rev;
        return [PART_META];
      });
    });
  }

  /** Snapshots every open page with unsaved changes now (the audit page asks before it reads). */
  async function checkpointAll(): Promise<string[]> {
    const open = await tabs.entries();
    for (const [key] of open) {
      const tabId = Number(key);
      const t = checkpointTimers.get(tabId);
      if (t) clearTimeout(t.timer);
      checkpointTimers.delete(tabId);
      await checkpoint(tabId);
    }
    return open.map(([, s]) => s.pageId);
  }

  /**
   * "History on" read once per worker and kept current by a storage watcher: a storage.local
   * read at every page end sat on the next page's load path.
   */
  let historyOnCache: Promise<boolean> | null = null;
  const historyOn = () =>
    (historyOnCache ??= historyEnabled.getValue().then(
      (v) => v !== false,
      () => true,
    ));
  historyEnabled.watch((v) => void (historyOnCache = Promise.resolve(v !== false)));

  /**
   * A page load ended (navigation away, tab closed): its state and the cookie jar as it is
   * now are queued for history; the record itself is built when the browser is idle.
   */
  function endPage(state: PageState): Promise<void> {
    const t = checkpointTimers.get(state.tabId);
    if (t) clearTimeout(t.timer);
    checkpointTimers.delete(state.tabId);
    // Unchanged since its last snapshot (cookie changes count as changes): that snapshot is the
    // final record. Reading the jar and queueing the same record again would compete with the
    // next page's load, which starts now.
    if (state.savedRev > 0 && state.savedRev === state.rev) {
      stats.endsSkipped += 1;
      return Promise.resolve();
    }
    return inHistoryOrder(() => writeEnded(state));
  }

  async function writeEnded(state: PageState): Promise<void> {
    try {
      if (!(await historyOn())) return;
      const cookies = await cookiesFor(state);
      const pending = { pageId: state.pageId, endedAt: Date.now(), state, cookies };
      try {
        await history.enqueue(pending);
      } catch (e) {
        // The queue could not be written (e.g. quota): build now rather than lose the page.
        console.warn('[tracker-lens] history queue write failed, writing directly', e);
        await recordPageInHistory(state, buildFullPage(buildInput(state, cookies, await pageClassifier())).page);
      }
    } catch (e) {
      console.warn('[tracker-lens] history write failed', e);
    }
  }

  /** The tab's page ended: its record leaves the map in event order; history is written after. */
  async function finalize(tabId: number): Promise<void> {
    const prev = await inTabOrder(tabId, async () => {
      const state = await tabs.get(String(tabId));
      if (state) await tabs.delete(String(tabId));
      return state;
    });
    if (prev) await endPage(prev);
  }

  // --- webRequest: every request of the page and its frames ---
  // One non-blocking listener without "extraHeaders": the Referer is computed from the
  // page's referrer policy (policy/referrer.ts) and cookie setting is read from
  // cookies.onChanged, because header listeners with extraHeaders cost page-load time.
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      stats.requests += 1;
      if (details.tabId < 0) return undefined;
      history.touch();
      // Cold-start benchmark (audit build only): this worker's first request, received and handled.
      const first = stats.requests === 1;
      if (first) benchMark('tl:first-request');
      guard(
        inTabOrder(details.tabId, async () => {
          const tabId = details.tabId;
          const time = details.timeStamp;
          if (details.type === 'main_frame') {
            const key = String(tabId);
            const prev = await tabs.get(key);
            // A redirect hop keeps the requestId: same page load, new URL.
            if (prev && prev.mainRequestId === details.requestId) {
              await changeTab(tabId, (s) => {
                s.url = details.url;
                return [PART_META];
              });
              return;
            }
            // Swap the record first (no await in between), so the new page's first
            // subresource requests can never land in the old record; history is queued after.
            if (onSite(details.url)) {
              const state = newPage(tabId, details.url, time);
              state.mainRequestId = details.requestId;
              addRequest(
                state,
                {
                  url: details.url,
                  requestId: details.requestId,
                  method: details.method,
                  kind: 'document',
                  time,
                  frameId: 0,
                  via: 'webRequest',
                },
                false,
              );
              await tabs.set(key, state);
              stats.pages += 1;
              checkpointSoon(tabId);
            } else if (prev) {
              await tabs.delete(key);
            }
            clearBadge(tabId);
            // Not awaited: the new page's events must not wait for the old page's history write.
            if (prev) guard(endPage(prev));
            return;
          }
          const host = safeHost(details.url);
          const body = decodeBody(details as { requestBody?: RequestBodyLike | null });
          const req: ObservedRequest = {
            url: details.url,
            requestId: details.requestId,
            method: details.method,
            kind: toRequestKind(details.type),
            time,
            frameId: details.frameId,
            ...(details.initiator ? { initiator: details.initiator } : {}),
            ...(body ? { body } : {}),
            via: 'webRequest',
          };
          const third = host ? !firstPartyHost(host) : false;
          const match = requestClassifier.matchUrl(details.url);
          // A request from a page on the site (frame 0) of a tab without a record: adopt the page.
          const fromSite = details.frameId === 0 && onSite(details.initiator);
          const apply = (s: PageState) => {
            const parts = addRequest(s, req, third, match);
            if (!parts.length) stats.duplicates += 1; // an event delivered again (see recentRequests)
            return parts;
          };
          const state = fromSite ? await changeOrAdopt(tabId, apply) : await changeTab(tabId, apply);
          if (state && match) updateBadge(state, match.vendorId);
        }),
        first ? () => benchMark('tl:first-request-handled') : undefined,
      );
      return undefined;
    },
    { urls: ['<all_urls>'] },
    ['requestBody'],
  );

  // The top document's Referrer-Policy header: one event per navigation (main_frame only),
  // no extraHeaders needed (only Set-Cookie and a few request headers are hidden without it).
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      if (details.tabId < 0) return undefined;
      const header = details.responseHeaders?.filter((h) => h.name.toLowerCase() === 'referrer-policy').map((h) => h.value ?? '');
      const value = header?.length ? header.join(',') : undefined;
      guard(
        inTabOrder(details.tabId, () =>
          changeTab(details.tabId, (s) => (s.mainRequestId === details.requestId ? setReferrerPolicyHeader(s, value) : false)),
        ),
      );
      return undefined;
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
    ['responseHeaders'],
  );

  // --- cookies changed while a watched page is open ---
  browser.cookies.onChanged.addListener((change) => {
    // An overwrite comes as a removal and then the new cookie: the second event records it.
    if (change.removed && change.cause === 'overwrite') return;
    guard(
      (async () => {
        const cookie = toObservedCookie(change.cookie as Parameters<typeof toObservedCookie>[0]);
        const cookieSite = cookieSiteOf(cookie.domain);
        const now = Date.now();
        for (const [key, state] of await tabs.entries()) {
          if (!cookieSitesOf(state).has(cookieSite)) continue;
          // A removal is not a cookie the page set, but the jar the record ends with changed:
          // the page's next snapshot must read it again (endPage skips unchanged pages).
          await changeTab(Number(key), (s) => (change.removed ? [PART_META] : addCookieEvent(s, cookie, now)));
        }
      })(),
    );
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    lastBadge.delete(tabId);
    badgeVendors.delete(tabId);
    guard(finalize(tabId));
  });

  // Host access to every site (audit build, or granted at runtime from the popup): cached,
  // and refreshed when the user grants or removes it.
  let allUrls: Promise<boolean> | null = null;
  const allUrlsAccess = () => (allUrls ??= browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => false));
  browser.permissions.onAdded.addListener(() => void (allUrls = null));
  browser.permissions.onRemoved.addListener(() => void (allUrls = null));

  // A browser start: pages queued before the browser closed are built when it is quiet.
  browser.runtime.onStartup.addListener(() => guard(history.start()));

  // --- messages: content script and extension pages, validated on receipt ---
  browser.runtime.onMessage.addListener((raw, sender) => {
    const parsed = AnyMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('[tracker-lens] rejected message', parsed.error.message.slice(0, 200));
      return undefined;
    }
    const msg = parsed.data;
    const tabId = sender.tab?.id;
    switch (msg.type) {
      case 'content/storage': {
        if (tabId === undefined || !sender.url) return undefined;
        const origin = new URL(sender.url).origin;
        guard(inTabOrder(tabId, () => changeOrAdopt(tabId, (s) => setStorageSnapshot(s, origin, msg.items, Date.now()))));
        return undefined;
      }
      case 'content/signals': {
        if (tabId === undefined) return undefined;
        // Only the top frame reports page-level signals.
        if (sender.frameId !== 0) return undefined;
        guard(inTabOrder(tabId, () => changeOrAdopt(tabId, (s) => mergeSignals(s, msg.signals))));
        return undefined;
      }
      case 'content/resources': {
        if (tabId === undefined) return undefined;
        return Promise.all([allUrlsAccess(), tabs.get(String(tabId))]).then(([all, state]) => {
          // With host access to every site webRequest sees each request: the fallback adds
          // nothing, so the content script is told to stop sending (unless the page was adopted:
          // its first requests were missed, and resource timing has them).
          if (all && !state?.adoptedAt) return { more: false };
          const entries = msg.entries.map((e) => ({
            url: e.url,
            kind: initiatorTypeToKind(e.initiatorType),
            time: e.time,
            match: requestClassifier.matchUrl(e.url),
          }));
          guard(inTabOrder(tabId, () => changeTab(tabId, (s) => addResourceTiming(s, entries))));
          return { more: true };
        });
      }
      case 'ui/getPage':
        return getPageResponse(msg.tabId);
      case 'ui/getReport':
        return getReportResponse(msg.tabId);
      case 'ui/flushHistory':
        // Open pages are snapshotted first, so the audit page lists them too (marked open).
        return checkpointAll().then(async (open) => ({ ok: true as const, written: await history.flush(), open }));
      default:
        return assertNever(msg);
    }
  });

  // A new worker (first install, or woken after being stopped): finish what an earlier one queued,
  // and snapshot the open pages whose last changes an earlier worker had not saved yet.
  guard(history.start());
  guard(
    tabs.entries().then((open) => {
      for (const [key, s] of open) if (s.rev !== s.savedRev) checkpointSoon(Number(key));
    }),
  );

  // The tab left the site for a page this build has no host access to (its document request is
  // not seen): the page on the site ended.
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.status !== 'loading' || onSite(tab.url)) return;
    guard(
      (async () => {
        if (await tabs.get(String(tabId))) await finalize(tabId);
      })(),
    );
  });

  async function getPageResponse(tabId: number): Promise<PageResponse> {
    await tabs.flush();
    // No adoption here: a tab opened before the extension was installed has no content script,
    // and a record started by opening the popup would show an empty page as if observed.
    const state = await tabs.get(String(tabId));
    if (!state) {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      return onSite(tab?.url) ? { status: 'no-data' } : { status: 'not-watched' };
    }
    const built = buildFullPage(buildInput(state, await cookiesFor(state), await pageClassifier()));
    const limitedAccess = !(await allUrlsAccess());
    return {
      status: 'watched',
      pageId: state.pageId,
      startedAt: state.startedAt,
      page: built.page,
      identifiers: built.identifiers,
      policyView: policyViewData(built.page),
      limitedAccess,
      ...(state.adoptedAt !== undefined ? { adoptedAt: state.adoptedAt } : {}),
    };
  }

  async function getReportResponse(tabId?: number): Promise<Report> {
    const states =
      tabId === undefined ? (await tabs.entries()).map(([, s]) => s) : [await tabs.get(String(tabId))].filter((s): s is PageState => !!s);
    const pages = [];
    const classifier = await pageClassifier();
    for (const s of states) pages.push(buildFullPage(buildInput(s, await cookiesFor(s), classifier)).page);
    return buildReport(pages, browser.runtime.getManifest().version);
  }
});
