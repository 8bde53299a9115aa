import { CatalogueSchema, type Catalogue, type Category, type NamePattern, type Vendor } from '../schema';
import { OcdTableSchema, type OcdCategory, type OcdRecord } from './table';
import ocdJson from './ocd-table.json';
import { createClassifier } from '../matcher';
import {
  ocdPatternSource,
  ocdVendorSource,
  packPattern,
  unpackCatalogue,
  type PackedOcd,
  type PackedPattern,
  type PackedVendor,
} from './packed';

/**
 * How the Open Cookie Database becomes catalogue vendors (issue #2). This runs in Node only: in
 * scripts/gen-ocd-catalogue.ts, which writes the result in packed form for the extension
 * (public/ocd-catalogue.json, see packed.ts), and in tests and benchmarks. The extension never
 * parses the OCD table or derives vendors at run time.
 * Curated vendors take precedence:
 *  - OCD platforms a curated vendor covers (OCD_COVERED) create no vendor; their rows that the
 *    curated patterns do not already match are appended to that curated vendor;
 *  - an OCD row whose name the curated catalogue already matches creates nothing.
 * OCD attribution: NOTICE.md (Apache-2.0).
 */

export const ocdTable = OcdTableSchema.parse(ocdJson);

/** OCD platform -> curated vendor that covers it. */
export const OCD_COVERED: Readonly<Record<string, string>> = {
  'Yandex.Metrica': 'yandex-metrica',
  'Google Analytics': 'google-analytics',
  'Google Ads': 'google-ads',
  'DoubleClick/Google Marketing': 'google-ads',
  Facebook: 'meta-pixel',
  'Google Tag Manager': 'google-tag-manager',
};

const CATEGORY: Record<OcdCategory, Category> = {
  Functional: 'functional',
  Necessary: 'functional',
  Personalization: 'functional',
  Marketing: 'marketing',
  Analytics: 'analytics',
  Security: 'security',
};


