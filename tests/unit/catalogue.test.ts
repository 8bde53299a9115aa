import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { CatalogueSchema, VendorSchema } from '../../policy/catalogue/schema';
import { curatedVendors, curatedVendorsInput, REQUIRED_VENDOR_IDS } from '../../policy/catalogue/vendors';
import { catalogue, ocdDomain, slugify, buildCatalogue } from '../../policy/catalogue';
import { OcdTableSchema } from '../../policy/catalogue/ocd/table';
import { buildOcdTable } from '../../scripts/import-ocd';
import { OCD_CATALOGUE_PATH, renderOcdCatalogue } from '../../scripts/gen-ocd-catalogue';
import { fullClassifier, requestClassifier } from '../../policy/classify-staged';
import { defaultClassifier } from '../../policy/classify';

describe('curated catalogue', () => {
  it('has every required vendor id', () => {
    const ids = new Set(curatedVendors.map((v) => v.id));
    for (const id of REQUIRED_VENDOR_IDS) expect(ids.has(id), id).toBe(true);
  });

  it('validates with zod and has unique ids', () => {
    expect(CatalogueSchema.parse(curatedVendorsInput)).toEqual(curatedVendors);
    expect(() => CatalogueSchema.parse(catalogue)).not.toThrow();
    expect(() => CatalogueSchema.parse([curatedVendors[0], curatedVendors[0]])).toThrow(/duplicate/);
  });

  it('gives every curated vendor organisation, category and RU/EN descriptions, all curated', () => {
    for (const v of curatedVendors) {
      expect(VendorSchema.parse(v).origin).toBe('curated');
      expect(v.description.ru).toMatch(/[а-я]/i);
      expect(v.description.en.length).toBeGreaterThan(10);
      expect(v.country === null || /^[A-Z]{2}$/.test(v.country)).toBe(true);
    }
  });

  it('cites no non-commercial source (TrackerDB, Tracker Radar, Disconnect)', () => {
    const text = JSON.stringify(curatedVendors);
    expect(text).not.toMatch(/TrackerDB|Tracker Radar|Disconnect|trackerdb|tracker-radar/);
  });

  it('models Webvisor as a feature of yandex-metrica', () => {
    const ym = curatedVendors.find((v) => v.id === 'yandex-metrica')!;
    expect(ym.hosts.some((h) => h.feature === 'webvisor' && h.paths?.includes('/webvisor/'))).toBe(true);
    expect(ym.hosts.some((h) => h.host === 'mc.webvisor.org' && h.feature === 'webvisor')).toBe(true);
    expect(ym.cookies.some((c) => c.pattern === '_ym_visorc' && c.match === 'prefix' && c.feature === 'webvisor')).toBe(true);
  });

  it('flags identifier cookies', () => {
    const ids = curatedVendors.flatMap((v) => v.cookies.filter((c) => c.identifier).map((c) => c.pattern));
    for (const n of ['_ym_uid', '_ga', '_fbp', 'tmr_lvid', '_ct_client_global_id', 'roistat_visit', 'BX_USER_ID', 'carrotquest_uid']) {
      expect(ids, n).toContain(n);
    }
  });

  it('does not use a bare "_ct" prefix', () => {
    const bad = curatedVendors.flatMap((v) => v.cookies).filter((c) => c.match === 'prefix' && c.pattern === '_ct');
    expect(bad).toEqual([]);
  });
});

