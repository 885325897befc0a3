// Standard 4 of domain.md: satisfaction grade A-E plus F. Usually recorded by
// staff (the `satisfaction` field, or 非常满意 .. 非常不满意); when it is not,
// it is derived from complaint facts: E very dissatisfied (threatens the press;
// a major or key-part quality problem; 2 or more quality repair visits in a
// month; a case unresolved over 20 days), D dissatisfied (unclear prices;
// parts waited over 3 days; a repair over a week; a complaint), A concrete
// praise, B no complaint. F is an identity (key account: fleet, government),
// by vehicle use or the customer type. A recorded grade that the facts
// contradict (A or B with an E fact or an unresolved complaint) is flagged.
import { count, EXTRA_KEYS, extraFlag, extraNumber } from './extra';
import { Checker, join } from './schema';
import { GradeCursor, INSUFFICIENT, INSUFFICIENT_LABEL, label, type Bilingual, type GradeInput, type StandardDefinition, type ValidationError, type Why } from './types';
import { VEHICLE_USES, type VehicleUse } from '../customer';

export const SATISFACTION_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SatisfactionGrade = (typeof SATISFACTION_GRADES)[number];

export interface SatisfactionParams {
  enabled: boolean;
  /** E: this many quality repair visits within a month. */
  repeatRepairsInMonth: number;
  /** E: a case unresolved for more than this many days. */
  unresolvedCaseDays: number;
  /** D: parts waited for more than this many days. */
  partsWaitDays: number;
  /** D: a repair that took more than this many days. */
  repairDays: number;
  /** F: vehicle uses that make a key account. */
  keyAccountUses: VehicleUse[];
  /** F: customer types (extra 客户类型) that make a key account. */
  keyAccountTypes: string[];
}

export const SATISFACTION_DEFAULTS: SatisfactionParams = {
  enabled: true,
  repeatRepairsInMonth: 2,
  unresolvedCaseDays: 20,
  partsWaitDays: 3,
  repairDays: 7,
  keyAccountUses: ['official'],
  keyAccountTypes: ['车队', '政府', '集团', '大客户'],
};

const LABELS: Record<SatisfactionGrade, Bilingual> = {
  A: label('A 非常满意', 'A very satisfied'),
  B: label('B 满意', 'B satisfied'),
  C: label('C 一般', 'C neutral'),
  D: label('D 不满意', 'D dissatisfied'),
  E: label('E 非常不满意', 'E very dissatisfied'),
  F: label('F 重点客户', 'F key account'),
};

/** Recorded text -> grade; read once per distinct text. */
const RECORDED = new Map<string, SatisfactionGrade>([
  ['非常满意', 'A'], ['满意', 'B'], ['一般', 'C'], ['不满意', 'D'], ['非常不满意', 'E'], ['重点客户', 'F'], ['大客户', 'F'],
  ...SATISFACTION_GRADES.flatMap((g) => [[g, g], [g.toLowerCase(), g], [`${g}级`, g]] as [string, SatisfactionGrade][]),
]);

interface Rules {
  params: SatisfactionParams;
  keyUses: Set<string>;
  keyTypes: Set<string>;
}

