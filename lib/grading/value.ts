// Standard 3 of docs/grading.md#g4-value-tier: value tier A-E ("score -> bands, with inclusive
// lower bounds"), either by thresholds on total spend and service visits per
// year, or by quintiles of the store's own customers (A = top 20% by spend).
// Quintiles need the whole population: gradeAll computes the cut points once
// (context), gradeCustomer takes them precomputed. docs/grading.md#g4-value-tier no spend
// figures: the threshold presets are DealerLens's.
import type { CustomerFacts } from './facts';
import { holdsVehicle, yearsHeldOf } from './loyalty';
import { Checker, join } from './schema';
import {
  GradeCursor,
  gradeOne,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  label,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  type Bilingual,
  type GradeInput,
  type StandardDefinition,
  type Today,
  type ValidationError,
  type Why,
} from './types';

export const VALUE_GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type ValueGrade = (typeof VALUE_GRADES)[number];

export interface ValueBand {
  /** A-D; E is everyone below D. */
  grade: Exclude<ValueGrade, 'E'>;
  /** Inclusive lower bounds: total spend (yuan) and service visits per year. */
  minSpend: number;
  minVisitsPerYear: number;
}

export interface ValueParams {
  enabled: boolean;
  mode: 'thresholds' | 'quintiles';
  /** A, B, C, D from the highest down (thresholds mode). */
  bands: ValueBand[];
}

export const VALUE_DEFAULTS: ValueParams = {
  enabled: true,
  mode: 'thresholds',
  bands: [
    { grade: 'A', minSpend: 20000, minVisitsPerYear: 3 },
    { grade: 'B', minSpend: 10000, minVisitsPerYear: 2 },
    { grade: 'C', minSpend: 5000, minVisitsPerYear: 1 },
    { grade: 'D', minSpend: 1000, minVisitsPerYear: 0 },
  ],
};

const LABELS: Record<ValueGrade, Bilingual> = {
  A: label('A 高价值', 'A top value'),
  B: label('B 较高价值', 'B high value'),
  C: label('C 中等价值', 'C medium value'),
  D: label('D 较低价值', 'D lower value'),
  E: label('E 低价值', 'E low value'),
};

/** Spend cut points for A, B, C, D (quintile lower bounds, inclusive). */
export interface ValueContext {
  cutoffs: [number, number, number, number];
  population: number;
}

/**
 * Quintile lower bounds of total spend among customers who hold a vehicle and
 * have a spend on record: A takes the top 20% (ties at the bound go up).
 */
export function valueContext(customers: readonly GradeInput[]): ValueContext {
  const spends: number[] = [];
  for (const c of customers)
    if (holdsVehicle(c) && typeof c.totalSpend === 'number' && c.totalSpend >= 0) spends.push(c.totalSpend);
  return quintilesOf(Float64Array.from(spends).sort());
}

/** valueContext from a run's facts. */
export function valueContextOf(f: CustomerFacts): ValueContext {
  const spends = new Float64Array(f.length);
  let n = 0;
  for (let i = 0; i < f.length; i++) {
    const spend = f.totalSpend[i]!;
    if (f.holds[i] === 1 && spend === spend) spends[n++] = spend;
  }
  return quintilesOf(spends.subarray(0, n).sort());
}

function quintilesOf(sorted: Float64Array): ValueContext {
  const n = sorted.length;
  const at = (share: number): number =>
    n === 0 ? Infinity : sorted[Math.min(n - 1, Math.max(0, n - Math.ceil(n * share)))]!;
  return { cutoffs: [at(0.2), at(0.4), at(0.6), at(0.8)], population: n };
}

