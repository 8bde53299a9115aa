/**
 * Shared helpers for the benchmarks (npm run bench). Benchmarks measure; they never fail a
 * build: a target that is missed is reported, not thrown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { join, resolve } from 'node:path';
import type { CDPSession } from '@playwright/test';

export const ROOT = resolve(import.meta.dirname, '..');
export const AUDIT_BUILD = join(ROOT, '.output', 'chrome-mv3-audit');
export const STORE_BUILD = join(ROOT, '.output', 'chrome-mv3');

/** A target a figure is compared with; ratio = value / target. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

export interface BenchRow {
  name: string;
  value: number | null;
  unit: string;
  target?: Target;
  note?: string;
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns every timing in ms. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    await fn();
    out.push(nowMs() - t0);
  }
  return out;
}

function build(mode: 'audit' | 'plain'): void {
  const args = ['/tmp/wxt-build.lock', 'npx', 'wxt', 'build', ...(mode === 'audit' ? ['--mode', 'audit'] : [])];
  execFileSync('flock', args, { cwd: ROOT, stdio: 'inherit' });
}

/** Builds the audit and the store build when missing (under the shared build lock). */
export function ensureBuilds(): void {
  if (!existsSync(join(AUDIT_BUILD, 'manifest.json'))) build('audit');
  if (!existsSync(join(STORE_BUILD, 'manifest.json'))) build('plain');
}

/**
 * A static page's script: `entry` (a .tsx harness wiring the popup's components) bundled as the
 * extension build bundles it (production, minified, Preact JSX); for bench/popup.ts and the e2e
 * popup snapshots (tests/e2e/harness/popup-page.ts).
 */
export async function bundleHarness(entry: string): Promise<string> {
  const out = await esbuild({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Raw CDP to a child target (e.g. the service worker) through Target.sendMessageToTarget: Playwright cannot address one. */
export async function childSession(cdp: CDPSession, targetId: string) {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget', (ev: { sessionId: string; message: string }) => {
    if (ev.sessionId !== sessionId) return;
    const msg = JSON.parse(ev.message) as { id?: number; result?: unknown; error?: { message: string } };
    const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
    if (!p) return;
    pending.delete(msg.id!);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  });
  return {
    send<T>(method: string, params: object = {}): Promise<T> {
      const id = next++;
      const done = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return done;
    },
    detach: () => cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {}),
  };
}
