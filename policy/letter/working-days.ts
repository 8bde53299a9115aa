/**
 * Working-day deadlines (152-FZ art. 14 part 3, art. 21 part 5.1: "10 working days"). A working
 * day is a day the production calendar (production-calendar.ts) does not make a day off: fixed
 * holidays of Labour Code art. 112 part 1, weekends, and the days off moved by art. 112 part 2
 * or by the Government's decree for the year. Past the last year with a decree only part 2 is
 * applied, and `deadlineMayMove` tells the UI and the letter to say the date may move.
 *
 * Dates are calendar dates (ISO yyyy-mm-dd). A Date argument is read in local time, the
 * calendar the user sees; arithmetic is done in UTC at noon so DST never shifts a day.
 */
import { decreeFor, FIXED_HOLIDAYS, LAST_DECREE_YEAR, NO_AUTOMATIC_MOVE } from './production-calendar';

export { FIXED_HOLIDAYS, LAST_DECREE_YEAR } from './production-calendar';

export type DateInput = Date | string;

const HOLIDAY_KEYS = new Set(FIXED_HOLIDAYS.map(([m, d]) => m * 100 + d));
const NO_MOVE_KEYS = new Set(NO_AUTOMATIC_MOVE.map(([m, d]) => m * 100 + d));
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Normalises a Date (local calendar day) or an ISO date / date-time string to a UTC-noon Date. */
function toUtcNoon(input: DateInput): Date {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError('invalid date');
    return new Date(Date.UTC(input.getFullYear(), input.getMonth(), input.getDate(), 12));
  }
  const m = ISO_DATE.exec(input.slice(0, 10));
  if (!m) throw new RangeError(`not an ISO date: ${input}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  if (d.getUTCDate() !== Number(m[3])) throw new RangeError(`not a calendar date: ${input}`);
  return d;
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The ISO calendar date (yyyy-mm-dd) of a Date in local time, or of an ISO string. */
export function toIsoDate(input: DateInput): string {
  return isoOf(toUtcNoon(input));
}

/** Whether the day is a fixed public holiday of Labour Code art. 112 part 1. */
export function isPublicHoliday(date: DateInput): boolean {
  const d = toUtcNoon(date);
  return HOLIDAY_KEYS.has((d.getUTCMonth() + 1) * 100 + d.getUTCDate());
}

function isWeekend(d: Date): boolean {
  const wd = d.getUTCDay();
  return wd === 0 || wd === 6;
}

/**
 * Days off moved by art. 112 part 2 in a year without a decree: each fixed holiday (other than
 * 1-8 January) that falls on a weekend moves a day off to the next weekday that is neither a
 * holiday nor already a moved day off.
 */
function automaticMoves(year: number): Set<string> {
  const out = new Set<string>();
  for (const [m, day] of FIXED_HOLIDAYS) {
    if (NO_MOVE_KEYS.has(m * 100 + day)) continue;
    const d = new Date(Date.UTC(year, m - 1, day, 12));
    if (!isWeekend(d)) continue;
    do d.setUTCDate(d.getUTCDate() + 1);
    while (isWeekend(d) || isPublicHoliday(d) || out.has(isoOf(d)));
    out.add(isoOf(d));
  }
  return out;
}

const movedCache = new Map<number, { off: Set<string>; working: Set<string> }>();

/** The year's moved days off and working weekend days: the decree's, else art. 112 part 2's. */
function movedDays(year: number): { off: Set<string>; working: Set<string> } {
  let m = movedCache.get(year);
  if (!m) {
    const decree = decreeFor(year);
    m = decree
      ? { off: new Set(decree.daysOff), working: new Set(decree.workingWeekends) }
      : { off: automaticMoves(year), working: new Set() };
    movedCache.set(year, m);
  }
  return m;
}

/** Whether the day is a working day of the production calendar. */
export function isWorkingDay(date: DateInput): boolean {
  const d = toUtcNoon(date);
  const iso = isoOf(d);
  const moved = movedDays(d.getUTCFullYear());
  if (moved.working.has(iso)) return true;
  if (isWeekend(d) || isPublicHoliday(d)) return false;
  return !moved.off.has(iso);
}

/** Whether a deadline ending on `date` was counted past the last year with a decree (it may move). */
export function deadlineMayMove(date: DateInput): boolean {
  return toUtcNoon(date).getUTCFullYear() > LAST_DECREE_YEAR;
}

/**
 * The date n working days after `date` (ISO yyyy-mm-dd). The start day itself is not
 * counted: a term "within 10 working days of receipt" starts the next day.
 */
export function addWorkingDays(date: DateInput, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  const d = toUtcNoon(date);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d)) left--;
  }
  return isoOf(d);
}

/** The date n calendar days after `date` (ISO yyyy-mm-dd). */
export function addCalendarDays(date: DateInput, n: number): string {
  const d = toUtcNoon(date);
  d.setUTCDate(d.getUTCDate() + n);
  return isoOf(d);
}

/** Russian long date, e.g. "19 января 2027 г." (the letter is always Russian). */
export function formatDateRu(date: DateInput): string {
  const d = toUtcNoon(date);
  const months = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} г.`;
}

/** Numeric Russian date, e.g. "19.01.2027". */
export function formatDateNumericRu(date: DateInput): string {
  const [y, m, dd] = toIsoDate(date).split('-');
  return `${dd}.${m}.${y}`;
}
