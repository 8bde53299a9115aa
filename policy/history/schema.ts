import { z } from 'zod';
import { EXPORT_FILES, type ExportFile, type FileFragment } from './fragments';
import { ContradictionSchema, DisclosureSchema, ReportCookieSchema, ReportPageSchema, ReportTrackerSchema } from '../report/schema';
import { AGGREGATES_KEY } from './list-check';

/**
 * The stored layout of the history (issue #5, IndexedDB schema v6, store/db.ts). A page load
 * is kept as four kinds of value, with running aggregates, so that a history of 10,000 page
 * loads stays fast:
 *
 * - "pages": one SLIM record per page load (StoredRecordSchema): the report page without the
 *   long texts it shares with other pages (policy quotes, disclosure explanations, vendor
 *   descriptions, finding titles); each such text is a key into "texts".
 * - "texts": one entry per distinct text (TextEntrySchema), keyed by a hash of its content and
 *   reference-counted, so an entry lives exactly as long as a record that uses it. Because
 *   the texts are stored (not re-derived from the bundled policy model when read), a record
 *   written under an older policy version reads back with the texts it was written with.
 * - "summaries": small per-page summaries (PageSummarySchema), packed into buckets of up to
 *   SUMMARY_BUCKET_SIZE (SummaryBucketSchema) because IndexedDB pays per value read (about
 *   0.1 ms each in Chromium, 2026-11 measurement): the audit page reads 10,000 summaries as
 *   100 values. List, filters, vendor summary and totals come from summaries only.
 * - "rows" (since v5): each page load's summary again, unpacked, one value per page load
 *   (StoredRowSchema), indexed by findings: the audit page's first screen reads 50 of them.
 * - "meta": the running totals (count, bytes) and, since v5, the aggregates of the summaries
 *   (AggregatesSchema): the audit page's first screen is the aggregates and the first 50
 *   rows by the byFindings index; the summaries load after it (issue #5).
 * - "export-fragments" (since v6; v5 had "fragments", all files in one value): each page
 *   load's precomputed export bytes, one value per export file and bucket
 *   (ExportFragmentBucketSchema), so that an export of one file reads only that file's bytes.
 *
 * Everything read back is validated with these schemas (zod; export fragments with a cheap
 * structural check, isFileFragment); they are exported as JSON Schema
 * (schemas/history-*.schema.json), the export fragments excepted (binary).
 */

/** Key of a text in the "texts" store (base-36 content hash, see policy/history/slim.ts). */
export const TextKeySchema = z.string().min(1).max(16);

export const BilingualSchema = z.object({ ru: z.string(), en: z.string() });
export const TextValueSchema = z.union([z.string(), BilingualSchema]);
export type TextValue = z.infer<typeof TextValueSchema>;

export const TextEntrySchema = z.object({
  key: TextKeySchema,
  value: TextValueSchema,
  /** How many references stored records hold (a record citing it twice counts twice). */
  refs: z.number().int().positive(),
  /** Estimated stored size of this entry (UTF-8 bytes of its JSON), for the totals. */
  bytes: z.number().int().nonnegative(),
});
export type TextEntry = z.infer<typeof TextEntrySchema>;

/** Texts of one tracker moved to "texts": description, explanation, quotes, parts[i].explanation, contradictions[i].quote. */
export const TrackerTextRefsSchema = z.object({
  d: TextKeySchema.optional(),
  x: TextKeySchema.optional(),
  q: z.array(TextKeySchema).optional(),
  /** Aligned with parts; null where that part's explanation stayed inline. */
  p: z.array(TextKeySchema.nullable()).optional(),
  /** Aligned with contradictions; null where the quote stayed inline. */
  c: z.array(TextKeySchema.nullable()).optional(),
});
export type TrackerTextRefs = z.infer<typeof TrackerTextRefsSchema>;

/** Texts of one finding moved to "texts": title, evidence.quote, evidence.quotes. */
export const FindingTextRefsSchema = z.object({
  t: TextKeySchema.optional(),
  q: TextKeySchema.optional(),
  qs: z.array(TextKeySchema).optional(),
});
export type FindingTextRefs = z.infer<typeof FindingTextRefsSchema>;

export const TextRefsSchema = z.object({
  /** Aligned with report trackers; null where nothing was moved. */
  t: z.array(TrackerTextRefsSchema.nullable()).optional(),
  /** Aligned with report findings; null where nothing was moved. */
  f: z.array(FindingTextRefsSchema.nullable()).optional(),
});
export type TextRefs = z.infer<typeof TextRefsSchema>;

/** A report tracker whose moved texts are absent (the rest is exactly ReportTrackerSchema). */
export const SlimTrackerSchema = ReportTrackerSchema.extend({
  parts: z.array(z.object({ feature: z.string(), disclosure: DisclosureSchema, explanation: BilingualSchema.optional() })).optional(),
  contradictions: z.array(ContradictionSchema.extend({ quote: z.string().optional() })).optional(),
});

