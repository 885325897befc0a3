// The views' reads (docs/architecture.md#the-data-layer): every query a page
// makes of the customers table, typed, in one place. Views call these and the
// commands next to them (followups.ts, bulk.ts, grades.ts, backup.ts); no
// component touches a table.
import type { FollowUp } from '../followup';
import type { GradingContext, RuleSet } from '../grading';
import { followUpsOf } from './followups';
import { loadGradingContext } from './grades';
import { historyOf } from './history';
import { activeRuleSet } from './ruleSets';
import type { DealerLensDB, HistoryEntry, StoredCustomer } from './types';

/** Customers read before the rest, so the first screen paints while 100,000 rows load. */
export const FIRST_SCREEN = 100;

/**
 * Which index a view's first screen can be read by: its first condition when
 * an index fits it (due on a day, due before a day, one consultant), else the
 * table's own order. lib/views works it out from a view.
 */
export type FirstScreenIndex =
  | { kind: 'dueOn'; day: string }
  | { kind: 'dueBefore'; day: string }
  | { kind: 'consultant'; name: string }
  | { kind: 'any' };

/** The first `limit` customers by `index`: what the workbench paints before it has read every row. */
export async function firstScreen(
  db: DealerLensDB,
  index: FirstScreenIndex,
  limit = FIRST_SCREEN,
): Promise<StoredCustomer[]> {
  const customers = db.customers;
  switch (index.kind) {
    case 'dueOn':
      return customers
        .where('grades.nextDueAt')
        .between(index.day, `${index.day}\uffff`, true, true)
        .limit(limit)
        .toArray();
    case 'dueBefore':
      return customers.where('grades.nextDueAt').below(index.day).limit(limit).toArray();
    case 'consultant':
      return customers.where('consultant').equals(index.name).limit(limit).toArray();
    case 'any':
      return customers.limit(limit).toArray();
  }
}

/** Every stored customer (the workbench's grid, the graded workbook). */
export async function allCustomers(db: DealerLensDB): Promise<StoredCustomer[]> {
  return db.customers.toArray();
}

/** One customer, or undefined when there is none by that id (deleted since, or never). */
export async function customerById(db: DealerLensDB, id: string): Promise<StoredCustomer | undefined> {
  return db.customers.get(id);
}

/** These customers in the order of `ids`; undefined where a customer is gone. */
export async function customersByIds(
  db: DealerLensDB,
  ids: readonly string[],
): Promise<(StoredCustomer | undefined)[]> {
  return db.customers.bulkGet([...ids]);
}

/** Those of these customers still stored, in the order of `ids`. */
export async function presentCustomers(db: DealerLensDB, ids: readonly string[]): Promise<StoredCustomer[]> {
  return (await customersByIds(db, ids)).filter((c): c is StoredCustomer => c !== undefined);
}

/** The consultants named on any customer, in Chinese order, each once (the "我是" and 改派 pick lists). */
export async function consultantNames(db: DealerLensDB): Promise<string[]> {
  const keys = await db.customers.orderBy('consultant').uniqueKeys();
  return keys
    .map(String)
    .filter((name) => name !== '')
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** What the graded workbook is written from: every customer and the rule set grading them. */
export async function workbookSource(
  db: DealerLensDB,
): Promise<{ customers: StoredCustomer[]; ruleSet: Readonly<RuleSet> }> {
  const [customers, ruleSet] = await Promise.all([allCustomers(db), activeRuleSet(db)]);
  return { customers, ruleSet };
}

/** What the customer drawer shows: the customer, its history, its follow-ups and what grades it. */
export interface CustomerDetail {
  customer: StoredCustomer;
  history: HistoryEntry[];
  followUps: FollowUp[];
  ruleSet: Readonly<RuleSet>;
  context: GradingContext;
}

/** The drawer's customer with everything around it; null when the customer is gone. */
export async function customerDetail(db: DealerLensDB, id: string): Promise<CustomerDetail | null> {
  const customer = await customerById(db, id);
  if (!customer) return null;
  const [history, followUps, ruleSet, context] = await Promise.all([
    historyOf(db, id),
    followUpsOf(db, id),
    activeRuleSet(db),
    loadGradingContext(db),
  ]);
  return { customer, history, followUps, ruleSet, context };
}
