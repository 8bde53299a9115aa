import { z } from 'zod';
import { PART_META, PART_POLICY_TEXT, PART_SIGNALS, PART_STORAGE, cookiePart, hostPart, requestPart } from './page-state-parts';
import {
  ObservedCookieSchema,
  ObservedRequestSchema,
  ObservedStorageSchema,
  PageSignalsSchema,
  RequestKindSchema,
  type ObservedCookie,
  type ObservedRequest,
  type ObservedStorage,
  type PageSignals,
  type RequestKind,
} from './observation';

/**
 * The per-tab, per-page-load record the background keeps in storage.session. Pure reducer
 * functions only: the adapters feed events in, nothing here touches a browser API.
 *
 * Bounds keep storage.session (10 MB quota in Chrome) and worker memory small even on a
 * page with thousands of requests: hosts are aggregated with exact counts; full request
 * records (kept as evidence for findings) are bounded, and what was dropped is counted.
 */
export const LIMITS = {
  /** Third-party request records kept as evidence per page. */
  requests: 800,
  /** Characters of a request URL kept. */
  url: 2048,
  /** Characters of a request body kept. */
  body: 4096,
  storage: 1000,
  storageValue: 256,
  cookies: 1000,
  hosts: 2000,
} as const;

/** Requests remembered per page to recognise an event delivered twice (see recentRequests). */
export const RECENT_REQUESTS = 64;

export const HostAggSchema = z.object({
  requests: z.number().int(),
  kinds: z.array(RequestKindSchema),
  firstTime: z.number(),
  /** Seen only through the content script's resource timing (no webRequest access). */
  resourceTimingOnly: z.boolean().default(false),
  /** Requests per vendor id (a host can serve several vendors by path, e.g. yandex.ru/ads/). */
  vendors: z.record(z.string(), z.number().int()).default({}),
  /** Vendor features seen in requests to this host, e.g. "webvisor". */
  features: z.array(z.string()).default([]),
  /** An image request with a query string (a tracking pixel) or a beacon went to this host. */
  pixel: z.boolean().default(false),
});
export type HostAgg = z.infer<typeof HostAggSchema>;

export const PageStateSchema = z.object({
  pageId: z.string(),
  tabId: z.number().int(),
  url: z.string(),
  /** webRequest requestId of the top-level document: a redirect hop keeps it. */
  mainRequestId: z.string().optional(),
  title: z.string().default(''),
  startedAt: z.number(),
  requestCount: z.number().int().default(0),
  hosts: z.record(z.string(), HostAggSchema),
  requests: z.array(ObservedRequestSchema),
  droppedRequests: z.number().int().default(0),
  storage: z.array(ObservedStorageSchema),
  /** Cookies seen set or changed while the page was open (cookies.onChanged), bounded. */
  cookieEvents: z.array(ObservedCookieSchema),
  signals: PageSignalsSchema,
  /**
   * The top document's Referrer-Policy response header, as sent (policy/referrer.ts computes
   * each request's Referer from it and the page's <meta name="referrer">).
   */
  referrerPolicyHeader: z.string().optional(),
  /**
   * Set when the record was started after the page itself (the worker missed its document
   * request, e.g. right after the browser or the extension started): what happened before
   * this time may be missing, and the UI says so.
   */
  adoptedAt: z.number().optional(),
  /** Changes made to the record, and the change count its last history snapshot saw. */
  rev: z.number().int().default(0),
  savedRev: z.number().int().default(0),
  /**
   * The last requests counted ("requestId:urlHash"), so an event delivered twice (again to a
   * worker started after a stop) is never counted twice. Bounded: replays are recent.
   */
  recentRequests: z.array(z.string()).default([]),
});
export type PageState = z.infer<typeof PageStateSchema>;

