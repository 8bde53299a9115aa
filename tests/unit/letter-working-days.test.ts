import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  deadlineMayMove,
  formatDateRu,
  isPublicHoliday,
  isWorkingDay,
  LAST_DECREE_YEAR,
  toIsoDate,
} from '../../policy/letter/working-days';
import { DECREES, LABOUR_CODE_SOURCE } from '../../policy/letter/production-calendar';

describe('production calendar (Labour Code art. 112 parts 1-2 and the Government decrees)', () => {
  it('knows the fixed holidays and weekends', () => {
    for (const d of [
      '2027-01-01',
      '2027-01-07',
      '2027-01-08',
      '2027-02-23',
      '2027-03-08',
      '2027-05-01',
      '2027-05-09',
      '2027-06-12',
      '2027-11-04',
    ])
      expect(isPublicHoliday(d), d).toBe(true);
    expect(isPublicHoliday('2027-01-09')).toBe(false);
    expect(isWorkingDay('2027-01-02')).toBe(false);
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-27')).toBe(false); // Sunday
    expect(isWorkingDay('2027-02-22')).toBe(true);
  });

  it('2026 decree: 9 January, 9 March, 11 May and 31 December are days off', () => {
    for (const d of ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31']) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2026-03-10')).toBe(true);
    expect(isWorkingDay('2026-12-30')).toBe(true);
  });

  it('2025 decree: moved days off, and Saturday 1 November is a working day; 24 Feb and 10 Mar stay working', () => {
    for (const d of ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31']) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-11-01')).toBe(true);
    // The decree placed the 23 Feb and 8 Mar moves elsewhere (8 May, 13 June), not on the next Monday.
    expect(isWorkingDay('2025-02-24')).toBe(true);
    expect(isWorkingDay('2025-03-10')).toBe(true);
  });

  it('past the last decree, art. 112 part 2 alone: 3 May, 10 May, 14 June 2027 are days off, and the date may move', () => {
    expect(LAST_DECREE_YEAR).toBe(2026);
    for (const d of ['2027-05-03', '2027-05-10', '2027-06-14']) expect(isWorkingDay(d), d).toBe(false);
    // 1-8 January holidays on a weekend move nothing automatically.
    expect(isWorkingDay('2028-01-10')).toBe(true);
    expect(deadlineMayMove('2027-01-11')).toBe(true);
    expect(deadlineMayMove('2026-12-30')).toBe(false);
  });

  it('worked examples of research §7 (10 working days from the day after sending)', () => {
    expect(addWorkingDays('2026-03-02', 10)).toBe('2026-03-17');
    expect(addWorkingDays('2026-04-30', 10)).toBe('2026-05-18');
    expect(addWorkingDays('2026-12-17', 10)).toBe('2027-01-11');
    expect(addWorkingDays('2026-12-28', 10)).toBe('2027-01-20'); // 29, 30 Dec; 31 Dec off; 11-15, 18-20 Jan
  });

  it('does not count the start day and lands on working days only', () => {
    expect(addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-10'); // Mon 9 March is a moved day off
    expect(addWorkingDays('2027-03-05', 1)).toBe('2027-03-09'); // Mon 8 March holiday
    expect(addWorkingDays('2026-06-11', 1)).toBe('2026-06-15'); // Fri 12 June holiday, weekend
    expect(addWorkingDays('2026-11-03', 1)).toBe('2026-11-05'); // Wed 4 November holiday
    expect(addWorkingDays('2026-04-30', 5)).toBe('2026-05-08'); // 1 May holiday, weekend, 4-8 May
    expect(addWorkingDays('2026-01-01', 0)).toBe('2026-01-01');
    for (let i = 0; i < 400; i++) {
      const start = addCalendarDays('2025-12-01', i);
      expect(isWorkingDay(addWorkingDays(start, 10))).toBe(true);
    }
  });

  it('every decree lists weekdays off and weekend working days, each in its own year', () => {
    expect(LABOUR_CODE_SOURCE).toMatch(/ст\. 112/);
    for (const d of DECREES) {
      expect(d.sources.length).toBeGreaterThan(0);
      for (const iso of d.daysOff) {
        expect(iso.startsWith(`${d.year}-`)).toBe(true);
        expect([0, 6]).not.toContain(new Date(`${iso}T12:00:00Z`).getUTCDay());
      }
      for (const iso of d.workingWeekends) expect([0, 6]).toContain(new Date(`${iso}T12:00:00Z`).getUTCDay());
    }
  });

  it('reads a Date in local time and rejects invalid dates', () => {
    expect(toIsoDate(new Date(2026, 11, 28, 23, 59))).toBe('2026-12-28');
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('nonsense', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
    expect(formatDateRu('2027-01-19')).toBe('19 января 2027 г.');
  });
});
