// Standard 4 of docs/grading.md#g7-satisfaction: satisfaction grade A-E plus F. Usually recorded by
// staff (the `satisfaction` field, or 非常满意 .. 非常不满意); when it is not,
// it is derived from complaint facts: E very dissatisfied (threatens the press;
// a major or key-part quality problem; 2 or more quality repair visits in a
// month; a case unresolved over 20 days), D dissatisfied (unclear prices;
// parts waited over 3 days; a repair over a week; a complaint), A concrete
// praise, B no complaint. F is an identity (key account: fleet, government),
// by vehicle use or the customer type. A recorded grade that the facts
// contradict (A or B with an E fact or an unresolved complaint) is flagged.
import { EXTRA_KEYS } from './extra';
import type { CustomerFacts } from './facts';
import { Checker, join } from './schema';
import {
  GradeCursor,
  gradeOne,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  label,
  type Bilingual,
  type StandardDefinition,
  type ValidationError,
  type Why,
} from './types';
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
  F: label('F 重大客户', 'F key account'),
};

/** Recorded text -> grade; read once per distinct text. */
const RECORDED = new Map<string, SatisfactionGrade>([
  ['非常满意', 'A'],
  ['满意', 'B'],
  ['一般', 'C'],
  ['不满意', 'D'],
  ['非常不满意', 'E'],
  ['重大客户', 'F'],
  ['重点客户', 'F'],
  ['大客户', 'F'],
  ...SATISFACTION_GRADES.flatMap(
    (g) =>
      [
        [g, g],
        [g.toLowerCase(), g],
        [`${g}级`, g],
      ] as [string, SatisfactionGrade][],
  ),
]);

interface Rules {
  params: SatisfactionParams;
  keyUses: Set<string>;
  keyTypes: Set<string>;
  /** Recorded text -> grade ('' when not one), read once per distinct text. */
  recordedOfText: Map<string, SatisfactionGrade | ''>;
}

function recordedOf(f: CustomerFacts, code: number, rules: Rules): SatisfactionGrade | undefined {
  if (code === 0) return undefined;
  const text = f.texts[code]!;
  let g = rules.recordedOfText.get(text);
  if (g === undefined) {
    g = RECORDED.get(text) ?? RECORDED.get(text.trim()) ?? '';
    rules.recordedOfText.set(text, g);
  }
  return g || undefined;
}

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  const p = rules.params;
  const recorded = recordedOf(f, f.satisfaction[i]!, rules);

  // Facts, each NaN / -1 when unknown.
  const press = f.pressThreat[i] === 1;
  const major = f.majorQualityIssue[i] === 1;
  const repeat = f.qualityRepairsInMonth[i]!;
  const openDays = f.openCaseDays[i]!;
  const unclear = f.unclearPriceComplaints[i]!;
  const parts = f.partsWaitDays[i]!;
  const repair = f.repairDays[i]!;
  const praise = f.praise[i]!;
  const unresolved = f.complaintsUnresolved[i]!;
  const complaints = f.complaints[i]!;

  // E and D facts; their words are gathered only when a reason is asked for.
  const eWhy: [string, string][] | undefined = why ? [] : undefined;
  const dWhy: [string, string][] | undefined = why ? [] : undefined;
  const e = press || major || repeat >= p.repeatRepairsInMonth || openDays > p.unresolvedCaseDays;
  const d = unclear > 0 || parts > p.partsWaitDays || repair > p.repairDays || complaints > 0;
  if (eWhy && dWhy) {
    if (press) eWhy.push(['扬言曝光', 'threatened to go to the press']);
    if (major) eWhy.push(['重大或关键部件质量问题', 'a major or key-part quality problem']);
    if (repeat >= p.repeatRepairsInMonth)
      eWhy.push([
        `一个月内质量返修 ${repeat} 次 (≥ ${p.repeatRepairsInMonth})`,
        `${repeat} quality repair visits in a month (>= ${p.repeatRepairsInMonth})`,
      ]);
    if (openDays > p.unresolvedCaseDays)
      eWhy.push([
        `案件 ${openDays} 天未解决 (> ${p.unresolvedCaseDays})`,
        `a case unresolved for ${openDays} days (> ${p.unresolvedCaseDays})`,
      ]);
    if (unclear > 0) dWhy.push(['工时或配件价格不清', 'unclear labour or parts prices']);
    if (parts > p.partsWaitDays)
      dWhy.push([
        `缺件等待 ${parts} 天 (> ${p.partsWaitDays})`,
        `waited ${parts} days for parts (> ${p.partsWaitDays})`,
      ]);
    if (repair > p.repairDays)
      dWhy.push([`维修耗时 ${repair} 天 (> ${p.repairDays})`, `a repair took ${repair} days (> ${p.repairDays})`]);
    if (complaints > 0) dWhy.push([`投诉 ${complaints} 次`, `${complaints} complaint(s)`]);
  }

  const useCode = f.vehicleUse[i]!;
  const keyUse = useCode !== 0 && rules.keyUses.has(f.texts[useCode]!);
  const keyAccount = keyUse || (f.hasExtra[i] === 1 && rules.keyTypes.has(f.texts[f.customerType[i]!]!));

  if (recorded) {
    why?.add(`人工记录满意度 ${recorded}`, `recorded satisfaction ${recorded}`);
    if ((recorded === 'A' || recorded === 'B') && (e || unresolved > 0)) {
      out.flag('contradiction');
      if (why)
        for (const [zh, en] of e ? eWhy! : [['有未解决投诉', 'an unresolved complaint'] as [string, string]])
          why.add(`但${zh}`, `but ${en}`);
    }
    return out.set(recorded, LABELS[recorded]);
  }
  if (keyAccount) {
    if (why) {
      const use = f.texts[useCode];
      why.add(
        keyUse
          ? `${use === 'official' ? '公务车' : use === 'commercial' ? '营运车' : '私家车'}: 重大客户`
          : `客户类型 ${f.inputs[i]!.extra?.[EXTRA_KEYS.customerType]}: 重大客户`,
        'key account by identity',
      );
    }
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
  prepare: (params) => ({
    params,
    keyUses: new Set(params.keyAccountUses),
    keyTypes: new Set(params.keyAccountTypes),
    recordedOfText: new Map(),
  }),
  gradeRow,
  grade: gradeOne(gradeRow),
};
