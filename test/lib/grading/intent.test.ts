import { describe, expect, it } from 'vitest';
import { FUNNEL_RULE_SET } from '../../../lib/grading';
import { summarizeFollowUps } from '../../../lib/followup';
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
    const e = grade(
      'intent',
      { stage: 'lead', portalGrade: 'A', lastContactAt: '2026-03-01T23:30' },
      '2026-03-08',
      undefined,
      hour,
    );
    expect([e.nextDueAt, e.due]).toEqual(['2026-03-08', 'due']);
  });

  it('the portal grade is kept, and a disagreement with the expected date is flagged', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: 'A级', expectedPurchaseAt: '2026-03-12' }, '2026-03-10');
    expect(e.grade).toBe('A');
    expect(e.flags).toContain('gradeMismatch');
    expect(e.reason.zh).toContain('系统原级别 A 与推算的 H 不一致');
  });

  it("the consultant's latest follow-up grade wins over the portal grade", () => {
    const e = grade(
      'intent',
      { stage: 'lead', portalGrade: 'B', followUp: { count: 1, grade: 'H', lastContactAt: '2026-03-09T10:00' } },
      '2026-03-10',
    );
    expect([e.grade, e.nextDueAt]).toEqual(['H', '2026-03-11']);
  });

  it('a next contact date chosen on the latest follow-up overrides the cadence', () => {
    const e = grade(
      'intent',
      {
        stage: 'lead',
        portalGrade: 'H',
        lastContactAt: '2026-03-01T10:00',
        followUp: { count: 1, lastContactAt: '2026-03-09T10:00', nextContactAt: '2026-03-20' },
      },
      '2026-03-10',
    );
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

  it('a lead never contacted is due a cadence after the first visit', () => {
    expect(
      grade('intent', { stage: 'lead', portalGrade: 'A', firstVisitAt: '2026-03-01' }, '2026-03-10').nextDueAt,
    ).toBe('2026-03-08');
  });

  it('a lead with no first-visit and no last-contact date is 资料不全, not due today', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: 'A' }, '2026-03-10');
    expect([e.grade, e.nextDueAt, e.due, e.flags]).toEqual(['A', undefined, undefined, ['missingDate']]);
    expect(e.reason.zh).toContain('资料不全: 缺少首次到店日期和最近联系日期');
    expect(e.reason.en).toContain('missing data: no first-visit and no last-contact date');
  });

  it('an ordered customer with no contact date is 资料不全 too', () => {
    const e = grade('intent', { stage: 'ordered' }, '2026-03-10');
    expect([e.grade, e.nextDueAt, e.flags]).toEqual(['O', undefined, ['missingDate']]);
  });

  it('an unknown portal grade is flagged and the derived grade used', () => {
    const e = grade('intent', { stage: 'lead', portalGrade: '意向强', expectedPurchaseAt: '2026-05-01' }, '2026-03-10');
    expect(e.grade).toBe('B');
    expect(e.flags).toContain('portalGradeUnknown');
  });

  it('an edited cadence is used (H every 3 days)', () => {
    const rs = editedRuleSet((r) => (r.standards.intent.bands[0]!.cadenceDays = 3));
    expect(
      grade('intent', { portalGrade: 'H', stage: 'lead', lastContactAt: '2026-03-07' }, '2026-03-10', rs).due,
    ).toBe('due');
  });

  describe('O, D and M', () => {
    it('an ordered customer is O, kept informed weekly and reminded the day before a known delivery date', () => {
      expect(grade('intent', { stage: 'ordered', lastContactAt: '2026-03-01T10:00' }, '2026-03-05').nextDueAt).toBe(
        '2026-03-08',
      );
      expect(
        grade(
          'intent',
          { stage: 'ordered', lastContactAt: '2026-03-01T10:00', expectedPurchaseAt: '2026-03-05' },
          '2026-03-02',
        ).nextDueAt,
      ).toBe('2026-03-04');
    });

    it.each([
      // [last contact, today, next due, words]
      [undefined, '2026-03-01', '2026-03-01', '2 小时内回访'],
      ['2026-03-01T18:00', '2026-03-03', '2026-03-08', '7 天内回访'],
      ['2026-03-05T10:00', '2026-03-10', '2026-03-08', '7 天内回访'], // one contact, one call: the arrival call, late
      ['2026-05-30T10:00', '2026-06-01', '2026-08-25', '首保 (2026-08-28) 前 3 天提醒'], // the arrival call missed; this one is the week call, late
    ])(
      'a car delivered 2026-03-01 (first service 2026-08-28), last contact %s: on %s the next call is %s (%s)',
      (last, today, due, words) => {
        const e = grade(
          'intent',
          { stage: 'delivered', deliveredAt: '2026-03-01', firstServiceDueAt: '2026-08-28', lastContactAt: last },
          today,
        );
        expect(e.grade).toBe('D');
        expect(e.nextDueAt).toBe(due);
        expect(e.reason.zh).toContain(words);
      },
    );

    it.each([
      // [first service, last contact, today, next due, words]
      ['2026-03-06', '2026-03-01T18:00', '2026-03-02', '2026-03-03', '首保 (2026-03-06) 前 3 天提醒'], // an early first service comes before the week call
      ['2026-03-11', '2026-03-01T18:00', '2026-03-02', '2026-03-08', '7 天内回访'], // reminder on the week call's day: the week call first
      ['2026-03-11', '2026-03-08T10:00', '2026-03-08', '2026-03-08', '首保 (2026-03-11) 前 3 天提醒'], // a call that day makes the week call; the reminder is next
    ])(
      'delivered 2026-03-01, first service %s, last contact %s: on %s the next call is %s (%s)',
      (firstService, last, today, due, words) => {
        const e = grade(
          'intent',
          { stage: 'delivered', deliveredAt: '2026-03-01', firstServiceDueAt: firstService, lastContactAt: last },
          today,
        );
        expect([e.nextDueAt, e.reason.zh.includes(words)]).toEqual([due, true]);
      },
    );

    it.each([
      ['2026-09-20', '1980-09-22', '2026-09-22', '生日问候'],
      ['2026-09-20', '1980-11-22', '2026-09-25', '中秋问候'],
      ['2026-10-02', undefined, '2027-01-01', '元旦问候'],
      ['2026-09-26', '1980-10-01', '2026-10-01', '生日问候'], // a birthday on 国庆: the birthday greeting
    ])('an owner on %s with birthday %s is next greeted on %s (%s)', (today, birthday, due, words) => {
      const e = grade('intent', { stage: 'owner', birthday }, today);
      expect([e.grade, e.nextDueAt]).toEqual(['M', due]);
      expect(e.reason.zh).toContain(words);
    });

    it('an owner with no birthday and no greeting holidays chosen has no greeting due, and says so', () => {
      const none = editedRuleSet((r) => (r.standards.intent.owner.holidays = []));
      const e = grade('intent', { stage: 'owner' }, '2026-09-20', none);
      expect([e.grade, e.nextDueAt]).toEqual(['M', undefined]);
      expect(e.reason.zh).toContain('无生日, 未选节日问候');
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
      expect(
        grade('intent', { stage: 'lead', expectedPurchaseAt: expected }, '2026-03-10', FUNNEL_RULE_SET).grade,
      ).toBe(g);
    });

    it("a delivered customer is not confused with the funnel's D", () => {
      expect(grade('intent', { stage: 'delivered' }, '2026-03-10', FUNNEL_RULE_SET).grade).toBe('交车');
    });
  });
});

