import { describe, expect, it } from 'vitest';
import { FUNNEL_RULE_SET } from '../../../lib/grading';
import { editedRuleSet, grade } from './helpers';

describe('Standard 1: lead intent grade with follow-up cadence (乘用车跟踪标准)', () => {
  it.each([
    // grade from the expected purchase date, today 2026-03-10
    ['2026-03-10', 'H'], // today
    ['2026-03-17', 'H'], // exactly 7 days: within 7 days
    ['2026-03-18', 'A'], // 8 days
    ['2026-04-10', 'A'], // exactly one month
    ['2026-04-11', 'B'],
    ['2026-06-10', 'B'], // exactly 3 months
    ['2026-06-11', 'C'], // over 3 months
  ])('a lead expecting to buy on %s is graded %s', (expected, g) => {
    expect(grade('intent', { stage: 'lead', expectedPurchaseAt: expected }, '2026-03-10').grade).toBe(g);
  });

  it.each([
    // [grade, last contact, today, nextDueAt, due, overdueDays]
    ['H', '2026-03-07T10:00', '2026-03-08', '2026-03-09', 'upcoming', 0],
    ['H', '2026-03-07T10:00', '2026-03-09', '2026-03-09', 'due', 0],
    ['H', '2026-03-07T10:00', '2026-03-10', '2026-03-09', 'overdue', 1],
    ['A', '2026-03-01T10:00', '2026-03-10', '2026-03-08', 'overdue', 2],
    ['B', '2026-03-01T10:00', '2026-03-16', '2026-03-16', 'due', 0],
    ['C', '2026-03-01T10:00', '2026-03-30', '2026-03-31', 'upcoming', 0],
  ])('a %s lead last called %s is, on %s, due %s (%s, %i days overdue)', (g, last, today, due, state, late) => {
    const e = grade('intent', { stage: 'lead', portalGrade: g, lastContactAt: last }, today);
    expect([e.grade, e.nextDueAt, e.due, e.overdueDays]).toEqual([g, due, state, late]);
  });

  it('an H lead last called 3 days ago is 1 day overdue and says so in words', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: 'H', lastContactAt: '2026-03-07T15:00' }, '2026-03-10');
    expect(e.due).toBe('overdue');
    expect(e.reason.zh).toContain('电话回访: 距上次联系已 3 天, 标准 2 天');
    expect(e.reason.zh).toContain('已逾期 1 天');
    expect(e.reason.en).toContain('3 days since the last contact, standard 2 days');
  });

  it.each([
    ['Asia/Shanghai midnight', 0, 10],
    ['late evening', 23, 59],
  ])('a customer last called at 23:30 is due by calendar days, read at %s', (_, hour) => {
    // A lead (every 7 days) called 2026-03-01 23:30 is due on 03-08 whatever the hour now.
    const e = grade('intent', { stage: 'lead', portalGrade: 'A', lastContactAt: '2026-03-01T23:30' }, '2026-03-08', undefined, hour);
    expect([e.nextDueAt, e.due]).toEqual(['2026-03-08', 'due']);
  });

  it('the portal grade is kept, and a disagreement with the expected date is flagged', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: 'A级', expectedPurchaseAt: '2026-03-12' }, '2026-03-10');
    expect(e.grade).toBe('A');
    expect(e.flags).toContain('gradeMismatch');
    expect(e.reason.zh).toContain('系统级别 A 与推算的 H 不一致');
  });

  it('the consultant\'s latest follow-up grade wins over the portal grade', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: 'B', followUp: { count: 1, grade: 'H', lastContactAt: '2026-03-09T10:00' } }, '2026-03-10');
    expect([e.grade, e.nextDueAt]).toEqual(['H', '2026-03-11']);
  });

  it('a next contact date chosen on the latest follow-up overrides the cadence', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: 'H', lastContactAt: '2026-03-01T10:00', followUp: { count: 1, lastContactAt: '2026-03-09T10:00', nextContactAt: '2026-03-20' } }, '2026-03-10');
    expect([e.nextDueAt, e.due]).toEqual(['2026-03-20', 'upcoming']);
  });

  it('an expected date in the past grades H and is flagged', () => {
    const e = grade('intent', { stage: 'lead', expectedPurchaseAt: '2026-02-01' }, '2026-03-10');
    expect(e.grade).toBe('H');
    expect(e.flags).toContain('expectedPassed');
  });

  it('a lead with no grade, no stage and no expected date has insufficient data', () => {
    const e = grade('intent', { name: '陈先生' }, '2026-03-10');
    expect(e.grade).toBe('insufficient');
    expect(e.label.zh).toBe('数据不足');
  });

  it('a lead never contacted is due today (counted from the first visit when known)', () => {
    expect(grade('intent', { stage: 'lead', portalGrade: 'A' }, '2026-03-10').due).toBe('due');
    expect(grade('intent', { stage: 'lead', portalGrade: 'A', firstVisitAt: '2026-03-01' }, '2026-03-10').nextDueAt).toBe('2026-03-08');
  });

  it('an unknown portal grade is flagged and the derived grade used', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: '意向强', expectedPurchaseAt: '2026-05-01' }, '2026-03-10');
    expect(e.grade).toBe('B');
    expect(e.flags).toEqual(['portalGradeUnknown']);
  });

  it('an edited cadence is used (H every 3 days)', () => {
    const rs = editedRuleSet((r) => (r.standards.intent.bands[0]!.cadenceDays = 3));
    expect(grade('intent', { portalGrade: 'H', stage: 'lead', lastContactAt: '2026-03-07' }, '2026-03-10', rs).due).toBe('due');
  });

  describe('O, D and M', () => {
    it('an ordered customer is O, kept informed weekly and reminded the day before a known delivery date', () => {
      expect(grade('intent', { stage: 'ordered', lastContactAt: '2026-03-01T10:00' }, '2026-03-05').nextDueAt).toBe('2026-03-08');
      expect(grade('intent', { stage: 'ordered', lastContactAt: '2026-03-01T10:00', expectedPurchaseAt: '2026-03-05' }, '2026-03-02').nextDueAt).toBe('2026-03-04');
    });

    it.each([
      // [last contact, today, next due, words]
      [undefined, '2026-03-01', '2026-03-01', '2 小时内回访'],
      ['2026-03-01T18:00', '2026-03-03', '2026-03-08', '7 天内回访'],
      ['2026-03-05T10:00', '2026-03-10', '2026-05-30', '交车约 90 天回访'],
      ['2026-05-30T10:00', '2026-06-01', '2026-08-25', '首保 (2026-08-28) 前 3 天提醒'],
    ])('a car delivered 2026-03-01 (first service 2026-08-28), last contact %s: on %s the next call is %s (%s)', (last, today, due, words) => {
      const e = grade('intent', { stage: 'delivered', deliveredAt: '2026-03-01', firstServiceDueAt: '2026-08-28', lastContactAt: last }, today);
      expect(e.grade).toBe('D');
      expect(e.nextDueAt).toBe(due);
      expect(e.reason.zh).toContain(words);
    });

    it.each([
      // [first service, last contact, today, next due, words]
      ['2026-03-06', '2026-03-01T18:00', '2026-03-02', '2026-03-03', '首保 (2026-03-06) 前 3 天提醒'], // an early first service comes before the week call
      ['2026-03-11', '2026-03-01T18:00', '2026-03-02', '2026-03-08', '7 天内回访'], // reminder on the week call's day: the week call first
      ['2026-03-11', '2026-03-08T10:00', '2026-03-08', '2026-03-08', '首保 (2026-03-11) 前 3 天提醒'], // a call that day makes the week call; the reminder is next
    ])('delivered 2026-03-01, first service %s, last contact %s: on %s the next call is %s (%s)', (firstService, last, today, due, words) => {
      const e = grade('intent', { stage: 'delivered', deliveredAt: '2026-03-01', firstServiceDueAt: firstService, lastContactAt: last }, today);
      expect([e.nextDueAt, e.reason.zh.includes(words)]).toEqual([due, true]);
    });

    it.each([
      ['2026-09-20', '1980-09-22', '2026-09-22', '生日问候'],
      ['2026-09-20', '1980-11-22', '2026-09-25', '中秋问候'],
      ['2026-10-02', undefined, '2027-01-01', '元旦问候'],
    ])('an owner on %s with birthday %s is next greeted on %s (%s)', (today, birthday, due, words) => {
      const e = grade('intent', { stage: 'owner', birthday }, today);
      expect([e.grade, e.nextDueAt]).toEqual(['M', due]);
      expect(e.reason.zh).toContain(words);
    });

    it('an owner greeted today is next greeted at the following occasion', () => {
      const e = grade('intent', { stage: 'owner', lastContactAt: '2026-09-25T09:00' }, '2026-09-25');
      expect(e.nextDueAt).toBe('2026-10-01');
    });
  });

  it('a defeated customer is not graded here (the defeated standard follows them up)', () => {
    expect(grade('intent', { stage: 'defeated', portalGrade: 'A' }, '2026-03-10').grade).toBe('n/a');
  });

  describe('the A-B-C-D purchase funnel preset', () => {
    it.each([
      ['2026-06-10', 'A'], // within 3 months
      ['2026-06-11', 'B'], // 4-6 months
      ['2026-09-10', 'B'],
      ['2027-03-10', 'C'], // 7-12 months
      ['2027-03-11', 'D'], // not within 12 months
    ])('a lead expecting to buy on %s is %s', (expected, g) => {
      expect(grade('intent', { stage: 'lead', expectedPurchaseAt: expected }, '2026-03-10', FUNNEL_RULE_SET).grade).toBe(g);
    });

    it('a delivered customer is not confused with the funnel\'s D', () => {
      expect(grade('intent', { stage: 'delivered' }, '2026-03-10', FUNNEL_RULE_SET).grade).toBe('交车');
    });
  });
});
