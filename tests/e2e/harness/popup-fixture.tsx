/**
 * A static page with the popup's components fed one fixture page (tests/fixtures/popup-pages.json),
 * for the visual snapshots of the first screen (tests/e2e/popup-visual.spec.ts). Wired as
 * entrypoints/popup/main.tsx wires them; UI strings from locales/messages.ts (what
 * public/_locales is generated from), in the language the page names.
 */
import { render } from 'preact';
import { dictionaryTranslator, I18nProvider, type Lang } from '@/components/i18n';
import { Popup } from '@/components/popup/Popup';
import { TrackersByOrganization } from '@/components/popup/TrackersByOrganization';
import { PolicyTab } from '@/components/popup/PolicyTab';
import { OpenRequests, type OpenRequestSummary } from '@/components/popup/OpenRequests';
import { messages } from '@/locales/messages';
import type { PageResponse } from '@/policy/messages';

const data = JSON.parse(document.getElementById('data')!.textContent!) as {
  response: PageResponse;
  lang: Lang;
  requests?: OpenRequestSummary[];
};
document.documentElement.lang = data.lang;
const response = data.response;
render(
  <I18nProvider translator={dictionaryTranslator(messages, data.lang)}>
    <Popup
      response={response}
      now={response.status === 'watched' ? response.startedAt + 60_000 : 0}
      onExportJson={() => {}}
      onOpenRequest={() => document.body.setAttribute('data-opened', 'request')}
      onOpenAudit={() => {}}
      renderExtra={() => <OpenRequests requests={data.requests ?? []} logUrl="#log" />}
      renderTrackers={(page) => <TrackersByOrganization page={page} />}
      renderPolicy={(page) => (response.status === 'watched' ? <PolicyTab page={page} view={response.policyView} /> : null)}
    />
  </I18nProvider>,
  document.getElementById('app')!,
);
