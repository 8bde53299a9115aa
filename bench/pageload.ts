/**
 * Page-load overhead on the replica (issue #2: load time with vs without the extension,
 * paired runs, median ratio, target <= 1.05). Two browsers from audit/launch.ts run side
 * by side on one replica: the same Chromium with the audit build and without any extension.
 * Pairs alternate which browser goes first; each figure is the page's own navigation timing
 * (loadEventEnd - startTime), not the harness's wall clock.
 */
import type { Page } from '@playwright/test';
import { launchWithExtension, type Launched } from '../audit/launch';
import { startReplica } from '../tests/replica/server';
import { AUDIT_BUILD, median, round, type BenchRow } from './util';

const PATHS = ['/', '/contacts/', '/services/urologiya/'];
const PAIRS_PER_PATH = 6;
const SETTLE_MS = 300;

async function loadMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  // loadEventEnd is set once the load handlers have returned.
  const ms = await page.evaluate(async () => {
    for (let i = 0; i < 50; i++) {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (nav && nav.loadEventEnd > 0) return nav.loadEventEnd - nav.startTime;
      await new Promise((r) => setTimeout(r, 20));
    }
    return NaN;
  });
  // Let late tags and the extension's bookkeeping for this page finish before the next load
  // in either browser, so one run's tail never lands inside the other's measurement.
  await page.waitForTimeout(SETTLE_MS);
  return ms;
}

export async function benchPageLoad(): Promise<BenchRow[]> {
  const replica = await startReplica({ port: 0 });
  const opened: Launched[] = [];
  try {
    const common = { resolverRules: replica.resolverRules, ignoreHttpsErrors: true };
    const withExt = await launchWithExtension({ ...common, extensionPath: AUDIT_BUILD });
    opened.push(withExt);
    const without = await launchWithExtension(common);
    opened.push(without);
    const pWith = await withExt.context.newPage();
    const pWithout = await without.context.newPage();
    // Warm both: TLS sessions, caches, the extension's service worker.
    for (const path of PATHS) {
      await loadMs(pWith, `https://pro-medika.ru${path}`);
      await loadMs(pWithout, `https://pro-medika.ru${path}`);
    }
    const ratios: number[] = [];
    const ratiosByPath = new Map<string, number[]>();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < PAIRS_PER_PATH; i++) {
      for (const path of PATHS) {
        const url = `https://pro-medika.ru${path}?pair=${i}`;
        let w: number;
        let wo: number;
        if (i % 2 === 0) {
          w = await loadMs(pWith, url);
          wo = await loadMs(pWithout, url);
        } else {
          wo = await loadMs(pWithout, url);
          w = await loadMs(pWith, url);
        }
        if (!Number.isFinite(w) || !Number.isFinite(wo) || wo <= 0) continue;
        a.push(w);
        b.push(wo);
        ratios.push(w / wo);
        const list = ratiosByPath.get(path) ?? [];
        list.push(w / wo);
        ratiosByPath.set(path, list);
      }
    }
    const perPath = [...ratiosByPath].map(([p, r]) => `${p} ${round(median(r))}`).join(', ');
    return [
      { name: 'page load with extension (median)', value: round(median(a), 1), unit: 'ms', note: `${a.length} loads over ${PATHS.join(' ')}` },
      { name: 'page load without extension (median)', value: round(median(b), 1), unit: 'ms' },
      { name: 'page load ratio with/without (median of pairs)', value: round(median(ratios), 3), unit: 'x', target: { op: '<=', value: 1.05 }, note: `per path: ${perPath}` },
    ];
  } finally {
    for (const l of opened) await l.close();
    await replica.close();
  }
}
