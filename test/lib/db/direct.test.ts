import { describe, expect, it } from 'vitest';
import { putAsProduced } from '../../../lib/db/direct';
import type { StoredCustomer } from '../../../lib/db';
import { freshDatabase } from './helpers';
import { customer } from '../../factories';

/** Steps of `size` customers c-<step>-<i>, then null. */
function steps(count: number, size: number, extra: (step: number) => StoredCustomer[] = () => []) {
  let step = 0;
  return () => {
    if (step === count) return null;
    const rows = Array.from({ length: size }, (_, i) => customer(`c-${step}-${i}`, { name: `客户${step}-${i}` }));
    rows.push(...extra(step));
    step++;
    return rows;
  };
}

function busyFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('putAsProduced: rows put as each task produces them, in one transaction', () => {
  it('stores every step in order, and the transaction goes on afterwards', async () => {
    const db = freshDatabase();
    // The same customer in the first and the last step: the last put wins.
    const produce = steps(4, 600, (step) =>
      step === 0 || step === 3 ? [customer('same', { name: `第${step}步` })] : [],
    );
    const seen = await db.transaction('rw', db.customers, async () => {
      await putAsProduced(db.customers, produce);
      return db.customers.count();
    });
    expect(seen).toBe(4 * 600 + 1);
    expect((await db.customers.get('same'))?.name).toBe('第3步');
  });

  it('keeps the transaction alive while a slow step is produced', async () => {
    const db = freshDatabase();
    const fast = steps(3, 10);
    await db.transaction('rw', db.customers, () =>
      putAsProduced(db.customers, () => {
        // Longer than IndexedDB needs for the rows already put: without a request in flight it would commit.
        busyFor(60);
        return fast();
      }),
    );
    expect(await db.customers.count()).toBe(30);
  });

  it('a row that cannot be stored leaves nothing of the transaction behind', async () => {
    const db = freshDatabase();
    const broken = { ...customer('broken', { name: '坏' }), extra: { 回调: () => 1 } } as unknown as StoredCustomer;
    const produce = steps(3, 300, (step) => (step === 1 ? [broken] : []));
    await expect(
      db.transaction('rw', db.customers, async () => {
        await db.customers.put(customer('before', { name: '之前' }));
        await putAsProduced(db.customers, produce);
      }),
    ).rejects.toThrow();
    expect(await db.customers.count()).toBe(0);
  });

  it('a step that throws leaves nothing behind, with its error', async () => {
    const db = freshDatabase();
    const fine = steps(2, 300);
    let calls = 0;
    await expect(
      db.transaction('rw', db.customers, () =>
        putAsProduced(db.customers, () => {
          if (++calls === 2) throw new Error('规则出错 / rule failed');
          return fine();
        }),
      ),
    ).rejects.toThrow('rule failed');
    expect(await db.customers.count()).toBe(0);
  });

  it('outside a transaction, puts all the produced rows at once', async () => {
    const db = freshDatabase();
    await putAsProduced(db.customers, steps(2, 5));
    expect(await db.customers.count()).toBe(10);
  });
});
