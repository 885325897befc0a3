// Standard 2 of docs/grading.md#g3-base-customer-tier-by-loyalty: base-customer tier by loyalty (优质 / 潜力 / 一般).
// The loyalty score adds, for each item, weight x the item's share (0..1)
// from the data that exists: vehicle satisfaction, complaints (resolved /
// unresolved), regular maintenance here, repairs here, event participation,
// referrals. docs/grading.md#g3-base-customer-tier-by-loyalty the items but no numbers: the weights, caps and
// thresholds below are DealerLens's presets, all editable. An item without
// data scores 0 and says so; when the items with data weigh less than
// `minCoverage` of the total, the tier is 数据不足 rather than a guess.
import { dayOf } from '../calendar';
import type { CustomerFacts } from './facts';
import { Checker, join } from './schema';
import {
  GradeCursor,
  gradeOne,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  label,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  type GradeInput,
  type StandardDefinition,
  type Today,
  type ValidationError,
  type Why,
} from './types';

export const LOYALTY_ITEMS = ['satisfaction', 'complaints', 'maintenance', 'repairs', 'events', 'referrals'] as const;
export type LoyaltyItem = (typeof LOYALTY_ITEMS)[number];

export interface LoyaltyParams {
  enabled: boolean;
  /** Points each item can give; they add up to 100. */
  weights: Record<LoyaltyItem, number>;
  /** Share of the satisfaction item per satisfaction grade A-E (F is an identity, not a level). */
  satisfactionShares: Record<'A' | 'B' | 'C' | 'D' | 'E', number>;
  /** Share taken off the complaints item per resolved / unresolved complaint, and per complaint whose outcome is unknown. */
  complaintPenalty: { resolved: number; unresolved: number; unknown: number };
  /** Full maintenance share at this many services a year here. */
  servicesPerYear: number;
  /** Full shares at these counts. */
  fullRepairs: number;
  fullEvents: number;
  fullReferrals: number;
  /** Tier thresholds on the 0-100 score, lower bounds inclusive: 优质 >= quality, 潜力 >= potential. */
  thresholds: { quality: number; potential: number };
  /** Share of the weights that must have data (0..1). */
  minCoverage: number;
}

export const LOYALTY_DEFAULTS: LoyaltyParams = {
  enabled: true,
  weights: { satisfaction: 30, complaints: 20, maintenance: 25, repairs: 5, events: 10, referrals: 10 },
  satisfactionShares: { A: 1, B: 0.75, C: 0.5, D: 0.25, E: 0 },
  complaintPenalty: { resolved: 0.25, unresolved: 0.5, unknown: 0.4 },
  servicesPerYear: 2,
  fullRepairs: 2,
  fullEvents: 3,
  fullReferrals: 2,
  thresholds: { quality: 70, potential: 40 },
  minCoverage: 0.5,
};

const QUALITY = label('优质', 'Quality');
const POTENTIAL = label('潜力', 'Potential');
const GENERAL = label('一般', 'General');

const ITEM_NAMES: Record<LoyaltyItem, [string, string]> = {
  satisfaction: ['满意度', 'satisfaction'],
  complaints: ['投诉', 'complaints'],
  maintenance: ['定期保养', 'regular service'],
  repairs: ['本店维修', 'repairs here'],
  events: ['参加活动', 'events'],
  referrals: ['转介绍', 'referrals'],
};

interface Rules {
  params: LoyaltyParams;
  today: Today;
  total: number;
  /** Recorded satisfaction text -> share (NaN: not a level). */
  shareOfText: Map<string, number>;
}

/** Who is a base customer in the narrow sense (保有客户): owners and delivered buyers, or anyone with a car on record. */
export function holdsVehicle(input: GradeInput): boolean {
  const s = input.stage;
  if (s === 'owner' || s === 'delivered') return true;
  return (
    s === undefined && (input.deliveredAt !== undefined || input.purchasedAt !== undefined || input.vin !== undefined)
  );
}

/** Years the customer has held the car (at least one, so a new owner's single service is not read as a rate of 12 a year). */
export function yearsHeld(input: GradeInput, today: number): number {
  return yearsHeldOf(dayOf(input.deliveredAt ?? input.purchasedAt), today);
}

/** yearsHeld from the day the car is held since (facts.ts heldSince). */
export function yearsHeldOf(since: number, today: number): number {
  if (since !== since || since > today) return NaN;
  return Math.max(1, (today - since) / 365.25);
}

