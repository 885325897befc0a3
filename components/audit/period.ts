// The audit's preset periods (docs/workbench.md#the-audit-view: "the report the sales manager runs
// every week"), as local calendar dates; weeks start on Monday (周一), as
// Chinese work weeks do.
export type PeriodKind = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth';
export const PERIOD_KINDS: readonly PeriodKind[] = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'];

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function periodOf(kind: PeriodKind, now: Date): { from: string; to: string } {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const sinceMonday = (now.getDay() + 6) % 7;
  switch (kind) {
    case 'thisWeek':
      return { from: iso(new Date(y, m, d - sinceMonday)), to: iso(new Date(y, m, d - sinceMonday + 6)) };
    case 'lastWeek':
      return { from: iso(new Date(y, m, d - sinceMonday - 7)), to: iso(new Date(y, m, d - sinceMonday - 1)) };
    case 'thisMonth':
      return { from: iso(new Date(y, m, 1)), to: iso(new Date(y, m + 1, 0)) };
    case 'lastMonth':
      return { from: iso(new Date(y, m - 1, 1)), to: iso(new Date(y, m, 0)) };
  }
}
