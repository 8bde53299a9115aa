import { useEffect, useState } from 'preact/hooks';
import { composeComplaint, composeFollowUp, type Identifiers, type Letter, type ObservedVendor } from '@/policy/letter/compose';
import type { Operator } from '@/policy/letter/operator';
import { extensionPatch, followUpDeadline, type ParsedLog, type RequestStatus, type SentRequest } from '@/policy/letter/request-log';
import type { StoredSender } from '@/policy/letter/sender';
import { toIsoDate } from '@/policy/letter/working-days';
import { useI18n } from '../i18n';
import { Composer } from './Composer';
import { DraftActions } from './DraftActions';
import { RequestLog } from './RequestLog';

/**
 * The request.html page: loads observations (one tab, or the whole history), the saved
 * sender and the request log through injected functions, so it renders in tests without
 * browser APIs (entrypoints/request/main.tsx wires the real ones).
 */
export interface Observations {
  observed: ObservedVendor[];
  identifiers: Identifiers;
  source: { kind: 'tab' } | { kind: 'history'; pages: number } | { kind: 'none' };
}

export interface RequestAppProps {
  operator: Operator;
  loadObservations: () => Promise<Observations>;
  loadSender: () => Promise<StoredSender | null>;
  saveSender: (s: StoredSender) => Promise<void>;
  listRequests: () => Promise<ParsedLog>;
  addRequest: (r: SentRequest) => Promise<unknown>;
  updateRequest: (id: string, patch: Partial<SentRequest>) => Promise<unknown>;
  clipboard: (text: string) => Promise<void>;
  today: () => Date;
  /** Move focus to the request log once loaded (request.html#log, linked from the popup). */
  focusLog?: boolean;
}

type Draft = { kind: 'follow-up' | 'complaint'; parent: SentRequest; letter: Letter };

export function RequestApp(props: RequestAppProps) {
  const { t } = useI18n();
  const [obs, setObs] = useState<Observations | null>(null);
  const [sender, setSender] = useState<StoredSender | null | undefined>(undefined);
  const [log, setLog] = useState<ParsedLog>({ records: [], invalid: [] });
  const [error, setError] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);

  const reloadLog = () => props.listRequests().then(setLog, (e: unknown) => setError(String(e)));

  useEffect(() => {
    props.loadObservations().then(setObs, (e: unknown) => {
      setError(String(e));
      setObs({ observed: [], identifiers: {}, source: { kind: 'none' } });
    });
    props.loadSender().then(setSender, () => setSender(null));
    void reloadLog();
    // Loaded once per page open.
  }, []);

  const ready = obs !== null && sender !== undefined;
  useEffect(() => {
    if (!ready || !props.focusLog) return;
    const h = document.getElementById('log-h');
    h?.focus();
    h?.scrollIntoView();
  }, [ready]);

  if (!obs || sender === undefined) return <p>{t('request_loading')}</p>;

  const today = props.today();
  const onSent = async (record: SentRequest) => {
    await props.addRequest(record);
    await reloadLog();
  };

  const startFollowUp = (parent: SentRequest) =>
    setDraft({ kind: 'follow-up', parent, letter: composeFollowUp(parent, today, sender ?? undefined) });
  const startComplaint = (req: SentRequest) => {
    const root = req.parentId ? (log.records.find((r) => r.id === req.parentId) ?? req) : req;
    const followUp = req.kind === 'follow-up' ? req : undefined;
    setDraft({
      kind: 'complaint',
      parent: root,
      letter: composeComplaint(root, followUp, today, { operator: props.operator, sender: sender ?? undefined }),
    });
  };

  const sentDraft = async (d: Draft) => {
    const now = new Date();
    await onSent({
      id: `req-${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      sentAt: now.toISOString(),
      demands: d.parent.demands,
      deadline: d.kind === 'follow-up' ? followUpDeadline(toIsoDate(today)) : toIsoDate(today),
      recipient: d.kind === 'follow-up' ? d.parent.recipient : 'Роскомнадзор',
      subject: d.letter.subject,
      body: d.letter.body,
      vendors: d.parent.vendors,
      kind: d.kind,
      parentId: d.parent.id,
      status: d.kind === 'complaint' ? 'closed' : 'open',
    });
    setDraft(null);
  };

  const setStatus = async (r: SentRequest, status: RequestStatus) => {
    await props.updateRequest(r.id, { status });
    await reloadLog();
  };
  const setExtended = async (r: SentRequest) => {
    await props.updateRequest(r.id, extensionPatch(r));
    await reloadLog();
  };

  return (
    <main>
      <h1>{t('request_title')}</h1>
      <p>{t('request_intro')}</p>
      {error && <p role="alert">{t('request_load_error', [error])}</p>}
      <p>
        {obs.source.kind === 'tab'
          ? t('request_source_tab')
          : obs.source.kind === 'history'
            ? t('request_source_history', [obs.source.pages])
            : t('request_source_none')}
      </p>
      {draft ? (
        <section aria-labelledby="draft-h">
          <h2 id="draft-h">{t(draft.kind === 'follow-up' ? 'request_draft_follow_up' : 'request_draft_complaint')}</h2>
          {draft.kind === 'complaint' && <p class="note">{t('request_complaint_note')}</p>}
          <p>
            <label for="draft-body">{draft.letter.subject}</label>
          </p>
          <textarea id="draft-body" readOnly rows={24} value={draft.letter.body} />
          <DraftActions
            letter={draft.letter}
            to={draft.kind === 'follow-up' ? draft.parent.recipient : undefined}
            from={sender?.email ? { addr: sender.email, name: sender.fullName } : undefined}
            clipboard={props.clipboard}
            onSent={() => void sentDraft(draft)}
          />
          <button type="button" onClick={() => setDraft(null)}>
            {t('request_back')}
          </button>
        </section>
      ) : (
        <Composer
          observed={obs.observed}
          identifiers={obs.identifiers}
          operator={props.operator}
          initialSender={sender}
          onSaveSender={async (s) => {
            await props.saveSender(s);
            setSender(s);
          }}
          onSent={onSent}
          clipboard={props.clipboard}
          today={today}
        />
      )}
      <RequestLog
        requests={log.records}
        invalidCount={log.invalid.length}
        today={today}
        onFollowUp={startFollowUp}
        onComplaint={startComplaint}
        onStatus={(r, s) => void setStatus(r, s)}
        onExtension={(r) => void setExtended(r)}
      />
    </main>
  );
}