describe("a delivered customer's calls: one contact makes one call, each in its own window", () => {
  const delivered = { stage: 'delivered' as const, deliveredAt: '2026-09-01', firstServiceDueAt: '2026-12-01' };
  const logged = (...days: string[]) => ({
    followUp: { count: days.length, lastContactAt: `${days[days.length - 1]}T10:00`, contactDays: days },
  });

  it('a delivered customer called once a month after delivery has made the 7-day call, late; the first-service reminder is due 3 days before the first service', () => {
    for (const contact of [logged('2026-10-01'), { lastContactAt: '2026-10-01T10:00' }]) {
      const e = grade('intent', { ...delivered, ...contact }, '2026-10-15');
      expect([e.grade, e.nextDueAt, e.due]).toEqual(['D', '2026-11-28', 'upcoming']);
      expect(e.reason.zh).toContain('交车当天回访: 应于 2026-09-01, 未做');
      expect(e.reason.zh).toContain('交车 7 天回访: 2026-10-01 已做, 晚 23 天');
      expect(e.reason.zh).toContain('首保 (2026-12-01) 前 3 天提醒');
      expect(e.reason.en).toContain('the 7-day call: made 2026-10-01, 23 days late');
    }
  });

  it('every logged contact counts, not only the last one: four calls in their windows make all four calls', () => {
    const e = grade(
      'intent',
      { ...delivered, ...logged('2026-09-01', '2026-09-06', '2026-11-27', '2026-11-30') },
      '2026-12-02',
    );
    expect(e.reason.zh).toContain('交车回访均已完成');
    expect(e.reason.zh).toContain('交车约 90 天回访: 2026-11-30 已做');
    // The last contact alone makes one call: the 3-month call; the others were missed.
    const last = grade('intent', { ...delivered, lastContactAt: '2026-11-30T10:00' }, '2026-12-02');
    expect(last.reason.zh).toContain('首保提醒: 应于 2026-11-28, 未做');
    expect(last.reason.zh).toContain('交车 7 天回访: 应于 2026-09-08, 未做');
  });

  it('two calls on the delivery days make the arrival call only: the week call is still due', () => {
    const e = grade('intent', { ...delivered, ...logged('2026-09-01', '2026-09-02') }, '2026-09-03');
    expect(e.nextDueAt).toBe('2026-09-08');
    expect(e.reason.zh).toContain('交车当天回访: 2026-09-01 已做');
  });

  it('a late contact makes the earliest call still open, late, before a later call it also falls in the window of', () => {
    // Called on 11-26 only: the arrival call was missed (the week call fell due), the week call is open until the reminder falls due.
    const e = grade('intent', { ...delivered, ...logged('2026-11-26') }, '2026-11-26');
    expect(e.reason.zh).toContain('交车 7 天回访: 2026-11-26 已做, 晚 79 天');
    expect(e.nextDueAt).toBe('2026-11-28');
  });

  it('a call counts from the rule set’s lead days before it is due (editable: 0 days = only from the due day)', () => {
    const calls = logged('2026-09-01', '2026-09-06', '2026-11-27');
    expect(grade('intent', { ...delivered, ...calls }, '2026-11-28').nextDueAt).toBe('2026-11-30');
    const strict = editedRuleSet((r) => (r.standards.intent.delivered.callLeadDays = 0));
    const e = grade('intent', { ...delivered, ...calls }, '2026-11-28', strict);
    // 09-06 is before the week call's day: with no lead it makes nothing; 11-27 makes the week call, late.
    expect(e.reason.zh).toContain('交车 7 天回访: 2026-11-27 已做, 晚 80 天');
    expect(e.nextDueAt).toBe('2026-11-28');
  });

  it('a delivered customer with no delivery date is 资料不全 and has no call due', () => {
    const e = grade('intent', { stage: 'delivered', lastContactAt: '2026-10-01' }, '2026-10-15');
    expect([e.grade, e.nextDueAt, e.flags]).toEqual(['D', undefined, ['missingDate']]);
    expect(e.reason.zh).toContain('资料不全: 缺少交车日期');
    expect(e.reason.en).toContain('missing data: no delivery date');
  });

  it('a delivered customer with no first-service date is 资料不全 for the reminder; the other calls stay due', () => {
    const e = grade('intent', { stage: 'delivered', deliveredAt: '2026-09-01' }, '2026-09-01');
    expect([e.nextDueAt, e.flags]).toEqual(['2026-09-01', ['missingDate']]);
    expect(e.reason.zh).toContain('缺少首保日期');
  });
});

