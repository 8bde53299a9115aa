import { isUnchanged, type AuditDiff } from '../../policy/diff';
import { RELEASE_2 } from '../replica/ids';

/**
 * The diff between audits of release 1 and release 2 of the replica (issue #17), shared by
 * tests/unit/audit-diff.test.ts (fixtures) and tests/e2e/audit-diff.spec.ts (the command).
 */
export const SITE = 'https://pro-medika.ru';

/** The non-empty parts of each changed page, for exact comparison. */
export function changes(diff: AuditDiff): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of diff.pages) {
    if (isUnchanged(p)) continue;
    const c: Record<string, unknown> = {};
    for (const k of ['trackers', 'cookies', 'storage', 'thirdParties', 'findings'] as const) {
      if (p[k].added.length) c[`${k}+`] = p[k].added;
      if (p[k].removed.length) c[`${k}-`] = p[k].removed;
    }
    if (p.cookies.changed.length) c['cookies~'] = p.cookies.changed.map((x) => `${x.cookie}:${x.fields.join(',')}`);
    if (p.disclosure.length) c.disclosure = p.disclosure;
    if (p.policy.changed) c.policy = { added: p.policy.sentencesAdded.length, removed: p.policy.sentencesRemoved.length };
    out[p.url] = c;
  }
  return out;
}

/** Calltouch's cookies, which move with it from the home page to the appointment page. */
export const CT_COOKIES = [
  '_ct@.pro-medika.ru',
  '_ct_client_global_id@.pro-medika.ru',
  '_ct_session_id@.pro-medika.ru',
  '_ct_site_id@.pro-medika.ru',
  'call_s@.pro-medika.ru',
  'cted@.pro-medika.ru',
];
/** What release 2 changes, as it shows in the audits: each change on its own page (every page is audited by a fresh visitor). */
export const RELEASE_DIFF = {
  [`${SITE}${RELEASE_2.trackerRemovedFrom}`]: {
    'trackers-': [RELEASE_2.tracker],
    'cookies-': CT_COOKIES,
    'cookies~': [`${RELEASE_2.weakenedCookie}@pro-medika.ru:secure,httpOnly`],
    'thirdParties-': ['mod.calltouch.ru'],
    'findings-': ['before-consent:calltouch', 'undisclosed-tracker:calltouch'],
  },
  [`${SITE}${RELEASE_2.unknownThirdPartyPage}`]: {
    'thirdParties+': [RELEASE_2.unknownThirdPartyHost],
  },
  [`${SITE}${RELEASE_2.trackerAddedTo}`]: {
    'trackers+': [RELEASE_2.tracker],
    'cookies+': CT_COOKIES,
    'thirdParties+': ['mod.calltouch.ru'],
    'findings+': ['before-consent:calltouch', 'undisclosed-tracker:calltouch'],
  },
  [`${SITE}/politika-konfidentsialnosti/`]: { policy: { added: 1, removed: 1 } },
};
