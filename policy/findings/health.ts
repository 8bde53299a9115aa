import type { Finding } from '../report/schema';
import { effectivePolicy } from '../referrer';
import { truncateUrl, type FindingsInput } from './types';
import { bodyParams, isThirdPartyUrl, parseUrl, safeDecode, vendorCategory } from './util';

/**
 * health-context-leak (issue #5): the URL, path or title of a page about a medical specialty,
 * service, doctor or condition reaching a third party. Health data is a special category
 * under art. 10 of 152-FZ; the clinic's policy says it does not process special categories
 * (clause special-categories.none).
 *
 * The page is classified once (health lexicon on its path and title); only then are its own
 * path and title looked for in each request: in a parameter (page-url, dl, u, url, ref,
 * referrer, t ..., also when encoded a second time), in the request path, or in the Referer.
 * A generic page (home, contacts) never yields a finding, whatever its URL.
 */

export const HEALTH_CLAUSE = 'special-categories.none';

/** Parameters trackers use for the page URL, referrer and title (named first in evidence). */
export const PAGE_URL_PARAMS = [
  'page-url',
  'page-ref',
  'dl',
  'dr',
  'u',
  'url',
  'ref',
  'referrer',
  'r',
  'dt',
  't',
  'title',
  'href',
  'location',
];

interface Needles {
  texts: string[];
  terms: string[];
}

function pageNeedles(input: FindingsInput): Needles | null {
  const pageUrl = input.page.finalUrl || input.state.url;
  const texts: string[] = [];
  const terms = new Set<string>();
  const parsed = parseUrl(pageUrl);
  if (parsed) {
    const path = parsed.path.toLowerCase().replace(/\/+$/, '');
    // The path only: the host (pro-medika) must not make every page "medical".
    const h = input.detectHealth(parsed.path);
    if (h.matched && path.length >= 3) {
      texts.push(path);
      h.terms.forEach((t) => terms.add(t));
    }
  }
  const title = (input.page.title || input.state.signals.title || input.state.title || '').trim();
  if (title.length >= 6) {
    const h = input.detectHealth(title);
    if (h.matched) {
      texts.push(title.toLowerCase());
      h.terms.forEach((t) => terms.add(t));
    }
  }
  return texts.length ? { texts, terms: [...terms].sort() } : null;
}

/** Whether a value holds one of the needles, as is or percent-decoded (`twice`: decoded twice). */
function containsAny(value: string, texts: string[], twice = false): boolean {
  // Lowercase after decoding: "%D0%9F" decodes to an upper-case "П".
  const v = value.toLowerCase();
  if (texts.some((t) => v.includes(t))) return true;
  const raw = safeDecode(value);
  if (raw === value) return false;
  const d = raw.toLowerCase();
  if (texts.some((t) => d.includes(t))) return true;
  if (!twice) return false;
  const raw2 = safeDecode(raw);
  return raw2 !== raw && texts.some((t) => raw2.toLowerCase().includes(t));
}

function paramRank(p: string): number {
  const i = PAGE_URL_PARAMS.indexOf(p.toLowerCase());
  return i < 0 ? PAGE_URL_PARAMS.length : i;
}

export function healthContextLeak(input: FindingsInput): Finding[] {
  const needles = pageNeedles(input);
  if (!needles) return [];
  const groups = new Map<string, { vendor?: string; host: string; param: string; url: string; count: number }>();
  for (const req of input.state.requests) {
    if (!isThirdPartyUrl(req.url, input.siteDomains)) continue;
    // Cheap pre-check on the whole request before parsing parameters (scan each request once).
    const inUrl = containsAny(req.url, needles.texts, true);
    const inBody = req.body !== undefined && containsAny(req.body, needles.texts, true);
    const inReferer = req.referer !== undefined && containsAny(req.referer, needles.texts);
    if (!inUrl && !inBody && !inReferer) continue;
    const parsed = parseUrl(req.url);
    if (!parsed) continue;
    const found: string[] = [];
    const params = inUrl ? parsed.params : [];
    for (const [k, v] of inBody ? [...params, ...bodyParams(req.body)] : params) if (containsAny(v, needles.texts)) found.push(k);
    if (found.length === 0 && containsAny(parsed.path, needles.texts)) found.push('path');
    if (req.referer && containsAny(req.referer, needles.texts)) found.push('Referer');
    if (found.length === 0) continue;
    const vendor = input.classifier.matchUrl(req.url)?.vendorId;
    for (const param of new Set(found)) {
      const key = `${vendor ?? parsed.host}\u0000${param}`;
      const g = groups.get(key);
      if (g) g.count += 1;
      else groups.set(key, { vendor, host: parsed.host, param, url: req.url, count: 1 });
    }
  }
  const out: Finding[] = [];
  const sorted = [...groups.values()].sort(
    (a, b) =>
      (a.vendor ?? a.host).localeCompare(b.vendor ?? b.host) || paramRank(a.param) - paramRank(b.param) || a.param.localeCompare(b.param),
  );
  for (const g of sorted) {
    const advertising = vendorCategory(input.classifier, g.vendor) === 'advertising';
    out.push({
      kind: 'health-context-leak',
      severity: advertising ? 'high' : 'medium',
      ...(g.vendor ? { vendor: g.vendor } : {}),
      clause: HEALTH_CLAUSE,
      evidence: {
        host: g.host,
        param: g.param,
        url: truncateUrl(g.url),
        terms: needles.terms,
        requests: g.count,
        // The Referer is computed from the page's referrer policy (policy/referrer.ts): say which.
        ...(g.param === 'Referer'
          ? { referrerPolicy: effectivePolicy(input.state.referrerPolicyHeader, input.state.signals.referrerPolicy) }
          : {}),
      },
      title: {
        ru: `Адрес или заголовок медицинской страницы передан третьей стороне (${g.param === 'Referer' ? 'заголовок Referer' : `параметр ${g.param}`})`,
        en: `Medical page URL or title sent to a third party (${g.param === 'Referer' ? 'Referer header' : `parameter ${g.param}`})`,
      },
    });
  }
  return out;
}
