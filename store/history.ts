import { unwrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { HistoryRecordSchema, type HistoryRecord } from '@/policy/export/history-record';
import { applySummary, emptyAggregates, overviewOf, type HistoryOverview } from '@/policy/history/aggregates';
import {
  AGGREGATES_KEY,
  SUMMARY_BUCKET_SIZE,
  AggregatesSchema,
  SummaryBucketSchema,
  ExportFragmentBucketSchema,
  type ExportFragmentBucket,
  TextEntrySchema,
  TextRefsSchema,
  type Aggregates,
  type PageSummary,
  type StoredRecord,
  type StoredRow,
  type SummaryBucket,
  type TextEntry,
  type TextValue,
} from '@/policy/history/schema';
import {
  EXPORT_FILES,
  exportPage,
  fragmentsBytes,
  isFileFragment,
  recordFragments,
  splitFragments,
  type ExportFile,
  type FileFragment,
  type FragmentRow,
  type RecordFragments,
} from '@/policy/history/fragments';
import { hydrateStored, sameText, textRefCounts } from '@/policy/history/slim';
import { emptyBucket, packSummary, readBucket, removeFromBucket, unpackSummary } from '@/policy/history/summary';
import { estimateBytes, rebuildAggregates, textEntryBytes, toStored, trackerDb, type HistoryTotals, type TrackerLensDB } from './db';
import { readFirstRows, readStats, TOTALS_KEY, totalsOf, type FirstScreen, type HistoryStats } from './first-screen';
import { DEFAULT_MAX_BYTES, DEFAULT_RETENTION_DAYS, getHistorySettings } from './settings';

export { HistoryRecordSchema, type HistoryRecord, type PageSummary, type HistoryOverview, type FirstScreen, type HistoryStats };

/**
 * Page history (issue #5): one record per page load. Stored slim (store/db.ts v6,
 * policy/history/schema.ts): a slim record in "pages", its shared texts in "texts"
 * (reference-counted), its summary in a bucket of "summaries" and again as its list row in
 * "rows", its export fragments in the same bucket of "export-fragments", one value per
 * export file; all six stores (with the running totals and aggregates in "meta") change in
 * one transaction, so a record, its row, summary, texts, fragments and share of the
 * aggregates are written, pruned and deleted together.
 *
 * Retention (default 90 days) and a size cap (default 50 MB of estimated JSON, texts
 * included) prune the oldest records first. A quota error never loses the current page: older
 * records are pruned and the write is retried once; the outcome is returned, never thrown.
 *
 * Reading back validates with zod: a record, summary or text that does not parse is skipped
 * and counted, never shown half-broken; aggregates that do not parse are recomputed. The
 * audit page's first screen is the aggregates and the first rows by findings
 * (historyFirstScreen); the summaries (listSummaries) load after it; full records are read
 * only for a detail view (getHistory) or an export (readHistory); an export reads each file's
 * fragments (readFragments).
 */

const DAY = 24 * 3600 * 1000;
const WRITE_STORES = ['pages', 'rows', 'summaries', 'export-fragments', 'texts', 'meta'] as const;

type Db = IDBPDatabase<TrackerLensDB>;
type WriteTx = IDBPTransaction<TrackerLensDB, (typeof WRITE_STORES)[number][], 'readwrite'>;

export interface HistoryOptions {
  /** The database (tests); defaults to the extension's shared connection. */
  db?: Db;
  /** Defaults come from store/settings.ts. */
  enabled?: boolean;
  retentionDays?: number;
  maxBytes?: number;
  now?: number;
}

export type PutResult =
  | { ok: true; id: string; bytes: number; pruned: number; retried: boolean }
  | { ok: false; reason: 'disabled' | 'invalid' | 'too-large' | 'quota' | 'error'; message?: string; pruned: number };

async function resolve(opts: HistoryOptions): Promise<Required<Omit<HistoryOptions, 'db'>> & { db: Db }> {
  const needSettings = opts.enabled === undefined || opts.retentionDays === undefined || opts.maxBytes === undefined;
  const s = needSettings
    ? await getHistorySettings().catch(() => ({ enabled: true, retentionDays: DEFAULT_RETENTION_DAYS, maxBytes: DEFAULT_MAX_BYTES }))
    : null;
  return {
    db: opts.db ?? (await trackerDb()),
    enabled: opts.enabled ?? s?.enabled ?? true,
    retentionDays: opts.retentionDays ?? s?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    maxBytes: opts.maxBytes ?? s?.maxBytes ?? DEFAULT_MAX_BYTES,
    now: opts.now ?? Date.now(),
  };
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function emptyTotals(): HistoryTotals {
  return { key: TOTALS_KEY, count: 0, bytes: 0 };
}

/**
 * The changes of one write transaction to "summaries" and "texts", kept in memory and written
 * once at the end: pruning 300 records that share one bucket rewrites the bucket once.
 */
class Pending {
  private buckets = new Map<number, SummaryBucket>();
  /** Export fragment buckets by fragmentKey(file, bucket). */
  private fragmentBuckets = new Map<string, ExportFragmentBucket>();
  private dirtyFragments = new Set<string>();
  private texts = new Map<string, TextEntry | null>();
  private dirtyBuckets = new Set<number>();
  private dirtyTexts = new Set<string>();
  /** A change the aggregates could not follow (a summary that did not read back): recompute them at flush. */
  private rebuild: boolean;
  private constructor(
    private tx: WriteTx,
    public totals: HistoryTotals,
    private aggregates: Aggregates | null,
  ) {
    this.rebuild = aggregates === null;
  }

  static async open(tx: WriteTx): Promise<Pending> {
    const meta = tx.objectStore('meta');
    const totals = await meta.get(TOTALS_KEY);
    const agg = AggregatesSchema.safeParse(await meta.get(AGGREGATES_KEY));
    return new Pending(tx, totalsOf(totals), agg.success ? agg.data : null);
  }

  /**
   * Whether no stored record of `url` is left (after its delete) or was there (before its put):
   * the distinct-URL count follows the byUrl index, so a write does not read the summaries. (A
   * record that does not validate still holds its URL there; a rebuild counts summaries only.)
   */
  private async noRecordOf(url: string): Promise<boolean> {
    return (await this.tx.objectStore('pages').index('byUrl').count(url)) === 0;
  }

  async bucket(n: number): Promise<SummaryBucket> {
    let b = this.buckets.get(n);
    if (!b) {
      // A damaged bucket keeps what remains valid of it (damaged tables: nothing); its records
      // stay readable, only their summaries are gone.
      const raw = SummaryBucketSchema.safeParse(await this.tx.objectStore('summaries').get(n));
      b = emptyBucket(n);
      if (raw.success) {
        const { strings, vendors } = raw.data;
        const items = raw.data.items.filter((i) => unpackSummary(i, strings, vendors) !== null) as SummaryBucket['items'];
        b = { bucket: n, strings, vendors, items };
        if (items.length !== raw.data.items.length) this.dirtyBuckets.add(n);
      }
      this.buckets.set(n, b);
    }
    return b;
  }

  /**
   * One export file's fragments of a bucket. A damaged bucket starts empty and a damaged item
   * is left out (both are gone when the bucket is rewritten): their records' exports compute
   * those fragments, see readFragments.
   */
  async fragmentBucket(file: ExportFile, n: number): Promise<ExportFragmentBucket> {
    const key = fragmentKey(file, n);
    let b = this.fragmentBuckets.get(key);
    if (!b) {
      const raw = ExportFragmentBucketSchema.safeParse(await this.tx.objectStore('export-fragments').get([file, n]));
      const items = raw.success ? raw.data.items.filter((x): x is ExportFragmentBucket['items'][number] => isFileFragment(x, file) && isId((x as { id?: unknown }).id)) : [];
      b = { file, bucket: n, items };
      this.fragmentBuckets.set(key, b);
    }
    return b;
  }

  /** Every export file's fragment bucket `n` (read together: six gets in one round trip). */
  private fragmentBuckets6(n: number): Promise<ExportFragmentBucket[]> {
    return Promise.all(EXPORT_FILES.map((file) => this.fragmentBucket(file, n)));
  }

  async text(key: string): Promise<TextEntry | null> {
    if (!this.texts.has(key)) {
      const raw = await this.tx.objectStore('texts').get(key);
      const parsed = TextEntrySchema.safeParse(raw);
      this.texts.set(key, parsed.success ? parsed.data : null);
    }
    return this.texts.get(key)!;
  }

  /** Removes a stored value of "pages" (any shape) with its row, summary and text references. */
  async remove(raw: unknown, deleteValue: () => Promise<unknown>): Promise<void> {
    await deleteValue();
    const r = (raw ?? {}) as Partial<StoredRecord>;
    if (typeof r.id === 'string') await this.tx.objectStore('rows').delete(r.id);
    this.totals.count -= 1;
    this.totals.bytes -= typeof r.bytes === 'number' ? r.bytes : 0;
    if (typeof r.bucket === 'number') {
      const b = await this.bucket(r.bucket);
      const item = b.items.find((x) => x.id === r.id);
      const summary = item ? unpackSummary(item, b.strings, b.vendors) : null;
      if (removeFromBucket(b, new Set([r.id as string]))) this.dirtyBuckets.add(r.bucket);
      for (const fb of await this.fragmentBuckets6(r.bucket)) {
        const at = fb.items.findIndex((x) => x.id === r.id);
        if (at >= 0) {
          fb.items.splice(at, 1);
          this.dirtyFragments.add(fragmentKey(fb.file, fb.bucket));
        }
      }
      // The aggregates count what has a summary: take this one's share out.
      if (summary && this.aggregates) {
        applySummary(this.aggregates, summary, -1);
        if (await this.noRecordOf(summary.url)) this.aggregates.urls = Math.max(0, this.aggregates.urls - 1);
      } else if (!summary) this.rebuild = true; // whether it was ever counted is unknown
    }
    const refs = TextRefsSchema.safeParse(r.texts);
    if (!refs.success) return;
    for (const [key, n] of textRefCounts(refs.data)) {
      const e = await this.text(key);
      if (!e) continue;
      const left = e.refs - n;
      if (left > 0) this.texts.set(key, { ...e, refs: left });
      else {
        this.texts.set(key, null);
        this.totals.bytes -= e.bytes;
      }
      this.dirtyTexts.add(key);
    }
  }

  /** Writes the record and its row, and adds its summary, texts, export fragments and share of the aggregates. */
  async add(stored: StoredRecord, summary: PageSummary, row: StoredRow, table: Map<string, TextValue>, counts: Map<string, number>, fragments: RecordFragments): Promise<void> {
    const newUrl = this.aggregates ? await this.noRecordOf(stored.url) : false;
    await this.tx.objectStore('pages').put(stored);
    await this.tx.objectStore('rows').put(row);
    if (this.aggregates) {
      applySummary(this.aggregates, summary, 1);
      if (newUrl) this.aggregates.urls += 1;
    }
    packSummary(await this.bucket(stored.bucket), summary);
    this.dirtyBuckets.add(stored.bucket);
    // One item per export file, the empty CSV tables' (n 0) included (see ExportFragmentBucketSchema).
    const split = splitFragments(fragments);
    for (const fb of await this.fragmentBuckets6(stored.bucket)) {
      fb.items.push({ id: stored.id, ...split[fb.file] });
      this.dirtyFragments.add(fragmentKey(fb.file, fb.bucket));
    }
    for (const [key, n] of counts) {
      const e = await this.text(key);
      if (e) this.texts.set(key, { ...e, refs: e.refs + n });
      else {
        const value = table.get(key)!;
        const bytes = textEntryBytes(key, value);
        this.texts.set(key, { key, value, refs: n, bytes });
        this.totals.bytes += bytes;
      }
      this.dirtyTexts.add(key);
    }
    this.totals.count += 1;
    this.totals.bytes += stored.bytes;
  }

  /** The bucket a new summary goes to: the newest, unless it is full. */
  async targetBucket(): Promise<number> {
    const last = await this.tx.objectStore('summaries').openKeyCursor(null, 'prev');
    let n = last ? last.key : 0;
    for (const k of this.buckets.keys()) n = Math.max(n, k);
    return (await this.bucket(n)).items.length >= SUMMARY_BUCKET_SIZE ? n + 1 : n;
  }

  async flush(): Promise<void> {
    const summaries = this.tx.objectStore('summaries');
    for (const n of this.dirtyBuckets) {
      const b = this.buckets.get(n)!;
      if (b.items.length) await summaries.put(b);
      else await summaries.delete(n);
    }
    // One put (or delete) per touched (file, bucket).
    const fragments = this.tx.objectStore('export-fragments');
    for (const k of this.dirtyFragments) {
      const b = this.fragmentBuckets.get(k)!;
      if (b.items.length) await fragments.put(b);
      else await fragments.delete([b.file, b.bucket]);
    }
    const texts = this.tx.objectStore('texts');
    for (const k of this.dirtyTexts) {
      const e = this.texts.get(k);
      if (e) await texts.put(e);
      else await texts.delete(k);
    }
    const meta = this.tx.objectStore('meta');
    await meta.put({ ...this.totals, count: Math.max(0, this.totals.count), bytes: Math.max(0, this.totals.bytes) });
    // Rare (aggregates missing or damaged): every summary is read once, in this transaction,
    // after the buckets above were written.
    await meta.put(this.rebuild || !this.aggregates ? await rebuildAggregates(this.tx) : this.aggregates);
  }
}

const fragmentKey = (file: ExportFile, bucket: number) => `${file}/${bucket}`;
const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

function writeTx(db: Db): { tx: WriteTx; done: Promise<void> } {
  const tx = db.transaction([...WRITE_STORES], 'readwrite');
  // If a request fails the transaction aborts; tx.done then rejects too: keep that rejection handled.
  const done = tx.done.catch((e: unknown) => {
    throw e;
  });
  done.catch(() => undefined);
  return { tx, done };
}

/**
 * What a write stores, built before its transaction: the stored (slim) form and the export
 * fragments of the record as it will read back (key order and texts kept inline after a hash
 * clash included), so an export from fragments is byte for byte the export of the read-back
 * record (policy/history/fragments.ts). About 3 ms of CPU per page load, once, in the
 * background; the transaction then only reads the store's texts and writes.
 */
interface Draft {
  built: ReturnType<typeof toStored>;
  fragments: ReturnType<typeof recordFragments>;
}

function draftOf(rec: HistoryRecord, known: (key: string) => TextValue | undefined): Draft {
  const built = toStored(rec, 0, known);
  const readBack = hydrateStored(built.stored, (k) => built.slim.table.get(k) ?? known(k));
  if (!readBack) throw new Error('history: a stored record does not read back');
  return { built, fragments: recordFragments(exportPage(readBack)) };
}

/**
 * One readwrite transaction: drop expired records, make room under the cap (oldest first),
 * then write the record, its summary and its texts. `shrink` (the quota retry) also frees a
 * quarter of what is stored, at least one record: the browser's quota, not our cap, was the limit.
 */
async function writeOnce(db: Db, rec: HistoryRecord, draft: Draft, o: { retentionDays: number; maxBytes: number; now: number }, shrink: boolean): Promise<{ pruned: number; bytes: number }> {
  const { tx, done } = writeTx(db);
  try {
    const r = await writeIn(tx, rec, draft, o, shrink);
    await done;
    return r;
  } catch (e) {
    // Nothing of a failed write may stay: the prunes of this attempt go too.
    try {
      tx.abort?.();
    } catch {
      // already finished or aborted
    }
    throw e;
  }
}

async function writeIn(tx: WriteTx, rec: HistoryRecord, draft: Draft, o: { retentionDays: number; maxBytes: number; now: number }, shrink: boolean): Promise<{ pruned: number; bytes: number }> {
  const pages = tx.objectStore('pages');
  const p = await Pending.open(tx);
  const known = new Map<string, TextValue>();
  for (const k of draft.built.slim.table.keys()) {
    const e = await p.text(k);
    if (e) known.set(k, e.value);
  }
  // A text key the store holds for a different text (a hash collision): built again here,
  // keeping that text inline. Otherwise the draft is what toStored would build now.
  const clash = [...draft.built.slim.table].some(([k, v]) => known.has(k) && !sameText(known.get(k)!, v));
  const { built, fragments } = clash ? draftOf(rec, (k) => known.get(k)) : draft;
  const { stored, summary, slim, row } = built;
  stored.bytes += fragmentsBytes(fragments);
  let newTextBytes = 0;
  for (const [k, v] of slim.table) if (!known.has(k)) newTextBytes += textEntryBytes(k, v);

  let pruned = 0;
  const existing = await pages.get(rec.id);
  if (existing) await p.remove(existing, () => pages.delete(rec.id));
  const cutoff = o.now - o.retentionDays * DAY;
  let cursor = await pages.index('byTime').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    const c = cursor;
    await p.remove(c.value, () => c.delete());
    pruned += 1;
    cursor = await cursor.continue();
  }
  let budget = o.maxBytes - stored.bytes - newTextBytes;
  if (shrink) budget = Math.min(budget, Math.floor(p.totals.bytes * 0.75) - 1);
  if (p.totals.bytes > budget) {
    cursor = await pages.index('byTime').openCursor();
    while (cursor && p.totals.bytes > budget) {
      const c = cursor;
      await p.remove(c.value, () => c.delete());
      pruned += 1;
      cursor = await cursor.continue();
    }
  }
  stored.bucket = await p.targetBucket();
  await p.add(stored, summary, row, slim.table, slim.counts, fragments);
  await p.flush();
  return { pruned, bytes: stored.bytes };
}

/** Stores one page load. Never throws; see PutResult. `record.bytes` is recomputed (the stored, slim size). */
export async function putHistory(record: HistoryRecord, opts: HistoryOptions = {}): Promise<PutResult> {
  let o: Awaited<ReturnType<typeof resolve>>;
  try {
    o = await resolve(opts);
  } catch (e) {
    return { ok: false, reason: 'error', message: String(e), pruned: 0 };
  }
  if (!o.enabled) return { ok: false, reason: 'disabled', pruned: 0 };
  const parsed = HistoryRecordSchema.safeParse({ ...record, bytes: 0 });
  if (!parsed.success) return { ok: false, reason: 'invalid', message: parsed.error.message, pruned: 0 };
  const rec = parsed.data;
  let draft: Draft;
  try {
    draft = draftOf(rec, () => undefined);
  } catch (e) {
    return { ok: false, reason: 'error', message: String(e), pruned: 0 };
  }
  const size = draft.built.stored.bytes;
  if (size > o.maxBytes) return { ok: false, reason: 'too-large', message: `${size} > ${o.maxBytes}`, pruned: 0 };
  try {
    const r = await writeOnce(o.db, rec, draft, o, false);
    return { ok: true, id: rec.id, bytes: r.bytes, pruned: r.pruned, retried: false };
  } catch (e) {
    if (!isQuotaError(e)) return { ok: false, reason: 'error', message: String(e), pruned: 0 };
    // Quota: prune the oldest quarter of the history and retry once; the current page wins.
    try {
      // A fresh draft: the first attempt's stored form was counted and placed in its bucket.
      const r = await writeOnce(o.db, rec, draftOf(rec, () => undefined), o, true);
      return { ok: true, id: rec.id, bytes: r.bytes, pruned: r.pruned, retried: true };
    } catch (e2) {
      return { ok: false, reason: isQuotaError(e2) ? 'quota' : 'error', message: String(e2), pruned: 0 };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

type TextLookup = (key: string) => TextValue | undefined;

function lookupOf(entries: readonly unknown[]): TextLookup {
  const m = new Map<string, TextValue>();
  for (const raw of entries) {
    const e = TextEntrySchema.safeParse(raw);
    if (e.success) m.set(e.data.key, e.data.value);
  }
  return (k) => m.get(k);
}

/** Every text, for reading many records (a few hundred entries for thousands of records). */
async function allTexts(db: Db): Promise<TextLookup> {
  return lookupOf(await db.getAll('texts'));
}

export interface HistoryFilter {
  url?: string;
  /** ms since epoch, inclusive. */
  since?: number;
  /** ms since epoch, exclusive. */
  until?: number;
  limit?: number;
  /** Default true: newest first. */
  newestFirst?: boolean;
}

export interface HistoryList {
  records: HistoryRecord[];
  /** Records that failed validation (skipped, never shown). */
  skipped: number;
}

/** Full records (texts put back). For many records prefer listSummaries, and readHistory to export. */
export async function listHistory(filter: HistoryFilter = {}, opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryList> {
  const db = opts.db ?? (await trackerDb());
  const texts = await allTexts(db);
  const lo = filter.since ?? -Infinity;
  const hi = filter.until ?? Infinity;
  const range = filter.url !== undefined ? IDBKeyRange.bound([filter.url, lo], [filter.url, hi], false, true) : IDBKeyRange.bound(lo, hi, false, true);
  const tx = db.transaction('pages', 'readonly');
  const source = filter.url !== undefined ? tx.store.index('byUrlTime') : tx.store.index('byTime');
  const limit = filter.limit ?? Infinity;
  const records: HistoryRecord[] = [];
  let skipped = 0;
  let cursor = await source.openCursor(range, filter.newestFirst === false ? 'next' : 'prev');
  while (cursor && records.length < limit) {
    const rec = hydrateStored(cursor.value, texts);
    if (rec) records.push(rec);
    else skipped += 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  return { records, skipped };
}

export async function getHistory(id: string, opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryRecord | null> {
  const db = opts.db ?? (await trackerDb());
  const tx = db.transaction(['pages', 'texts'], 'readonly');
  const raw = await tx.objectStore('pages').get(id);
  const refs = TextRefsSchema.safeParse((raw as { texts?: unknown } | undefined)?.texts);
  const entries = refs.success ? await Promise.all([...textRefCounts(refs.data).keys()].map((k) => tx.objectStore('texts').get(k))) : [];
  await tx.done;
  return raw === undefined ? null : hydrateStored(raw, lookupOf(entries));
}

/**
 * Up to this many pages, an export finds their fragment buckets through their records (about
 * 10 KB each, read in parallel) rather than by reading the "pages" CSV table's buckets whole
 * (about 2 MB at 10,000 records, see locateFragments).
 */
const FEW_RECORDS = 5 * SUMMARY_BUCKET_SIZE;

/** Records by id, read back (null: gone or not valid), in one read transaction. */
async function readBack(db: Db, ids: readonly string[], texts: TextLookup): Promise<(HistoryRecord | null)[]> {
  const tx = db.transaction('pages', 'readonly');
  const raws = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  return raws.map((raw) => (raw === undefined ? null : hydrateStored(raw, texts)));
}

/**
 * Full records by id, in the given order, handed over in batches (an export of 10,000 records
 * never holds them all). Ids that are gone or do not validate are skipped and counted.
 */
export async function readHistory(
  ids: readonly string[],
  onBatch: (records: HistoryRecord[]) => void | Promise<void>,
  opts: Pick<HistoryOptions, 'db'> & { batchSize?: number } = {},
): Promise<{ skipped: number }> {
  const db = opts.db ?? (await trackerDb());
  const texts = await allTexts(db);
  const size = opts.batchSize ?? 200;
  let skipped = 0;
  for (let i = 0; i < ids.length; i += size) {
    const batch: HistoryRecord[] = [];
    for (const rec of await readBack(db, ids.slice(i, i + size), texts)) {
      if (rec) batch.push(rec);
      else skipped += 1;
    }
    await onBatch(batch);
  }
  return { skipped };
}

/**
 * Export fragments of one export file for records by id (issue #5: an export streams each file
 * on its own - one response per file - so it reads only that file's bytes, and starts writing
 * after its first buckets rather than after all of them). For fragmentAssembler-style
 * consumers (policy/history/fragments.ts fragmentAssembler takes them for a one-file export).
 *
 * Hands the fragments over IN THE ORDER OF `ids`, in batches of at most `batchSize`, as soon
 * as the buckets those ids need have been read:
 * - where each record's fragments are: up to `fewRecords` ids, from their records' `bucket`
 *   (a few reads of about 10 KB); beyond, from the "pages" CSV table's buckets, read whole
 *   (locateFragments; for that table itself this read is the export's);
 * - the file's buckets are read in the order the ids first need them, `bucketsPerRead` at a
 *   time in one transaction (adjacent bucket numbers in one getAll over their key range), the
 *   next read already running while a batch is handed over; from each bucket only the wanted
 *   items are kept, each until it has been handed over.
 * In time order (buckets follow time) the first batch goes out after the first read; in an
 * order unrelated to time (by findings) the first batches are short, the rest follows as the
 * buckets come in.
 *
 * Each item handed over is a FileFragment (structurally checked, isFileFragment; its deflated
 * contents are checked when inflated) or undefined: the record is gone or does not read back.
 * A record without stored fragments of this file - stored before schema v5, its bucket
 * damaged or dropped by the v6 migration, its item damaged - gets them computed from the record
 * as it reads back (recordFragments(exportPage(rec)), this file's part) and counted in
 * `computed`. A CSV table in which a record has no rows is an item with n 0, not a missing one.
 *
 * HTML rows first (`onRows`, html only): the HTML head (the pages' summary table, totals per
 * severity) comes before the first section, so a stream must know every page's row before it
 * writes any section. With `onRows`, every bucket the ids need is read (and every missing
 * fragment computed) first, then onRows gets every id's row in the order of `ids` (undefined:
 * record gone), then the batches follow from memory: one read of the html bytes, held until
 * handed over (about a third of all fragments).
 */
export async function readFragments(
  file: ExportFile,
  ids: readonly string[],
  onBatch: (items: (FileFragment | undefined)[]) => void | Promise<void>,
  opts: ReadFragmentsOptions = {},
): Promise<{ computed: number; buckets: number }> {
  if (opts.onRows && file !== 'html') throw new TypeError(`readFragments: rows are in the html file, not in ${file}`);
  const db = opts.db ?? (await trackerDb());
  const size = Math.max(1, opts.batchSize ?? 200);
  const perRead = Math.max(1, opts.bucketsPerRead ?? 4);
  /** How many times each id is still to be handed over (an id may be asked for twice). */
  const left = new Map<string, number>();
  for (const id of ids) left.set(id, (left.get(id) ?? 0) + 1);
  const located = await locateFragments(db, file, [...left.keys()], opts.fewRecords ?? FEW_RECORDS);
  const where = located.where;

  // The file's buckets in the order of first need; for each position in `ids`, the read step
  // after which everything up to it is in (a running maximum: ids without a bucket are ready at once).
  const order: number[] = [];
  const stepOf = new Map<number, number>();
  const readyAfter = new Array<number>(ids.length);
  let last = -1;
  ids.forEach((id, i) => {
    const b = where.get(id);
    if (b !== undefined && !stepOf.has(b)) {
      stepOf.set(b, Math.floor(order.length / perRead));
      order.push(b);
    }
    if (b !== undefined) last = Math.max(last, stepOf.get(b)!);
    readyAfter[i] = last;
  });
  // The directory was this file's buckets: everything is in already.
  const steps = located.values ? 0 : Math.ceil(order.length / perRead);

  const found = new Map<string, FileFragment>();
  /** Keeps the wanted items of buckets just read, each from the bucket its record names. */
  const take = (values: unknown[]) => {
    for (const v of values) {
      const { bucket, items } = (v ?? {}) as { bucket?: unknown; items?: unknown };
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string' && where.get(id) === bucket && left.has(id) && !found.has(id) && isFileFragment(item, file)) found.set(id, item);
      }
    }
  };

  let texts: TextLookup | null = null;
  let computed = 0;
  /** Ids whose record is gone or does not read back (looked up once). */
  const gone = new Set<string>();
  /** Computes what is missing among these ids from their records. */
  const complete = async (slice: readonly string[]) => {
    const missing = [...new Set(slice.filter((id) => !found.has(id) && !gone.has(id)))];
    if (!missing.length) return;
    texts ??= await allTexts(db);
    (await readBack(db, missing, texts)).forEach((rec, k) => {
      if (!rec) gone.add(missing[k]);
      else {
        found.set(missing[k], splitFragments(recordFragments(exportPage(rec)))[file]);
        computed += 1;
      }
    });
  };
  let pos = 0;
  /** Hands over ids[pos..end) in batches; each item is let go once handed over for the last time. */
  const handOver = async (end: number) => {
    while (pos < end) {
      const slice = ids.slice(pos, Math.min(pos + size, end));
      pos += slice.length;
      await complete(slice);
      const items = slice.map((id) => found.get(id));
      for (const id of slice) {
        const n = left.get(id)! - 1;
        if (n > 0) left.set(id, n);
        else {
          left.delete(id);
          found.delete(id);
        }
      }
      await onBatch(items);
    }
  };
  const readyEnd = (step: number) => {
    let end = pos;
    while (end < ids.length && readyAfter[end] <= step) end++;
    return end;
  };

  const read = (s: number) => {
    const p = readBuckets(db, file, order.slice(s * perRead, (s + 1) * perRead));
    p.catch(() => undefined); // awaited below; handled there if it fails while a batch is handed over
    return p;
  };
  if (located.values) take(located.values);
  let next = steps > 0 ? read(0) : null;
  if (!opts.onRows) await handOver(located.values ? ids.length : readyEnd(-1));
  for (let s = 0; s < steps; s++) {
    const values = await next!;
    next = s + 1 < steps ? read(s + 1) : null;
    take(values);
    if (!opts.onRows) await handOver(readyEnd(s));
  }
  if (opts.onRows) {
    for (let i = 0; i < ids.length; i += size) await complete(ids.slice(i, i + size));
    await opts.onRows(ids.map((id) => found.get(id)?.row));
  }
  await handOver(ids.length);
  return { computed, buckets: located.values ? located.values.length : order.length };
}

export interface ReadFragmentsOptions extends Pick<HistoryOptions, 'db'> {
  /** Most items per onBatch call (default 200); fewer when the next ids' buckets are still being read. */
  batchSize?: number;
  /** Up to this many distinct ids, their buckets come from their records (default FEW_RECORDS). */
  fewRecords?: number;
  /** Buckets read per transaction (default 4); the next read runs while a batch is handed over. */
  bucketsPerRead?: number;
  /** html only: every id's summary-table row, before the first batch (see readFragments). */
  onRows?: (rows: (FragmentRow | undefined)[]) => void | Promise<void>;
}

/** The key range of one export file's buckets lo..hi in "export-fragments". */
const fileRange = (file: ExportFile, lo = -Infinity, hi = Infinity) => IDBKeyRange.bound([file, lo], [file, hi]);

/**
 * Which bucket holds each id's fragments (ids absent: none known, their fragments are
 * computed), and, when the directory was read from `file` itself, the values read.
 * Few ids: their records' `bucket` (whether the bucket holds them is seen when it is read).
 * Many: the "pages" CSV table's buckets, read whole: every record with stored fragments has an
 * item in every file (empty tables included), and that table, one row per page, is the smallest
 * (about 2 MB at 10,000 records). In Chromium this is 2-3 times faster than the same 10,000 ids
 * as IndexedDB keys (an index on the records' bucket, or even the "rows" keys alone), 2026-11-30
 * measurement, so no index is kept for it. A record whose "pages" item is damaged gets its
 * other files' fragments computed too.
 */
async function locateFragments(db: Db, file: ExportFile, ids: readonly string[], few: number): Promise<{ where: Map<string, number>; values: unknown[] | null }> {
  const where = new Map<string, number>();
  if (!ids.length) return { where, values: null };
  if (ids.length <= few) {
    const tx = db.transaction('pages', 'readonly');
    const raws = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    raws.forEach((raw, i) => {
      const b = (raw as { bucket?: unknown } | undefined)?.bucket;
      if (typeof b === 'number') where.set(ids[i], b);
    });
    return { where, values: null };
  }
  const wanted = new Set(ids);
  const tx = db.transaction('export-fragments', 'readonly');
  const values: unknown[] = await tx.store.getAll(fileRange(DIRECTORY_FILE));
  await tx.done;
  for (const v of values) {
    const { bucket, items } = (v ?? {}) as { bucket?: unknown; items?: unknown };
    if (typeof bucket !== 'number' || !Array.isArray(items)) continue;
    for (const item of items) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && wanted.has(id)) where.set(id, bucket);
    }
  }
  return { where, values: file === DIRECTORY_FILE ? values : null };
}

/** The export file whose buckets tell where every record's fragments are (locateFragments). */
const DIRECTORY_FILE: ExportFile = 'pages';

/** One file's buckets (any order), in one transaction: each run of adjacent bucket numbers is one getAll. */
async function readBuckets(db: Db, file: ExportFile, buckets: readonly number[]): Promise<unknown[]> {
  const sorted = [...buckets].sort((a, b) => a - b);
  const tx = db.transaction('export-fragments', 'readonly');
  const reads: Promise<unknown[]>[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    reads.push(i === j ? tx.store.get([file, sorted[i]]).then((v) => [v]) : tx.store.getAll(fileRange(file, sorted[i], sorted[j])));
    i = j + 1;
  }
  const values = (await Promise.all(reads)).flat();
  await tx.done;
  return values;
}

export interface SummaryList {
  summaries: PageSummary[];
  /** Summaries that failed validation (skipped, never shown). */
  skipped: number;
}

/** Every page summary (in bucket order, roughly oldest first): what the audit page lists. */
export async function listSummaries(opts: Pick<HistoryOptions, 'db'> = {}): Promise<SummaryList> {
  const db = opts.db ?? (await trackerDb());
  const buckets = await db.getAll('summaries');
  const summaries: PageSummary[] = [];
  let skipped = 0;
  for (const raw of buckets) {
    // One validation per sound bucket; item by item only when it is not (readBucket).
    const r = readBucket(raw);
    for (const x of r.summaries) summaries.push(x);
    skipped += r.skipped;
  }
  return { summaries, skipped };
}

/**
 * What the audit page shows first (issue #5: first render with 10,000 records <= 300 ms): the
 * aggregates (one value) and the first `limit` rows walking the byFindings index of "rows"
 * backwards (small values: a summary each), instead of every summary
 * (store/first-screen.ts readFirstRows, which the page also runs on its own before this module
 * is loaded). Rows that do not validate are skipped and counted. Aggregates that are missing
 * or do not validate are recomputed from the summaries and stored again.
 */
export async function historyFirstScreen(opts: Pick<HistoryOptions, 'db'> & { limit?: number } = {}): Promise<FirstScreen> {
  const db = opts.db ?? (await trackerDb());
  const first = await readFirstRows(unwrap(db).transaction(['rows', 'meta'], 'readonly'), opts.limit ?? 50);
  let aggregates = first.aggregates;
  if (!aggregates) {
    const w = db.transaction(['pages', 'summaries', 'meta'], 'readwrite');
    aggregates = await rebuildAggregates(w);
    await w.objectStore('meta').put(aggregates);
    await w.done;
  }
  return { overview: overviewOf(aggregates), rows: first.rows, skipped: first.skipped };
}

export async function deleteHistory(id: string, opts: Pick<HistoryOptions, 'db'> = {}): Promise<boolean> {
  const db = opts.db ?? (await trackerDb());
  const { tx, done } = writeTx(db);
  const pages = tx.objectStore('pages');
  const raw = await pages.get(id);
  if (raw !== undefined) {
    const p = await Pending.open(tx);
    await p.remove(raw, () => pages.delete(id));
    await p.flush();
  }
  await done;
  return raw !== undefined;
}

export async function clearHistory(opts: Pick<HistoryOptions, 'db'> = {}): Promise<void> {
  const db = opts.db ?? (await trackerDb());
  const { tx, done } = writeTx(db);
  await tx.objectStore('pages').clear();
  await tx.objectStore('rows').clear();
  await tx.objectStore('summaries').clear();
  await tx.objectStore('texts').clear();
  await tx.objectStore('export-fragments').clear();
  await tx.objectStore('meta').put(emptyTotals());
  await tx.objectStore('meta').put(emptyAggregates());
  await done;
}

/** What the user sees as "stored": count and estimated bytes (running totals), time span (store/first-screen.ts readStats). */
export async function historyStats(opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryStats> {
  const db = opts.db ?? (await trackerDb());
  return readStats(unwrap(db).transaction(['pages', 'meta'], 'readonly'));
}

/** The latest valid record of the same URL strictly before `beforeTime` ("new since the previous visit"). */
export async function previousVisit(url: string, beforeTime: number, opts: Pick<HistoryOptions, 'db'> = {}): Promise<HistoryRecord | null> {
  const { records } = await listHistory({ url, until: beforeTime, limit: 1 }, opts);
  return records[0] ?? null;
}

/** Estimated stored bytes of a full record once slimmed (what putHistory will count). */
export function storedBytes(record: HistoryRecord): number {
  return toStored(record, 0, () => undefined).stored.bytes;
}

export { estimateBytes, hydrateStored };
