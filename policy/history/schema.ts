import { z } from 'zod';
import { DisclosureSchema } from '../report/schema';
import { AGGREGATES_KEY } from './aggregates';

/**
 * What the history keeps besides the records themselves (IndexedDB schema v7, store/db.ts):
 * each page load's list row in "rows" and, in "meta", the running aggregates of those rows.
 * The audit page's first screen reads the aggregates and 50 rows, not the records. The records
 * are policy/export/history-record.ts HistoryRecordSchema, stored whole. Exported as JSON
 * Schema (schemas/history-*.schema.json).
 */

const Count = z.number().int().nonnegative();

/**
 * Running aggregates of the rows (store "meta", key AGGREGATES_KEY; policy/history/aggregates.ts),
 * changed in the same transaction as the records: the audit page's overview, vendor summary and
 * filter options. Recomputed from the rows when missing or invalid.
 */
export const AggregatesSchema = z.object({
  key: z.literal(AGGREGATES_KEY),
  /** Page loads counted (those with a row). */
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

export const SeverityCountsSchema = z.object({ high: Count, medium: Count, low: Count, info: Count });

/** One tracker of a page as the list, filters, vendor summary and the letter need it. */
export const SummaryTrackerSchema = z.object({
  vendor: z.string(),
  name: z.string(),
  category: z.string(),
  organization: z.string().optional(),
  /** ISO 3166-1 alpha-2 country of the organisation, null when unknown; absent in rows written before the letter showed it. */
  country: z.string().nullable().optional(),
  disclosure: DisclosureSchema.optional(),
});

/** What the audit page's list, filters and vendor summary (and the letter's observed vendors) need of a page load. */
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
  findings: Count,
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
 * A page load's list row (store "rows"): its summary with its findings by severity as flat
 * fields (h, m, l, i), because the byFindings index ([h, m, l, i, time]) takes key paths.
 * Walked backwards, that index is the audit list's default order (most severe first, then newest).
 */
export const StoredRowSchema = PageSummarySchema.extend({ h: Count, m: Count, l: Count, i: Count });
export type StoredRow = z.infer<typeof StoredRowSchema>;
