import { availableParallelism, cpus } from 'node:os';
import type { CrawlQueue } from './crawl';

/**
 * Concurrency of the audit command (issue #5): which pages run at once, and in what order
 * their results are reported. Pure logic, unit-tested on plain data.
 *
 * Each concurrent lane is its own browser, with its own profile and cookie jar, never a
 * second tab of the same browser: the extension adds every cookie change on the site to
 * every open tab of the site (cookies.onChanged says nothing about which tab caused it),
 * so a page audited next to another would list the other page's vendors as trackers, with
 * before-consent and undisclosed-tracker findings it does not deserve (measured on the
 * replica, 2026-11-29: /privacy/ next to / and /contacts/ showed Calltouch, Jivo, Meta Pixel).
 */

/** Upper bound of --concurrency: each lane is a browser (~300 MB, a core while a page loads). */
export const MAX_CONCURRENCY = 16;

/** Default lanes: one per CPU core, 2 to 4 (2 on the 2-core CI machines). */
export function defaultConcurrency(cores: number = availableParallelism()): number {
  return Math.min(4, Math.max(2, Math.floor(cores)));
}

/** Cumulative CPU times of the machine (all cores), in ms. */
export interface CpuTimes {
  idle: number;
  total: number;
}

export function cpuTimes(
  list: readonly { times: { user: number; nice: number; sys: number; idle: number; irq: number } }[] = cpus(),
): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const c of list) {
    idle += c.times.idle;
    total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
  }
  return { idle, total };
}

/** Cores that stood idle between two samples (0 when nothing was measured). */
export function idleCores(before: CpuTimes, after: CpuTimes, cores: number): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return (cores * (after.idle - before.idle)) / total;
}

/**
 * Whether further browsers may start while the first one is still starting. A start is the
 * costliest step (2 s on an idle 2-core machine, 5 to 20 s on a busy shared one, measured
 * 2026-11-29). If half a core or more stays idle while the first browser starts, the others start side by
 * side; otherwise two starts at once only delay each other (the kernel shares the CPU per
 * session, not per process), so each further browser waits until the previous one is up,
 * and the first one audits pages meanwhile.
 */
export function startSideBySide(idle: number): boolean {
  return idle >= 0.5;
}

export interface ConcurrencyPlan {
  /** Browsers to launch (1 = the sequential audit). */
  lanes: number;
  /** Why fewer lanes than asked for, for a note on stderr (only when the user asked for more). */
  note?: string;
}

/**
 * The number of lanes for a run. --accept-consent and --fill-forms run one page at a time,
 * as one visitor: accepting the notice or submitting a form changes what the following pages
 * see (the consent cookie; what tags stored after a submit), and the report describes that
 * walk through the site. Never more lanes than pages to audit.
 */
export function planConcurrency(o: {
  requested?: number;
  acceptConsent?: boolean;
  fillForms?: boolean;
  pages: number;
  cores?: number;
}): ConcurrencyPlan {
  const wanted = o.requested ?? defaultConcurrency(o.cores);
  const options = [o.acceptConsent ? '--accept-consent' : '', o.fillForms ? '--fill-forms' : ''].filter(Boolean);
  if (options.length) {
    const note =
      o.requested !== undefined && o.requested > 1
        ? `${options.join(' and ')} audit${options.length > 1 ? '' : 's'} one page at a time (one visitor: consent and form input carry over to the next page); --concurrency ${o.requested} is ignored.`
        : undefined;
    return { lanes: 1, ...(note ? { note } : {}) };
  }
  return { lanes: Math.max(1, Math.min(wanted, MAX_CONCURRENCY, Math.max(1, o.pages))) };
}

export interface Job {
  /** Position in the report (input order, then crawl order). */
  index: number;
  url: string;
}

/**
 * Hands out pages to concurrent lanes in exactly the order a sequential run visits them.
 * While crawling, a page's links are added to the breadth-first queue only after the links
 * of every earlier page (whatever order the pages finish in), and a lane waits when the
 * queue is empty but earlier pages may still add links. So the n-th page handed out is the
 * n-th page the sequential audit would visit.
 */
export class PageScheduler {
  private handedOut = 0;
  private committed = 0;
  private readonly finished = new Map<number, { hrefs: readonly string[]; base: string } | null>();
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly queue: CrawlQueue,
    private readonly opts: { crawling: boolean; shouldStop?: () => boolean },
  ) {}

  /** True once shouldStop ended the hand-out (pages already handed out still finish). */
  get interrupted(): boolean {
    return this.stopped;
  }

  /** Pages handed out so far. */
  get started(): number {
    return this.handedOut;
  }

  /**
   * Called after each finished page, once its links are in the queue (the audit starts
   * another browser when there is work for it).
   */
  onProgress?: () => void;

  /**
   * How many more pages may still be handed out: the queued ones, or, while crawling pages
   * still running may add links, up to the crawl limit.
   */
  get pagesLeft(): number {
    if (this.stopped) return 0;
    const queued = this.queue.expectedTotal - this.queue.visited;
    if (this.opts.crawling && this.committed < this.handedOut) return Math.max(queued, this.queue.limit - this.queue.visited);
    return queued;
  }

  /** The next page to audit, or undefined when there is none (or the run was stopped). */
  async next(): Promise<Job | undefined> {
    for (;;) {
      if (this.stopped) return undefined;
      const url = this.queue.next();
      if (url !== undefined) {
        // Interrupted only when a page was left unvisited (as the sequential loop did).
        if (this.opts.shouldStop?.()) {
          this.stop();
          return undefined;
        }
        return { index: this.handedOut++, url };
      }
      // Nothing queued. Earlier pages still running may add links (crawl); otherwise done.
      if (!this.opts.crawling || this.queue.visited >= this.queue.limit || this.committed === this.handedOut) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** A page is done; `links` are the hrefs found on it (crawl), `base` the URL they resolve against. */
  done(index: number, links?: { hrefs: readonly string[]; base: string }): void {
    this.finished.set(index, links ?? null);
    while (this.finished.has(this.committed)) {
      const l = this.finished.get(this.committed);
      this.finished.delete(this.committed);
      if (l && this.opts.crawling) this.queue.addLinks(l.hrefs, l.base);
      this.committed++;
    }
    this.wake();
    this.onProgress?.();
  }

  /** Hands out no more pages (Ctrl-C, or a lane's browser failed to start). */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/**
 * Releases results in index order (0, 1, 2 ...) whatever order they arrive in, so progress
 * lines and callbacks follow the report's order.
 */
export class InOrder<T> {
  private nextIndex = 0;
  private readonly held = new Map<number, T>();

  constructor(private readonly emit: (index: number, value: T) => void) {}

  put(index: number, value: T): void {
    this.held.set(index, value);
    while (this.held.has(this.nextIndex)) {
      const v = this.held.get(this.nextIndex) as T;
      this.held.delete(this.nextIndex);
      this.emit(this.nextIndex++, v);
    }
  }

  /** Results emitted so far. */
  get emitted(): number {
    return this.nextIndex;
  }
}
