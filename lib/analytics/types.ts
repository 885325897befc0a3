// What the analytics read (docs/architecture.md#libanalytics: analytics/ holds pivots and measures):
// a customer's fields and its stored grades (lib/db StoredCustomer fits as
// is). A caller that graded the customers afresh (the graded workbook) passes
// the summaries beside them instead of copying every record.
import type { CustomerFields } from '../customer';
import type { GradeSummary } from '../grading';

export interface AnalyticsCustomer extends CustomerFields {
  id?: string;
  /** ISO instant the store first held the customer (StoredCustomer.createdAt). */
  createdAt?: string;
  grades?: GradeSummary;
}

/** Grades read from `grades[i]` when given (parallel to the customers), else from the customer. */
export type GradesSource = readonly (GradeSummary | undefined)[] | undefined;

export function gradesAt(
  customers: readonly AnalyticsCustomer[],
  grades: GradesSource,
  i: number,
): GradeSummary | undefined {
  return grades ? grades[i] : customers[i]!.grades;
}

/** The label a blank category is shown under, so no customer drops out of a pivot. */
export const BLANK = { district: '未填区域', consultant: '未分配顾问', model: '未填车型', year: '未知年份' } as const;

export function categoryOf(text: string | undefined, blank: string): string {
  const t = text?.trim();
  return t ? t : blank;
}
