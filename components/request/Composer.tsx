import { useMemo, useRef, useState } from 'preact/hooks';
import { composeLetter, type Identifiers, type ObservedVendor } from '@/policy/letter/compose';
import {
  DEMANDS,
  DEMAND_IDS,
  orderDemands,
  preselectDemands,
  responseDeadline,
  responseDeadlineInWorkingDays,
  type DemandId,
} from '@/policy/letter/demands';
import type { Operator } from '@/policy/letter/operator';
import type { SentRequest } from '@/policy/letter/request-log';
import {
  emptySenderInput,
  migrateSenderSettings,
  safeIdentifierPresent,
  senderErrorText,
  validateSender,
  type SenderField,
  type StoredSender,
} from './sender-form';
import { deadlineMayMove, formatDateRu, toIsoDate } from '@/policy/letter/working-days';
import { observedFactLines } from '@/policy/letter/compose';
import { countryLabel } from '@/policy/catalogue/recipient';
import { useI18n } from '../i18n';
import { DraftActions } from './DraftActions';

/**
 * The composer (issue #4): sender, demands, identifiers, deadline, live preview of the exact
 * letter, and the delivery actions. The letter is always Russian; the UI follows the
 * translator's language. The addressee comes from `operator` (the policy model), never from
 * UI strings.
 */
export interface ComposerProps {
  observed: ObservedVendor[];
  identifiers: Identifiers;
  operator: Operator;
  initialSender?: StoredSender | null;
  onSaveSender: (s: StoredSender) => void | Promise<void>;
  onSent: (record: SentRequest) => void | Promise<void>;
  clipboard: (text: string) => Promise<void>;
  today: Date;
}

type TextField = Exclude<SenderField, `idDocument.${string}`>;

/** Angle brackets: HTML-like markup in a sender field. */
const MARKUP_RE = /[<>]/;

function fieldId(name: string): string {
  return `f-${name.replace('.', '-')}`;
}