describe('a lead’s reception care: the SMS within 30 minutes of a store visit, event invitations', () => {
  it('a store visit logged today makes the SMS due today; an SMS logged after it makes it', () => {
    const visit = {
      id: 'v',
      customerId: 'c',
      at: '2026-03-10T10:00',
      channel: 'visit' as const,
      outcome: '到店看车',
      consultant: '王芳',
    };
    const owed = grade(
      'intent',
      { stage: 'lead', portalGrade: 'B', followUp: summarizeFollowUps([visit]) },
      '2026-03-10',
    );
    expect([owed.nextDueAt, owed.due]).toEqual(['2026-03-10', 'due']);
    expect(owed.reason.zh).toContain('到店 (2026-03-10 10:00) 后30分钟内发短信');
    expect(owed.reason.en).toContain('SMS within 30 min of the store visit');
    const sms = { ...visit, id: 's', at: '2026-03-10T10:20', channel: 'sms' as const, outcome: '已发短信' };
    const sent = grade(
      'intent',
      { stage: 'lead', portalGrade: 'B', followUp: summarizeFollowUps([visit, sms]) },
      '2026-03-10',
    );
    expect(sent.nextDueAt).toBe('2026-03-25');
    // A phone call after the visit is not the SMS.
    const call = { ...sms, channel: 'phone' as const };
    expect(
      grade('intent', { stage: 'lead', portalGrade: 'B', followUp: summarizeFollowUps([visit, call]) }, '2026-03-11')
        .nextDueAt,
    ).toBe('2026-03-10');
  });

  it('an event invitation falls due on its day until a contact after it or the event has passed', () => {
    const invitation = { event: '周末试驾会', eventAt: '2026-03-21', dueAt: '2026-03-14', setAt: '2026-03-10T09:00' };
    const c = {
      stage: 'lead' as const,
      portalGrade: 'C',
      lastContactAt: '2026-03-09T10:00',
      followUp: { count: 0, invitation },
    };
    const e = grade('intent', c, '2026-03-10');
    expect(e.nextDueAt).toBe('2026-03-14');
    expect(e.reason.zh).toContain('邀约参加活动 “周末试驾会” (2026-03-21)');
    expect(grade('intent', { ...c, lastContactAt: '2026-03-11T10:00' }, '2026-03-12').nextDueAt).toBe('2026-04-10');
    expect(grade('intent', c, '2026-03-22').nextDueAt).toBe('2026-04-08');
  });
});
