import { z } from 'zod';

/**
 * Everything site-specific lives in one profile, so that another site can be added as
 * data (issue #2, "Tracker knowledge"). The engine never hard-codes pro-medika.ru.
 */
export const SiteProfileSchema = z.object({
  id: z.string().min(1),
  /** Registrable domains that are first party (tldts getDomain()). */
  domains: z.array(z.string().min(1)).min(1),
  /** Human name of the operator as the policy gives it. */
  displayName: z.object({ ru: z.string(), en: z.string() }),
  /** Path of the privacy policy page on the site (compared with the bundled text). */
  policyPaths: z.array(z.string().startsWith('/')),
  /**
   * First-party cookies that record an earlier acceptance of the cookie notice: when one
   * exists before a page starts, consent counts from that page's start (before-consent).
   */
  consentCookies: z.array(z.string()).default([]),
  /** Extra hosts whose cookies the extension reads (beyond vendor hosts in the catalogue). */
  extraCookieHosts: z.array(z.string()).default([]),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;
