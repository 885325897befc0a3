import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/calendar';
import { auditFollowUps, type AuditCustomer, type AuditDue } from '../../../lib/followup/audit';
import type { FollowUp } from '../../../lib/followup/followups';
import { DEFAULT_RULE_SET, followUpCadences } from '../../../lib/grading';
import { followUp } from '../../factories';

// docs/grading.md#a-the-follow-up-audit: the sales manager audits, consultant by consultant,
// whether every due follow-up was made (检核). Day 0 is Monday 2026-03-02;
// the preset cadences (乘用车跟踪标准): H every 2 days, A 7, B 15, C 30,
// O 7, defeated customers' win-back call every 30.

const day = (n: number, time?: string): string => addDays('2026-03-02', n) + (time ? `T${time}` : '');
/** Local wall time on day n: the same calendar day under TZ=Asia/Shanghai and TZ=UTC. */
const onDay = (n: number, hour = 18): Date => {
  const [y, m, d] = day(n).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, 0);
};
const cadences = followUpCadences(DEFAULT_RULE_SET);

/** 王芳's call to a customer at 10:00 on day n. */
const call = (customerId: string, n: number, extra: Partial<FollowUp> = {}): FollowUp =>
  followUp(customerId, { at: day(n, '10:00'), ...extra });

/** The audit of one customer of 王芳's: the dues of the period, as [due day, grade, outcome, done day, days late]. */
function auditOne(
  customer: Partial<AuditCustomer>,
  followUps: FollowUp[],
  period: [number, number],
  today: number,
): [string, string, string, string | undefined, number | undefined][] {
  const report = auditFollowUps({
    customers: [{ id: 'c1', consultant: '王芳', ...customer }],
    followUps,
    cadences,
    from: day(period[0]),
    to: day(period[1]),
    now: onDay(today),
  });
  return report.dues.map((d: AuditDue) => [d.dueAt, d.grade, d.outcome, d.doneAt?.slice(0, 10), d.daysLate]);
}