function grade(input: GradeInput, rules: Rules, out: GradeCursor, why?: Why): void {
  const p = rules.params;
  const recorded = input.satisfaction === undefined ? undefined : (RECORDED.get(input.satisfaction) ?? RECORDED.get(input.satisfaction.trim()));

  // Facts, each NaN / undefined when unknown.
  const press = extraFlag(input, EXTRA_KEYS.pressThreat);
  const major = extraFlag(input, EXTRA_KEYS.majorQualityIssue);
  const repeat = extraNumber(input, EXTRA_KEYS.qualityRepairsInMonth);
  const openDays = extraNumber(input, EXTRA_KEYS.openCaseDays);
  const unclear = extraNumber(input, EXTRA_KEYS.unclearPriceComplaints);
  const parts = extraNumber(input, EXTRA_KEYS.partsWaitDays);
  const repair = extraNumber(input, EXTRA_KEYS.repairDays);
  const praise = extraNumber(input, EXTRA_KEYS.praise);
  const unresolved = extraNumber(input, EXTRA_KEYS.complaintsUnresolved);
  const complaints = count(input.complaints);

  // E and D facts; their words are gathered only when a reason is asked for.
  const eWhy: [string, string][] | undefined = why ? [] : undefined;
  const dWhy: [string, string][] | undefined = why ? [] : undefined;
  const e = press === true || major === true || repeat >= p.repeatRepairsInMonth || openDays > p.unresolvedCaseDays;
  const d = unclear > 0 || parts > p.partsWaitDays || repair > p.repairDays || complaints > 0;
  if (eWhy && dWhy) {
    if (press) eWhy.push(['扬言曝光', 'threatened to go to the press']);
    if (major) eWhy.push(['重大或关键部件质量问题', 'a major or key-part quality problem']);
    if (repeat >= p.repeatRepairsInMonth) eWhy.push([`一个月内质量返修 ${repeat} 次 (≥ ${p.repeatRepairsInMonth})`, `${repeat} quality repair visits in a month (>= ${p.repeatRepairsInMonth})`]);
    if (openDays > p.unresolvedCaseDays) eWhy.push([`案件 ${openDays} 天未解决 (> ${p.unresolvedCaseDays})`, `a case unresolved for ${openDays} days (> ${p.unresolvedCaseDays})`]);
    if (unclear > 0) dWhy.push(['工时或配件价格不清', 'unclear labour or parts prices']);
    if (parts > p.partsWaitDays) dWhy.push([`缺件等待 ${parts} 天 (> ${p.partsWaitDays})`, `waited ${parts} days for parts (> ${p.partsWaitDays})`]);
    if (repair > p.repairDays) dWhy.push([`维修耗时 ${repair} 天 (> ${p.repairDays})`, `a repair took ${repair} days (> ${p.repairDays})`]);
    if (complaints > 0) dWhy.push([`投诉 ${complaints} 次`, `${complaints} complaint(s)`]);
  }

  const keyAccount = (input.vehicleUse !== undefined && rules.keyUses.has(input.vehicleUse)) || (input.extra !== undefined && rules.keyTypes.has(input.extra[EXTRA_KEYS.customerType] ?? ''));

  if (recorded) {
    why?.add(`人工记录满意度 ${recorded}`, `recorded satisfaction ${recorded}`);
    if ((recorded === 'A' || recorded === 'B') && (e || unresolved > 0)) {
      out.flag('contradiction');
      if (why) for (const [zh, en] of e ? eWhy! : [['有未解决投诉', 'an unresolved complaint'] as [string, string]]) why.add(`但${zh}`, `but ${en}`);
    }
    return out.set(recorded, LABELS[recorded]);
  }
  if (keyAccount) {
    why?.add(input.vehicleUse !== undefined && rules.keyUses.has(input.vehicleUse) ? `${input.vehicleUse === 'official' ? '公务车' : input.vehicleUse === 'commercial' ? '营运车' : '私家车'}: 重点客户` : `客户类型 ${input.extra?.[EXTRA_KEYS.customerType]}: 重点客户`, 'key account by identity');
    return out.set('F', LABELS.F);
  }
  if (e) {
    if (why) for (const [zh, en] of eWhy!) why.add(zh, en);
    return out.set('E', LABELS.E);
  }
  if (d) {
    if (why) for (const [zh, en] of dWhy!) why.add(zh, en);
    return out.set('D', LABELS.D);
  }
  if (praise > 0) {
    why?.add(`无投诉, 表扬 ${praise} 次`, `no complaint, praised ${praise} time(s)`);
    return out.set('A', LABELS.A);
  }
  if (complaints === 0) {
    why?.add('无投诉记录', 'no complaint on record');
    return out.set('B', LABELS.B);
  }
  why?.add('无满意度记录, 无投诉数据', 'no recorded satisfaction and no complaint data');
  return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
}

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  if (!c.object(params, path, Object.keys(SATISFACTION_DEFAULTS))) return;
  c.bool(params.enabled, join(path, 'enabled'));
  c.number(params.repeatRepairsInMonth, join(path, 'repeatRepairsInMonth'), 1, 31, true);
  for (const k of ['unresolvedCaseDays', 'partsWaitDays', 'repairDays']) c.days(params[k], join(path, k));
  c.list(params.keyAccountUses, join(path, 'keyAccountUses'), VEHICLE_USES);
  c.list(params.keyAccountTypes, join(path, 'keyAccountTypes'), null);
}

export const satisfaction: StandardDefinition<SatisfactionParams, Rules> = {
  id: 'satisfaction',
  name: { zh: '客户满意度', en: 'Satisfaction' },
  grades: SATISFACTION_GRADES.map((id) => ({ id, label: LABELS[id] })),
  defaults: SATISFACTION_DEFAULTS,
  validate,
  prepare: (params) => ({ params, keyUses: new Set(params.keyAccountUses), keyTypes: new Set(params.keyAccountTypes) }),
  grade,
};
