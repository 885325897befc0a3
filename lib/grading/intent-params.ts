// The intent standard's parameters, apart from its grader so that the shared
// shapes (types.ts) and the letter reading (letters.ts) can name them without
// an import cycle (docs/architecture.md#the-floors).
import type { LeapBirthdayRule, HolidayId } from '../followup';

export interface IntentBand {
  /** The grade id, e.g. 'H'. */
  grade: string;
  /** Expected close within this many days or months from today; null = open-ended ("over ..."), last band only. */
  within: number | null;
  unit: 'day' | 'month';
  /** Phone follow-up every N days. */
  cadenceDays: number;
}

export interface IntentParams {
  enabled: boolean;
  /** Lead bands, nearest close first. */
  bands: IntentBand[];
  /** O: keep informed; remind before the delivery date once it is known. */
  ordered: { grade: string; cadenceDays: number; deliveryNoticeDaysBefore: number };
  /**
   * D: a call within hours of delivery, one within days, a first-service
   * reminder, a call at about 3 months; each counts when made up to
   * `callLeadDays` before it is due (lib/followup/touchpoints.ts).
   */
  delivered: {
    grade: string;
    arrivalCallHours: number;
    weekCallDays: number;
    firstServiceReminderDaysBefore: number;
    quarterCallDays: number;
    callLeadDays: number;
  };
  /** M: birthday and holiday greetings. */
  owner: { grade: string; holidays: HolidayId[]; birthday: boolean; leapBirthday: LeapBirthdayRule };
}
