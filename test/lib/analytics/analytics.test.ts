import { describe, expect, it } from 'vitest';
import {
  churnList,
  defeatAnalysis,
  kpis,
  pivotCell,
  regionalConcentration,
  type AnalyticsCustomer,
} from '../../../lib/analytics';
import { CHURN_DEFAULTS, DEFAULT_RULE_SET, DEFEAT_REASONS, gradeAll } from '../../../lib/grading';

const NOW = new Date(2026, 10, 23, 9, 0); // 2026-11-23, local

/** Customers with their grades as the store keeps them (graded by the preset rule set today). */
function graded(customers: AnalyticsCustomer[]): AnalyticsCustomer[] {
  const reports = gradeAll(customers, DEFAULT_RULE_SET, NOW);
  return customers.map((c, i) => ({ ...c, grades: reports[i]!.summary() }));
}

describe('regional concentration (区域集中度: tier x district x year)', () => {
  const owners = (
    tier: 'quality' | 'potential' | 'general',
    district: string | undefined,
    purchasedAt: string | undefined,
    createdAt = '2026-01-05T02:00:00.000Z',
  ): AnalyticsCustomer => ({
    stage: 'owner',
    district,
    purchasedAt,
    createdAt,
    grades: { loyalty: tier },
  });

  it('counts each owner under the district and the year of purchase, with totals by district, by year and overall', () => {
    const pivot = regionalConcentration([
      owners('quality', '惠城区', '2024-03-01'),
      owners('quality', '惠城区', '2024-07-01'),
      owners('potential', '惠城区', '2025-01-10'),
      owners('general', '博罗县', '2025-05-05'),
      owners('quality', '博罗县', '2025-12-31'),
    ]);
    expect(pivot.districts).toEqual(['惠城区', '博罗县']);
    expect(pivot.years).toEqual(['2024', '2025']);
    expect(pivotCell(pivot, '惠城区', '2024')).toEqual({ quality: 2, potential: 0, general: 0, total: 2 });
    expect(pivotCell(pivot, '博罗县', '2024')).toEqual({ quality: 0, potential: 0, general: 0, total: 0 });
    expect(pivot.byDistrict['博罗县']).toEqual({ quality: 1, potential: 0, general: 1, total: 2 });
    expect(pivot.byYear['2025']).toEqual({ quality: 1, potential: 1, general: 1, total: 3 });
    expect(pivot.total).toEqual({ quality: 3, potential: 1, general: 1, total: 5 });
  });

  it('leaves out customers without a loyalty tier (a lead, too little data)', () => {
    const pivot = regionalConcentration([
      { stage: 'lead', district: '惠城区', grades: { loyalty: 'n/a' } },
      { stage: 'owner', district: '惠城区', grades: { loyalty: 'insufficient' } },
      owners('general', '惠城区', '2025-01-01'),
    ]);
    expect(pivot.total.total).toBe(1);
  });

  it('an owner without a purchase date counts under the year the store first held them, and says how many did', () => {
    const pivot = regionalConcentration([owners('potential', '惠阳区', undefined, '2023-06-01T04:00:00.000Z')]);
    expect(pivot.years).toEqual(['2023']);
    expect(pivot.yearFromCreatedAt).toBe(1);
  });

  it('a blank district is shown as 未填区域, last', () => {
    const pivot = regionalConcentration([
      owners('quality', '  ', '2025-01-01'),
      owners('quality', '龙门县', '2025-01-01'),
    ]);
    expect(pivot.districts).toEqual(['龙门县', '未填区域']);
  });

  it('reads grades given beside the customers before the stored ones', () => {
    const customers = [owners('quality', '惠城区', '2025-01-01')];
    expect(regionalConcentration(customers, [{ loyalty: 'general' }]).total.general).toBe(1);
  });
});

describe('defeat analysis (战败分析: Pareto by reason, by consultant, by model)', () => {
  const lost = (defeatReason: string, consultant: string, intendedModel: string): AnalyticsCustomer => ({
    stage: 'defeated',
    defeatReason,
    consultant,
    intendedModel,
    phone: '13800000000',
  });
  const customers = graded([
    lost('价格高', '王芳', '朗逸'),
    lost('太贵了', '王芳', '朗逸'),
    lost('预算不够', '李强', '途观L'),
    lost('买了别家的车', '李强', '朗逸'),
    lost('贷款没批下来', '王芳', '帕萨特'),
    { stage: 'lead', phone: '13900000000', consultant: '王芳' },
  ]);
  const analysis = defeatAnalysis(customers, undefined, DEFEAT_REASONS);

  it('normalises free text to the reason list and sorts reasons by count, with shares and the running share', () => {
    expect(analysis.defeated).toBe(5);
    expect(analysis.pareto.map((r) => [r.reason, r.count])).toEqual([
      ['价格高', 3],
      ['购买竞品', 1],
      ['贷款未批', 1],
    ]);
    expect(analysis.pareto[0]!.share).toBeCloseTo(0.6);
    expect(analysis.pareto.map((r) => r.cumulative)).toEqual([0.6, 0.8, 1]);
  });

  it('groups by consultant and by intended model, each with its most frequent reason', () => {
    expect(analysis.byConsultant.map((g) => [g.key, g.count, g.topReason])).toEqual([
      ['王芳', 3, '价格高'],
      ['李强', 2, '价格高'],
    ]);
    expect(analysis.byModel[0]).toMatchObject({ key: '朗逸', count: 3, reasons: { 价格高: 2, 购买竞品: 1 } });
  });

  it('a lead is not a defeated customer', () => {
    expect(analysis.byConsultant.reduce((n, g) => n + g.count, 0)).toBe(5);
  });
});

