import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  formatDateRu,
  isPublicHoliday,
  isWorkingDay,
  toIsoDate,
} from '../../policy/letter/working-days';

describe('working days (Labour Code art. 112 fixed holidays, no moved days off)', () => {
  it('knows the fixed holidays and weekends', () => {
    for (const d of ['2027-01-01', '2027-01-07', '2027-01-08', '2027-02-23', '2027-03-08', '2027-05-01', '2027-05-09', '2027-06-12', '2027-11-04'])
      expect(isPublicHoliday(d), d).toBe(true);
    expect(isPublicHoliday('2027-01-09')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(true); // Thursday; a moved day off is not known
    expect(isWorkingDay('2027-01-02')).toBe(false);
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-27')).toBe(false); // Sunday
    expect(isWorkingDay('2027-02-22')).toBe(true);
  });

  it('skips 1-8 January across the year end: 2026-12-28 + 10 working days = 2027-01-19', () => {
    // 29, 30, 31 Dec (3), 1-8 Jan holidays, 9-10 Jan weekend, 11-15 Jan (8), 18, 19 Jan (10).
    expect(addWorkingDays('2026-12-28', 10)).toBe('2027-01-19');
  });

  it('does not count the start day and lands on working days only', () => {
    expect(addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    // 8 March 2026 is a Sunday; the day off moved to Monday 9 March (art. 112 part 2) is a
    // перенос, which is deliberately not counted, so Monday counts as a working day.
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2027-03-05', 1)).toBe('2027-03-09'); // Fri 5 -> Mon 8 March holiday -> Tue 9
    expect(addWorkingDays('2026-06-11', 1)).toBe('2026-06-15'); // Thu 11 -> Fri 12 June holiday, weekend
    expect(addWorkingDays('2026-11-03', 1)).toBe('2026-11-05'); // Wed 4 November holiday
    expect(addWorkingDays('2026-04-30', 5)).toBe('2026-05-08'); // Fri 1 May holiday, weekend
    expect(addWorkingDays('2026-01-01', 0)).toBe('2026-01-01');
    for (let i = 0; i < 60; i++) {
      const start = addCalendarDays('2026-12-01', i);
      expect(isWorkingDay(addWorkingDays(start, 10))).toBe(true);
    }
  });

  it('counts 23 February and year 2027-2028 boundaries', () => {
    expect(addWorkingDays('2027-02-19', 2)).toBe('2027-02-24'); // Fri; 22 Mon (1), 23 holiday, 24 (2)
    expect(addWorkingDays('2027-12-30', 3)).toBe('2028-01-11'); // 31 Dec (1), Jan 1-8 off, 9 Sun, 10 (2), 11 (3)
  });

  it('reads a Date in local time and rejects invalid dates', () => {
    expect(toIsoDate(new Date(2026, 11, 28, 23, 59))).toBe('2026-12-28');
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('nonsense', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
    expect(formatDateRu('2027-01-19')).toBe('19 января 2027 г.');
  });
});
