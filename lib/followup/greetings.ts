// The next greeting of an owner (docs/grading.md#g17-m-owner-greetings, grade M: "greetings
// on holidays and the customer's birthday").
import { nextBirthdayDay, type LeapBirthdayRule } from './birthday';
import { civilFromDays, isoOfDay } from './calendar';
import { HOLIDAY_IDS, nextHoliday, type HolidayId } from './holidays';

export interface Greeting {
  kind: 'birthday' | 'holiday';
  holiday?: HolidayId;
  name: { zh: string; en: string };
  date: string;
  day: number;
}

const BIRTHDAY_NAME = { zh: '生日', en: 'birthday' };

/**
 * The first greeting on or after `fromDay`: the customer's birthday (when
 * known, NaN otherwise) or one of the chosen holidays; the birthday wins a tie.
 */
export function nextGreeting(
  fromDay: number,
  birthdayDay: number,
  holidays: readonly HolidayId[] = HOLIDAY_IDS,
  leapRule: LeapBirthdayRule = 'feb28',
): Greeting | undefined {
  const birthday = nextBirthdayDay(birthdayDay, fromDay, leapRule);
  const holiday = holidays.length ? nextHoliday(fromDay, civilFromDays(fromDay)[0], holidays) : undefined;
  if (!Number.isNaN(birthday) && (!holiday || birthday <= holiday.day))
    return { kind: 'birthday', name: BIRTHDAY_NAME, date: isoOfDay(birthday), day: birthday };
  if (holiday)
    return { kind: 'holiday', holiday: holiday.id, name: holiday.name, date: holiday.date, day: holiday.day };
  return undefined;
}
