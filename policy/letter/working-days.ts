/**
 * Working-day deadlines (issue #4: "counted in working days from today"). A working day is
 * Monday to Friday that is not one of Russia's fixed non-working public holidays listed in
 * Labour Code art. 112 part 1: 1-6 and 8 January (New Year holidays), 7 January, 23 February,
 * 8 March, 1 May, 9 May, 12 June, 4 November.
 *
 * Not counted, on purpose (and the UI says so): moved days off (переносы), both the
 * automatic ones of art. 112 part 2 (a holiday falling on a weekend) and those set each year
 * by a Government decree. They need a yearly calendar the extension does not ship, so a
 * computed deadline can fall a day or two earlier than the official one.
 *
 * Dates are calendar dates (ISO yyyy-mm-dd). A Date argument is read in local time, the
 * calendar the user sees; arithmetic is done in UTC at noon so DST never shifts a day.
 */

export type DateInput = Date | string;

/** [month (1-12), day] pairs of Labour Code art. 112 part 1. */
export const FIXED_HOLIDAYS: ReadonlyArray<readonly [number, number]> = [
  [1, 1],
  [1, 2],
  [1, 3],
  [1, 4],
  [1, 5],
  [1, 6],
  [1, 7],
  [1, 8],
  [2, 23],
  [3, 8],
  [5, 1],
  [5, 9],
  [6, 12],
  [11, 4],
];

const HOLIDAY_KEYS = new Set(FIXED_HOLIDAYS.map(([m, d]) => m * 100 + d));
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

/** Mon-Fri and not a fixed public holiday. Moved days off are not known (see above). */
export function isWorkingDay(date: DateInput): boolean {
  const d = toUtcNoon(date);
  const wd = d.getUTCDay();
  if (wd === 0 || wd === 6) return false;
  return !isPublicHoliday(d);
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
  const months = [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} г.`;
}

/** Numeric Russian date, e.g. "19.01.2027". */
export function formatDateNumericRu(date: DateInput): string {
  const [y, m, dd] = toIsoDate(date).split('-');
  return `${dd}.${m}.${y}`;
}
