// Standard 5 of docs/grading.md#g6-after-sales-segments: after-sales segment by vehicle age and mileage,
// whichever boundary comes first. 三包有效期 (preset 2 years or 50,000 km)
// and 整车质保 (preset 3 years or 100,000 km), editable per brand / model:
// 三包期内 inside both, 质保期内 past 三包 but inside the warranty, 质保期外
// past both. The vehicle use (私家车 / 公务车 / 营运车) is the out's detail.
// Age counts from the purchase date (三包 runs from the invoice), else delivery;
// a boundary is reached on its anniversary day and at its kilometre figure.
import { addMonthsToDay, isoOfDay } from '../calendar';
import { VALUE_LABELS, type VehicleUse } from '../customer';
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

export interface Boundary {
  years: number;
  km: number;
}

export interface AftersalesRule {
  sanbao: Boundary;
  warranty: Boundary;
}

export interface AftersalesParams extends AftersalesRule {
  enabled: boolean;
  /** Per vehicle model (exact `vehicleModel` text). */
  byModel: Record<string, AftersalesRule>;
}

export const AFTERSALES_DEFAULTS: AftersalesParams = {
  enabled: true,
  sanbao: { years: 2, km: 50000 },
  warranty: { years: 3, km: 100000 },
  byModel: {},
};

const NO_WORDS = { zh: '', en: '' };
const SANBAO = label('三包期内', 'Within 三包');
const WARRANTY = label('质保期内', 'Within warranty');
const EXPIRED = label('质保期外', 'Out of warranty');

interface Rules {
  params: AftersalesParams;
  today: Today;
  byModel: Map<string, AftersalesRule>;
}

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  if (f.holds[i] === 0) {
    why?.add('非保有客户', 'not an owner');
    return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
  }
  const useCode = f.vehicleUse[i]!;
  const use = useCode === 0 ? undefined : (f.texts[useCode] as VehicleUse);
  if (use !== undefined) out.setDetail(use);
  const t = rules.today.day;
  const model = f.vehicleModel[i]!;
  const rule = (model !== 0 && rules.byModel.size !== 0 && rules.byModel.get(f.texts[model]!)) || rules.params;
  const start = f.vehicleStart[i]!;
  const km = f.mileageKm[i]!;
  const known = !Number.isNaN(start) && start <= t;
  if (!Number.isNaN(start) && start > t) out.flag('futureDate');
  // Inside a boundary: before its anniversary and under its kilometres. Unknown
  // age or mileage can only prove a car is past a boundary, never inside it.
  const sanbaoEnd = known ? addMonthsToDay(start, 12 * rule.sanbao.years) : NaN;
  const warrantyEnd = known ? addMonthsToDay(start, 12 * rule.warranty.years) : NaN;
  const pastSanbao = t >= sanbaoEnd || km >= rule.sanbao.km;
  const pastWarranty = t >= warrantyEnd || km >= rule.warranty.km;
  const useWords =
    why && use ? { zh: ` · ${VALUE_LABELS[use].zh}`, en: ` · ${VALUE_LABELS[use].en.toLowerCase()}` } : NO_WORDS;
  if (pastWarranty) {
    if (why)
      why.add(
        boundaryWords('整车质保', 'warranty', rule.warranty, t >= warrantyEnd, warrantyEnd, km) + useWords.zh,
        boundaryWordsEn('warranty', rule.warranty, t >= warrantyEnd, warrantyEnd, km) + useWords.en,
      );
    return out.set('outOfWarranty', EXPIRED);
  }
  if (!known || Number.isNaN(km)) {
    // Age alone (mileage unknown) still places a car when it is also past by time;
    // inside-ness needs both figures.
    if (pastSanbao && known) {
      why?.add(
        `未知里程; 购车已满 ${rule.sanbao.years} 年, 三包期已过, 是否仍在质保 (${rule.warranty.km} km) 需里程`,
        `mileage unknown; past the ${rule.sanbao.years}-year 三包 term, the warranty (${rule.warranty.km} km) needs the mileage`,
      );
    } else
      why?.add(
        Number.isNaN(km) ? (known ? '无行驶里程' : '无购车/交车日期和行驶里程') : '无购车/交车日期',
        Number.isNaN(km)
          ? known
            ? 'no mileage'
            : 'no purchase or delivery date and no mileage'
          : 'no purchase or delivery date',
      );
    return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
  }
  if (pastSanbao) {
    if (why)
      why.add(
        boundaryWords('三包', '三包', rule.sanbao, t >= sanbaoEnd, sanbaoEnd, km) +
          `, 质保至 ${isoOfDay(warrantyEnd - 1)} 或 ${rule.warranty.km} km` +
          useWords.zh,
        boundaryWordsEn('三包', rule.sanbao, t >= sanbaoEnd, sanbaoEnd, km) +
          `, warranty until ${isoOfDay(warrantyEnd - 1)} or ${rule.warranty.km} km` +
          useWords.en,
      );
    return out.set('warranty', WARRANTY);
  }
  why?.add(
    `三包至 ${isoOfDay(sanbaoEnd - 1)} 或 ${rule.sanbao.km} km, 现 ${km} km` + useWords.zh,
    `三包 until ${isoOfDay(sanbaoEnd - 1)} or ${rule.sanbao.km} km, now ${km} km` + useWords.en,
  );
  return out.set('sanbao', SANBAO);
}

