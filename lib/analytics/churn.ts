// docs/grading.md#v5-churn-list: owners who have not come in for service for a period.
// The churn standard (lib/grading/churn.ts) judged each owner against an
// expected visit: N months after the last service, or sooner when annual
// mileage says the service interval comes first. This list reads that
// judgement (GradeSummary.churn and serviceDueAt) and says, per owner, how
// long since the last service and which threshold the grade used, so the
// front desk knows why a customer is on it. Owners who never came in (未进站)
// are not churned and are left out.
import { addMonthsToDay, dayOf, todayOf } from '../calendar';
import type { ChurnParams, ChurnRule } from '../grading';
import { gradesAt, type AnalyticsCustomer, type GradesSource } from './types';

export type ChurnState = 'churned' | 'warning';

export interface ChurnEntry {
  /** Index into the customers given. */
  index: number;
  state: ChurnState;
  lastServiceAt: string;
  daysSinceService: number;
  /** The day the next visit was expected by (GradeSummary.serviceDueAt). */
  expectedBy: string;
  /** Days past expectedBy (0 for an owner still at risk). */
  daysPastExpected: number;
  /** The visit interval the grade used, in days. */
  thresholdDays: number;
  /** 'mileage' when annual mileage shortened the interval below the months rule. */
  basis: 'time' | 'mileage';
  thresholdMonths: number;
  /** The threshold as a person reads it: '6 个月' or '按里程 146 天（上限 6 个月）'. */
  threshold: { zh: string; en: string };
}

export interface ChurnList {
  churned: number;
  warning: number;
  /** Most overdue first: churned before at-risk, then the longest since the last service. */
  entries: ChurnEntry[];
}

export function churnList(
  customers: readonly AnalyticsCustomer[],
  params: Readonly<ChurnParams>,
  now: Date,
  grades?: GradesSource,
): ChurnList {
  const today = todayOf(now);
  const entries: ChurnEntry[] = [];
  let churned = 0;
  let warning = 0;
  for (let i = 0; i < customers.length; i++) {
    const g = gradesAt(customers, grades, i);
    const state = g?.churn;
    if (state !== 'churned' && state !== 'warning') continue;
    const c = customers[i]!;
    const last = dayOf(c.lastServiceAt);
    const expected = dayOf(g!.serviceDueAt);
    if (Number.isNaN(last) || Number.isNaN(expected)) continue;
    if (state === 'churned') churned++;
    else warning++;
    const rule: ChurnRule = (c.vehicleModel !== undefined && params.byModel[c.vehicleModel]) || params;
    const byTime = addMonthsToDay(last, rule.thresholdMonths);
    const thresholdDays = expected - last;
    const basis = expected < byTime ? 'mileage' : 'time';
    entries.push({
      index: i,
      state,
      lastServiceAt: c.lastServiceAt!.slice(0, 10),
      daysSinceService: today - last,
      expectedBy: g!.serviceDueAt!,
      daysPastExpected: Math.max(0, today - expected),
      thresholdDays,
      basis,
      thresholdMonths: rule.thresholdMonths,
      threshold:
        basis === 'mileage'
          ? {
              zh: `按里程 ${thresholdDays} 天（上限 ${rule.thresholdMonths} 个月）`,
              en: `${thresholdDays} days by mileage (capped at ${rule.thresholdMonths} months)`,
            }
          : { zh: `${rule.thresholdMonths} 个月`, en: `${rule.thresholdMonths} months` },
    });
  }
  entries.sort((a, b) =>
    a.state === b.state ? b.daysSinceService - a.daysSinceService : a.state === 'churned' ? -1 : 1,
  );
  return { churned, warning, entries };
}
