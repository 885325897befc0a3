// The graded workbook (issue #5, "Export"): one file a sales manager can hand
// on, with the sheets in the order the issue lists them:
//   1. 客户分级总表: every customer, every grade, the reason, next due date, consultant;
//   2. one sheet per intent grade of the rule set (H A B C O D M by the
//      passenger standard) and 战败;
//   3. 待跟进: due and overdue follow-ups, by consultant, oldest first;
//   4. 跟进检核: the audit per consultant (due, on time, late, missed);
//   5. 区域集中度: loyalty tier x district x year, districts down, years across;
//   6. 战败分析: defeat reasons as a Pareto, by consultant, by intended model;
//   7. 流失: churned and at-risk owners, days since the last service, the threshold.
//
// Grades are computed afresh for `now` (one grading run over all customers,
// as lib/grading gradeAll does), not read from the store, so every grade and
// its reason agree and "due today" is today's. Reasons are the standards' own
// words (lib/grading Why), produced by running the standard once more on the
// run's columns for the customers that need one: the per-customer
// gradeCustomer would prepare the rule set and read the customer into fresh
// columns 100,000 times over (measured in test/bench/workbook.bench.ts).
import type { CustomerFields, Stage } from '../customer';
import { churnList, defeatAnalysis, regionalConcentration, TIERS, TIER_LABELS, pivotCell, type AnalyticsCustomer } from '../analytics';
import { isoOfDay } from '../followup/calendar';
import type { AuditReport } from '../followup';
// The run's columns are kept for the reasons: a run given its facts leaves them to the caller.
import { CustomerFacts } from '../grading/facts';
import {
  buildGradingContext,
  DEFEAT_REASONS,
  dueStateOf,
  GradeCursor,
  GradeTable,
  GradingRun,
  prepareRuleSet,
  Why,
  type GradeSummary,
  type RuleSet,
  type StandardId,
} from '../grading';
import { writeXlsxAsync, type SheetColumn, type SheetSpec, type SheetValue, type WriteOptions } from './write';

/** One consultant's line of the follow-up audit (issue #5 sheet 4; computed by lib/followup's audit). */
export interface ConsultantAudit {
  consultant: string;
  due: number;
  doneOnTime: number;
  late: number;
  missed: number;
  /** Due in the period but not yet missed (the due day is today or later). */
  open?: number;
}

/** The audit's lines per consultant, from lib/followup auditFollowUps (lib/db auditStore); none when nothing fell due. */
export function consultantAuditOf(report: AuditReport): ConsultantAudit[] {
  if (report.total.due === 0) return [];
  return Object.entries(report.byConsultant)
    .map(([consultant, { total }]) => ({ consultant: consultant || '未分配', due: total.due, doneOnTime: total.onTime, late: total.late, missed: total.missed, open: total.open }))
    .sort((a, b) => b.due - a.due || a.consultant.localeCompare(b.consultant, 'zh-CN'));
}

export interface GradedWorkbookOptions {
  ruleSet: Readonly<RuleSet>;
  now: Date;
  /**
   * The audit per consultant for 跟进检核. Absent or empty: the sheet says
   * the audit needs follow-ups logged (issue #4's log) instead of showing zeros.
   */
  audit?: readonly ConsultantAudit[];
  /** Export mobiles and ID numbers masked (issue #5 "Masking"). */
  mask?: WriteOptions['mask'];
  freezeHeader?: boolean;
}

/** A customer as the workbook reads it: a stored customer fits as is. */
export type WorkbookCustomer = AnalyticsCustomer & CustomerFields & {
  /** Columns kept as extra fields (固定电话 …): the summary sheet carries them. */
  extra?: Readonly<Record<string, string>>;
};

/** One customer's line: the record, its fresh grades, their labels and the reason. */
export interface GradedLine {
  c: WorkbookCustomer;
  g: GradeSummary;
  /** Grade labels in Chinese, by standard ('优质', '流失', '数据不足'). */
  labels: Partial<Record<StandardId, string>>;
  reason: string;
}

