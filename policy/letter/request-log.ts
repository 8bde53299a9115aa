import { isDemandId, type DemandId } from './demands';
import { addWorkingDays, toIsoDate, type DateInput } from './working-days';

/**
 * A request the user confirmed as sent ("I sent it", issue #4 "Request log"). Stored in
 * IndexedDB (object store "requests", keyPath "id", index "sentAt"; store/db.ts) and checked
 * with checkSentRequest when read back and before it is written. A hand check, not zod:
 * request.html does not load zod (budget 40 KB gzip, issue #14).
 */
export interface SentRequest {
  id: string;
  /** ISO date-time when the user confirmed sending. */
  sentAt: string;
  demands: DemandId[];
  /** ISO date (yyyy-mm-dd) by which an answer is due. */
  deadline: string;
  recipient: string;
  subject: string;
  body: string;
  /** Vendor ids named in the letter. */
  vendors: string[];
  kind: 'demand' | 'follow-up' | 'complaint';
  /** The request this one follows up (follow-up -> demand, complaint -> demand). */
  parentId?: string;
  /** "extended": the operator sent a reasoned notice extending its term (art. 21 part 5.1; art. 14 part 3). */
  status: 'open' | 'extended' | 'answered' | 'closed';
  /** ISO date: the deadline moved by the extension notice (at most 5 working days past `deadline`). */
  extendedDeadline?: string;
  /** The letter's "what was observed" lines, attached to a later complaint (issue 13). */
  facts?: string[];
}

const KINDS: readonly string[] = ['demand', 'follow-up', 'complaint'];
const STATUSES: readonly string[] = ['open', 'extended', 'answered', 'closed'];

/** yyyy-mm-dd of a real calendar day. */
export function isIsoDay(v: unknown): v is string {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** An ISO 8601 date-time with seconds optional and a zone (Z or an offset), as toISOString writes it. */
function isIsoDateTime(v: unknown): v is string {
  const m =
    typeof v === 'string'
      ? /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/.exec(v)
      : null;
  return m !== null && isIsoDay(m[1]);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Each field's check and the words of its error. */
const FIELDS: Record<keyof SentRequest, { optional?: true; ok: (v: unknown) => boolean; expected: string }> = {
  id: { ok: (v) => isString(v) && v.length > 0, expected: 'a non-empty string' },
  sentAt: { ok: isIsoDateTime, expected: 'an ISO date-time with a zone' },
  demands: { ok: (v) => Array.isArray(v) && v.every(isDemandId), expected: 'a list of demand ids' },
  deadline: { ok: isIsoDay, expected: 'a date yyyy-mm-dd' },
  recipient: { ok: (v) => isString(v) && v.length > 0, expected: 'a non-empty string' },
  subject: { ok: isString, expected: 'a string' },
  body: { ok: isString, expected: 'a string' },
  vendors: { ok: isStrings, expected: 'a list of strings' },
  kind: { ok: (v) => KINDS.includes(v as string), expected: KINDS.join(' | ') },
  parentId: { optional: true, ok: isString, expected: 'a string' },
  status: { ok: (v) => STATUSES.includes(v as string), expected: STATUSES.join(' | ') },
  extendedDeadline: { optional: true, ok: isIsoDay, expected: 'a date yyyy-mm-dd' },
  facts: { optional: true, ok: isStrings, expected: 'a list of strings' },
};

/**
 * Checks one record: the record with only its known fields, or every problem in words
 * ("deadline: expected a date yyyy-mm-dd, got \"19.01.2027\"").
 */
export function checkSentRequest(raw: unknown): { ok: true; value: SentRequest } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: `expected an object, got ${shown(raw)}` };
  const o = raw as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, f] of Object.entries(FIELDS)) {
    const v = o[key];
    if (v === undefined && f.optional) continue;
    if (f.ok(v)) value[key] = Array.isArray(v) ? [...v] : v;
    else problems.push(`${key}: expected ${f.expected}, got ${shown(v)}`);
  }
  return problems.length ? { ok: false, error: problems.join('; ') } : { ok: true, value: value as unknown as SentRequest };
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s =
    typeof v === 'string'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? 'a list'
        : v === null
          ? 'null'
          : typeof v === 'object'
            ? 'an object'
            : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export type RequestKind = SentRequest['kind'];
