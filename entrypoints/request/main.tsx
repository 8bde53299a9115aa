import { render } from 'preact';
import { flushHistory, getPage } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { RequestApp, type Observations } from '@/components/request/RequestApp';
import { observedVendorsFromPages } from '@/policy/letter/compose';
import { checkObservedRow, type ObservedRow } from '@/policy/letter/observed-page';
import { operatorFromPolicy } from '@/policy/letter/operator';
import { parseSentRequests, type ParsedLog } from '@/policy/letter/request-log';
import { readHistoryRows } from '@/store/history-rows';
import { readAllIfPresent } from '@/store/read-if-present';
import { loadSender, saveSender } from '@/store/sender-settings';

/**
 * request.html (issue #4): opened from the popup as request.html?tabId=N it uses that tab's
 * live observations; opened directly it uses every page in the history (its summaries).
 *
 * The page needs only the observed vendors and the request log to show the letter (issue #14:
 * request.html JS <= 40 KB gzip), and loads neither zod nor the history store: opened without a
 * tab it reads the history's rows raw (store/history-rows.ts) and checks what the letter uses
 * of each (policy/letter/observed-page.ts); the log is read raw (store/read-if-present.ts) and
 * checked record by record; store/request-log.ts (with store/db.ts) is loaded when the user
 * records a request.
 */
async function loadObservations(): Promise<Observations> {
  const param = new URLSearchParams(location.search).get('tabId');
  const tabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;
  if (tabId !== null) {
    const res = await getPage(tabId);
    if (res.status === 'watched') {
      return {
        observed: observedVendorsFromPages([{ report: res.page, time: new Date(res.startedAt).toISOString() }]),
        identifiers: res.identifiers,
        source: { kind: 'tab' },
      };
    }
  }
  await flushHistory();
  // The rows (page summaries) carry every tracker with its vendor, name, organization, category
  // and disclosure: all the letter needs, without reading thousands of full records.
  const rows: ObservedRow[] = [];
  for (const raw of await readHistoryRows()) {
    const res = checkObservedRow(raw);
    if (res.ok) rows.push(res.value);
    else console.warn(`request.html: history row skipped (${res.error})`);
  }
  if (rows.length === 0) return { observed: [], identifiers: {}, source: { kind: 'none' } };
  return {
    observed: observedVendorsFromPages(rows.map((r) => ({ report: r.report, time: new Date(r.time).toISOString() }))),
    identifiers: {},
    source: { kind: 'history', pages: rows.length },
  };
}

/** The log as store/request-log.ts listSentRequests reads it (every record checked), without store/db.ts. */
async function listRequests(): Promise<ParsedLog> {
  return parseSentRequests(await readAllIfPresent('requests'));
}

const translator = browserTranslator();
document.documentElement.lang = translator.lang;
document.title = translator.t('request_title');

render(
  <I18nProvider translator={translator}>
    <RequestApp
      operator={operatorFromPolicy()}
      loadObservations={loadObservations}
      loadSender={loadSender}
      saveSender={saveSender}
      listRequests={listRequests}
      addRequest={async (r) => (await import('@/store/request-log')).addSentRequest(r)}
      updateRequest={async (id, patch) => (await import('@/store/request-log')).updateSentRequest(id, patch)}
      clipboard={(text) => navigator.clipboard.writeText(text)}
      today={() => new Date()}
      focusLog={location.hash === '#log'}
    />
  </I18nProvider>,
  document.getElementById('app')!,
);
