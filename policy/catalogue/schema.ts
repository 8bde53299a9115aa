import { z } from 'zod';

/**
 * The vendor catalogue: curated data validated by zod at build (import time) and in tests.
 * Each fact carries its source (vendor docs, vendor open-source code, Open Cookie Database
 * row, or "observed" in the replica / public site code), following
 * shared research trackers-ru.json's confidence levels.
 */

export const SourceSchema = z.object({
  kind: z.enum(['vendor-docs', 'vendor-code', 'ocd', 'easyprivacy', 'ruadlist', 'secondary', 'observed']),
  /** URL, repository path, or OCD row id. */
  ref: z.string().min(1),
});
export type Source = z.infer<typeof SourceSchema>;

export const NamePatternSchema = z.object({
  match: z.enum(['exact', 'prefix', 'regex']),
  pattern: z.string().min(1),
  /** A vendor sub-feature this pattern signals, e.g. "webvisor" for _ym_visorc. */
  feature: z.string().optional(),
  /** Where the cookie normally lives. Absent: either. */
  party: z.enum(['first', 'third']).optional(),
  /** Lifetime as documented, free text ("1 year", "session"). */
  lifetime: z.string().optional(),
  /** True when the value identifies a browser (a ClientID): used by findings and the letter. */
  identifier: z.boolean().optional(),
  /**
   * Registrable domain the cookie lives on (e.g. "yandex.ru" for yandexuid). When set, the pattern
   * only matches a cookie reported on that domain: short third-party names such as "bh" or "IDE"
   * must not be attributed when a site sets a cookie of the same name (added for issue #2).
   */
  domain: z.string().min(1).optional(),
  sources: z.array(SourceSchema).min(1),
});
export type NamePattern = z.infer<typeof NamePatternSchema>;

export const HostPatternSchema = z.object({
  /** Host; matches itself and its subdomains (mc.yandex.ru matches mc.yandex.ru only if no subdomains). */
  host: z.string().min(1),
  /** Path prefixes; absent means any path on the host. */
  paths: z.array(z.string().startsWith('/')).optional(),
  feature: z.string().optional(),
  sources: z.array(SourceSchema).min(1),
});
export type HostPattern = z.infer<typeof HostPatternSchema>;

export const CategorySchema = z.enum([
  'analytics',
  'advertising',
  'session-replay',
  'call-tracking',
  'chat',
  'crm',
  'tag-manager',
  'social',
  'widget',
  'functional',
  'security',
  'marketing',
]);
export type Category = z.infer<typeof CategorySchema>;

export const VendorSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  /** The organisation that operates the service (the legal entity where public, else the brand). */
  organization: z.string().min(1),
  /** ISO 3166-1 alpha-2 country of that organisation, or null when not known. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  /** Where the organisation and its country come from (issue 13). */
  recipientSources: z.array(SourceSchema).min(1),
  category: CategorySchema,
  description: z.object({ ru: z.string().min(1), en: z.string().min(1) }),
  hosts: z.array(HostPatternSchema),
  cookies: z.array(NamePatternSchema),
  storage: z.array(NamePatternSchema),
  sources: z.array(SourceSchema).min(1),
  /**
   * The site's own platform (its CMS, a language runtime's session cookie): first party, never a
   * tracker, a third party or a recipient of data. Its cookies are reported with vendor null and
   * a platform label (issue 13).
   */
  platform: z.boolean().default(false),
  /** Where the entry comes from: curated by hand, or imported from the Open Cookie Database. */
  origin: z.enum(['curated', 'ocd']).default('curated'),
});
export type Vendor = z.infer<typeof VendorSchema>;

export const CatalogueSchema = z.array(VendorSchema).superRefine((vendors, ctx) => {
  const seen = new Set<string>();
  for (const v of vendors) {
    if (seen.has(v.id)) ctx.addIssue({ code: 'custom', message: `duplicate vendor id ${v.id}` });
    seen.add(v.id);
  }
});
export type Catalogue = z.infer<typeof CatalogueSchema>;
/** Catalogue as written by hand (defaults such as origin may be omitted). */
export type CatalogueInput = z.input<typeof CatalogueSchema>;

/** The result of classifying a URL, cookie name or storage key. */
export interface VendorMatch {
  vendorId: string;
  feature?: string;
  /** The pattern entry that matched (for evidence and the identifier flag). */
  identifier?: boolean;
}

/** The classifier's API, implemented in policy/classify.ts. */
export interface Classifier {
  /** Vendor for a request URL (host + path patterns). Malformed URLs give null, never throw. */
  matchUrl(url: string): VendorMatch | null;
  /** Vendor for a bare host (host patterns without paths). */
  matchHost(host: string): VendorMatch | null;
  /** Vendor for a cookie, by name pattern (and cookie domain where the catalogue names one). */
  matchCookie(name: string, domain?: string): VendorMatch | null;
  /** Vendor for a localStorage/sessionStorage key. */
  matchStorageKey(key: string): VendorMatch | null;
  vendor(id: string): Vendor | undefined;
  readonly vendors: readonly Vendor[];
}
