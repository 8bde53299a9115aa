import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getPage, getReport } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { Popup } from '@/components/popup/Popup';
import { TrackersByOrganization } from '@/components/popup/TrackersByOrganization';
import { PolicyTab } from '@/components/popup/PolicyTab';
import { OpenRequests, summarizeOpenRequests, type OpenRequestSummary } from '@/components/popup/OpenRequests';
import type { PageResponse } from '@/policy/messages';
import { toIsoDate } from '@/policy/letter/working-days';
import { readAllIfPresent } from '@/store/read-if-present';
import { saveFile } from '@/components/save-file';

/**
 * Popup adapter: finds the tab (the active one, or ?tabId= for tests and the audit
 * command), asks the background for the page view, refreshes while open.
 */
async function resolveTabId(): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * Open requests for the popup. IndexedDB is shared by all extension pages, so the popup
 * reads the "requests" store itself: raw records, checked field by field in
 * summarizeOpenRequests, because store/request-log.ts validates with zod and the popup
 * keeps zod out of its bundle (30 KB gzip budget), and so does store/read-if-present.ts (no
 * migrations). A round trip through the background would add a message type and wake the
 * service worker for a read any page can do.
 */
async function loadOpenRequests(): Promise<OpenRequestSummary[]> {
  const raw = await readAllIfPresent('requests');
  return summarizeOpenRequests(raw, toIsoDate(new Date()));
}

function useOpenRequests(): { requests: OpenRequestSummary[] | null; error: boolean } {
  const [state, setState] = useState<{ requests: OpenRequestSummary[] | null; error: boolean }>({ requests: null, error: false });
  useEffect(() => {
    let stop = false;
    const load = () =>
      loadOpenRequests().then(
        (requests) => !stop && setState({ requests, error: false }),
        () => !stop && setState({ requests: null, error: true }),
      );
    void load();
    // Re-read when the popup (or its tab in tests) comes back into view: the user may have
    // confirmed a request on request.html meanwhile.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stop = true;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return state;
}

const extUrl = (path: string) => (browser.runtime.getURL as (p: string) => string)(path);

function App() {
  const open = useOpenRequests();
  const [tabId, setTabId] = useState<number | undefined>();
  const [response, setResponse] = useState<PageResponse | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [now, setNow] = useState(Date.now());
  const lastAnswer = useRef('');

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async (id: number) => {
      try {
        const r = await getPage(id);
        if (!stop) {
          // Every poll answers with a new object, even when nothing on the page changed; a new
          // object would rebuild and diff every tracker card. Keep the one already shown then.
          const answer = JSON.stringify(r);
          if (answer !== lastAnswer.current) {
            lastAnswer.current = answer;
            setResponse(r);
          }
          setNow(Date.now());
          setError(undefined);
        }
      } catch (e) {
        if (!stop) setError(String((e as Error).message ?? e));
      }
      if (!stop) timer = setTimeout(() => void tick(id), 1500);
    };
    void resolveTabId().then((id) => {
      if (id === undefined) {
        setResponse({ status: 'not-watched' });
        return;
      }
      setTabId(id);
      void tick(id);
    });
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  // The tab bodies are built once per answer: App also re-renders for the clock (every poll)
  // and for the open requests, and Preact skips a subtree whose element is the same object,
  // so those re-renders leave the 80+ tracker cards alone.
  const trackersTab = useMemo(() => (response?.status === 'watched' ? <TrackersByOrganization page={response.page} /> : null), [response]);
  const policyTab = useMemo(
    () => (response?.status === 'watched' ? <PolicyTab page={response.page} view={response.policyView} /> : null),
    [response],
  );

  return (
    <Popup
      response={response}
      error={error}
      now={now}
      onExportJson={async () => {
        const report = await getReport(tabId);
        saveFile(
          `pro-medika-report-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`,
          new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }),
        );
      }}
      onOpenRequest={() => void browser.tabs.create({ url: extUrl(`/request.html${tabId === undefined ? '' : `?tabId=${tabId}`}`) })}
      onGrantAccess={() => void browser.permissions.request({ origins: ['<all_urls>'] })}
      onOpenAudit={() => void browser.tabs.create({ url: extUrl('/audit.html') })}
      renderExtra={() => <OpenRequests requests={open.requests} error={open.error} logUrl={extUrl('/request.html#log')} />}
      renderTrackers={() => trackersTab}
      renderPolicy={() => policyTab}
    />
  );
}

const translator = browserTranslator();
document.documentElement.lang = translator.lang;
render(
  <I18nProvider translator={translator}>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
