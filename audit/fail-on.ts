import { FINDING_KINDS } from '../policy/findings/types';
import type { Report } from '../policy/report/schema';
import { UsageError } from './urls-file';

/** `--fail-on <kinds>`: "any", or a comma list of finding kinds (policy/findings/types.ts). */
export type FailOn = { any: true } | { any: false; kinds: string[] };

export function parseFailOn(value: string): FailOn {
  const parts = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) throw new UsageError(`--fail-on needs a value. Fix: give "any" or finding kinds such as ${FINDING_KINDS.slice(0, 2).join(',')}.`);
  if (parts.includes('any')) return { any: true };
  const unknown = parts.filter((p) => !(FINDING_KINDS as readonly string[]).includes(p));
  if (unknown.length)
    throw new UsageError(`--fail-on: unknown finding kind ${unknown.map((u) => `"${u}"`).join(', ')}. Fix: use "any" or some of ${FINDING_KINDS.join(', ')}.`);
  return { any: false, kinds: [...new Set(parts)] };
}

export interface FailOnMatch {
  kind: string;
  /** Pages with at least one finding of the kind. */
  pages: string[];
  count: number;
}

/** Findings of the report that match --fail-on, grouped by kind (kinds in FINDING_KINDS order). */
export function matchFailOn(report: Report, failOn: FailOn | undefined): FailOnMatch[] {
  if (!failOn) return [];
  const byKind = new Map<string, FailOnMatch>();
  for (const p of report.pages)
    for (const f of p.findings) {
      if (!failOn.any && !failOn.kinds.includes(f.kind)) continue;
      const m = byKind.get(f.kind) ?? { kind: f.kind, pages: [], count: 0 };
      m.count++;
      if (!m.pages.includes(p.url)) m.pages.push(p.url);
      byKind.set(f.kind, m);
    }
  const rank = (k: string) => {
    const i = (FINDING_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? FINDING_KINDS.length : i;
  };
  return [...byKind.values()].sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

/**
 * Exit codes of `npm run audit` (documented in --help):
 *   0 every page audited, and no --fail-on match;
 *   1 some URL failed (outside the site, unreachable, TLS error ...): the audit is incomplete;
 *   2 bad usage or the browser could not be launched (set by the command before any page);
 *   3 --fail-on matched (all pages audited);
 *   130 interrupted (Ctrl-C): what was collected so far is written.
 */
export const EXIT = { ok: 0, pageFailed: 1, usage: 2, failOn: 3, interrupted: 130 } as const;

export function exitCodeFor(r: { errors: number; interrupted: boolean; failOnMatches: number }): number {
  if (r.interrupted) return EXIT.interrupted;
  if (r.errors > 0) return EXIT.pageFailed;
  if (r.failOnMatches > 0) return EXIT.failOn;
  return EXIT.ok;
}
