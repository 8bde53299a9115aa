import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { aggregatesOf } from '../../policy/history/aggregates';
import { AGGREGATES_KEY, readAggregates, rowSummary } from '../../policy/history/list-check';
import { AggregatesSchema, StoredRowSchema, type PageSummary } from '../../policy/history/schema';
import { rowOf, summarize } from '../../policy/history/summary';
import { DISCLOSURE_VALUES } from '../../policy/report/disclosure';

/**
 * policy/history/list-check.ts must accept exactly what the zod schemas accept and give what
 * they give (issue #5: the audit page's first screen checks rows and aggregates without zod).
 * Compared on real rows, generated ones, and generated ones damaged one field at a time.
 */

/** What the store made of a row with zod (store/history.ts before the lean checks). */
function zodRow(raw: unknown): PageSummary | null {
  const r = StoredRowSchema.safeParse(raw);
  if (!r.success) return null;
  const { h: _h, m: _m, l: _l, i: _i, ...summary } = r.data;
  return summary;
}

function zodAggregates(raw: unknown) {
  const r = AggregatesSchema.safeParse(raw);
  return r.success ? r.data : null;
}

const count = fc.oneof(fc.nat({ max: 50 }), fc.constant(Number.MAX_SAFE_INTEGER));
const positive = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(Number.MAX_SAFE_INTEGER));
const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }));
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__');

const tracker = fc.record(
  {
    vendor: text,
    name: text,
    category: text,
    organization: text,
    disclosure: fc.constantFrom(...DISCLOSURE_VALUES),
  },
  { requiredKeys: ['vendor', 'name', 'category'] },
);

const row = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }),
    url: text,
    finalUrl: text,
    title: text,
    time: fc.double({ noNaN: true, noDefaultInfinity: true }),
    policyVersion: text,
    counts: fc.record({ high: count, medium: count, low: count, info: count }),
    findings: count,
    kinds: fc.array(text, { maxLength: 3 }),
    trackers: fc.array(tracker, { maxLength: 3 }),
    vendorFindings: fc.array(fc.record({ vendor: text, kind: text, n: positive }), { maxLength: 3 }),
    error: text,
    h: count,
    m: count,
    l: count,
    i: count,
  },
  { requiredKeys: ['id', 'url', 'title', 'time', 'policyVersion', 'counts', 'findings', 'kinds', 'trackers', 'vendorFindings', 'h', 'm', 'l', 'i'] },
);

const positives = fc.dictionary(key, positive, { maxKeys: 3 });
const aggregates = fc.record({
  key: fc.constant(AGGREGATES_KEY),
  pages: count,
  urls: count,
  totals: fc.tuple(count, count, count, count),
  kinds: positives,
  vendors: fc.dictionary(key, fc.record({ name: text, pages: positive, findings: positives, disclosures: positives }), { maxKeys: 3 }),
});

/** Values a damaged field may hold. */
const odd = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -1, 0, -0, 1.5, '', 'named', 'x', true, [], {}, [1, 2, 3, 4], Number.MAX_SAFE_INTEGER + 1, { high: 1 }),
  fc.integer(),
  fc.string({ maxLength: 4 }),
);

/** Every path to a value inside `v` (object keys and array indexes). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...at, i], ...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...at, k], ...paths(x, [...at, k]));
  return out;
}

type Damage = { path: number; kind: 'set' | 'delete' | 'extra'; value: unknown };

/** A deep copy of `v` with one field changed, deleted, or an unknown key added beside it. */
function damaged(v: unknown, d: Damage): unknown {
  const copy = structuredClone(v);
  const all = paths(copy);
  if (!all.length) return copy;
  const path = all[d.path % all.length];
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (d.kind === 'set') parent[last] = d.value;
  else if (d.kind === 'delete' && !Array.isArray(parent)) delete parent[last];
  else if (d.kind === 'delete') (parent as unknown as unknown[]).splice(last as number, 1);
  else if (!Array.isArray(parent)) parent.unknownKey = d.value;
  else (parent as unknown as unknown[]).push(d.value);
  return copy;
}

const damage = fc.record({ path: fc.nat(), kind: fc.constantFrom('set' as const, 'delete' as const, 'extra' as const), value: odd });

describe('list-check: the first screen checks rows and aggregates as the zod schemas do', () => {
  it('real rows and aggregates (built by the store functions from synthetic pages) pass unchanged', () => {
    const summaries = [
      { trackers: 3, cookies: 6, requests: 12, url: 'https://pro-medika.ru/' },
      { trackers: 8, cookies: 20, requests: 60, url: 'https://pro-medika.ru/services/urologiya/' },
    ].map((o, i) => {
      const page = buildSynthetic(syntheticPage(o)).page;
      return summarize({ id: `r${i}`, url: o.url, time: 1000 + i, policyVersion: 'v' }, page);
    });
    for (const s of summaries) {
      expect(s.trackers.length).toBeGreaterThan(0);
      expect(rowSummary(rowOf(s))).toStrictEqual(zodRow(rowOf(s)));
      expect(rowSummary(rowOf(s))).toEqual(s);
    }
    const agg = aggregatesOf(summaries);
    expect(readAggregates(agg)).toStrictEqual(zodAggregates(agg));
    expect(readAggregates(agg)).toEqual(agg);
  });

  it('generated rows: the same answer as StoredRowSchema (a copy without h, m, l, i)', () => {
    fc.assert(
      fc.property(row, (r) => {
        const got = rowSummary(r);
        expect(got).not.toBeNull();
        expect(got).toStrictEqual(zodRow(r));
      }),
      { numRuns: 300 },
    );
  });

  it('generated rows damaged in one place: accepted or refused exactly as StoredRowSchema does', () => {
    let refused = 0;
    fc.assert(
      fc.property(row, damage, (r, d) => {
        const x = damaged(r, d);
        const want = zodRow(x);
        if (want === null) refused += 1;
        expect(rowSummary(x)).toStrictEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(500); // the damage does reach the checks
  });

  it('generated aggregates, intact and damaged in one place: the same answer as AggregatesSchema', () => {
    let refused = 0;
    fc.assert(
      fc.property(aggregates, damage, (a, d) => {
        expect(readAggregates(a)).toStrictEqual(zodAggregates(a));
        const x = damaged(a, d);
        const want = zodAggregates(x);
        if (want === null) refused += 1;
        expect(readAggregates(x)).toStrictEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('values that are not objects, and the usual damage, are refused', () => {
    for (const x of [undefined, null, 0, 'row', [], [{}]]) {
      expect(rowSummary(x)).toBeNull();
      expect(readAggregates(x)).toBeNull();
    }
    expect(rowSummary({ id: 'bad', url: 'x', time: 1, h: 9, m: 0, l: 0, i: 0 })).toBeNull();
    expect(readAggregates({ key: AGGREGATES_KEY, pages: -5, urls: 0, totals: [0, 0, 0, 0], kinds: {}, vendors: {} })).toBeNull();
  });

  it('returns copies: the caller may keep or change them without touching the value read', () => {
    const r = fc.sample(row, { numRuns: 1, seed: 5 })[0];
    const s = rowSummary(r)!;
    expect(s.trackers).not.toBe(r.trackers);
    expect(s.kinds).not.toBe(r.kinds);
    expect(s.counts).not.toBe(r.counts);
  });
});
