import { browser } from 'wxt/browser';
import type { ObservedCookie } from '@/policy/observation';
import { registrableDomain } from '@/policy/party';

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

/**
 * All cookies of the given registrable domains, unpartitioned and partitioned under
 * topLevelSite. Two calls, filtered here: Chrome answers a getAll({ domain }) by reading
 * the whole cookie store and filtering in the browser process
 * (extensions/browser/api/cookies/cookies_helpers.cc), so one call per contacted site cost
 * a full store read each, at the moment the next page starts loading. Only cookies of the
 * given sites are kept; nothing about other sites is stored.
 */
export async function readCookies(sites: string[], topLevelSite: string): Promise<ObservedCookie[]> {
  const getAll = browser.cookies.getAll as unknown as GetAll;
  const wanted = new Set(sites);
  const out: ObservedCookie[] = [];
  const seen = new Set<string>();
  // Cookies share a few domains: look each one up once (tldts is the per-cookie cost).
  const siteOf = new Map<string, boolean>();
  const isWanted = (domain: string) => {
    let w = siteOf.get(domain);
    if (w === undefined) siteOf.set(domain, (w = wanted.has(registrableDomain(domain.replace(/^\./, '')))));
    return w;
  };
  const add = (list: RawCookie[]) => {
    for (const c of list) {
      if (!isWanted(c.domain)) continue;
      const k = `${c.name}\u0000${c.domain}\u0000${c.path}\u0000${c.partitionKey?.topLevelSite ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(toObservedCookie(c));
    }
  };
  const [plain, partitioned] = await Promise.all([
    // Without <all_urls> (store build) only domains with host permission are returned.
    getAll({}).catch(() => [] as RawCookie[]),
    // Partitioned cookies are returned only when a partitionKey is given (Chrome 119+,
    // Firefox 94+); older browsers reject it: nothing partitioned to read.
    getAll({ partitionKey: { topLevelSite } }).catch(() => [] as RawCookie[]),
  ]);
  add(plain);
  add(partitioned);
  return out;
}
