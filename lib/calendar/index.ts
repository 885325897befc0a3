// lib/calendar: calendar days as integers and the user's time zone, the one home of every date conversion (docs/architecture.md#libcalendar).
export * from './days';
export * from './zone';
