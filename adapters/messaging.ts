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

export async function sendUi(msg: UiMessage): Promise<unknown> {
  return browser.runtime.sendMessage(msg);
}

export async function getPage(tabId: number): Promise<PageResponse> {
  return (await sendUi({ type: 'ui/getPage', tabId })) as PageResponse;
}

export async function getReport(tabId?: number): Promise<Report> {
  return (await sendUi({ type: 'ui/getReport', tabId })) as Report;
}
