import { describe, expect, it } from 'vitest';
import { CrawlQueue } from '../../audit/crawl';
import {
  cpuTimes,
  defaultConcurrency,
  idleCores,
  InOrder,
  MAX_CONCURRENCY,
  PageScheduler,
  planConcurrency,
  startSideBySide,
  type Job,
} from '../../audit/schedule';

const S = 'https://pro-medika.ru';

/** A tiny site: each page links to others (breadth-first order is checked against it). */
const LINKS: Record<string, string[]> = {
  '/': ['/a/', '/b/', '/c/'],
  '/a/': ['/a1/', '/b/', '/a2/'],
  '/b/': ['/b1/'],
  '/c/': ['/c1/', '/a1/'],
  '/a1/': ['/deep/'],
};
const linksOf = (url: string) => (LINKS[new URL(url).pathname] ?? []).map((p) => `${S}${p}`);

/** The sequential audit's visiting order: the same loop run.ts had before lanes. */
function sequentialOrder(seeds: string[], limit: number): string[] {
  const q = new CrawlQueue(limit);
  q.seed(seeds);
  const out: string[] = [];
  for (let url = q.next(); url !== undefined; url = q.next()) {
    out.push(url);
    q.addLinks(linksOf(url), url);
  }
  return out;
}

/**
 * Runs `lanes` concurrent workers over a scheduler; page i takes durations[i % n] ms of
 * (fake) time, so pages finish out of order.
 */
async function concurrentOrder(seeds: string[], limit: number, lanes: number, durations: number[], shouldStop?: () => boolean) {
  const q = new CrawlQueue(limit);
  q.seed(seeds);
  const sched = new PageScheduler(q, { crawling: true, shouldStop });
  const handed: Job[] = [];
  const finished: number[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let job = await sched.next(); job; job = await sched.next()) {
        handed.push(job);
        const ms = durations[job.index % durations.length];
        await new Promise((r) => setTimeout(r, ms));
        finished.push(job.index);
        sched.done(job.index, { hrefs: linksOf(job.url), base: job.url });
      }
    }),
  );
  return { handed, finished, interrupted: sched.interrupted };
}

