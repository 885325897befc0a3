// Grading runs: one customer or all of them, by a rule set, on the user's day.
// Everything that depends only on the rule set and the day (band limits,
// holidays, label objects, quintile cut points) is prepared once per run; the
// customers are read once into typed columns (facts.ts) and every standard
// runs over those columns: integer day arithmetic, no text built (docs/architecture.md#performance-budgets:
// 100,000 customers with every standard on in under 150 ms).
import { civilFromDays, isoOfDay, todayOf } from '../calendar';
import { type DueState } from '../followup';
import { CustomerFacts } from './facts';
import { STANDARDS, type AnyStandard } from './registry';
import type { RuleSet } from './ruleset';
import type { IntentParams } from './intent-params';
import { intentGradeLabels } from './letters';
import {
  dueStateOf,
  FLAG_IDS,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  GradeCursor,
  GradeEntry,
  GradeTable,
  Why,
  type Bilingual,
  type FlagId,
  type GradeInput,
  type StandardId,
  type Today,
} from './types';

/** Whole-population figures by standard (value quintiles), from buildGradingContext. */
export type GradingContext = Partial<Record<StandardId, unknown>>;

/**
 * A rule set made ready for one day: reused for every customer of a run (and
 * every batch of a Grader). Each standard is prepared when first used, so a
 * customer graded for one standard's words prepares that standard alone.
 */
class PreparedRuleSet {
  readonly today: Today;
  /** The enabled standards, in registry order: a run's columns. */
  readonly standards: readonly AnyStandard[];
  private readonly rules: unknown[] = [];
  private readonly ready: boolean[] = [];

  constructor(
    private readonly ruleSet: Readonly<RuleSet>,
    now: Date,
    private readonly context: GradingContext,
  ) {
    this.today = todayFrom(now);
    this.standards = (STANDARDS as readonly AnyStandard[]).filter((s) => ruleSet.standards[s.id].enabled);
  }

  /** The prepared rules of the k-th enabled standard. */
  rule(k: number): unknown {
    if (this.ready[k]) return this.rules[k];
    const s = this.standards[k]!;
    const { standards } = this.ruleSet;
    this.ready[k] = true;
    return (this.rules[k] = s.prepare(standards[s.id], this.today, this.context[s.id], standards.intent));
  }
}

