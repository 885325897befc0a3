// The graded workbook (docs/workbench.md#export, "Export"): one file a sales manager can hand
// on, with the sheets in the order the issue lists them:
//   1. 客户分级总表: every customer, every grade, the reason, the flags, next due date, consultant;
//   2. one sheet per intent grade of the rule set (H A B C O D M by the
//      passenger standard) and 战败;
//   3. 待跟进: due and overdue follow-ups, by consultant, oldest first;
//   4. 跟进检核: the audit per consultant (due, on time, late, missed);
//   5. 区域集中度: loyalty tier x district x year, districts down, years across;
//   6. 战败分析: defeat reasons as a Pareto, by consultant, by intended model;
//   7. 流失: churned and at-risk owners, days since the last service, the threshold.
//
// Grades are computed afresh for `now` by lib/grading's run API (gradeAll,
// docs/grading.md#g010-the-run-api), not read from the store, so every grade and
// its reason agree and "due today" is today's. The stored record, the labels,
// the reasons and the flags are all read from that one output; the run keeps
// its columns for the reasons (gradeAll's `reasons` option), so a reason runs
// one standard once more instead of reading the customer again
// (measured in test/bench/workbook.bench.ts).
import { STAGE_LABELS, type CustomerFields, type Stage } from '../customer';
import {
  churnList,
  defeatAnalysis,
  regionalConcentration,
  TIERS,
  TIER_LABELS,
  pivotCell,
  type AnalyticsCustomer,
} from '../analytics';
import type { AuditReport } from '../followup';
import {
  DEFEAT_REASONS,
  FLAG_LABELS,
  gradeAll,
  intentGradeLabels,
  NOT_APPLICABLE,
  STANDARD_IDS,
  type GradeSummary,
  type RuleSet,
  type StandardId,
} from '../grading';
import { exportWriteOptions, writeXlsxAsync, type SheetColumn, type SheetSpec, type SheetValue } from './write';
import type { Locale } from '../i18n';

/** One consultant's line of the follow-up audit (docs/grading.md#a-the-follow-up-audit sheet 4; computed by lib/followup's audit). */
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
    .map(([consultant, { total }]) => ({
      consultant: consultant || '未分配',
      due: total.due,
      doneOnTime: total.onTime,
      late: total.late,
      missed: total.missed,
      open: total.open,
    }))
    .sort((a, b) => b.due - a.due || a.consultant.localeCompare(b.consultant, 'zh-CN'));
}

export interface GradedWorkbookOptions {
  ruleSet: Readonly<RuleSet>;
  now: Date;
  /**
   * The audit per consultant for 跟进检核. Absent or empty: the sheet says
   * the audit needs follow-ups logged (docs/workbench.md#logging-a-follow-up log) instead of showing zeros.
   */
  audit?: readonly ConsultantAudit[];
  /** Mobiles and ID numbers in full, by the user's choice; masked otherwise (docs/workbench.md#export). */
  fullNumbers?: boolean;
  freezeHeader?: boolean;
  /** The user's language: sheet names, headers, grade labels and reasons as the workbench shows them (Chinese by default). */
  locale?: Locale;
}

/** A customer as the workbook reads it: a stored customer fits as is. */
export type WorkbookCustomer = AnalyticsCustomer &
  CustomerFields & {
    /** Columns kept as extra fields (固定电话 …): the summary sheet carries them. */
    extra?: Readonly<Record<string, string>>;
  };

/** One customer's line: the record, its fresh grades, their labels, the reason and the flags. */
export interface GradedLine {
  c: WorkbookCustomer;
  g: GradeSummary;
  /** Grade labels in the workbook's language, by standard ('优质', '流失', '数据不足'). */
  labels: Partial<Record<StandardId, string>>;
  reason: string;
  /** The grading's flags in the workbook's language ('资料不全', '级别冲突 …'), joined; '' when none. */
  flags: string;
}

type Row = GradedLine;
type Col = SheetColumn<Row>;

type Words = { zh: string; en: string };
const w = (zh: string, en: string): Words => ({ zh, en });