type Row = GradedLine;
type Col = SheetColumn<Row>;

const STAGE_ZH: Record<Stage, string> = {
  lead: '潜客',
  ordered: '已订车',
  delivered: '已交车',
  owner: '保有',
  defeated: '战败',
};
const DUE_ZH = { upcoming: '未到期', due: '今日到期', overdue: '逾期' } as const;
const DUE_STANDARD_ZH: Partial<Record<StandardId, string>> = { intent: '意向跟进', defeated: '战败回访' };
/** Grades that carry no information for a reader: left blank rather than '不适用'. */
const NOT_APPLICABLE = 'n/a';
/** The standards whose reasons the workbook writes: the follow-up grade, a defeat, a churn judgement. */
const REASON_STANDARDS: readonly StandardId[] = ['intent', 'defeated', 'churn'];

/** Grades every customer for `now` and keeps, per customer, what the sheets show. */
export function gradeLines(customers: readonly WorkbookCustomer[], ruleSet: Readonly<RuleSet>, now: Date): GradedLine[] {
  const facts = new CustomerFacts(customers);
  const prepared = prepareRuleSet(ruleSet, now, buildGradingContext(customers, ruleSet));
  const run = new GradingRun(facts, prepared);
  const { table } = run;
  const today = prepared.today.day;
  const standards = prepared.standards;
  const columns = standards.map((s) => run.column(s.id));
  const reasonColumns = REASON_STANDARDS.map((id) => run.column(id)).filter((k) => k >= 0);
  // Reasons run on the run's own columns; the scratch table only receives the grade again.
  const scratch = new GradeCursor(new GradeTable(1, 1, today));
  const lines: GradedLine[] = [];
  for (let i = 0; i < customers.length; i++) {
    const g: GradeSummary = {};
    const labels: Partial<Record<StandardId, string>> = {};
    let nextDay = NaN;
    let nextStandard: StandardId | undefined;
    for (let k = 0; k < standards.length; k++) {
      const id = standards[k]!.id;
      const cell = table.cellOf(i, columns[k]!);
      const grade = table.gradeAt(cell);
      g[id] = grade;
      labels[id] = grade === NOT_APPLICABLE ? '' : table.labelAt(cell).zh;
      const detail = table.detailAt(cell);
      if (detail !== undefined) g[`${id}Detail`] = detail;
      const due = table.dueDay[cell]!;
      if (Number.isNaN(due)) continue;
      if (id === 'churn') g.serviceDueAt = isoOfDay(due);
      else if ((id === 'intent' || id === 'defeated') && !(due >= nextDay)) [nextDay, nextStandard] = [due, id];
    }
    if (nextStandard !== undefined) {
      g.nextDueAt = isoOfDay(nextDay);
      g.nextDueStandard = nextStandard;
      g.due = dueStateOf(nextDay, today);
      g.overdueDays = Math.max(0, today - nextDay);
    }
    let reason = '';
    for (const k of reasonColumns) {
      const grade = table.gradeAt(table.cellOf(i, k));
      if (grade === NOT_APPLICABLE || (k === run.column('churn') && grade !== 'churned' && grade !== 'warning')) continue;
      const why = new Why();
      scratch.cell = 0;
      standards[k]!.gradeRow(facts, i, prepared.rules[k], scratch, why);
      const text = why.result().zh;
      if (text) reason = reason ? `${reason}；${text}` : text;
    }
    lines.push({ c: customers[i]!, g, labels, reason });
  }
  return lines;
}

const text = (key: string, header: string, get: (r: Row) => SheetValue): Col => ({ key, header, type: 'text', get });

