import type { HistoryRecord } from '../export/history-record';
import type { Finding, ReportCookie, ReportPage, ReportTracker } from '../report/schema';
import { StoredRecordSchema, type CookieTuple, type FindingTextRefs, type SlimPage, type TextRefs, type TextValue, type TrackerTextRefs } from './schema';

/**
 * Slim history records (issue #5): the long texts a report page shares with other pages
 * (policy quotes, disclosure explanations, vendor descriptions, finding titles; about 45% of
 * a replica page's JSON) are moved out of the page into a content-addressed table, and put
 * back when read; cookies are stored as tuples (packCookie). hydratePage(slimPage(p)) deep-equals p for every valid report page
 * (tests/unit/history-slim.test.ts, property-based and on replica pages).
 *
 * Texts are keyed by a hash of their content, so equal texts share one entry whichever record,
 * build or policy version wrote them, and a text that changes in a newer policy model is a new
 * entry: old records keep theirs.
 */

/** cyrb53 (public domain, bryc): a fast 53-bit string hash, good enough to key a few thousand texts. */
function cyrb53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The key of a text: "s" for a string, "b" for a {ru, en} pair, then the hash in base 36. */
export function textKey(value: TextValue): string {
  return typeof value === 'string' ? `s${cyrb53(value).toString(36)}` : `b${cyrb53(`${value.ru}\u0000${value.en}`).toString(36)}`;
}

export function sameText(a: TextValue, b: TextValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.ru === b.ru && a.en === b.en;
}

const FIRST_PARTY = 1;
const HTTP_ONLY = 2;
const SECURE = 4;
const SESSION = 8;
const PARTITIONED = 16;

export function packCookie(c: ReportCookie): CookieTuple {
  const flags = (c.firstParty ? FIRST_PARTY : 0) | (c.httpOnly ? HTTP_ONLY : 0) | (c.secure ? SECURE : 0) | (c.session ? SESSION : 0) | (c.partitioned ? PARTITIONED : 0);
  return [c.name, c.value ?? null, c.domain, c.path, flags, c.sameSite, c.expires, c.size, c.vendor, c.feature ?? null, c.purposes, c.disclosure ?? null];
}

export function unpackCookie(t: CookieTuple): ReportCookie {
  const [name, value, domain, path, flags, sameSite, expires, size, vendor, feature, purposes, disclosure] = t;
  const c: ReportCookie = {
    name,
    domain,
    path,
    firstParty: (flags & FIRST_PARTY) !== 0,
    httpOnly: (flags & HTTP_ONLY) !== 0,
    secure: (flags & SECURE) !== 0,
    sameSite,
    expires,
    session: (flags & SESSION) !== 0,
    partitioned: (flags & PARTITIONED) !== 0,
    size,
    vendor,
    purposes,
  };
  if (value !== null) c.value = value;
  if (feature !== null) c.feature = feature;
  if (disclosure !== null) c.disclosure = disclosure;
  return c;
}

export interface Slimmed {
  page: SlimPage;
  texts: TextRefs;
  /** Every text moved out, by key. */
  table: Map<string, TextValue>;
  /** References per key (a text used twice counts twice). */
  counts: Map<string, number>;
}

function isBilingual(v: unknown): v is { ru: string; en: string } {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 2 && typeof (v as { ru: unknown }).ru === 'string' && typeof (v as { en: unknown }).en === 'string';
}

/**
 * Moves the shared texts of a (valid) report page into a table. `avoid`: keys not to use
 * (the store found another text under that key: a hash collision), whose texts stay inline.
 * The input is not modified.
 */
