import type { Catalogue, Category, NamePattern, Source, Vendor } from '../schema';

/**
 * The Open Cookie Database part of the catalogue as the extension ships it (issue #15, a light
 * service worker): the vendors that ocd/build.ts derives, written by scripts/gen-ocd-catalogue.ts
 * into the extension file public/ocd-catalogue.json, which the worker reads when it first builds
 * a page (requests are classified without it: OCD adds cookie names only). Unpacking is plain
 * object building, no zod and no derivation (tests/unit/catalogue.test.ts checks the file
 * against build.ts). OCD row ids are left out: platform and cookie name find a row.
 */

/** [name, 1 = prefix, cookie domain or '', lifetime or ''] */
export type PackedPattern = [string, 0 | 1, string, string];

export interface PackedVendor {
  id: string;
  name: string;
  /** The OCD platform the vendor comes from. */
  ocd: string;
  organization: string;
  country: string | null;
  recipientSources: Source[];
  category: Category;
  /** The site's own software platform (OCD_SITE_PLATFORMS). */
  own: boolean;
  cookies: PackedPattern[];
}

export interface PackedOcd {
  /** Rows of platforms a curated vendor covers: [curated vendor id, OCD platform, patterns]. */
  extra: [string, string, PackedPattern[]][];
  vendors: PackedVendor[];
  /** OCD's own description of a derived vendor's platform (vendor id -> text), for its English description. */
  descriptions: Record<string, string>;
}

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

/** Where an OCD-derived vendor comes from: its OCD platform. */
export const ocdVendorSource = (platform: string): Source => ({ kind: 'ocd', ref: `Open Cookie Database, platform "${platform}"` });

/** Where an OCD-derived pattern comes from: its platform and cookie name (which find the OCD row). */
export const ocdPatternSource = (platform: string, name: string): Source => ({
  kind: 'ocd',
  ref: `Open Cookie Database, platform "${platform}", name "${name}"`,
});

/** An OCD-derived vendor's description; `text` is OCD's own description of one of its cookies ('' = none). */
export function ocdDescription(name: string, category: Category, own: boolean, text: string): Vendor['description'] {
  return own
    ? {
        ru: `${name}: программная платформа самого сайта (например, cookie сеанса); не сторонний сервис, данные никому не передаёт.`,
        en: `${name}: the site's own software platform (e.g. a session cookie); not a third party, it sends data to no one.`,
      }
    : {
        ru: `${name}: сервис из открытой базы cookie Open Cookie Database (категория: ${CATEGORY_RU[category]}). Подробное описание есть только на английском.`,
        en: `${name}: a service listed in the Open Cookie Database (category: ${category}).${text ? ` OCD: ${text}` : ''}`,
      };
}

export function packPattern(p: NamePattern): PackedPattern {
  return [p.pattern, p.match === 'prefix' ? 1 : 0, p.domain ?? '', p.lifetime ?? ''];
}

function unpackPattern(platform: string, [pattern, prefix, domain, lifetime]: PackedPattern): NamePattern {
  const p: NamePattern = { match: prefix ? 'prefix' : 'exact', pattern, sources: [ocdPatternSource(platform, pattern)] };
  if (domain) p.domain = domain;
  if (lifetime) p.lifetime = lifetime;
  return p;
}

/** The full catalogue: curated vendors (with the OCD rows they cover appended), then OCD-derived vendors. */
export function unpackCatalogue(curated: Catalogue, packed: PackedOcd): Catalogue {
  const extra = new Map<string, NamePattern[]>();
  for (const [id, platform, patterns] of packed.extra) {
    const list = extra.get(id) ?? [];
    for (const p of patterns) list.push(unpackPattern(platform, p));
    extra.set(id, list);
  }
  const out: Vendor[] = curated.map((v) => {
    const more = extra.get(v.id);
    return more ? { ...v, cookies: [...v.cookies, ...more] } : v;
  });
  for (const v of packed.vendors)
    out.push({
      id: v.id,
      name: v.name,
      organization: v.organization,
      country: v.country,
      recipientSources: v.recipientSources,
      category: v.category,
      description: ocdDescription(v.name, v.category, v.own, ''),
      hosts: [],
      cookies: v.cookies.map((p) => unpackPattern(v.ocd, p)),
      storage: [],
      sources: [ocdVendorSource(v.ocd)],
      platform: v.own,
      origin: 'ocd',
    });
  setOcdDescriptions(out, packed.descriptions);
  return out;
}

/**
 * Puts OCD's descriptions (vendor id -> text) into the OCD-derived vendors' English descriptions, in place.
 */
export function setOcdDescriptions(catalogue: Catalogue, texts: Readonly<Record<string, string>>): void {
  for (const v of catalogue) {
    const text = v.origin === 'ocd' && !v.platform ? texts[v.id] : undefined;
    if (text) v.description = ocdDescription(v.name, v.category, false, text);
  }
}