describe('churn list (流失: churned and at-risk owners)', () => {
  const owner = (fields: AnalyticsCustomer): AnalyticsCustomer => ({
    stage: 'owner',
    vin: 'LSVAU2180N2183294',
    ...fields,
  });
  const customers = graded([
    owner({ name: '半年未进站', lastServiceAt: '2026-04-01' }),
    owner({ name: '高里程', lastServiceAt: '2026-08-01', annualMileageKm: 30000 }),
    owner({ name: '快到期', lastServiceAt: '2026-06-10' }),
    owner({ name: '刚保养', lastServiceAt: '2026-11-01' }),
    owner({ name: '从未进站' }),
  ]);
  const list = churnList(customers, CHURN_DEFAULTS, NOW);
  const byName = (name: string) => list.entries.find((e) => customers[e.index]!.name === name);

  it('an owner with no service visit for 6 months has churned, with the days since the last service', () => {
    expect(byName('半年未进站')).toMatchObject({
      state: 'churned',
      daysSinceService: 236,
      basis: 'time',
      thresholdMonths: 6,
      expectedBy: '2026-10-01',
      daysPastExpected: 53,
    });
    expect(byName('半年未进站')!.threshold.zh).toBe('6 个月');
  });

  it('a high-mileage owner churns by the mileage interval, and the list says so', () => {
    // 7,500 km at 30,000 km a year: a visit every 91 days.
    expect(byName('高里程')).toMatchObject({
      state: 'churned',
      basis: 'mileage',
      thresholdDays: 91,
      daysSinceService: 114,
    });
    expect(byName('高里程')!.threshold.zh).toBe('按里程 91 天（上限 6 个月）');
  });

  it('lists at-risk owners after the churned ones, and leaves out active owners and those who never came in', () => {
    expect(list.entries.map((e) => customers[e.index]!.name)).toEqual(['半年未进站', '高里程', '快到期']);
    expect([list.churned, list.warning]).toEqual([2, 1]);
  });
});

describe('KPIs (docs/grading.md#v6-measures-kpis: 保有量, 新增客户, 流失率, 回站率, 战败率, grade distribution)', () => {
  const customers = graded([
    { stage: 'owner', vin: 'LSVAU2180N2183294', lastServiceAt: '2026-04-01', createdAt: '2026-11-02T02:00:00.000Z' },
    { stage: 'owner', vin: 'LSVAU2180N2183295', lastServiceAt: '2026-11-01', createdAt: '2026-03-02T02:00:00.000Z' },
    { stage: 'owner', vin: 'LSVAU2180N2183296', createdAt: '2025-03-02T02:00:00.000Z' },
    {
      stage: 'lead',
      phone: '13800000001',
      lastContactAt: '2026-11-20',
      expectedPurchaseAt: '2026-11-25',
      createdAt: '2026-11-20T02:00:00.000Z',
    },
    { stage: 'defeated', phone: '13800000002', defeatReason: '价格高', createdAt: '2024-01-01T02:00:00.000Z' },
  ]);
  const k = kpis(customers, NOW);

  it('保有量 counts every owner; 流失率 is churned over owners with a service record', () => {
    expect(k.owners).toBe(3);
    expect(k.ownersServiced).toBe(2);
    expect(k.churnRate).toBe(0.5);
  });

  it('回站率 is owners serviced in the last 365 days over owners held', () => {
    expect(k.returnRate).toBeCloseTo(2 / 3);
  });

  it('新增客户 counts by the month and year the store first held the customer', () => {
    expect([k.newThisMonth, k.newThisYear]).toEqual([2, 3]);
  });

  it('战败率 is defeated over the sales base (leads and defeated, not owners)', () => {
    expect(k.salesBase).toBe(2);
    expect(k.defeatRate).toBe(0.5);
  });

  it('grade distribution counts customers per grade, per standard', () => {
    expect(k.distribution.intent?.H).toBe(1);
    expect(k.distribution.churn).toMatchObject({ churned: 1, active: 1, neverServiced: 1 });
  });

  it('a rate without a denominator is null, not 0 or NaN', () => {
    expect(kpis([], NOW).churnRate).toBeNull();
  });
});
