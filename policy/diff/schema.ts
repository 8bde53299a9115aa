import { z } from 'zod';

/**
 * diff.json (issue #17): what changed between a baseline report.json and the current one,
 * page by page. Fields may be added; the ones the issue lists must stay. Also exported as
 * JSON Schema (schemas/diff.schema.json, policy/report/json-schema.ts).
 */

const Added = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });

export const CookieFieldSchema = z.enum(['secure', 'sameSite', 'expires', 'httpOnly', 'partitioned']);
export type CookieField = z.infer<typeof CookieFieldSchema>;

/** The attributes of a cookie that are compared (never its value or exact expiry time). */
export const CookieAttributesSchema = z.object({
  secure: z.boolean(),
  httpOnly: z.boolean(),
  sameSite: z.enum(['none', 'lax', 'strict', 'unspecified']),
  partitioned: z.boolean(),
  session: z.boolean(),
  /** Days the cookie lives from the page's visit, rounded; null for a session cookie. */
  lifetimeDays: z.number().nullable(),
});
export type CookieAttributes = z.infer<typeof CookieAttributesSchema>;

export const CookieChangeSchema = z.object({
  cookie: z.string(),
  fields: z.array(CookieFieldSchema),
  from: CookieAttributesSchema,
  to: CookieAttributesSchema,
});
export type CookieChange = z.infer<typeof CookieChangeSchema>;

export const DisclosureChangeSchema = z.object({
  vendor: z.string(),
  /** Set when the change is one feature's own disclosure (e.g. Metrica's Webvisor). */
  feature: z.string().optional(),
  from: z.string(),
  to: z.string(),
  /** True when `to` is a weaker disclosure than `from` (named < generic < undisclosed < contradicted). */
  worse: z.boolean(),
});
export type DisclosureChange = z.infer<typeof DisclosureChangeSchema>;

export const PageDiffSchema = z.object({
  url: z.string(),
  status: z.enum(['both', 'added', 'removed']),
  /** Set when either run could not audit the page: its contents are then not compared. */
  error: z.string().optional(),
  trackers: Added,
  cookies: Added.extend({ changed: z.array(CookieChangeSchema) }),
  storage: Added,
  thirdParties: Added,
  findings: Added,
  disclosure: z.array(DisclosureChangeSchema),
  policy: z.object({
    versionFrom: z.string().nullable(),
    versionTo: z.string().nullable(),
    changed: z.boolean(),
    /** Policy sentences the site's text gained or lost between the runs (policy page only). */
    sentencesAdded: z.array(z.string()).default([]),
    sentencesRemoved: z.array(z.string()).default([]),
  }),
});
export type PageDiff = z.infer<typeof PageDiffSchema>;

export const RunRefSchema = z.object({ generatedAt: z.string(), extensionVersion: z.string() });

/** Parts of a page compared; a part the baseline report does not have is left out (see notCompared). */
export const DIFF_PARTS = ['trackers', 'cookies', 'storage', 'thirdParties', 'findings', 'disclosure', 'policy'] as const;
export type DiffPart = (typeof DIFF_PARTS)[number];

export const DiffSchema = z.object({
  schemaVersion: z.literal(1),
  baseline: RunRefSchema,
  current: RunRefSchema,
  /** One-line remarks on the comparison (another extension version, parts not compared). */
  notes: z.array(z.string()).default([]),
  /** Parts the baseline lacks, so not compared (their lists stay empty). */
  notCompared: z.array(z.enum(DIFF_PARTS)).default([]),
  pages: z.array(PageDiffSchema),
});
export type AuditDiff = z.infer<typeof DiffSchema>;
