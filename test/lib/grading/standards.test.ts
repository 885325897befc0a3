import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, diffGrades, gradeAll, type GradeInput } from '../../../lib/grading';
import { EXTRA_KEYS } from '../../../lib/grading/extra';
import { at, editedRuleSet, grade } from './helpers';

const owner = (fields: GradeInput): GradeInput => ({ stage: 'owner', deliveredAt: '2024-03-10', ...fields });

describe('churn (流失客户)', () => {
  it.each([
    // 6-month threshold, last service 2026-01-10; warning from 80% of the interval
    ['2026-06-03', 'active'], // 144 of 181 days
    ['2026-06-04', 'warning'], // 145 = 80% of 181, rounded up
    ['2026-07-10', 'warning'], // exactly 6 months: not yet churned
    ['2026-07-11', 'churned'], // the day after
  ])('an owner last serviced 2026-01-10 is, on %s, %s', (today, g) => {
    expect(grade('churn', owner({ lastServiceAt: '2026-01-10', serviceVisits: 3 }), today).grade).toBe(g);
  });

  it('a high-mileage owner who drives the 7,500 km interval in 3 months has churned at month 4, not month 6', () => {
    const e = grade(
      'churn',
      owner({ lastServiceAt: '2026-01-10', serviceVisits: 3, annualMileageKm: 30000 }),
      '2026-05-10',
    );
    expect(e.grade).toBe('churned');
    expect(e.reason.zh).toContain('应每 91 天进站');
  });

  it('the mileage interval is capped by the time threshold', () => {
    expect(
      grade('churn', owner({ lastServiceAt: '2026-01-10', serviceVisits: 3, annualMileageKm: 2000 }), '2026-07-11')
        .grade,
    ).toBe('churned');
  });

  it('an owner with no service record is 未进站, not churned', () => {
    const e = grade('churn', owner({ serviceVisits: 0 }), '2026-07-11');
    expect(e.label.zh).toBe('未进站');
  });

  it('visits on record without a last service date is insufficient data; a future date is flagged', () => {
    expect(grade('churn', owner({ serviceVisits: 2 }), '2026-07-11').grade).toBe('insufficient');
    expect(grade('churn', owner({ lastServiceAt: '2026-08-01' }), '2026-07-11').flags).toContain('futureDate');
  });

  it('a model-specific threshold applies to that model (12 months for 途昂)', () => {
    const rs = editedRuleSet(
      (r) => (r.standards.churn.byModel = { 途昂: { thresholdMonths: 12, serviceIntervalKm: 0 } }),
    );
    expect(grade('churn', owner({ lastServiceAt: '2026-01-10', vehicleModel: '途昂' }), '2026-08-01', rs).grade).toBe(
      'active',
    );
  });

  it('a lead is not graded for churn', () => {
    expect(grade('churn', { stage: 'lead' }, '2026-08-01').grade).toBe('n/a');
  });
});

describe('after-sales segment (售后细分): whichever boundary comes first', () => {
  it.each([
    ['2024-03-10', 20000, '2026-03-09', 'sanbao'], // one day before 2 years
    ['2024-03-10', 20000, '2026-03-10', 'warranty'], // exactly 2 years
    ['2024-03-10', 49999, '2025-03-10', 'sanbao'],
    ['2024-03-10', 50000, '2025-03-10', 'warranty'], // 50,000 km reached first
    ['2024-03-10', 99999, '2025-03-10', 'warranty'],
    ['2024-03-10', 100000, '2025-03-10', 'outOfWarranty'],
    ['2024-03-10', 30000, '2027-03-10', 'outOfWarranty'], // 3 years
    ['2024-02-29', 10000, '2026-02-28', 'warranty'], // bought on Feb 29: 2 years end on Feb 28
  ])('a car bought %s with %i km is, on %s, %s', (bought, km, today, g) => {
    expect(grade('aftersales', { stage: 'owner', purchasedAt: bought, mileageKm: km }, today).grade).toBe(g);
  });

  it('the vehicle use is the detail and in the words', () => {
    const e = grade(
      'aftersales',
      { stage: 'owner', purchasedAt: '2025-01-01', mileageKm: 1000, vehicleUse: 'commercial' },
      '2026-01-01',
    );
    expect(e.detail).toBe('commercial');
    expect(e.reason.zh).toContain('营运车');
  });

  it('without mileage a young car cannot be placed, an old one can', () => {
    expect(grade('aftersales', { stage: 'owner', purchasedAt: '2025-01-01' }, '2026-01-01').grade).toBe('insufficient');
    expect(grade('aftersales', { stage: 'owner', purchasedAt: '2020-01-01' }, '2026-01-01').grade).toBe(
      'outOfWarranty',
    );
  });
});

