import type { AuditDiff, CookieChange, PageDiff } from './schema';

/**
 * Regressions against the baseline (issue #17): what `--fail-on` can select and what the
 * JUnit report lists as failed checks. Each names its page and the item that regressed.
 */
export const REGRESSION_CHECKS = ['new-tracker', 'new-third-party', 'new-finding', 'disclosure-worse', 'cookie-weakened'] as const;
export type RegressionCheck = (typeof REGRESSION_CHECKS)[number];

export interface Regression {
  check: RegressionCheck;
  page: string;
  /** What regressed: a vendor, a host, "<kind>:<vendor or ->", "<vendor> from -> to", "<cookie>: lost Secure". */
  item: string;
  /** The finding kind, for new-finding. */
  kind?: string;
}

/** SameSite from strict (3) to none (0); "unspecified" leaves it to the browser's default. */
const SAME_SITE_RANK = { strict: 3, lax: 2, unspecified: 1, none: 0 } as const;

/** Why a cookie change weakens it (lost Secure or HttpOnly, SameSite loosened); empty when it does not. */
export function cookieWeakenings(c: CookieChange): string[] {
  const out: string[] = [];
  if (c.from.secure && !c.to.secure) out.push('lost Secure');
  if (c.from.httpOnly && !c.to.httpOnly) out.push('lost HttpOnly');
  if (SAME_SITE_RANK[c.to.sameSite] < SAME_SITE_RANK[c.from.sameSite]) out.push(`SameSite ${c.from.sameSite} -> ${c.to.sameSite}`);
  return out;
}

export function pageRegressions(p: PageDiff): Regression[] {
  const out: Regression[] = [];
  const page = p.url;
  for (const v of p.trackers.added) out.push({ check: 'new-tracker', page, item: v });
  for (const h of p.thirdParties.added) out.push({ check: 'new-third-party', page, item: h });
  for (const f of p.findings.added) out.push({ check: 'new-finding', page, item: f, kind: f.slice(0, f.indexOf(':')) });
  for (const d of p.disclosure)
    if (d.worse)
      out.push({ check: 'disclosure-worse', page, item: `${d.vendor}${d.feature ? `/${d.feature}` : ''}: ${d.from} -> ${d.to}` });
  for (const c of p.cookies.changed) {
    const why = cookieWeakenings(c);
    if (why.length) out.push({ check: 'cookie-weakened', page, item: `${c.cookie}: ${why.join(', ')}` });
  }
  return out;
}

export function regressions(diff: AuditDiff): Regression[] {
  return diff.pages.flatMap(pageRegressions);
}
