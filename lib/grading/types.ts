// Shared shapes of lib/grading: what a standard reads, what it gives back, and
// how its reason is produced. Speed (docs/architecture.md#performance-budgets: 100,000 customers in < 150 ms)
// shapes this file: a standard reads a run's facts (facts.ts: typed columns,
// each customer read once) and writes codes into a grade table, building no
// text; its reason is produced on demand by running the same standard again
// on that one customer with a `Why` collector, so the words always match the
// grade and cost nothing until read.
import { factsOf, type CustomerFacts } from './facts';
import { isoOfDay } from '../calendar';
import { type DueState } from '../followup';
import type { IntentParams } from './intent-params';
import type { Bilingual, GradeInput, ValidationError } from './input';

export { label } from './input';
export type { Bilingual, GradeInput, ValidationError } from './input';

export const STANDARD_IDS = ['intent', 'loyalty', 'value', 'churn', 'aftersales', 'satisfaction', 'defeated'] as const;
export type StandardId = (typeof STANDARD_IDS)[number];

/** Grade ids every standard may give besides its own. */
export const INSUFFICIENT = 'insufficient';
export const NOT_APPLICABLE = 'n/a';
export const INSUFFICIENT_LABEL: Bilingual = { zh: '数据不足', en: 'Insufficient data' };
export const NOT_APPLICABLE_LABEL: Bilingual = { zh: '不适用', en: 'Not applicable' };

export type FlagId =
  | 'gradeMismatch'
  | 'portalGradeUnknown'
  | 'expectedPassed'
  | 'futureDate'
  | 'contradiction'
  | 'missingDate'
  | 'gradeConflict';

export const FLAG_LABELS: Record<FlagId, Bilingual> = {
  gradeMismatch: { zh: '系统原级别与推算级别不一致', en: 'Portal grade disagrees with the derived grade' },
  portalGradeUnknown: { zh: '系统原级别不在本规则集中', en: 'Portal grade is not in this rule set' },
  expectedPassed: { zh: '预计购车日期已过', en: 'Expected purchase date has passed' },
  futureDate: { zh: '日期在今天之后', en: 'A date lies in the future' },
  contradiction: { zh: '数据相互矛盾', en: 'Contradictory data' },
  missingDate: { zh: '资料不全', en: 'Missing data' },
  gradeConflict: {
    zh: '级别冲突: 系统原级别与其他列不符',
    en: 'Grade conflict: the portal grade clashes with the other columns',
  },
};

/** The user's day, computed once per grading run. */
export interface Today {
  /** Day number (lib/followup/calendar.ts). */
  readonly day: number;
  readonly year: number;
  readonly month: number;
  readonly date: number;
}

/** Collects the words of a reason while a standard grades; absent on the fast path. */
export class Why {
  private readonly zh: string[] = [];
  private readonly en: string[] = [];
  add(zh: string, en: string): void {
    this.zh.push(zh);
    this.en.push(en);
  }
  result(): Bilingual {
    return { zh: this.zh.join('; '), en: this.en.join('; ') };
  }
}

/** One standard as listed in the registry (registry.ts). */
export interface StandardDefinition<P extends { enabled: boolean } = { enabled: boolean }, R = unknown> {
  readonly id: StandardId;
  readonly name: Bilingual;
  /** Every grade id it gives (besides insufficient / n/a), with labels: legends and filters iterate over it. */
  readonly grades: readonly { readonly id: string; readonly label: Bilingual }[];
  /** The parameters of DEFAULT_RULE_SET. */
  readonly defaults: P;
  /** Adds an error per offending field of `params`, `path` being where params sit in the rule set. */
  validate(params: unknown, path: string, errors: ValidationError[]): void;
  /** Whole-population figures the standard needs (quintiles); computed once by gradeAll. */
  context?(customers: readonly GradeInput[], params: P): unknown;
  /** The same figures from a run's facts (gradeAll reads the customers once). */
  contextOf?(facts: CustomerFacts, params: P): unknown;
  /**
   * Everything that depends only on the rules, today and the context: computed once per run.
   * `intent` is the rule set's intent standard: its letters read a portal grade (letters.ts).
   */
  prepare(params: P, today: Today, context: unknown, intent?: IntentParams): R;
  /**
   * Grades row i of a run's facts into `out` (the cursor sits on this
   * customer's cell of the grade table); writes words into `why` only when it
   * is given.
   */
  gradeRow(facts: CustomerFacts, i: number, rules: R, out: GradeCursor, why?: Why): void;
  /** Grades one customer (its facts read first): gradeRow on a one-row run. */
  grade(input: GradeInput, rules: R, out: GradeCursor, why?: Why): void;
}

/** A standard's `grade` from its `gradeRow`. */
export const gradeOne =
  <R>(gradeRow: StandardDefinition<{ enabled: boolean }, R>['gradeRow']) =>
  (input: GradeInput, rules: R, out: GradeCursor, why?: Why): void =>
    gradeRow(factsOf(input), 0, rules, out, why);

export const FLAG_IDS: readonly FlagId[] = [
  'gradeMismatch',
  'portalGradeUnknown',
  'expectedPassed',
  'futureDate',
  'contradiction',
  'missingDate',
  'gradeConflict',
];

/**
 * Grades of many customers by several standards, one cell per (customer,
 * standard), held in typed columns: 100,000 customers x 7 standards would be
 * 700,000 objects otherwise, and allocating them alone costs more than the
 * budget. Grades and details are stored as codes into small dictionaries.
 * Cells run standard by standard (cellOf), so a standard grading the whole
 * population writes one contiguous stretch of each array.
 */