const STAGE_WORDS: Record<Stage, Words> = STAGE_LABELS;
const DUE_WORDS = {
  upcoming: w('未到期', 'Not yet due'),
  due: w('今日到期', 'Due today'),
  overdue: w('逾期', 'Overdue'),
} as const;
const DUE_STANDARD_WORDS: Partial<Record<StandardId, Words>> = {
  intent: w('意向跟进', 'Lead follow-up'),
  defeated: w('战败回访', 'Win-back call'),
};
const TIER_WORDS: Record<(typeof TIERS)[number], Words> = {
  quality: w(TIER_LABELS.quality, 'Quality'),
  potential: w(TIER_LABELS.potential, 'Potential'),
  general: w(TIER_LABELS.general, 'General'),
};
/** The standards whose reasons the workbook writes: the follow-up grade, a defeat, a churn judgement. */
const REASON_STANDARDS: readonly StandardId[] = ['intent', 'defeated', 'churn'];

/** Grades every customer for `now` and keeps, per customer, what the sheets show. */
export function gradeLines(
  customers: readonly WorkbookCustomer[],
  ruleSet: Readonly<RuleSet>,
  now: Date,
  locale: Locale = 'zh',
): GradedLine[] {
  const gradings = gradeAll(customers, ruleSet, now, { reasons: true });
  const standards = STANDARD_IDS.filter((id) => ruleSet.standards[id].enabled);
  const reasons = REASON_STANDARDS.filter((id) => ruleSet.standards[id].enabled);
  const separator = locale === 'zh' ? '；' : '; ';
  const lines: GradedLine[] = [];
  for (let i = 0; i < customers.length; i++) {
    const grading = gradings[i]!;
    const labels: Partial<Record<StandardId, string>> = {};
    for (const id of standards) {
      // Grades that carry no information for a reader are left blank rather than '不适用'.
      labels[id] = grading.gradeOf(id) === NOT_APPLICABLE ? '' : grading.labelOf(id)![locale];
    }
    let reason = '';
    for (const id of reasons) {
      const grade = grading.gradeOf(id);
      if (grade === NOT_APPLICABLE || (id === 'churn' && grade !== 'churned' && grade !== 'warning')) continue;
      const text = grading.reasonOf(id)![locale];
      if (text) reason = reason ? `${reason}${separator}${text}` : text;
    }
    const flags = grading.flags.map((f) => FLAG_LABELS[f][locale]).join(separator);
    lines.push({ c: customers[i]!, g: grading.summary(), labels, reason, flags });
  }
  return lines;
}

const text = (key: string, header: string, get: (r: Row) => SheetValue): Col => ({ key, header, type: 'text', get });

