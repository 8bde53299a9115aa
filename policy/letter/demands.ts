import { addCalendarDays, addWorkingDays, type DateInput } from './working-days';

/**
 * The four demands of the stop-processing letter (issue #4), each with its legal basis and
 * deadline rule. Legal facts come from the research notes summarised in SOURCE.md (copied facts, not
 * read at run time); its verification labels are kept on each demand:
 *  [V] checked in the cited source, [S] secondary source, [U] unverified.
 * [S]/[U] points are worded with care in the letter ("насколько мне известно"), and nothing
 * here is a legal verdict.
 */

/** The demand ids in canonical order. */
export const DEMAND_IDS = ['stop-tracking', 'withdraw-consent', 'stop-marketing', 'info-request'] as const;
export type DemandId = (typeof DEMAND_IDS)[number];

export function isDemandId(v: unknown): v is DemandId {
  return (DEMAND_IDS as readonly unknown[]).includes(v);
}

export type Verification = 'V' | 'S' | 'U';

export type DeadlineRule =
  { kind: 'working-days'; days: number; extendableBy?: number } | { kind: 'calendar-days'; days: number } | { kind: 'immediately' };

export interface Text {
  ru: string;
  en: string;
}

export interface Demand {
  id: DemandId;
  title: Text;
  /** Exact article citation, e.g. "ч. 5.1 ст. 21 152-ФЗ". */
  basis: Text;
  /** The deadline as a short human text. */
  deadlineText: Text;
  deadline: DeadlineRule;
  /** Verification level of the legal fact behind the deadline (legal-152fz.md). */
  verification: Verification;
}

export const DEMANDS: Record<DemandId, Demand> = {
  // legal-152fz.md §1 "Art. 21 part 5.1": text [S] (operators' policies reproduce it verbatim).
  'stop-tracking': {
    id: 'stop-tracking',
    title: {
      ru: 'Прекратить обработку для аналитики и рекламы и передачу названным третьим лицам',
      en: 'Stop processing for analytics and advertising and stop transfers to the named third parties',
    },
    basis: { ru: 'ч. 5.1 ст. 21 152-ФЗ', en: '152-FZ art. 21 part 5.1' },
    deadlineText: {
      ru: 'не более 10 рабочих дней; продление не более чем на 5 рабочих дней с мотивированным уведомлением',
      en: 'at most 10 working days; extendable by at most 5 working days with a reasoned notice',
    },
    deadline: { kind: 'working-days', days: 10, extendableBy: 5 },
    verification: 'S',
  },
  // §1 "Art. 9": part 2 first sentence [V]; art. 21 part 5 (30 days) [S]. Scoped (research §7):
  // an unscoped withdrawal could withdraw consents a patient needs for care.
  'withdraw-consent': {
    id: 'withdraw-consent',
    title: {
      ru: 'Отозвать согласие на обработку данных, собранных через сайт для аналитики и рекламы',
      en: 'Withdraw consent to processing of data collected through the site for analytics and advertising',
    },
    basis: { ru: 'ч. 2 ст. 9; ч. 5 ст. 21 152-ФЗ', en: '152-FZ art. 9 part 2; art. 21 part 5' },
    deadlineText: {
      ru: 'прекратить обработку и уничтожить данные не позднее 30 дней с даты получения отзыва',
      en: 'stop, and destroy the data within 30 days of receiving the withdrawal',
    },
    deadline: { kind: 'calendar-days', days: 30 },
    verification: 'S',
  },
  // §1 "Art. 15" and §7 "Citations": stopping on demand is art. 15 part 2 [S]; for advertising
  // calls and SMS, 38-FZ «О рекламе» art. 18 part 1 [S]. Covers calls, SMS, e-mail, messengers.
  'stop-marketing': {
    id: 'stop-marketing',
    title: { ru: 'Прекратить рекламные рассылки, звонки и SMS', en: 'Stop advertising mailings, calls and SMS' },
    basis: { ru: 'ч. 2 ст. 15 152-ФЗ; ч. 1 ст. 18 38-ФЗ «О рекламе»', en: '152-FZ art. 15 part 2; 38-FZ "On Advertising" art. 18 part 1' },
    deadlineText: { ru: 'немедленно', en: 'immediately' },
    deadline: { kind: 'immediately' },
    verification: 'S',
  },
  // §1 "Art. 14": part 3 first sentence (10 working days) [V].
  'info-request': {
    id: 'info-request',
    title: {
      ru: 'Сведения об обработке: какие данные, для каких целей, кому передаются',
      en: 'Information about the processing: what, for which purposes, to whom',
    },
    basis: { ru: 'ч. 7 и ч. 3 ст. 14 152-ФЗ', en: '152-FZ art. 14 parts 7 and 3' },
    deadlineText: { ru: 'в течение 10 рабочих дней', en: 'within 10 working days' },
    deadline: { kind: 'working-days', days: 10 },
    verification: 'V',
  },
};