const COL = {
  name: text('name', '姓名', (r) => r.c.name),
  phone: { key: 'phone', header: '手机', type: 'phone', get: (r) => r.c.phone } as Col,
  idNumber: { key: 'idNumber', header: '身份证号', type: 'idNumber', get: (r) => r.c.idNumber } as Col,
  vin: { key: 'vin', header: '车架号', type: 'vin', get: (r) => r.c.vin } as Col,
  consultant: text('consultant', '销售顾问', (r) => r.c.consultant),
  district: text('district', '区域', (r) => r.c.district),
  stage: text('stage', '阶段', (r) => (r.c.stage ? STAGE_ZH[r.c.stage] : '')),
  intent: { key: 'intent', header: '意向级别', type: 'grade', get: (r) => (r.g.intent === NOT_APPLICABLE ? '' : r.g.intent) } as Col,
  nextDueAt: { key: 'nextDueAt', header: '下次跟进', type: 'date', get: (r) => r.g.nextDueAt } as Col,
  due: text('due', '跟进状态', (r) => (r.g.due ? DUE_ZH[r.g.due] : '')),
  overdueDays: { key: 'overdueDays', header: '逾期天数', type: 'int', get: (r) => (r.g.due === 'overdue' ? r.g.overdueDays : undefined) } as Col,
  dueBy: text('dueBy', '跟进依据', (r) => (r.g.nextDueStandard ? DUE_STANDARD_ZH[r.g.nextDueStandard] : '')),
  loyalty: text('loyalty', '基盘分层', (r) => r.labels.loyalty),
  value: text('value', '价值等级', (r) => r.labels.value),
  churn: text('churn', '流失预警', (r) => r.labels.churn),
  aftersales: text('aftersales', '售后细分', (r) => r.labels.aftersales),
  satisfaction: text('satisfaction', '满意度分级', (r) => r.labels.satisfaction),
  defeated: text('defeated', '战败', (r) => r.labels.defeated),
  defeatReason: text('defeatReason', '战败原因', (r) => r.g.defeatedDetail),
  defeatText: text('defeatText', '战败原因（原文）', (r) => r.c.defeatReason),
  competitor: text('competitor', '竞品', (r) => r.c.competitor),
  reason: text('reason', '分级原因', (r) => r.reason),
  intendedModel: text('intendedModel', '意向车型', (r) => r.c.intendedModel),
  vehicleModel: text('vehicleModel', '车型', (r) => r.c.vehicleModel),
  expectedPurchaseAt: { key: 'expectedPurchaseAt', header: '预计购车', type: 'date', get: (r) => r.c.expectedPurchaseAt } as Col,
  lastContactAt: { key: 'lastContactAt', header: '最近联系', type: 'date', get: (r) => r.c.lastContactAt } as Col,
  lastServiceAt: { key: 'lastServiceAt', header: '最近进站', type: 'date', get: (r) => r.c.lastServiceAt } as Col,
  totalSpend: { key: 'totalSpend', header: '累计消费', type: 'money', get: (r) => r.c.totalSpend } as Col,
} satisfies Record<string, Col>;

const SUMMARY_COLUMNS: Col[] = [
  COL.name, COL.phone, COL.idNumber, COL.vin, COL.consultant, COL.district, COL.stage,
  COL.intent, COL.nextDueAt, COL.due, COL.overdueDays, COL.loyalty, COL.value, COL.churn,
  COL.aftersales, COL.satisfaction, COL.defeated, COL.defeatReason, COL.reason,
  COL.intendedModel, COL.vehicleModel, COL.lastContactAt, COL.lastServiceAt, COL.totalSpend,
];
const INTENT_COLUMNS: Col[] = [
  COL.name, COL.phone, COL.consultant, COL.intent, COL.nextDueAt, COL.due, COL.overdueDays,
  COL.intendedModel, COL.expectedPurchaseAt, COL.lastContactAt, COL.district, COL.reason,
];
const DEFEATED_COLUMNS: Col[] = [
  COL.name, COL.phone, COL.consultant, COL.intendedModel, COL.defeatReason, COL.defeatText,
  COL.competitor, COL.lastContactAt, { ...COL.nextDueAt, header: '下次回访' }, COL.due, COL.district, COL.reason,
];
const DUE_COLUMNS: Col[] = [
  COL.consultant, COL.nextDueAt, COL.due, COL.overdueDays, COL.dueBy, COL.name, COL.phone,
  COL.intent, COL.defeated, COL.intendedModel, COL.lastContactAt, COL.reason,
];