/** The customer sheets' columns, headed in `L`. */
function columnsIn(L: Locale) {
  const h = (zh: string, en: string): string => (L === 'zh' ? zh : en);
  const COL = {
    name: text('name', h('姓名', 'Name'), (r) => r.c.name),
    phone: { key: 'phone', header: h('手机', 'Mobile'), type: 'phone', get: (r) => r.c.phone } as Col,
    idNumber: {
      key: 'idNumber',
      header: h('身份证号', 'ID number'),
      type: 'idNumber',
      get: (r) => r.c.idNumber,
    } as Col,
    vin: { key: 'vin', header: h('车架号', 'VIN'), type: 'vin', get: (r) => r.c.vin } as Col,
    consultant: text('consultant', h('销售顾问', 'Consultant'), (r) => r.c.consultant),
    district: text('district', h('区域', 'District'), (r) => r.c.district),
    stage: text('stage', h('阶段', 'Stage'), (r) => (r.c.stage ? STAGE_WORDS[r.c.stage][L] : '')),
    intent: {
      key: 'intent',
      header: h('意向级别', 'Intent'),
      type: 'grade',
      get: (r) => (r.g.intent === NOT_APPLICABLE ? '' : r.g.intent),
    } as Col,
    nextDueAt: {
      key: 'nextDueAt',
      header: h('下次跟进', 'Next follow-up'),
      type: 'date',
      get: (r) => r.g.nextDueAt,
    } as Col,
    due: text('due', h('跟进状态', 'Follow-up state'), (r) => (r.g.due ? DUE_WORDS[r.g.due][L] : '')),
    overdueDays: {
      key: 'overdueDays',
      header: h('逾期天数', 'Days overdue'),
      type: 'int',
      get: (r) => (r.g.due === 'overdue' ? r.g.overdueDays : undefined),
    } as Col,
    dueBy: text('dueBy', h('跟进依据', 'Due by'), (r) =>
      r.g.nextDueStandard ? (DUE_STANDARD_WORDS[r.g.nextDueStandard]?.[L] ?? '') : '',
    ),
    loyalty: text('loyalty', h('基盘分层', 'Loyalty tier'), (r) => r.labels.loyalty),
    value: text('value', h('价值等级', 'Value tier'), (r) => r.labels.value),
    churn: text('churn', h('流失预警', 'Churn'), (r) => r.labels.churn),
    aftersales: text('aftersales', h('售后细分', 'After-sales segment'), (r) => r.labels.aftersales),
    satisfaction: text('satisfaction', h('满意度分级', 'Satisfaction grade'), (r) => r.labels.satisfaction),
    defeated: text('defeated', h('战败', 'Defeated'), (r) => r.labels.defeated),
    defeatReason: text('defeatReason', h('战败原因', 'Defeat reason'), (r) => r.g.defeatedDetail),
    defeatText: text('defeatText', h('战败原因（原文）', 'Defeat reason (as written)'), (r) => r.c.defeatReason),
    competitor: text('competitor', h('竞品', 'Competitor'), (r) => r.c.competitor),
    reason: text('reason', h('分级原因', 'Why'), (r) => r.reason),
    flags: text('flags', h('提示', 'Flags'), (r) => r.flags),
    intendedModel: text('intendedModel', h('意向车型', 'Model of interest'), (r) => r.c.intendedModel),
    vehicleModel: text('vehicleModel', h('车型', 'Model'), (r) => r.c.vehicleModel),
    expectedPurchaseAt: {
      key: 'expectedPurchaseAt',
      header: h('预计购车', 'Expected purchase'),
      type: 'date',
      get: (r) => r.c.expectedPurchaseAt,
    } as Col,
    lastContactAt: {
      key: 'lastContactAt',
      header: h('最近联系', 'Last contact'),
      type: 'date',
      get: (r) => r.c.lastContactAt,
    } as Col,
    lastServiceAt: {
      key: 'lastServiceAt',
      header: h('最近进站', 'Last service'),
      type: 'date',
      get: (r) => r.c.lastServiceAt,
    } as Col,
    totalSpend: {
      key: 'totalSpend',
      header: h('累计消费', 'Total spend'),
      type: 'money',
      get: (r) => r.c.totalSpend,
    } as Col,
  } satisfies Record<string, Col>;
  return {
    summary: [
      COL.name,
      COL.phone,
      COL.idNumber,
      COL.vin,
      COL.consultant,
      COL.district,
      COL.stage,
      COL.intent,
      COL.nextDueAt,
      COL.due,
      COL.overdueDays,
      COL.loyalty,
      COL.value,
      COL.churn,
      COL.aftersales,
      COL.satisfaction,
      COL.defeated,
      COL.defeatReason,
      COL.reason,
      COL.flags,
      COL.intendedModel,
      COL.vehicleModel,
      COL.lastContactAt,
      COL.lastServiceAt,
      COL.totalSpend,
    ],
    intent: [
      COL.name,
      COL.phone,
      COL.consultant,
      COL.intent,
      COL.nextDueAt,
      COL.due,
      COL.overdueDays,
      COL.intendedModel,
      COL.expectedPurchaseAt,
      COL.lastContactAt,
      COL.district,
      COL.reason,
    ],
    defeated: [
      COL.name,
      COL.phone,
      COL.consultant,
      COL.intendedModel,
      COL.defeatReason,
      COL.defeatText,
      COL.competitor,
      COL.lastContactAt,
      { ...COL.nextDueAt, header: h('下次回访', 'Next call') },
      COL.due,
      COL.district,
      COL.reason,
    ],
    due: [
      COL.consultant,
      COL.nextDueAt,
      COL.due,
      COL.overdueDays,
      COL.dueBy,
      COL.name,
      COL.phone,
      COL.intent,
      COL.defeated,
      COL.intendedModel,
      COL.lastContactAt,
      COL.reason,
    ],
  } satisfies Record<string, Col[]>;
}

