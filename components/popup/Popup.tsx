import { useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { PageResponse } from '@/policy/messages';
import type { ReportPage } from '@/policy/report/schema';
import { useI18n } from '../i18n';
import { TrackersByOrganization } from './TrackersByOrganization';
import { CookieTable } from './CookieTable';
import { StorageList } from './StorageList';
import { ThirdPartyList } from './ThirdPartyList';
import { FirstScreen } from './FirstScreen';

export type PopupTab = 'trackers' | 'cookies' | 'storage' | 'thirdParties' | 'policy';
const TABS: { id: PopupTab; label: string }[] = [
  { id: 'trackers', label: 'popup_tabTrackers' },
  { id: 'cookies', label: 'popup_tabCookies' },
  { id: 'storage', label: 'popup_tabStorage' },
  { id: 'thirdParties', label: 'popup_tabThirdParties' },
  { id: 'policy', label: 'popup_tabPolicy' },
];

export interface PopupProps {
  response: PageResponse | null;
  error?: string;
  now: number;
  onExportJson?: () => void;
  onOpenRequest?: () => void;
  onOpenAudit?: () => void;
  onGrantAccess?: () => void;
  /** Trackers tab body, when the caller keeps it built across re-renders; defaults to TrackersByOrganization. */
  renderTrackers?: (page: ReportPage) => ComponentChildren;
  renderPolicy?: (page: ReportPage) => ComponentChildren;
  /** Rendered right after the main action (the open stop-processing requests, issue #4). */
  renderExtra?: () => ComponentChildren;
}

export function Popup(props: PopupProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<PopupTab>('trackers');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  if (props.error)
    return (
      <main>
        <p role="alert">{t('popup_error', [props.error])}</p>
      </main>
    );
  const r = props.response;
  if (!r)
    return (
      <main>
        <p aria-busy="true">{t('popup_loading')}</p>
      </main>
    );
  if (r.status === 'not-watched')
    return (
      <main>
        <p class="not-watched">{t('popup_notWatched')}</p>
      </main>
    );
  if (r.status === 'no-data')
    return (
      <main>
        <p class="no-data">{t('popup_noData')}</p>
      </main>
    );

  const page = r.page;
  // Roving tabindex with arrow keys (WAI-ARIA Authoring Practices, Tabs pattern).
  const onKey = (e: KeyboardEvent, i: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next].id);
    tabRefs.current[next]?.focus();
  };

  return (
    <main>
      {r.adoptedAt !== undefined && (
        <p class="notice adopted" data-testid="adopted">
          {t('popup_adopted', [new Date(r.adoptedAt).toLocaleTimeString()])}
        </p>
      )}
      <FirstScreen
        page={page}
        action={
          <>
            {props.onOpenRequest && (
              <button type="button" class="primary main-action" onClick={props.onOpenRequest}>
                {t('popup_openRequest')}
              </button>
            )}
            {props.renderExtra?.()}
          </>
        }
      />
      {r.limitedAccess && props.onGrantAccess && (
        <div class="notice">
          <p>{t('popup_limitedAccess')}</p>
          <button type="button" onClick={props.onGrantAccess}>
            {t('popup_grantAccess')}
          </button>
        </div>
      )}
      <p class="summary" data-testid="summary">
        {t('popup_summary', [page.trackers.length, page.cookies.length, new Set(page.thirdParties.map((x) => x.site)).size])}
      </p>
      <div class="actions">
        {props.onExportJson && (
          <button type="button" onClick={props.onExportJson}>
            {t('popup_exportJson')}
          </button>
        )}
        {props.onOpenAudit && (
          <button type="button" onClick={props.onOpenAudit}>
            {t('popup_openAudit')}
          </button>
        )}
      </div>
      <div role="tablist" aria-label={t('popup_tablistLabel')}>
        {TABS.map((x, i) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls={`panel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            ref={(el) => void (tabRefs.current[i] = el)}
            onClick={() => setTab(x.id)}
            onKeyDown={(e) => onKey(e as unknown as KeyboardEvent, i)}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'trackers' && (props.renderTrackers ? props.renderTrackers(page) : <TrackersByOrganization page={page} />)}
        {tab === 'cookies' && <CookieTable cookies={page.cookies} now={props.now} />}
        {tab === 'storage' && <StorageList storage={page.storage} />}
        {tab === 'thirdParties' && <ThirdPartyList thirdParties={page.thirdParties} />}
        {tab === 'policy' && props.renderPolicy?.(page)}
      </section>
    </main>
  );
}
