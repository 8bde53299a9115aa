import type { Vendor } from './schema';

/**
 * Who receives the data, and where (issue 13): a vendor's operating organisation and its
 * country, as the popup, the exports, the findings and the letter show them.
 */

/** The country whose law the extension speaks of: data reaching an organisation elsewhere crosses a border. */
export const HOME_COUNTRY = 'RU';

export interface Recipient {
  vendor: string;
  organization: string;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
}

/**
 * The site's own platform (CMS, language runtime): first party, never a tracker, a third party
 * or a letter recipient. Accepts a vendor, or undefined for an id the catalogue does not know.
 */
export function isPlatform(v: Pick<Vendor, 'platform'> | undefined): boolean {
  return v?.platform === true;
}

export function recipientOf(v: Pick<Vendor, 'id' | 'organization' | 'country'>): Recipient {
  return { vendor: v.id, organization: v.organization, country: v.country };
}

/** True only for a known country other than Russia: an unknown country is never reported as abroad. */
export function isAbroad(country: string | null | undefined): boolean {
  return typeof country === 'string' && /^[A-Z]{2}$/.test(country) && country !== HOME_COUNTRY;
}

/**
 * A country for people to read: "США (US)" / "United States (US)". Region names come from
 * Intl.DisplayNames (CLDR, in every supported browser and Node); the code is kept next to the
 * name so that the value can be checked. Null or malformed input gives null.
 */
export function countryLabel(country: string | null | undefined, lang: 'ru' | 'en'): string | null {
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) return null;
  const key = `${lang}:${country}`;
  let label = labels.get(key);
  if (label === undefined) {
    let name: string | undefined;
    try {
      name = new Intl.DisplayNames([lang], { type: 'region' }).of(country);
    } catch {
      name = undefined;
    }
    label = name && name !== country ? `${name} (${country})` : country;
    labels.set(key, label);
  }
  return label;
}

/** Built once per country and language: an export asks for every tracker of every page. */
const labels = new Map<string, string>();
