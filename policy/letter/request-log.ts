import { z } from 'zod';
import { DemandIdSchema } from './demands';
import { addWorkingDays, toIsoDate, type DateInput } from './working-days';

/**
 * A request the user confirmed as sent ("I sent it", issue #4 "Request log"). Stored in
 * IndexedDB (object store "requests", keyPath "id", index "sentAt"; store/db.ts) and
 * validated with this schema when read back.
 */
export const SentRequestSchema = z.object({
  id: z.string().min(1),
  /** ISO date-time when the user confirmed sending. */
  sentAt: z.iso.datetime({ offset: true }),
  demands: z.array(DemandIdSchema),
  /** ISO date (yyyy-mm-dd) by which an answer is due. */
  deadline: z.iso.date(),
  recipient: z.string().min(1),
  subject: z.string(),
  body: z.string(),
  /** Vendor ids named in the letter. */
  vendors: z.array(z.string()),
  kind: z.enum(['demand', 'follow-up', 'complaint']),
  /** The request this one follows up (follow-up -> demand, complaint -> demand). */
  parentId: z.string().optional(),
  /** "extended": the operator sent a reasoned notice extending its term (art. 21 part 5.1; art. 14 part 3). */
  status: z.enum(['open', 'extended', 'answered', 'closed']),
  /** ISO date: the deadline moved by the extension notice (at most 5 working days past `deadline`). */
  extendedDeadline: z.iso.date().optional(),
  /** The letter's "what was observed" lines, attached to a later complaint (issue 13). */
  facts: z.array(z.string()).optional(),
});
export type SentRequest = z.infer<typeof SentRequestSchema>;
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
    const res = SentRequestSchema.safeParse(r);
    if (res.success) records.push(res.data);
    else {
      const id =
        typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : undefined;
      invalid.push({ index, id, error: z.prettifyError(res.error) });
    }
  });
  records.sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0));
  return { records, invalid };
}