describe("the manager's audit (检核): what falls due in a period and what became of it", () => {
  it.each([
    // [case, grade, calls on days, period, audit day, expected dues]
    [
      "王芳's A lead called on day 0 is due on day 7; a call on day 7 is on time",
      'A',
      [0, 7],
      [6, 8],
      10,
      [[day(7), 'A', 'onTime', day(7), undefined]],
    ],
    ['a call before the due day is on time too', 'A', [0, 5], [6, 8], 10, [[day(7), 'A', 'onTime', day(5), undefined]]],
    [
      "王芳's A lead called on day 0 is due on day 7; a call on day 9 is late",
      'A',
      [0, 9],
      [6, 8],
      10,
      [[day(7), 'A', 'late', day(9), 2]],
    ],
    [
      'with no call since, the day-7 due is missed once day 7 has passed',
      'A',
      [0],
      [6, 8],
      10,
      [[day(7), 'A', 'missed', undefined, 3]],
    ],
    [
      'on the due day itself it is still open, not missed',
      'A',
      [0],
      [6, 8],
      7,
      [[day(7), 'A', 'open', undefined, undefined]],
    ],
    [
      'a call after the period but before the audit is late, not missed',
      'A',
      [0, 12],
      [6, 8],
      14,
      [[day(7), 'A', 'late', day(12), 5]],
    ],
    [
      'an H lead called on day 0 is due on day 2, and every 2 days from each call',
      'H',
      [0, 2, 5],
      [0, 6],
      6,
      [
        [day(2), 'H', 'onTime', day(2), undefined],
        [day(4), 'H', 'late', day(5), 1],
      ],
    ],
    [
      'a due before the period is not counted; the calls it led to are',
      'B',
      [0, 20],
      [16, 40],
      36,
      [[day(35), 'B', 'missed', undefined, 1]],
    ],
  ] as const)('%s', (_, grade, days, period, today, expected) => {
    expect(
      auditOne(
        { grade, stage: 'lead' },
        days.map((n) => call('c1', n)),
        [...period],
        today,
      ),
    ).toEqual(expected);
  });

  it('a customer last called at 23:30 is due by calendar days', () => {
    expect(auditOne({ grade: 'A', stage: 'lead' }, [call('c1', 0, { at: day(0, '23:30') })], [7, 7], 7)[0]![0]).toBe(
      day(7),
    );
  });

  it('the grade at the time sets the cadence: upgraded from A to H on the day-0 call, the lead is due on day 2', () => {
    expect(auditOne({ grade: 'A', stage: 'lead' }, [call('c1', 0, { newGrade: 'H' })], [0, 9], 9)).toEqual([
      [day(2), 'H', 'missed', undefined, 7],
    ]);
  });

  it('a next contact date chosen on the call overrides the cadence', () => {
    expect(
      auditOne({ grade: 'C', stage: 'lead' }, [call('c1', 0, { nextContactAt: day(3) }), call('c1', 3)], [0, 9], 9),
    ).toEqual([[day(3), 'C', 'onTime', day(3), undefined]]);
  });

  it('a lead defeated on the day-0 call is due its win-back call on day 30', () => {
    const dues = auditOne(
      { grade: 'B', stage: 'defeated' },
      [call('c1', 0, { newStage: 'defeated', defeatReason: '价格高' })],
      [0, 40],
      40,
    );
    expect(dues).toEqual([[day(30), 'defeated', 'missed', undefined, 10]]);
  });

  it('a customer defeated before the log starts is on the win-back cadence from the first call', () => {
    expect(auditOne({ grade: 'n/a', stage: 'defeated' }, [call('c1', 0)], [0, 40], 40)).toEqual([
      [day(30), 'defeated', 'missed', undefined, 10],
    ]);
  });

  it('an ordered customer (O) is kept informed every 7 days', () => {
    expect(auditOne({ grade: 'O', stage: 'ordered' }, [call('c1', 0), call('c1', 6)], [0, 9], 9)).toEqual([
      [day(7), 'O', 'onTime', day(6), undefined],
    ]);
  });

  it('a lead never called is due a cadence after the first visit', () => {
    expect(auditOne({ grade: 'A', stage: 'lead', firstVisitAt: day(0) }, [], [0, 9], 9)).toEqual([
      [day(7), 'A', 'missed', undefined, 2],
    ]);
  });

  it("the portal's last contact counts as a contact", () => {
    expect(auditOne({ grade: 'A', stage: 'lead', lastContactAt: day(8, '11:00') }, [call('c1', 0)], [7, 7], 9)).toEqual(
      [[day(7), 'A', 'late', day(8), 1]],
    );
  });

  it('delivered and owner grades follow events, not a cadence: no audit dues', () => {
    expect(auditOne({ grade: 'D', stage: 'delivered' }, [call('c1', 0)], [0, 30], 30)).toEqual([]);
    expect(auditOne({ grade: 'M', stage: 'owner' }, [call('c1', 0)], [0, 30], 30)).toEqual([]);
  });

  it("follow-ups logged after the audit's now are not counted", () => {
    expect(auditOne({ grade: 'A', stage: 'lead' }, [call('c1', 0), call('c1', 9)], [6, 8], 8)).toEqual([
      [day(7), 'A', 'missed', undefined, 1],
    ]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() =>
      auditFollowUps({ customers: [], followUps: [], cadences, from: day(5), to: day(1), now: onDay(5) }),
    ).toThrow(RangeError);
  });
});

