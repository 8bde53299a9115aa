/**
 * CPU time used by a Chromium and every process it started (Linux /proc), so that a benchmark
 * can say how much of the machine a measured step took: on 2 cores, a step that uses 5 s of CPU
 * across the browser's processes cannot finish in under 2.5 s however its work is spread.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** utime + stime of each live process, with its parent. */
function processes(): Map<number, { ppid: number; ticks: number; cmd: string }> {
  const out = new Map<number, { ppid: number; ticks: number; cmd: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may hold spaces: split after it.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), {
        ppid: Number(f[1]),
        ticks: Number(f[11]) + Number(f[12]),
        cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8'),
      });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Chromium's process kinds, told apart by their command line flags. */
export type ProcessKind = 'browser' | 'extension' | 'renderer' | 'network' | 'other';

function kindOf(cmd: string): ProcessKind {
  if (!cmd.includes('--type=')) return 'browser';
  if (cmd.includes('--extension-process')) return 'extension';
  if (cmd.includes('--type=renderer')) return 'renderer';
  if (cmd.includes('NetworkService')) return 'network';
  return 'other';
}

/**
 * Seconds of CPU (user + system) used so far by the Chromium started with this profile
 * directory and its descendants, by process kind (the extension's service worker runs in the
 * "extension" renderer); null where /proc is not there or no such browser runs. Processes that
 * exited are not counted.
 */
export function chromiumCpuByKind(userDataDir: string): Record<ProcessKind, number> | null {
  if (process.platform !== 'linux') return null;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const all = processes();
  // Chromium rewrites its children's command lines (setproctitle), so the browser is found by
  // its profile flag and the children by the process tree.
  const root = [...all].find(([, p]) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type='))?.[0];
  if (root === undefined) return null;
  const children = new Map<number, number[]>();
  for (const [pid, p] of all) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(pid);
    else children.set(p.ppid, [pid]);
  }
  const out: Record<ProcessKind, number> = { browser: 0, extension: 0, renderer: 0, network: 0, other: 0 };
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const p = all.get(pid);
    if (p) out[kindOf(p.cmd)] += p.ticks / ticksPerSecond;
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Seconds of CPU used so far by the Chromium with this profile and every process it started (see chromiumCpuByKind). */
export function chromiumCpuSeconds(userDataDir: string): number | null {
  const k = chromiumCpuByKind(userDataDir);
  return k && k.browser + k.extension + k.renderer + k.network + k.other;
}
