import { describe, expect, it } from 'vitest';
import { CrawlQueue, crawlableLink, pageKey } from '../../audit/crawl';

const BASE = 'https://pro-medika.ru/services/';

describe('crawl link filtering', () => {
  it.each([
    ['/doctors/', 'https://pro-medika.ru/doctors/'],
    ['urologiya/', 'https://pro-medika.ru/services/urologiya/'],
    ['/contacts/#map', 'https://pro-medika.ru/contacts/'],
    ['https://www.pro-medika.ru/akcii/?page=2', 'https://www.pro-medika.ru/akcii/?page=2'],
    ['http://pro-medika.ru/old/', 'http://pro-medika.ru/old/'],
    ['  /spaced/  ', 'https://pro-medika.ru/spaced/'],
    ['/docs/price.html', 'https://pro-medika.ru/docs/price.html'],
  ])('follows %s', (href, url) => {
    expect(crawlableLink(href, BASE)).toBe(url);
  });

  it.each([
    'mailto:info@pro-medika.ru',
    'tel:+73833092628',
    'javascript:void(0)',
    'https://prodoctorov.ru/novosibirsk/lpu/',
    'https://pro-medika.ru.evil.example/',
    'https://notpro-medika.ru/',
    '/upload/price.pdf',
    '/upload/PRICE.PDF?v=2',
    '/upload/photo.jpg',
    '/files/license.docx',
    '/upload/%D0%BF%D1%80%D0%B0%D0%B9%D1%81.xlsx',
    'data:text/html,hi',
    'http://[::1',
  ])('skips %s', (href) => {
    expect(crawlableLink(href, BASE)).toBeNull();
  });

  it('dedupes by URL without the fragment', () => {
    expect(pageKey('https://pro-medika.ru/a/#x')).toBe('https://pro-medika.ru/a/');
    expect(pageKey('https://pro-medika.ru/a/?q=1#x')).toBe('https://pro-medika.ru/a/?q=1');
  });
});

describe('CrawlQueue', () => {
  it('visits breadth-first, each page once, up to the limit (seeds included)', () => {
    const q = new CrawlQueue(4);
    q.seed(['https://pro-medika.ru/', 'https://pro-medika.ru/#top']);
    expect(q.next()).toBe('https://pro-medika.ru/');
    expect(q.addLinks(['/a/', '/b/', '/', '/a/#x', 'mailto:x@y.z', '/c/'], 'https://pro-medika.ru/')).toBe(3);
    expect(q.expectedTotal).toBe(4);
    expect(q.next()).toBe('https://pro-medika.ru/a/');
    // Links of /a/ come after /b/ and /c/ (breadth-first).
    q.addLinks(['/a/deep/', '/b/'], 'https://pro-medika.ru/a/');
    expect(q.next()).toBe('https://pro-medika.ru/b/');
    expect(q.next()).toBe('https://pro-medika.ru/c/');
    expect(q.next()).toBeUndefined();
    expect(q.visited).toBe(4);
  });

  it('ends when no links are left', () => {
    const q = new CrawlQueue(10);
    q.seed(['https://pro-medika.ru/']);
    expect(q.next()).toBe('https://pro-medika.ru/');
    q.addLinks(['https://vk.com/promedika'], 'https://pro-medika.ru/');
    expect(q.expectedTotal).toBe(1);
    expect(q.next()).toBeUndefined();
  });

  it('without a limit, visits every seed (no crawl)', () => {
    const q = new CrawlQueue();
    q.seed(['https://pro-medika.ru/a/', 'https://pro-medika.ru/b/', 'https://pro-medika.ru/a/']);
    expect([q.next(), q.next(), q.next()]).toEqual(['https://pro-medika.ru/a/', 'https://pro-medika.ru/b/', undefined]);
  });
});