describe('the audit by consultant and grade, with the customers behind each number', () => {
  // Week of day 7 to day 13, audited on day 14.
  const customers: AuditCustomer[] = [
    { id: '王芳-A-ontime', consultant: '王芳', grade: 'A', stage: 'lead' },
    { id: '王芳-A-late', consultant: '王芳', grade: 'A', stage: 'lead' },
    { id: '王芳-H', consultant: '王芳', grade: 'H', stage: 'lead' },
    { id: '李强-B', consultant: '李强', grade: 'B', stage: 'lead' },
    { id: '未分配', grade: 'A', stage: 'lead' },
  ];
  const followUps = [
    call('王芳-A-ontime', 0),
    call('王芳-A-ontime', 7), // due day 7: on time; next due day 14, outside the week
    call('王芳-A-late', 1),
    call('王芳-A-late', 10), // due day 8: late by 2; next due day 17
    call('王芳-H', 9), // due day 11: missed
    call('李强-B', 0, { consultant: '李强' }), // due day 15: outside
    call('未分配', 3), // due day 10: missed
  ];
  const report = auditFollowUps({ customers, followUps, cadences, from: day(7), to: day(13), now: onDay(14) });

  it('counts due, on time, late, missed and open per consultant and grade, and in total', () => {
    const cell = (c: { due: number; onTime: number; late: number; missed: number; open: number }) => [
      c.due,
      c.onTime,
      c.late,
      c.missed,
      c.open,
    ];
    expect(cell(report.byConsultant['王芳']!.byGrade['A']!)).toEqual([2, 1, 1, 0, 0]);
    expect(cell(report.byConsultant['王芳']!.byGrade['H']!)).toEqual([1, 0, 0, 1, 0]);
    expect(cell(report.byConsultant['王芳']!.total)).toEqual([3, 1, 1, 1, 0]);
    expect(report.byConsultant['李强']).toBeUndefined(); // nothing fell due in the week
    expect(cell(report.byConsultant['']!.total)).toEqual([1, 0, 0, 1, 0]);
    expect(cell(report.total)).toEqual([4, 1, 1, 2, 0]);
  });

  it('clicking a number shows those customers', () => {
    expect(report.byConsultant['王芳']!.byGrade['A']!.customers.late).toEqual(['王芳-A-late']);
    expect(report.total.customers.missed).toEqual(['未分配', '王芳-H']);
    expect(report.byConsultant['王芳']!.total.customers.due).toEqual(['王芳-A-ontime', '王芳-A-late', '王芳-H']);
  });

  it('states the period and the audit day', () => {
    expect([report.from, report.to, report.today]).toEqual([day(7), day(13), day(14)]);
  });
});

describe('a handed-over customer: each due belongs to whoever held the customer on its due day', () => {
  // An H lead of 王芳's, called on days 0 and 2 (due days 2 and 4), handed over to 李强.
  const dues = (handOverDay: number, hour = 9) => {
    const at = onDay(handOverDay, hour).toISOString(); // as history stamps it: an instant
    const report = auditFollowUps({
      customers: [
        { id: 'c1', consultant: '李强', grade: 'H', stage: 'lead', consultantChanges: [{ at, from: '王芳' }] },
      ],
      followUps: [call('c1', 0), call('c1', 2)],
      cadences,
      from: day(0),
      to: day(6),
      now: onDay(8),
    });
    return report.dues.map((d) => [d.dueAt, d.consultant, d.outcome]);
  };

  it("王芳's missed call stays hers when the customer is handed over after its due day", () => {
    expect(dues(5)).toEqual([
      [day(2), '王芳', 'onTime'],
      [day(4), '王芳', 'missed'],
    ]);
  });

  it("a due after the hand-over is the new consultant's, and one on the day of the hand-over too", () => {
    expect(dues(4)).toEqual([
      [day(2), '王芳', 'onTime'],
      [day(4), '李强', 'missed'],
    ]);
    expect(dues(1).map((d) => d[1])).toEqual(['李强', '李强']);
  });

  it('a hand-over at 01:00 counts on the local calendar day, not the UTC one (TZ=Asia/Shanghai and UTC alike)', () => {
    expect(dues(5, 1).map((d) => d[1])).toEqual(['王芳', '王芳']);
    expect(dues(4, 1).map((d) => d[1])).toEqual(['王芳', '李强']);
  });

  it("two hand-overs walk back in order; without any, every due is the current consultant's", () => {
    const report = auditFollowUps({
      customers: [
        {
          id: 'c1',
          consultant: '张敏',
          grade: 'H',
          stage: 'lead',
          consultantChanges: [
            { at: onDay(5).toISOString(), from: '李强' },
            { at: onDay(3).toISOString(), from: '王芳' },
          ],
        },
        { id: 'c2', consultant: '张敏', grade: 'H', stage: 'lead' },
      ],
      followUps: [call('c1', 0), call('c2', 0)],
      cadences,
      from: day(0),
      to: day(6),
      now: onDay(8),
    });
    expect(report.dues.filter((d) => d.customerId === 'c1').map((d) => d.consultant)).toEqual(['王芳']);
    expect(report.byConsultant['王芳']?.total.missed).toBe(1);
    expect(report.dues.filter((d) => d.customerId === 'c2').map((d) => d.consultant)).toEqual(['张敏']);
  });
});