/**
 * A cookie as stored: a tuple instead of an object (a page has up to hundreds of cookies and
 * the property names were half of each one's JSON):
 * [name, value or null when absent, domain, path, flags (firstParty 1, httpOnly 2, secure 4,
 * session 8, partitioned 16), sameSite, expires, size, vendor, feature or null, purposes,
 * disclosure or null].
 */
export const CookieTupleSchema = z.tuple([
  z.string(),
  z.string().nullable(),
  z.string(),
  z.string(),
  z.number().int().min(0).max(31),
  ReportCookieSchema.shape.sameSite,
  z.string().nullable(),
  z.number().int().nonnegative(),
  z.string().nullable(),
  z.string().nullable(),
  z.array(z.string()),
  DisclosureSchema.nullable(),
]);
export type CookieTuple = z.infer<typeof CookieTupleSchema>;

export const SlimPageSchema = ReportPageSchema.extend({ trackers: z.array(SlimTrackerSchema), cookies: z.array(CookieTupleSchema) });
export type SlimPage = z.infer<typeof SlimPageSchema>;

/** Format of the values in "pages" since schema v4. */
export const STORED_FORMAT = 2;

const Count = z.number().int().nonnegative();

export const StoredRecordSchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  /** ms since epoch, page start. */
  time: z.number(),
  pageId: z.string(),
  /** Version of the bundled policy model the mapping used. */
  policyVersion: z.string(),
  /** Estimated stored size of the record and its summary: UTF-8 bytes of their JSON. */
  bytes: z.number().int().nonnegative(),
  format: z.literal(STORED_FORMAT),
  /** Key of the "summaries" bucket holding this record's summary. */
  bucket: z.number().int().nonnegative(),
  page: SlimPageSchema,
  texts: TextRefsSchema,
});
export type StoredRecord = z.infer<typeof StoredRecordSchema>;

// Defined with the lean checks of the first screen's values (zod-free, issue #5).
export { AGGREGATES_KEY };

/**
 * Running aggregates of the page summaries (store "meta", key "history-aggregates", since
 * schema v5; policy/history/aggregates.ts), changed in the same transaction as the records:
 * the audit page's overview, vendor summary and filter options come from this one value
 * instead of 10,000 summaries (issue #5). Recomputed from the summaries when missing or invalid.
 */
export const AggregatesSchema = z.object({
  key: z.literal(AGGREGATES_KEY),
  /** Page loads counted (those with a summary). */
  pages: Count,
  /** Distinct URLs among them. */
  urls: Count,
  /** Findings by severity: high, medium, low, info. */
  totals: z.tuple([Count, Count, Count, Count]),
  /** Finding kind -> page loads that have it. */
  kinds: z.record(z.string(), z.number().int().positive()),
  vendors: z.record(
    z.string(),
    z.object({
      name: z.string(),
      /** Page loads on which the vendor was a tracker or named by a finding. */
      pages: z.number().int().positive(),
      /** Findings naming the vendor, by kind. */
      findings: z.record(z.string(), z.number().int().positive()),
      /** Trackers of this vendor by disclosure status ("unknown": not assessed). */
      disclosures: z.record(z.string(), z.number().int().positive()),
    }),
  ),
});
export type Aggregates = z.infer<typeof AggregatesSchema>;

export const SeverityCountsSchema = z.object({
  high: z.number().int().nonnegative(),
  medium: z.number().int().nonnegative(),
  low: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});

/** One tracker of a page as the list, filters, vendor summary and the letter need it. */
export const SummaryTrackerSchema = z.object({
  vendor: z.string(),
  name: z.string(),
  category: z.string(),
  organization: z.string().optional(),
  disclosure: DisclosureSchema.optional(),
});

export const PageSummarySchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  /** The report's finalUrl, only when it differs from url. */
  finalUrl: z.string().optional(),
  title: z.string(),
  time: z.number(),
  policyVersion: z.string(),
  /** Findings by severity. */
  counts: SeverityCountsSchema,
  /** All findings (every finding has one of the four severities). */
  findings: z.number().int().nonnegative(),
  /** Distinct finding kinds, in report order. */
  kinds: z.array(z.string()),
  /** The page's trackers, in report order. */
  trackers: z.array(SummaryTrackerSchema),
  /** Findings that name a vendor, counted by vendor and kind. */
  vendorFindings: z.array(z.object({ vendor: z.string(), kind: z.string(), n: z.number().int().positive() })),
  error: z.string().optional(),
});
export type PageSummary = z.infer<typeof PageSummarySchema>;

