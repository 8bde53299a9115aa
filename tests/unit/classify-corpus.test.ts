import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { defaultClassifier } from '../../policy/classify';

interface Req {
  url: string;
  sourceUrl: string;
  type: string;
}
// The MPL-2.0 copy in bench/data (see bench/data/SOURCE.md), never /work/shared.
const corpus = (JSON.parse(readFileSync('bench/data/ghostery-test-requests.json', 'utf8')) as { requests: Req[] }).requests;

describe('classification over the Ghostery request corpus', () => {
  it('never throws on any corpus URL', () => {
    expect(corpus.length).toBeGreaterThan(8000);
    for (const r of corpus) expect(() => defaultClassifier.matchUrl(r.url)).not.toThrow();
  });

  it('the 15 malformed URLs give null', () => {
    const malformed = corpus.filter((r) => !/^[a-z]+:\/\/[^/?#]+/i.test(r.url));
    expect(malformed).toHaveLength(15);
    for (const r of malformed) expect(defaultClassifier.matchUrl(r.url), r.url).toBeNull();
  });

  it('identifies the Russian tracker URLs', () => {
    const expected: Record<string, string> = {
      'https://mc.yandex.ru/metrika/': 'yandex-metrica',
      'https://mc.yandex.ru/metrika/watch.js': 'yandex-metrica',
      'https://mc.yandex.ru/metrika/watch_match.html': 'yandex-metrica',
      'https://mc.webvisor.org/metrika/advert.gif': 'yandex-metrica',
      'https://top-fwz1.mail.ru/counter?id=2579437;pid=0;r=': 'vk-ads',
      'https://vk.com/rtrg?': 'vk-ads',
      'https://an.yandex.ru': 'yandex-direct',
      'https://an.yandex.ru/mapuid/adfox/': 'yandex-direct',
      'https://bs.yandex.ru': 'yandex-direct',
      'https://ads.adfox.ru': 'yandex-direct',
      'https://ad.mail.ru': 'mytarget',
      'https://rs.mail.ru/static/ads-min.js': 'mytarget',
      'https://www.google-analytics.com/analytics.js': 'google-analytics',
      'https://www.googletagmanager.com/gtm.js?': 'google-tag-manager',
      'http://www.googleadservices.com/pagead/conversion.js': 'google-ads',
    };
    const urls = new Set(corpus.map((r) => r.url));
    for (const [url, vendor] of Object.entries(expected)) {
      expect(urls.has(url), url).toBe(true);
      expect(defaultClassifier.matchUrl(url)?.vendorId, url).toBe(vendor);
    }
    // The Webvisor host carries the feature.
    expect(defaultClassifier.matchUrl('https://mc.webvisor.org/metrika/advert.gif')?.feature).toBe('webvisor');
  });

  it('does not attribute unrelated Russian hosts', () => {
    expect(defaultClassifier.matchUrl('https://cdn.jsdelivr.net/npm/yandex-metrica-watch/')).toBeNull();
    expect(defaultClassifier.matchUrl('https://oauth.vk.com/authorize?')).toBeNull();
  });
});
