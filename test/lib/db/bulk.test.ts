import { describe, expect, it } from 'vitest';
import type { CustomerFields } from '../../../lib/customer';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import {
  BULK_EVENT_DATE_INVALID,
  BULK_REDO_NOTHING,
  BULK_UNDO_ALREADY,
  BULK_UNDO_NOTHING,
  FOLLOW_UP_LAST_KEY,
  HISTORY_MANUAL_GRADE,
  HISTORY_INVITATION,
  HISTORY_TAGS,
  addTag,
  captureGrader,
  commitCapture,
  deleteWithUndo,
  followUpsOf,
  historyOf,
  inviteToEvent,
  lastBulk,
  logFollowUp,
  reassignConsultant,
  redoBulk,
  redoFollowUp,
  regradeCustomers,
  saveCustomer,
  setGrade,
  setStage,
  undoBulk,
  undoFollowUp,
} from '../../../lib/db';
import type { DealerLensDB } from '../../../lib/db';
import { PAGE, freshDatabase, row } from './helpers';
import { customer, leadFields } from '../../factories';

const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min);
const MAR_10 = local(2026, 3, 10);
const MAR_11 = local(2026, 3, 11);

const lead = (i: number, consultant: string): CustomerFields =>
  leadFields(i, { lastContactAt: '2026-03-05', consultant });

/** 王芳 leaves: c1 and c2 are hers, c3 is 李强's. */
async function store(): Promise<DealerLensDB> {
  const db = freshDatabase();
  await saveCustomer(db, customer('c1', lead(1, '王芳')));
  await saveCustomer(db, customer('c2', lead(2, '王芳')));
  await saveCustomer(db, customer('c3', lead(3, '李强')));
  await regradeCustomers(db, ['c1', 'c2', 'c3'], DEFAULT_RULE_SET, MAR_10);
  return db;
}

const consultants = async (db: DealerLensDB) => (await db.customers.orderBy('id').toArray()).map((c) => c.consultant);

describe("handing over a leaving consultant's customers (bulk reassign)", () => {
  it("gives every selected customer the new consultant, as the user's value, with history", async () => {
    const db = await store();
    const result = await reassignConsultant(db, ['c1', 'c2'], '赵敏', DEFAULT_RULE_SET, MAR_10);
    expect(result).toMatchObject({ kind: 'reassign', changed: 2 });
    expect(await consultants(db)).toEqual(['赵敏', '赵敏', '李强']);
    expect((await db.customers.get('c1'))!.userEdited).toContain('consultant');
    const [change] = await historyOf(db, 'c1');
    expect(change).toMatchObject({ field: 'consultant', from: '王芳', to: '赵敏', by: 'user' });
  });

  it('a later capture that still names the old consultant does not undo the hand-over', async () => {
    const db = freshDatabase();
    await commitCapture(db, { records: [row(lead(1, '王芳'))], source: 'page', pageUrl: PAGE, now: MAR_10 });
    const [customer] = await db.customers.toArray();
    await reassignConsultant(db, [customer!.id], '赵敏', DEFAULT_RULE_SET, MAR_10);
    await commitCapture(db, {
      records: [row(lead(1, '王芳'))],
      source: 'page',
      pageUrl: PAGE,
      now: MAR_11,
      prepare: await captureGrader(db, MAR_11),
    });
    expect((await db.customers.get(customer!.id))!.consultant).toBe('赵敏');
  });

  it('undo puts the old consultant back and records the undo in history', async () => {
    const db = await store();
    await reassignConsultant(db, ['c1', 'c2'], '赵敏', DEFAULT_RULE_SET, MAR_10);
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: true, kind: 'reassign', restored: 2 });
    expect(await consultants(db)).toEqual(['王芳', '王芳', '李强']);
    const [latest] = await historyOf(db, 'c1');
    expect(latest).toMatchObject({ field: 'consultant', from: '赵敏', to: '王芳', by: 'undo' });
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: BULK_UNDO_ALREADY });
  });

  it('customers already with that consultant are not counted as changed', async () => {
    const db = await store();
    expect((await reassignConsultant(db, ['c1', 'c3', 'missing'], '李强', DEFAULT_RULE_SET, MAR_10)).changed).toBe(1);
  });
});

