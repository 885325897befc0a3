// Birthday greetings (docs/grading.md#c1-birthday-greetings, grade M). A Feb 29 birthday in a
// common year is greeted on Feb 28 by default (the day before the missing day:
// a greeting never comes after the birthday has gone); 'mar1' is the other
// rule people use, selectable per rule set.
import { daysFromCivil, isLeapYear, monthDayOfDay, yearOfDay } from '../calendar';

export type LeapBirthdayRule = 'feb28' | 'mar1';

/** The day in `year` on which a birthday (month, day) is greeted. */
export function birthdayInYear(year: number, month: number, day: number, leapRule: LeapBirthdayRule = 'feb28'): number {
  if (month === 2 && day === 29 && !isLeapYear(year))
    return leapRule === 'feb28' ? daysFromCivil(year, 2, 28) : daysFromCivil(year, 3, 1);
  return daysFromCivil(year, month, day);
}

/** The first birthday greeting day on or after `fromDay`; NaN when the birthday day is NaN. */
export function nextBirthdayDay(birthdayDay: number, fromDay: number, leapRule: LeapBirthdayRule = 'feb28'): number {
  if (Number.isNaN(birthdayDay)) return NaN;
  const md = monthDayOfDay(birthdayDay);
  const m = Math.floor(md / 100);
  const d = md - m * 100;
  const y = yearOfDay(fromDay);
  const thisYear = birthdayInYear(y, m, d, leapRule);
  return thisYear >= fromDay ? thisYear : birthdayInYear(y + 1, m, d, leapRule);
}
