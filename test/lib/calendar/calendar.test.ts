// lib/calendar: calendar days as integers, and the user's zone
// (docs/architecture.md#dates-and-the-calendar).
import { describe, expect, it } from 'vitest';
import {
  EXCEL_EPOCH_OFFSET,
  addDays,
  addMonthsToDay,
  civilFromDays,
  dayOf,
  dayPart,
  daysBetween,
  daysFromCivil,
  daysInMonth,
  instantOfWallTime,
  isLeapYear,
  isoOfDay,
  localDateAfter,
  localDateOf,
  localDateTimeOf,
  localInstant,
  monthDayOfDay,
  monthOfDay,
  nextLocalMidnight,
  startOfLocalDay,
  todayOf,
  yearOfDay,
} from '../../../lib/calendar';

describe("calendar days in the user's zone", () => {
  it.each([
    ['2026-03-01', '2026-03-08', 7],
    ['2026-03-01T23:30', '2026-03-02T00:10', 1], // 40 minutes, but the next calendar day
    ['2026-03-01T00:05', '2026-03-01T23:55', 0],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
  ])('%s to %s is %i calendar days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-03-01T23:30', 7, '2026-03-08'],
    ['2026-01-01', -1, '2025-12-31'],
  ])('%s + %i days is %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
  });

  it.each(['', '2026-13-01', '2026-02-29', '2025-02-30', '26-03-01', '2026/03/01', '2026-03-0x', '2026-03-01X10:00'])(
    '"%s" is no date',
    (text) => {
      expect(dayOf(text)).toBeNaN();
    },
  );

  it('reads a stored date and a local datetime as the same calendar day', () => {
    expect(dayOf('2026-03-01T23:30')).toBe(dayOf('2026-03-01'));
    expect(dayOf('1880-06-15')).toBe(dayOf('1880-06-14') + 1); // outside the fast table
    expect(isoOfDay(dayOf('2099-12-31'))).toBe('2099-12-31');
  });

  it('takes today from the local wall clock of `now`, whatever the zone', () => {
    const now = new Date(2026, 2, 1, 23, 30); // 23:30 local
    expect(localDateOf(now)).toBe('2026-03-01');
    expect(todayOf(new Date(2026, 2, 2, 0, 10))).toBe(todayOf(now) + 1);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-23', -3, '2026-08-23'],
  ])('%s + %i months is %s (day clamped to the month)', (from, n, to) => {
    expect(isoOfDay(addMonthsToDay(dayOf(from), n))).toBe(to);
  });
});

describe('calendar arithmetic agrees with the platform calendar', () => {
  // Date.UTC is an independent proleptic Gregorian calendar: every day from
  // 1890 to 2210 (the fast table covers 1900-2199; the formula the rest).
  const utc = (day: number) => new Date(day * 86_400_000);

  it('year, month and day of every day from 1890 to 2210, both ways', () => {
    const mismatches: string[] = [];
    const first = Date.UTC(1890, 0, 1) / 86_400_000;
    const end = Date.UTC(2211, 0, 1) / 86_400_000;
    expect(daysFromCivil(1890, 1, 1)).toBe(first);
    for (let day = first; day < end; day++) {
      const d = utc(day);
      const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      if (
        civilFromDays(day).join() !== [y, m, dd].join() ||
        yearOfDay(day) !== y ||
        monthDayOfDay(day) !== m * 100 + dd ||
        monthOfDay(day) !== m ||
        daysFromCivil(y, m, dd) !== day ||
        isoOfDay(day) !== d.toISOString().slice(0, 10) ||
        dayOf(d.toISOString().slice(0, 10)) !== day
      )
        mismatches.push(d.toISOString().slice(0, 10));
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    [1899, 12, 31],
    [1900, 1, 1],
    [1900, 2, 28], // 1900 is no leap year
    [2000, 2, 29], // 2000 is
    [2199, 12, 31],
    [2200, 1, 1],
  ])('%i-%i-%i round-trips at the edges of the table', (y, m, d) => {
    expect(civilFromDays(daysFromCivil(y, m, d))).toEqual([y, m, d]);
  });

  it('a day past the end of its month counts on into the next month, as the platform does', () => {
    expect(daysFromCivil(2026, 2, 31)).toBe(daysFromCivil(2026, 3, 3));
    expect(daysFromCivil(2024, 2, 30)).toBe(daysFromCivil(2024, 3, 1));
    expect(daysFromCivil(2250, 2, 30)).toBe(Date.UTC(2250, 1, 30) / 86_400_000);
  });

  it.each([
    [1900, false],
    [2000, true],
    [2024, true],
    [2026, false],
    [2100, false],
  ])('%i is a leap year: %s; its February has 28 or 29 days', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
    for (let m = 1; m <= 12; m++) expect(daysInMonth(year, m)).toBe(new Date(Date.UTC(year, m, 0)).getUTCDate());
  });

  it("counts Excel serials from Excel's 1899-12-30", () => {
    expect(EXCEL_EPOCH_OFFSET).toBe(daysFromCivil(1970, 1, 1) - daysFromCivil(1899, 12, 30));
    expect(isoOfDay(45_658 - EXCEL_EPOCH_OFFSET)).toBe('2025-01-01'); // as Excel shows serial 45658
  });

  it('takes the date part of a stored date or wall time, and nothing else', () => {
    expect(dayPart('2026-03-01T23:30')).toBe('2026-03-01');
    expect(dayPart('2026-03-01')).toBe('2026-03-01');
    expect(dayPart('下周')).toBeUndefined();
    expect(dayPart(undefined)).toBeUndefined();
  });
});

