import { CatalogueSchema, type Catalogue, type Category, type NamePattern, type Vendor } from './schema';
import { curatedVendors } from './vendors';
import { OcdTableSchema, ocdRecords, type OcdCategory, type OcdRecord } from './ocd/table';
import ocdJson from './ocd/ocd-table.json';
import { createClassifier } from './matcher';
import { isPlatform, recipientOf, type Recipient } from './recipient';

/**
 * The full catalogue (issue #2): curated vendors first, then vendors derived from the Open Cookie
 * Database (origin "ocd", id "ocd-<platform slug>"). Curated vendors take precedence:
 *  - OCD platforms a curated vendor covers (OCD_COVERED) create no vendor; their rows that the
 *    curated patterns do not already match are appended to that curated vendor;
 *  - an OCD row whose name the curated catalogue already matches creates nothing.
 * OCD attribution: ocd/NOTICE.md (Apache-2.0).
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

const CATEGORY_RU: Record<Category, string> = {
  analytics: 'аналитика',
  advertising: 'реклама',
  'session-replay': 'запись сеансов',
  'call-tracking': 'коллтрекинг',
  chat: 'чат',
  crm: 'CRM',
  'tag-manager': 'менеджер тегов',
  social: 'социальные сети',
  widget: 'виджет',
  functional: 'функциональные',
  security: 'безопасность',
  marketing: 'маркетинг',
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
    sources: [{ kind: 'ocd', ref: `OCD row ${r.id}` }],
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
  const row = { kind: 'ocd' as const, ref: `OCD row ${r.id} (Data Controller: ${r.controller || 'none'})` };
  if (known)
    return { organization: known.organization, country: known.country, recipientSources: [{ kind: 'vendor-docs', ref: known.ref }, row] };
  return { organization: r.controller || r.platform || 'unknown', country: null, recipientSources: [row] };
}

export function buildCatalogue(curated: Catalogue, records: OcdRecord[]): Catalogue {
  const curatedClassifier = createClassifier(curated);
  const covered = (r: OcdRecord): boolean =>
    curatedClassifier.matchCookie(r.name, ocdDomain(r.domain) ?? undefined) !== null ||
    // A domain-bound row may still be covered by an unbound curated pattern of the same name.
    curatedClassifier.matchCookie(r.name) !== null;

  const merged = new Map<string, NamePattern[]>();
  const groups = new Map<string, OcdRecord[]>();
  for (const r of records) {
    const target = OCD_COVERED[r.platform];
    if (covered(r)) continue;
    if (target) {
      const list = merged.get(target) ?? [];
      list.push(rowPattern(r));
      merged.set(target, list);
      continue;
    }
    const list = groups.get(r.platform) ?? [];
    list.push(r);
    groups.set(r.platform, list);
  }

  const out: Vendor[] = curated.map((v) => {
    const extra = merged.get(v.id);
    return extra ? { ...v, cookies: [...v.cookies, ...extra] } : v;
  });
  const ids = new Set(out.map((v) => v.id));
  for (const [platform, rows] of groups) {
    let id = `ocd-${slugify(platform) || 'platform'}`;
    for (let n = 2; ids.has(id); n++) id = `ocd-${slugify(platform) || 'platform'}-${n}`;
    ids.add(id);
    // The platform's category: the most frequent row category.
    const counts = new Map<OcdCategory, number>();
    for (const r of rows) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const category = CATEGORY[top];
    const ocdDescription = rows.find((r) => r.description)?.description ?? '';
    const own = OCD_SITE_PLATFORMS[platform];
    const name = own ?? (platform || rows[0].controller || id);
    out.push({
      id,
      name,
      ...ocdRecipient(rows[0]),
      category,
      description: own
        ? {
            ru: `${name}: программная платформа самого сайта (например, cookie сеанса); не сторонний сервис, данные никому не передаёт.`,
            en: `${name}: the site's own software platform (e.g. a session cookie); not a third party, it sends data to no one.`,
          }
        : {
            ru: `${name}: сервис из открытой базы cookie Open Cookie Database (категория: ${CATEGORY_RU[category]}). Подробное описание есть только на английском.`,
            en: `${name}: a service listed in the Open Cookie Database (category: ${category}).${ocdDescription ? ` OCD: ${ocdDescription}` : ''}`,
          },
      platform: own !== undefined,
      hosts: [],
      cookies: rows.map(rowPattern),
      storage: [],
      sources: [{ kind: 'ocd', ref: `OCD row ${rows[0].id}` }],
      origin: 'ocd',
    });
  }
  return CatalogueSchema.parse(out);
}

export const catalogue: Catalogue = buildCatalogue(curatedVendors, ocdRecords(ocdTable));
export { curatedVendors };

const byId = new Map(catalogue.map((v) => [v.id, v]));

/**
 * The organisation and country behind a vendor id, from the bundled catalogue: for views that
 * hold only vendor ids (history summaries, the letter). Null for an id the catalogue does not know
 * and for the site's own platform, which receives nothing.
 */
export function recipientFor(vendorId: string): Recipient | null {
  const v = byId.get(vendorId);
  return v && !isPlatform(v) ? recipientOf(v) : null;
}

/** True for the site's own platform (1C-Bitrix, PHP, Java EE ...): never a tracker, third party or recipient. */
export function isPlatformVendorId(vendorId: string): boolean {
  return isPlatform(byId.get(vendorId));
}