describe('bulk set stage and set grade', () => {
  it('setting defeated with a reason re-grades at once: the win-back call is due in 30 days', async () => {
    const db = await store();
    await setStage(db, ['c1'], 'defeated', DEFAULT_RULE_SET, MAR_10, '价格高');
    const c1 = (await db.customers.get('c1'))!;
    expect(c1).toMatchObject({ stage: 'defeated', defeatReason: '价格高' });
    expect(c1.grades).toMatchObject({ intent: 'n/a', defeatedDetail: '价格高' });
  });

  it('setting grade H moves the leads to the 2-day cadence, and undo brings back A', async () => {
    const db = await store();
    await setGrade(db, ['c1', 'c2'], 'H', DEFAULT_RULE_SET, MAR_10);
    const c1 = (await db.customers.get('c1'))!;
    expect(c1.grades).toMatchObject({ intent: 'H', nextDueAt: '2026-03-07' });
    expect(c1.followUp).toMatchObject({ grade: 'H', gradeAt: '2026-03-10T09:00' });
    expect((await historyOf(db, 'c1'))[0]).toMatchObject({ field: HISTORY_MANUAL_GRADE, from: null, to: 'H' });

    await undoBulk(db, DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('c1'))!.grades).toMatchObject({ intent: 'A', nextDueAt: '2026-03-12' });
  });

  it('a grade set in bulk stands after a later follow-up that sets none, and yields to one that does', async () => {
    const db = await store();
    await setGrade(db, ['c1'], 'H', DEFAULT_RULE_SET, MAR_10);
    const base = { customerId: 'c1', channel: 'phone' as const, outcome: '已联系', consultant: '王芳' };
    await logFollowUp(db, { ...base, at: '2026-03-10T10:00' }, DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('c1'))!.grades?.intent).toBe('H');
    await logFollowUp(db, { ...base, at: '2026-03-10T11:00', newGrade: 'B' }, DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('c1'))!.grades?.intent).toBe('B');
  });

  it('an undo is refused when a customer changed after the bulk action', async () => {
    const db = await store();
    await setStage(db, ['c1', 'c2'], 'ordered', DEFAULT_RULE_SET, MAR_10);
    await logFollowUp(
      db,
      { customerId: 'c2', at: '2026-03-11T09:00', channel: 'sms', outcome: '告知到车', consultant: '王芳' },
      DEFAULT_RULE_SET,
      MAR_11,
    );
    const result = await undoBulk(db, DEFAULT_RULE_SET, MAR_11);
    expect(result).toMatchObject({ ok: false });
    expect((await db.customers.get('c1'))!.stage).toBe('ordered');
  });
});

describe('bulk add tag', () => {
  it('adds the tag once, keeps the others, and records it', async () => {
    const db = await store();
    await addTag(db, ['c1'], '车展邀约', DEFAULT_RULE_SET, MAR_10);
    await addTag(db, ['c1', 'c2'], '试驾', DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('c1'))!.tags).toEqual(['车展邀约', '试驾']);
    expect((await db.customers.get('c2'))!.tags).toEqual(['试驾']);
    expect((await historyOf(db, 'c1'))[0]).toMatchObject({
      field: HISTORY_TAGS,
      from: ['车展邀约'],
      to: ['车展邀约', '试驾'],
    });
    expect((await addTag(db, ['c1'], '试驾', DEFAULT_RULE_SET, MAR_10)).changed).toBe(0);
  });
});

describe('bulk delete with undo', () => {
  it('deletes the customers and their follow-ups; undo restores both and their identity', async () => {
    const db = await store();
    await logFollowUp(
      db,
      { customerId: 'c1', at: '2026-03-10T09:00', channel: 'phone', outcome: '无人接听', consultant: '王芳' },
      DEFAULT_RULE_SET,
      MAR_10,
    );
    const before = await db.customers.get('c1');

    expect(await deleteWithUndo(db, ['c1', 'c2'], DEFAULT_RULE_SET, MAR_10)).toMatchObject({
      kind: 'delete',
      changed: 2,
    });
    expect(await db.customers.count()).toBe(1);
    expect(await db.followUps.count()).toBe(0);

    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: true, kind: 'delete', restored: 2 });
    expect(await db.customers.get('c1')).toEqual(before);
    expect(await followUpsOf(db, 'c1')).toHaveLength(1);
    // The identity came back too: a capture of the same mobile finds c1, it does not create a new customer.
    await commitCapture(db, {
      records: [row({ phone: before!.phone!, notes: '回来了' })],
      source: 'page',
      pageUrl: PAGE,
      now: MAR_11,
    });
    expect(await db.customers.count()).toBe(3);
    expect((await db.customers.get('c1'))!.notes).toBe('回来了');
  });

  it('an undo is refused when a deleted customer was captured again since', async () => {
    const db = await store();
    const phone = (await db.customers.get('c1'))!.phone!;
    await deleteWithUndo(db, ['c1'], DEFAULT_RULE_SET, MAR_10);
    await commitCapture(db, { records: [row({ phone, name: '客户1' })], source: 'page', pageUrl: PAGE, now: MAR_11 });
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_11)).toMatchObject({ ok: false });
    expect(await db.customers.where('phone').equals(phone).count()).toBe(1);
  });

  it('there is nothing to undo before any bulk action', async () => {
    const db = await store();
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: BULK_UNDO_NOTHING });
    expect(await lastBulk(db)).toBeUndefined();
  });
});

