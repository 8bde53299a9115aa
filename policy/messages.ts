import { z } from 'zod';
import { ObservedStorageSchema, PageSignalsSchema } from './observation';
import { DisclosureSchema, PolicyObservationSchema, ReportPageSchema } from './report/schema';

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
    entries: z.array(z.object({ url: z.string(), initiatorType: z.string(), time: z.number() })).max(MAX_ITEMS),
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
  /** Policy-level observations (issue 13), shown on the Policy tab. */
  observations: z.array(PolicyObservationSchema).default([]),
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

/** Exhaustiveness helper for switch statements over message types. */
export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
