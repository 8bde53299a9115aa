import { FINDING_KINDS } from '../policy/findings/types';
import type { Report } from '../policy/report/schema';
import { REGRESSION_CHECKS, type Regression, type RegressionCheck } from '../policy/diff/regressions';
import { UsageError } from './urls-file';

/** A regression against the baseline that --fail-on selects (issue #17); `kind` narrows new-finding. */
export interface FailOnCheck {
  check: RegressionCheck;
  kind?: string;
}

/**
 * `--fail-on <list>`: "any", finding kinds (policy/findings/types.ts), and regressions against
 * --baseline (new-tracker, new-third-party, new-finding[:<kind>], disclosure-worse, cookie-weakened).
 * `checks` is present only when regressions are selected.
 */
export type FailOn = ({ any: true } | { any: false; kinds: string[] }) & { checks?: FailOnCheck[] };

export function parseFailOn(value: string): FailOn {
  const parts = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0)
    throw new UsageError(`--fail-on needs a value. Fix: give "any" or finding kinds such as ${FINDING_KINDS.slice(0, 2).join(',')}.`);
  const checks: FailOnCheck[] = [];
  const kinds: string[] = [];
  for (const p of parts) {
    const [head, kind] = p.split(/:(.*)/s);
    if ((REGRESSION_CHECKS as readonly string[]).includes(head)) {
      if (kind !== undefined && head !== 'new-finding')
        throw new UsageError(
          `--fail-on: "${p}" takes no ":<kind>". Fix: only new-finding narrows to a kind, e.g. new-finding:health-context-leak.`,
        );
      if (kind !== undefined && !(FINDING_KINDS as readonly string[]).includes(kind))
        throw new UsageError(`--fail-on: unknown finding kind "${kind}" in "${p}". Fix: use some of ${FINDING_KINDS.join(', ')}.`);
      if (!checks.some((c) => c.check === head && c.kind === (kind || undefined)))
        checks.push({ check: head as RegressionCheck, ...(kind ? { kind } : {}) });
    } else kinds.push(p);
  }
  const extra = checks.length ? { checks } : {};
  if (kinds.includes('any')) return { any: true, ...extra };
  const unknown = kinds.filter((p) => !(FINDING_KINDS as readonly string[]).includes(p));
  if (unknown.length)
    throw new UsageError(
      `--fail-on: unknown finding kind ${unknown.map((u) => `"${u}"`).join(', ')}. Fix: use "any" or some of ${FINDING_KINDS.join(', ')}; with --baseline also ${REGRESSION_CHECKS.join(', ')}.`,
    );
  return { any: false, kinds: [...new Set(kinds)], ...extra };
}

/** Regressions selected by --fail-on, grouped by check (and kind, for new-finding:<kind>). */
export function matchRegressions(regs: readonly Regression[], failOn: FailOn | undefined): { check: string; items: Regression[] }[] {
  const out: { check: string; items: Regression[] }[] = [];
  for (const c of failOn?.checks ?? []) {
    const items = regs.filter((r) => r.check === c.check && (!c.kind || r.kind === c.kind));
    if (items.length) out.push({ check: c.kind ? `${c.check}:${c.kind}` : c.check, items });
  }
  return out;
}

export interface FailOnMatch {
  kind: string;
  /** Pages with at least one finding of the kind. */
  pages: string[];
  count: number;
}

/** Findings of the report that match --fail-on, grouped by kind (kinds in FINDING_KINDS order). */
export function matchFailOn(report: Report, failOn: FailOn | undefined): FailOnMatch[] {
  if (!failOn || (!failOn.any && failOn.kinds.length === 0)) return [];
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