export function Composer(props: ComposerProps) {
  const { t, pick, lang } = useI18n();
  const [form, setForm] = useState<StoredSender>(() =>
    props.initialSender ? migrateSenderSettings(props.initialSender, 1) : migrateSenderSettings(emptySenderInput(), 1),
  );
  const [demands, setDemands] = useState<DemandId[]>(() => preselectDemands(props.observed));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [showAll, setShowAll] = useState(false);
  const [saved, setSaved] = useState('');
  const [sentInfo, setSentInfo] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const sentBody = useRef<string | null>(null);

  const validation = useMemo(() => validateSender(form), [form]);
  const errors = validation.ok ? {} : validation.errors;
  const todayIso = toIsoDate(props.today);
  const deadline = responseDeadline(demands, todayIso);
  const workingDays = responseDeadlineInWorkingDays(demands);
  const hasIdentifiers = safeIdentifierPresent(props.identifiers);

  const letter = useMemo(() => {
    if (!validation.ok || demands.length === 0) return null;
    return composeLetter({
      operator: props.operator,
      sender: validation.sender,
      demands,
      observed: props.observed,
      identifiers: props.identifiers,
      today: todayIso,
      deadline,
    });
  }, [validation, demands, props.operator, props.observed, props.identifiers, todayIso, deadline]);

  const set = (patch: Partial<StoredSender>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved('');
  };
  const setDoc = (patch: Partial<StoredSender['idDocument']>) => {
    setForm((f) => ({ ...f, idDocument: { ...f.idDocument, ...patch } }));
  };

  const errorOf = (name: SenderField): string | undefined => {
    const code = errors[name];
    if (!code || !(showAll || touched[name])) return undefined;
    return pick(senderErrorText(code));
  };

  const input = (name: TextField, label: string, opts: { type?: string; required?: boolean; autocomplete?: string } = {}) => {
    const err = errorOf(name);
    const id = fieldId(name);
    // Markup is kept as text (policy/letter/sender.ts); say so next to the field, since a
    // pasted tag is most likely a mistake.
    const markup = !err && MARKUP_RE.test(form[name]);
    const describedBy = [err && `${id}-err`, markup && `${id}-markup`].filter(Boolean).join(' ') || undefined;
    return (
      <p class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          name={name}
          type={opts.type ?? 'text'}
          required={opts.required}
          autoComplete={opts.autocomplete}
          value={form[name]}
          aria-invalid={err ? 'true' : 'false'}
          aria-describedby={describedBy}
          onInput={(e) => set({ [name]: (e.currentTarget as HTMLInputElement).value } as Partial<StoredSender>)}
          onBlur={() => setTouched((tc) => ({ ...tc, [name]: true }))}
        />
        {err && (
          <span id={`${id}-err`} class="error" role="alert">
            {err}
          </span>
        )}
        {markup && (
          <span id={`${id}-markup`} class="warning" data-testid={`${name}-markup`}>
            {t('request_markup_note')}
          </span>
        )}
      </p>
    );
  };

  const docInput = (key: keyof StoredSender['idDocument'], label: string, type = 'text') => {
    const name = `idDocument.${key}` as SenderField;
    const err = errorOf(name);
    const id = fieldId(name);
    return (
      <p class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          name={name}
          type={type}
          value={form.idDocument[key]}
          aria-invalid={err ? 'true' : 'false'}
          aria-describedby={err ? `${id}-err` : undefined}
          onInput={(e) => setDoc({ [key]: (e.currentTarget as HTMLInputElement).value })}
          onBlur={() => setTouched((tc) => ({ ...tc, [name]: true }))}
        />
        {err && (
          <span id={`${id}-err`} class="error" role="alert">
            {err}
          </span>
        )}
      </p>
    );
  };

  const revealErrors = () => {
    setShowAll(true);
    // Move focus to the first invalid input so keyboard and screen-reader users land on it.
    queueMicrotask(() => formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
  };

  const toggleDemand = (id: DemandId, on: boolean) => setDemands((d) => orderDemands(on ? [...d, id] : d.filter((x) => x !== id)));

  const save = async () => {
    await props.onSaveSender(migrateSenderSettings(form, 1));
    setSaved(t('request_saved'));
  };

  const sent = async () => {
    // One log record per letter: a second press of "I sent it" for the same text is ignored.
    if (!letter || sentBody.current === letter.body) return;
    sentBody.current = letter.body;
    const record: SentRequest = {
      id: `req-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      sentAt: new Date().toISOString(),
      demands,
      deadline,
      recipient: props.operator.email,
      subject: letter.subject,
      body: letter.body,
      vendors: props.observed.map((v) => v.vendorId),
      kind: 'demand',
      status: 'open',
      facts: observedFactLines(props.observed),
    };
    try {
      await props.onSaveSender(migrateSenderSettings(form, 1));
      await props.onSent(record);
    } catch (e) {
      sentBody.current = null;
      setSentInfo(t('request_sent_failed', [String((e as Error)?.message ?? e)]));
      return;
    }
    setSentInfo(t('request_sent_done', [formatDateRu(deadline)]));
  };

  return (
    <form ref={formRef} class="composer" onSubmit={(e) => e.preventDefault()} noValidate>
      <fieldset>
        <legend>{t('request_sender_legend')}</legend>
        <p class="note">{t('request_sender_note')}</p>
        {input('fullName', t('request_fullName'), { required: true, autocomplete: 'name' })}
        {input('email', t('request_email'), { type: 'email', required: true, autocomplete: 'email' })}
        {input('phone', t('request_phone'), { type: 'tel', required: true, autocomplete: 'tel' })}
        {input('dateOfBirth', `${t('request_dateOfBirth')} (${t('request_optional')})`, { type: 'date', autocomplete: 'bday' })}
        {input('patientCard', `${t('request_patientCard')} (${t('request_optional')})`)}
        {input('postalAddress', `${t('request_postalAddress')} (${t('request_optional')})`, { autocomplete: 'street-address' })}
        <p>
          <input
            id="f-includeIdDocument"
            name="includeIdDocument"
            type="checkbox"
            checked={form.includeIdDocument}
            aria-describedby="f-idDocument-note"
            onChange={(e) => set({ includeIdDocument: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          <label for="f-includeIdDocument">{t('request_includeIdDocument')}</label>
        </p>
        <p id="f-idDocument-note" class="note">
          {t('request_idDocument_note')}
        </p>
        {form.includeIdDocument && (
          <div class="id-document">
            {docInput('number', t('request_idNumber'))}
            {docInput('issuedAt', t('request_idIssuedAt'), 'date')}
            {docInput('issuer', t('request_idIssuer'))}
          </div>
        )}
        <p>
          <button type="button" onClick={() => void save()}>
            {t('request_save_sender')}
          </button>{' '}
          <span role="status">{saved}</span>
        </p>
      </fieldset>

      <fieldset>
        <legend>{t('request_addressee_legend')}</legend>
        <p id="f-addressee-hint" class="note">
          {t('request_addressee_hint')}
        </p>
        {input('operatorEntity', t('request_operatorEntity'))}
        {input('operatorInn', t('request_operatorInn'), { type: 'text' })}
      </fieldset>

      <fieldset>
        <legend>{t('request_demands_legend')}</legend>
        {DEMAND_IDS.map((id) => {
          const d = DEMANDS[id];
          const cid = `d-${id}`;
          return (
            <div class="demand" key={id}>
              <input
                id={cid}
                name="demand"
                value={id}
                type="checkbox"
                checked={demands.includes(id)}
                aria-describedby={`${cid}-info`}
                onChange={(e) => toggleDemand(id, (e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              <label for={cid}>{pick(d.title)}</label>
              <div id={`${cid}-info`} class="note">
                {t('request_basis', [pick(d.basis)])}. {t('request_deadline_rule', [pick(d.deadlineText)])}.
                {d.verification === 'U' ? ` ${t('request_careful_U')}` : ''}
              </div>
            </div>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>{t('request_identifiers_legend')}</legend>
        <p>
          <input
            id="f-includeIdentifiers"
            name="includeIdentifiers"
            type="checkbox"
            checked={form.includeIdentifiers}
            disabled={!hasIdentifiers}
            aria-describedby="f-identifiers-note"
            onChange={(e) => set({ includeIdentifiers: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          <label for="f-includeIdentifiers">{t('request_includeIdentifiers')}</label>
        </p>
        <p id="f-identifiers-note" class="note">
          {t('request_identifiers_note')} {hasIdentifiers ? '' : t('request_identifiers_none')}
        </p>
      </fieldset>

      <fieldset>
        <legend>{t('request_observed_legend')}</legend>
        {props.observed.length === 0 ? (
          <p>{t('request_observed_none')}</p>
        ) : (
          <ul>
            {props.observed.map((v) => (
              <li key={v.vendorId}>
                {v.name} ({[v.organization, countryLabel(v.country, lang)].filter(Boolean).join(', ')})
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <p>
        <strong data-testid="deadline">{t('request_deadline', [lang === 'ru' ? formatDateRu(deadline) : deadline])}</strong>
        <br />
        <small>{t(workingDays ? 'request_deadline_note' : 'request_deadline_note_calendar')}</small>
        {workingDays && deadlineMayMove(deadline) && (
          <>
            <br />
            <small data-testid="deadline-may-move">{t('request_deadline_may_move')}</small>
          </>
        )}
      </p>

      <section aria-labelledby="preview-h">
        <h2 id="preview-h">{t('request_preview')}</h2>
        <p>{t('request_to', [props.operator.email])}</p>
        {letter ? (
          <>
            <p>
              <label for="preview-subject">{t('request_subject')}</label>
              <input id="preview-subject" readOnly value={letter.subject} />
            </p>
            <p>
              <label for="preview-body">{t('request_body')}</label>
            </p>
            <textarea id="preview-body" data-testid="preview-body" readOnly rows={24} value={letter.body} />
            <DraftActions
              letter={letter}
              to={props.operator.email}
              from={validation.ok ? { addr: validation.sender.email, name: validation.sender.fullName } : undefined}
              clipboard={props.clipboard}
              onSent={() => void sent()}
            />
            <p role="status" aria-live="polite">
              {sentInfo}
            </p>
          </>
        ) : (
          <>
            <p>{demands.length === 0 ? t('request_no_demands') : t('request_fix_errors')}</p>
            <button type="button" onClick={revealErrors}>
              {t('request_send_blocked')}
            </button>
          </>
        )}
      </section>
    </form>
  );
}