describe('inviting B and C leads to a store event', () => {
  async function leads(): Promise<DealerLensDB> {
    const db = freshDatabase();
    // B and C leads are invited (B: invite to events; C: must call for events); an A lead is not.
    await saveCustomer(db, customer('b', { ...lead(1, '王芳'), portalGrade: 'B', lastContactAt: '2026-03-09' }));
    await saveCustomer(db, customer('c', { ...lead(2, '王芳'), portalGrade: 'C', lastContactAt: '2026-03-09' }));
    await saveCustomer(db, customer('a', { ...lead(3, '王芳'), portalGrade: 'A', lastContactAt: '2026-03-09' }));
    await regradeCustomers(db, ['a', 'b', 'c'], DEFAULT_RULE_SET, MAR_10);
    return db;
  }

  it('the invited customers get a follow-up due 7 days before the event; the others are left alone; undo takes it back', async () => {
    const db = await leads();
    const result = await inviteToEvent(db, ['a', 'b', 'c'], '周末试驾会', '2026-03-28', DEFAULT_RULE_SET, MAR_10);
    expect(result).toMatchObject({ kind: 'invite', changed: 2 });
    const [a, b, c] = await db.customers.bulkGet(['a', 'b', 'c']);
    expect([b!.grades!.nextDueAt, c!.grades!.nextDueAt, a!.grades!.nextDueAt]).toEqual([
      '2026-03-21',
      '2026-03-21',
      '2026-03-16',
    ]);
    expect(await historyOf(db, 'b')).toContainEqual(
      expect.objectContaining({ field: HISTORY_INVITATION, from: null, to: '周末试驾会 2026-03-28', by: 'user' }),
    );
    // A contact after it makes the invitation: the cadence is back.
    await logFollowUp(
      db,
      { customerId: 'b', at: '2026-03-12T10:00', channel: 'phone', outcome: '已邀约', consultant: '王芳' },
      DEFAULT_RULE_SET,
      local(2026, 3, 12),
    );
    expect((await db.customers.get('b'))!.grades!.nextDueAt).toBe('2026-03-27');
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_11)).toMatchObject({ ok: false }); // b changed since
  });

  it('an event within 7 days is due today; undo restores the due dates before it', async () => {
    const db = await leads();
    await inviteToEvent(db, ['b'], '车主讲堂', '2026-03-12', DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('b'))!.grades!.nextDueAt).toBe('2026-03-10');
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_10)).toMatchObject({ ok: true, kind: 'invite', restored: 1 });
    expect((await db.customers.get('b'))!.grades!.nextDueAt).toBe('2026-03-24');
    expect((await db.customers.get('b'))!.followUp?.invitation).toBeUndefined();
  });

  it('an event date in the past is refused, in Chinese and English', async () => {
    const db = await leads();
    await expect(inviteToEvent(db, ['b'], '车主讲堂', '2026-03-01', DEFAULT_RULE_SET, MAR_10)).rejects.toThrow(
      BULK_EVENT_DATE_INVALID,
    );
  });
});

