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

/**
 * Seconds of CPU (user + system) used so far by the Chromium started with this profile
 * directory and its descendants (zygotes, renderers, the service worker's process, utilities);
 * null where /proc is not there or no such browser runs. Processes that exited are not counted.
 */
export function chromiumCpuSeconds(userDataDir: string): number | null {
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
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += all.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks / ticksPerSecond;
}
