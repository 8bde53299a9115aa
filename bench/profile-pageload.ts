/**
 * CPU profile of the extension's service worker and of the page's renderer while the heavy
 * replica pages load (issue 15: where does the store build's page-load cost go?). Not a
 * benchmark row: it prints the top self-time entries, so a change to the hot path can be
 * compared before/after in one sitting.
 *
 *   npx tsx bench/profile-pageload.ts [--build store|audit|<unpacked dir>] [--loads 6] [--top 20] [--out dir]
 *
 * The machine's load changes from one run to the next: compare two builds in alternating runs.
 *
 * The worker is reached from a page session with Target.attachToTarget (non-flattened, as in
 * bench/sw-memory.ts); the renderer through the page's own session (its profile includes the
 * content script, in its isolated world). Each load waits for body[data-heavy-done] and 300 ms,
 * as the pageload benchmark does. `--out` writes the .cpuprofile files for DevTools.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../audit/launch';
import { startReplica } from '../tests/replica/server';
import { chromiumCpuSeconds } from './cpu';
import { AUDIT_BUILD, STORE_BUILD, childSession } from './util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time per function (name, file, line), in ms, and the total of non-idle samples. */
export function selfTimes(p: Profile): { total: number; rows: { label: string; ms: number }[] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const acc = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') return;
    const file = f.url ? f.url.replace(/^.*\//, '') : '';
    const label = `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
    acc.set(label, (acc.get(label) ?? 0) + ms);
    total += ms;
  });
  const rows = [...acc].map(([label, ms]) => ({ label, ms })).sort((a, b) => b.ms - a.ms);
  return { total, rows };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      build: { type: 'string', default: 'store' },
      loads: { type: 'string', default: '6' },
      top: { type: 'string', default: '20' },
      out: { type: 'string' },
    },
  });
  const build = values.build === 'audit' ? AUDIT_BUILD : values.build === 'store' ? STORE_BUILD : values.build!;
  const loads = Number(values.loads);
  const replica = await startReplica({ port: 0 });
  const launched = await launchWithExtension({ extensionPath: build, resolverRules: replica.resolverRules, ignoreHttpsErrors: true });
  try {
    const page = await launched.context.newPage();
    const paths = ['/heavy/services/?polls=4', '/heavy/appointment/?polls=4'];
    const load = async (url: string) => {
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      await page.waitForSelector('body[data-heavy-done]', { timeout: 15_000 }).catch(() => {});
      await page.waitForTimeout(300);
    };
    for (const p of paths) await load(`https://pro-medika.ru${p}`); // warm-up
    const cdp = await launched.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${launched.extensionId}/`));
    if (!target) throw new Error('service worker target not found');
    const sw = await childSession(cdp, target.targetId);
    for (const s of [sw, cdp] as { send(m: string, p?: object): Promise<unknown> }[]) {
      await s.send('Profiler.enable');
      await s.send('Profiler.setSamplingInterval', { interval: 100 });
      await s.send('Profiler.start');
    }
    const cpu0 = chromiumCpuSeconds(launched.userDataDir);
    const t0 = Date.now();
    for (let i = 0; i < loads; i++) await load(`https://pro-medika.ru${paths[i % paths.length]}&round=${i}`);
    const wall = Date.now() - t0;
    const cpu1 = chromiumCpuSeconds(launched.userDataDir);
    const workerProfile = (await sw.send<{ profile: Profile }>('Profiler.stop')).profile;
    // The renderer's session survives navigations within the same site (one process).
    const rendererProfile = ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      writeFileSync(join(values.out, 'worker.cpuprofile'), JSON.stringify(workerProfile));
      writeFileSync(join(values.out, 'renderer.cpuprofile'), JSON.stringify(rendererProfile));
    }
    const top = Number(values.top);
    console.log(`${loads} heavy loads, ${wall} ms wall, Chromium CPU ${cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0).toFixed(2) : '?'} s`);
    for (const [name, prof] of [
      ['service worker', workerProfile],
      ['renderer (page + content script)', rendererProfile],
    ] as const) {
      const { total, rows } = selfTimes(prof);
      console.log(`\n${name}: ${total.toFixed(1)} ms busy (${(total / loads).toFixed(1)} ms per load)`);
      for (const r of rows.slice(0, top))
        console.log(`  ${r.ms.toFixed(1).padStart(8)} ms  ${((100 * r.ms) / total).toFixed(1).padStart(5)}%  ${r.label}`);
    }
  } finally {
    await launched.close();
    await replica.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