function todayFrom(now: Date): Today {
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

function prepareRuleSet(ruleSet: Readonly<RuleSet>, now: Date, context: GradingContext = {}): PreparedRuleSet {
  return new PreparedRuleSet(ruleSet, now, context);
}

/** One standard's grade of one customer, as every reader of grades gets it. */
export interface StandardGrading {
  readonly standard: StandardId;
  /** The grade id ('H', 'churned', 'insufficient', 'n/a' ...). */
  readonly grade: string;
  readonly label: Bilingual;
  /** A sub-category: the normalised defeat reason, the vehicle use. */
  readonly detail: string | undefined;
  /** The next due day, 'YYYY-MM-DD', with its state today. */
  readonly nextDueAt: string | undefined;
  readonly due: DueState | undefined;
  readonly overdueDays: number | undefined;
  readonly flags: readonly FlagId[] | undefined;
  /** The standard's own words for this grade, in both languages; worked out when read. */
  readonly reason: Bilingual;
}

/**
 * One customer graded by every enabled standard: the one output of grading
 * (docs/grading.md#g010-the-run-api). The store keeps `summary()`; the workbook, the
 * drawer and the rule tester read the rest.
 */
export interface CustomerGrading {
  /** The customer's id, when it has one. */
  readonly id: string | undefined;
  /** One per enabled standard, in registry order; built when read. */
  readonly entries: StandardGrading[];
  /** The grade id by one standard, without building entries; undefined when the standard is off. */
  gradeOf(standard: StandardId): string | undefined;
  /** The grade's label by one standard, without building entries. */
  labelOf(standard: StandardId): Bilingual | undefined;
  /** The reason of one standard's grade (one standard run once more, with words). */
  reasonOf(standard: StandardId): Bilingual | undefined;
  /** Every standard's flags, each once, in FLAG_IDS order. */
  readonly flags: FlagId[];
  /** The flat record stored with the customer (GradeSummary). */
  summary(): GradeSummary;
}

/**
 * One customer's grades: a view of one row of a run's grade table. Its
 * entries are built when read, so grading 100,000 customers builds 100,000
 * small reports and no entry objects.
 */
class GradeReport implements CustomerGrading {
  constructor(
    private readonly run: GradingRun,
    /** The customer's row in the run. */
    readonly row: number,
  ) {}

  get id(): string | undefined {
    return this.run.inputs[this.row]!.id;
  }

  get entries(): GradeEntry[] {
    this.run.all();
    return this.run.prepared.standards.map((_, k) => this.run.entry(this.row, k));
  }

  /** The entry of one standard, alone; undefined when the standard is off. */
  entry(standard: StandardId): GradeEntry | undefined {
    const k = this.run.column(standard);
    return k < 0 ? undefined : this.run.entry(this.row, k);
  }

  gradeOf(standard: StandardId): string | undefined {
    const k = this.run.column(standard);
    return k < 0 ? undefined : this.run.table.gradeAt(this.run.table.cellOf(this.row, k));
  }

  labelOf(standard: StandardId): Bilingual | undefined {
    const k = this.run.column(standard);
    return k < 0 ? undefined : this.run.table.labelAt(this.run.table.cellOf(this.row, k));
  }

  reasonOf(standard: StandardId): Bilingual | undefined {
    const k = this.run.column(standard);
    return k < 0 ? undefined : this.run.reason(this.row, k);
  }

  get flags(): FlagId[] {
    this.run.all();
    const { table } = this.run;
    let bits = 0;
    for (let k = 0; k < table.columns; k++) bits |= table.flags[table.cellOf(this.row, k)]!;
    return bits === 0 ? [] : FLAG_IDS.filter((_, i) => bits & (1 << i));
  }

  summary(): GradeSummary {
    // Straight from the table: a re-grade summarises every customer, and entries would be 7 objects each.
    this.run.all();
    const { table, prepared } = this.run;
    const { standards } = prepared;
    const summary: GradeSummary = {};
    let nextDay = NaN;
    let nextStandard: StandardId | undefined;
    for (let k = 0; k < standards.length; k++) {
      const id = standards[k]!.id;
      const cell = table.cellOf(this.row, k);
      summary[id] = table.gradeAt(cell);
      const detail = table.detailAt(cell);
      if (detail !== undefined) summary[`${id}Detail`] = detail;
      const bits = table.flags[cell]!;
      if (bits) {
        const flags = (summary.flags ??= []);
        for (let f = 0; f < FLAG_IDS.length; f++) if (bits & (1 << f)) flags.push(FLAG_IDS[f]!);
      }
      const day = table.dueDay[cell]!;
      if (Number.isNaN(day)) continue;
      if (id === 'churn') summary.serviceDueAt = isoOfDay(day);
      // The consultant's follow-ups (the workbench's due lists): intent and defeated.
      else if ((id === 'intent' || id === 'defeated') && !(day >= nextDay)) {
        nextDay = day;
        nextStandard = id;
      }
    }
    if (nextStandard !== undefined) {
      summary.nextDueAt = isoOfDay(nextDay);
      summary.nextDueStandard = nextStandard;
      summary.due = dueStateOf(nextDay, table.today);
      summary.overdueDays = Math.max(0, table.today - nextDay);
    }
    return summary;
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
class GradingRun {
  readonly table: GradeTable;
  /** Standard -> column, -1 when off (a plain record: read several times per customer by the workbook). */
  private readonly columnOf: Record<StandardId, number> = {
    intent: -1,
    loyalty: -1,
    value: -1,
    churn: -1,
    aftersales: -1,
    satisfaction: -1,
    defeated: -1,
  };
  readonly inputs: readonly GradeInput[];
  /** Reasons re-run a standard with words: on these columns when the run keeps them, else on the customer. */
  private readonly kept: CustomerFacts | undefined;
  /** Per column: graded yet (a lazy run grades a standard when it is first read). */
  private readonly graded: boolean[];
  private why: GradeCursor | undefined;

  constructor(
    facts: CustomerFacts,
    readonly prepared: PreparedRuleSet,
    keep: boolean,
    lazy = false,
  ) {
    this.inputs = facts.inputs;
    this.kept = keep || lazy ? facts : undefined;
    const { standards, today } = prepared;
    const columns = standards.length;
    standards.forEach((s, k) => (this.columnOf[s.id] = k));
    this.table = new GradeTable(facts.length, columns, today.day);
    this.graded = new Array<boolean>(columns).fill(false);
    // Standard by standard: each grader stays hot over the whole population,
    // reading only the columns it needs.
    if (!lazy) for (let k = 0; k < columns; k++) this.gradeColumn(facts, k);
  }

  private gradeColumn(facts: CustomerFacts, k: number): void {
    this.graded[k] = true;
    const standard = this.prepared.standards[k]!;
    const r = this.prepared.rule(k);
    const out = new GradeCursor(this.table);
    const first = this.table.cellOf(0, k);
    for (let i = 0, n = facts.length; i < n; i++) {
      out.cell = first + i;
      standard.gradeRow(facts, i, r, out);
    }
  }

  /** The column of a standard, graded; -1 when the standard is off. */
  column(standard: StandardId): number {
    const k = this.columnOf[standard];
    if (k >= 0 && !this.graded[k]) this.gradeColumn(this.kept!, k);
    return k;
  }

  /** Every column graded (a lazy run read whole). */
  all(): void {
    for (let k = 0; k < this.graded.length; k++) if (!this.graded[k]) this.gradeColumn(this.kept!, k);
  }

  entry(row: number, k: number): GradeEntry {
    return new GradeEntry(this.prepared.standards[k]!.id, this.table, this.table.cellOf(row, k), () =>
      this.reason(row, k),
    );
  }

  reason(row: number, k: number): Bilingual {
    const why = new Why();
    const standard = this.prepared.standards[k]!;
    const rules = this.prepared.rule(k);
    // The grade is written again into a one-cell table of its own; only the words are kept.
    if (this.kept) {
      const out = (this.why ??= new GradeCursor(new GradeTable(1, 1, this.table.today)));
      // Emptied first: a standard's words read its own due day back, and the last reason's must not be it.
      out.table.dueDay[0] = NaN;
      out.table.flags[0] = 0;
      out.table.gradeCode[0] = 0;
      out.table.detailCode[0] = 0;
      standard.gradeRow(this.kept, row, rules, out, why);
    } else {
      standard.grade(this.inputs[row]!, rules, new GradeCursor(new GradeTable(1, 1, this.table.today)), why);
    }
    return why.result();
  }

  reports(): GradeReport[] {
    // Pushed, not preallocated: V8 gives `new Array(n)` slow dictionary storage for large n.
    const reports: GradeReport[] = [];
    for (let i = 0; i < this.inputs.length; i++) reports.push(new GradeReport(this, i));
    return reports;
  }
}

/** Grades customers in one run; the run keeps its own columns (for reasons) or lends them to the next run. */
function runOf(customers: readonly GradeInput[], prepared: PreparedRuleSet, keep: boolean): GradeReport[] {
  if (keep) return new GradingRun(new CustomerFacts(customers), prepared, true).reports();
  const facts = readFacts(customers);
  const run = new GradingRun(facts, prepared, false);
  facts.release();
  return run.reports();
}

/** A rule set made ready for one day and store: grades customers a batch at a time (a capture, a re-grade's chunks). */
export interface Grader {
  grade(customers: readonly GradeInput[]): CustomerGrading[];
}

/**
 * A grader for `ruleSet` on the day of `now`, with the store-wide figures of
 * `context` (buildGradingContext): prepared once, used for every batch.
 */
export function createGrader(ruleSet: Readonly<RuleSet>, now: Date, context: GradingContext = {}): Grader {
  const prepared = prepareRuleSet(ruleSet, now, context);
  return { grade: (customers) => runOf(customers, prepared, false) };
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
): CustomerGrading {
  // Lazy: a standard is prepared and graded when first read (a grid cell's reason reads one).
  return new GradingRun(new CustomerFacts([customer]), prepareRuleSet(ruleSet, now, context), true, true).reports()[0]!;
}

export interface GradeAllOptions {
  /**
   * Reasons will be read for many customers (the workbook): the run keeps its
   * columns, so a reason re-runs one standard on them instead of reading the
   * customer again. Costs the columns' memory for as long as the gradings live.
   */
  reasons?: boolean;
}

/** Grades every customer; each is read once, the population figures are computed once. */
export function gradeAll(
  customers: readonly GradeInput[],
  ruleSet: Readonly<RuleSet>,
  now: Date,
  options?: GradeAllOptions,
): CustomerGrading[] {
  const keep = options?.reasons === true;
  const facts = keep ? new CustomerFacts(customers) : readFacts(customers);
  const run = new GradingRun(facts, prepareRuleSet(ruleSet, now, gradingContextOf(facts, ruleSet)), keep);
  if (!keep) facts.release();
  return run.reports();
}

/** The grading of one standard in a customer's grading, if that standard is enabled (builds that entry alone). */
export function entryOf(grading: CustomerGrading, standard: StandardId): StandardGrading | undefined {
  if (grading instanceof GradeReport) return grading.entry(standard);
  return grading.entries.find((e) => e.standard === standard);
}

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

export interface GradeDiff {
  /** Customers compared. */
  total: number;
  /** Customers whose grade changed by at least one standard. */
  changed: number;
  /** Per standard: how many changed, and how many went from each grade to each other ('H→A'). */
  byStandard: Partial<Record<StandardId, { changed: number; transitions: Record<string, number> }>>;
}

const gradeIn = (x: CustomerGrading | GradeSummary, standard: StandardId): string | undefined =>
  typeof (x as CustomerGrading).gradeOf === 'function'
    ? (x as CustomerGrading).gradeOf(standard)
    : (x as GradeSummary)[standard];

/**
 * How many grades a rule change changes, by standard, for the confirmation
 * step ("changing a rule set ... shows how many changed grade, by standard").
 * `before` and `after` are the same customers in the same order, as reports or
 * summaries; a standard switched on or off counts as a change ('—' side).
 */
export function diffGrades(
  before: readonly (CustomerGrading | GradeSummary)[],
  after: readonly (CustomerGrading | GradeSummary)[],
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

/** Grade id -> label, per standard: the registry's grades plus 数据不足 and 不适用. */
const LABELS: ReadonlyMap<StandardId, ReadonlyMap<string, Bilingual>> = new Map(
  STANDARDS.map((s) => [s.id, withShared(s.grades.map((g) => [g.id, g.label]))]),
);

function withShared(grades: [string, Bilingual][]): ReadonlyMap<string, Bilingual> {
  return new Map([
    ...grades,
    [INSUFFICIENT, INSUFFICIENT_LABEL] as const,
    [NOT_APPLICABLE, NOT_APPLICABLE_LABEL] as const,
  ]);
}

/**
 * A standard's grade ids and their labels, most urgent or valuable first: the
 * words of a stored grade (GradeSummary) without grading. Rule sets name
 * their intent grades differently (the funnel's D is a lead, the 乘用车
 * standard's D a delivered customer), so intent follows `intent` when given.
 */
export function gradeLabels(standard: StandardId, intent?: IntentParams): ReadonlyMap<string, Bilingual> {
  if (standard !== 'intent' || !intent) return LABELS.get(standard)!;
  let labels = INTENT_LABELS.get(intent);
  if (!labels) INTENT_LABELS.set(intent, (labels = withShared(intentGradeLabels(intent).map((g) => [g.id, g.label]))));
  return labels;
}

/** Per intent standard of a rule set: a cell's label is looked up per row, the map built once. */
const INTENT_LABELS = new WeakMap<IntentParams, ReadonlyMap<string, Bilingual>>();

/** The label of one stored grade (gradeLabels); an id no rule set knows reads as itself. */
export function gradeLabel(standard: StandardId, grade: string, intent?: IntentParams): Bilingual {
  return gradeLabels(standard, intent).get(grade) ?? { zh: grade, en: grade };
}
