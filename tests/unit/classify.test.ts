import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createClassifier, defaultClassifier } from '../../policy/classify';
import { curatedVendors } from '../../policy/catalogue/vendors';
import type { Catalogue } from '../../policy/catalogue/schema';

const curated = createClassifier(curatedVendors);

/** A concrete name for a pattern, to round-trip it through the classifier. */
function sample(p: { match: string; pattern: string }): string {
  if (p.match === 'exact') return p.pattern;
  if (p.match === 'prefix') return `${p.pattern}zz9`;
  const known: Record<string, string> = { '^_ym\\d+_(lsid|reqNum|lastHit)$': '_ym12345_lsid' };
  return known[p.pattern] ?? p.pattern;
}

describe('round trip of every curated pattern', () => {
  for (const v of curatedVendors) {
    it(v.id, () => {
      for (const h of v.hosts) {
        const paths = h.paths ?? ['/anything'];
        for (const path of paths) {
          const m = curated.matchUrl(`https://${h.host}${path}`);
          expect(m?.vendorId, `${h.host}${path}`).toBe(v.id);
          if (h.feature) expect(m?.feature).toBe(h.feature);
          expect(defaultClassifier.matchUrl(`https://${h.host}${path}`)?.vendorId).toBe(v.id);
        }
        if (!h.paths) expect(curated.matchHost(h.host)?.vendorId).toBe(v.id);
      }
      for (const c of v.cookies) {
        const m = curated.matchCookie(sample(c), c.domain ? `.${c.domain}` : undefined);
        expect(m?.vendorId, c.pattern).toBe(v.id);
        expect(defaultClassifier.matchCookie(sample(c), c.domain ? `.${c.domain}` : undefined)?.vendorId, c.pattern).toBe(v.id);
      }
      for (const s of v.storage) expect(curated.matchStorageKey(sample(s))?.vendorId, s.pattern).toBe(v.id);
    });
  }
});