describe('PageScheduler', () => {
  it('hands out pages in the sequential breadth-first order although they finish out of order', async () => {
    const seq = sequentialOrder([`${S}/`], 8);
    expect(seq.map((u) => new URL(u).pathname)).toEqual(['/', '/a/', '/b/', '/c/', '/a1/', '/a2/', '/b1/', '/c1/']);
    const { handed, finished } = await concurrentOrder([`${S}/`], 8, 3, [1, 25, 5, 15, 2]);
    expect(handed.map((j) => j.url)).toEqual(seq);
    expect(handed.map((j) => j.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The pages really did finish out of order (else this test proves nothing).
    expect(finished).not.toEqual([...finished].sort((a, b) => a - b));
  });

  it('with several seeds and a limit, the same pages as a sequential run; nothing twice', async () => {
    const seeds = [`${S}/c/`, `${S}/`, `${S}/c/#top`];
    const seq = sequentialOrder(seeds, 6);
    const { handed } = await concurrentOrder(seeds, 6, 4, [12, 1, 7]);
    expect(handed.map((j) => j.url)).toEqual(seq);
    expect(new Set(handed.map((j) => j.url)).size).toBe(handed.length);
  });

  it('ends when the crawl runs dry (no lane waits forever)', async () => {
    const { handed } = await concurrentOrder([`${S}/b/`], 50, 3, [3]);
    expect(handed.map((j) => new URL(j.url).pathname)).toEqual(['/b/', '/b1/']);
  });

  it('without --crawl, hands out the seeds only and never waits for links', async () => {
    const q = new CrawlQueue();
    q.seed([`${S}/`, `${S}/a/`]);
    const sched = new PageScheduler(q, { crawling: false });
    const a = await sched.next();
    const b = await sched.next();
    expect([a, b]).toEqual([
      { index: 0, url: `${S}/` },
      { index: 1, url: `${S}/a/` },
    ]);
    // Pages 0 and 1 are still running; with no crawl nothing more can come.
    expect(await sched.next()).toBeUndefined();
    sched.done(1, { hrefs: [`${S}/x/`], base: `${S}/` });
    expect(q.expectedTotal).toBe(2);
  });

  it('Ctrl-C: hands out no more pages, reports an interruption only when pages were left', async () => {
    let stop = false;
    const res = await concurrentOrder([`${S}/`], 8, 2, [5], () => {
      const s = stop;
      stop = true; // stop right after the first page is handed out
      return s;
    });
    expect(res.handed.map((j) => j.index)).toEqual([0]);
    expect(res.interrupted).toBe(true);

    const q = new CrawlQueue();
    q.seed([`${S}/`]);
    const sched = new PageScheduler(q, { crawling: false, shouldStop: () => true });
    // The one page was never handed out: it was left, so this is an interruption.
    expect(await sched.next()).toBeUndefined();
    expect(sched.interrupted).toBe(true);

    const q2 = new CrawlQueue();
    q2.seed([`${S}/`]);
    let calls = 0;
    const s2 = new PageScheduler(q2, { crawling: false, shouldStop: () => calls++ > 0 });
    expect(await s2.next()).toEqual({ index: 0, url: `${S}/` });
    // Stop asked after the last page: nothing was left, not an interruption.
    expect(await s2.next()).toBeUndefined();
    expect(s2.interrupted).toBe(false);
  });

  it('pagesLeft: queued pages, or up to the crawl limit while running pages may add links (another browser starts only for enough of them)', async () => {
    const q = new CrawlQueue();
    q.seed([`${S}/`, `${S}/a/`, `${S}/b/`]);
    const plain = new PageScheduler(q, { crawling: false });
    expect(plain.pagesLeft).toBe(3);
    await plain.next();
    expect(plain.pagesLeft).toBe(2);

    const c = new CrawlQueue(10);
    c.seed([`${S}/b1/`]);
    const crawl = new PageScheduler(c, { crawling: true });
    expect(crawl.pagesLeft).toBe(1);
    const job = await crawl.next();
    // /b1/ is running: its links may fill the crawl up to its limit.
    expect(crawl.pagesLeft).toBe(9);
    const progress: number[] = [];
    crawl.onProgress = () => progress.push(crawl.pagesLeft);
    crawl.done(job!.index, { hrefs: [], base: job!.url });
    // It had no links: nothing is left, and the callback saw that.
    expect(progress).toEqual([0]);
    crawl.stop();
    expect(crawl.pagesLeft).toBe(0);
  });

  it('stop() wakes lanes waiting for links', async () => {
    const q = new CrawlQueue(10);
    q.seed([`${S}/`]);
    const sched = new PageScheduler(q, { crawling: true });
    expect((await sched.next())?.index).toBe(0);
    const waiting = sched.next();
    sched.stop();
    expect(await waiting).toBeUndefined();
  });
});

describe('InOrder', () => {
  it('releases results in index order whatever order they arrive in', () => {
    const out: [number, string][] = [];
    const o = new InOrder<string>((i, v) => out.push([i, v]));
    o.put(2, 'c');
    o.put(1, 'b');
    expect(out).toEqual([]);
    o.put(0, 'a');
    expect(out).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
    o.put(3, 'd');
    expect(o.emitted).toBe(4);
  });
});

describe('idle cores: further browsers start side by side only when CPU is to spare', () => {
  const core = (user: number, idle: number) => ({ times: { user, nice: 0, sys: 0, idle, irq: 0 } });
  it('counts idle cores between two samples of the CPU times', () => {
    const before = cpuTimes([core(1000, 5000), core(2000, 4000)]);
    expect(before).toEqual({ idle: 9000, total: 12000 });
    // 200 ms later: one core busy (the first browser starting), the other idle.
    const after = cpuTimes([core(1200, 5000), core(2000, 4200)]);
    expect(idleCores(before, after, 2)).toBe(1);
    expect(startSideBySide(idleCores(before, after, 2))).toBe(true);
    // Both cores busy (other jobs on a shared machine).
    const busy = cpuTimes([core(1200, 5000), core(2180, 4020)]);
    expect(idleCores(before, busy, 2)).toBeCloseTo(0.1);
    expect(startSideBySide(idleCores(before, busy, 2))).toBe(false);
    // Half a core to spare is enough; less is not.
    expect(startSideBySide(0.5)).toBe(true);
    expect(startSideBySide(0.45)).toBe(false);
    // Nothing measured (same sample): not idle.
    expect(idleCores(before, before, 2)).toBe(0);
  });
});

describe('planConcurrency', () => {
  it('defaults to one lane per core, 2 to 4', () => {
    expect(defaultConcurrency(1)).toBe(2);
    expect(defaultConcurrency(2)).toBe(2);
    expect(defaultConcurrency(3)).toBe(3);
    expect(defaultConcurrency(64)).toBe(4);
    expect(planConcurrency({ pages: 8, cores: 2 })).toEqual({ lanes: 2 });
  });

  it('never more lanes than pages or than the maximum', () => {
    expect(planConcurrency({ requested: 4, pages: 1 })).toEqual({ lanes: 1 });
    expect(planConcurrency({ requested: 4, pages: 0 })).toEqual({ lanes: 1 });
    expect(planConcurrency({ requested: 99, pages: 500 })).toEqual({ lanes: MAX_CONCURRENCY });
    expect(planConcurrency({ requested: 1, pages: 8 })).toEqual({ lanes: 1 });
  });

  it('--accept-consent and --fill-forms run one page at a time; a note only when more was asked for', () => {
    expect(planConcurrency({ acceptConsent: true, pages: 8, cores: 8 })).toEqual({ lanes: 1 });
    const p = planConcurrency({ requested: 3, fillForms: true, acceptConsent: true, pages: 8 });
    expect(p.lanes).toBe(1);
    expect(p.note).toBe(
      '--accept-consent and --fill-forms audit one page at a time (one visitor: consent and form input carry over to the next page); --concurrency 3 is ignored.',
    );
    expect(planConcurrency({ requested: 2, fillForms: true, pages: 8 }).note).toMatch(/^--fill-forms audits one page at a time/);
    expect(planConcurrency({ requested: 1, fillForms: true, pages: 8 }).note).toBeUndefined();
  });
});