let counter = 0;
export function newPageId(now: number): string {
  counter = (counter + 1) % 1e6;
  return `${now.toString(36)}-${counter.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

export function newPage(tabId: number, url: string, now: number): PageState {
  return {
    pageId: newPageId(now),
    tabId,
    url,
    title: '',
    startedAt: now,
    requestCount: 0,
    hosts: {},
    requests: [],
    droppedRequests: 0,
    storage: [],
    cookieEvents: [],
    signals: { typedValues: [], forms: [] },
    rev: 0,
    savedRev: 0,
    recentRequests: [],
  };
}

function truncate(s: string | undefined, n: number): string | undefined {
  if (s === undefined) return undefined;
  return s.length > n ? s.slice(0, n) : s;
}

/** Host of a URL, lowercased; null for malformed URLs and non-network schemes. */
export function safeHost(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:' && u.protocol !== 'wss:' && u.protocol !== 'ws:') return null;
    return u.hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** FNV-1a of a URL, base 36: a short key for recentRequests. */
function urlHash(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    h ^= url.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** What the classifier said about one request (policy/classify.ts), if anything. */
export interface RequestMatch {
  vendorId: string;
  feature?: string;
}

function isPixel(url: string, kind: RequestKind): boolean {
  return kind === 'beacon' || (kind === 'image' && url.includes('?'));
}

function bumpHost(
  state: PageState,
  host: string,
  url: string,
  kind: RequestKind,
  time: number,
  viaRt: boolean,
  match: RequestMatch | null,
): HostAgg | null {
  let agg = state.hosts[host];
  if (!agg) {
    if (Object.keys(state.hosts).length >= LIMITS.hosts) return null;
    agg = { requests: 0, kinds: [], firstTime: time, resourceTimingOnly: viaRt, vendors: {}, features: [], pixel: false };
    state.hosts[host] = agg;
  }
  if (!viaRt) agg.resourceTimingOnly = false;
  agg.requests += 1;
  if (!agg.kinds.includes(kind)) agg.kinds.push(kind);
  if (isPixel(url, kind)) agg.pixel = true;
  if (match) {
    agg.vendors[match.vendorId] = (agg.vendors[match.vendorId] ?? 0) + 1;
    if (match.feature && !agg.features.includes(match.feature)) agg.features.push(match.feature);
  }
  return agg;
}

/**
 * Records one request observed by webRequest. `isThirdParty` is decided by the caller with
 * policy/party.ts (tldts), so this module stays free of domain logic. Returns the storage
 * parts it changed (policy/page-state-parts.ts), so only those are written.
 */
export function addRequest(state: PageState, req: ObservedRequest, isThirdParty: boolean, match: RequestMatch | null = null): string[] {
  if (req.requestId !== undefined) {
    // A redirect hop keeps its requestId with a new URL: a hop is a request of its own.
    const seenKey = `${req.requestId}:${urlHash(req.url)}`;
    if (state.recentRequests.includes(seenKey)) return [];
    state.recentRequests.push(seenKey);
    if (state.recentRequests.length > RECENT_REQUESTS) state.recentRequests.shift();
  }
  state.requestCount += 1;
  const touched = [PART_META];
  const host = safeHost(req.url);
  if (host && bumpHost(state, host, req.url, req.kind, req.time, false, match)) touched.push(hostPart(host));
  if (!isThirdParty) return touched;
  if (state.requests.length >= LIMITS.requests) {
    state.droppedRequests += 1;
    return touched;
  }
  const kept: ObservedRequest = { ...req, url: truncate(req.url, LIMITS.url) ?? '' };
  if (req.body !== undefined) kept.body = truncate(req.body, LIMITS.body);
  if (req.referer !== undefined) kept.referer = truncate(req.referer, LIMITS.url);
  state.requests.push(kept);
  touched.push(requestPart(state.requests.length - 1));
  return touched;
}

/** The top document's Referrer-Policy header (redirect hops: the last response's header wins). */
export function setReferrerPolicyHeader(state: PageState, value: string | undefined): string[] {
  if (state.referrerPolicyHeader === value) return [];
  if (value === undefined) delete state.referrerPolicyHeader;
  else state.referrerPolicyHeader = value.slice(0, 200);
  return [PART_META];
}

/**
 * Resource-timing fallback from the content script: hosts webRequest did not report
 * (store build without <all_urls>) are still listed. Entries for hosts webRequest already
 * saw are ignored, so nothing is counted twice. Returns the storage parts it changed.
 */
export function addResourceTiming(
  state: PageState,
  entries: { url: string; kind: RequestKind; time: number; match: RequestMatch | null }[],
): string[] {
  const touched = new Set<string>();
  for (const e of entries) {
    const host = safeHost(e.url);
    if (!host) continue;
    const agg = state.hosts[host];
    if (agg && !agg.resourceTimingOnly) continue;
    state.requestCount += 1;
    touched.add(PART_META);
    if (bumpHost(state, host, e.url, e.kind, e.time, true, e.match)) touched.add(hostPart(host));
  }
  return [...touched];
}

/** Replaces the storage snapshot of one origin with a fresh one (keys can be removed too). */
export function setStorageSnapshot(state: PageState, origin: string, items: ObservedStorage[], now: number): string[] {
  const previous = new Map(state.storage.filter((s) => (s.origin ?? '') === origin).map((s) => [`${s.area}\u0000${s.key}`, s]));
  const others = state.storage.filter((s) => (s.origin ?? '') !== origin);
  const fresh = items.slice(0, LIMITS.storage).map((s) => {
    const prev = previous.get(`${s.area}\u0000${s.key}`);
    return {
      ...s,
      origin,
      valuePreview: truncate(s.valuePreview, LIMITS.storageValue),
      firstSeen: prev?.firstSeen ?? s.firstSeen ?? now,
    };
  });
  state.storage = [...others, ...fresh].slice(0, LIMITS.storage);
  return [PART_STORAGE];
}

/**
 * Merges what the content script reported; returns the storage parts it changed, none when the
 * report changes nothing (the content script reports again every few seconds; a change would
 * make the open page's history snapshot be taken again).
 */
export function mergeSignals(state: PageState, signals: Partial<PageSignals>): string[] {
  const cur = state.signals;
  let changed = false;
  let policyChanged = false;
  if (signals.title !== undefined && (signals.title !== cur.title || signals.title !== state.title)) {
    cur.title = signals.title;
    state.title = signals.title;
    changed = true;
  }
  // The earliest interaction / consent time wins: later reports never move it.
  const earliest = (had: number | undefined, got: number | undefined) => (got === undefined ? had : Math.min(had ?? Infinity, got));
  const interaction = earliest(cur.firstInteractionAt, signals.firstInteractionAt);
  if (interaction !== cur.firstInteractionAt) {
    cur.firstInteractionAt = interaction;
    changed = true;
  }
  const consent = earliest(cur.consentAcceptedAt, signals.consentAcceptedAt);
  if (consent !== cur.consentAcceptedAt) {
    cur.consentAcceptedAt = consent;
    changed = true;
  }
  if (signals.forms) {
    const forms = signals.forms.slice(0, 50);
    if (JSON.stringify(forms) !== JSON.stringify(cur.forms)) {
      cur.forms = forms;
      changed = true;
    }
  }
  if (signals.hasPolicyLink !== undefined && signals.hasPolicyLink !== cur.hasPolicyLink) {
    cur.hasPolicyLink = signals.hasPolicyLink;
    changed = true;
  }
  if (signals.referrerPolicy !== undefined) {
    const v = signals.referrerPolicy.slice(0, 200);
    if (v !== cur.referrerPolicy) {
      cur.referrerPolicy = v;
      changed = true;
    }
  }
  if (signals.policyText !== undefined) {
    const text = signals.policyText.slice(0, 200_000);
    if (text !== cur.policyText) {
      cur.policyText = text;
      policyChanged = true;
    }
  }
  if (signals.typedValues) {
    const seen = new Set(cur.typedValues.map((v) => `${v.field}\u0000${v.value}`));
    for (const v of signals.typedValues) {
      const k = `${v.field}\u0000${v.value}`;
      if (!seen.has(k) && cur.typedValues.length < 50) {
        cur.typedValues.push({ field: v.field.slice(0, 100), value: v.value.slice(0, 500) });
        seen.add(k);
        changed = true;
      }
    }
  }
  if (!changed && !policyChanged) return [];
  return policyChanged ? [PART_META, PART_SIGNALS, PART_POLICY_TEXT] : [PART_META, PART_SIGNALS];
}

export function cookieKey(c: Pick<ObservedCookie, 'name' | 'domain' | 'path' | 'partitionTopLevelSite'>): string {
  return `${c.name}\u0000${c.domain}\u0000${c.path}\u0000${c.partitionTopLevelSite ?? ''}`;
}

/** Records a cookie set/changed while the page was open; keeps the first time it was seen. */
export function addCookieEvent(state: PageState, cookie: ObservedCookie, now: number): string[] {
  const key = cookieKey(cookie);
  const i = state.cookieEvents.findIndex((c) => cookieKey(c) === key);
  if (i >= 0) {
    state.cookieEvents[i] = { ...cookie, value: cookie.value.slice(0, 256), firstSeen: state.cookieEvents[i].firstSeen ?? now };
    return [cookiePart(i)];
  }
  if (state.cookieEvents.length >= LIMITS.cookies) return [];
  state.cookieEvents.push({ ...cookie, value: cookie.value.slice(0, 256), firstSeen: now });
  return [cookiePart(state.cookieEvents.length - 1)];
}
