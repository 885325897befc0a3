// Two tabs capturing the same customers at once: no lost update, no
// duplicate customer (docs/architecture.md#the-data-layer).
import { describe, expect, it } from 'vitest';
import { commitCapture, countCustomers } from '../../../lib/db';
import { PAGE, at, freshDatabase, row } from './helpers';

const phone = (i: number) => `138${String(10_000_000 + i).slice(-8)}`;

describe('two captures of the same customers at once', () => {
  it('store each customer once, with both captures\u2019 fields', async () => {
    const db = freshDatabase();
    const n = 300;
    // Tab A reads the consultants, tab B the intended models, of the same customers.
    const a = Array.from({ length: n }, (_, i) => row({ name: `客户${i}`, phone: phone(i), consultant: '王芳' }));
    const b = Array.from({ length: n }, (_, i) => row({ name: `客户${i}`, phone: phone(i), intendedModel: '途观L' }));
    const [batchA, batchB] = await Promise.all([
      commitCapture(db, { records: a, source: 'page', pageUrl: PAGE, now: at('2026-03-01T02:00:00Z') }),
      commitCapture(db, { records: b, source: 'page', pageUrl: `${PAGE}&tab=2`, now: at('2026-03-01T02:00:01Z') }),
    ]);
    expect(await countCustomers(db)).toBe(n);
    const all = await db.customers.toArray();
    expect(new Set(all.map((c) => c.phone)).size).toBe(n);
    for (const c of all) expect(c).toMatchObject({ consultant: '王芳', intendedModel: '途观L' });
    expect(batchA.counts.new + batchB.counts.new).toBe(n);
    expect(batchA.counts.rejected + batchB.counts.rejected).toBe(0);
  });

  it('keep one customer per key when the two tabs see a customer under different keys that later meet', async () => {
    const db = freshDatabase();
    const [one, two] = await Promise.all([
      commitCapture(db, {
        records: [row({ name: '张伟', phone: '13812345678', portalId: 'KH1' })],
        source: 'page',
        pageUrl: PAGE,
        now: at('2026-03-01T02:00:00Z'),
      }),
      commitCapture(db, {
        records: [row({ name: '张伟', phone: '13812345678', vin: 'LSVAU2180N2100001' })],
        source: 'page',
        pageUrl: PAGE,
        now: at('2026-03-01T02:00:00Z'),
      }),
    ]);
    expect(one.counts.new + two.counts.new).toBe(1);
    expect(await db.customers.toArray()).toEqual([
      expect.objectContaining({ phone: '13812345678', portalId: 'KH1', vin: 'LSVAU2180N2100001' }),
    ]);
  });
});
