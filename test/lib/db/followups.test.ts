import { describe, expect, it } from 'vitest';
import type { CustomerFields } from '../../../lib/customer';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import {
  FOLLOW_UP_CHANGED_LATER,
  FOLLOW_UP_CUSTOMER_NOT_FOUND,
  FOLLOW_UP_REDO_NOTHING,
  FOLLOW_UP_UNDO_NOTHING,
  auditStore,
  reassignConsultant,
  HISTORY_FOLLOW_UP,
  HISTORY_MANUAL_GRADE,
  captureGrader,
  commitCapture,
  countDue,
  dueCustomers,
  followUpsOf,
  forgetCustomers,
  historyOf,
  logFollowUp,
  refoldFollowUpSummaries,
  redoFollowUp,
  regradeCustomers,
  saveCustomer,
  undoBatch,
  undoFollowUp,
} from '../../../lib/db';
import type { DealerLensDB, FollowUpInput } from '../../../lib/db';
import { PAGE, freshDatabase, row } from './helpers';
import { customer, followUpInput } from '../../factories';

/** Local wall time, so the calendar day is the same under TZ=Asia/Shanghai and TZ=UTC. */
const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min);
const MAR_10 = local(2026, 3, 10);

/** An A lead (portal grade A: a phone follow-up every 7 days) last called on 1 March: due 8 March, overdue on the 10th. */
const aLead: CustomerFields = {
  name: '张伟',
  phone: '13800000001',
  stage: 'lead',
  portalGrade: 'A',
  lastContactAt: '2026-03-01',
  consultant: '王芳',
};

async function seeded(fields: CustomerFields = aLead): Promise<{ db: DealerLensDB; id: string }> {
  const db = freshDatabase();
  await saveCustomer(db, customer('c1', fields));
  await regradeCustomers(db, ['c1'], DEFAULT_RULE_SET, MAR_10);
  return { db, id: 'c1' };
}

/** A call to c1 on 10 March that found the customer interested. */
const call = (more: Partial<FollowUpInput> = {}): FollowUpInput =>
  followUpInput('c1', { at: '2026-03-10T09:00', outcome: '有意向, 周末到店', ...more });

