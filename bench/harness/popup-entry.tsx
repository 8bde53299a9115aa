/**
 * Static harness for the popup render benchmark (bench/popup.ts): the popup components wired
 * as entrypoints/popup/main.tsx wires them for its first render with data (main.tsx also
 * memoizes the tab bodies for its later re-renders; the harness renders once), fed a synthetic
 * PageResponse embedded in the page instead of the background's answer. Bundled with esbuild
 * at bench time.
 *
 * UI strings: the popup reads them through browserTranslator (components/browser-i18n.ts) from
 * chrome.i18n, which serves the extension's _locales/<ui>/messages.json (loaded by the browser
 * with the extension, so the popup's bundle carries no strings). A plain page has no
 * chrome.i18n, so the same translator gets a stand-in serving the same file, embedded in the
 * page and parsed inside the timed window (the browser parses it before the popup opens).
 */
import { render } from 'preact';
import { browserTranslator } from '@/components/browser-i18n';
import { I18nProvider } from '@/components/i18n';
import { Popup } from '@/components/popup/Popup';
import { TrackersByOrganization } from '@/components/popup/TrackersByOrganization';
import { PolicyTab } from '@/components/popup/PolicyTab';
import type { PageResponse } from '@/policy/messages';

interface BenchWindow {
  __t0: number;
  __expectedCards: number;
  __uiLocale: string;
  __result?: { domMs: number; paintMs: number; cards: number; summary: string } | { error: string };
}

const w = window as unknown as BenchWindow;
const bundle = JSON.parse(document.getElementById('messages')!.textContent!) as Record<string, { message: string } | undefined>;
const translator = browserTranslator({
  // As chrome.i18n.getMessage without substitutions: "$$" is a literal "$" (what
  // locales/render.ts writes for our own $1..$9), a missing key is ''.
  getMessage: (key) => (key === '@@ui_locale' ? w.__uiLocale : (bundle[key]?.message.replace(/\$\$/g, '$') ?? '')),
  getUILanguage: () => w.__uiLocale,
});
document.documentElement.lang = translator.lang;
const response = JSON.parse(document.getElementById('data')!.textContent!) as PageResponse;
const now = response.status === 'watched' ? response.startedAt + 60_000 : 0;

render(
  <I18nProvider translator={translator}>
    <Popup
      response={response}
      now={now}
      onExportJson={() => {}}
      onOpenRequest={() => {}}
      onOpenAudit={() => {}}
      renderTrackers={(page) => (response.status === 'watched' ? <TrackersByOrganization page={page} /> : null)}
      renderPolicy={(page) => (response.status === 'watched' ? <PolicyTab page={page} view={response.policyView} /> : null)}
    />
  </I18nProvider>,
  document.getElementById('app')!,
);

const summary = document.querySelector('[data-testid="summary"]');
const firstScreen = document.querySelector('[data-testid="first-screen"] [data-testid="verdict"]');
const cards = document.querySelectorAll('li.tracker').length;
const domMs = performance.now() - w.__t0;
if (!summary || !firstScreen || cards !== w.__expectedCards) {
  w.__result = {
    error: `summary ${summary ? 'present' : 'missing'}, first screen ${firstScreen ? 'present' : 'missing'}, ${cards} of ${w.__expectedCards} tracker cards`,
  };
} else {
  // Style, layout and paint of the first frame: the next animation frame, then a task after it.
  requestAnimationFrame(() =>
    setTimeout(() => {
      w.__result = { domMs, paintMs: performance.now() - w.__t0, cards, summary: summary.textContent ?? '' };
    }, 0),
  );
}
