/**
 * "Likely tracking" heuristic for unidentified third parties (issue #2): does a cookie value look
 * like a per-browser identifier? After Privacy Badger's idea (estimate the value's entropy and
 * call it tracking when it carries enough bits to single out a browser), simplified: Shannon
 * entropy of the value's characters times its length, plus filters for common low-information
 * values (booleans, locales, consent flags, dates, small numbers).
 */

/** Total Shannon information of the string in bits (per-character entropy x length). */
export function shannonBits(value: string): number {
  if (typeof value !== 'string' || value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let len = 0;
  for (const c of counts.values()) len += c;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / len;
    h -= p * Math.log2(p);
  }
  return h * len;
}

/** Values that appear on many sites and do not single out a browser. */
const COMMON = new Set([
  'true',
  'false',
  'yes',
  'no',
  'y',
  'n',
  'on',
  'off',
  'ok',
  'null',
  'undefined',
  'none',
  'nan',
  'accepted',
  'accept',
  'allow',
  'allowed',
  'granted',
  'denied',
  'deny',
  'rejected',
  'reject',
  'dismiss',
  'dismissed',
  'agree',
  'agreed',
  'consent',
  'necessary',
  'all',
  'essential',
  'closed',
  'shown',
  'hidden',
  'visible',
  'light',
  'dark',
  'desktop',
  'mobile',
  'default',
  'enabled',
  'disabled',
  'active',
  'inactive',
]);

const MIN_LENGTH = 8;
const MIN_BITS = 12;

export function looksLikeIdentifier(value: string): boolean {
  if (typeof value !== 'string') return false;
  let v = value.trim();
  // Cookie values are often URI-encoded or quoted.
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
  if (v.includes('%')) {
    try {
      v = decodeURIComponent(v);
    } catch {
      /* keep the raw value */
    }
  }
  if (v.length < MIN_LENGTH) return false;
  const lower = v.toLowerCase();
  if (COMMON.has(lower)) return false;
  // Locale codes and lists of them: "ru", "ru-RU", "en_US,ru".
  if (/^[a-z]{2,3}([-_][a-z0-9]{2,4})?([,;|][a-z]{2,3}([-_][a-z0-9]{2,4})?)*$/i.test(v)) return false;
  // Dates / times: 2024-05-01, 01.05.2024, 2024-05-01T10:00:00Z, "Wed, 01 May 2024 10:00:00 GMT".
  if (/^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/i.test(v)) return false;
  if (/^\d{1,2}[./]\d{1,2}[./]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$/.test(v)) return false;
  if (!Number.isNaN(Date.parse(v)) && /[a-z]{3}/i.test(v) && /\d{4}/.test(v) && /:/.test(v)) return false;
  // Words only (a language, a page name, "consent_given"): no digits and a dictionary-like shape.
  if (/^[a-z]+([ _-][a-z]+)*$/i.test(v) && v.length <= 24) return false;
  // Consent strings like "necessary:true,analytics:false".
  if (/^([a-z_]+[:=](true|false|yes|no|0|1|granted|denied)[,;|&]?)+$/i.test(v)) return false;
  // A single repeated character or very low variety carries little information.
  return shannonBits(v) >= MIN_BITS && new Set(v).size >= 4;
}