export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** First host-looking token of OCD's Domain column ("facebook.com (3rd party)" -> "facebook.com"). */
export function ocdDomain(raw: string): string | undefined {
  const m = /[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/i.exec(raw.replace(/^\./, ''));
  return m ? m[0].toLowerCase() : undefined;
}

function rowPattern(r: OcdRecord): NamePattern {
  const p: NamePattern = {
    match: r.wildcard ? 'prefix' : 'exact',
    pattern: r.name,
    sources: [ocdPatternSource(r.platform, r.name)],
  };
  const d = ocdDomain(r.domain);
  if (d) p.domain = d;
  if (r.retention) p.lifetime = r.retention;
  return p;
}

/**
 * OCD platforms that are the site's own software: language runtimes and web frameworks (their
 * session cookies: PHPSESSID, JSESSIONID, ASP.NET_SessionId ...), self-hosted CMSs and the site's
 * own servers. They run on the site, so their cookies are first party and reach no third party:
 * never a tracker or a recipient (issue 13). Value: the name shown.
 */
export const OCD_SITE_PLATFORMS: Readonly<Record<string, string>> = {
  'PHP.net': 'PHP',
  'ASP.net': 'ASP.NET',
  J2EE: 'Java EE (J2EE)',
  Laravel: 'Laravel',
  Django: 'Django',
  'Ruby on Rails': 'Ruby on Rails',
  'Devise (Ruby on Rails)': 'Devise (Ruby on Rails)',
  Rack: 'Rack (Ruby)',
  CodeIgniter: 'CodeIgniter',
  CakePHP: 'CakePHP',
  'Adobe ColdFusion': 'Adobe ColdFusion',
  Perl: 'Perl',
  Next: 'Next.js',
  'NextAuth.js': 'NextAuth.js',
  WordPress: 'WordPress',
  Wordpress: 'WordPress',
  'Joomla!': 'Joomla!',
  'Drupal CMS': 'Drupal',
  TYPO3: 'TYPO3',
  Kentico: 'Kentico',
  nopCommerce: 'nopCommerce',
  Magento: 'Magento',
  CraftCMS: 'Craft CMS',
  Processwire: 'ProcessWire',
  vBulletin: 'vBulletin',
  Xenforo: 'XenForo',
  phpMyAdmin: 'phpMyAdmin',
  Plesk: 'Plesk',
  'NGINX Ingresss': 'NGINX Ingress',
  HAproxy: 'HAProxy',
  'f5 BIG-IP': 'F5 BIG-IP',
  Alteon: 'Radware Alteon',
};

/**
 * Known OCD data controllers -> operating legal entity and country, with the source. Other
 * controllers keep OCD's name and an unknown country: OCD records no country (issue 13).
 */
const OCD_CONTROLLERS: Readonly<Record<string, { organization: string; country: string; ref: string }>> = {
  Google: {
    organization: 'Google LLC',
    country: 'US',
    ref: 'https://policies.google.com/terms (Google Terms of Service: Google LLC, Mountain View, California, USA)',
  },
  Meta: {
    organization: 'Meta Platforms, Inc.',
    country: 'US',
    ref: 'https://www.facebook.com/legal/terms/businesstools (Meta Business Tools Terms: Meta Platforms, Inc., Menlo Park, USA)',
  },
  Microsoft: {
    organization: 'Microsoft Corporation',
    country: 'US',
    ref: 'https://www.microsoft.com/servicesagreement (Microsoft Services Agreement: Microsoft Corporation, Redmond, USA)',
  },
};

export function ocdRecipient(r: OcdRecord): Pick<Vendor, 'organization' | 'country' | 'recipientSources'> {
  const known = OCD_CONTROLLERS[r.controller];
  const row = { ...ocdVendorSource(r.platform), ref: `${ocdVendorSource(r.platform).ref} (Data Controller: ${r.controller || 'none'})` };
  if (known)
    return { organization: known.organization, country: known.country, recipientSources: [{ kind: 'vendor-docs', ref: known.ref }, row] };
  return { organization: r.controller || r.platform || 'unknown', country: null, recipientSources: [row] };
}

/**
 * The OCD part of the catalogue in packed form, and OCD's description per derived vendor (the
 * first row of its platform that has one).
 */
export function packOcd(curated: Catalogue, records: OcdRecord[]): PackedOcd {
  const curatedClassifier = createClassifier(curated);
  const covered = (r: OcdRecord): boolean =>
    curatedClassifier.matchCookie(r.name, ocdDomain(r.domain) ?? undefined) !== null ||
    // A domain-bound row may still be covered by an unbound curated pattern of the same name.
    curatedClassifier.matchCookie(r.name) !== null;

  const merged = new Map<string, [string, string, PackedPattern[]]>();
  const groups = new Map<string, OcdRecord[]>();
  for (const r of records) {
    const target = OCD_COVERED[r.platform];
    if (covered(r)) continue;
    if (target) {
      const key = `${target}\n${r.platform}`;
      const entry = merged.get(key) ?? [target, r.platform, []];
      entry[2].push(packPattern(rowPattern(r)));
      merged.set(key, entry);
      continue;
    }
    const list = groups.get(r.platform) ?? [];
    list.push(r);
    groups.set(r.platform, list);
  }

  const vendors: PackedVendor[] = [];
  const descriptions: Record<string, string> = {};
  const ids = new Set(curated.map((v) => v.id));
  for (const [platform, rows] of groups) {
    let id = `ocd-${slugify(platform) || 'platform'}`;
    for (let n = 2; ids.has(id); n++) id = `ocd-${slugify(platform) || 'platform'}-${n}`;
    ids.add(id);
    // The platform's category: the most frequent row category.
    const counts = new Map<OcdCategory, number>();
    for (const r of rows) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const own = OCD_SITE_PLATFORMS[platform];
    const text = rows.find((r) => r.description)?.description ?? '';
    if (text && own === undefined) descriptions[id] = text;
    const { organization, country, recipientSources } = ocdRecipient(rows[0]);
    vendors.push({
      id,
      name: own ?? (platform || rows[0].controller || id),
      ocd: platform,
      organization,
      country,
      recipientSources,
      category: CATEGORY[top],
      own: own !== undefined,
      cookies: rows.map((r) => packPattern(rowPattern(r))),
    });
  }
  return { extra: [...merged.values()], vendors, descriptions };
}

/** The full catalogue, validated: what the extension unpacks from public/ocd-catalogue.json. */
export function buildCatalogue(curated: Catalogue, records: OcdRecord[]): Catalogue {
  return CatalogueSchema.parse(unpackCatalogue(curated, packOcd(curated, records)));
}
