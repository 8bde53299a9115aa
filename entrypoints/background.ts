import { browser } from 'wxt/browser';
import { AutoSyncingMap } from '@/adapters/auto-syncing-map';
import { readCookies } from '@/adapters/cookies';
import { defaultClassifier } from '@/policy/classify';
import { isFirstParty, registrableDomain } from '@/policy/party';
import { toRequestKind, initiatorTypeToKind, type ObservedRequest } from '@/policy/observation';
import {
  PageStateSchema,
  addCookieEvent,
  addRequest,
  addResourceTiming,
  annotateRequest,
  markSetCookie,
  mergeSignals,
  newPage,
  safeHost,
  setStorageSnapshot,
  type PageState,
} from '@/policy/page-state';
import { AnyMessageSchema, assertNever, type PageResponse } from '@/policy/messages';
import { relevantCookieSites, isTrackingVendor } from '@/policy/inventory';
import { buildFullPage, buildReport, policyViewData } from '@/policy/report/build';
import type { Report } from '@/policy/report/schema';
import { activeSite } from '@/policy/site/pro-medika';
import { toObservedCookie } from '@/adapters/cookies';
import { recordPageInHistory } from '@/adapters/history-writer';

/**
 * The MV3 service worker: a thin adapter from browser events to the pure engine.
 * It keeps no state of its own: per-tab page state lives in storage.session through
 * AutoSyncingMap, history in IndexedDB (store/db.ts). All listeners are registered
 * synchronously at the top of main(), so events that wake a stopped worker are delivered
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
 */
const site = activeSite;
const onSite = (url: string | undefined): boolean => {
  const host = url ? safeHost(url) : null;
  return !!host && isFirstParty(host, site.domains);
};

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
    for (const [k, vs] of Object.entries(rb.formData)) for (const v of vs) p.append(k, typeof v === 'string' ? v : new TextDecoder().decode(v));
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

function headerValue(headers: { name: string; value?: string }[] | undefined, name: string): string | undefined {
  const h = headers?.find((x) => x.name.toLowerCase() === name);
  return h?.value;
}

/** extraHeaders is needed in Chrome to see Referer/Set-Cookie; Firefox rejects the unknown value. */
function extraHeaders(): string[] {
  const wr = browser.webRequest as unknown as { OnSendHeadersOptions?: Record<string, string> };
  return wr.OnSendHeadersOptions?.EXTRA_HEADERS ? ['extraHeaders'] : [];
}

/**
 * Async listener bodies never throw into the browser: a failure is logged and kept in a
 * small ring (read by e2e tests through the worker) so one bad event never stops the rest.
 */
const recentErrors: string[] = [];
function guard(p: Promise<unknown>): void {
  p.catch((e: unknown) => {
    const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    console.error('[tracker-lens]', msg);
    recentErrors.push(msg.slice(0, 2000));
    if (recentErrors.length > 20) recentErrors.shift();
  });
}
/** Event counters for diagnostics (read by e2e tests through the worker; never persisted). */
const stats = { requests: 0, pages: 0 };
Object.assign(globalThis, { __trackerLensErrors: recentErrors, __trackerLensStats: stats });