export type RequestStatus = SentRequest['status'];
export type NextStep = 'wait' | 'follow-up' | 'complaint';

/**
 * A follow-up's own deadline: 5 working days, the longest extension art. 21 part 5.1 [S]
 * allows after a reasoned notice; past it, no extension can explain the silence and the
 * complaint draft is offered.
 */
export const FOLLOW_UP_WORKING_DAYS = 5;

export function followUpDeadline(sent: DateInput): string {
  return addWorkingDays(sent, FOLLOW_UP_WORKING_DAYS);
}

/**
 * The longest extension of a term after the operator's reasoned notice: 5 working days
 * (art. 21 part 5.1 for a demand to stop; art. 14 part 3 for an information request) [S].
 */
export const EXTENSION_WORKING_DAYS = 5;

/** Whether the request carries a demand whose term the operator may extend by notice. */
export function canBeExtended(req: SentRequest): boolean {
  return req.kind === 'demand' && req.status === 'open' && req.demands.some((d) => d === 'stop-tracking' || d === 'info-request');
}

/** The patch that records an extension notice: the deadline moves by at most 5 working days. */
export function extensionPatch(req: SentRequest): Pick<SentRequest, 'status' | 'extendedDeadline'> {
  return { status: 'extended', extendedDeadline: addWorkingDays(req.deadline, EXTENSION_WORKING_DAYS) };
}

/** The deadline in force: the extended one after a notice, else the original. */
export function effectiveDeadline(req: SentRequest): string {
  return req.status === 'extended' && req.extendedDeadline ? req.extendedDeadline : req.deadline;
}

/** Still awaiting an answer (open, or extended by notice) and the deadline day has passed (that day still counts as in time). */
export function isOverdue(req: SentRequest, today: DateInput): boolean {
  return (req.status === 'open' || req.status === 'extended') && toIsoDate(today) > effectiveDeadline(req);
}

/**
 * What the user can do next for one request: an overdue demand offers a follow-up, an
 * overdue follow-up offers a complaint draft to Roskomnadzor. Answered or closed requests,
 * complaints, and requests still in time: wait.
 */
export function nextStep(req: SentRequest, today: DateInput): NextStep {
  if (!isOverdue(req, today)) return 'wait';
  if (req.kind === 'demand') return 'follow-up';
  if (req.kind === 'follow-up') return 'complaint';
  return 'wait';
}

/**
 * nextStep within the whole log: a demand that already has a follow-up (or complaint) does
 * not offer another one; its latest child carries the next step.
 */
export function nextStepInLog(req: SentRequest, log: readonly SentRequest[], today: DateInput): NextStep {
  const step = nextStep(req, today);
  if (step === 'wait') return step;
  const children = log.filter((r) => r.parentId === req.id);
  if (step === 'follow-up' && children.length > 0) return 'wait';
  if (step === 'complaint' && req.parentId && log.some((r) => r.parentId === req.parentId && r.kind === 'complaint')) return 'wait';
  return step;
}

export interface ParsedLog {
  records: SentRequest[];
  /** Records that failed validation: reported, never crashing the page. */
  invalid: { index: number; id?: string; error: string }[];
}

/** Validates raw records read back from storage; newest first. */
export function parseSentRequests(raw: readonly unknown[]): ParsedLog {
  const records: SentRequest[] = [];
  const invalid: ParsedLog['invalid'] = [];
  raw.forEach((r, index) => {
    const res = checkSentRequest(r);
    if (res.ok) records.push(res.value);
    else {
      const id =
        typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : undefined;
      invalid.push({ index, id, error: res.error });
    }
  });
  records.sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0));
  return { records, invalid };
}