/** Sheet names in `L`. */
function sheetNamesIn(L: Locale) {
  const h = (zh: string, en: string): string => (L === 'zh' ? zh : en);
  return {
    summary: h('客户分级总表', 'Graded customers'),
    defeated: h('战败', 'Defeated'),
    due: h('待跟进', 'Due follow-ups'),
    audit: h('跟进检核', 'Follow-up audit'),
    regional: h('区域集中度', 'Regional concentration'),
    defeat: h('战败分析', 'Defeat analysis'),
    churn: h('流失', 'Churn'),
  };
}

/** A text column per extra field any customer has (固定电话 …), in the order they first appear, after the fields. */
function extraColumnsOf(customers: readonly WorkbookCustomer[], shown: readonly Col[]): Col[] {
  const keys = new Set<string>();
  for (const c of customers) for (const key in c.extra ?? {}) keys.add(key);
  const headers = new Set(shown.map((c) => c.header));
  return [...keys].map((k) => text(`extra.${k}`, headers.has(k) ? `${k}（原表）` : k, (r) => r.c.extra?.[k]));
}

/** A sheet of free rows: the layout sheets (pivots, notes) whose rows are not customers. */
type Cells = Record<string, SheetValue>;
type FreeSheet = SheetSpec<Cells>;

/** The words of the layout sheets, in the workbook's language. */
function wordsIn(L: Locale) {
  const h = (zh: string, en: string): string => (L === 'zh' ? zh : en);
  return {
    h,
    note: h('说明', 'Note'),
    total: h('合计', 'Total'),
    grandTotal: h('总计', 'Total'),
    subtotal: h('小计', 'subtotal'),
    consultant: h('销售顾问', 'Consultant'),
    model: h('意向车型', 'Model of interest'),
    defeats: h('战败数', 'Defeats'),
    share: h('占比', 'Share'),
    topReason: h('主要原因', 'Main reason'),
  };
}

function noteSheet(name: string, header: string, lines: string[]): FreeSheet {
  return { name, columns: [{ key: 'note', header, type: 'text' }], rows: lines.map((note) => ({ note })) };
}

function auditSheet(audit: readonly ConsultantAudit[] | undefined, name: string, L: Locale): FreeSheet {
  const { h, note, total: totalWord } = wordsIn(L);
  if (!audit?.length) {
    return noteSheet(name, note, [
      '跟进检核需要已登记的跟进记录：请在客户详情中登记每次跟进（渠道、结果、下次联系日期），检核将按顾问统计应跟进、按时完成、逾期完成和未跟进。',
      'The follow-up audit needs follow-ups logged: log each follow-up on the customer, and the audit counts due, on time, late and missed per consultant.',
    ]);
  }
  const columns: SheetColumn<Cells>[] = [
    { key: 'consultant', header: h('销售顾问', 'Consultant'), type: 'text' },
    { key: 'due', header: h('应跟进', 'Due'), type: 'int' },
    { key: 'doneOnTime', header: h('按时完成', 'On time'), type: 'int' },
    { key: 'late', header: h('逾期完成', 'Late'), type: 'int' },
    { key: 'missed', header: h('未跟进', 'Missed'), type: 'int' },
    { key: 'open', header: h('未到期', 'Not yet due'), type: 'int' },
    { key: 'rate', header: h('按时率', 'On-time rate'), type: 'percent' },
  ];
  const total = { consultant: totalWord, due: 0, doneOnTime: 0, late: 0, missed: 0, open: 0 };
  const rows: Cells[] = audit.map((a) => {
    total.due += a.due;
    total.doneOnTime += a.doneOnTime;
    total.late += a.late;
    total.missed += a.missed;
    total.open += a.open ?? 0;
    return { ...a, rate: a.due ? a.doneOnTime / a.due : undefined };
  });
  rows.push({ ...total, rate: total.due ? total.doneOnTime / total.due : undefined });
  return { name, columns, rows };
}