export function slimPage(page: ReportPage, avoid: ReadonlySet<string> = new Set()): Slimmed {
  const table = new Map<string, TextValue>();
  const counts = new Map<string, number>();
  const intern = (v: TextValue): string | null => {
    const k = textKey(v);
    if (avoid.has(k)) return null;
    const had = table.get(k);
    // Two different texts with one key inside a single page: keep the second inline.
    if (had !== undefined && !sameText(had, v)) return null;
    table.set(k, v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return k;
  };
  let anyTracker = false;
  const trackerRefs: (TrackerTextRefs | null)[] = [];
  const trackers = page.trackers.map((t) => {
    const slim: Record<string, unknown> = { ...t };
    const r: TrackerTextRefs = {};
    if (isBilingual(t.description)) {
      const k = intern(t.description);
      if (k) {
        r.d = k;
        delete slim.description;
      }
    }
    if (isBilingual(t.explanation)) {
      const k = intern(t.explanation);
      if (k) {
        r.x = k;
        delete slim.explanation;
      }
    }
    if (t.quotes.length > 0) {
      const keys = t.quotes.map(intern);
      if (keys.every((k): k is string => k !== null)) {
        r.q = keys;
        delete slim.quotes;
      } else for (const k of keys) if (k) counts.set(k, counts.get(k)! - 1);
    }
    if (t.parts && t.parts.length > 0) {
      const p = t.parts.map((part) => intern(part.explanation));
      if (p.some((k) => k !== null)) {
        r.p = p;
        slim.parts = t.parts.map((part, i) => (p[i] ? { feature: part.feature, disclosure: part.disclosure } : part));
      }
    }
    if (t.contradictions && t.contradictions.length > 0) {
      const c = t.contradictions.map((x) => intern(x.quote));
      if (c.some((k) => k !== null)) {
        r.c = c;
        slim.contradictions = t.contradictions.map((x, i) => {
          if (!c[i]) return x;
          const { quote: _quote, ...rest } = x;
          return rest;
        });
      }
    }
    const has = Object.keys(r).length > 0;
    anyTracker ||= has;
    trackerRefs.push(has ? r : null);
    return slim as SlimPage['trackers'][number];
  });
  let anyFinding = false;
  const findingRefs: (FindingTextRefs | null)[] = [];
  const findings = page.findings.map((f) => {
    let slim: Finding = f;
    const r: FindingTextRefs = {};
    if (isBilingual(f.title)) {
      const k = intern(f.title);
      if (k) {
        r.t = k;
        const { title: _title, ...rest } = slim;
        slim = rest;
      }
    }
    const ev = f.evidence;
    if (typeof ev.quote === 'string' || (Array.isArray(ev.quotes) && ev.quotes.length > 0 && ev.quotes.every((q) => typeof q === 'string'))) {
      const evidence: Record<string, unknown> = { ...ev };
      if (typeof ev.quote === 'string') {
        const k = intern(ev.quote);
        if (k) {
          r.q = k;
          delete evidence.quote;
        }
      }
      if (Array.isArray(ev.quotes) && ev.quotes.length > 0 && ev.quotes.every((q) => typeof q === 'string')) {
        const keys = (ev.quotes as string[]).map(intern);
        if (keys.every((k): k is string => k !== null)) {
          r.qs = keys;
          delete evidence.quotes;
        } else for (const k of keys) if (k) counts.set(k, counts.get(k)! - 1);
      }
      slim = { ...slim, evidence };
    }
    const has = Object.keys(r).length > 0;
    anyFinding ||= has;
    findingRefs.push(has ? r : null);
    return slim;
  });
  for (const [k, n] of counts) if (n <= 0) counts.delete(k);
  for (const k of table.keys()) if (!counts.has(k)) table.delete(k);
  const texts: TextRefs = {};
  if (anyTracker) texts.t = trackerRefs;
  if (anyFinding) texts.f = findingRefs;
  return { page: { ...page, trackers, findings, cookies: page.cookies.map(packCookie) }, texts, table, counts };
}

/** Every key a record references, with multiplicity (the reference counts it holds). */
export function textRefCounts(texts: TextRefs): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string | null | undefined) => {
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  for (const r of texts.t ?? []) {
    if (!r) continue;
    add(r.d);
    add(r.x);
    r.q?.forEach(add);
    r.p?.forEach(add);
    r.c?.forEach(add);
  }
  for (const r of texts.f ?? []) {
    if (!r) continue;
    add(r.t);
    add(r.q);
    r.qs?.forEach(add);
  }
  return counts;
}