describe('logging a follow-up', () => {
  it('an overdue A lead called today is next due in 7 days, at once', async () => {
    const { db } = await seeded();
    expect((await db.customers.get('c1'))!.grades).toMatchObject({
      intent: 'A',
      nextDueAt: '2026-03-08',
      due: 'overdue',
    });

    const { customer } = await logFollowUp(db, call(), DEFAULT_RULE_SET, MAR_10);

    expect(customer.followUp).toMatchObject({
      count: 1,
      lastContactAt: '2026-03-10T09:00',
      lastChannel: 'phone',
      lastConsultant: '王芳',
    });
    expect(customer.grades).toMatchObject({ intent: 'A', nextDueAt: '2026-03-17', due: 'upcoming' });
    expect(await db.customers.get('c1')).toEqual(customer);
  });

  it('a next contact date the consultant chose overrides the cadence', async () => {
    const { db } = await seeded();
    const { customer } = await logFollowUp(db, call({ nextContactAt: '2026-03-12' }), DEFAULT_RULE_SET, MAR_10);
    expect(customer.grades?.nextDueAt).toBe('2026-03-12');
  });

  it('a new grade from the consultant (A -> H) moves the lead to the H cadence of 2 days', async () => {
    const { db } = await seeded();
    const { customer } = await logFollowUp(db, call({ newGrade: 'H' }), DEFAULT_RULE_SET, MAR_10);
    expect(customer.grades).toMatchObject({ intent: 'H', nextDueAt: '2026-03-12' });
    expect(customer.followUp).toMatchObject({ grade: 'H', gradeAt: '2026-03-10T09:00' });
  });

  it("lead -> defeated with a reason sets the stage and the reason as the user's own values", async () => {
    const { db } = await seeded();
    const { customer } = await logFollowUp(
      db,
      call({ outcome: '已购竞品', newStage: 'defeated', defeatReason: '竞品' }),
      DEFAULT_RULE_SET,
      MAR_10,
    );
    expect(customer).toMatchObject({ stage: 'defeated', defeatReason: '竞品' });
    expect(customer.userEdited).toEqual(expect.arrayContaining(['stage', 'defeatReason']));
    // docs/grading.md#g83-the-win-back-call: a defeated customer is not dropped, a win-back call is due on a slow cadence (30 days).
    expect(customer.grades).toMatchObject({
      intent: 'n/a',
      defeated: 'defeated',
      defeatedDetail: '购买竞品',
      nextDueAt: '2026-04-09',
    });
  });

  it('lead -> ordered makes a lead without a portal grade an O (ordered) by the stage', async () => {
    const { db } = await seeded({ ...aLead, portalGrade: undefined });
    const { customer } = await logFollowUp(db, call({ newStage: 'ordered' }), DEFAULT_RULE_SET, MAR_10);
    expect(customer.stage).toBe('ordered');
    expect(customer.grades?.intent).toBe('O');
  });

  it('lead -> ordered against a portal grade A keeps both and flags the disagreement (docs/grading.md#f1-grademismatch)', async () => {
    const { db } = await seeded();
    const { customer } = await logFollowUp(db, call({ newStage: 'ordered' }), DEFAULT_RULE_SET, MAR_10);
    expect(customer.grades).toMatchObject({ intent: 'A', flags: expect.arrayContaining(['gradeMismatch']) });
  });

  it('writes one history record by the user: the follow-up and every field it changed', async () => {
    const { db } = await seeded();
    const { followUp } = await logFollowUp(
      db,
      call({ newStage: 'defeated', defeatReason: '价格高', newGrade: 'C' }),
      DEFAULT_RULE_SET,
      MAR_10,
    );
    const records = await db.history.where('customerId').equals('c1').toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ by: 'user', batchId: null, at: MAR_10.toISOString() });
    const history = await historyOf(db, 'c1');
    expect(history.map((e) => [e.field, e.from, e.to])).toEqual(
      expect.arrayContaining([
        [HISTORY_FOLLOW_UP, null, followUp.id],
        ['stage', 'lead', 'defeated'],
        ['defeatReason', null, '价格高'],
        [HISTORY_MANUAL_GRADE, null, 'C'],
      ]),
    );
  });

  it('keeps the log newest first and summarizes all of it', async () => {
    const { db } = await seeded();
    await logFollowUp(db, call({ at: '2026-03-10T09:00', channel: 'phone' }), DEFAULT_RULE_SET, MAR_10);
    await logFollowUp(db, call({ at: '2026-03-10T15:30', channel: 'wechat' }), DEFAULT_RULE_SET, MAR_10);
    await logFollowUp(db, call({ at: '2026-03-09T18:00', channel: 'sms' }), DEFAULT_RULE_SET, MAR_10);
    expect((await followUpsOf(db, 'c1')).map((f) => f.channel)).toEqual(['wechat', 'phone', 'sms']);
    expect((await db.customers.get('c1'))!.followUp).toMatchObject({ count: 3, lastChannel: 'wechat' });
  });

  it('refuses a follow-up for a customer not stored, and writes nothing', async () => {
    const { db } = await seeded();
    await expect(logFollowUp(db, call({ customerId: 'nobody' }), DEFAULT_RULE_SET, MAR_10)).rejects.toThrow(
      FOLLOW_UP_CUSTOMER_NOT_FOUND,
    );
    expect(await db.followUps.count()).toBe(0);
  });
});

