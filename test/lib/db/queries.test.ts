// The views' queries (lib/db/queries.ts) over a real (fake-indexeddb) store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FIRST_SCREEN,
  allCustomers,
  consultantNames,
  customerById,
  customerDetail,
  customersByIds,
  firstScreen,
  logFollowUp,
  presentCustomers,
  watchQuery,
  workbookSource,
  type DealerLensDB,
  type StoredCustomer,
} from '../../../lib/db';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import { freshDatabase } from './helpers';

function customer(id: string, more: Partial<StoredCustomer> = {}): StoredCustomer {
  const at = '2026-03-01T00:00:00.000Z';
  return {
    id,
    name: `客户${id}`,
    phone: `1380000${id.padStart(4, '0')}`,
    extra: {},
    invalid: {},
    provenance: { pageUrl: 'x', capturedAt: at },
    createdAt: at,
    updatedAt: at,
    userEdited: [],
    lastBatchId: 'seed',
    ...more,
  };
}
const due = (nextDueAt: string) => ({ grades: { nextDueAt } }) as unknown as Partial<StoredCustomer>;
const ids = (rows: readonly (StoredCustomer | undefined)[]) => rows.map((c) => c?.id);

let db: DealerLensDB;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(() => db.delete());

describe('firstScreen', () => {
  beforeEach(async () => {
    await db.customers.bulkPut([
      customer('1', { consultant: '王芳', ...due('2026-03-10') }),
      customer('2', { consultant: '李强', ...due('2026-03-10T15:00') }),
      customer('3', { consultant: '王芳', ...due('2026-03-09') }),
      customer('4', { consultant: '李强', ...due('2026-03-11') }),
      customer('5', { consultant: '王芳' }),
    ]);
  });

  it('due on a day takes a time on that day too; due before a day takes only earlier days', async () => {
    expect(ids(await firstScreen(db, { kind: 'dueOn', day: '2026-03-10' })).sort()).toEqual(['1', '2']);
    expect(ids(await firstScreen(db, { kind: 'dueBefore', day: '2026-03-10' }))).toEqual(['3']);
  });

  it('one consultant’s, or any, at most `limit`', async () => {
    expect(ids(await firstScreen(db, { kind: 'consultant', name: '王芳' })).sort()).toEqual(['1', '3', '5']);
    expect(await firstScreen(db, { kind: 'any' }, 2)).toHaveLength(2);
  });

  it('a first screen is at most FIRST_SCREEN customers', async () => {
    await db.customers.bulkPut(Array.from({ length: FIRST_SCREEN + 5 }, (_, i) => customer(`x${i}`)));
    expect(await firstScreen(db, { kind: 'any' })).toHaveLength(FIRST_SCREEN);
  });
});

describe('reads by id', () => {
  beforeEach(async () => {
    await db.customers.bulkPut([customer('1'), customer('2'), customer('3')]);
  });

  it('customersByIds keeps the order asked, undefined where one is gone; presentCustomers drops those', async () => {
    expect(ids(await customersByIds(db, ['3', 'gone', '1']))).toEqual(['3', undefined, '1']);
    expect(ids(await presentCustomers(db, ['3', 'gone', '1']))).toEqual(['3', '1']);
    expect((await customerById(db, '2'))?.name).toBe('客户2');
    expect(await customerById(db, 'gone')).toBeUndefined();
    expect(ids(await allCustomers(db))).toEqual(['1', '2', '3']);
  });

  it('customerDetail: the customer with its follow-ups and the active rule set; null when gone', async () => {
    await logFollowUp(
      db,
      {
        customerId: '2',
        at: '2026-03-10T10:00',
        channel: 'phone',
        outcome: '已接通',
        consultant: '王芳',
        note: '约周六到店',
      },
      DEFAULT_RULE_SET,
      new Date(2026, 2, 10, 10),
    );
    const detail = await customerDetail(db, '2');
    expect(detail!.customer.id).toBe('2');
    expect(detail!.followUps.map((f) => f.note)).toEqual(['约周六到店']);
    expect(detail!.ruleSet.id).toBe(DEFAULT_RULE_SET.id);
    expect(detail!.history.length).toBeGreaterThan(0);
    expect(await customerDetail(db, 'gone')).toBeNull();
  });
});

describe('lists', () => {
  it('consultantNames: each once, in Chinese order, no blank name', async () => {
    await db.customers.bulkPut([
      customer('1', { consultant: '王芳' }),
      customer('2', { consultant: '李强' }),
      customer('3', { consultant: '王芳' }),
      customer('4', { consultant: '' }),
      customer('5'),
      customer('6', { consultant: '赵敏' }),
    ]);
    expect(await consultantNames(db)).toEqual(['李强', '王芳', '赵敏']);
  });

  it('workbookSource: every customer and the active rule set', async () => {
    await db.customers.bulkPut([customer('1'), customer('2')]);
    const { customers, ruleSet } = await workbookSource(db);
    expect(ids(customers)).toEqual(['1', '2']);
    expect(ruleSet.id).toBe(DEFAULT_RULE_SET.id);
  });
});

describe('watchQuery', () => {
  it('gives the result now and again after a write to what it read, until unsubscribed', async () => {
    const seen: number[] = [];
    let arrived = () => {};
    const next = () => new Promise<void>((done) => (arrived = done));
    let first = next();
    const stop = watchQuery(
      () => db.customers.count(),
      (n) => {
        seen.push(n);
        arrived();
      },
      (e) => {
        throw e;
      },
    );
    await first;
    first = next();
    await db.customers.put(customer('1'));
    await first;
    stop();
    await db.customers.put(customer('2'));
    await db.customers.count();
    expect(seen).toEqual([0, 1]);
  });
});
