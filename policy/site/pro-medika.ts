import type { SiteProfile } from './profile';

/**
 * The site profile of the Promedika clinic network, Novosibirsk.
 * Operator details (addresses, e-mail) are not repeated here: they come from the policy
 * model (policy/policy-model), which quotes them verbatim from the published policy.
 * Plain data (validated by SiteProfileSchema in tests/unit/site-profile.test.ts) so the
 * content script and popup bundles stay free of zod.
 */
export const proMedika: SiteProfile = {
  id: 'pro-medika',
  domains: ['pro-medika.ru'],
  displayName: { ru: 'Сеть клиник «Промедика»', en: 'Promedika clinic network' },
  policyPaths: ['/politika-konfidentsialnosti/', '/privacy/', '/policy/'],
  // Name the replica's notice uses; the live site's notice cookie is to be confirmed.
  consentCookies: ['cookie_notice_accepted'],
  extraCookieHosts: [],
};

export const activeSite = proMedika;