/** Catalogue categories that mean analytics or advertising tracking (policy/catalogue/schema.ts). */
export const TRACKING_CATEGORIES: ReadonlySet<string> = new Set([
  'analytics',
  'advertising',
  'session-replay',
  'call-tracking',
  'marketing',
  'social',
  'tag-manager',
]);

export interface PreselectInput {
  /** Catalogue category of the vendor; absent when unknown. */
  category?: string;
}

/**
 * Which demands start ticked, from what was observed. Decisions (issue #4):
 *  - stop-tracking: when any analytics/advertising tracker was seen (its subject matter).
 *  - withdraw-consent: also when such a tracker was seen, because the clinic's policy itself
 *    rests the site's processing on consent given by using the site (policy model clause
 *    "consent.by-use": «Используя Сайт, вы выражаете свое согласие…»), so there is a
 *    consent to withdraw.
 *  - info-request: always; asking what is processed and for whom has no downside.
 *  - stop-marketing: never preselected. Art. 15 is about direct contacts (calls, SMS,
 *    e-mail), which the extension cannot observe; the user opts in if they get such contacts.
 */
export function preselectDemands(observed: readonly PreselectInput[]): DemandId[] {
  const tracking = observed.some((v) => v.category !== undefined && TRACKING_CATEGORIES.has(v.category));
  const out: DemandId[] = [];
  if (tracking) out.push('stop-tracking', 'withdraw-consent');
  out.push('info-request');
  return out;
}

/** Puts demand ids in canonical order and drops duplicates. */
export function orderDemands(ids: readonly DemandId[]): DemandId[] {
  const set = new Set(ids);
  return DEMAND_IDS.filter((id) => set.has(id));
}

/** The deadline date (ISO yyyy-mm-dd) of one demand sent on `sent`. */
export function demandDeadline(id: DemandId, sent: DateInput): string {
  const rule = DEMANDS[id].deadline;
  switch (rule.kind) {
    case 'working-days':
      return addWorkingDays(sent, rule.days);
    case 'calendar-days':
      return addCalendarDays(sent, rule.days);
    case 'immediately':
      return addCalendarDays(sent, 0);
  }
}

/**
 * The date by which the letter asks for an answer. 10 working days whenever a stop-tracking
 * or info-request demand is included (art. 21 part 5.1 [S], art. 14 part 3 [V]); 30 days
 * when only consent is withdrawn (art. 21 part 5 [S]). A marketing-only letter also asks for
 * a reply within 10 working days: art. 15 gives no reply deadline, and the project uses the
 * same window as the other demands (a choice, not a statutory term).
 */
export function responseDeadline(ids: readonly DemandId[], sent: DateInput): string {
  return responseDeadlineInWorkingDays(ids) ? addWorkingDays(sent, 10) : demandDeadline('withdraw-consent', sent);
}

/**
 * Whether responseDeadline counts working days (the production calendar matters, and past the
 * last decree the date may move) or calendar days (a consent withdrawal alone: 30 days).
 */
export function responseDeadlineInWorkingDays(ids: readonly DemandId[]): boolean {
  const set = new Set(ids);
  return !(set.size === 1 && set.has('withdraw-consent'));
}
