import { describe, expect, it } from 'vitest';
import { commitCapture, customersByKeys } from '../../../lib/db';
import { PAGE, freshDatabase, row } from './helpers';

const NOW = new Date('2026-12-07T09:00:00');

describe('customersByKeys', () => {
  it("finds each row's customer by mobile, VIN or customer id, in a capture's order", async () => {
    const db = freshDatabase();
    await commitCapture(db, {
      records: [
        row({ name: '张三', phone: '13812345678' }),
        row({ name: '李四', vin: 'LSVAB123456789012' }),
        row({ name: '王五', portalId: 'K003' }),
        row({ name: '赵六', phone: '13900000001', vin: 'LSVAB000000000001' }),
      ],
      source: 'page',
      pageUrl: PAGE,
      now: NOW,
    });
    const found = await customersByKeys(db, [
      { phone: '13812345678' },
      { vin: 'LSVAB123456789012' },
      { portalId: 'K003' },
      null,
      { phone: '13700000000' },
      // The mobile names 赵六 though the VIN names 李四: the mobile wins, as in a capture.
      { phone: '13900000001', vin: 'LSVAB123456789012' },
      { phone: '13700000000', portalId: 'K003' },
    ]);
    expect(found.map((c) => c?.name)).toEqual(['张三', '李四', '王五', undefined, undefined, '赵六', '王五']);
  });

  it('never matches a masked mobile', async () => {
    const db = freshDatabase();
    await commitCapture(db, {
      records: [row({ name: '张三', phone: '138****5678', portalId: 'K9' })],
      source: 'page',
      pageUrl: PAGE,
      now: NOW,
    });
    expect((await customersByKeys(db, [{ phone: '138****5678' }])).map((c) => c?.name)).toEqual([undefined]);
    expect((await customersByKeys(db, [{ portalId: 'K9' }])).map((c) => c?.name)).toEqual(['张三']);
  });

  it('answers an empty page without a request', async () => {
    expect(await customersByKeys(freshDatabase(), [])).toEqual([]);
  });
});
