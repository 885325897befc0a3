// docs/grading.md#g5-churn: an owner churns after no service visit for N months
// (presets 3 / 6 / 12, per brand and model). When annual mileage is known the
// expected visit interval is `serviceIntervalKm / (annualMileageKm / 365)`
// days, capped by the time threshold, and churn is judged against that.
// 预警 (warning) starts at a configurable share of the interval. An owner with
// no service record has not churned: 未进站 (never came in).
import { addMonthsToDay, isoOfDay } from '../calendar';
import type { CustomerFacts } from './facts';
import { Checker, isRecord, join } from './schema';
import {
  GradeCursor,
  gradeOne,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  label,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  type StandardDefinition,
  type Today,
  type ValidationError,
  type Why,
} from './types';

/** The threshold presets docs/grading.md#g51-the-expected-visit, for the options form. */
export const CHURN_MONTH_PRESETS = [3, 6, 12] as const;

export interface ChurnRule {
  /** No service visit for this many months = churned. */
  thresholdMonths: number;
  /** The maker's service interval (km); 0 = judge by time only. */
  serviceIntervalKm: number;
}

export interface ChurnParams extends ChurnRule {
  enabled: boolean;
  /** 预警 from this share of the expected interval (0..1). */
  warningShare: number;
  /** Per vehicle model (exact `vehicleModel` text): overrides of the store's rule. */
  byModel: Record<string, ChurnRule>;
}

export const CHURN_DEFAULTS: ChurnParams = {
  enabled: true,
  thresholdMonths: 6,
  // docs/grading.md#g51-the-expected-visit interval ("say 7,500 km").
  serviceIntervalKm: 7500,
  // docs/grading.md#g52-states: "configurable share"; 80% is DealerLens's preset.
  warningShare: 0.8,
  byModel: {},
};

const ACTIVE = label('活跃', 'Active');
const WARNING = label('预警', 'At risk');
const CHURNED = label('流失', 'Churned');
const NEVER = label('未进站', 'Never serviced');

interface Rules {
  params: ChurnParams;
  today: Today;
  byModel: Map<string, ChurnRule>;
}

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  if (f.holds[i] === 0) {
    why?.add('非保有客户', 'not an owner');
    return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
  }
  const t = rules.today.day;
  const last = f.lastService[i]!;
  const visits = f.serviceVisits[i]!;
  if (last !== last) {
    if (visits > 0) {
      why?.add(
        `有 ${visits} 次进站记录但无最近进站日期`,
        `${visits} service visits on record but no last service date`,
      );
      return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
    }
    why?.add('无进站记录: 未进站, 不是流失', 'no service record: never came in, not churned');
    return out.set('neverServiced', NEVER);
  }
  if (last > t) {
    out.flag('futureDate');
    why?.add(`最近进站 ${isoOfDay(last)} 在今天之后`, `last service ${isoOfDay(last)} is after today`);
    return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
  }
  const model = f.vehicleModel[i]!;
  const rule = (model !== 0 && rules.byModel.size !== 0 && rules.byModel.get(f.texts[model]!)) || rules.params;
  const byTime = addMonthsToDay(last, rule.thresholdMonths);
  const annual = f.annualKm[i]!; // NaN unless a positive number
  const byMileage =
    rule.serviceIntervalKm > 0 && annual > 0 ? last + Math.floor((rule.serviceIntervalKm * 365) / annual) : Infinity;
  const expected = byMileage < byTime ? byMileage : byTime;
  const interval = expected - last;
  const warnFrom = last + Math.ceil(interval * rules.params.warningShare);
  const state = t > expected ? 'churned' : t >= warnFrom ? 'warning' : 'active';
  out.set(state, state === 'churned' ? CHURNED : state === 'warning' ? WARNING : ACTIVE);
  out.dueOn(expected);
  if (why) {
    const since = t - last;
    const basis =
      byMileage < byTime
        ? {
            zh: `按年里程 ${annual} km、保养间隔 ${rule.serviceIntervalKm} km 应每 ${interval} 天进站 (时间上限 ${rule.thresholdMonths} 个月)`,
            en: `at ${annual} km a year and a ${rule.serviceIntervalKm} km interval, a visit every ${interval} days (capped at ${rule.thresholdMonths} months)`,
          }
        : {
            zh: `标准 ${rule.thresholdMonths} 个月未进站为流失`,
            en: `churned after ${rule.thresholdMonths} months without a visit`,
          };
    why.add(`距上次进站 ${since} 天 (${isoOfDay(last)})`, `${since} days since the last service (${isoOfDay(last)})`);
    why.add(basis.zh, basis.en);
    if (state === 'churned')
      why.add(
        `应于 ${isoOfDay(expected)} 前进站, 已超 ${t - expected} 天: 流失`,
        `was expected by ${isoOfDay(expected)}, ${t - expected} days past: churned`,
      );
    else if (state === 'warning')
      why.add(
        `已过间隔的 ${Math.round(rules.params.warningShare * 100)}%, 应于 ${isoOfDay(expected)} 前进站: 预警`,
        `past ${Math.round(rules.params.warningShare * 100)}% of the interval, expected by ${isoOfDay(expected)}: at risk`,
      );
    else why.add(`应于 ${isoOfDay(expected)} 前进站: 活跃`, `expected by ${isoOfDay(expected)}: active`);
  }
  return;
}

function validateRule(c: Checker, value: Record<string, unknown>, path: string): void {
  c.number(value.thresholdMonths, join(path, 'thresholdMonths'), 1, 60, true);
  c.number(value.serviceIntervalKm, join(path, 'serviceIntervalKm'), 0, 100000);
}

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  if (!c.object(params, path, ['enabled', 'thresholdMonths', 'serviceIntervalKm', 'warningShare', 'byModel'])) return;
  c.bool(params.enabled, join(path, 'enabled'));
  validateRule(c, params, path);
  if (c.number(params.warningShare, join(path, 'warningShare'), 0, 1) && (params.warningShare as number) <= 0)
    c.fail(join(path, 'warningShare'), '应大于 0', 'must be above 0');
  const mp = join(path, 'byModel');
  if (!isRecord(params.byModel)) {
    c.fail(mp, '应为一组车型设置', 'must be an object of models');
    return;
  }
  for (const [model, rule] of Object.entries(params.byModel)) {
    if (c.object(rule, join(mp, model), ['thresholdMonths', 'serviceIntervalKm']))
      validateRule(c, rule, join(mp, model));
  }
}

export const churn: StandardDefinition<ChurnParams, Rules> = {
  id: 'churn',
  name: { zh: '流失预警', en: 'Churn' },
  grades: [
    { id: 'active', label: ACTIVE },
    { id: 'warning', label: WARNING },
    { id: 'churned', label: CHURNED },
    { id: 'neverServiced', label: NEVER },
  ],
  defaults: CHURN_DEFAULTS,
  validate,
  prepare: (params, today) => ({ params, today, byModel: new Map(Object.entries(params.byModel)) }),
  gradeRow,
  grade: gradeOne(gradeRow),
};
