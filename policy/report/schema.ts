import { z } from 'zod';
import { RequestKindSchema } from '../observation';
import { DISCLOSURE_VALUES } from './disclosure';

/**
 * report.json: the machine-readable contract of the audit command and the popup's
 * "Export JSON" (issue #2), extended by the policy mapping (#3) and QA findings (#5).
 * Fields may be added; the ones the issues list must stay. Also exported as JSON Schema
 * (scripts/write-json-schemas.ts, policy/report/json-schema.ts).
 */

export const DisclosureSchema = z.enum(DISCLOSURE_VALUES);
export type Disclosure = z.infer<typeof DisclosureSchema>;

export const SeveritySchema = z.enum(['high', 'medium', 'low', 'info']);

export const FindingSchema = z.object({
  kind: z.string(),
  severity: SeveritySchema,
  vendor: z.string().optional(),
  evidence: z.record(z.string(), z.unknown()),
  clause: z.string().optional(),
  /** Short human text, RU and EN. */
  title: z.object({ ru: z.string(), en: z.string() }).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** One possible contradiction: which rule fired, the clause and its verbatim quote, the evidence. */
export const ContradictionSchema = z.object({
  /** Rule id, e.g. "identifier-in-request", "health-context", "personal-data-third-party". */
  rule: z.string(),
  /** Clause id in the policy model (policy/policy-model/model.ts). */
  clause: z.string(),
  /** Verbatim quote from the policy (whitespace-normalised). */
  quote: z.string(),
  evidence: z.object({
    /** Request URL, truncated. */
    url: z.string(),
    /** Where the value was found: a query parameter name, "path", "fragment", "body", "url" or "Referer". */
    param: z.string().optional(),
    /** What was found, e.g. the cookie name whose value appeared, or the matched health terms. */
    detail: z.string().optional(),
  }),
});
export type Contradiction = z.infer<typeof ContradictionSchema>;

export const ReportTrackerSchema = z.object({
  vendor: z.string(),
  name: z.string(),
  /** The organisation that receives the data (catalogue vendor's operating entity, issue 13). */
  organization: z.string().optional(),
  /** ISO 3166-1 alpha-2 country of that organisation; null when unknown. Absent only in reports older than issue 13. */
  country: z.string().nullable().optional(),
  category: z.string(),
  hosts: z.array(z.string()),
  requests: z.number().int().nonnegative(),
  cookies: z.array(z.string()),
  storage: z.array(z.string()),
  /** What the vendor does, for a patient to read (from the catalogue). */
  description: z.object({ ru: z.string(), en: z.string() }).optional(),
  /** Vendor features seen on this page, e.g. "webvisor" (session replay). */
  features: z.array(z.string()).default([]),
  /**
   * Disclosure of each feature seen, where it is a different practice from the vendor's
   * main one (issue #3: Metrica is generic, its Webvisor session replay undisclosed).
   */
  parts: z
    .array(z.object({ feature: z.string(), disclosure: DisclosureSchema, explanation: z.object({ ru: z.string(), en: z.string() }) }))
    .optional(),
  // Policy mapping (issue #3)
  purposes: z.array(z.string()).default([]),
  disclosure: DisclosureSchema.optional(),
  quotes: z.array(z.string()).default([]),
  explanation: z.object({ ru: z.string(), en: z.string() }).optional(),
  /**
   * Possible contradictions between observed behaviour and an explicit policy statement
   * (issue #3, policy/policy-model/disclosure.ts). Each is worded as "possible", never a verdict.
   */
  contradictions: z.array(ContradictionSchema).optional(),
});
export type ReportTracker = z.infer<typeof ReportTrackerSchema>;

export const ReportCookieSchema = z.object({
  name: z.string(),
  /** The value (the popup hides it until revealed). Truncated to 4096 characters. */
  value: z.string().optional(),
  domain: z.string(),
  path: z.string(),
  firstParty: z.boolean(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.enum(['none', 'lax', 'strict', 'unspecified']),
  expires: z.string().nullable(),
  session: z.boolean(),
  partitioned: z.boolean(),
  size: z.number().int().nonnegative(),
  vendor: z.string().nullable(),
  /** The site's own platform that set it (CMS, language runtime), e.g. "PHP"; vendor is then null (issue 13). */
  platform: z.string().optional(),
  feature: z.string().optional(),
  purposes: z.array(z.string()).default([]),
  disclosure: DisclosureSchema.optional(),
});
export type ReportCookie = z.infer<typeof ReportCookieSchema>;

export const ReportStorageSchema = z.object({
  area: z.enum(['local', 'session']),
  key: z.string(),
  vendor: z.string().nullable(),
  /** The site's own platform that wrote it; vendor is then null (issue 13). */
  platform: z.string().optional(),
  feature: z.string().optional(),
  purposes: z.array(z.string()).default([]),
  disclosure: DisclosureSchema.optional(),
});
export type ReportStorage = z.infer<typeof ReportStorageSchema>;

export const ReportThirdPartySchema = z.object({
  host: z.string(),
  site: z.string(),
  vendor: z.string().nullable(),
  requests: z.number().int().nonnegative(),
  types: z.array(RequestKindSchema),
  likelyTracking: z.boolean(),
  /** Why it is flagged likely-tracking (identifier cookie, pixel, beacon). */
  reasons: z.array(z.string()).default([]),
  setCookie: z.boolean().default(false),
  disclosure: DisclosureSchema.optional(),
});
export type ReportThirdParty = z.infer<typeof ReportThirdPartySchema>;

export const ReportPageSchema = z.object({
  url: z.string(),
  finalUrl: z.string(),
  title: z.string(),
  startedAt: z.string().optional(),
  requestCount: z.number().int().nonnegative().default(0),
  trackers: z.array(ReportTrackerSchema),
  cookies: z.array(ReportCookieSchema),
  storage: z.array(ReportStorageSchema),
  thirdParties: z.array(ReportThirdPartySchema),
  policy: z
    .object({
      version: z.string(),
      changed: z.boolean().nullable(),
      /** What changed, in Russian (and English), when changed. */
      summary: z.string().optional(),
      summaryEn: z.string().optional(),
      added: z.array(z.string()).optional(),
      removed: z.array(z.string()).optional(),
    })
    .optional(),
  findings: z.array(FindingSchema).default([]),
  /** Per-page error (e.g. navigation failed) written by the audit command. */
  error: z.string().optional(),
});
export type ReportPage = z.infer<typeof ReportPageSchema>;

/** What the published policy says or does not say, next to the rule it meets (issue 13; policy/policy-model/observations.ts). */
export const PolicyObservationSchema = z.object({
  id: z.string(),
  title: z.object({ ru: z.string(), en: z.string() }),
  /** Facts and law, hedged, never a verdict; text in «» is quoted verbatim from the policy. */
  text: z.object({ ru: z.string(), en: z.string() }),
  /** Verbatim quotes from the policy (whitespace-folded); empty for an absence. */
  quotes: z.array(z.string()),
  law: z.array(z.string()),
});
export type PolicyObservationEntry = z.infer<typeof PolicyObservationSchema>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.string(),
  extensionVersion: z.string(),
  site: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Policy-level observations of the bundled policy (issue 13). */
  policyObservations: z.array(PolicyObservationSchema).optional(),
  pages: z.array(ReportPageSchema),
});
export type Report = z.infer<typeof ReportSchema>;
