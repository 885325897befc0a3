// Instants and the user's calendar: the one place an instant (a Date) becomes
// a calendar day or a wall time, and back. Days count in the user's time zone
// (docs/grading.md#g05-due-day-calendar-days-in-the-users-zone), which is the
// zone the extension runs in: a Date's local getters and its local
// constructor are the zone's rules, daylight saving included
// (docs/architecture.md#dates-and-the-calendar).

import { civilFromDays, daysFromCivil, isoOfDay, pad2 } from './days';

/** The user's calendar day (day number) of an instant. */
export function todayOf(now: Date): number {
  return daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The user's date 'YYYY-MM-DD' of an instant. */
export function localDateOf(now: Date): string {
  return isoOfDay(todayOf(now));
}

/** The user's date `days` calendar days after `now`'s (before, when negative). */
export function localDateAfter(now: Date, days: number): string {
  return isoOfDay(todayOf(now) + days);
}

/** The user's wall time 'YYYY-MM-DDTHH:mm' of an instant: the form stored dates and follow-ups use. */
export function localDateTimeOf(now: Date): string {
  return `${localDateOf(now)}T${pad2(now.getHours())}:${pad2(now.getMinutes())}`;
}

/**
 * The instant of wall time hour:minute on a day in the user's zone. Where a
 * zone skips that time for daylight saving, the Date constructor moves it
 * forward (midnight becomes the day's first instant).
 */
export function localInstant(day: number, hour = 0, minute = 0): Date {
  const [y, m, d] = civilFromDays(day);
  return new Date(y, m - 1, d, hour, minute, 0, 0);
}

/** The first instant of `now`'s day in the user's zone. */
export function startOfLocalDay(now: Date): Date {
  return localInstant(todayOf(now));
}

/** The first instant of the day after `now`'s in the user's zone: when "due today" turns over. */
export function nextLocalMidnight(now: Date): Date {
  return localInstant(todayOf(now) + 1);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * The instant a stored date ('YYYY-MM-DD', its midnight) or wall time
 * ('YYYY-MM-DDTHH:mm') names in the user's zone; undefined for other text
 * and for days the calendar has not (2026-02-30).
 */
export function instantOfWallTime(text: string): Date | undefined {
  const m = WALL_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = daysFromCivil(y, mo, d);
  const [cy, cm, cd] = civilFromDays(day);
  if (cy !== y || cm !== mo || cd !== d) return undefined;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  if (hour > 23 || minute > 59) return undefined;
  return localInstant(day, hour, minute);
}
