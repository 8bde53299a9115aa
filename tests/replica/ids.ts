/**
 * Fixed account ids the replica's pages embed in their tag snippets. Tests and benchmarks
 * import them instead of repeating literals, so a cookie such as `_ym24681357_lsid` or
 * `_comagic_idq7RsW` can be predicted exactly. The values are invented; only their shapes
 * follow the vendors' snippets (shared research trackers-ru.json).
 */
export const IDS = {
  metricaCounter: '24681357',
  topMailRuCounter: '3401234',
  ga4: 'G-PM7N3XQ2LK',
  googleAds: '10987654321',
  vkPixel: 'VK-RTRG-1234567-aBcDe',
  metaPixel: '1234567890123456',
  jivoWidget: 'aBcD3fGh1J',
  calltouchSite: '58123',
  roistatProject: 'a1b2c3d4e5f60718',
  comagicSiteKey: 'q7RsW',
  bitrix24Portal: 'b123',
  envyboxCode: 'f4e3d2c1b0a9',
  callbackHunterCode: '5f2b8e1c9d7a',
  mangoWidget: 'MTAwMDEyMzQ=',
  carrotQuestKey: '41234-9f8e7d6c5b4a',
  myTargetSlot: '1234567',
  proDoctorovLpu: '15273',
} as const;

/** Host of the counter that no catalogue knows (issue: unknown-tracker detection). */
export const UNKNOWN_COUNTER_HOST = 'counter.medstat-unknown.net';
/** Name of the identifier cookie the unknown counter sets on its own host. */
export const UNKNOWN_COUNTER_COOKIE = 'msid';

/** сайт.рф and пример.испытание in punycode (IDN hosts on the hostile page). */
export const IDN_PIXEL_HOST = 'xn--80aswg.xn--p1ai';
export const IDN_FORM_HOST = 'xn--e1afmkfd.xn--80akhbyknj4f';

/** The policy sentence setPolicyVariant('altered') changes, before and after. */
export const POLICY_SENTENCE_VERBATIM =
  'Персональные данные пользователей хранятся на собственных серверах Компании в полном соответствии с правовыми и нормативно-техническими требованиями, установленными действующим законодательством Российской Федерации.';
export const POLICY_SENTENCE_ALTERED =
  'Персональные данные пользователей хранятся на серверах партнёров Компании в полном соответствии с правовыми и нормативно-техническими требованиями, установленными действующим законодательством Российской Федерации.';

/** Number of bulk requests the hostile page issues (all to `/px/` paths). */
export const HOSTILE_REQUEST_COUNT = 2000;
/** Cookies the hostile page ends up with: Set-Cookie + document.cookie + third-party. */
export const HOSTILE_COOKIES = { setCookie: 30, script: 100, thirdParty: 20 } as const;

/**
 * The site's release the replica serves (issue #17: before and after a release). Release 1 is
 * the site as the other tests know it; release 2 changes exactly the RELEASE_2 items below.
 */
export type Release = 1 | 2;

/** What release 2 changes, for the tests that check the diff between the two audits. */
export const RELEASE_2 = {
  /** Calltouch moves: removed from the home page ... */
  trackerRemovedFrom: '/',
  /** ... and added to the appointment page. */
  trackerAddedTo: '/appointment/',
  tracker: 'calltouch',
  /** The home page's PHP session cookie loses Secure and HttpOnly. */
  weakenedCookie: 'PHPSESSID',
  /** A pixel no catalogue knows, on the doctors page. */
  unknownThirdPartyHost: 'px.newstat-release.ru',
  unknownThirdPartyPage: '/doctors/',
  /** The policy page serves the 'altered' variant (one sentence changed: POLICY_SENTENCE_ALTERED). */
} as const;