describe('redo of an undone bulk action', () => {
  const MAR_12 = local(2026, 3, 12);
  const rows = async (db: DealerLensDB) =>
    (await db.customers.orderBy('id').toArray()).map(({ grades: _grades, ...rest }) => rest);

  it('a hand-over undone and redone is exactly the hand-over again, with history, and can be undone again', async () => {
    const db = await store();
    await reassignConsultant(db, ['c1', 'c2'], '赵敏', DEFAULT_RULE_SET, MAR_10);
    const done = await rows(db);
    await undoBulk(db, DEFAULT_RULE_SET, MAR_11);
    expect(await consultants(db)).toEqual(['王芳', '王芳', '李强']);

    expect(await redoBulk(db, DEFAULT_RULE_SET, MAR_12)).toEqual({ ok: true, kind: 'reassign', redone: 2 });
    expect(await rows(db)).toEqual(done);
    expect((await historyOf(db, 'c1'))[0]).toMatchObject({ field: 'consultant', from: '王芳', to: '赵敏', by: 'user' });
    expect(await redoBulk(db, DEFAULT_RULE_SET, MAR_12)).toEqual({ ok: false, reason: BULK_REDO_NOTHING });
    expect(await undoBulk(db, DEFAULT_RULE_SET, MAR_12)).toMatchObject({ ok: true, restored: 2 });
    expect(await consultants(db)).toEqual(['王芳', '王芳', '李强']);
  });

  it('a grade set in bulk, redone, moves the due dates again (re-graded for the day of the redo)', async () => {
    const db = await store();
    await setGrade(db, ['c1'], 'H', DEFAULT_RULE_SET, MAR_10);
    const graded = (await db.customers.get('c1'))!.grades;
    await undoBulk(db, DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('c1'))!.grades?.intent).toBe('A');
    await redoBulk(db, DEFAULT_RULE_SET, MAR_10);
    expect((await db.customers.get('c1'))!.grades).toEqual(graded);
  });

  it('a deletion redone deletes the customers and their follow-ups again; undo brings them back again', async () => {
    const db = await store();
    await logFollowUp(
      db,
      { customerId: 'c1', at: '2026-03-10T09:00', channel: 'phone', outcome: '无人接听', consultant: '王芳' },
      DEFAULT_RULE_SET,
      MAR_10,
    );
    const before = await db.customers.get('c1');
    await deleteWithUndo(db, ['c1', 'c2'], DEFAULT_RULE_SET, MAR_10);
    await undoBulk(db, DEFAULT_RULE_SET, MAR_10);
    expect(await redoBulk(db, DEFAULT_RULE_SET, MAR_11)).toEqual({ ok: true, kind: 'delete', redone: 2 });
    expect(await db.customers.count()).toBe(1);
    expect(await db.followUps.count()).toBe(0);
    await undoBulk(db, DEFAULT_RULE_SET, MAR_11);
    expect(await db.customers.get('c1')).toEqual(before);
    expect(await followUpsOf(db, 'c1')).toHaveLength(1);
  });

  it('another bulk action or a follow-up ends the redo', async () => {
    const db = await store();
    await reassignConsultant(db, ['c1'], '赵敏', DEFAULT_RULE_SET, MAR_10);
    await undoBulk(db, DEFAULT_RULE_SET, MAR_10);
    await addTag(db, ['c3'], '试驾', DEFAULT_RULE_SET, MAR_10);
    expect(await redoBulk(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: BULK_REDO_NOTHING });

    await reassignConsultant(db, ['c1'], '赵敏', DEFAULT_RULE_SET, MAR_10);
    await undoBulk(db, DEFAULT_RULE_SET, MAR_10);
    await logFollowUp(
      db,
      { customerId: 'c3', at: '2026-03-10T09:00', channel: 'phone', outcome: '已接通', consultant: '李强' },
      DEFAULT_RULE_SET,
      MAR_10,
    );
    expect(await redoBulk(db, DEFAULT_RULE_SET, MAR_10)).toEqual({ ok: false, reason: BULK_REDO_NOTHING });
    expect(await consultants(db)).toEqual(['王芳', '王芳', '李强']);

    // ...and a bulk action ends a follow-up's redo the same way.
    await undoFollowUp(db, DEFAULT_RULE_SET, MAR_10);
    expect((await db.settings.get(FOLLOW_UP_LAST_KEY))?.value).toMatchObject({ undone: true });
    await addTag(db, ['c2'], '试驾', DEFAULT_RULE_SET, MAR_10);
    expect(await redoFollowUp(db, DEFAULT_RULE_SET, MAR_10)).toMatchObject({ ok: false });
    expect(await db.followUps.count()).toBe(0);
  });

  it('a redo is refused when a customer changed after the undo', async () => {
    const db = await store();
    await reassignConsultant(db, ['c1', 'c2'], '赵敏', DEFAULT_RULE_SET, MAR_10);
    await undoBulk(db, DEFAULT_RULE_SET, MAR_10);
    const phone = (await db.customers.get('c2'))!.phone!;
    await commitCapture(db, {
      records: [row({ phone, notes: '改了备注' })],
      source: 'page',
      pageUrl: PAGE,
      now: MAR_11,
    });
    expect(await redoBulk(db, DEFAULT_RULE_SET, MAR_11)).toMatchObject({ ok: false });
    expect(await consultants(db)).toEqual(['王芳', '王芳', '李强']);
  });
});
