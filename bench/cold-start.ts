/**
 * Service-worker cold start (issue #15, target: median <= 50 ms). An MV3 worker is stopped after
 * 30 s idle, so the first request of many page loads waits for it to start again. Two browsers
 * on the replica, side by side in each round: the audit build (the store build's code plus the
 * benchmark marks, adapters/test-hooks.ts) and the bare webRequest observer with the same marks
 * (bench/harness/bare-cold-start). A round stops every worker (CDP ServiceWorker.stopAllWorkers),
 * waits until the worker is gone, then loads an ordinary page; the worker that starts for it
 * marks its first onBeforeRequest when the listener receives it (tl:first-request) and when the
 * extension has handled it (tl:first-request-handled: for the audit build, the page's record is
 * in storage.session). Figures are wall-clock times on one clock: the page's
 * performance.timeOrigin (navigation start) and the worker's performance.timeOrigin (its start)
 * plus the marks. The median over rounds, with min and max.
 */
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { launchWithExtension, type Launched } from '../audit/launch';
import { startReplica } from '../tests/replica/server';
import { AUDIT_BUILD, ROOT, median, round, type BenchRow } from './util';

const ROUNDS = 15;
const PATHS = ['/services/urologiya/', '/contacts/'];
const BARE = join(ROOT, 'bench', 'harness', 'bare-cold-start');

interface Sample {
  /** navigation start -> worker script starts */
  start: number;
  /** navigation start -> first request received by the listener */
  received: number;
  /** navigation start -> first request handled */
  handled: number;
  /** worker script start -> first request received (script evaluation and dispatch) */
  boot: number;
}

interface Contender {
  label: string;
  path: string;
  launched?: Launched;
  page?: Page;
  cdp?: CDPSession;
  status?: ReturnType<typeof watchStatus>;
  samples: Sample[];
  missed: number;
}

/** Running status of the extension's worker as CDP reports it (ServiceWorker.workerVersionUpdated). */
function watchStatus(cdp: CDPSession): { wait(status: string, timeoutMs: number): Promise<boolean> } {
  let waiters: { status: string; resolve: (ok: boolean) => void }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { runningStatus: string; scriptURL: string }[] }) => {
    for (const v of e.versions) {
      if (!v.scriptURL.startsWith('chrome-extension://')) continue;
      for (const w of waiters.filter((x) => x.status === v.runningStatus)) w.resolve(true);
      waiters = waiters.filter((x) => x.status !== v.runningStatus);
    }
  });
  return {
    wait: (status, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        waiters.push({ status, resolve });
        setTimeout(() => resolve(false), timeoutMs);
      }),
  };
}

async function oneRound(c: Contender, url: string): Promise<Sample | null> {
  const gone = c.status!.wait('stopped', 3000);
  await c.cdp!.send('ServiceWorker.stopAllWorkers');
  if (!(await gone)) return null;
  await c.page!.goto(url, { waitUntil: 'load' });
  // Playwright keeps one Worker object for the extension's worker across restarts.
  const sw = await c.launched!.serviceWorker();
  // Expressions, not functions: tsx would wrap a function with a helper the worker lacks.
  const marksExpr = `(async () => {
    for (let i = 0; i < 100; i++) {
      const m = performance.getEntriesByName('tl:first-request-handled');
      if (m.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
    return { origin: performance.timeOrigin, received: at('tl:first-request'), handled: at('tl:first-request-handled') };
  })()`;
  const w = (await sw.evaluate(marksExpr)) as { origin: number; received: number | null; handled: number | null };
  const nav = (await c.page!.evaluate('performance.timeOrigin')) as number;
  // Marks from a worker that started before this navigation would belong to an earlier one.
  if (w.received === null || w.handled === null || w.origin < nav) return null;
  return {
    start: w.origin - nav,
    received: w.origin + w.received - nav,
    handled: w.origin + w.handled - nav,
    boot: w.received,
  };
}

const spread = (xs: number[]) => `min ${round(Math.min(...xs), 1)}, max ${round(Math.max(...xs), 1)}`;

export async function benchColdStart(): Promise<BenchRow[]> {
  const replica = await startReplica({ port: 0 });
  const contenders: Contender[] = [
    { label: 'audit build', path: AUDIT_BUILD, samples: [], missed: 0 },
    { label: 'bare webRequest observer (reference)', path: BARE, samples: [], missed: 0 },
  ];
  try {
    for (const c of contenders) {
      c.launched = await launchWithExtension({ resolverRules: replica.resolverRules, ignoreHttpsErrors: true, extensionPath: c.path });
      c.page = await c.launched.context.newPage();
      c.cdp = await c.launched.context.newCDPSession(c.page);
      c.status = watchStatus(c.cdp);
      await c.cdp.send('ServiceWorker.enable');
      // Warm: TLS session, caches, the extension's files in the disk cache.
      for (const p of PATHS) await c.page.goto(`https://pro-medika.ru${p}`, { waitUntil: 'load' });
    }
    for (let i = 0; i < ROUNDS; i++) {
      const url = `https://pro-medika.ru${PATHS[i % PATHS.length]}?cold=${i}`;
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(k + i) % contenders.length];
        const s = await oneRound(c, url);
        if (s) c.samples.push(s);
        else c.missed += 1;
      }
    }
    const rows: BenchRow[] = [];
    for (const [ci, c] of contenders.entries()) {
      const pick = (f: (s: Sample) => number) => c.samples.map(f);
      const handled = pick((s) => s.handled);
      const note = `${c.samples.length} stops${c.missed ? ` (${c.missed} not counted: the worker did not stop, or no marks of a new worker)` : ''}; ${spread(handled)}`;
      rows.push({
        name: `worker cold start, ${c.label}: navigation start to first request handled (median)`,
        value: handled.length ? round(median(handled), 1) : null,
        unit: 'ms',
        ...(ci === 0 ? { target: { op: '<=' as const, value: 50 } } : {}),
        note,
      });
      const boot = pick((s) => s.boot);
      rows.push({
        name: `worker cold start, ${c.label}: worker start to first request received (median)`,
        value: boot.length ? round(median(boot), 1) : null,
        unit: 'ms',
        note: `${spread(boot)}; navigation start to worker start: median ${round(median(pick((s) => s.start)), 1)} ms; to first request received: median ${round(median(pick((s) => s.received)), 1)} ms`,
      });
    }
    return rows;
  } finally {
    for (const c of contenders) await c.launched?.close();
    await replica.close();
  }
}
