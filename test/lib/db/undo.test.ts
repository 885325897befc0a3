import { describe, expect, it } from 'vitest';
import type { CapturedRecord } from '../../../lib/customer';
import {
  UNDO_ALREADY_DONE,
  UNDO_NOT_FOUND,
  commitCapture,
  countCustomers,
  lastBatch,
  undoBatch,
} from '../../../lib/db';
import type { DealerLensDB } from '../../../lib/db';
import { PAGE, at, dump, freshDatabase, row } from './helpers';

const T1 = at('2026-03-01T02:00:00Z');
const T2 = at('2026-03-02T02:00:00Z');
const T3 = at('2026-03-03T02:00:00Z');
const T4 = at('2026-03-04T02:00:00Z');
const T5 = at('2026-03-05T02:00:00Z');

function capture(db: DealerLensDB, records: CapturedRecord[], now: Date) {
  return commitCapture(db, { records, source: 'page', pageUrl: PAGE, now });
}

async function withTwoCustomers() {
  const db = freshDatabase();
  await capture(
    db,
    [
      row({ name: '张伟', phone: '13812345678', portalGrade: 'C', consultant: '李娜' }, { extra: { 微信: 'zw88' } }),
      row({ name: '王芳', phone: '13987654321', portalGrade: 'B' }),
    ],
    T1,
  );
  return db;
}

describe('undo a whole capture', () => {
  it('puts every customer back exactly as it was before the batch, and deletes the customers it created', async () => {
    const db = await withTwoCustomers();
    const before = await dump(db);
    const batch = await capture(
      db,
      [
        row(
          { name: '张伟', phone: '13812345678', portalGrade: 'A', district: '惠城区' },
          { extra: { 微信: 'zw99', 爱好: '钓鱼' }, invalid: { birthday: '八月十五' } },
        ),
        row({ name: '刘洋', phone: '13700001111' }),
        row({ name: '王芳', phone: '13987654321', portalGrade: 'B' }), // unchanged
      ],
      T2,
    );
    expect(batch.counts).toMatchObject({ new: 1, updated: 1, unchanged: 1 });

    const result = await undoBatch(db, batch.id, T3);
    expect(result).toEqual({ ok: true, restored: 1, removed: 1 });
    const after = await dump(db);
    expect(after.customers).toEqual(before.customers);
    // The batch's history entries are removed, so history reads as before the capture.
    expect(after.history).toEqual(before.history);
    expect(await db.batches.get(batch.id)).toEqual({ ...batch, undone: true, undoneAt: T3.toISOString() });
  });

  it('refuses a second undo of the same batch', async () => {
    const db = await withTwoCustomers();
    const batch = (await lastBatch(db))!;
    expect(await undoBatch(db, batch.id, T2)).toMatchObject({ ok: true, removed: 2 });
    expect(await countCustomers(db)).toBe(0);
    expect(await undoBatch(db, batch.id, T3)).toEqual({ ok: false, reason: UNDO_ALREADY_DONE });
  });

  it('refuses a batch that does not exist', async () => {
    const db = freshDatabase();
    expect(await undoBatch(db, 'no-such-batch', T1)).toEqual({ ok: false, reason: UNDO_NOT_FOUND });
  });

  it('refuses while a later capture that changed the same customers is in force, and allows it once that one is undone', async () => {
    const db = await withTwoCustomers();
    const first = await capture(db, [row({ phone: '13812345678', portalGrade: 'A' })], T2);
    const before = await dump(db);
    const later = await capture(db, [row({ phone: '13812345678', portalGrade: 'H' })], T3);

    const refused = await undoBatch(db, first.id, T4);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/之后的采集.*later capture/);
    expect((await dump(db)).customers.find((c) => c.phone === '13812345678')?.portalGrade).toBe('H');

    expect(await undoBatch(db, later.id, T4)).toMatchObject({ ok: true, restored: 1 });
    expect((await dump(db)).customers).toEqual(before.customers);
    expect(await undoBatch(db, first.id, T5)).toMatchObject({ ok: true, restored: 1 });
    expect((await db.customers.where('phone').equals('13812345678').first())?.portalGrade).toBe('C');
  });

  it('a later capture that touched other customers, or left these unchanged, does not block the undo', async () => {
    const db = await withTwoCustomers();
    const first = await capture(db, [row({ phone: '13812345678', portalGrade: 'A' })], T2);
    await capture(
      db,
      [row({ phone: '13987654321', portalGrade: 'H' }), row({ phone: '13812345678', portalGrade: 'A' })],
      T3,
    );
    expect(await undoBatch(db, first.id, T4)).toEqual({ ok: true, restored: 1, removed: 0 });
  });

  it('refuses when a customer was edited in DealerLens after the capture, so the edit is not lost', async () => {
    const db = await withTwoCustomers();
    const batch = await capture(db, [row({ phone: '13812345678', portalGrade: 'A' })], T2);
    const customer = (await db.customers.where('phone').equals('13812345678').first())!;
    await db.customers.put({ ...customer, notes: '客户说下周来', userEdited: ['notes'], updatedAt: T3.toISOString() });
    const refused = await undoBatch(db, batch.id, T4);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/手动修改.*edited in DealerLens/);
    expect((await db.customers.get(customer.id))?.notes).toBe('客户说下周来');
  });
});

describe('the last capture and the customer count', () => {
  it('lastBatch is the most recent capture, and stays so once undone', async () => {
    const db = freshDatabase();
    expect(await lastBatch(db)).toBeUndefined();
    await capture(db, [row({ phone: '13812345678' })], T1);
    const second = await capture(db, [row({ phone: '13987654321' })], T2);
    expect((await lastBatch(db))?.id).toBe(second.id);
    expect(await countCustomers(db)).toBe(2);
    await undoBatch(db, second.id, T3);
    expect(await lastBatch(db)).toMatchObject({ id: second.id, undone: true });
    expect(await countCustomers(db)).toBe(1);
  });
});