/**
 * A page load's list row (store "rows", since schema v5): its summary, unpacked, with its
 * findings by severity as flat fields (h, m, l, i) because the byFindings index
 * ([h, m, l, i, time]) takes key paths. Walked backwards, that index gives the audit list's
 * default order (most severe first, then newest), so the page's first screen reads its first
 * 50 rows - under 1 KB each - instead of 10,000 summaries or 50 records of ~12 KB (issue #5,
 * first render <= 300 ms). The first screen checks rows and aggregates with
 * policy/history/list-check.ts, which accepts exactly what this schema and AggregatesSchema
 * accept, without loading zod.
 */
export const StoredRowSchema = PageSummarySchema.extend({ h: Count, m: Count, l: Count, i: Count });
export type StoredRow = z.infer<typeof StoredRowSchema>;

/** Summaries per bucket: enough to make a 10,000-record history about 100 values. */
export const SUMMARY_BUCKET_SIZE = 100;

/**
 * A summary as stored: short keys, tuples, and indexes into its bucket's string table (URLs,
 * titles, policy versions, finding kinds and vendor ids repeat from page to page) and vendor
 * table (a vendor's name, category and organization repeat on nearly every page). About a
 * sixth of the readable form's JSON; the audit page reads 10,000 of them at start.
 */
const Index = z.number().int().nonnegative();
export const PackedSummarySchema = z.object({
  id: z.string().min(1),
  /** url (string table index) */
  u: Index,
  /** finalUrl, only when it differs from url (string table index). */
  f: Index.optional(),
  /** title (string table index) */
  ti: Index,
  time: z.number(),
  /** policyVersion (string table index) */
  pv: Index,
  /** Findings by severity: high, medium, low, info. */
  c: z.tuple([Index, Index, Index, Index]),
  /** Distinct finding kinds (string table indexes). */
  k: z.array(Index),
  /** Trackers: [index into the bucket's vendor table, disclosure or null]. */
  t: z.array(z.tuple([Index, DisclosureSchema.nullable()])),
  /** Findings naming a vendor: [vendor id, kind (string table indexes), count]. */
  vf: z.array(z.tuple([Index, Index, z.number().int().positive()])),
  /** error */
  e: z.string().optional(),
});
export type PackedSummary = z.infer<typeof PackedSummarySchema>;

/** [vendor id, name, category, organization or null] */
export const BucketVendorSchema = z.tuple([z.string(), z.string(), z.string(), z.string().nullable()]);
export type BucketVendor = z.infer<typeof BucketVendorSchema>;

/** A bucket as read back: the vendor table is validated whole, each summary on its own (one bad summary costs one row). */
export const SummaryBucketSchema = z.object({
  bucket: z.number().int().nonnegative(),
  /** Strings the summaries refer to by index; only those some summary uses. */
  strings: z.array(z.string()),
  /** Vendors the summaries' trackers refer to by index; only those some summary uses. */
  vendors: z.array(BucketVendorSchema),
  items: z.array(z.unknown()),
});
export type SummaryBucket = { bucket: number; strings: string[]; vendors: BucketVendor[]; items: PackedSummary[] };

/** A bucket whose every summary is sound: validated in one call (store/history.ts listSummaries). */
export const PackedBucketSchema = SummaryBucketSchema.extend({ items: z.array(PackedSummarySchema) });

/**
 * v5 only (store "fragments", keyPath bucket; replaced in v6 by "export-fragments"): each
 * record's RecordFragments, all files in one item. Kept for the v5 -> v6 migration
 * (store/db.ts), which splits every such bucket by file; each item is checked there
 * (isRecordFragments), a bucket that does not parse is dropped.
 */
export const V5FragmentBucketSchema = z.object({
  bucket: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
});
export type V5FragmentBucket = { bucket: number; items: { id: string; f: unknown }[] };

/** The files an export writes, each with its own fragments since v6 (policy/history/fragments.ts EXPORT_FILES). */
export const ExportFileSchema = z.enum(EXPORT_FILES);

/**
 * Export fragments of one export file for the records of one bucket (store "export-fragments"
 * since v6, keyPath [file, bucket], the same bucket numbers as "summaries"): each record's
 * precomputed bytes of that file (policy/history/fragments.ts FileFragment, with the record's
 * id), so an export of report.json reads only JSON fragments and each CSV table only its own
 * (issue #5: one streamed response per file, export <= 2 s). A record with no rows in a CSV
 * table has an item with n 0 there all the same: every record with stored fragments has an
 * item in each file. Items are checked one by one (isFileFragment: cheap, no zod, an export
 * checks 10,000); one that does not pass costs its record's stored fragment of that file (the
 * export then computes it from the record), and is dropped when its bucket is next rewritten.
 */
export const ExportFragmentBucketSchema = z.object({
  file: ExportFileSchema,
  bucket: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
});
export type ExportFragmentItem = FileFragment & { id: string };
export type ExportFragmentBucket = { file: ExportFile; bucket: number; items: ExportFragmentItem[] };
