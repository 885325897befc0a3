// Facts graders need that lib/customer.ts has no field for yet. They are read
// from the customer's `extra` columns by these headers (a site profile or a
// sheet can map a portal column to them); a missing or unreadable value reads
// as unknown (NaN / undefined), never as zero, so a grade says 数据不足 rather
// than guess. See the docs/grading.md#g08-facts-read-from-extra-columns: these should become canonical fields.
import type { GradeInput } from './input';

export const EXTRA_KEYS = {
  /** Standard 2: complaints resolved / unresolved (the total is `complaints`). */
  complaintsResolved: '已解决投诉',
  complaintsUnresolved: '未解决投诉',
  /** Standard 2: services on schedule at this store; repairs done here. */
  servicesOnSchedule: '按时保养次数',
  repairsHere: '本店维修次数',
  /** Standard 4 (A): concrete praise received. */
  praise: '表扬次数',
  /** Standard 4 (E): threatened to go to the press; a major or key-part quality problem. */
  pressThreat: '扬言曝光',
  majorQualityIssue: '重大质量问题',
  /** Standard 4 (E): repair visits for quality within one month. */
  qualityRepairsInMonth: '月内质量返修次数',
  /** Standard 4 (E): age in days of the oldest unresolved case. */
  openCaseDays: '未结案天数',
  /** Standard 4 (D): days waited for parts; days a repair took; complaints about unclear prices. */
  partsWaitDays: '缺件天数',
  repairDays: '维修天数',
  unclearPriceComplaints: '价格不清投诉',
  /** Standard 4 (F): the customer's identity, e.g. 车队 / 政府 / 集团. */
  customerType: '客户类型',
  /** Standard 1 (O): the car's delivery date once known. */
  expectedDeliveryAt: '预计交车日期',
} as const;

/** A count or number from `extra`; NaN when absent or not a number. */
export function extraNumber(input: GradeInput, key: string): number {
  const text = input.extra?.[key];
  if (text === undefined || text === '') return NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

const YES = new Set(['是', '有', 'Y', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '无', '没有', 'N', 'n', 'no', 'false', '0']);

/** A yes/no from `extra`: true, false, or undefined when absent or unreadable. */
export function extraFlag(input: GradeInput, key: string): boolean | undefined {
  const text = input.extra?.[key];
  if (text === undefined) return undefined;
  const t = text.trim();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
}

/** A non-negative count from a canonical field; NaN when absent or invalid. */
export function count(value: number | undefined): number {
  return typeof value === 'number' && value >= 0 ? value : NaN;
}
