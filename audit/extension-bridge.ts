import type { BrowserContext, Page } from '@playwright/test';
import type { PageResponse } from '../policy/messages';
import type { Report } from '../policy/report/schema';

/**
 * Reads data out of the extension itself (issue #2: "the report's data is read out of the
 * extension, not computed by a second implementation"): an extension page sends the same
 * typed runtime messages the popup sends, and the background answers.
 */
/** The slice of the extension API used inside extension pages (evaluated in the browser). */
export interface ChromeLike {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    runtime: { sendMessage(m: unknown): Promise<unknown>; getManifest(): { version: string } };
    action: { getBadgeText(d: { tabId: number }): Promise<string> };
  };
}

export class ExtensionBridge {
  private opening: Promise<Page> | null = null;
  constructor(
    private readonly context: BrowserContext,
    private readonly extensionId: string,
  ) {}

  /** Opens the extension page the messages go through (once; callers may start it early). */
  async open(): Promise<void> {
    await this.extPage();
  }

  private async extPage(): Promise<Page> {
    const current = this.opening ? await this.opening.catch(() => null) : null;
    if (current && !current.isClosed()) return current;
    // One shared promise: concurrent callers must not open two pages.
    this.opening = (async () => {
      const page = await this.context.newPage();
      await page.goto(`chrome-extension://${this.extensionId}/popup.html?tabId=-1`);
      return page;
    })();
    return this.opening;
  }

  /** Tab id of a Playwright page, found by its URL through the tabs API. */
  async tabIdOf(page: Page): Promise<number> {
    const ext = await this.extPage();
    const url = page.url();
    const id = await ext.evaluate(async (u) => {
      const tabs = await (globalThis as unknown as ChromeLike).chrome.tabs.query({});
      const t = tabs.find((x) => x.url === u) ?? tabs.find((x) => (x.url ?? '').split('#')[0] === u.split('#')[0]);
      return t?.id ?? -1;
    }, url);
    if (id < 0) throw new Error(`tab not found for ${url}`);
    return id;
  }

  async getReport(tabId?: number): Promise<Report> {
    const ext = await this.extPage();
    return ext.evaluate(
      (id) => (globalThis as unknown as ChromeLike).chrome.runtime.sendMessage({ type: 'ui/getReport', tabId: id }),
      tabId,
    ) as Promise<Report>;
  }

  async getPage(tabId: number): Promise<PageResponse> {
    const ext = await this.extPage();
    return ext.evaluate(
      (id) => (globalThis as unknown as ChromeLike).chrome.runtime.sendMessage({ type: 'ui/getPage', tabId: id }),
      tabId,
    ) as Promise<PageResponse>;
  }

  /** The toolbar badge text the extension set for a tab ("" when none). */
  async badgeText(tabId: number): Promise<string> {
    const ext = await this.extPage();
    return ext.evaluate((id) => (globalThis as unknown as ChromeLike).chrome.action.getBadgeText({ tabId: id }), tabId);
  }

  async close(): Promise<void> {
    const page = this.opening ? await this.opening.catch(() => null) : null;
    this.opening = null;
    await page?.close().catch(() => {});
  }
}