describe("the audit counts a delivered customer's calls, by the grading rule (one contact, one call)", () => {
  // Delivered on day 0 (2026-03-02), first service on day 40: arrival day 0, week call day 7, reminder day 37, 3-month call day 90.
  const delivered: Partial<AuditCustomer> = {
    grade: 'D',
    stage: 'delivered',
    deliveredAt: day(0),
    firstServiceDueAt: day(40),
  };
  const D = (call: string) => `delivery:${call}`;

  it('a delivered customer called on delivery day and a month later: arrival on time, the 7-day call late, the reminder open', () => {
    expect(auditOne(delivered, [call('c1', 0), call('c1', 30)], [0, 40], 35)).toEqual([
      [day(0), D('arrival'), 'onTime', day(0), undefined],
      [day(7), D('week'), 'late', day(30), 23],
      [day(37), D('reminder'), 'open', undefined, undefined],
    ]);
  });

  it('one call a month after delivery makes the 7-day call only: the arrival call and the reminder are missed', () => {
    expect(auditOne(delivered, [call('c1', 30)], [0, 40], 40)).toEqual([
      [day(0), D('arrival'), 'missed', undefined, 40],
      [day(7), D('week'), 'late', day(30), 23],
      [day(37), D('reminder'), 'missed', undefined, 3],
    ]);
  });

  it('the portal’s last contact counts as a contact; a customer with no delivery date or not delivered has no delivery calls', () => {
    expect(auditOne({ ...delivered, lastContactAt: day(1, '09:00') }, [], [0, 3], 5)).toEqual([
      [day(0), D('arrival'), 'late', day(1), 1],
    ]);
    // The portal's contact on the day of a logged one is the same call: it does not make the week call too.
    expect(
      auditOne({ ...delivered, lastContactAt: day(5, '16:00') }, [call('c1', 5)], [0, 7], 8).map((d) => d[2]),
    ).toEqual(['late', 'missed']);
    expect(auditOne({ ...delivered, deliveredAt: undefined }, [], [0, 40], 40)).toEqual([]);
    expect(auditOne({ ...delivered, stage: 'lead', grade: 'A' }, [], [0, 3], 5)).toEqual([]);
  });

  it('delivery calls are counted per consultant beside the lead calls, and a hand-over keeps each due with who held the customer on its day', () => {
    const report = auditFollowUps({
      customers: [
        {
          id: 'c1',
          consultant: '李强',
          ...delivered,
          consultantChanges: [{ at: onDay(20).toISOString(), from: '王芳' }],
        },
        { id: 'c2', consultant: '李强', grade: 'A', stage: 'lead' },
      ],
      followUps: [call('c1', 0), call('c2', 0), call('c2', 7)],
      cadences,
      from: day(0),
      to: day(40),
      now: onDay(40),
    });
    const wang = report.byConsultant['王芳']!;
    expect([wang.byGrade[D('arrival')]!.onTime, wang.byGrade[D('week')]!.missed, wang.deliveryCalls!.due]).toEqual([
      1, 1, 2,
    ]);
    const li = report.byConsultant['李强']!;
    expect([li.byGrade[D('reminder')]!.missed, li.deliveryCalls!.due, li.byGrade['A']!.due, li.total.due]).toEqual([
      1, 1, 2, 3,
    ]);
  });
});