export default defineBackground(() => {
  const tabs = new AutoSyncingMap<PageState>(browser.storage.session, 'tab:', PageStateSchema);
  const lastBadge = new Map<number, string>();

  const updateBadge = (state: PageState) => {
    const vendors = new Set<string>();
    for (const agg of Object.values(state.hosts))
      for (const id of Object.keys(agg.vendors)) if (isTrackingVendor(defaultClassifier.vendor(id))) vendors.add(id);
    const text = vendors.size ? String(vendors.size) : '';
    if (lastBadge.get(state.tabId) === text) return;
    lastBadge.set(state.tabId, text);
    void browser.action.setBadgeText({ tabId: state.tabId, text }).catch(() => {});
    void browser.action.setBadgeBackgroundColor({ tabId: state.tabId, color: '#8a1c1c' }).catch(() => {});
  };

  const clearBadge = (tabId: number) => {
    lastBadge.delete(tabId);
    void browser.action.setBadgeText({ tabId, text: '' }).catch(() => {});
  };

  /** Ends a page record: removes it from the tab map now, writes it to history in the background. */
  async function finalize(tabId: number): Promise<void> {
    const prev = await tabs.get(String(tabId));
    if (!prev) return;
    await tabs.delete(String(tabId));
    void persist(prev);
  }

  async function persist(state: PageState): Promise<void> {
    try {
      const built = await buildForState(state);
      await recordPageInHistory(state, built.page);
    } catch (e) {
      console.warn('[tracker-lens] history write failed', e);
    }
  }

  async function buildForState(state: PageState) {
    const sites = relevantCookieSites(state, site.domains);
    const top = `https://${registrableDomain(safeHost(state.url) ?? site.domains[0])}`;
    const cookies = await readCookies(sites, top);
    return buildFullPage({
      state,
      cookies,
      classifier: defaultClassifier,
      siteDomains: site.domains,
      policyPaths: site.policyPaths,
      consentCookies: site.consentCookies,
    });
  }

  // --- webRequest: every request of the page and its frames ---
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      stats.requests += 1;
      guard((async () => {
        const tabId = details.tabId;
        if (tabId < 0) return;
        const time = details.timeStamp;
        if (details.type === 'main_frame') {
          const key = String(tabId);
          const prev = await tabs.get(key);
          // A redirect hop keeps the requestId: same page load, new URL.
          if (prev && prev.mainRequestId === details.requestId) {
            await tabs.update(key, (s) => void (s.url = details.url));
            return;
          }
          // Swap the record first (no await in between), so the new page's first
          // subresource requests can never land in the old record; history is written after.
          if (onSite(details.url)) {
            const state = newPage(tabId, details.url, time);
            state.mainRequestId = details.requestId;
            addRequest(state, { url: details.url, requestId: details.requestId, method: details.method, kind: 'document', time, frameId: 0, via: 'webRequest' }, false);
            await tabs.set(key, state);
            stats.pages += 1;
          } else if (prev) {
            await tabs.delete(key);
          }
          clearBadge(tabId);
          if (prev) void persist(prev);
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
        const third = host ? !isFirstParty(host, site.domains) : false;
        const match = defaultClassifier.matchUrl(details.url);
        const state = await tabs.update(String(tabId), (s) => addRequest(s, req, third, match));
        if (state && match) updateBadge(state);
      })());
      return undefined;
    },
    { urls: ['<all_urls>'] },
    ['requestBody'],
  );

  browser.webRequest.onSendHeaders.addListener(
    (details) => {
      if (details.tabId < 0 || details.type === 'main_frame') return;
      const referer = headerValue(details.requestHeaders, 'referer');
      if (!referer) return;
      // Only requests the page record keeps as evidence carry a Referer; others change nothing.
      void tabs.update(String(details.tabId), (s) => annotateRequest(s, details.requestId, { referer }));
    },
    { urls: ['<all_urls>'] },
    ['requestHeaders', ...extraHeaders()] as never,
  );

  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      if (details.tabId < 0) return undefined;
      const setsCookie = details.responseHeaders?.some((h) => h.name.toLowerCase() === 'set-cookie') ?? false;
      const host = safeHost(details.url);
      void tabs.update(String(details.tabId), (s) => {
        const kept = annotateRequest(s, details.requestId, { setCookie: setsCookie, statusCode: details.statusCode });
        const flagged = setsCookie && host ? markSetCookie(s, host) : false;
        return kept || flagged;
      });
      return undefined;
    },
    { urls: ['<all_urls>'] },
    ['responseHeaders', ...extraHeaders()] as never,
  );

  // --- cookies changed while a watched page is open ---
  browser.cookies.onChanged.addListener((change) => {
    if (change.removed) return;
    void (async () => {
      const cookie = toObservedCookie(change.cookie as Parameters<typeof toObservedCookie>[0]);
      const cookieSite = registrableDomain(cookie.domain.replace(/^\./, ''));
      for (const [key, state] of await tabs.entries()) {
        const sites = relevantCookieSites(state, site.domains);
        if (sites.includes(cookieSite)) await tabs.update(key, (s) => addCookieEvent(s, cookie, Date.now()));
      }
    })();
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    lastBadge.delete(tabId);
    void finalize(tabId);
  });

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
        void tabs.update(String(tabId), (s) => setStorageSnapshot(s, origin, msg.items, Date.now()));
        return undefined;
      }
      case 'content/signals': {
        if (tabId === undefined) return undefined;
        // Only the top frame reports page-level signals.
        if (sender.frameId !== 0) return undefined;
        void tabs.update(String(tabId), (s) => mergeSignals(s, msg.signals));
        return undefined;
      }
      case 'content/resources': {
        if (tabId === undefined) return undefined;
        const entries = msg.entries.map((e) => ({
          url: e.url,
          kind: initiatorTypeToKind(e.initiatorType),
          time: e.time,
          match: defaultClassifier.matchUrl(e.url),
        }));
        void tabs.update(String(tabId), (s) => addResourceTiming(s, entries));
        return undefined;
      }
      case 'ui/getPage':
        return getPageResponse(msg.tabId);
      case 'ui/getReport':
        return getReportResponse(msg.tabId);
      default:
        return assertNever(msg);
    }
  });

  async function getPageResponse(tabId: number): Promise<PageResponse> {
    await tabs.flush();
    const state = await tabs.get(String(tabId));
    if (!state) {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      return onSite(tab?.url) ? { status: 'no-data' } : { status: 'not-watched' };
    }
    const built = await buildForState(state);
    const limitedAccess = !(await browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => false));
    return {
      status: 'watched',
      pageId: state.pageId,
      startedAt: state.startedAt,
      page: built.page,
      identifiers: built.identifiers,
      policyView: policyViewData(built.page),
      limitedAccess,
    };
  }

  async function getReportResponse(tabId?: number): Promise<Report> {
    const states = tabId === undefined ? (await tabs.entries()).map(([, s]) => s) : [await tabs.get(String(tabId))].filter((s): s is PageState => !!s);
    const pages = [];
    for (const s of states) pages.push((await buildForState(s)).page);
    return buildReport(pages, browser.runtime.getManifest().version);
  }
});
