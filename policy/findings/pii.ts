import { base64Utf8, md5, sha1, sha256 } from './hash';
import { bodyParams, parseUrl, safeDecode } from './util';

/**
 * pii-leak matching (issue #5): a typed e-mail or phone found in a third-party request,
 * plain, URL-encoded, base64 or hashed (md5, sha1, sha256 of normalised forms). Ad pixels
 * ("advanced matching", Yandex Metrica's userParams, VK Ads' hashed contacts) normalise
 * before hashing: e-mail trimmed and lowercased, phone as digits with the country code;
 * we hash every normalised form once per page, then scan each request once.
 */

export type PiiEncoding = 'plain' | 'urlencoded' | 'base64' | 'md5' | 'sha1' | 'sha256';

export interface PiiNeedle {
  field: string;
  encoding: PiiEncoding;
  /** Lowercased text to look for in the lowercased request. */
  text: string;
  /** The lowercased plain form this needle derives from (to name the parameter). */
  plain: string;
}

export type ValueType = 'email' | 'phone' | 'other';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function valueType(value: string): ValueType {
  const v = value.trim();
  if (EMAIL_RE.test(v)) return 'email';
  const digits = v.replace(/\D/g, '');
  if (/^[+\d\s().-]+$/.test(v) && digits.length >= 10 && digits.length <= 15) return 'phone';
  return 'other';
}

/** Normalised forms of a phone: digits, with 7 / 8 / +7 / nothing before the 10-digit number. */
export function phoneForms(value: string): string[] {
  const raw = value.trim();
  const digits = raw.replace(/\D/g, '');
  const forms = new Set<string>([raw, digits]);
  let national: string | null = null;
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8')) national = digits.slice(1);
  else if (digits.length === 10) national = digits;
  if (national) for (const p of ['7', '8', '+7', '']) forms.add(p + national);
  else forms.add(`+${digits}`);
  return [...forms].filter((f) => f.length > 0);
}

export function emailForms(value: string): string[] {
  const t = value.trim();
  return [...new Set([t.toLowerCase(), t])];
}

/** Minimum needle length: shorter strings match by chance. */
const MIN_NEEDLE = 6;

/**
 * All needles for the typed values of one page (computed once per page, issue #5 "Performance").
 * Hashes only for e-mail and phone (hashing a name is not a common pixel practice, and hashes of
 * short strings would only add cost); other fields are looked for as plain, URL-encoded, base64.
 */
export function buildPiiNeedles(typed: { field: string; value: string }[]): PiiNeedle[] {
  const out = new Map<string, PiiNeedle>();
  const add = (field: string, encoding: PiiEncoding, text: string, plain: string): void => {
    const t = text.toLowerCase();
    if (t.length < MIN_NEEDLE || out.has(t)) return;
    out.set(t, { field, encoding, text: t, plain: plain.toLowerCase() });
  };
  for (const { field, value } of typed) {
    const type = valueType(value);
    if (type === 'other' && value.trim().length < MIN_NEEDLE) continue;
    const forms = type === 'email' ? emailForms(value) : type === 'phone' ? phoneForms(value) : [value.trim()];
    for (const f of forms) {
      add(field, 'plain', f, f);
      add(field, 'urlencoded', encodeURIComponent(f), f);
      add(field, 'urlencoded', encodeURIComponent(f).replace(/%20/g, '+'), f);
      const b64 = base64Utf8(f);
      add(field, 'base64', b64, f);
      add(field, 'base64', b64.replace(/=+$/, ''), f);
      add(field, 'base64', b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), f);
      if (type !== 'other') {
        add(field, 'md5', md5(f), f);
        add(field, 'sha1', sha1(f), f);
        add(field, 'sha256', sha256(f), f);
      }
    }
  }
  // Longer needles first: a hash hit is reported rather than a shorter plain substring.
  return [...out.values()].sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
}

export interface PiiHit {
  field: string;
  encoding: PiiEncoding;
  /** Query or body parameter name, "path" or "body" when no parameter holds it. */
  param: string;
  where: 'url' | 'body';
}

function findParam(params: [string, string][], needle: PiiNeedle): string | null {
  for (const [k, v] of params) {
    const lv = v.toLowerCase();
    if (lv.includes(needle.text) || lv.includes(needle.plain)) return k;
    const dv = safeDecode(v).toLowerCase();
    if (dv !== lv && (dv.includes(needle.text) || dv.includes(needle.plain))) return k;
  }
  return null;
}

/** Scans one request (URL and body) once for all needles; one hit per field and encoding. */
export function scanRequestForPii(url: string, body: string | undefined, needles: PiiNeedle[]): PiiHit[] {
  if (needles.length === 0) return [];
  const hits: PiiHit[] = [];
  const seen = new Set<string>();
  const parts: { where: 'url' | 'body'; raw: string }[] = [{ where: 'url', raw: url }];
  if (body) parts.push({ where: 'body', raw: body });
  for (const part of parts) {
    const hay = part.raw.toLowerCase();
    // Decode before lowercasing: "%D0%98" is an upper-case Cyrillic letter once decoded.
    const once = safeDecode(part.raw);
    const decoded = once === part.raw ? hay : once.toLowerCase();
    const twiceRaw = once === part.raw ? once : safeDecode(once);
    const twice = twiceRaw === once ? decoded : twiceRaw.toLowerCase();
    const fieldsHere = new Set<string>();
    for (const n of needles) {
      // One hit per field, part and encoding class (plain and URL-encoded are one class, since
      // "79131234567" contains "9131234567"): the longest, most specific needle wins.
      const cls = `${n.field}\u0000${n.encoding === 'urlencoded' ? 'plain' : n.encoding}`;
      if (fieldsHere.has(cls)) continue;
      let encoding: PiiEncoding | null = null;
      if (hay.includes(n.text)) encoding = n.encoding;
      else if ((decoded !== hay && decoded.includes(n.text)) || (twice !== decoded && twice.includes(n.text)))
        encoding = n.encoding === 'plain' ? 'urlencoded' : n.encoding;
      if (!encoding) continue;
      fieldsHere.add(cls);
      const key = `${n.field}\u0000${encoding}\u0000${part.where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const params = part.where === 'url' ? (parseUrl(url)?.params ?? []) : bodyParams(body);
      const param = findParam(params, n) ?? (part.where === 'url' ? 'path' : 'body');
      hits.push({ field: n.field, encoding, param, where: part.where });
    }
  }
  return hits;
}
