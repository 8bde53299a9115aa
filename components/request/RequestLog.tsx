import { sentDay } from '@/policy/letter/compose';
import { DEMANDS } from '@/policy/letter/demands';
import { canBeExtended, isOverdue, nextStepInLog, type RequestStatus, type SentRequest } from '@/policy/letter/request-log';
import { formatDateRu, toIsoDate } from '@/policy/letter/working-days';
import { useI18n } from '../i18n';

/**
 * Open and past requests (issue #4 "Request log"): overdue ones are marked, an overdue
 * demand offers a follow-up, an overdue follow-up a complaint draft to Roskomnadzor.
 */
export interface RequestLogProps {
  requests: SentRequest[];
  /** Records that failed validation when read back (reported, not shown). */
  invalidCount?: number;
  today: Date;
  onFollowUp: (req: SentRequest) => void;
  onComplaint: (req: SentRequest) => void;
  onStatus: (req: SentRequest, status: RequestStatus) => void;
  /** The operator's reasoned extension notice arrived: the deadline moves by at most 5 working days. */
  onExtension: (req: SentRequest) => void;
}

const KIND_KEY = { demand: 'request_kind_demand', 'follow-up': 'request_kind_follow_up', complaint: 'request_kind_complaint' } as const;
const STATUS_KEY = {
  open: 'request_status_open',
  extended: 'request_status_extended',
  answered: 'request_status_answered',
  closed: 'request_status_closed',
} as const;

export function RequestLog(props: RequestLogProps) {
  const { t, pick, lang } = useI18n();
  const today = toIsoDate(props.today);
  const date = (iso: string) => (lang === 'ru' ? formatDateRu(iso) : iso.slice(0, 10));

  return (
    <section class="request-log" aria-labelledby="log-h">
      <h2 id="log-h" tabIndex={-1}>
        {t('request_log_title')}
      </h2>
      {props.invalidCount ? <p role="alert">{t('request_log_invalid', [props.invalidCount])}</p> : null}
      {props.requests.length === 0 ? (
        <p>{t('request_log_empty')}</p>
      ) : (
        <ul>
          {props.requests.map((r) => {
            const overdue = isOverdue(r, today);
            const step = nextStepInLog(r, props.requests, today);
            return (
              <li key={r.id} data-testid={`req-${r.id}`} class={overdue ? 'overdue' : undefined}>
                <strong>{t(KIND_KEY[r.kind])}</strong>: {r.subject}
                <br />
                {t('request_sent_on', [date(sentDay(r.sentAt)), date(r.deadline)])}; {t(STATUS_KEY[r.status])}
                {r.status === 'extended' && r.extendedDeadline && (
                  <>
                    <br />
                    <span data-testid={`extended-${r.id}`}>{t('request_extended_until', [date(r.extendedDeadline)])}</span>
                  </>
                )}
                {overdue && (
                  <>
                    {' '}
                    <strong class="badge-overdue">{t('request_overdue')}</strong>
                  </>
                )}
                <br />
                <small>{r.demands.map((d) => pick(DEMANDS[d].basis)).join('; ')}</small>
                <div>
                  {step === 'follow-up' && (
                    <button type="button" onClick={() => props.onFollowUp(r)}>
                      {t('request_follow_up')}
                    </button>
                  )}
                  {step === 'complaint' && (
                    <button type="button" onClick={() => props.onComplaint(r)}>
                      {t('request_complaint')}
                    </button>
                  )}
                  {canBeExtended(r) && (
                    <>
                      {' '}
                      <button type="button" onClick={() => props.onExtension(r)}>
                        {t('request_mark_extended')}
                      </button>
                    </>
                  )}
                  {(r.status === 'open' || r.status === 'extended') && (
                    <>
                      {' '}
                      <button type="button" onClick={() => props.onStatus(r, 'answered')}>
                        {t('request_mark_answered')}
                      </button>{' '}
                      <button type="button" onClick={() => props.onStatus(r, 'closed')}>
                        {t('request_mark_closed')}
                      </button>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