describe('follow-ups are user data: a later capture never overwrites them', () => {
  it("a capture after a follow-up keeps the log, the summary and the user's stage", async () => {
    const db = freshDatabase();
    const capture = async (fields: CustomerFields, now: Date) =>
      commitCapture(db, {
        records: [row(fields)],
        source: 'page',
        pageUrl: PAGE,
        now,
        prepare: await captureGrader(db, now),
      });
    await capture(aLead, local(2026, 3, 9));
    const [customer] = await db.customers.toArray();
    await logFollowUp(
      db,
      call({ customerId: customer!.id, newStage: 'defeated', defeatReason: '竞品' }),
      DEFAULT_RULE_SET,
      MAR_10,
    );

    // The portal still lists the customer as a lead, and a newer remark.
    const later = local(2026, 3, 11);
    await capture({ ...aLead, stage: 'lead', notes: '周末回访' }, later);

    const after = (await db.customers.get(customer!.id))!;
    expect(after).toMatchObject({ stage: 'defeated', defeatReason: '竞品', notes: '周末回访' });
    expect(after.followUp).toMatchObject({ count: 1, stage: 'defeated' });
    expect(await followUpsOf(db, customer!.id)).toHaveLength(1);
    expect(after.grades?.intent).toBe('n/a');
  });

  it('the capture before a follow-up cannot be undone over it', async () => {
    const db = freshDatabase();
    const batch = await commitCapture(db, {
      records: [row(aLead)],
      source: 'page',
      pageUrl: PAGE,
      now: local(2026, 3, 9),
    });
    const [customer] = await db.customers.toArray();
    await logFollowUp(db, call({ customerId: customer!.id }), DEFAULT_RULE_SET, MAR_10);
    expect(await undoBatch(db, batch.id, MAR_10)).toMatchObject({ ok: false });
    expect(await db.customers.count()).toBe(1);
  });
});

describe('due today (the badge count)', () => {
  it('counts follow-ups due today and overdue ones, not upcoming ones', async () => {
    const db = freshDatabase();
    // A leads every 7 days: last called 3 March -> due today (10th); 1 March -> overdue; 9 March -> upcoming.
    await saveCustomer(db, customer('due', { ...aLead, phone: '13800000011', lastContactAt: '2026-03-03' }));
    await saveCustomer(
      db,
      customer('late', { ...aLead, phone: '13800000012', lastContactAt: '2026-03-01', consultant: '李强' }),
    );
    await saveCustomer(db, customer('later', { ...aLead, phone: '13800000013', lastContactAt: '2026-03-09' }));
    await regradeCustomers(db, ['due', 'late', 'later'], DEFAULT_RULE_SET, MAR_10);

    expect(await countDue(db, '2026-03-10')).toEqual({ due: 1, overdue: 1 });
    expect((await dueCustomers(db, '2026-03-10')).map((c) => c.id).sort()).toEqual(['due', 'late']);
    expect((await dueCustomers(db, '2026-03-10', '王芳')).map((c) => c.id)).toEqual(['due']);

    await logFollowUp(db, call({ customerId: 'late' }), DEFAULT_RULE_SET, MAR_10);
    expect(await countDue(db, '2026-03-10')).toEqual({ due: 1, overdue: 0 });
  });

  it("leads with no first-visit and no last-contact date (资料不全) are not counted, nor in the audit's dues", async () => {
    const db = freshDatabase();
    for (let i = 0; i < 5; i++)
      await saveCustomer(db, customer(`nodate${i}`, { ...aLead, phone: `1380000002${i}`, lastContactAt: undefined }));
    await regradeCustomers(db, ['nodate0', 'nodate1', 'nodate2', 'nodate3', 'nodate4'], DEFAULT_RULE_SET, MAR_10);
    expect(await countDue(db, '2026-03-10')).toEqual({ due: 0, overdue: 0 });
    expect((await db.customers.get('nodate0'))!.grades!.flags).toEqual(['missingDate']);
    expect((await auditStore(db, DEFAULT_RULE_SET, '2026-03-01', '2026-03-31', MAR_10)).total.due).toBe(0);
  });
});

describe('the SMS within 30 minutes of a store visit', () => {
  it('a store visit logged makes the SMS due today (in the badge count); an SMS logged after it makes it', async () => {
    const db = freshDatabase();
    await saveCustomer(db, customer('v', { ...aLead, portalGrade: 'B', lastContactAt: '2026-03-09' }));
    await logFollowUp(
      db,
      call({ customerId: 'v', at: '2026-03-10T10:00', channel: 'visit', outcome: '到店看车' }),
      DEFAULT_RULE_SET,
      MAR_10,
    );
    expect((await db.customers.get('v'))!.grades!.nextDueAt).toBe('2026-03-10');
    expect(await countDue(db, '2026-03-10')).toEqual({ due: 1, overdue: 0 });
    await logFollowUp(
      db,
      call({ customerId: 'v', at: '2026-03-10T10:20', channel: 'sms', outcome: '已发短信' }),
      DEFAULT_RULE_SET,
      MAR_10,
    );
    expect((await db.customers.get('v'))!.grades!.nextDueAt).toBe('2026-03-25');
  });
});