/** A text column per extra field any customer has, in the order they first appear, after the fields. */
function extraColumnsOf(customers: readonly WorkbookCustomer[]): Col[] {
  const keys = new Set<string>();
  for (const c of customers) for (const key in c.extra ?? {}) keys.add(key);
  const headers = new Set(SUMMARY_COLUMNS.map((c) => c.header));
  return [...keys].map((k) => text(`extra.${k}`, headers.has(k) ? `${k}（原表）` : k, (r) => r.c.extra?.[k]));
}

/** The intent grades of a rule set, in its order: lead bands, then ordered, delivered, owner. */
export function intentGradesOf(ruleSet: Readonly<RuleSet>): string[] {
  const p = ruleSet.standards.intent;
  return [...p.bands.map((b) => b.grade), p.ordered.grade, p.delivered.grade, p.owner.grade];
}

/** A sheet of free rows: the layout sheets (pivots, notes) whose rows are not customers. */
type Cells = Record<string, SheetValue>;
type FreeSheet = SheetSpec<Cells>;

function noteSheet(name: string, lines: string[]): FreeSheet {
  return { name, columns: [{ key: 'note', header: '说明', type: 'text' }], rows: lines.map((note) => ({ note })) };
}

function auditSheet(audit: readonly ConsultantAudit[] | undefined): FreeSheet {
  if (!audit?.length) {
    return noteSheet('跟进检核', [
      '跟进检核需要已登记的跟进记录：请在客户详情中登记每次跟进（渠道、结果、下次联系日期），检核将按顾问统计应跟进、按时完成、逾期完成和未跟进。',
      'The follow-up audit needs follow-ups logged: log each follow-up on the customer, and the audit counts due, on time, late and missed per consultant.',
    ]);
  }
  const columns: SheetColumn<Cells>[] = [
    { key: 'consultant', header: '销售顾问', type: 'text' },
    { key: 'due', header: '应跟进', type: 'int' },
    { key: 'doneOnTime', header: '按时完成', type: 'int' },
    { key: 'late', header: '逾期完成', type: 'int' },
    { key: 'missed', header: '未跟进', type: 'int' },
    { key: 'open', header: '未到期', type: 'int' },
    { key: 'rate', header: '按时率', type: 'percent' },
  ];
  const total = { consultant: '合计', due: 0, doneOnTime: 0, late: 0, missed: 0, open: 0 };
  const rows: Cells[] = audit.map((a) => {
    total.due += a.due;
    total.doneOnTime += a.doneOnTime;
    total.late += a.late;
    total.missed += a.missed;
    total.open += a.open ?? 0;
    return { ...a, rate: a.due ? a.doneOnTime / a.due : undefined };
  });
  rows.push({ ...total, rate: total.due ? total.doneOnTime / total.due : undefined });
  return { name: '跟进检核', columns, rows };
}