interface Rules {
  params: ValueParams;
  today: Today;
  context: ValueContext | undefined;
}

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  if (f.holds[i] === 0) {
    why?.add('非保有客户, 不评价值等级', 'not an owner: no value tier');
    return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
  }
  const spend = f.totalSpend[i]!;
  if (spend !== spend) {
    why?.add('无累计消费数据', 'no total spend on record');
    return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
  }
  const p = rules.params;
  if (p.mode === 'quintiles') {
    const ctx = rules.context;
    if (!ctx || ctx.population === 0) {
      why?.add('按五分位分级需要全店客户数据 (gradeAll)', 'quintiles need the whole store (gradeAll)');
      return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
    }
    let i = 0;
    while (i < 4 && spend < ctx.cutoffs[i]!) i++;
    const g = VALUE_GRADES[i]!;
    if (why) {
      if (i < 4)
        why.add(
          `累计消费 ¥${spend} ≥ 本店 ${g} 档下限 ¥${ctx.cutoffs[i]} (前 ${(i + 1) * 20}%, 共 ${ctx.population} 位)`,
          `spend ¥${spend} >= the store's ${g} bound ¥${ctx.cutoffs[i]} (top ${(i + 1) * 20}% of ${ctx.population})`,
        );
      else
        why.add(
          `累计消费 ¥${spend} < 本店 D 档下限 ¥${ctx.cutoffs[3]}`,
          `spend ¥${spend} < the store's D bound ¥${ctx.cutoffs[3]}`,
        );
    }
    return out.set(g, LABELS[g]);
  }
  const visits = f.serviceVisits[i]!;
  const years = yearsHeldOf(f.heldSince[i]!, rules.today.day);
  // Without visits or a purchase date only the spend bound can be checked: bands that need visits are not met.
  const perYear = Number.isNaN(visits) || Number.isNaN(years) ? NaN : visits / years;
  const bands = p.bands;
  for (let b = 0; b < bands.length; b++) {
    const band = bands[b]!;
    const visitsOk = band.minVisitsPerYear === 0 || perYear >= band.minVisitsPerYear;
    if (spend >= band.minSpend && visitsOk) {
      why?.add(
        `累计消费 ¥${spend} ≥ ¥${band.minSpend}, 年进站 ${fmtRate(perYear)} ≥ ${band.minVisitsPerYear}: ${band.grade}`,
        `spend ¥${spend} >= ¥${band.minSpend}, ${fmtRate(perYear)} visits a year >= ${band.minVisitsPerYear}: ${band.grade}`,
      );
      return out.set(band.grade, LABELS[band.grade]);
    }
  }
  const last = p.bands[p.bands.length - 1];
  why?.add(
    `累计消费 ¥${spend}, 年进站 ${fmtRate(perYear)}: 未达 ${last ? `${last.grade} 档 (¥${last.minSpend}, ${last.minVisitsPerYear} 次/年)` : '任何档'}`,
    `spend ¥${spend}, ${fmtRate(perYear)} visits a year: below ${last ? `${last.grade} (¥${last.minSpend}, ${last.minVisitsPerYear}/year)` : 'every band'}`,
  );
  return out.set('E', LABELS.E);
}

const fmtRate = (n: number): string => (Number.isNaN(n) ? '不详/unknown' : String(Math.round(n * 10) / 10));

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  if (!c.object(params, path, ['enabled', 'mode', 'bands'])) return;
  c.bool(params.enabled, join(path, 'enabled'));
  c.oneOf(params.mode, join(path, 'mode'), ['thresholds', 'quintiles']);
  const bp = join(path, 'bands');
  if (!Array.isArray(params.bands)) {
    c.fail(bp, '应为列表', 'must be a list');
    return;
  }
  const expected = ['A', 'B', 'C', 'D'];
  if (params.bands.length !== 4)
    c.fail(bp, '应有 A、B、C、D 四档 (E 为其余)', 'needs the four bands A, B, C, D (E is the rest)');
  let prev: { minSpend: number; minVisitsPerYear: number } | undefined;
  params.bands.forEach((band: unknown, i) => {
    const at = join(bp, i);
    if (!c.object(band, at, ['grade', 'minSpend', 'minVisitsPerYear'])) return;
    if (band.grade !== expected[i])
      c.fail(
        join(at, 'grade'),
        `第 ${i + 1} 档应为 ${expected[i] ?? '(多余)'}`,
        `band ${i + 1} must be ${expected[i] ?? '(extra)'}`,
      );
    const spendOk = c.number(band.minSpend, join(at, 'minSpend'), 0, 1e9);
    const visitsOk = c.number(band.minVisitsPerYear, join(at, 'minVisitsPerYear'), 0, 365);
    if (spendOk && visitsOk && prev) {
      // Bands run from the highest down; a lower band may not ask for more, and
      // must ask for less on at least one bound, or it would be empty (overlap).
      const s = band.minSpend as number;
      const v = band.minVisitsPerYear as number;
      if (s > prev.minSpend) c.fail(join(at, 'minSpend'), '不能高于上一档', 'must not exceed the band above');
      else if (v > prev.minVisitsPerYear)
        c.fail(join(at, 'minVisitsPerYear'), '不能高于上一档', 'must not exceed the band above');
      else if (s === prev.minSpend && v === prev.minVisitsPerYear)
        c.fail(join(at, 'minSpend'), '与上一档重叠', 'overlaps the band above');
    }
    if (spendOk && visitsOk)
      prev = { minSpend: band.minSpend as number, minVisitsPerYear: band.minVisitsPerYear as number };
  });
}

export const value: StandardDefinition<ValueParams, Rules> = {
  id: 'value',
  name: { zh: '客户价值 (A-E)', en: 'Customer value (A-E)' },
  grades: VALUE_GRADES.map((id) => ({ id, label: LABELS[id] })),
  defaults: VALUE_DEFAULTS,
  validate,
  context: (customers, params) => (params.mode === 'quintiles' ? valueContext(customers) : undefined),
  contextOf: (facts, params) => (params.mode === 'quintiles' ? valueContextOf(facts) : undefined),
  prepare: (params, today, context) => ({ params, today, context: context as ValueContext | undefined }),
  gradeRow,
  grade: gradeOne(gradeRow),
};