/** The satisfaction item's share for a recorded satisfaction text (code of the run's facts), read once per distinct text. */
function satisfactionShare(f: CustomerFacts, code: number, rules: Rules): number {
  if (code === 0) return NaN;
  const text = f.texts[code]!;
  let s = rules.shareOfText.get(text);
  if (s === undefined) {
    const sat = text.trim().toUpperCase();
    s = sat in rules.params.satisfactionShares ? rules.params.satisfactionShares[sat as 'A'] : NaN;
    rules.shareOfText.set(text, s);
  }
  return s;
}

const share = (n: number, full: number): number => (n >= full ? 1 : n / full);
const round1 = (n: number): number => Math.round(n * 10) / 10;

function gradeRow(f: CustomerFacts, i: number, rules: Rules, out: GradeCursor, why?: Why): void {
  if (f.holds[i] === 0) {
    why?.add('非保有客户, 不评忠诚度分级', 'not an owner: no loyalty tier');
    return out.set(NOT_APPLICABLE, NOT_APPLICABLE_LABEL);
  }
  const p = rules.params;
  const w = p.weights;

  const satShare = satisfactionShare(f, f.satisfaction[i]!, rules);

  const resolved = f.complaintsResolved[i]!;
  const unresolved = f.complaintsUnresolved[i]!;
  const total = f.complaints[i]!;
  const split = resolved === resolved || unresolved === unresolved;
  const r = resolved !== resolved ? 0 : resolved;
  const u = unresolved !== unresolved ? 0 : unresolved;
  const complaintShare = split
    ? Math.max(0, 1 - r * p.complaintPenalty.resolved - u * p.complaintPenalty.unresolved)
    : Math.max(0, 1 - total * p.complaintPenalty.unknown); // NaN stays NaN: no data

  const years = yearsHeldOf(f.heldSince[i]!, rules.today.day);
  const onSchedule = f.servicesOnSchedule[i]!;
  const services = onSchedule !== onSchedule ? f.serviceVisits[i]! : onSchedule;
  const perYear = services / years;
  const repairs = f.repairsHere[i]!;
  const events = f.eventsAttended[i]!;
  const referrals = f.referrals[i]!;

  const maintenanceShare = share(perYear, p.servicesPerYear);
  const repairShare = share(repairs, p.fullRepairs);
  const eventShare = share(events, p.fullEvents);
  const referralShare = share(referrals, p.fullReferrals);
  // An item without data (NaN) adds neither points nor coverage.
  let score = 0;
  let covered = 0;
  if (satShare === satShare) {
    score += satShare * w.satisfaction;
    covered += w.satisfaction;
  }
  if (complaintShare === complaintShare) {
    score += complaintShare * w.complaints;
    covered += w.complaints;
  }
  if (maintenanceShare === maintenanceShare) {
    score += maintenanceShare * w.maintenance;
    covered += w.maintenance;
  }
  if (repairShare === repairShare) {
    score += repairShare * w.repairs;
    covered += w.repairs;
  }
  if (eventShare === eventShare) {
    score += eventShare * w.events;
    covered += w.events;
  }
  if (referralShare === referralShare) {
    score += referralShare * w.referrals;
    covered += w.referrals;
  }
  if (why)
    itemWords(
      why,
      f,
      i,
      w,
      [satShare, complaintShare, maintenanceShare, repairShare, eventShare, referralShare],
      split,
      r,
      u,
      total,
      perYear,
      repairs,
      events,
      referrals,
    );

  if (covered < p.minCoverage * rules.total) {
    why?.add(
      `有数据的项目仅占 ${covered}/${rules.total} 分, 不足 ${Math.round(p.minCoverage * 100)}%`,
      `items with data weigh only ${covered}/${rules.total}, under ${Math.round(p.minCoverage * 100)}%`,
    );
    return out.set(INSUFFICIENT, INSUFFICIENT_LABEL);
  }
  const { quality, potential } = p.thresholds;
  const tier = score >= quality ? 'quality' : score >= potential ? 'potential' : 'general';
  if (why) {
    const s = round1(score);
    if (tier === 'quality') why.add(`合计 ${s} 分 ≥ ${quality}: 优质`, `total ${s} >= ${quality}: quality`);
    else if (tier === 'potential')
      why.add(`合计 ${s} 分 ≥ ${potential}: 潜力`, `total ${s} >= ${potential}: potential`);
    else why.add(`合计 ${s} 分 < ${potential}: 一般`, `total ${s} < ${potential}: general`);
  }
  return out.set(tier, tier === 'quality' ? QUALITY : tier === 'potential' ? POTENTIAL : GENERAL);
}

/**
 * The reason's words, one per item with its points. Apart from gradeRow so
 * the grading path holds no closure: V8 would give every call a context with
 * its numbers boxed, about 160 bytes a customer.
 */
