import { formatDateRu, toIsoDate } from '@/policy/letter/working-days';
import { useI18n } from '../i18n';

/**
 * Open stop-processing requests in the popup (issue #4 "Request log": the popup shows open
 * requests and marks overdue ones). The popup has a 30 KB gzip budget, so it does not load
 * the zod schema of policy/letter/request-log.ts: entrypoints/popup/main.tsx reads the raw
 * IndexedDB records and summarizeOpenRequests checks only the fields shown here. The full,
 * validated log (follow-up and complaint drafts) lives on request.html, linked from here.
 */
export type RequestKindShown = 'demand' | 'follow-up' | 'complaint';

export interface OpenRequestSummary {
  id: string;
  kind: RequestKindShown;
  /** yyyy-mm-dd of sending (local calendar date of the stored ISO date-time). */
  sentOn: string;
  /** yyyy-mm-dd answer deadline. */
  deadline: string;
  /** Open and the deadline day has passed (same rule as isOverdue in policy/letter/request-log.ts). */
  overdue: boolean;
}

const KINDS: readonly string[] = ['demand', 'follow-up', 'complaint'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Open requests among raw stored records, overdue first, then by deadline. Records that are
 * not objects or lack a well-formed id, kind, status, sentAt or deadline are skipped
 * (request.html reports them with the full schema).
 */
export function summarizeOpenRequests(raw: readonly unknown[], todayIso: string): OpenRequestSummary[] {
  const out: OpenRequestSummary[] = [];
  for (const r of raw) {
    if (typeof r !== 'object' || r === null) continue;
    const o = r as Record<string, unknown>;
    // "extended": the operator's extension notice moved the deadline (request-log.ts effectiveDeadline).
    if (o.status !== 'open' && o.status !== 'extended') continue;
    if (typeof o.id !== 'string' || !o.id) continue;
    if (typeof o.kind !== 'string' || !KINDS.includes(o.kind)) continue;
    const deadline = o.status === 'extended' && typeof o.extendedDeadline === 'string' ? o.extendedDeadline : o.deadline;
    if (typeof deadline !== 'string' || !ISO_DATE.test(deadline)) continue;
    if (typeof o.sentAt !== 'string') continue;
    const sent = new Date(o.sentAt);
    if (Number.isNaN(sent.getTime())) continue;
    out.push({
      id: o.id,
      kind: o.kind as RequestKindShown,
      sentOn: toIsoDate(sent),
      deadline,
      overdue: todayIso > deadline,
    });
  }
  return out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

const KIND_KEY: Record<RequestKindShown, string> = {
  demand: 'request_kind_demand',
  'follow-up': 'request_kind_follow_up',
  complaint: 'request_kind_complaint',
};

export interface OpenRequestsProps {
  /** null while loading; nothing is shown until the log is read. */
  requests: OpenRequestSummary[] | null;
  /** URL of request.html's request log (opened in a new tab). */
  logUrl: string;
  /** The log could not be read. */
  error?: boolean;
}

export function OpenRequests(props: OpenRequestsProps) {
  const { t, lang } = useI18n();
  if (props.error)
    return (
      <p class="notice" role="status">
        {t('request_popup_error')}
      </p>
    );
  const list = props.requests;
  if (!list || list.length === 0) return null;
  const date = (iso: string) => (lang === 'ru' ? formatDateRu(iso) : iso);
  const overdue = list.filter((r) => r.overdue).length;
  return (
    <section class="open-requests" aria-labelledby="open-requests-h" data-testid="open-requests">
      <h2 id="open-requests-h">{t('request_popup_title', [list.length])}</h2>
      {overdue > 0 && <p class="flag">{t('request_popup_overdue_count', [overdue])}</p>}
      <ul>
        {list.map((r) => (
          <li key={r.id} class={r.overdue ? 'open-request overdue' : 'open-request'} data-testid={`open-${r.id}`}>
            <strong>{t(KIND_KEY[r.kind])}</strong>: {t('request_sent_on', [date(r.sentOn), date(r.deadline)])}
            {r.overdue && (
              <>
                {' '}
                <strong class="flag">{t('request_overdue')}</strong>{' '}
                <a href={props.logUrl} target="_blank" rel="noopener">
                  {t(r.kind === 'demand' ? 'request_follow_up' : 'request_popup_next_step')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href={props.logUrl} target="_blank" rel="noopener">
          {t('request_popup_open_log')}
        </a>
      </p>
    </section>
  );
}