describe('OCD import and derived vendors', () => {
  const table = OcdTableSchema.parse(JSON.parse(readFileSync('policy/catalogue/ocd/ocd-table.json', 'utf8')));

  it('committed table is compact and carries the licence files', () => {
    expect(statSync('policy/catalogue/ocd/ocd-table.json').size).toBeLessThan(500 * 1024);
    expect(table.rows.length).toBeGreaterThan(2000);
    expect(table.commit).toMatch(/^0ee5a17f/);
    expect(readFileSync('policy/catalogue/ocd/LICENSE', 'utf8')).toMatch(/Apache License/);
    expect(readFileSync('policy/catalogue/ocd/NOTICE.md', 'utf8')).toMatch(/jkwakman[\s\S]*Apache-2\.0|Apache License 2\.0/);
  });

  it('import script parses CSV with quotes and wildcards', () => {
    const csv =
      'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n' +
      'a1,Acme Stats,Analytics,_acme_,,"Counts visits, pages",1 year,Acme Inc,https://x,1\n' +
      'a2,Acme Stats,Marketing,acme_id,.acme.com,"Says ""hi""",session,Acme Inc,,0\n';
    const t = buildOcdTable(csv, 'deadbeef');
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0][2]).toBe(1);
    expect(t.descriptions[t.rows[0][7]]).toBe('Counts visits, pages');
    expect(t.descriptions[t.rows[1][7]]).toBe('Says "hi"');
    expect(t.platforms[t.rows[1][3]]).toEqual(['Acme Stats', 'Acme Inc']);
  });

  it('derives ocd-* vendors from platforms not covered by curated vendors', () => {
    const hotjar = catalogue.find((v) => v.id === 'ocd-hotjar');
    expect(hotjar?.origin).toBe('ocd');
    expect(hotjar?.cookies.some((c) => c.pattern === '_hjid')).toBe(true);
    expect(hotjar?.cookies[0].sources[0].ref).toMatch(/^Open Cookie Database, platform "Hotjar", name "_hj/);
    expect(hotjar?.description.en).toMatch(/ OCD: \S/);
    expect(hotjar?.description.en).toMatch(/Open Cookie Database/);
  });

  it('skips covered platforms and names the curated catalogue already matches', () => {
    const ids = catalogue.map((v) => v.id);
    for (const id of ['ocd-yandex-metrica', 'ocd-google-analytics', 'ocd-google-ads', 'ocd-facebook']) expect(ids).not.toContain(id);
    // _gcl_au is in OCD under platform "Google": it must not create a second vendor for that name.
    const owners = catalogue.filter((v) => v.cookies.some((c) => c.pattern === '_gcl_au')).map((v) => v.id);
    expect(owners).toEqual(['google-ads']);
    // Unmatched rows of a covered platform are merged into the curated vendor.
    const ga = catalogue.find((v) => v.id === 'google-analytics')!;
    expect(ga.cookies.some((c) => c.pattern === '__utma' && c.sources[0].kind === 'ocd')).toBe(true);
  });

  it('buildCatalogue keeps ids unique when platform slugs collide', () => {
    const rec = (platform: string, name: string) => ({
      id: name,
      name,
      wildcard: false,
      platform,
      controller: 'X',
      category: 'Analytics' as const,
      domain: '',
      retention: '',
      description: '',
    });
    const c = buildCatalogue(curatedVendors, [rec('A b', 'zz1'), rec('A-b', 'zz2')]);
    expect(c.filter((v) => v.id.startsWith('ocd-a-b')).map((v) => v.id)).toEqual(['ocd-a-b', 'ocd-a-b-2']);
  });

  it('helpers: slugify and ocdDomain', () => {
    expect(slugify('Bing / Microsoft')).toBe('bing-microsoft');
    expect(ocdDomain('facebook.com (3rd party)')).toBe('facebook.com');
    expect(ocdDomain('.yandex.ru')).toBe('yandex.ru');
    expect(ocdDomain('')).toBeUndefined();
  });
});

describe('the catalogue the extension ships (issue #15)', () => {
  const shipped = readFileSync(OCD_CATALOGUE_PATH, 'utf8');

  it('public/ocd-catalogue.json matches ocd/build.ts (run `npx tsx scripts/gen-ocd-catalogue.ts` on drift)', () => {
    expect(shipped).toBe(renderOcdCatalogue());
  });

  it('unpacks to the full catalogue, descriptions included', () => {
    expect(fullClassifier(JSON.parse(shipped)).vendors).toEqual(catalogue);
  });

  it('OCD adds cookie names only, so the curated vendors classify every request, host and storage key', () => {
    const curatedById = new Map(curatedVendors.map((v) => [v.id, v]));
    for (const v of catalogue) {
      const c = curatedById.get(v.id);
      if (!c) {
        expect(v.origin, v.id).toBe('ocd');
        expect(v.hosts, v.id).toEqual([]);
        expect(v.storage, v.id).toEqual([]);
      } else {
        expect(v.hosts, v.id).toEqual(c.hosts);
        expect(v.storage, v.id).toEqual(c.storage);
      }
    }
    const urls = [
      'https://mc.yandex.ru/watch/123?page-url=x',
      'https://www.google-analytics.com/g/collect?v=2',
      'https://www.googletagmanager.com/gtm.js?id=GTM-X',
      'https://static.hotjar.com/c/hotjar-1.js',
      'https://pro-medika.ru/bitrix/js/main/core.js',
      'not a url',
    ];
    for (const u of urls) expect(requestClassifier.matchUrl(u), u).toEqual(defaultClassifier.matchUrl(u));
    for (const k of ['_ym_uid', '_hjSession', 'gtm_debug'])
      expect(requestClassifier.matchStorageKey(k), k).toEqual(defaultClassifier.matchStorageKey(k));
  });
});