export class MissingTextError extends Error {}

/**
 * Puts the moved texts back. `lookup` returns the stored text of a key (undefined when it is
 * missing). Throws MissingTextError when a key is missing or holds the wrong kind of text:
 * the record is then unreadable and is skipped like any invalid record.
 */
export function hydratePage(page: SlimPage, texts: TextRefs, lookup: (key: string) => TextValue | undefined): ReportPage {
  const str = (k: string): string => {
    const v = lookup(k);
    if (typeof v !== 'string') throw new MissingTextError(`text ${k}`);
    return v;
  };
  const pair = (k: string): { ru: string; en: string } => {
    const v = lookup(k);
    if (typeof v !== 'object' || v === null) throw new MissingTextError(`text ${k}`);
    return v;
  };
  const tr = texts.t;
  const fr = texts.f;
  if ((tr && tr.length !== page.trackers.length) || (fr && fr.length !== page.findings.length)) throw new MissingTextError('text references do not match the page');
  const trackers: ReportTracker[] = tr
    ? page.trackers.map((t, i) => {
        const r = tr[i];
        if (!r) return t as ReportTracker;
        const out: Record<string, unknown> = { ...t };
        if (r.d) out.description = pair(r.d);
        if (r.x) out.explanation = pair(r.x);
        if (r.q) out.quotes = r.q.map(str);
        if (r.p) {
          const parts = t.parts ?? [];
          if (r.p.length !== parts.length) throw new MissingTextError('part references do not match');
          out.parts = parts.map((part, j) => (r.p![j] ? { ...part, explanation: pair(r.p![j]!) } : part));
        }
        if (r.c) {
          const cs = t.contradictions ?? [];
          if (r.c.length !== cs.length) throw new MissingTextError('contradiction references do not match');
          out.contradictions = cs.map((c, j) => (r.c![j] ? { ...c, quote: str(r.c![j]!) } : c));
        }
        return out as ReportTracker;
      })
    : (page.trackers as ReportTracker[]);
  // Any part or contradiction still without its text is an invalid record.
  for (const t of trackers) {
    if (t.parts?.some((p) => p.explanation === undefined) || t.contradictions?.some((c) => c.quote === undefined)) throw new MissingTextError('a text is missing');
  }
  const findings: Finding[] = fr
    ? page.findings.map((f, i) => {
        const r = fr[i];
        if (!r) return f;
        const out: Finding = { ...f };
        if (r.t) out.title = pair(r.t);
        if (r.q || r.qs) {
          const evidence: Record<string, unknown> = { ...f.evidence };
          if (r.q) evidence.quote = str(r.q);
          if (r.qs) evidence.quotes = r.qs.map(str);
          out.evidence = evidence;
        }
        return out;
      })
    : page.findings;
  return { ...page, trackers, findings, cookies: page.cookies.map(unpackCookie) };
}

/**
 * A value of the "pages" store read back: validated with zod (StoredRecordSchema), texts put
 * back; null when it does not validate or a text is missing. The result is a valid history
 * record (its report a valid ReportPage), so an export need not validate it again.
 */
export function hydrateStored(raw: unknown, texts: (key: string) => TextValue | undefined): HistoryRecord | null {
  const r = StoredRecordSchema.safeParse(raw);
  if (!r.success) return null;
  const s = r.data;
  try {
    return { id: s.id, url: s.url, time: s.time, pageId: s.pageId, policyVersion: s.policyVersion, bytes: s.bytes, report: hydratePage(s.page, s.texts, texts) };
  } catch (e) {
    if (e instanceof MissingTextError) return null;
    throw e;
  }
}
