import { getReport } from './messaging';

/**
 * Audit build only: lets a test read the extension's report through the watched page, for
 * Firefox, where the remote protocol (WebDriver BiDi) may not open the extension's own pages.
 * The content script's top frame answers a window message asking for the report with the
 * report of the open pages. It listens only: it adds no element, global or request to the page.
 */
export const REPORT_REQUEST = 'tracker-lens/report-request';
export const REPORT_REPLY = 'tracker-lens/report';

export function answerReportRequests(): void {
  window.addEventListener('message', (e) => {
    if (e.source !== window || (e.data as { type?: unknown } | null)?.type !== REPORT_REQUEST) return;
    getReport().then(
      (report) => window.postMessage({ type: REPORT_REPLY, report }, location.origin),
      (err: unknown) => window.postMessage({ type: REPORT_REPLY, error: String(err) }, location.origin),
    );
  });
}
