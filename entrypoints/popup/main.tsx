import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getPage, getReport } from '@/adapters/messaging';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { Popup } from '@/components/popup/Popup';
import { TrackersByPurpose } from '@/components/popup/TrackersByPurpose';
import { PolicyTab } from '@/components/popup/PolicyTab';
import type { PageResponse } from '@/policy/messages';

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

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function App() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [response, setResponse] = useState<PageResponse | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async (id: number) => {
      try {
        const r = await getPage(id);
        if (!stop) {
          setResponse(r);
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

  return (
    <Popup
      response={response}
      error={error}
      now={now}
      onExportJson={async () => {
        const report = await getReport(tabId);
        download(`pro-medika-report-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`, JSON.stringify(report, null, 2), 'application/json');
      }}
      onOpenRequest={() => void browser.tabs.create({ url: (browser.runtime.getURL as (p: string) => string)(`/request.html?tabId=${tabId ?? ''}`) })}
      onGrantAccess={() => void browser.permissions.request({ origins: ['<all_urls>'] })}
      onOpenAudit={() => void browser.tabs.create({ url: (browser.runtime.getURL as (p: string) => string)('/audit.html') })}
      renderTrackers={(page) => (response?.status === 'watched' ? <TrackersByPurpose page={page} view={response.policyView} /> : null)}
      renderPolicy={(page) => (response?.status === 'watched' ? <PolicyTab page={page} view={response.policyView} /> : null)}
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
