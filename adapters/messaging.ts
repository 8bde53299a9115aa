import { browser } from 'wxt/browser';
import type { ContentMessage, PageResponse, UiMessage } from '@/policy/messages';
import type { Report } from '@/policy/report/schema';

/**
 * Typed senders over runtime messaging. The background validates every message on receipt
 * with the zod contract (policy/messages.ts). Responses come from the background, which
 * built them from validated state; the popup and content script take them by type only,
 * so their bundles stay free of zod (popup budget: 30 KB gzip, issue #2).
 */
export async function sendContent(msg: ContentMessage): Promise<void> {
  await browser.runtime.sendMessage(msg);
}

/**
 * Sends resource timing entries; resolves to false when the background sees every request
 * through webRequest already (host access to all sites), so the content script can stop.
 */
export async function sendResources(msg: Extract<ContentMessage, { type: 'content/resources' }>): Promise<boolean> {
  const answer = (await browser.runtime.sendMessage(msg)) as { more?: unknown } | undefined;
  return answer?.more !== false;
}

export async function sendUi(msg: UiMessage): Promise<unknown> {
  return browser.runtime.sendMessage(msg);
}

export async function getPage(tabId: number): Promise<PageResponse> {
  return (await sendUi({ type: 'ui/getPage', tabId })) as PageResponse;
}

export async function getReport(tabId?: number): Promise<Report> {
  return (await sendUi({ type: 'ui/getReport', tabId })) as Report;
}

/**
 * Asks the background to build every queued page into history now (adapters/history-queue.ts),
 * so a page that reads history shows the page loads that just ended. Resolves to the number
 * of records written; never throws: without an answer in time, 0.
 */
export async function flushHistory(timeoutMs = 5000): Promise<number> {
  return (await flushHistoryAndOpen(timeoutMs)).written;
}

/**
 * flushHistory, also telling which history records are pages still open in a tab (their record
 * is a snapshot that the page's end will replace: the audit page marks them "in progress").
 */
export async function flushHistoryAndOpen(timeoutMs = 5000): Promise<{ written: number; open: string[] }> {
  const answer = await Promise.race([
    sendUi({ type: 'ui/flushHistory' }).catch(() => undefined),
    new Promise((r) => setTimeout(r, timeoutMs)),
  ]);
  const a = answer as { written?: unknown; open?: unknown } | undefined;
  const open = Array.isArray(a?.open) ? a.open.filter((x): x is string => typeof x === 'string') : [];
  return { written: typeof a?.written === 'number' ? a.written : 0, open };
}