export class GradeTable {
  /** Code -> grade id / label; code 0 is 数据不足. */
  readonly gradeIds: string[] = [INSUFFICIENT];
  readonly gradeLabels: Bilingual[] = [INSUFFICIENT_LABEL];
  /** Code -> detail; code 0 is none. */
  readonly details: (string | undefined)[] = [undefined];
  private readonly codeOfDetail = new Map<string, number>();

  readonly gradeCode: Uint16Array;
  readonly detailCode: Uint16Array;
  /** Day number of the next due date, NaN when none (float32: exact for day numbers, half the memory per run). */
  readonly dueDay: Float32Array;
  /** Bit i set = FLAG_IDS[i]. */
  readonly flags: Uint8Array;

  constructor(
    readonly rows: number,
    readonly columns: number,
    readonly today: number,
  ) {
    const cells = rows * columns;
    this.gradeCode = new Uint16Array(cells);
    this.detailCode = new Uint16Array(cells);
    this.dueDay = new Float32Array(cells).fill(NaN);
    this.flags = new Uint8Array(cells);
  }

  /** The cell of a customer (row) by a standard (column). */
  cellOf(row: number, column: number): number {
    return column * this.rows + row;
  }

  /** The code of a grade; one grade id per label object (labels are constants of their standard). */
  gradeCodeOf(grade: string, label: Bilingual): number {
    // A table holds a few dozen labels and a standard grades its whole column
    // before the next one starts: scanning from the latest beats hashing.
    const labels = this.gradeLabels;
    for (let code = labels.length - 1; code >= 0; code--) if (labels[code] === label) return code;
    this.gradeIds.push(grade);
    return labels.push(label) - 1;
  }

  detailCodeOf(detail: string): number {
    let code = this.codeOfDetail.get(detail);
    if (code === undefined) {
      code = this.details.push(detail) - 1;
      this.codeOfDetail.set(detail, code);
    }
    return code;
  }

  gradeAt(cell: number): string {
    return this.gradeIds[this.gradeCode[cell]!]!;
  }
  labelAt(cell: number): Bilingual {
    return this.gradeLabels[this.gradeCode[cell]!]!;
  }
  detailAt(cell: number): string | undefined {
    return this.details[this.detailCode[cell]!];
  }
}

/** Where a standard writes one customer's grade: a movable cursor over a GradeTable, reused for every cell. */
export class GradeCursor {
  cell = 0;
  constructor(readonly table: GradeTable) {}

  set(grade: string, label: Bilingual): void {
    this.table.gradeCode[this.cell] = this.table.gradeCodeOf(grade, label);
  }
  setDetail(detail: string): void {
    this.table.detailCode[this.cell] = this.table.detailCodeOf(detail);
  }
  /** Sets the due day; due / overdue follow from it (docs/grading.md#g05-due-day-calendar-days-in-the-users-zone). */
  dueOn(day: number): void {
    this.table.dueDay[this.cell] = day;
  }
  flag(flag: FlagId): void {
    this.table.flags[this.cell]! |= 1 << FLAG_IDS.indexOf(flag);
  }
  hasFlag(flag: FlagId): boolean {
    return (this.table.flags[this.cell]! & (1 << FLAG_IDS.indexOf(flag))) !== 0;
  }
  get nextDueDay(): number {
    return this.table.dueDay[this.cell]!;
  }
}

/** upcoming before the due day, due on it, overdue from the day after (docs/grading.md#g05-due-day-calendar-days-in-the-users-zone). */
export function dueStateOf(dueDay: number, today: number): DueState {
  return today < dueDay ? 'upcoming' : today === dueDay ? 'due' : 'overdue';
}

/**
 * One standard's grade of one customer, read from a grade table (the
 * StandardGrading of grade.ts). `reason` is computed when read (see the file
 * header); `toJSON()` includes it.
 */
export class GradeEntry {
  readonly grade: string;
  readonly label: Bilingual;
  /** A sub-category: the normalised defeat reason, the vehicle use. */
  readonly detail: string | undefined;
  /** Day number of nextDueAt (NaN when none), for sorting without parsing. */
  readonly nextDueDay: number;
  readonly flags: FlagId[] | undefined;
  private readonly today: number;

  constructor(
    readonly standard: StandardId,
    table: GradeTable,
    cell: number,
    /** Runs the standard once more on this customer with a Why. */
    private readonly explain: () => Bilingual,
  ) {
    this.grade = table.gradeAt(cell);
    this.label = table.labelAt(cell);
    this.detail = table.detailAt(cell);
    this.nextDueDay = table.dueDay[cell]!;
    const bits = table.flags[cell]!;
    this.flags = bits ? FLAG_IDS.filter((_, i) => bits & (1 << i)) : undefined;
    this.today = table.today;
  }

  get nextDueAt(): string | undefined {
    return Number.isNaN(this.nextDueDay) ? undefined : isoOfDay(this.nextDueDay);
  }
  get due(): DueState | undefined {
    return Number.isNaN(this.nextDueDay) ? undefined : dueStateOf(this.nextDueDay, this.today);
  }
  get overdueDays(): number | undefined {
    return Number.isNaN(this.nextDueDay) ? undefined : Math.max(0, this.today - this.nextDueDay);
  }

  get reason(): Bilingual {
    return this.explain();
  }

  toJSON(): Record<string, unknown> {
    return {
      standard: this.standard,
      grade: this.grade,
      label: this.label,
      reason: this.reason,
      ...(this.detail !== undefined && { detail: this.detail }),
      ...(this.nextDueAt !== undefined && { nextDueAt: this.nextDueAt, due: this.due, overdueDays: this.overdueDays }),
      ...(this.flags && { flags: this.flags }),
    };
  }
}