/** 区域集中度 as a manager reads it: districts down, years across with the three tiers and a subtotal each, totals last. */
function regionalSheet(customers: readonly WorkbookCustomer[], grades: readonly GradeSummary[]): FreeSheet {
  const pivot = regionalConcentration(customers, grades);
  if (pivot.total.total === 0) return noteSheet('区域集中度', ['没有已分层（优质/潜力/一般）的保有客户。 No owners with a loyalty tier yet.']);
  const columns: SheetColumn<Cells>[] = [{ key: 'district', header: '区域', type: 'text' }];
  const groups = [...pivot.years.map((y) => ({ key: y, header: y })), { key: 'all', header: '合计' }];
  for (const { key, header } of groups) {
    for (const t of TIERS) columns.push({ key: `${key}.${t}`, header: `${header} ${TIER_LABELS[t]}`, type: 'int' });
    columns.push({ key: `${key}.total`, header: key === 'all' ? '总计' : `${header} 小计`, type: 'int' });
  }
  const line = (label: string, countsOf: (year: string | null) => { quality: number; potential: number; general: number; total: number }): Cells => {
    const row: Cells = { district: label };
    for (const { key } of groups) {
      const counts = countsOf(key === 'all' ? null : key);
      for (const t of TIERS) row[`${key}.${t}`] = counts[t];
      row[`${key}.total`] = counts.total;
    }
    return row;
  };
  const rows = pivot.districts.map((d) => line(d, (y) => (y === null ? pivot.byDistrict[d]! : pivotCell(pivot, d, y))));
  rows.push(line('合计', (y) => (y === null ? pivot.total : pivot.byYear[y]!)));
  if (pivot.yearFromCreatedAt) rows.push({}, { district: `注：${pivot.yearFromCreatedAt} 位客户无购车日期，按建档年份计。` });
  return { name: '区域集中度', columns, rows };
}

/** 战败分析: the Pareto by reason, then by consultant and by intended model, as three blocks of one sheet. */
function defeatSheet(customers: readonly WorkbookCustomer[], grades: readonly GradeSummary[], ruleSet: Readonly<RuleSet>): FreeSheet {
  const a = defeatAnalysis(customers, grades, ruleSet.standards.defeated.reasons.length ? ruleSet.standards.defeated.reasons : DEFEAT_REASONS);
  if (a.defeated === 0) return noteSheet('战败分析', ['没有战败客户。 No defeated customers.']);
  const columns: SheetColumn<Cells>[] = [
    { key: 'what', header: '战败原因', type: 'text' },
    { key: 'count', header: '战败数', type: 'int' },
    { key: 'share', header: '占比', type: 'percent' },
    { key: 'more', header: '累计占比', type: 'percent' },
  ];
  const rows: Cells[] = a.pareto.map((p) => ({ what: p.reason, count: p.count, share: p.share, more: p.cumulative }));
  rows.push({ what: '合计', count: a.defeated, share: 1 });
  for (const [title, groups] of [['销售顾问', a.byConsultant], ['意向车型', a.byModel]] as const) {
    rows.push({}, { what: title, count: '战败数', share: '占比', more: '主要原因' });
    for (const g of groups) rows.push({ what: g.key, count: g.count, share: g.share, more: `${g.topReason}（${g.reasons[g.topReason]}）` });
  }
  return { name: '战败分析', columns, rows };
}

function churnSheet(lines: readonly GradedLine[], customers: readonly WorkbookCustomer[], grades: readonly GradeSummary[], ruleSet: Readonly<RuleSet>, now: Date): SheetSpec<Cells> {
  const list = churnList(customers, ruleSet.standards.churn, now, grades);
  const columns: SheetColumn<Cells>[] = [
    { key: 'state', header: '状态', type: 'text' },
    { key: 'name', header: '姓名', type: 'text' },
    { key: 'phone', header: '手机', type: 'phone' },
    { key: 'vehicleModel', header: '车型', type: 'text' },
    { key: 'vin', header: '车架号', type: 'vin' },
    { key: 'plate', header: '车牌', type: 'text' },
    { key: 'consultant', header: '销售顾问', type: 'text' },
    { key: 'lastServiceAt', header: '最近进站', type: 'date' },
    { key: 'days', header: '距上次进站（天）', type: 'int' },
    { key: 'threshold', header: '判定标准', type: 'text' },
    { key: 'expectedBy', header: '应进站日期', type: 'date' },
    { key: 'past', header: '超期天数', type: 'int' },
    { key: 'annualMileageKm', header: '年行驶里程', type: 'number' },
    { key: 'reason', header: '原因', type: 'text' },
  ];
  const rows = list.entries.map((e): Cells => {
    const c = customers[e.index]!;
    return {
      state: e.state === 'churned' ? '流失' : '预警',
      name: c.name,
      phone: c.phone,
      vehicleModel: c.vehicleModel,
      vin: c.vin,
      plate: c.plate,
      consultant: c.consultant,
      lastServiceAt: e.lastServiceAt,
      days: e.daysSinceService,
      threshold: e.threshold.zh,
      expectedBy: e.expectedBy,
      past: e.state === 'churned' ? e.daysPastExpected : undefined,
      annualMileageKm: c.annualMileageKm,
      reason: lines[e.index]!.reason,
    };
  });
  return { name: '流失', columns, rows };
}

