import { pageKey } from './crawl';
import { UsageError } from './urls-file';

/**
 * `--shard <i>/<n>` (issue #17): the i-th of n stable slices of the URL list, for a CI
 * system's parallel jobs. URLs are deduplicated (as the audit does), then dealt out in turn:
 * the k-th URL goes to shard (k mod n) + 1. The same list always gives the same slices, and
 * `merge` puts the pages back in the list's order by dealing them back.
 */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 1000)
    throw new UsageError(
      `--shard takes <i>/<n> with 1 <= i <= n <= 1000, got "${value}". Fix: e.g. --shard 2/4 for the second of four jobs.`,
    );
  return { index, count };
}

/** The URLs with repeats dropped (same key as the audit: without the #fragment); malformed URLs stay, for the audit to report. */
export function uniqueUrls(urls: readonly string[]): string[] {
  const seen = new Set<string>();
  return urls.filter((u) => {
    let key = u;
    try {
      key = pageKey(u);
    } catch {
      /* not a URL: kept as is */
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function shardUrls(urls: readonly string[], shard: Shard): string[] {
  return uniqueUrls(urls).filter((_, k) => k % shard.count === shard.index - 1);
}
