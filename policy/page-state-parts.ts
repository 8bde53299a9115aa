import type { HostAgg, PageState } from './page-state';
import { fnv1a64 } from './fnv1a';

/**
 * How a page record is laid out in storage.session: in parts, so a write carries only what
 * an event changed.
 *
 * Why: the service worker writes through on every task (it can be stopped at any moment), and
 * writing the whole record each time was the worker's largest CPU cost during a page load.
 * In parts, a request writes the small meta part, its host's bucket and its own evidence
 * entry (the list is append-only, so earlier entries are never written again).
 *
 * Parts:
 *   m   meta: every scalar field of the record (ids, url, title, counts, policy header)
 *   g   page signals except the policy text
 *   p   the policy page's text (only on the policy page; up to 200,000 characters)
 *   s   storage keys snapshot
 *   C<i> the i-th cookie set while the page was open (one key each: a cookie change writes
 *        only that cookie; a tag sets several at once, and the list can hold 1,000)
 *   H<b> hosts whose name hashes to bucket b (HOST_BUCKETS buckets)
 *   R<i> third-party request evidence, REQUESTS_PER_CHUNK per chunk, append-only (one
 *        request per key: a request body can be 4 KB, and a chunk is rewritten while it fills)
 */

export const HOST_BUCKETS = 32;
export const REQUESTS_PER_CHUNK = 1;

export const PART_META = 'm';
export const PART_SIGNALS = 'g';
export const PART_POLICY_TEXT = 'p';
export const PART_STORAGE = 's';

/** A hash of the host: stable across worker restarts, unlike any per-run order. Cached: every request asks. */
const buckets = new Map<string, number>();
function bucketOf(host: string): number {
  let b = buckets.get(host);
  if (b === undefined) {
    if (buckets.size > 4096) buckets.clear();
    b = Number.parseInt(fnv1a64(host).slice(-8), 16) % HOST_BUCKETS;
    buckets.set(host, b);
  }
  return b;
}

export function hostPart(host: string): string {
  return `H${bucketOf(host)}`;
}

/** The part that holds the cookie event at `index` of state.cookieEvents. */
export function cookiePart(index: number): string {
  return `C${index}`;
}

/** The chunk that holds the request at `index` of state.requests. */
export function requestPart(index: number): string {
  return `R${Math.floor(index / REQUESTS_PER_CHUNK)}`;
}

/** The record's lists and maps; every other field of PageState belongs to the meta part. */
const NOT_META = new Set(['hosts', 'requests', 'storage', 'cookieEvents', 'signals']);

function metaOf(s: PageState): Record<string, unknown> {
  // A plain loop, not rest destructuring: this runs on every request, and V8's
  // CopyDataProperties with excluded keys showed in the worker's profile (2026-11-29).
  const meta: Record<string, unknown> = {};
  for (const k in s) if (!NOT_META.has(k)) meta[k] = (s as Record<string, unknown>)[k];
  return meta;
}

function signalsOf(s: PageState): Record<string, unknown> {
  const { policyText: _p, ...rest } = s.signals;
  return rest;
}

function hostBucket(s: PageState, b: number): Record<string, HostAgg> | undefined {
  let out: Record<string, HostAgg> | undefined;
  for (const [host, agg] of Object.entries(s.hosts)) {
    if (bucketOf(host) !== b) continue;
    (out ??= {})[host] = agg;
  }
  return out;
}

function requestChunk(s: PageState, i: number) {
  const chunk = s.requests.slice(i * REQUESTS_PER_CHUNK, (i + 1) * REQUESTS_PER_CHUNK);
  return chunk.length ? chunk : undefined;
}

/** One part's value, or undefined when the record has no such part (it is then removed). */
export function pagePart(s: PageState, name: string): unknown {
  switch (name) {
    case PART_META:
      return metaOf(s);
    case PART_SIGNALS:
      return signalsOf(s);
    case PART_POLICY_TEXT:
      return s.signals.policyText;
    case PART_STORAGE:
      return s.storage;
  }
  const n = Number(name.slice(1));
  if (!Number.isInteger(n) || n < 0) return undefined;
  if (name[0] === 'H' && n < HOST_BUCKETS) return hostBucket(s, n);
  if (name[0] === 'R') return requestChunk(s, n);
  if (name[0] === 'C') return s.cookieEvents[n];
  return undefined;
}

/** Every part of the record. */
export function splitPageState(s: PageState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    [PART_META]: metaOf(s),
    [PART_SIGNALS]: signalsOf(s),
    [PART_STORAGE]: s.storage,
  };
  s.cookieEvents.forEach((c, i) => (out[cookiePart(i)] = c));
  if (s.signals.policyText !== undefined) out[PART_POLICY_TEXT] = s.signals.policyText;
  for (const [host, agg] of Object.entries(s.hosts)) ((out[hostPart(host)] ??= {}) as Record<string, HostAgg>)[host] = agg;
  for (let i = 0; i * REQUESTS_PER_CHUNK < s.requests.length; i++) out[`R${i}`] = requestChunk(s, i);
  return out;
}

/**
 * Reassembles a record from its stored parts. Unvalidated: the caller validates the result
 * with PageStateSchema (a part that is missing or malformed makes the record fail there).
 */
export function joinPageState(parts: Record<string, unknown>): unknown {
  const meta = parts[PART_META];
  if (!meta || typeof meta !== 'object') return undefined;
  const hosts: Record<string, unknown> = {};
  const chunks: [number, unknown][] = [];
  const cookies: [number, unknown][] = [];
  for (const [name, v] of Object.entries(parts)) {
    if (name[0] === 'H' && v && typeof v === 'object') Object.assign(hosts, v);
    else if (name[0] === 'R') chunks.push([Number(name.slice(1)), v]);
    else if (name[0] === 'C') cookies.push([Number(name.slice(1)), v]);
  }
  // A gap in the numbers means a lost part: keep what is contiguous from the start.
  const contiguous = (list: [number, unknown][]) => {
    list.sort((a, b) => a[0] - b[0]);
    const out: unknown[] = [];
    for (let i = 0; i < list.length && list[i][0] === i; i++) out.push(list[i][1]);
    return out;
  };
  const requests = contiguous(chunks).flatMap((c) => (Array.isArray(c) ? c : []));
  const signals = { ...((parts[PART_SIGNALS] as object | undefined) ?? {}) } as Record<string, unknown>;
  if (typeof parts[PART_POLICY_TEXT] === 'string') signals.policyText = parts[PART_POLICY_TEXT];
  return {
    ...(meta as object),
    hosts,
    requests,
    storage: parts[PART_STORAGE] ?? [],
    cookieEvents: contiguous(cookies),
    signals,
  };
}
