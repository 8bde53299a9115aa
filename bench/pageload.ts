/**
 * Page-load overhead on the replica (issue #2: load time with vs without the extension,
 * paired runs, median ratio, target <= 1.05). Four browsers from audit/launch.ts run side by
 * side on one replica, the same Chromium each:
 *   - without any extension (the baseline of every pair);
 *   - the store build (.output/chrome-mv3): what a patient installs; webRequest sees the
 *     site and the catalogue's vendor hosts, resource timing the rest;
 *   - the audit build (.output/chrome-mv3-audit): host access to every site, as QA runs it;
 *   - a bare webRequest observer (bench/harness/bare-webrequest): one empty onBeforeRequest
 *     listener, the floor any webRequest-based observer pays on this machine.
 * Each round loads the same URL in every browser, rotating which goes first; each figure is
 * the page's own navigation timing (loadEventEnd - startTime), not the harness's clock.
 *
 * Pages (issue 15): one ordinary page, and the two heavy replica pages (tests/replica/heavy.ts:
 * cookies written in bursts, 200+ pixels in two seconds, a beacon stream, a tag in an iframe,
 * polling), bounded to four polls so a page's tail never overlaps the next browser's load.
 * Besides each contender's ratio to no extension, the store build's ratio to the bare observer
 * (median of the pairs, per page; issue 15 target <= 1.03 on every page).
 *
 * PAGELOAD_COMPARE=<unpacked build> adds a fifth browser with that build and, per page, the
 * store build's ratio to it in the same rounds (a change compared with the build before it on
 * the same machine, at the same moment); PAGELOAD_ROUNDS overrides the rounds per page.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension, type Launched } from '../audit/launch';
import { startReplica } from '../tests/replica/server';
import { chromiumCpuByKind, type ProcessKind } from './cpu';
import { AUDIT_BUILD, ROOT, STORE_BUILD, median, round, type BenchRow } from './util';

const PATHS = ['/services/urologiya/', '/heavy/services/?polls=4', '/heavy/appointment/?polls=4'];
const ROUNDS_PER_PATH = Number(process.env.PAGELOAD_ROUNDS) || 8;
const SETTLE_MS = 300;
const BARE = join(ROOT, 'bench', 'harness', 'bare-webrequest');

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
  // in any browser, so one run's tail never lands inside another's measurement.
  if (url.includes('/heavy/')) await page.waitForSelector('body[data-heavy-done]', { timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(SETTLE_MS);
  return ms;
}

interface Contender {
  name: string;
  label: string;
  extensionPath?: string;
  page?: Page;
  userDataDir?: string;
  times: number[];
  /** CPU seconds by process kind used during the measured rounds (Linux /proc). */
  cpu?: Record<ProcessKind, number> | null;
}

