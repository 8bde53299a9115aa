import type { IDBPTransaction } from 'idb';
import type { HistoryRecord } from '@/policy/export/history-record';
import type { Finding, ReportCookie, ReportPage } from '@/policy/report/schema';
import { estimateBytes } from '@/policy/history/size';

/**
 * v6 -> v7: every slim record of a v6 database (schema v6, 2026-11-30) is read back whole
 * (its shared texts put back from "texts", its cookie tuples unpacked) exactly as the v6 store
 * read it, and stored whole in "pages". Rows and aggregates keep their v6 form; the totals are
 * recomputed. A value that does not read back (it was already skipped when read) stays as it
 * was: it is still counted, skipped when read and pruned in turn. store/db.ts then deletes
 * "summaries", "texts" and "export-fragments". No zod here: store/db.ts loads with the audit
 * page's first screen.
 */

type Tx = IDBPTransaction<unknown, string[], 'versionchange'>;
type Lookup = (key: string) => unknown;
type Refs = Record<string, unknown> | null | undefined;

class Missing extends Error {}

/**
 * v6 stored cookies as [name, value, domain, path, flags, sameSite, expires, size, vendor, feature, purposes,
 * disclosure], flags firstParty 1, httpOnly 2, secure 4, session 8, partitioned 16.
 */
function unpackCookie(t: unknown[]): ReportCookie {
  const [name, value, domain, path, flags, sameSite, expires, size, vendor, feature, purposes, disclosure] = t as [
    string,
    string | null,
    string,
    string,
    number,
    ReportCookie['sameSite'],
    string | null,
    number,
    string | null,
    string | null,
    string[],
    ReportCookie['disclosure'] | null,
  ];
  const bit = (i: number) => (flags & (1 << i)) !== 0;
  const c = {
    name,
    domain,
    path,
    firstParty: bit(0),
    httpOnly: bit(1),
    secure: bit(2),
    sameSite,
    expires,
    session: bit(3),
    partitioned: bit(4),
    size,
    vendor,
    purposes,
  } as ReportCookie;
  if (value !== null) c.value = value;
  if (feature !== null) c.feature = feature;
  if (disclosure !== null) c.disclosure = disclosure;
  return c;
}

/** The v6 read-back of a slim page (policy/history/slim.ts hydratePage at v6). */
function hydratePage(page: Record<string, unknown>, texts: { t?: Refs[]; f?: Refs[] }, lookup: Lookup): ReportPage {
  const str = (k: unknown): string => {
    const v = lookup(k as string);
    if (typeof v !== 'string') throw new Missing();
    return v;
  };
  const pair = (k: unknown): { ru: string; en: string } => {
    const v = lookup(k as string);
    if (typeof v !== 'object' || v === null) throw new Missing();
    return v as { ru: string; en: string };
  };
  const trackers = page.trackers as Record<string, unknown>[];
  const findings = page.findings as Finding[];
  if (!Array.isArray(trackers) || !Array.isArray(findings) || !Array.isArray(page.cookies)) throw new Missing();
  if ((texts.t && texts.t.length !== trackers.length) || (texts.f && texts.f.length !== findings.length)) throw new Missing();
  const outTrackers = trackers.map((t, i) => {
    const r = texts.t?.[i];
    if (!r) return t;
    const out: Record<string, unknown> = { ...t };
    if (r.d) out.description = pair(r.d);
    if (r.x) out.explanation = pair(r.x);
    if (r.q) out.quotes = (r.q as string[]).map(str);
    const parts = (t.parts ?? []) as Record<string, unknown>[];
    const cs = (t.contradictions ?? []) as Record<string, unknown>[];
    if (r.p) out.parts = parts.map((part, j) => ((r.p as unknown[])[j] ? { ...part, explanation: pair((r.p as unknown[])[j]) } : part));
    if (r.c) out.contradictions = cs.map((c, j) => ((r.c as unknown[])[j] ? { ...c, quote: str((r.c as unknown[])[j]) } : c));
    return out;
  });
  const outFindings = findings.map((f, i) => {
    const r = texts.f?.[i];
    if (!r) return f;
    const out: Finding = { ...f };
    if (r.t) out.title = pair(r.t);
    if (r.q || r.qs) {
      const evidence: Record<string, unknown> = { ...f.evidence };
      if (r.q) evidence.quote = str(r.q);
      if (r.qs) evidence.quotes = (r.qs as string[]).map(str);
      out.evidence = evidence;
    }
    return out;
  });
  const cookies = (page.cookies as unknown[][]).map(unpackCookie);
  return { ...page, trackers: outTrackers, findings: outFindings, cookies } as ReportPage;
}

/** A v6 "pages" value read back whole, or null when it did not read back at v6 either. */
export function readV6Record(raw: unknown, lookup: Lookup): HistoryRecord | null {
  const s = raw as Record<string, unknown> | null;
  if (!s || s.format !== 2 || typeof s.id !== 'string') return null;
  if (typeof s.page !== 'object' || s.page === null || typeof s.texts !== 'object' || s.texts === null) return null;
  try {
    const report = hydratePage(s.page as Record<string, unknown>, s.texts as { t?: Refs[]; f?: Refs[] }, lookup);
    const { id, url, time, pageId, policyVersion, bytes } = s as unknown as HistoryRecord;
    return { id, url, time, pageId, policyVersion, bytes, report };
  } catch (e) {
    if (e instanceof Missing || e instanceof TypeError) return null;
    throw e;
  }
}

export async function migrateHistoryV6(upgradeTx: unknown): Promise<void> {
  const tx = upgradeTx as Tx;
  const texts = new Map<string, unknown>();
  for (const e of (await tx.objectStore('texts').getAll()) as { key?: unknown; value?: unknown }[]) {
    if (typeof e?.key === 'string') texts.set(e.key, e.value);
  }
  const rows = tx.objectStore('rows');
  let count = 0;
  let bytes = 0;
  let cursor = await tx.objectStore('pages').openCursor();
  while (cursor) {
    const rec = readV6Record(cursor.value, (k) => texts.get(k));
    count += 1;
    if (rec) {
      const row = await rows.get(cursor.primaryKey);
      rec.bytes = estimateBytes({ ...rec, bytes: 0 }) + (row ? estimateBytes(row) : 0);
      await cursor.update(rec);
      bytes += rec.bytes;
    } else {
      const b = (cursor.value as { bytes?: unknown } | null)?.bytes;
      bytes += typeof b === 'number' && b > 0 ? b : estimateBytes(cursor.value);
    }
    cursor = await cursor.continue();
  }
  await tx.objectStore('meta').put({ key: 'history-totals', count, bytes });
}