/** 区域集中度 as a manager reads it: districts down, years across with the three tiers and a subtotal each, totals last. */
function regionalSheet(
  customers: readonly WorkbookCustomer[],
  grades: readonly GradeSummary[],
  name: string,
  L: Locale,
): FreeSheet {
  const { h, note, total, grandTotal, subtotal } = wordsIn(L);
  const pivot = regionalConcentration(customers, grades);
  if (pivot.total.total === 0)
    return noteSheet(name, note, ['没有已分层（优质/潜力/一般）的保有客户。 No owners with a loyalty tier yet.']);
  const columns: SheetColumn<Cells>[] = [{ key: 'district', header: h('区域', 'District'), type: 'text' }];
  const groups = [...pivot.years.map((y) => ({ key: y, header: y })), { key: 'all', header: total }];
  for (const { key, header } of groups) {
    for (const t of TIERS) columns.push({ key: `${key}.${t}`, header: `${header} ${TIER_WORDS[t][L]}`, type: 'int' });
    columns.push({ key: `${key}.total`, header: key === 'all' ? grandTotal : `${header} ${subtotal}`, type: 'int' });
  }
  const line = (
    label: string,
    countsOf: (year: string | null) => { quality: number; potential: number; general: number; total: number },
  ): Cells => {
    const row: Cells = { district: label };
    for (const { key } of groups) {
      const counts = countsOf(key === 'all' ? null : key);
      for (const t of TIERS) row[`${key}.${t}`] = counts[t];
      row[`${key}.total`] = counts.total;
    }
    return row;
  };
  const rows = pivot.districts.map((d) => line(d, (y) => (y === null ? pivot.byDistrict[d]! : pivotCell(pivot, d, y))));
  rows.push(line(total, (y) => (y === null ? pivot.total : pivot.byYear[y]!)));
  if (pivot.yearFromCreatedAt) {
    rows.push(
      {},
      {
        district: h(
          `注：${pivot.yearFromCreatedAt} 位客户无购车日期，按建档年份计。`,
          `Note: ${pivot.yearFromCreatedAt} customer(s) without a purchase date are counted by the year they were recorded.`,
        ),
      },
    );
  }
  return { name, columns, rows };
}

/** 战败分析: the Pareto by reason, then by consultant and by intended model, as three blocks of one sheet. */
function defeatSheet(
  customers: readonly WorkbookCustomer[],
  grades: readonly GradeSummary[],
  ruleSet: Readonly<RuleSet>,
  name: string,
  L: Locale,
): FreeSheet {
  const { h, note, total, consultant, model, defeats, share, topReason } = wordsIn(L);
  const a = defeatAnalysis(
    customers,
    grades,
    ruleSet.standards.defeated.reasons.length ? ruleSet.standards.defeated.reasons : DEFEAT_REASONS,
  );
  if (a.defeated === 0) return noteSheet(name, note, ['没有战败客户。 No defeated customers.']);
  const columns: SheetColumn<Cells>[] = [
    { key: 'what', header: h('战败原因', 'Defeat reason'), type: 'text' },
    { key: 'count', header: defeats, type: 'int' },
    { key: 'share', header: share, type: 'percent' },
    { key: 'more', header: h('累计占比', 'Cumulative share'), type: 'percent' },
  ];
  const rows: Cells[] = a.pareto.map((p) => ({ what: p.reason, count: p.count, share: p.share, more: p.cumulative }));
  rows.push({ what: total, count: a.defeated, share: 1 });
  for (const [title, groups] of [
    [consultant, a.byConsultant],
    [model, a.byModel],
  ] as const) {
    rows.push({}, { what: title, count: defeats, share, more: topReason });
    for (const g of groups)
      rows.push({ what: g.key, count: g.count, share: g.share, more: `${g.topReason}（${g.reasons[g.topReason]}）` });
  }
  return { name, columns, rows };
}

