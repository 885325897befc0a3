// docs/grading.md#v6-measures-kpis, those the stored data
// allows. Each measure says what it counts, so a manager can check it:
// - 保有量: owners held, the customers the churn standard applies to (owners
//   and delivered buyers: lib/grading holdsVehicle), whatever their state.
// - 新增客户: customers the store first held (createdAt) in the calendar
//   month and year of `now`, in the user's zone.
// - 流失率: churned / owners with a service record (active + at risk +
//   churned); owners who never came in (未进站) are not churned (docs/grading.md#v6-measures-kpis).
// - 回站率: owners with a service visit in the last 365 days / owners held.
// - 战败率: defeated / the sales base (leads, ordered, delivered and defeated
//   customers); owners held from before are after-sales, not sales outcomes.
// - Grade distribution: customers per grade, per standard.
// Follow-up compliance (due vs done) is the audit (lib/followup) and grade
// progression needs dated grade history: neither is computed here.
import { dayOf, monthOfDay, todayOf, yearOfDay } from '../calendar';
import { STANDARD_IDS, type StandardId } from '../grading';
import { gradesAt, type AnalyticsCustomer, type GradesSource } from './types';

export interface Kpis {
  customers: number;
  owners: number;
  newThisMonth: number;
  newThisYear: number;
  churned: number;
  /** Owners with a service record: the churn rate's denominator. */
  ownersServiced: number;
  churnRate: number | null;
  returnedWithinYear: number;
  returnRate: number | null;
  defeated: number;
  salesBase: number;
  defeatRate: number | null;
  /** Customers per grade id, per standard ('insufficient' and 'n/a' included). */
  distribution: Partial<Record<StandardId, Record<string, number>>>;
}

const SALES_STAGES = new Set(['lead', 'ordered', 'delivered', 'defeated']);
const YEAR_DAYS = 365;

export function kpis(customers: readonly AnalyticsCustomer[], now: Date, grades?: GradesSource): Kpis {
  const today = todayOf(now);
  const year = yearOfDay(today);
  const month = monthOfDay(today);
  const out: Kpis = {
    customers: customers.length,
    owners: 0,
    newThisMonth: 0,
    newThisYear: 0,
    churned: 0,
    ownersServiced: 0,
    churnRate: null,
    returnedWithinYear: 0,
    returnRate: null,
    defeated: 0,
    salesBase: 0,
    defeatRate: null,
    distribution: {},
  };
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i]!;
    const g = gradesAt(customers, grades, i);
    if (c.createdAt) {
      // createdAt is an instant: its day in the user's zone.
      const created = todayOf(new Date(c.createdAt));
      if (yearOfDay(created) === year) {
        out.newThisYear++;
        if (monthOfDay(created) === month) out.newThisMonth++;
      }
    }
    if (g) {
      for (const s of STANDARD_IDS) {
        const grade = g[s];
        if (grade === undefined) continue;
        const d = (out.distribution[s] ??= {});
        d[grade] = (d[grade] ?? 0) + 1;
      }
      const churn = g.churn;
      if (churn !== undefined && churn !== 'n/a') {
        out.owners++;
        if (churn === 'churned' || churn === 'warning' || churn === 'active') out.ownersServiced++;
        if (churn === 'churned') out.churned++;
        const last = dayOf(c.lastServiceAt);
        if (!Number.isNaN(last) && last <= today && today - last <= YEAR_DAYS) out.returnedWithinYear++;
      }
      if (g.defeated === 'defeated') out.defeated++;
    }
    // A customer the follow-up log marked defeated counts in the base it was lost from.
    const stage = c.stage;
    if ((stage !== undefined && SALES_STAGES.has(stage)) || g?.defeated === 'defeated') out.salesBase++;
  }
  const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);
  out.churnRate = rate(out.churned, out.ownersServiced);
  out.returnRate = rate(out.returnedWithinYear, out.owners);
  out.defeatRate = rate(out.defeated, out.salesBase);
  return out;
}