function itemWords(
  why: Why,
  f: CustomerFacts,
  i: number,
  w: LoyaltyParams['weights'],
  shares: number[],
  split: boolean,
  r: number,
  u: number,
  total: number,
  perYear: number,
  repairs: number,
  events: number,
  referrals: number,
): void {
  const sat = f.satisfaction[i] === 0 ? undefined : f.texts[f.satisfaction[i]!]!.trim().toUpperCase();
  const facts: [string, string][] = [
    [sat ?? '', sat ?? ''],
    split
      ? [`已解决 ${r} 次, 未解决 ${u} 次`, `${r} resolved, ${u} unresolved`]
      : [`${total} 次 (是否解决不详)`, `${total} (resolution unknown)`],
    [`${round1(perYear)} 次/年`, `${round1(perYear)} a year`],
    [`${repairs} 次`, `${repairs}`],
    [`${events} 次`, `${events}`],
    [`${referrals} 位`, `${referrals}`],
  ];
  LOYALTY_ITEMS.forEach((name, i) => {
    const [nzh, nen] = ITEM_NAMES[name];
    const s = shares[i]!;
    if (Number.isNaN(s)) why.add(`${nzh}: 无数据 0/${w[name]}`, `${nen}: no data 0/${w[name]}`);
    else
      why.add(
        `${nzh} ${facts[i]![0]}: ${round1(s * w[name])}/${w[name]}`,
        `${nen} ${facts[i]![1]}: ${round1(s * w[name])}/${w[name]}`,
      );
  });
}

function validate(params: unknown, path: string, errors: ValidationError[]): void {
  const c = new Checker(errors);
  const keys = Object.keys(LOYALTY_DEFAULTS);
  if (!c.object(params, path, keys)) return;
  c.bool(params.enabled, join(path, 'enabled'));
  const wp = join(path, 'weights');
  if (c.object(params.weights, wp, LOYALTY_ITEMS)) {
    let sum = 0;
    let all = true;
    for (const k of LOYALTY_ITEMS) {
      if (c.number(params.weights[k], join(wp, k), 0, 100)) sum += params.weights[k] as number;
      else all = false;
    }
    if (all && Math.abs(sum - 100) > 1e-9)
      c.fail(wp, `各项权重合计应为 100 (现为 ${sum})`, `weights must add up to 100 (now ${sum})`);
  }
  const sp = join(path, 'satisfactionShares');
  if (c.object(params.satisfactionShares, sp, ['A', 'B', 'C', 'D', 'E'])) {
    for (const g of ['A', 'B', 'C', 'D', 'E']) c.number(params.satisfactionShares[g], join(sp, g), 0, 1);
  }
  const pp = join(path, 'complaintPenalty');
  if (c.object(params.complaintPenalty, pp, ['resolved', 'unresolved', 'unknown'])) {
    for (const k of ['resolved', 'unresolved', 'unknown']) c.number(params.complaintPenalty[k], join(pp, k), 0, 1);
  }
  c.number(params.servicesPerYear, join(path, 'servicesPerYear'), 0.1, 24);
  for (const k of ['fullRepairs', 'fullEvents', 'fullReferrals']) c.number(params[k], join(path, k), 1, 100, true);
  const tp = join(path, 'thresholds');
  if (c.object(params.thresholds, tp, ['quality', 'potential'])) {
    const t = params.thresholds;
    if (
      c.number(t.quality, join(tp, 'quality'), 0, 100) &&
      c.number(t.potential, join(tp, 'potential'), 0, 100) &&
      (t.potential as number) >= (t.quality as number)
    ) {
      c.fail(
        join(tp, 'potential'),
        '潜力线必须低于优质线',
        'the potential threshold must be below the quality threshold',
      );
    }
  }
  c.number(params.minCoverage, join(path, 'minCoverage'), 0, 1);
}

export const loyalty: StandardDefinition<LoyaltyParams, Rules> = {
  id: 'loyalty',
  name: { zh: '基盘客户分级 (忠诚度)', en: 'Base-customer tier (loyalty)' },
  grades: [
    { id: 'quality', label: QUALITY },
    { id: 'potential', label: POTENTIAL },
    { id: 'general', label: GENERAL },
  ],
  defaults: LOYALTY_DEFAULTS,
  validate,
  prepare: (params, today) => ({
    params,
    today,
    total: Object.values(params.weights).reduce((a, b) => a + b, 0),
    shareOfText: new Map(),
  }),
  gradeRow,
  grade: gradeOne(gradeRow),
};
