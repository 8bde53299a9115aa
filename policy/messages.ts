import { z } from 'zod';
import { ObservedStorageSchema, PageSignalsSchema } from './observation';
import { DisclosureSchema, ReportPageSchema, ReportSchema } from './report/schema';

/**
 * The one typed message contract between the extension's parts (after DuckDuckGo's
 * privacy-dashboard): a zod discriminated union per direction, validated on receipt, and
 * handled with an exhaustive switch. Pure data: the browser wrapper is adapters/messaging.ts.
 */

const MAX_ITEMS = 5000;

/** Content script -> background. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('content/storage'),
    /** Full snapshot of the frame's localStorage and sessionStorage keys. */
    items: z.array(ObservedStorageSchema).max(MAX_ITEMS),
  }),
  z.object({
    type: z.literal('content/signals'),
    signals: PageSignalsSchema.partial(),
  }),
  z.object({
    type: z.literal('content/resources'),
    /** PerformanceResourceTiming entries: a fallback for hosts webRequest may not see. */
    entries: z
      .array(z.object({ url: z.string(), initiatorType: z.string(), time: z.number() }))
      .max(MAX_ITEMS),
  }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/** Extension pages (popup, request, audit) -> background. */
export const UiMessageSchema = z.discriminatedUnion('type', [
  /** The live view of one tab: report page plus identifiers for the letter. */
  z.object({ type: z.literal('ui/getPage'), tabId: z.number().int() }),
  /** report.json for one tab (or every watched tab when tabId is absent). */
  z.object({ type: z.literal('ui/getReport'), tabId: z.number().int().optional() }),
  /**
   * Build every queued page into history now (answers { ok: true, written: n } when done): pages that
   * ended recently wait for an idle moment (adapters/history-queue.ts), and a page that reads
   * history (audit, request) asks first so it shows them.
   */
  z.object({ type: z.literal('ui/flushHistory') }),
]);
export type UiMessage = z.infer<typeof UiMessageSchema>;

export const AnyMessageSchema = z.union([ContentMessageSchema, UiMessageSchema]);
export type AnyMessage = z.infer<typeof AnyMessageSchema>;

/**
 * Audit page -> background, over another transport: an export streamed as a download by the
 * service worker (issue #5, exports of 10,000 records <= 2 s; adapters/export-stream.ts). The
 * audit page posts the job as the "job" field of a form into a hidden frame; the worker
 * answers that navigation with the file (Content-Disposition: attachment), written while it is
 * read from IndexedDB, so no copy of a 250 MB file is ever built in the page. One job per file.
 */
export const EXPORT_FILES = ['json', 'html', 'pages', 'cookies', 'requests', 'findings'] as const;
export const ExportJobSchema = z.object({
  /** Names the job in the result message. */
  id: z.string().min(1).max(100),
  file: z.enum(EXPORT_FILES),
  /** The download's file name: no path, no control characters. */
  name: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !/[/\\]/.test(s) && [...s].every((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f), 'a file name without a path or control characters'),
  /** History record ids, in the order the file lists them. */
  ids: z.array(z.string().min(1).max(300)).max(1_000_000),
  header: ReportSchema.omit({ pages: true }),
  /** HTML report title (defaults to the exporters'). */
  title: z.string().max(300).optional(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

/** Background -> audit page (BroadcastChannel EXPORT_CHANNEL): how a streamed export ended. */
export const ExportResultSchema = z.discriminatedUnion('ok', [
  z.object({
    id: z.string(),
    ok: z.literal(true),
    /** Records written; skipped: gone or damaged (left out, or marked damaged in the HTML); computed: stored before fragments existed. */
    written: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    computed: z.number().int().nonnegative(),
    /** Where the worker's time went, in ms: reading fragments, inflating and framing, waiting for the download manager. */
    ms: z.object({ read: z.number(), assemble: z.number(), wait: z.number(), total: z.number() }).optional(),
  }),
  z.object({ id: z.string(), ok: z.literal(false), error: z.string() }),
]);
export type ExportResult = z.infer<typeof ExportResultSchema>;
/**
 * Background -> audit page (same channel): an export is still being written, sent every
 * EXPORT_BEAT_MS from the job's start to its result, whether or not bytes moved (the download
 * manager may wait on a save dialog). If the worker is stopped in the middle (Chromium may
 * stop an extension's service worker; tests/e2e stop it with CDP ServiceWorker.stopAllWorkers),
 * the download fails in the browser but no result ever comes: the page gives up after
 * EXPORT_SILENCE_MS without a word (components/audit/download.ts) and says so.
 */
export const ExportProgressSchema = z.object({
  id: z.string(),
  progress: z.literal(true),
  /** Bytes handed to the download so far, and records written. */
  bytes: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;
/** Everything on EXPORT_CHANNEL: a result ends the job ("ok" tells which), progress does not. */
export const ExportChannelMessageSchema = z.union([ExportResultSchema, ExportProgressSchema]);
export type ExportChannelMessage = z.infer<typeof ExportChannelMessageSchema>;
export const EXPORT_BEAT_MS = 1000;
/** Many beats: a loaded 2-core machine may hold a timer back for seconds, never for this long. */
export const EXPORT_SILENCE_MS = 15_000;
export const EXPORT_CHANNEL = 'tracker-lens-export';
/** Where the audit page posts export jobs (served by the service worker only). */
export const EXPORT_PATH = '/export/';

export const IdentifiersSchema = z.object({
  /** Yandex Metrica ClientID, the value of _ym_uid. */
  ymUid: z.string().optional(),
  /** Google Analytics client id, from _ga (the part after GA1.x.). */
  gaClientId: z.string().optional(),
});
export type Identifiers = z.infer<typeof IdentifiersSchema>;

const PurposeRefSchema = z.object({
  id: z.string(),
  label: z.object({ ru: z.string(), en: z.string() }),
  clauses: z.array(z.string()),
});
const ObservedUnderPurposeSchema = z.object({
  vendor: z.string(),
  name: z.string(),
  disclosure: DisclosureSchema.optional(),
  pages: z.array(z.string()),
});

/**
 * The policy view, computed by the background from the policy model so the popup bundle
 * carries no copy of the model (popup budget: 30 KB gzip).
 */
export const PolicyViewDataSchema = z.object({
  /** Trackers under each stated purpose, worst disclosure first (vendor ids). */
  groups: z.array(z.object({ purpose: PurposeRefSchema.nullable(), vendors: z.array(z.string()) })),
  summary: z.object({
    purposes: z.array(
      z.object({
        purpose: PurposeRefSchema,
        quote: z.string(),
        trackers: z.array(ObservedUnderPurposeSchema),
        cookies: z.array(z.string()),
        storage: z.array(z.string()),
      }),
    ),
    unused: z.array(z.object({ purpose: PurposeRefSchema, quote: z.string() })),
    unmapped: z.array(ObservedUnderPurposeSchema),
  }),
});
export type PolicyViewData = z.infer<typeof PolicyViewDataSchema>;

export const PageResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('watched'),
    pageId: z.string(),
    startedAt: z.number(),
    page: ReportPageSchema,
    identifiers: IdentifiersSchema,
    policyView: PolicyViewDataSchema,
    /** True when broader host access is missing, so some third parties are seen only via resource timing. */
    limitedAccess: z.boolean(),
    /** Set when the page was open before the extension watched it: observed from this time only. */
    adoptedAt: z.number().optional(),
  }),
  /** The tab is not on the watched site: the extension keeps no data about it. */
  z.object({ status: z.literal('not-watched') }),
  /** The tab is on the site but no page record exists yet (opened before install): reload. */
  z.object({ status: z.literal('no-data') }),
]);
export type PageResponse = z.infer<typeof PageResponseSchema>;

export const ReportResponseSchema = ReportSchema;

/** Exhaustiveness helper for switch statements over message types. */
export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
