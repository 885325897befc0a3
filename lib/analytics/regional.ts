// docs/grading.md#v4-regional-concentration (基盘客户分级): managers read the loyalty tiers
// (优质 / 潜力 / 一般) by region and by year (区域集中度分析), as a table and
// as grouped bars. Only customers the loyalty standard tiered count: a lead
// has no loyalty tier (不适用), nor does an owner with too little data.
//
// "Year" is the year the customer joined the base as an owner: the year of
// purchasedAt (else deliveredAt), which is what a manager means by "2025's
// customers". A record without either date falls back to the local year of
// createdAt (when the store first held it), so no tiered customer drops out;
// `yearFromCreatedAt` counts how many did, for a note under the table.
import { dayOf, todayOf, yearOfDay } from '../calendar';
import { BLANK, categoryOf, gradesAt, type AnalyticsCustomer, type GradesSource } from './types';

export const TIERS = ['quality', 'potential', 'general'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = { quality: '优质', potential: '潜力', general: '一般' };

export type TierCounts = Record<Tier, number> & { total: number };

export interface RegionalPivot {
  /** Districts, most tiered customers first (blank district last). */
  districts: string[];
  /** Years ascending (unknown last). */
  years: string[];
  /** cells[district][year] */
  cells: Record<string, Record<string, TierCounts>>;
  byDistrict: Record<string, TierCounts>;
  byYear: Record<string, TierCounts>;
  total: TierCounts;
  /** Tiered customers whose year came from createdAt (no purchase or delivery date). */
  yearFromCreatedAt: number;
}

const emptyCounts = (): TierCounts => ({ quality: 0, potential: 0, general: 0, total: 0 });

function add(counts: TierCounts, tier: Tier): void {
  counts[tier]++;
  counts.total++;
}

/** The year a customer counts under, and whether it came from createdAt. */
export function baseYearOf(customer: AnalyticsCustomer): { year: string; fromCreatedAt: boolean } {
  const bought = dayOf(customer.purchasedAt ?? customer.deliveredAt);
  if (!Number.isNaN(bought)) return { year: String(yearOfDay(bought)), fromCreatedAt: false };
  if (customer.createdAt) {
    // createdAt is an instant: its year in the user's zone.
    const created = todayOf(new Date(customer.createdAt));
    if (!Number.isNaN(created)) return { year: String(yearOfDay(created)), fromCreatedAt: true };
  }
  return { year: BLANK.year, fromCreatedAt: true };
}

export function regionalConcentration(customers: readonly AnalyticsCustomer[], grades?: GradesSource): RegionalPivot {
  const cells: RegionalPivot['cells'] = {};
  const byDistrict: RegionalPivot['byDistrict'] = {};
  const byYear: RegionalPivot['byYear'] = {};
  const total = emptyCounts();
  let yearFromCreatedAt = 0;
  for (let i = 0; i < customers.length; i++) {
    const tier = gradesAt(customers, grades, i)?.loyalty;
    if (tier !== 'quality' && tier !== 'potential' && tier !== 'general') continue;
    const customer = customers[i]!;
    const district = categoryOf(customer.district, BLANK.district);
    const { year, fromCreatedAt } = baseYearOf(customer);
    if (fromCreatedAt) yearFromCreatedAt++;
    add(((cells[district] ??= {})[year] ??= emptyCounts()), tier);
    add((byDistrict[district] ??= emptyCounts()), tier);
    add((byYear[year] ??= emptyCounts()), tier);
    add(total, tier);
  }
  const districts = Object.keys(byDistrict).sort((a, b) => {
    if (a === BLANK.district || b === BLANK.district) return a === BLANK.district ? 1 : -1;
    return byDistrict[b]!.total - byDistrict[a]!.total || a.localeCompare(b, 'zh-CN');
  });
  const years = Object.keys(byYear).sort((a, b) => (a === BLANK.year ? 1 : b === BLANK.year ? -1 : a.localeCompare(b)));
  return { districts, years, cells, byDistrict, byYear, total, yearFromCreatedAt };
}

/** A cell of the pivot, zero where no customer falls. */
export function pivotCell(pivot: RegionalPivot, district: string, year: string): TierCounts {
  return pivot.cells[district]?.[year] ?? emptyCounts();
}
