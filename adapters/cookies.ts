import { browser } from 'wxt/browser';
import type { ObservedCookie } from '@/policy/observation';

/**
 * Reads cookies through the cookies API (not document.cookie), so HttpOnly cookies,
 * third-party cookies of every contacted domain and partitioned (CHIPS) cookies are seen.
 */
interface RawCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  hostOnly?: boolean;
  session?: boolean;
  expirationDate?: number;
  partitionKey?: { topLevelSite?: string };
}

export function toObservedCookie(c: RawCookie): ObservedCookie {
  const sameSite = c.sameSite === 'no_restriction' || c.sameSite === 'lax' || c.sameSite === 'strict' ? c.sameSite : 'unspecified';
  return {
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: c.path || '/',
    secure: !!c.secure,
    httpOnly: !!c.httpOnly,
    sameSite,
    hostOnly: !!c.hostOnly,
    session: !!c.session || c.expirationDate === undefined,
    ...(c.expirationDate !== undefined ? { expirationDate: c.expirationDate } : {}),
    ...(c.partitionKey?.topLevelSite ? { partitionTopLevelSite: c.partitionKey.topLevelSite } : {}),
  };
}

type GetAll = (details: Record<string, unknown>) => Promise<RawCookie[]>;

/** All cookies of the given registrable domains, unpartitioned and partitioned under topLevelSite. */
export async function readCookies(sites: string[], topLevelSite: string): Promise<ObservedCookie[]> {
  const getAll = browser.cookies.getAll as unknown as GetAll;
  const out: ObservedCookie[] = [];
  const seen = new Set<string>();
  const add = (list: RawCookie[]) => {
    for (const c of list) {
      const k = `${c.name}\u0000${c.domain}\u0000${c.path}\u0000${c.partitionKey?.topLevelSite ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(toObservedCookie(c));
    }
  };
  await Promise.all(
    sites.map(async (domain) => {
      try {
        add(await getAll({ domain }));
      } catch {
        // No host permission for this domain (store build): its cookies cannot be read.
      }
      try {
        // Partitioned cookies are returned only when a partitionKey is given (Chrome 119+, Firefox 94+).
        add(await getAll({ domain, partitionKey: { topLevelSite } }));
      } catch {
        // Older browsers reject partitionKey: nothing partitioned to read.
      }
    }),
  );
  return out;
}
