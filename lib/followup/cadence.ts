// Cadence arithmetic of docs/grading.md#g05-due-day-calendar-days-in-the-users-zone: "the next follow-up falls due
// on the calendar day `last contact + cadence` ... and is overdue from the day
// after". All values are day numbers (see lib/calendar).

export type DueState = 'upcoming' | 'due' | 'overdue';

/** The day a follow-up falls due: last contact's calendar day + cadence days. */
export function nextDueDay(lastContactDay: number, cadenceDays: number): number {
  return lastContactDay + cadenceDays;
}

/** upcoming before the due day, due on it, overdue from the day after. */
export function dueState(dueDay: number, today: number): DueState {
  return today < dueDay ? 'upcoming' : today === dueDay ? 'due' : 'overdue';
}

/** Whole days past the due day; 0 on the due day and before it. */
export function overdueDays(dueDay: number, today: number): number {
  return today > dueDay ? today - dueDay : 0;
}
