// lib/followup: calendar days in the user's zone, cadences, holidays, birthdays and the follow-up log (docs/architecture.md#libfollowup).
export * from './calendar';
export * from './cadence';
export * from './holidays';
export * from './birthday';
export * from './followups';
export * from './audit';
export * from './touchpoints';
export * from './reminders';
