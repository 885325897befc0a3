// Grading runs: one customer or all of them, by a rule set, on the user's day.
// Everything that depends only on the rule set and the day (band limits,
// holidays, label objects, quintile cut points) is prepared once per run; the
// customers are read once into typed columns (facts.ts) and every standard
// runs over those columns: integer day arithmetic, no text built (docs/architecture.md#performance-budgets:
// 100,000 customers with every standard on in under 150 ms).
import { type DueState, civilFromDays, isoOfDay, todayOf } from '../followup';
import { CustomerFacts } from './facts';
import { STANDARDS, type AnyStandard } from './registry';
import type { RuleSet } from './ruleset';
import {
  GradeCursor,
  GradeEntry,
  GradeTable,
  type FlagId,
  type GradeInput,
  type StandardId,
  type Today,
} from './types';

/** Whole-population figures by standard (value quintiles), from buildGradingContext. */
export type GradingContext = Partial<Record<StandardId, unknown>>;

/** A rule set made ready for one day: reuse it to grade many customers one at a time. */
export interface PreparedRuleSet {
  readonly today: Today;
  readonly standards: readonly AnyStandard[];
  readonly rules: readonly unknown[];
}

export function todayFrom(now: Date): Today {
  const day = todayOf(now);
  const [year, month, date] = civilFromDays(day);
  return { day, year, month, date };
}

/** The figures that need every customer (quintiles of spend), computed once. */
export function buildGradingContext(customers: readonly GradeInput[], ruleSet: Readonly<RuleSet>): GradingContext {
  const context: GradingContext = {};
  for (const s of STANDARDS as readonly AnyStandard[]) {
    const params = ruleSet.standards[s.id];
    if (params.enabled && s.context) context[s.id] = s.context(customers, params);
  }
  return context;
}

/** buildGradingContext from a run's facts (no second read of the customers). */
function gradingContextOf(facts: CustomerFacts, ruleSet: Readonly<RuleSet>): GradingContext {
  const context: GradingContext = {};
  for (const s of STANDARDS as readonly AnyStandard[]) {
    const params = ruleSet.standards[s.id];
    if (!params.enabled) continue;
    if (s.contextOf) context[s.id] = s.contextOf(facts, params);
    else if (s.context) context[s.id] = s.context(facts.inputs, params);
  }
  return context;
}

export function prepareRuleSet(ruleSet: Readonly<RuleSet>, now: Date, context: GradingContext = {}): PreparedRuleSet {
  const today = todayFrom(now);
  const standards: AnyStandard[] = [];
  const rules: unknown[] = [];
  for (const s of STANDARDS as readonly AnyStandard[]) {
    const params = ruleSet.standards[s.id];
    if (!params.enabled) continue;
    standards.push(s);
    rules.push(s.prepare(params, today, context[s.id], ruleSet.standards.intent));
  }
  return { today, standards, rules };
}

/**
 * One customer's grades: a view of one row of a run's grade table. Its
 * entries are built when read, so grading 100,000 customers builds 100,000
 * small reports and no entry objects.
 */
export class GradeReport {
  constructor(
    private readonly run: GradingRun,
    /** The customer's row in the run. */
    readonly row: number,
  ) {}

  /** The customer's id, when it has one. */
  get id(): string | undefined {
    return this.run.inputs[this.row]!.id;
  }

  get customer(): GradeInput {
    return this.run.inputs[this.row]!;
  }

  /** One entry per enabled standard, in registry order. */
  get entries(): GradeEntry[] {
    const { standards, rules } = this.run.prepared;
    const table = this.run.table;
    return standards.map((s, k) => new GradeEntry(s.id, table, table.cellOf(this.row, k), this.customer, s, rules[k]));
  }

  /** The grade id by one standard, without building entries; undefined when the standard is off. */
  gradeOf(standard: StandardId): string | undefined {
    const k = this.run.column(standard);
    return k < 0 ? undefined : this.run.table.gradeAt(this.run.table.cellOf(this.row, k));
  }

  toJSON(): { id?: string; entries: GradeEntry[] } {
    return this.id === undefined ? { entries: this.entries } : { id: this.id, entries: this.entries };
  }
}

// The columns of the last run, lent to the next: runs are synchronous and keep
// no facts (a report reads its customer, not the columns), so one set serves
// them all (see CustomerFacts on why allocating them per run is slow).
let scratch: CustomerFacts | undefined;

/** Reads customers into facts, on the columns of the previous run. */
function readFacts(customers: readonly GradeInput[]): CustomerFacts {
  scratch = new CustomerFacts(customers, scratch);
  return scratch;
}

/** The customers of one grading run and their grade table. */
export class GradingRun {
  readonly table: GradeTable;
  private readonly columnOf = new Map<StandardId, number>();

  readonly inputs: readonly GradeInput[];

  constructor(
    inputs: readonly GradeInput[] | CustomerFacts,
    readonly prepared: PreparedRuleSet,
  ) {
    const own = !(inputs instanceof CustomerFacts);
    const facts = own ? readFacts(inputs) : inputs;
    this.inputs = facts.inputs;
    const { standards, rules, today } = prepared;
    const columns = standards.length;
    standards.forEach((s, k) => this.columnOf.set(s.id, k));
    const n = facts.length;
    this.table = new GradeTable(n, columns, today.day);
    const out = new GradeCursor(this.table);
    for (let k = 0; k < columns; k++) {
      // Standard by standard: each grader stays hot over the whole population,
      // reading only the columns it needs.
      const standard = standards[k]!;
      const r = rules[k];
      const first = this.table.cellOf(0, k);
      for (let i = 0; i < n; i++) {
        out.cell = first + i;
        standard.gradeRow(facts, i, r, out);
      }
    }
    if (own) facts.release();
  }

