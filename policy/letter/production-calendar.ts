/**
 * Russia's production calendar as data: which days are non-working, with the sources.
 *
 * Labour Code (ТК РФ) art. 112:
 * - part 1 lists the fixed non-working public holidays (FIXED_HOLIDAYS below);
 * - part 2: when a weekend day coincides with a holiday, the day off moves to the next working
 *   day after the holiday, except for the holidays of 1-8 January (paragraphs 2-3 of part 1);
 *   the Government may move days off to other days by decree.
 *
 * For a year with a published decree, the year's list below is used: the decree's moves and the
 * part 2 moves that stand (a decree may place part 2's moves elsewhere, as the 2025 decree did).
 * For any other year only part 2 is applied, and the deadline is flagged as one that may move
 * (composer and letter say so). Sources: research/legal-152fz.md §7 and the pages cited below
 * (all [S]: reproduced by secondary sources; verify against pravo.gov.ru before relying on them).
 */

/** Where the text of Labour Code art. 112 parts 1-2 was read ([S]: a reproduction, not the official publication). */
export const LABOUR_CODE_SOURCE =
  'ТК РФ ст. 112 ч. 1-2, text reproduced at https://lawnotes.ru/tk-rf/chast-3/razdel-v/glava-18/statya-112 [S]';

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

/** Holidays whose coincidence with a weekend does not move a day off (art. 112 part 2): 1-8 January. */
export const NO_AUTOMATIC_MOVE: ReadonlyArray<readonly [number, number]> = FIXED_HOLIDAYS.filter(([m, d]) => m === 1 && d <= 8);

export interface YearDecree {
  year: number;
  /** The decree as cited by the source. */
  decree: string;
  /** Weekdays off (ISO dates) besides the fixed holidays: the decree's moves and the part 2 moves it keeps. */
  daysOff: string[];
  /** Weekend days made working days (ISO dates). */
  workingWeekends: string[];
  /** Where the list was read, and which days come from the decree and which from art. 112 part 2. */
  sources: string[];
}

/** Government decrees moving days off, one per year. Add a year here once its decree is published. */
export const DECREES: readonly YearDecree[] = [
  {
    year: 2025,
    decree: 'Постановление Правительства РФ от 04.10.2024 № 1335',
    daysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
    workingWeekends: ['2025-11-01'],
    sources: [
      'research/legal-152fz.md §7 [S]',
      // All five moves are the decree's: 4 and 5 Jan -> 2 May and 31 Dec; 23 Feb -> 8 May; 8 Mar -> 13 June; Sat 1 Nov -> Mon 3 Nov.
      'https://teko.cntd.ru/news/read/reglamentirovan-perenos-vyhodnyh-dney-v-2025-godu (the decree No. 1335 summarised) [S]',
    ],
  },
  {
    year: 2026,
    decree: 'Постановление Правительства РФ от 24.09.2025 (перенос выходных дней в 2026 году)',
    daysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
    workingWeekends: [],
    sources: [
      'research/legal-152fz.md §7 [S]',
      // The decree moves Sat 3 Jan -> Fri 9 Jan and Sun 4 Jan -> Thu 31 Dec; 9 March and 11 May are art. 112 part 2's
      // (8 March is a Sunday, 9 May a Saturday), listed by the same reports among the days off.
      "https://ria.ru/20250924/mishustin--2044066128.html (the Government's announcement of the decree) [S]",
    ],
  },
];

/** The last year with a published decree; later years follow art. 112 part 2 only. */
export const LAST_DECREE_YEAR = Math.max(...DECREES.map((d) => d.year));

export function decreeFor(year: number): YearDecree | undefined {
  return DECREES.find((d) => d.year === year);
}
