// The audit's preset periods (docs/workbench.md#the-audit-view: "the report the sales manager runs
// every week"), as local calendar dates (lib/calendar); weeks start on Monday
// (周一), as Chinese work weeks do.
import { civilFromDays, daysFromCivil, daysInMonth, isoOfDay, todayOf } from '@/lib/calendar';

export type PeriodKind = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth';
export const PERIOD_KINDS: readonly PeriodKind[] = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'];

/** A month's first and last day, `back` months before the one `day` is in. */
function monthOf(day: number, back: number): { from: string; to: string } {
  const [year, month] = civilFromDays(day);
  const index = year * 12 + (month - 1) - back;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { from: isoOfDay(daysFromCivil(y, m, 1)), to: isoOfDay(daysFromCivil(y, m, daysInMonth(y, m))) };
}

export function periodOf(kind: PeriodKind, now: Date): { from: string; to: string } {
  const today = todayOf(now);
  // Day 0, 1970-01-01, was a Thursday: three days after a Monday.
  const monday = today - ((today + 3) % 7);
  switch (kind) {
    case 'thisWeek':
      return { from: isoOfDay(monday), to: isoOfDay(monday + 6) };
    case 'lastWeek':
      return { from: isoOfDay(monday - 7), to: isoOfDay(monday - 1) };
    case 'thisMonth':
      return monthOf(today, 0);
    case 'lastMonth':
      return monthOf(today, 1);
  }
}