  column(standard: StandardId): number {
    return this.columnOf.get(standard) ?? -1;
  }

  reports(): GradeReport[] {
    // Pushed, not preallocated: V8 gives `new Array(n)` slow dictionary storage for large n.
    const reports: GradeReport[] = [];
    for (let i = 0; i < this.inputs.length; i++) reports.push(new GradeReport(this, i));
    return reports;
  }
}

/** Grades customers with a prepared rule set (grading many customers one at a time, e.g. on capture). */
export function gradeWith(customers: readonly GradeInput[], prepared: PreparedRuleSet): GradeReport[] {
  return new GradingRun(customers, prepared).reports();
}

/**
 * Grades one customer by every enabled standard. Value quintiles need the
 * whole store: pass the context from buildGradingContext (gradeAll does).
 */
export function gradeCustomer(
  customer: GradeInput,
  ruleSet: Readonly<RuleSet>,
  now: Date,
  context?: GradingContext,
): GradeReport {
  return gradeWith([customer], prepareRuleSet(ruleSet, now, context))[0]!;
}

/** Grades every customer; each is read once, the population figures are computed once. */
export function gradeAll(customers: readonly GradeInput[], ruleSet: Readonly<RuleSet>, now: Date): GradeReport[] {
  const facts = readFacts(customers);
  const run = new GradingRun(facts, prepareRuleSet(ruleSet, now, gradingContextOf(facts, ruleSet)));
  facts.release();
  return run.reports();
}

/** The entry of one standard in a report, if that standard is enabled. */
export function entryOf(report: GradeReport, standard: StandardId): GradeEntry | undefined {
  for (const e of report.entries) if (e.standard === standard) return e;
  return undefined;
}

/** Standards whose due date is a consultant's follow-up (the workbench's due lists). */
const FOLLOW_UP_STANDARDS: ReadonlySet<StandardId> = new Set(['intent', 'defeated']);

/**
 * A report as a flat record to store with the customer, so a grid can sort and
 * filter: the grade per standard (`intent: 'H'`), sub-categories
 * (`defeatedDetail: '价格高'`), the next follow-up (earliest of the follow-up
 * standards) with its state, the expected service visit, and the flags.
 */
export type GradeSummary = { [K in StandardId]?: string } & { [K in `${StandardId}Detail`]?: string } & {
  nextDueAt?: string;
  nextDueStandard?: StandardId;
  due?: DueState;
  overdueDays?: number;
  /** Churn's expected service visit. */
  serviceDueAt?: string;
  flags?: FlagId[];
};

export function summarizeReport(report: GradeReport): GradeSummary {
  const summary: GradeSummary = {};
  let next: GradeEntry | undefined;
  for (const e of report.entries) {
    summary[e.standard] = e.grade;
    if (e.detail !== undefined) summary[`${e.standard}Detail`] = e.detail;
    if (e.flags) (summary.flags ??= []).push(...e.flags);
    if (Number.isNaN(e.nextDueDay)) continue;
    if (e.standard === 'churn') summary.serviceDueAt = isoOfDay(e.nextDueDay);
    else if (FOLLOW_UP_STANDARDS.has(e.standard) && (!next || e.nextDueDay < next.nextDueDay)) next = e;
  }
  if (next) {
    summary.nextDueAt = next.nextDueAt;
    summary.nextDueStandard = next.standard;
    summary.due = next.due;
    summary.overdueDays = next.overdueDays;
  }
  return summary;
}

export interface GradeDiff {
  /** Customers compared. */
  total: number;
  /** Customers whose grade changed by at least one standard. */
  changed: number;
  /** Per standard: how many changed, and how many went from each grade to each other ('H→A'). */
  byStandard: Partial<Record<StandardId, { changed: number; transitions: Record<string, number> }>>;
}

const gradeIn = (x: GradeReport | GradeSummary, standard: StandardId): string | undefined =>
  x instanceof GradeReport ? x.gradeOf(standard) : x[standard];

/**
 * How many grades a rule change changes, by standard, for the confirmation
 * step ("changing a rule set ... shows how many changed grade, by standard").
 * `before` and `after` are the same customers in the same order, as reports or
 * summaries; a standard switched on or off counts as a change ('—' side).
 */
export function diffGrades(
  before: readonly (GradeReport | GradeSummary)[],
  after: readonly (GradeReport | GradeSummary)[],
): GradeDiff {
  if (before.length !== after.length)
    throw new RangeError(`diffGrades: ${before.length} before, ${after.length} after`);
  const byStandard: GradeDiff['byStandard'] = {};
  let changed = 0;
  for (let i = 0; i < before.length; i++) {
    let any = false;
    for (const s of STANDARDS) {
      const a = gradeIn(before[i]!, s.id);
      const b = gradeIn(after[i]!, s.id);
      if (a === b) continue;
      any = true;
      const d = (byStandard[s.id] ??= { changed: 0, transitions: {} });
      d.changed++;
      const key = `${a ?? '—'}→${b ?? '—'}`;
      d.transitions[key] = (d.transitions[key] ?? 0) + 1;
    }
    if (any) changed++;
  }
  return { total: before.length, changed, byStandard };
}