describe('follow-up summaries folded by an older DealerLens', () => {
  it("are folded again once, so a delivered customer's calls count every logged contact", async () => {
    const db = freshDatabase();
    const d: CustomerFields = {
      name: '李先生',
      phone: '13800000031',
      stage: 'delivered',
      deliveredAt: '2026-09-01',
      firstServiceDueAt: '2026-12-01',
      consultant: '王芳',
    };
    await saveCustomer(db, customer('d', d));
    const log = ['2026-09-01T15:00', '2026-09-06T10:00', '2026-11-26T10:00'].map((at, i) => ({
      id: `f${i}`,
      customerId: 'd',
      at,
      channel: 'phone' as const,
      outcome: '已回访',
      consultant: '王芳',
    }));
    await db.followUps.bulkPut(log);
    // As an older version stored it: the last contact only.
    await db.customers.update('d', {
      followUp: { count: 3, lastContactAt: '2026-11-26T10:00', lastChannel: 'phone', lastConsultant: '王芳' },
    });
    const now = local(2026, 11, 28);
    await regradeCustomers(db, ['d'], DEFAULT_RULE_SET, now);
    expect((await db.customers.get('d'))!.grades!.nextDueAt).toBe('2026-11-28'); // the last contact alone makes the week call: the reminder is next
    expect(await refoldFollowUpSummaries(db, now)).toBe(1);
    const after = (await db.customers.get('d'))!;
    expect(after.followUp!.contactDays).toEqual(['2026-09-01', '2026-09-06', '2026-11-26']);
    expect(after.grades!.nextDueAt).toBe('2026-11-30'); // arrival, week call and reminder made: the 3-month call is next
    expect(await refoldFollowUpSummaries(db, now)).toBe(0);
  });

  it('a follow-up logged back-dated before an event invitation leaves the invitation owed', async () => {
    const { db, id } = await seeded({ ...aLead, portalGrade: 'B' });
    const invitation = { event: '周末试驾会', eventAt: '2026-03-28', dueAt: '2026-03-21', setAt: '2026-03-10T09:00' };
    await db.customers.update(id, { followUp: { count: 0, invitation } });
    await logFollowUp(db, call({ customerId: id, at: '2026-03-08T10:00' }), DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get(id))!.followUp!.invitation).toEqual(invitation);
    await logFollowUp(db, call({ customerId: id, at: '2026-03-10T10:00' }), DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get(id))!.followUp!.invitation).toBeUndefined();
  });
});

describe("the manager's audit (检核) over the store", () => {
  it('counts, consultant by consultant, a call made a day late and a call never made', async () => {
    const db = freshDatabase();
    // A leads: 王芳's last called 1 March is due 8 March and is called on the 9th (late);
    // 李强's last called 2 March is due 9 March and never called (missed by the 10th).
    await saveCustomer(
      db,
      customer('w', { ...aLead, phone: '13800000021', lastContactAt: '2026-03-01', consultant: '王芳' }),
    );
    await saveCustomer(
      db,
      customer('l', { ...aLead, phone: '13800000022', lastContactAt: '2026-03-02', consultant: '李强' }),
    );
    await regradeCustomers(db, ['w', 'l'], DEFAULT_RULE_SET, local(2026, 3, 9));
    await logFollowUp(db, call({ customerId: 'w', at: '2026-03-09T10:00' }), DEFAULT_RULE_SET, local(2026, 3, 9, 10));

    const report = await auditStore(db, DEFAULT_RULE_SET, '2026-03-02', '2026-03-09', MAR_10);
    expect(report.byConsultant['王芳']!.total).toMatchObject({ due: 1, onTime: 0, late: 1, missed: 0 });
    expect(report.byConsultant['李强']!.byGrade['A']).toMatchObject({ due: 1, missed: 1 });
    expect(report.byConsultant['李强']!.total.customers.missed).toEqual(['l']);
    expect(report.total).toMatchObject({ due: 2, late: 1, missed: 1 });
  });

  it("a customer handed over after its due day leaves the missed call with the consultant who held it (bulk reassignment's history)", async () => {
    const db = freshDatabase();
    // 李强's A lead last called 2 March is due 9 March, never called; on the 10th 李强 leaves and 张敏 takes it over.
    await saveCustomer(
      db,
      customer('l', { ...aLead, phone: '13800000022', lastContactAt: '2026-03-02', consultant: '李强' }),
    );
    await regradeCustomers(db, ['l'], DEFAULT_RULE_SET, local(2026, 3, 9));
    await reassignConsultant(db, ['l'], '张敏', DEFAULT_RULE_SET, local(2026, 3, 10, 1));

    const report = await auditStore(db, DEFAULT_RULE_SET, '2026-03-02', '2026-03-09', local(2026, 3, 11));
    expect(report.byConsultant['李强']!.total).toMatchObject({ due: 1, missed: 1 });
    expect(report.byConsultant['张敏']).toBeUndefined();
  });
});