describe('base-customer tier by loyalty (优质 / 潜力 / 一般)', () => {
  const loyal = owner({
    satisfaction: 'A',
    complaints: 0,
    serviceVisits: 4,
    eventsAttended: 3,
    referrals: 2,
    extra: { [EXTRA_KEYS.repairsHere]: '2' },
  });
  it("a satisfied owner who services here, attends events and refers is 优质, each item's points in the reason", () => {
    const e = grade('loyalty', loyal, '2026-03-10');
    expect(e.label.zh).toBe('优质');
    expect(e.reason.zh).toContain('满意度 A: 30/30');
    expect(e.reason.zh).toContain('转介绍 2 位: 10/10');
    expect(e.reason.zh).toContain('合计 100 分');
  });

  it.each([
    [{ satisfaction: 'C', complaints: 0, serviceVisits: 2, eventsAttended: 0, referrals: 0 }, 'potential'], // 15 + 20 + 12.5 = 47.5
    [{ satisfaction: 'D', complaints: 2, serviceVisits: 0, eventsAttended: 0, referrals: 0 }, 'general'],
  ])('%o is %s', (fields, g) => {
    expect(grade('loyalty', owner(fields), '2026-03-10').grade).toBe(g);
  });

  it('unresolved complaints cost more than resolved ones', () => {
    const base = { satisfaction: 'B', serviceVisits: 4, eventsAttended: 3, referrals: 0 };
    const resolved = grade(
      'loyalty',
      owner({ ...base, extra: { [EXTRA_KEYS.complaintsResolved]: '2' } }),
      '2026-03-10',
    );
    const unresolved = grade(
      'loyalty',
      owner({ ...base, extra: { [EXTRA_KEYS.complaintsUnresolved]: '2' } }),
      '2026-03-10',
    );
    expect(resolved.reason.zh).toContain('投诉 已解决 2 次, 未解决 0 次: 10/20');
    expect(unresolved.reason.zh).toContain('投诉 已解决 0 次, 未解决 2 次: 0/20');
  });

  it('an owner with almost no data is 数据不足, not 一般', () => {
    const e = grade('loyalty', owner({ referrals: 1 }), '2026-03-10');
    expect(e.grade).toBe('insufficient');
    expect(e.reason.zh).toContain('满意度: 无数据');
  });
});

describe('value tier A-E', () => {
  it.each([
    [20000, 6, 'A'], // exactly the A bounds (2 years held: 3 a year)
    [19999, 6, 'B'],
    [20000, 5, 'B'],
    [999, 2, 'E'],
  ])('an owner who spent ¥%i over %i visits in two years is %s', (spend, visits, g) => {
    expect(grade('value', owner({ totalSpend: spend, serviceVisits: visits }), '2026-03-10').grade).toBe(g);
  });

  it("by quintiles of the store's own customers: A is the top 20%", () => {
    const rs = editedRuleSet((r) => (r.standards.value.mode = 'quintiles'));
    const customers = Array.from({ length: 10 }, (_, i) => owner({ id: `c${i}`, totalSpend: (i + 1) * 1000 }));
    const grades = gradeAll(customers, rs, at('2026-03-10')).map((r) => r.gradeOf('value'));
    expect(grades).toEqual(['E', 'E', 'D', 'D', 'C', 'C', 'B', 'B', 'A', 'A']);
  });

  it('quintiles without the whole store say so rather than guess', () => {
    const rs = editedRuleSet((r) => (r.standards.value.mode = 'quintiles'));
    expect(grade('value', owner({ totalSpend: 5000 }), '2026-03-10', rs).reason.zh).toContain('需要全店客户数据');
  });

  it('no spend on record is insufficient data', () => {
    expect(grade('value', owner({}), '2026-03-10').grade).toBe('insufficient');
  });
});

describe('satisfaction A-E and F', () => {
  const x = (extra: Record<string, string>, fields: GradeInput = {}) =>
    grade('satisfaction', { stage: 'owner', complaints: 0, ...fields, extra }, '2026-03-10');
  it.each([
    [{ [EXTRA_KEYS.pressThreat]: '是' }, 'E'],
    [{ [EXTRA_KEYS.qualityRepairsInMonth]: '2' }, 'E'], // 2 or more in a month
    [{ [EXTRA_KEYS.qualityRepairsInMonth]: '1' }, 'B'],
    [{ [EXTRA_KEYS.openCaseDays]: '21' }, 'E'], // over 20 days
    [{ [EXTRA_KEYS.openCaseDays]: '20' }, 'B'],
    [{ [EXTRA_KEYS.partsWaitDays]: '4' }, 'D'], // over 3 days
    [{ [EXTRA_KEYS.partsWaitDays]: '3' }, 'B'],
    [{ [EXTRA_KEYS.repairDays]: '8' }, 'D'], // over a week
    [{ [EXTRA_KEYS.praise]: '1' }, 'A'],
    [{}, 'B'],
  ])('%o gives %s', (extra, g) => {
    expect(x(extra).grade).toBe(g);
  });

  it('a recorded grade is kept; a recorded A with an unresolved complaint is flagged', () => {
    const e = x({ [EXTRA_KEYS.complaintsUnresolved]: '1' }, { satisfaction: '非常满意' });
    expect(e.grade).toBe('A');
    expect(e.flags).toContain('contradiction');
  });

  it('a government car is a key account (F)', () => {
    expect(x({}, { vehicleUse: 'official' }).grade).toBe('F');
  });

  it('no record and no complaint data is insufficient', () => {
    expect(grade('satisfaction', { stage: 'lead' }, '2026-03-10').grade).toBe('insufficient');
  });
});

