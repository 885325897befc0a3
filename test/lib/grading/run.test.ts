import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createGrader,
  DEFAULT_RULE_SET,
  entryOf,
  FLAG_IDS,
  FUNNEL_RULE_SET,
  gradeAll,
  gradeCustomer,
  gradeLabel,
  type CustomerGrading,
  type GradeInput,
  type GradeSummary,
} from '../../../lib/grading';
import { loyalty } from '../../../lib/grading/loyalty';
import { churn } from '../../../lib/grading/churn';
import { at } from './helpers';

// The run API (docs/grading.md#g010-the-run-api): one output per customer that the
// store, the grid, the drawer, the rule tester and the workbook all read.

const today = at('2026-03-10');

const store: GradeInput[] = [
  { id: 'hot', stage: 'lead', portalGrade: 'H', lastContactAt: '2026-03-07', expectedPurchaseAt: '2026-03-12' },
  { id: 'no-date', stage: 'lead', portalGrade: 'H' },
  { id: 'conflict', portalGrade: 'H', defeatReason: '太贵了', lastContactAt: '2026-03-01' },
  { id: 'future', stage: 'lead', portalGrade: 'A', lastContactAt: '2026-04-20' },
  {
    id: 'owner',
    stage: 'owner',
    vin: 'LSVAU2180N2183294',
    purchasedAt: '2023-05-01',
    lastServiceAt: '2025-06-01',
    serviceVisits: 4,
    totalSpend: 42000,
    birthday: '1980-03-12',
  },
  { id: 'defeated', stage: 'defeated', defeatReason: '买了别家', lastContactAt: '2026-02-01' },
  { id: 'blank' },
];

/** The stored record as it was built from the entries before the run API summarised straight from the table. */
function summaryFromEntries(grading: CustomerGrading): GradeSummary {
  const summary: GradeSummary = {};
  let next: { day: string; standard: 'intent' | 'defeated'; due: GradeSummary['due']; overdue?: number } | undefined;
  for (const e of grading.entries) {
    summary[e.standard] = e.grade;
    if (e.detail !== undefined) summary[`${e.standard}Detail`] = e.detail;
    if (e.flags) (summary.flags ??= []).push(...e.flags);
    if (e.nextDueAt === undefined) continue;
    if (e.standard === 'churn') summary.serviceDueAt = e.nextDueAt;
    else if ((e.standard === 'intent' || e.standard === 'defeated') && (!next || e.nextDueAt < next.day))
      next = { day: e.nextDueAt, standard: e.standard, due: e.due, overdue: e.overdueDays };
  }
  if (next) {
    summary.nextDueAt = next.day;
    summary.nextDueStandard = next.standard;
    summary.due = next.due;
    summary.overdueDays = next.overdue;
  }
  return summary;
}

afterEach(() => vi.restoreAllMocks());

describe('the run API', () => {
  it("summary() is the stored record of the customer's entries: grades, details, next due, service due, flags", () => {
    for (const g of gradeAll(store, DEFAULT_RULE_SET, today)) expect(g.summary(), g.id).toEqual(summaryFromEntries(g));
    for (const g of gradeAll(store, FUNNEL_RULE_SET, today)) expect(g.summary(), g.id).toEqual(summaryFromEntries(g));
  });

  it('gives per customer every standard with grade, label, reason in both languages, next due day and flags', () => {
    const [hot, noDate, conflict, future] = gradeAll(store, DEFAULT_RULE_SET, today);
    const intent = entryOf(hot!, 'intent')!;
    expect([intent.grade, intent.label.zh, intent.nextDueAt, intent.due]).toEqual([
      'H',
      'H级',
      '2026-03-09',
      'overdue',
    ]);
    expect(intent.reason.zh).not.toBe('');
    expect(intent.reason.en).not.toBe('');
    expect(hot!.entries.map((e) => e.standard)).toEqual([
      'intent',
      'loyalty',
      'value',
      'churn',
      'aftersales',
      'satisfaction',
      'defeated',
    ]);
    expect(noDate!.flags).toEqual(['missingDate']);
    expect(future!.flags).toEqual(['futureDate']);
    // Two standards raise the conflict: the customer's flags name it once, the stored record as raised.
    expect(conflict!.flags).toEqual(['gradeConflict']);
    expect(conflict!.summary().flags).toEqual(['gradeConflict', 'gradeConflict']);
    for (const g of gradeAll(store, DEFAULT_RULE_SET, today))
      expect(g.flags).toEqual(FLAG_IDS.filter((f) => g.entries.some((e) => e.flags?.includes(f))));
  });

  it('labelOf and reasonOf read one standard as its entry does', () => {
    for (const g of gradeAll(store, DEFAULT_RULE_SET, today)) {
      for (const e of g.entries) {
        expect(g.labelOf(e.standard)).toEqual(e.label);
        expect(g.reasonOf(e.standard)).toEqual(e.reason);
      }
    }
  });

  it("reasons from a run that keeps its columns (the workbook's) are the customer's own reasons", () => {
    const kept = gradeAll(store, DEFAULT_RULE_SET, today, { reasons: true });
    // Another run in between reuses the shared columns: the kept ones must not be them.
    gradeAll([...store].reverse(), DEFAULT_RULE_SET, today);
    kept.forEach((g, i) =>
      expect(JSON.stringify(g)).toEqual(JSON.stringify(gradeCustomer(store[i]!, DEFAULT_RULE_SET, today))),
    );
  });

  it('a grader grades batches as gradeAll does, with the context it is given', () => {
    const grader = createGrader(DEFAULT_RULE_SET, today);
    const batches = [...grader.grade(store.slice(0, 3)), ...grader.grade(store.slice(3))];
    const all = gradeAll(store, DEFAULT_RULE_SET, today);
    // Thresholds (the default value mode) need no context: the same grades.
    expect(batches.map((g) => g.summary())).toEqual(all.map((g) => g.summary()));
  });

  it("one customer's single standard read (a grid cell's reason) prepares and grades that standard alone", () => {
    const prepareLoyalty = vi.spyOn(loyalty, 'prepare');
    const gradeChurn = vi.spyOn(churn, 'gradeRow');
    const grading = gradeCustomer(store[4]!, DEFAULT_RULE_SET, today);
    expect(entryOf(grading, 'intent')!.reason.zh).toContain('生日问候');
    expect(prepareLoyalty).not.toHaveBeenCalled();
    expect(gradeChurn).not.toHaveBeenCalled();
    // Read whole, it grades every standard, as gradeAll does.
    expect(JSON.stringify(grading)).toEqual(JSON.stringify(gradeAll([store[4]!], DEFAULT_RULE_SET, today)[0]));
    expect(prepareLoyalty).toHaveBeenCalledTimes(2);
  });

  it('gives a stored grade its words without grading, by the rule set in use for intent', () => {
    expect(gradeLabel('intent', 'D', DEFAULT_RULE_SET.standards.intent).zh).toBe('D 交车客户');
    expect(gradeLabel('intent', 'D', FUNNEL_RULE_SET.standards.intent).zh).toBe('D级');
    expect(gradeLabel('churn', 'insufficient').zh).toBe('数据不足');
    expect(gradeLabel('value', 'n/a').zh).toBe('不适用');
    expect(gradeLabel('value', 'Z')).toEqual({ zh: 'Z', en: 'Z' });
  });
});