// These run in UTC and again in Asia/Shanghai (npm run test:unit:shanghai):
// an instant's day is its local day, never its UTC one.
describe("instants and the user's zone", () => {
  const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min);

  it("writes the user's clock time, not UTC", () => {
    expect(localDateTimeOf(local(2026, 3, 10, 7, 5))).toBe('2026-03-10T07:05');
    expect(localDateTimeOf(local(2026, 12, 31, 23, 59))).toBe('2026-12-31T23:59');
  });

  it.each([
    [0, '2026-03-01'],
    [1, '2026-03-02'],
    [-1, '2026-02-28'],
    [365, '2027-03-01'],
  ])('the day %i days after 2026-03-01 at 23:30 local is %s', (n, expected) => {
    expect(localDateAfter(local(2026, 3, 1, 23, 30), n)).toBe(expected);
  });

  it('starts a day at its local midnight', () => {
    const start = startOfLocalDay(local(2026, 3, 1, 23, 30));
    expect(start).toEqual(new Date(2026, 2, 1));
    expect(localDateTimeOf(start)).toBe('2026-03-01T00:00');
  });

  it.each([
    ['a last call at 23:30 rolls over at the midnight after it', local(2026, 3, 1, 23, 30), local(2026, 3, 2)],
    ['exactly at midnight, the next one is a day later', local(2026, 3, 2, 0, 0), local(2026, 3, 3)],
    ['New Year', local(2026, 12, 31, 12), local(2027, 1, 1)],
    ['a leap year has 29 February', local(2028, 2, 28, 8), local(2028, 2, 29)],
    ['a common year does not', local(2027, 2, 28, 8), local(2027, 3, 1)],
  ])('the next local midnight: %s', (_, now, expected) => {
    const next = nextLocalMidnight(now);
    expect(next).toEqual(new Date(expected.getFullYear(), expected.getMonth(), expected.getDate()));
    expect([next.getHours(), next.getMinutes(), next.getSeconds(), next.getMilliseconds()]).toEqual([0, 0, 0, 0]);
  });

  it('puts a wall time on a day in the local zone', () => {
    expect(localInstant(dayOf('2026-11-23'), 9, 5)).toEqual(new Date(2026, 10, 23, 9, 5));
    expect(localInstant(dayOf('2024-02-29'))).toEqual(new Date(2024, 1, 29));
  });

  it('reads a stored date or wall time as the local instant it names, and refuses other text', () => {
    expect(instantOfWallTime('2026-11-23')).toEqual(new Date(2026, 10, 23));
    expect(instantOfWallTime('2026-11-23T09:05')).toEqual(new Date(2026, 10, 23, 9, 5));
    for (const text of ['下周', '2026-02-30', '2026-13-01', '2026-11-23T24:00', '2026-11-23 09:05', '2026/11/23'])
      expect(instantOfWallTime(text)).toBeUndefined();
  });
});