describe('defeated customers (战败客户)', () => {
  it.each([
    ['价格高', '价格高'],
    ['觉得落地价高', '价格高'],
    ['已在别家提车', '购买竞品'],
    // The old list's word, as stored before it read 购买竞品.
    ['竞品', '购买竞品'],
    ['老婆不同意', '其他'],
    [undefined, '其他'],
  ])('the defeat reason "%s" is filed as %s, the free text kept in the reason', (text, reason) => {
    const e = grade(
      'defeated',
      { stage: 'defeated', defeatReason: text, lastContactAt: '2026-03-01T10:00' },
      '2026-03-10',
    );
    expect(e.detail).toBe(reason);
    if (text && text !== reason) expect(e.reason.zh).toContain(text);
  });

  it.each([
    ['2026-03-30', 'upcoming'],
    ['2026-03-31', 'due'], // 30 days
    ['2026-04-01', 'overdue'],
  ])('a win-back call after 2026-03-01 is, on %s, %s', (today, state) => {
    expect(
      grade('defeated', { stage: 'defeated', defeatReason: '价格高', lastContactAt: '2026-03-01T23:30' }, today).due,
    ).toBe(state);
  });

  it('a defeated customer who comes back as a lead is graded as a lead again, history kept', () => {
    const back: GradeInput = { stage: 'lead', defeatReason: '暂缓购车', portalGrade: 'A', lastContactAt: '2026-03-09' };
    expect(grade('defeated', back, '2026-03-10')).toMatchObject({ grade: 'reactivated', detail: '暂缓购车' });
    expect(grade('intent', back, '2026-03-10').grade).toBe('A');
  });
});

describe('reports, summaries and diffs', () => {
  const customers: GradeInput[] = [
    { id: 'a', stage: 'lead', portalGrade: 'H', lastContactAt: '2026-03-07T10:00' },
    { id: 'b', stage: 'defeated', defeatReason: '价格高', lastContactAt: '2026-02-01' },
    owner({
      id: 'c',
      lastServiceAt: '2026-03-01',
      serviceVisits: 2,
      totalSpend: 3000,
      mileageKm: 20000,
      vehicleUse: 'private',
    }),
  ];

  it('one entry per enabled standard, in registry order', () => {
    const reports = gradeAll(customers, DEFAULT_RULE_SET, at('2026-03-10'));
    expect(reports.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(reports[0]!.entries.map((e) => e.standard)).toEqual([
      'intent',
      'loyalty',
      'value',
      'churn',
      'aftersales',
      'satisfaction',
      'defeated',
    ]);
    const off = editedRuleSet((r) => (r.standards.loyalty.enabled = false));
    expect(gradeAll(customers, off, at('2026-03-10'))[0]!.entries).toHaveLength(6);
  });

  it('the summary is a flat record a grid can sort and filter', () => {
    const [a, b, c] = gradeAll(customers, DEFAULT_RULE_SET, at('2026-03-10')).map((r) => r.summary());
    expect(a).toMatchObject({
      intent: 'H',
      nextDueAt: '2026-03-09',
      due: 'overdue',
      overdueDays: 1,
      nextDueStandard: 'intent',
    });
    expect(b).toMatchObject({
      intent: 'n/a',
      defeated: 'defeated',
      defeatedDetail: '价格高',
      nextDueAt: '2026-03-03',
      overdueDays: 7,
    });
    expect(c).toMatchObject({
      churn: 'active',
      aftersales: 'warranty',
      aftersalesDetail: 'private',
      serviceDueAt: '2026-09-01',
    }); // delivered exactly 2 years ago: past 三包
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('a report serialises with its reasons', () => {
    const json = JSON.parse(JSON.stringify(gradeAll(customers, DEFAULT_RULE_SET, at('2026-03-10'))[0]));
    expect(json.entries[0].reason.zh).toContain('电话回访');
  });

  it('changing a rule set shows how many changed grade, by standard', () => {
    const before = gradeAll(customers, DEFAULT_RULE_SET, at('2026-07-10'));
    const stricter = editedRuleSet((r) => (r.standards.churn.thresholdMonths = 3));
    const after = gradeAll(customers, stricter, at('2026-07-10'));
    const diff = diffGrades(
      before.map((r) => r.summary()),
      after,
    );
    expect(diff.changed).toBe(1);
    expect(diff.byStandard.churn).toEqual({ changed: 1, transitions: { 'active→churned': 1 } });
    expect(diff.byStandard.intent).toBeUndefined();
  });
});
