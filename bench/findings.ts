/**
 * Findings engine (issue #5): computeFindings on a synthetic page with 800 requests and 150
 * cookies, and the whole per-page pipeline (policy/report/build.ts buildFullPage: inventory,
 * policy mapping, findings) on the same page. Median of timed runs after a warm-up.
 */
import { defaultClassifier } from '../policy/classify';
import { computeFindings } from '../policy/findings';
import { detectHealthContext } from '../policy/health/lexicon';
import { buildSynthetic, SITE_DOMAINS, syntheticPage } from './synthetic';
import { median, round, timeRuns, type BenchRow } from './util';

const RUNS = 15;

export async function benchFindings(): Promise<BenchRow[]> {
  const p = syntheticPage({ trackers: 40, cookies: 150, requests: 800 });
  const built = buildSynthetic(p);
  const input = {
    state: p.state,
    page: built.page,
    cookies: p.cookies,
    siteDomains: SITE_DOMAINS,
    classifier: defaultClassifier,
    detectHealth: detectHealthContext,
  };
  let findings = 0;
  const f = await timeRuns(() => (findings = computeFindings(input).length), RUNS, 3);
  const full = await timeRuns(() => buildSynthetic(p), RUNS, 3);
  const note = `${p.state.requestCount} requests (${p.state.requests.length} kept as evidence), ${p.cookies.length} cookies, ${built.page.trackers.length} trackers, ${findings} findings; median of ${RUNS}`;
  return [
    { name: 'computeFindings, 800 requests + 150 cookies', value: round(median(f)), unit: 'ms', note },
    { name: 'buildFullPage (inventory + policy + findings), same page', value: round(median(full)), unit: 'ms' },
  ];
}