describe('specific cases (issue #2)', () => {
  const c = defaultClassifier;
  it('hosts: suffix matching at label boundaries, most specific wins', () => {
    expect(c.matchUrl('https://mc.yandex.ru/watch/123')).toEqual({ vendorId: 'yandex-metrica' });
    expect(c.matchUrl('https://sub.mc.yandex.ru/watch/123')?.vendorId).toBe('yandex-metrica');
    expect(c.matchUrl('https://xmc.yandex.ru/watch/123')).toBeNull();
    expect(c.matchUrl('https://mc.yandex.ru/webvisor/123')).toEqual({ vendorId: 'yandex-metrica', feature: 'webvisor' });
    expect(c.matchUrl('https://mc.webvisor.org/metrika/tag_ww.js')?.feature).toBe('webvisor');
    expect(c.matchUrl('https://yandex.ru/ads/system/context.js')?.vendorId).toBe('yandex-direct');
    expect(c.matchUrl('https://yandex.ru/search/?text=ads')).toBeNull();
    expect(c.matchUrl('https://mc.yandex.ru/ads/x')?.vendorId).toBe('yandex-metrica');
    expect(c.matchUrl('https://stats.g.doubleclick.net/g/collect')?.vendorId).toBe('google-analytics');
    expect(c.matchUrl('https://googleads.g.doubleclick.net/pagead/id')?.vendorId).toBe('google-ads');
    expect(c.matchUrl('https://vk.com/rtrg?p=VK-RTRG-1')?.vendorId).toBe('vk-ads');
    expect(c.matchUrl('https://vk.com/rtrgx')).toBeNull();
    expect(c.matchUrl('https://vk.com/feed')).toBeNull();
    expect(c.matchUrl('https://www.facebook.com/tr?id=1&ev=PageView')?.vendorId).toBe('meta-pixel');
    expect(c.matchUrl('https://www.facebook.com/translations')).toBeNull();
  });

  it('hosts: case, ports, userinfo, trailing dots and websockets', () => {
    expect(c.matchUrl('HTTPS://MC.YANDEX.RU/watch/1')?.vendorId).toBe('yandex-metrica');
    expect(c.matchUrl('https://mc.yandex.ru:443/watch/1')?.vendorId).toBe('yandex-metrica');
    expect(c.matchUrl('https://user:pw@mc.yandex.ru/watch/1')?.vendorId).toBe('yandex-metrica');
    expect(c.matchUrl('https://mc.yandex.ru./watch/1')?.vendorId).toBe('yandex-metrica');
    expect(c.matchUrl('wss://telemetry.jivosite.com/w')?.vendorId).toBe('jivo');
    expect(c.matchUrl('https://mc.yandex.ru%2F@evil.example/')).toBeNull();
    expect(c.matchHost('MC.yandex.ru')?.vendorId).toBe('yandex-metrica');
    expect(c.matchHost('yandex.ru')).toBeNull(); // only a path entry exists on yandex.ru
  });

  it('never throws; malformed and non-http URLs give null', () => {
    for (const u of [
      '',
      'https://',
      'http://[',
      'wss://',
      'data:text/plain,hi',
      'blob:https://x/1',
      'chrome-extension://abc/x',
      'javascript:alert(1)',
      'mc.yandex.ru/watch',
      '//mc.yandex.ru/',
    ]) {
      expect(c.matchUrl(u), u).toBeNull();
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        c.matchUrl(s);
        c.matchUrl(`https://${s}`);
        c.matchHost(s);
        c.matchCookie(s, s);
        c.matchStorageKey(s);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('IDN hosts work in punycode', () => {
    const cat: Catalogue = [
      {
        ...curatedVendors[0],
        id: 'idn-test',
        hosts: [{ host: 'xn--e1afmkfd.xn--p1ai', sources: [{ kind: 'observed', ref: 'test' }] }],
        cookies: [],
        storage: [],
      },
    ];
    const k = createClassifier(cat);
    expect(k.matchUrl('https://пример.рф/x')?.vendorId).toBe('idn-test');
    expect(k.matchUrl('https://sub.xn--e1afmkfd.xn--p1ai/x')?.vendorId).toBe('idn-test');
    expect(k.matchHost('пример.рф')?.vendorId).toBe('idn-test');
  });

  it('cookies by name', () => {
    expect(c.matchCookie('_ym_visorc_12345')).toEqual({ vendorId: 'yandex-metrica', feature: 'webvisor' });
    expect(c.matchCookie('_ym_visorc')?.feature).toBe('webvisor');
    expect(c.matchCookie('_ym_uid', 'pro-medika.ru')).toEqual({ vendorId: 'yandex-metrica', identifier: true });
    expect(c.matchCookie('_ym_d', '.pro-medika.ru')?.vendorId).toBe('yandex-metrica');
    expect(c.matchCookie('_ga_ABC123')?.vendorId).toBe('google-analytics');
    expect(c.matchCookie('_ga')).toEqual({ vendorId: 'google-analytics', identifier: true });
    expect(c.matchCookie('_gcl_au')?.vendorId).toBe('google-ads');
    expect(c.matchCookie('_gcl_xx')?.vendorId).toBe('google-ads');
    expect(c.matchCookie('tmr_lvid')).toEqual({ vendorId: 'vk-ads', identifier: true });
    expect(c.matchCookie('_ct')?.vendorId).toBe('calltouch');
    expect(c.matchCookie('_ct_client_global_id')?.identifier).toBe(true);
    expect(c.matchCookie('_comagic_idAbC12')?.vendorId).toBe('comagic');
    expect(c.matchCookie('jv_visits_count_XYZ')?.vendorId).toBe('jivo');
    expect(c.matchCookie('roistat_visit')?.identifier).toBe(true);
    expect(c.matchCookie('_fbp')?.vendorId).toBe('meta-pixel');
  });

  it('unrelated names do not match curated vendors', () => {
    for (const n of ['_ctx', '_ctrl', 'session', 'PHPSESSID', 'ct', 'ga', '_g', 'jv', 'bh', 'i', 'IDE', 'tmr', 'roistat']) {
      const m = c.matchCookie(n, '.pro-medika.ru');
      const curatedIds = new Set(curatedVendors.map((v) => v.id));
      expect(m === null || !curatedIds.has(m.vendorId), n).toBe(true);
    }
  });

  it('third-party cookies need their domain', () => {
    expect(c.matchCookie('yandexuid', '.yandex.ru')).toEqual({ vendorId: 'yandex-metrica', identifier: true });
    expect(c.matchCookie('yabs-sid', 'yandex.ru')?.vendorId).toBe('yandex-direct');
    expect(c.matchCookie('bh', '.yandex.ru')?.vendorId).toBe('yandex-direct');
    expect(c.matchCookie('bh', '.pro-medika.ru')).toBeNull();
    expect(c.matchCookie('yandexuid')).toBeNull();
    expect(c.matchCookie('IDE', '.doubleclick.net')).toEqual({ vendorId: 'google-ads', identifier: true });
  });

  it('storage keys', () => {
    expect(c.matchStorageKey('_ym_uid')?.identifier).toBe(true);
    expect(c.matchStorageKey('_ym12345_lsid')?.vendorId).toBe('yandex-metrica');
    expect(c.matchStorageKey('_ym_wv2rf:12345:1')?.feature).toBe('webvisor');
    expect(c.matchStorageKey('tmr_lvid')?.vendorId).toBe('vk-ads');
    expect(c.matchStorageKey('carrotquest_data')?.vendorId).toBe('carrot-quest');
    expect(c.matchStorageKey('theme')).toBeNull();
  });

  it('unknown host gives null; vendor() looks ids up', () => {
    expect(c.matchUrl('https://pro-medika.ru/')).toBeNull();
    expect(c.matchUrl('https://example.org/mc.yandex.ru/')).toBeNull();
    expect(c.vendor('yandex-metrica')?.name).toMatch(/Metrica/);
    expect(c.vendor('nope')).toBeUndefined();
    expect(c.vendors.length).toBeGreaterThan(curatedVendors.length);
  });

  it('an invalid regex in data does not break the classifier', () => {
    const cat: Catalogue = [
      {
        ...curatedVendors[0],
        id: 'bad-re',
        hosts: [],
        storage: [],
        cookies: [{ match: 'regex', pattern: '(', sources: [{ kind: 'observed', ref: 't' }] }],
      },
    ];
    expect(createClassifier(cat).matchCookie('(')).toBeNull();
  });
});
