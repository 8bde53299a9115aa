import { DISCLOSURE_VALUES } from '../report/disclosure';
import type { Aggregates, PageSummary } from './schema';

/**
 * Lean, zod-free checks of the two values the audit page's first screen reads (issue #5:
 * first render with 10,000 records <= 300 ms): a list row (store "rows",
 * policy/history/schema.ts StoredRowSchema) and the aggregates (store "meta",
 * AggregatesSchema). The zod schemas stay the definition (the store validates everything else
 * with them, and they are what schemas/*.schema.json are generated from); these functions
 * accept exactly what those schemas accept and return what they return (a fresh object,
 * unknown keys dropped), which tests/unit/list-check.test.ts checks on generated and damaged
 * values.
 *
 * Why not zod here (measured 2026-11-29 in Chromium on the bench's 10,000-record history):
 * the first screen's script must not carry zod (the classic API is about 100 KB of minified
 * script; zod/mini shares zod's core with the classic API loaded later, so about 58 KB of it
 * would still be on the first screen's path), and the first validation of 50 rows with zod
 * took about 9 ms, these checks under 1 ms.
 */

/** Key of the aggregates in "meta" (since schema v5). */
export const AGGREGATES_KEY = 'history-aggregates';

type Obj = Record<string, unknown>;

/** What zod's z.object() takes: an object that is not null and not an array. */
function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What zod's z.record() takes: a plain object (structured clones of records are). */
function isRecordObj(x: unknown): x is Obj {
  if (!isObj(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

const isStr = (x: unknown): x is string => typeof x === 'string';
/** z.number(): finite. */
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** z.number().int().nonnegative() */
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
/** z.number().int().positive() */
const isPositive = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;
const isOptStr = (x: unknown): x is string | undefined => x === undefined || isStr(x);
const DISCLOSURES: ReadonlySet<unknown> = new Set(DISCLOSURE_VALUES);

/** A record of positive integers by string key, copied (z.record(z.string(), positive int)); null when invalid. */
function positives(x: unknown): Record<string, number> | null {
  if (!isRecordObj(x)) return null;
  const out: Record<string, number> = {};
  for (const k of Object.keys(x)) {
    if (k === '__proto__') continue; // zod skips it too; assigning it would set the prototype
    const v = x[k];
    if (!isPositive(v)) return null;
    out[k] = v;
  }
  return out;
}

function strings(x: unknown): string[] | null {
  if (!Array.isArray(x)) return null;
  for (const s of x) if (!isStr(s)) return null;
  return x.slice() as string[];
}

/**
 * A stored list row read back as its page summary (the row without its flat severity fields
 * h, m, l, i); null when it does not validate as StoredRowSchema.
 */
export function rowSummary(raw: unknown): PageSummary | null {
  if (!isObj(raw)) return null;
  const r = raw;
  if (!isStr(r.id) || r.id.length < 1 || !isStr(r.url) || !isOptStr(r.finalUrl) || !isStr(r.title) || !isNum(r.time) || !isStr(r.policyVersion)) return null;
  if (!isCount(r.findings) || !isOptStr(r.error) || !isCount(r.h) || !isCount(r.m) || !isCount(r.l) || !isCount(r.i)) return null;
  const c = r.counts;
  if (!isObj(c) || !isCount(c.high) || !isCount(c.medium) || !isCount(c.low) || !isCount(c.info)) return null;
  const kinds = strings(r.kinds);
  if (!kinds || !Array.isArray(r.trackers) || !Array.isArray(r.vendorFindings)) return null;
  const trackers: PageSummary['trackers'] = [];
  for (const t of r.trackers as unknown[]) {
    if (!isObj(t) || !isStr(t.vendor) || !isStr(t.name) || !isStr(t.category) || !isOptStr(t.organization)) return null;
    if (t.disclosure !== undefined && !DISCLOSURES.has(t.disclosure)) return null;
    const tracker: PageSummary['trackers'][number] = { vendor: t.vendor, name: t.name, category: t.category };
    if ('organization' in t) tracker.organization = t.organization;
    if ('disclosure' in t) tracker.disclosure = t.disclosure as PageSummary['trackers'][number]['disclosure'];
    trackers.push(tracker);
  }
  const vendorFindings: PageSummary['vendorFindings'] = [];
  for (const v of r.vendorFindings as unknown[]) {
    if (!isObj(v) || !isStr(v.vendor) || !isStr(v.kind) || !isPositive(v.n)) return null;
    vendorFindings.push({ vendor: v.vendor, kind: v.kind, n: v.n });
  }
  const s: PageSummary = {
    id: r.id,
    url: r.url,
    title: r.title,
    time: r.time,
    policyVersion: r.policyVersion,
    counts: { high: c.high, medium: c.medium, low: c.low, info: c.info },
    findings: r.findings,
    kinds,
    trackers,
    vendorFindings,
  };
  // Optional fields as zod gives them: present (even as undefined) when the input has them.
  if ('finalUrl' in r) s.finalUrl = r.finalUrl;
  if ('error' in r) s.error = r.error;
  return s;
}

/** The stored aggregates, copied; null when they do not validate as AggregatesSchema. */
export function readAggregates(raw: unknown): Aggregates | null {
  if (!isObj(raw)) return null;
  const a = raw;
  if (a.key !== AGGREGATES_KEY || !isCount(a.pages) || !isCount(a.urls)) return null;
  const t = a.totals;
  if (!Array.isArray(t) || t.length !== 4 || !t.every(isCount)) return null;
  const kinds = positives(a.kinds);
  if (!kinds || !isRecordObj(a.vendors)) return null;
  const vendors: Aggregates['vendors'] = {};
  for (const id of Object.keys(a.vendors)) {
    if (id === '__proto__') continue;
    const v = a.vendors[id];
    if (!isObj(v) || !isStr(v.name) || !isPositive(v.pages)) return null;
    const findings = positives(v.findings);
    const disclosures = positives(v.disclosures);
    if (!findings || !disclosures) return null;
    vendors[id] = { name: v.name, pages: v.pages, findings, disclosures };
  }
  return { key: AGGREGATES_KEY, pages: a.pages, urls: a.urls, totals: [t[0], t[1], t[2], t[3]], kinds, vendors };
}
