// Forgetting a customer (PIPL deletion): nothing of them is left in any
// table, so no view, export or backup made afterwards holds them; others
// are untouched; the act is logged without personal data.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import {
  FORGET_LOG_KEY,
  applyBulk,
  commitCapture,
  exportBackup,
  forgetCustomers,
  logFollowUp,
  undoBatch,
  type ForgetLogEntry,
} from '../../../lib/db';
import { PAGE, at, freshDatabase, row } from './helpers';

const NOW = at('2026-03-10T02:00:00Z');

async function storeWithHistory() {
  const db = freshDatabase();
  await commitCapture(db, {
    records: [
      row({ name: '张伟', phone: '13812345678', vin: 'LSVAU2180N2100001' }),
      row({ name: '李娜', phone: '13987654321' }),
    ],
    source: 'page',
    pageUrl: PAGE,
    now: at('2026-03-01T02:00:00Z'),
  });
  // A second batch changes 张伟, so its snapshot holds a copy of him as he was.
  const second = await commitCapture(db, {
    records: [row({ name: '张伟', phone: '13812345678', consultant: '王芳', notes: '客户原话：想要白色' })],
    source: 'page',
    pageUrl: PAGE,
    now: at('2026-03-02T02:00:00Z'),
  });
  const zhang = (await db.customers.where('phone').equals('13812345678').first())!;
  const li = (await db.customers.where('phone').equals('13987654321').first())!;
  await logFollowUp(
    db,
    { customerId: zhang.id, at: '2026-03-09T10:00', channel: 'phone', outcome: '张伟说下周到店', consultant: '王芳' },
    DEFAULT_RULE_SET,
    NOW,
  );
  await logFollowUp(
    db,
    { customerId: li.id, at: '2026-03-09T11:00', channel: 'phone', outcome: '李娜在外地', consultant: '王芳' },
    DEFAULT_RULE_SET,
    NOW,
  );
  await applyBulk(db, [zhang.id, li.id], { kind: 'reassign', consultant: '陈静' }, DEFAULT_RULE_SET, NOW);
  return { db, zhang, li, second };
}

describe('forgetting a customer', () => {
  it('leaves nothing of them in any table, and nothing of them in a backup made afterwards', async () => {
    const { db, zhang } = await storeWithHistory();
    expect(await forgetCustomers(db, [zhang.id], NOW)).toBe(1);

    const backup = await exportBackup(db, NOW);
    for (const trace of ['张伟', '13812345678', 'LSVAU2180N2100001', '想要白色', zhang.id])
      expect(backup).not.toContain(trace);
    const everything = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
    for (const trace of ['张伟', '13812345678', 'LSVAU2180N2100001', zhang.id]) expect(everything).not.toContain(trace);
  });

  it('keeps every other customer, their follow-ups and history as they were', async () => {
    const { db, zhang, li } = await storeWithHistory();
    const before = await db.customers.get(li.id);
    await forgetCustomers(db, [zhang.id], NOW);
    expect(await db.customers.get(li.id)).toEqual(before);
    expect((await db.followUps.where('customerId').equals(li.id).toArray()).map((f) => f.outcome)).toEqual([
      '李娜在外地',
    ]);
    expect(await db.history.where('customerId').equals(li.id).count()).toBeGreaterThan(0);
  });

  it('is not brought back by undoing an earlier capture or bulk action', async () => {
    const { db, zhang, second } = await storeWithHistory();
    await forgetCustomers(db, [zhang.id], NOW);
    await undoBatch(db, second.id, NOW);
    expect(await db.customers.where('phone').equals('13812345678').count()).toBe(0);
    const bulk = (await db.settings.get('bulk.last'))?.value as { customerIds: string[]; before: { id: string }[] };
    expect(bulk.customerIds).not.toContain(zhang.id);
    expect(bulk.before.map((c) => c.id)).not.toContain(zhang.id);
  });

  it('frees the mobile and VIN, so the same person captured again is a new customer', async () => {
    const { db, zhang } = await storeWithHistory();
    await forgetCustomers(db, [zhang.id], NOW);
    const batch = await commitCapture(db, {
      records: [row({ name: '张伟', phone: '13812345678' })],
      source: 'page',
      pageUrl: PAGE,
      now: NOW,
    });
    expect(batch.counts.new).toBe(1);
  });

  it('logs when and how many, and nothing of the person', async () => {
    const { db, zhang } = await storeWithHistory();
    await forgetCustomers(db, [zhang.id, 'not-stored'], NOW);
    const log = (await db.settings.get(FORGET_LOG_KEY))?.value as ForgetLogEntry[];
    expect(log).toEqual([{ at: NOW.toISOString(), count: 1 }]);
    expect(await forgetCustomers(db, ['not-stored'], NOW)).toBe(0);
    expect(((await db.settings.get(FORGET_LOG_KEY))?.value as ForgetLogEntry[]).length).toBe(1);
  });
});
