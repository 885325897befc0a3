// lib/followup: cadences, holidays, birthdays and the follow-up log, on the days of lib/calendar (docs/architecture.md#libfollowup).
export * from './cadence';
export * from './holidays';
export * from './birthday';
export * from './followups';
export * from './audit';
export * from './touchpoints';
export * from './reminders';