function boundaryWords(name: string, _en: string, b: Boundary, byAge: boolean, end: number, km: number): string {
  return byAge ? `${name}期 (${b.years} 年) 已于 ${isoOfDay(end)} 届满` : `行驶 ${km} km 已达${name} ${b.km} km`;
}
function boundaryWordsEn(name: string, b: Boundary, byAge: boolean, end: number, km: number): string {
  return byAge
    ? `the ${b.years}-year ${name} term ended on ${isoOfDay(end)}`
    : `${km} km reached the ${name} limit of ${b.km} km`;
}

function validateRule(c: Checker, rule: Record<string, unknown>, path: string): void {
  const ok: Record<string, Boundary | undefined> = {};
  for (const k of ['sanbao', 'warranty'] as const) {
    const at = join(path, k);
    if (c.object(rule[k], at, ['years', 'km'])) {
      const b = rule[k] as Record<string, unknown>;
      if (c.number(b.years, join(at, 'years'), 1, 20, true) && c.number(b.km, join(at, 'km'), 1000, 2_000_000, true))
        ok[k] = b as unknown as Boundary;
    }
  }
  if (ok.sanbao && ok.warranty) {
    if (ok.warranty.years < ok.sanbao.years)
      c.fail(
        join(join(path, 'warranty'), 'years'),
        '整车质保不能短于三包',
        'the warranty must not be shorter than 三包',
      );
    if (ok.warranty.km < ok.sanbao.km)
      c.fail(
        join(join(path, 'warranty'), 'km'),
        '整车质保里程不能少于三包',
        'the warranty must not cover fewer km than 三包',
      );
  }
}

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  if (!c.object(params, path, ['enabled', 'sanbao', 'warranty', 'byModel'])) return;
  c.bool(params.enabled, join(path, 'enabled'));
  validateRule(c, params, path);
  const mp = join(path, 'byModel');
  if (!isRecord(params.byModel)) {
    c.fail(mp, '应为一组车型设置', 'must be an object of models');
    return;
  }
  for (const [model, rule] of Object.entries(params.byModel)) {
    if (c.object(rule, join(mp, model), ['sanbao', 'warranty'])) validateRule(c, rule, join(mp, model));
  }
}

export const aftersales: StandardDefinition<AftersalesParams, Rules> = {
  id: 'aftersales',
  name: { zh: '售后细分', en: 'After-sales segment' },
  grades: [
    { id: 'sanbao', label: SANBAO },
    { id: 'warranty', label: WARRANTY },
    { id: 'outOfWarranty', label: EXPIRED },
  ],
  defaults: AFTERSALES_DEFAULTS,
  validate,
  prepare: (params, today) => ({ params, today, byModel: new Map(Object.entries(params.byModel)) }),
  gradeRow,
  grade: gradeOne(gradeRow),
};