/** Due and overdue follow-ups, by consultant, oldest first (issue #5 sheet 3). */
function dueLines(lines: readonly GradedLine[]): GradedLine[] {
  const due = lines.filter((l) => l.g.due === 'due' || l.g.due === 'overdue');
  const collator = new Intl.Collator('zh-CN');
  return due.sort((a, b) => {
    const ca = a.c.consultant ?? '';
    const cb = b.c.consultant ?? '';
    if (ca !== cb) return ca === '' ? 1 : cb === '' ? -1 : collator.compare(ca, cb);
    return a.g.nextDueAt! < b.g.nextDueAt! ? -1 : a.g.nextDueAt! > b.g.nextDueAt! ? 1 : 0;
  });
}

/** The sheets of the graded workbook, in issue #5's order (see the file header). */
export function buildGradedWorkbook(customers: readonly WorkbookCustomer[], options: GradedWorkbookOptions): SheetSpec<unknown>[] {
  const { ruleSet, now } = options;
  const lines = gradeLines(customers, ruleSet, now);
  const grades = lines.map((l) => l.g);
  const sheets: SheetSpec<unknown>[] = [{ name: '客户分级总表', columns: [...SUMMARY_COLUMNS, ...extraColumnsOf(customers)], rows: lines } as SheetSpec<unknown>];
  if (ruleSet.standards.intent.enabled) {
    const byGrade = new Map<string, GradedLine[]>(intentGradesOf(ruleSet).map((g) => [g, []]));
    for (const l of lines) if (l.g.intent !== undefined) byGrade.get(l.g.intent)?.push(l);
    for (const [grade, rows] of byGrade) sheets.push({ name: `${grade}级`, columns: INTENT_COLUMNS, rows } as SheetSpec<unknown>);
  }
  sheets.push({ name: '战败', columns: DEFEATED_COLUMNS, rows: lines.filter((l) => l.g.defeated === 'defeated') } as SheetSpec<unknown>);
  sheets.push({ name: '待跟进', columns: DUE_COLUMNS, rows: dueLines(lines) } as SheetSpec<unknown>);
  sheets.push(auditSheet(options.audit) as SheetSpec<unknown>);
  sheets.push(regionalSheet(customers, grades) as SheetSpec<unknown>);
  sheets.push(defeatSheet(customers, grades, ruleSet) as SheetSpec<unknown>);
  sheets.push(churnSheet(lines, customers, grades, ruleSet, now) as SheetSpec<unknown>);
  return sheets;
}

/**
 * The graded workbook as .xlsx bytes; name it with exportFileName('客户分级', now).
 * Asynchronous: the sheets are deflated natively as they are written (writeXlsxAsync).
 */
export function writeGradedWorkbook(customers: readonly WorkbookCustomer[], options: GradedWorkbookOptions): Promise<Uint8Array> {
  const write: WriteOptions = {};
  if (options.mask) write.mask = options.mask;
  if (options.freezeHeader) write.freezeHeader = true;
  return writeXlsxAsync(buildGradedWorkbook(customers, options), write);
}
