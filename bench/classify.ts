/**
 * Classification benchmark (issue #2): our classifier vs @ghostery/adblocker's FiltersEngine
 * loaded with the SAME host rules, over the Ghostery request corpus (bench/data, MPL-2.0 notice
 * in bench/data/SOURCE.md). Run: npx tsx bench/classify.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import { createClassifier } from '../policy/classify';
import { catalogue, curatedVendors, ocdTable } from '../policy/catalogue';
import type { BenchRow } from './util';

export type Row = BenchRow;

interface CorpusRequest {
  url: string;
  sourceUrl: string;
  type: string;
}

const here = dirname(fileURLToPath(import.meta.url));

export function loadCorpus(): CorpusRequest[] {
  return (JSON.parse(readFileSync(join(here, 'data', 'ghostery-test-requests.json'), 'utf8')) as { requests: CorpusRequest[] }).requests;
}

/** `||host^` for whole hosts, `||host/path` for path entries: the same rules our classifier uses. */
export function ghosteryFilters(): string[] {
  const out = new Set<string>();
  for (const v of curatedVendors) {
    for (const h of v.hosts) {
      if (!h.paths || h.paths.length === 0) out.add(`||${h.host}^`);
      else for (const p of h.paths) out.add(`||${h.host}${p}`);
    }
  }
  return [...out];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** ns per item of one timed pass over `items`. */
function pass<T>(items: T[], fn: (x: T) => unknown): number {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (const x of items) if (fn(x)) sink++;
  const ns = Number(process.hrtime.bigint() - t0) / items.length;
  if (sink < 0) console.log(sink); // keep the work observable
  return ns;
}

/**
 * Interleaved measurement: each round times every contender once, in rotating order, so
 * machine noise (frequency scaling, other processes) hits all of them alike. After `warmup`
 * untimed rounds, the median pass of each contender is reported (ns per item).
 */
function measureInterleaved(contenders: (() => number)[], rounds = 9, warmup = 3): number[] {
  for (let w = 0; w < warmup; w++) for (const c of contenders) c();
  const times = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < contenders.length; k++) {
      const i = (r + k) % contenders.length;
      times[i].push(contenders[i]());
    }
  return times.map(median);
}

export async function benchClassify(): Promise<Row[]> {
  const corpus = loadCorpus();
  const ours = createClassifier(catalogue);
  const engine = FiltersEngine.parse(ghosteryFilters().join('\n'));
  // Requests are built once, outside the timed loop, as a browser hands them over pre-parsed.
  const ghosteryRequests = corpus.map((r) => Request.fromRawDetails({ url: r.url, sourceUrl: r.sourceUrl, type: r.type as never }));
  const urls = corpus.map((r) => r.url);

  // Ghostery also including its own URL parsing (Request.fromRawDetails): the fair end-to-end figure.
  const [oursNs, ghostNs, ghostE2eNs] = measureInterleaved([
    () => pass(urls, (u) => ours.matchUrl(u)),
    () => pass(ghosteryRequests, (req) => engine.match(req).match),
    () => pass(corpus, (r) => engine.match(Request.fromRawDetails({ url: r.url, sourceUrl: r.sourceUrl, type: r.type as never })).match),
  ]);

  const ourHits = urls.filter((u) => ours.matchUrl(u) !== null).length;
  const ghostHits = ghosteryRequests.filter((req) => engine.match(req).match).length;

  const names = [...new Set(ocdTable.rows.map((r) => r[1]))];
  for (let i = 0; i < 2000; i++) names.push(`_ym_visorc_${i}`, `_ga_${(i * 7919).toString(36).toUpperCase()}`, `site_cookie_${i}`, `x${i}`);
  const [cookieNs] = measureInterleaved([() => pass(names, (n) => ours.matchCookie(n))]);

  return [
    { name: 'corpus requests', value: corpus.length, unit: 'items' },
    { name: 'ours matchUrl', value: round(oursNs), unit: 'ns/item', note: `${ourHits} matched` },
    {
      name: 'ghostery engine.match (pre-parsed Request)',
      value: round(ghostNs),
      unit: 'ns/item',
      note: `${ghostHits} matched, ${ghosteryFilters().length} filters`,
    },
    { name: 'ghostery fromRawDetails + match', value: round(ghostE2eNs), unit: 'ns/item' },
    {
      name: 'ratio ghostery/ours (pre-parsed)',
      value: round(ghostNs / oursNs),
      unit: 'x',
      target: { op: '>=', value: 1 },
      note: 'ours must be faster: > 1',
    },
    { name: 'ratio ghostery/ours (end to end)', value: round(ghostE2eNs / oursNs), unit: 'x', target: { op: '>=', value: 1 } },
    { name: 'ours matchCookie', value: round(cookieNs), unit: 'ns/item', note: `${names.length} names (OCD + synthetic)` },
  ];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  benchClassify().then(
    (rows) => console.table(rows),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
