import { isFirstParty } from '../policy/party';
import { activeSite } from '../policy/site/pro-medika';

/**
 * Breadth-first crawl queue for `--crawl <n>` (issue #5): pages are visited in the order
 * they were discovered, each URL once (compared without its #fragment), only pages of the
 * site (pro-medika.ru and its subdomains), never links to files (.pdf, images, archives,
 * office documents ...) or non-web schemes (mailto:, tel:, javascript:).
 */

/** File extensions that are not HTML pages (a crawl never opens them). */
export const NON_HTML_EXTENSIONS = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'odt',
  'ods',
  'rtf',
  'txt',
  'csv',
  'xml',
  'json',
  'zip',
  'rar',
  '7z',
  'gz',
  'tar',
  'exe',
  'apk',
  'dmg',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'svg',
  'ico',
  'bmp',
  'tif',
  'tiff',
  'heic',
  'mp3',
  'mp4',
  'avi',
  'mov',
  'webm',
  'wav',
  'ogg',
  'ics',
  'vcf',
  'css',
  'js',
];
const NON_HTML_RE = new RegExp(`\\.(${NON_HTML_EXTENSIONS.join('|')})$`, 'i');

/** The dedupe key of a page: the absolute URL without its fragment. */
export function pageKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/**
 * The crawlable absolute URL of a link (`href` resolved against `base`), or null when the
 * link is not a page of the site: other hosts, non-http(s) schemes, files by extension.
 */
export function crawlableLink(href: string, base: string, siteDomains: readonly string[] = activeSite.domains): string | null {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (!isFirstParty(u.hostname, [...siteDomains])) return null;
  if (NON_HTML_RE.test(decodeURIComponentSafe(u.pathname))) return null;
  u.hash = '';
  return u.href;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Breadth-first queue with a page limit; `limit` Infinity means "no crawl cap". */
export class CrawlQueue {
  private readonly seen = new Set<string>();
  private readonly queue: string[] = [];
  private taken = 0;

  constructor(
    readonly limit: number = Infinity,
    private readonly siteDomains: readonly string[] = activeSite.domains,
  ) {}

  /** Adds seed URLs as given (already checked by the caller); duplicates are dropped. */
  seed(urls: readonly string[]): void {
    for (const url of urls) {
      const key = pageKey(url);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.queue.push(url);
    }
  }

  /** Adds links found on `base`; returns how many were new. */
  addLinks(hrefs: readonly string[], base: string): number {
    let added = 0;
    for (const href of hrefs) {
      const url = crawlableLink(href, base, this.siteDomains);
      if (!url || this.seen.has(url)) continue;
      this.seen.add(url);
      this.queue.push(url);
      added++;
    }
    return added;
  }

  /** The next page to visit, or undefined when the queue is empty or the limit reached. */
  next(): string | undefined {
    if (this.taken >= this.limit) return undefined;
    const url = this.queue.shift();
    if (url !== undefined) this.taken++;
    return url;
  }

  /** Pages handed out so far. */
  get visited(): number {
    return this.taken;
  }

  /** The expected number of pages in total: visited + queued, capped by the limit. */
  get expectedTotal(): number {
    return Math.min(this.limit, this.taken + this.queue.length);
  }
}