describe('undo and redo of the last follow-up', () => {
  const MAR_11 = local(2026, 3, 11);

  it('undo takes the follow-up out of the log and puts the customer back; redo puts exactly the same back', async () => {
    const { db } = await seeded();
    const before = (await db.customers.get('c1'))!;
    const { customer: logged, followUp } = await logFollowUp(db, call({ newGrade: 'H' }), DEFAULT_RULE_SET, MAR_10);
    expect(logged.grades?.nextDueAt).toBe('2026-03-12');

    const undone = await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10);
    expect(undone).toEqual({ ok: true, customer: before });
    expect(await followUpsOf(db, 'c1')).toEqual([]);
    expect((await historyOf(db, 'c1'))[0]).toMatchObject({ by: 'undo' });
    expect(await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: FOLLOW_UP_UNDO_NOTHING });

    expect(await redoFollowUp(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: true, customer: logged });
    expect(await followUpsOf(db, 'c1')).toEqual([followUp]);
    expect((await historyOf(db, 'c1'))[0]).toMatchObject({ field: HISTORY_FOLLOW_UP, to: followUp.id, by: 'user' });
    expect(await redoFollowUp(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: FOLLOW_UP_REDO_NOTHING });
    // And undone again.
    expect(await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10)).toMatchObject({ ok: true });
  });

  it('a new follow-up ends the redo of the undone one', async () => {
    const { db } = await seeded();
    await logFollowUp(db, call(), DEFAULT_RULE_SET, MAR_10);
    await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10);
    await logFollowUp(db, call({ outcome: '未接通', at: '2026-03-10T10:00' }), DEFAULT_RULE_SET, MAR_10);
    await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10);
    await redoFollowUp(db, DEFAULT_RULE_SET, MAR_10);
    expect((await followUpsOf(db, 'c1')).map((f) => f.outcome)).toEqual(['未接通']);
  });

  it('forgetting the customer leaves nothing of them in the undo record, and nothing to undo', async () => {
    const { db } = await seeded();
    await logFollowUp(db, call(), DEFAULT_RULE_SET, MAR_10);
    await forgetCustomers(db, ['c1'], MAR_10);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain('13800000001');
    expect(await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: FOLLOW_UP_UNDO_NOTHING });
  });

  it('undo and redo are refused when the customer changed in between', async () => {
    const { db } = await seeded();
    await logFollowUp(db, call(), DEFAULT_RULE_SET, MAR_10);
    await commitCapture(db, {
      records: [row({ phone: aLead.phone!, notes: '新备注' })],
      source: 'page',
      pageUrl: PAGE,
      now: MAR_11,
    });
    expect(await undoFollowUp(db, DEFAULT_RULE_SET, MAR_11)).toEqual({ ok: false, reason: FOLLOW_UP_CHANGED_LATER });
    expect(await followUpsOf(db, 'c1')).toHaveLength(1);
  });
});