export async function benchPageLoad(): Promise<BenchRow[]> {
  const replica = await startReplica({ port: 0 });
  const opened: Launched[] = [];
  const contenders: Contender[] = [
    { name: 'none', label: 'without an extension', times: [] },
    { name: 'store', label: 'store build', extensionPath: STORE_BUILD, times: [] },
    { name: 'audit', label: 'audit build', extensionPath: AUDIT_BUILD, times: [] },
    { name: 'bare', label: 'bare webRequest observer (reference)', extensionPath: BARE, times: [] },
  ];
  const compare = process.env.PAGELOAD_COMPARE;
  if (compare) contenders.push({ name: 'compare', label: `comparison build (${compare})`, extensionPath: compare, times: [] });
  try {
    for (const c of contenders) {
      const l = await launchWithExtension({
        resolverRules: replica.resolverRules,
        ignoreHttpsErrors: true,
        extensionPath: c.extensionPath,
      });
      opened.push(l);
      c.page = await l.context.newPage();
      c.userDataDir = l.userDataDir;
    }
    // Warm every browser: TLS sessions, caches, the extension's service worker.
    for (const path of PATHS) for (const c of contenders) await loadMs(c.page!, `https://pro-medika.ru${path}`);
    const valid: boolean[] = [];
    const cpuAt = () => contenders.map((c) => chromiumCpuByKind(c.userDataDir!));
    const cpu0 = cpuAt();
    for (let i = 0; i < ROUNDS_PER_PATH; i++) {
      for (const path of PATHS) {
        const url = `https://pro-medika.ru${path}${path.includes('?') ? '&' : '?'}round=${i}`;
        const got = new Map<Contender, number>();
        for (let k = 0; k < contenders.length; k++) {
          const c = contenders[(k + i) % contenders.length];
          got.set(c, await loadMs(c.page!, url));
        }
        const ok = [...got.values()].every((t) => Number.isFinite(t) && t > 0);
        valid.push(ok);
        for (const c of contenders) c.times.push(got.get(c)!);
      }
    }
    // CPU is far steadier than wall time on a shared machine: the extension's work per load,
    // including what it does after the load event (snapshots, history builds), measured by /proc.
    await new Promise((r) => setTimeout(r, 3000));
    const cpu1 = cpuAt();
    contenders.forEach((c, k) => {
      const a = cpu0[k];
      const b = cpu1[k];
      c.cpu =
        a && b
          ? (Object.fromEntries(Object.keys(a).map((kind) => [kind, b[kind as ProcessKind] - a[kind as ProcessKind]])) as Record<
              ProcessKind,
              number
            >)
          : null;
    });
    const base = contenders[0];
    const rows: BenchRow[] = [
      {
        name: 'page load without extension (median)',
        value: round(median(base.times.filter((_, j) => valid[j])), 1),
        unit: 'ms',
        note: `${valid.filter(Boolean).length} rounds over ${PATHS.join(' ')}`,
      },
    ];
    for (const c of contenders.slice(1)) {
      const ratios = c.times.map((t, j) => t / base.times[j]).filter((_, j) => valid[j]);
      const byPath = PATHS.map((p, pi) => `${p} ${round(median(ratios.filter((_, j) => j % PATHS.length === pi)), 3)}`).join(', ');
      rows.push({ name: `page load, ${c.label} (median)`, value: round(median(c.times.filter((_, j) => valid[j])), 1), unit: 'ms' });
      rows.push({
        name: `page load ratio ${c.label}/none (median of pairs)`,
        value: round(median(ratios), 3),
        unit: 'x',
        ...(c.name === 'bare' ? {} : { target: { op: '<=' as const, value: 1.05 } }),
        note: `per path: ${byPath}`,
      });
    }
    const loads = ROUNDS_PER_PATH * PATHS.length;
    const perLoadMs = (c: Contender, kinds?: ProcessKind[]) =>
      c.cpu
        ? (Object.entries(c.cpu).reduce((n, [k, v]) => n + (!kinds || kinds.includes(k as ProcessKind) ? v : 0), 0) * 1000) / loads
        : NaN;
    for (const c of contenders) {
      if (!c.cpu) continue;
      const parts = Object.entries(c.cpu)
        .map(([k, v]) => `${k} ${round((v * 1000) / loads, 0)}`)
        .join(', ');
      rows.push({ name: `page load CPU per load, ${c.label}`, value: round(perLoadMs(c), 0), unit: 'ms', note: `all processes; ${parts}` });
    }
    const bareC = contenders.find((c) => c.name === 'bare')!;
    const storeC = contenders.find((c) => c.name === 'store')!;
    if (storeC.cpu && bareC.cpu)
      rows.push({
        name: 'page load CPU ratio store build/bare observer (all processes)',
        value: round(perLoadMs(storeC) / perLoadMs(bareC), 3),
        unit: 'x',
        note: `extension process ${round(perLoadMs(storeC, ['extension']), 0)} ms against ${round(perLoadMs(bareC, ['extension']), 0)} ms per load; browser process ${round(perLoadMs(storeC, ['browser']), 0)} against ${round(perLoadMs(bareC, ['browser']), 0)} ms`,
      });
    // The store build against the floor (the bare observer in the same round), and against no
    // extension, per page.
    const store = contenders.find((c) => c.name === 'store')!;
    const perPage = (other: Contender, label: string, target?: number) => {
      const ratios = store.times.map((t, j) => t / other.times[j]);
      PATHS.forEach((p, pi) => {
        const mine = ratios.filter((_, j) => valid[j] && j % PATHS.length === pi);
        const sorted = [...mine].sort((a, b) => a - b);
        const q = (f: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))], 3);
        rows.push({
          name: `page load ratio store build/${label}, ${p.split('?')[0]} (median of pairs)`,
          value: round(median(mine), 3),
          unit: 'x',
          ...(target ? { target: { op: '<=' as const, value: target } } : {}),
          note: `${mine.length} pairs; min ${round(sorted[0], 3)}, quartiles ${q(0.25)}-${q(0.75)}, max ${round(sorted[sorted.length - 1], 3)}`,
        });
      });
    };
    perPage(
      contenders.find((c) => c.name === 'bare')!,
      'bare observer',
      1.03,
    );
    perPage(base, 'none');
    const cmp = contenders.find((c) => c.name === 'compare');
    if (cmp) perPage(cmp, 'comparison build');
    return rows;
  } finally {
    for (const l of opened) await l.close();
    await replica.close();
  }
}