function churnSheet(
  lines: readonly GradedLine[],
  customers: readonly WorkbookCustomer[],
  grades: readonly GradeSummary[],
  ruleSet: Readonly<RuleSet>,
  now: Date,
  name: string,
  L: Locale,
): SheetSpec<Cells> {
  const { h } = wordsIn(L);
  const list = churnList(customers, ruleSet.standards.churn, now, grades);
  const columns: SheetColumn<Cells>[] = [
    { key: 'state', header: h('状态', 'State'), type: 'text' },
    { key: 'name', header: h('姓名', 'Name'), type: 'text' },
    { key: 'phone', header: h('手机', 'Mobile'), type: 'phone' },
    { key: 'vehicleModel', header: h('车型', 'Model'), type: 'text' },
    { key: 'vin', header: h('车架号', 'VIN'), type: 'vin' },
    { key: 'plate', header: h('车牌', 'Plate'), type: 'text' },
    { key: 'consultant', header: h('销售顾问', 'Consultant'), type: 'text' },
    { key: 'lastServiceAt', header: h('最近进站', 'Last service'), type: 'date' },
    { key: 'days', header: h('距上次进站（天）', 'Days since last service'), type: 'int' },
    { key: 'threshold', header: h('判定标准', 'Threshold'), type: 'text' },
    { key: 'expectedBy', header: h('应进站日期', 'Service expected by'), type: 'date' },
    { key: 'past', header: h('超期天数', 'Days past'), type: 'int' },
    { key: 'annualMileageKm', header: h('年行驶里程', 'Annual mileage (km)'), type: 'number' },
    { key: 'reason', header: h('原因', 'Why'), type: 'text' },
  ];
  const rows = list.entries.map((e): Cells => {
    const c = customers[e.index]!;
    return {
      state: e.state === 'churned' ? h('流失', 'Churned') : h('预警', 'At risk'),
      name: c.name,
      phone: c.phone,
      vehicleModel: c.vehicleModel,
      vin: c.vin,
      plate: c.plate,
      consultant: c.consultant,
      lastServiceAt: e.lastServiceAt,
      days: e.daysSinceService,
      threshold: e.threshold[L],
      expectedBy: e.expectedBy,
      past: e.state === 'churned' ? e.daysPastExpected : undefined,
      annualMileageKm: c.annualMileageKm,
      reason: lines[e.index]!.reason,
    };
  });
  return { name, columns, rows };
}

/** Due and overdue follow-ups, by consultant, oldest first (docs/workbench.md#export sheet 3). */
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

/** The sheets of the graded workbook, in docs/workbench.md#export order (see the file header), in the user's language. */
export function buildGradedWorkbook(
  customers: readonly WorkbookCustomer[],
  options: GradedWorkbookOptions,
): SheetSpec<unknown>[] {
  const { ruleSet, now } = options;
  const L = options.locale ?? 'zh';
  const lines = gradeLines(customers, ruleSet, now, L);
  const grades = lines.map((l) => l.g);
  const cols = columnsIn(L);
  const names = sheetNamesIn(L);
  const sheets: SheetSpec<unknown>[] = [
    {
      name: names.summary,
      columns: [...cols.summary, ...extraColumnsOf(customers, cols.summary)],
      rows: lines,
    } as SheetSpec<unknown>,
  ];
  if (ruleSet.standards.intent.enabled) {
    // A sheet per grade, named in the store's words: H级, O 订车客户 (the funnel's 订车 is 订车客户, never 订车级).
    const labels = intentGradeLabels(ruleSet.standards.intent);
    const byGrade = new Map<string, GradedLine[]>(labels.map((g) => [g.id, []]));
    for (const l of lines) if (l.g.intent !== undefined) byGrade.get(l.g.intent)?.push(l);
    for (const g of labels)
      sheets.push({ name: g.label[L], columns: cols.intent, rows: byGrade.get(g.id)! } as SheetSpec<unknown>);
  }
  sheets.push({
    name: names.defeated,
    columns: cols.defeated,
    rows: lines.filter((l) => l.g.defeated === 'defeated'),
  } as SheetSpec<unknown>);
  sheets.push({ name: names.due, columns: cols.due, rows: dueLines(lines) } as SheetSpec<unknown>);
  sheets.push(auditSheet(options.audit, names.audit, L) as SheetSpec<unknown>);
  sheets.push(regionalSheet(customers, grades, names.regional, L) as SheetSpec<unknown>);
  sheets.push(defeatSheet(customers, grades, ruleSet, names.defeat, L) as SheetSpec<unknown>);
  sheets.push(churnSheet(lines, customers, grades, ruleSet, now, names.churn, L) as SheetSpec<unknown>);
  return sheets;
}

/**
 * The graded workbook as .xlsx bytes; name it with exportFileName('客户分级', now).
 * Asynchronous: the sheets are deflated natively as they are written (writeXlsxAsync).
 */
export function writeGradedWorkbook(
  customers: readonly WorkbookCustomer[],
  options: GradedWorkbookOptions,
): Promise<Uint8Array> {
  return writeXlsxAsync(buildGradedWorkbook(customers, options), exportWriteOptions(options));
}
