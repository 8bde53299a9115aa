import { z } from 'zod';

/**
 * Plain records that the browser adapters (entrypoints/) produce and the engine consumes.
 * Nothing here knows about browser APIs: the background script maps webRequest / cookies /
 * content-script messages into these shapes. They are also what is stored in
 * storage.session (per tab) and IndexedDB (history), so they are validated with zod when
 * read back.
 */

/** Request kinds, normalised from webRequest's ResourceType (Chrome and Firefox names). */
export const RequestKindSchema = z.enum([
  'document', // main_frame
  'subdocument', // sub_frame (iframe)
  'script',
  'image', // includes pixels
  'beacon', // navigator.sendBeacon / <a ping> (Chrome reports "ping", Firefox "beacon")
  'xhr', // XMLHttpRequest and fetch
  'websocket',
  'stylesheet',
  'font',
  'media',
  'other',
]);
export type RequestKind = z.infer<typeof RequestKindSchema>;

const RESOURCE_TYPE_MAP: Record<string, RequestKind> = {
  main_frame: 'document',
  sub_frame: 'subdocument',
  script: 'script',
  image: 'image',
  imageset: 'image',
  ping: 'beacon',
  beacon: 'beacon',
  xmlhttprequest: 'xhr',
  websocket: 'websocket',
  stylesheet: 'stylesheet',
  font: 'font',
  media: 'media',
  object: 'other',
  csp_report: 'other',
  other: 'other',
};

/** Maps a webRequest `type` (Chrome or Firefox) onto a RequestKind. Unknown types are "other". */
export function toRequestKind(resourceType: string): RequestKind {
  return RESOURCE_TYPE_MAP[resourceType] ?? 'other';
}

/** Maps a PerformanceResourceTiming.initiatorType (content-script fallback) onto a RequestKind. */
export function initiatorTypeToKind(initiatorType: string): RequestKind {
  switch (initiatorType) {
    case 'script':
      return 'script';
    case 'img':
    case 'image':
    case 'input':
      return 'image';
    case 'beacon':
      return 'beacon';
    case 'xmlhttprequest':
    case 'fetch':
      return 'xhr';
    case 'iframe':
    case 'frame':
    case 'subdocument':
      return 'subdocument';
    case 'link':
    case 'css':
      return 'stylesheet';
    case 'video':
    case 'audio':
      return 'media';
    default:
      return 'other';
  }
}

/** One observed network request (bounded: see limits in policy/page-state.ts). */
export const ObservedRequestSchema = z.object({
  url: z.string(),
  /** webRequest requestId, to attach headers seen in later events. */
  requestId: z.string().optional(),
  method: z.string().default('GET'),
  kind: RequestKindSchema,
  /** ms since epoch */
  time: z.number(),
  /** 0 = top frame */
  frameId: z.number().int().default(0),
  initiator: z.string().optional(),
  /**
   * The Referer the request carried: computed from the document's referrer policy when a
   * report is built (policy/referrer.ts), never stored with the observation.
   */
  referer: z.string().optional(),
  /** Request body as text (form data or raw UTF-8), truncated; used for PII and replay findings. */
  body: z.string().optional(),
  /** Where the observation came from: webRequest, or the content script's resource timing. */
  via: z.enum(['webRequest', 'resourceTiming']).default('webRequest'),
});
export type ObservedRequest = z.infer<typeof ObservedRequestSchema>;

/** A cookie as the cookies API reports it (Chrome / Firefox shapes normalised). */
export const ObservedCookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string().default('/'),
  secure: z.boolean(),
  httpOnly: z.boolean(),
  sameSite: z.enum(['no_restriction', 'lax', 'strict', 'unspecified']),
  hostOnly: z.boolean().default(false),
  session: z.boolean(),
  /** Seconds since epoch, as in the cookies API; absent for session cookies. */
  expirationDate: z.number().optional(),
  /** CHIPS partition key (top-level site), when partitioned. */
  partitionTopLevelSite: z.string().optional(),
  /** ms since epoch when first seen on this page. */
  firstSeen: z.number().optional(),
});
export type ObservedCookie = z.infer<typeof ObservedCookieSchema>;

export const ObservedStorageSchema = z.object({
  area: z.enum(['local', 'session']),
  key: z.string(),
  /** Length of the value in UTF-16 code units (the value itself is not kept). */
  valueLength: z.number().int().nonnegative(),
  /** The value, truncated (for identifier extraction and evidence). */
  valuePreview: z.string().optional(),
  firstSeen: z.number().optional(),
  /** The frame origin whose storage this is. */
  origin: z.string().optional(),
});
export type ObservedStorage = z.infer<typeof ObservedStorageSchema>;

/** A form on the page, as the content script sees it (for QA findings). */
export const ObservedFormSchema = z.object({
  action: z.string(),
  method: z.string(),
  /** Input names/types that collect personal data (name, phone, email ...). */
  personalFields: z.array(z.string()),
  hasPolicyLink: z.boolean(),
  hasConsentText: z.boolean(),
});
export type ObservedForm = z.infer<typeof ObservedFormSchema>;

/** Page-level events the content script reports. */
export const PageSignalsSchema = z.object({
  title: z.string().optional(),
  /** ms since epoch of the first trusted user interaction (click, key, scroll by the user). */
  firstInteractionAt: z.number().optional(),
  /** ms since epoch when a cookie notice accept button was clicked. */
  consentAcceptedAt: z.number().optional(),
  /** Values the user typed into personal-data fields (kept only in the audit build, for pii-leak). */
  typedValues: z.array(z.object({ field: z.string(), value: z.string() })).default([]),
  forms: z.array(ObservedFormSchema).default([]),
  /** Links on the page to the privacy policy. */
  hasPolicyLink: z.boolean().optional(),
  /** Normalised text of the policy page, when this is the policy page (for change detection). */
  policyText: z.string().optional(),
  /** content of the page's last <meta name="referrer"> (policy/referrer.ts). */
  referrerPolicy: z.string().optional(),
});
export type PageSignals = z.infer<typeof PageSignalsSchema>;
