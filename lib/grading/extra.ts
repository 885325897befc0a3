// Facts graders need that lib/customer.ts has no field for yet. They are read
// from the customer's `extra` columns by these headers (a site profile or a
// sheet can map a portal column to them); facts.ts reads them once per run,
// a missing or unreadable value as unknown, never as zero, so a grade says
// 数据不足 rather than guess. See the docs/grading.md#g08-facts-read-from-extra-columns: these should become canonical fields.
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
