import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CapturedRecord } from '../../../lib/customer';
import {
  HISTORY_CREATED,
  IDENTITY_DIRECTORY_ID,
  commitCapture,
  countCustomers,
  deleteCustomers,
  directoryWritten,
  historyOf,
  openDatabase,
  saveCustomer,
  undoBatch,
} from '../../../lib/db';
import type { DealerLensDB, IdentityDirectoryEntries } from '../../../lib/db';
import { PAGE, at, freshDatabase, row } from './helpers';

const T1 = at('2026-03-01T02:00:00Z');
const T2 = at('2026-03-02T02:00:00Z');
const T3 = at('2026-03-03T02:00:00Z');

function capture(db: DealerLensDB, records: CapturedRecord[], now: Date) {
  return commitCapture(db, { records, source: 'page', pageUrl: PAGE, now });
}

/** The stored directory as 'phone:…' / 'vin:…' / 'pid:…' -> customer id, with the customer count it was written for. */
async function directoryOf(db: DealerLensDB) {
  // A capture writes the key lists in their own transaction, after its batch (saveDirectoryLater).
  await directoryWritten(db);
  const meta = await db.identityDirectory.get(IDENTITY_DIRECTORY_ID.meta);
  const entries = await db.identityDirectory.get(IDENTITY_DIRECTORY_ID.entries);
  if (meta?.id !== 'meta' || entries?.id !== 'entries') return undefined;
  expect(entries.stamp).toBe(meta.stamp);
  const owners = new Map<string, string>();
  for (const [kind, prefix] of [
    ['phone', 'phone:'],
    ['vin', 'vin:'],
    ['portalId', 'pid:'],
  ] as const) {
    entries[kind].keys.forEach((key, i) => owners.set(prefix + key, entries[kind].ids[i]!));
  }
  return { owners, count: meta.count, generation: meta.generation };
}

async function idOfPhone(db: DealerLensDB, phone: string): Promise<string> {
  return (await db.customers.where('phone').equals(phone).first())!.id;
}

describe('the identity directory names the customer of every mobile, VIN and portal id', () => {
  it('a capture writes every key of the customers it stores, and the customer count', async () => {
    const db = freshDatabase();
    await capture(
      db,
      [
        row({ name: '张伟', phone: '13812345678', vin: 'LSVAU2180N2123456' }),
        row({ name: '王芳', portalId: 'KH-0002' }),
      ],
      T1,
    );
    const zhang = await idOfPhone(db, '13812345678');
    const wang = (await db.customers.where('portalId').equals('KH-0002').first())!.id;
    const directory = await directoryOf(db);
    expect(directory?.owners).toEqual(
      new Map([
        ['phone:13812345678', zhang],
        ['vin:LSVAU2180N2123456', zhang],
        ['pid:KH-0002', wang],
      ]),
    );
    expect(directory?.count).toBe(2);
  });

  it('the key lists land after the capture, and a capture that comes before them is served from memory', async () => {
    const db = freshDatabase();
    await capture(db, [row({ name: '张伟', phone: '13812345678' })], T1);
    // No wait for directoryWritten: the next capture must still find 张伟.
    const again = await capture(
      db,
      [row({ name: '张伟', phone: '13812345678', district: '惠城区' }), row({ name: '王芳', phone: '13987654321' })],
      T2,
    );
    expect(again.counts).toMatchObject({ new: 1, updated: 1 });
    const directory = await directoryOf(db);
    expect(directory?.owners.size).toBe(2);
    expect(directory?.count).toBe(2);
  });

  it('key lists that never landed (the browser closed first) are rebuilt from the customers by the next load', async () => {
    const name = `dealerlens-test-${crypto.randomUUID()}`;
    const first = openDatabase({ name });
    await capture(first, [row({ name: '张伟', phone: '13812345678' })], T1);
    await directoryWritten(first);
    await capture(first, [row({ name: '王芳', phone: '13987654321' })], T2);
    await directoryWritten(first);
    // As if the second capture's key lists were lost: the entries row is one stamp behind its meta row.
    const entries = await first.identityDirectory.get(IDENTITY_DIRECTORY_ID.entries);
    if (entries?.id !== 'entries') throw new Error('no entries row');
    const stale: IdentityDirectoryEntries = {
      ...entries,
      stamp: 'lost',
      phone: { keys: ['13812345678'], ids: [entries.phone.ids[0]!] },
    };
    await first.identityDirectory.put(stale);
    first.close();

    const second = openDatabase({ name });
    const batch = await capture(second, [row({ name: '王芳', phone: '13987654321', district: '惠城区' })], T3);
    expect(batch.counts).toMatchObject({ new: 0, updated: 1 });
    expect(await countCustomers(second)).toBe(2);
    expect((await directoryOf(second))?.owners.size).toBe(2);
    second.close();
  });

  it('a customer stored around lib/db is still found by the next capture (the count no longer matches, so the directory is rebuilt)', async () => {
    const db = freshDatabase();
    await capture(db, [row({ name: '张伟', phone: '13812345678' })], T1);
    const stored = (await db.customers.toArray())[0]!;
    await db.customers.put({ ...stored, id: 'added-behind-its-back', name: '王芳', phone: '13987654321' });

    const batch = await capture(db, [row({ name: '王芳', phone: '13987654321', portalGrade: 'A' })], T2);
    expect(batch.counts).toMatchObject({ new: 0, updated: 1 });
    expect(await countCustomers(db)).toBe(2);
    const directory = await directoryOf(db);
    expect(directory?.owners.get('phone:13987654321')).toBe('added-behind-its-back');
    expect(directory?.count).toBe(2);
  });

  it('a customer deleted around lib/db does not swallow the next capture of its mobile', async () => {
    const db = freshDatabase();
    await capture(db, [row({ name: '张伟', phone: '13812345678' }), row({ name: '王芳', phone: '13987654321' })], T1);
    await db.customers.delete(await idOfPhone(db, '13812345678'));

    const batch = await capture(db, [row({ name: '张伟', phone: '13812345678' })], T2);
    expect(batch.counts).toMatchObject({ new: 1, updated: 0 });
    expect(await countCustomers(db)).toBe(2);
    expect((await directoryOf(db))?.owners.get('phone:13812345678')).toBe(await idOfPhone(db, '13812345678'));
  });

  it('a mobile changed around lib/db (same count) is caught when the directory names a customer that no longer holds it', async () => {
    const db = freshDatabase();
    await capture(db, [row({ name: '张伟', phone: '13812345678' })], T1);
    const zhang = (await db.customers.toArray())[0]!;
    await db.customers.put({ ...zhang, phone: '13700001111' });

    const old = await capture(db, [row({ name: '张伟', phone: '13812345678' })], T2);
    expect(old.counts).toMatchObject({ new: 1, updated: 0 });
    const directory = await directoryOf(db);
    expect(directory?.owners.get('phone:13700001111')).toBe(zhang.id);
    const again = await capture(db, [row({ phone: '13700001111', district: '惠城区' })], T3);
    expect(again.counts).toMatchObject({ new: 0, updated: 1 });
    expect((await db.customers.get(zhang.id))?.district).toBe('惠城区');
  });

  it('undo gives the directory back exactly as it was before the batch', async () => {
    const db = freshDatabase();
    await capture(
      db,
      [row({ name: '张伟', phone: '13812345678' }), row({ name: '张伟父', vin: 'LSVAU2180N2123456' })],
      T1,
    );
    const before = await directoryOf(db);
    const batch = await capture(
      db,
      [
        // Found by VIN, brings a new mobile: the father's mobile is taken, his VIN stays his.
        row({ name: '张伟父', phone: '13500002222', vin: 'LSVAU2180N2123456' }),
        // Found by mobile, brings the father's VIN: the VIN stays with the father.
        row({ name: '张伟', phone: '13812345678', vin: 'LSVAU2180N2123456' }),
        row({ name: '刘洋', phone: '13700001111', portalId: 'KH-0003' }),
      ],
      T2,
    );
    expect(batch.counts).toMatchObject({ new: 1, updated: 2 });
    const during = await directoryOf(db);
    expect(during?.owners.size).toBe(5);
    expect(during?.count).toBe(3);

    expect(await undoBatch(db, batch.id, T3)).toMatchObject({ ok: true, restored: 2, removed: 1 });
    const after = await directoryOf(db);
    expect(after?.owners).toEqual(before?.owners);
    expect(after?.count).toBe(before?.count);
    expect(after!.generation).toBeGreaterThan(during!.generation);
    // And the next capture of the undone customer's mobile creates it again.
    expect((await capture(db, [row({ phone: '13700001111' })], T3)).counts.new).toBe(1);
  });

  it('a customer edited through saveCustomer is found by its new mobile, and no longer by the old one', async () => {
    const db = freshDatabase();
    await capture(db, [row({ name: '张伟', phone: '13812345678' })], T1);
    const zhang = (await db.customers.toArray())[0]!;
    await saveCustomer(db, { ...zhang, phone: '13700001111', userEdited: ['phone'], updatedAt: T2.toISOString() });

    expect((await capture(db, [row({ phone: '13700001111', district: '惠城区' })], T3)).counts).toMatchObject({
      new: 0,
      updated: 1,
    });
    expect((await capture(db, [row({ phone: '13812345678' })], T3)).counts).toMatchObject({ new: 1 });
  });

  it('customers removed through deleteCustomers release their keys', async () => {
    const db = freshDatabase();
    await capture(
      db,
      [row({ name: '张伟', phone: '13812345678', vin: 'LSVAU2180N2123456' }), row({ phone: '13987654321' })],
      T1,
    );
    expect(await deleteCustomers(db, [await idOfPhone(db, '13812345678'), 'not-stored'])).toBe(1);
    const directory = await directoryOf(db);
    expect([...directory!.owners.keys()]).toEqual(['phone:13987654321']);
    expect(directory?.count).toBe(1);
    expect((await capture(db, [row({ vin: 'LSVAU2180N2123456' })], T2)).counts.new).toBe(1);
  });
});

describe('the directory kept in memory between captures', () => {
  it('is not trusted after a capture that failed: the next capture reads what is stored', async () => {
    const db = freshDatabase();
    await capture(db, [row({ name: '张伟', phone: '13812345678' })], T1);
    let failNext = true;
    db.batches.hook('creating', () => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
    });
    await expect(capture(db, [row({ name: '王芳', phone: '13987654321' })], T2)).rejects.toThrow('disk full');
    const batch = await capture(
      db,
      [row({ name: '王芳', phone: '13987654321' }), row({ phone: '13812345678', district: '惠城区' })],
      T3,
    );
    expect(batch.counts).toMatchObject({ new: 1, updated: 1 });
    expect(await countCustomers(db)).toBe(2);
    expect((await directoryOf(db))?.owners.get('phone:13987654321')).toBe(await idOfPhone(db, '13987654321'));
  });

  it('is not trusted after another database object (another extension page) wrote the directory', async () => {
    const name = `dealerlens-shared-${crypto.randomUUID()}`;
    const background = openDatabase({ name });
    const workbench = openDatabase({ name });
    await capture(background, [row({ name: '张伟', phone: '13812345678' })], T1);
    await capture(workbench, [row({ name: '王芳', phone: '13987654321' })], T2);
    // Same customer count as the background's copy would expect after its own next write: only the stamp tells.
    await deleteCustomers(workbench, [await idOfPhone(workbench, '13812345678')]);
    await capture(workbench, [row({ name: '刘洋', phone: '13700001111' })], T2);
    const batch = await capture(
      background,
      [row({ phone: '13987654321', district: '惠城区' }), row({ phone: '13700001111', district: '博罗县' })],
      T3,
    );
    expect(batch.counts).toMatchObject({ new: 0, updated: 2 });
    expect(await countCustomers(background)).toBe(2);
    background.close();
    workbench.close();
  });
});

describe('upgrade from a version 1 database', () => {
  it('builds the directory from the stored customers, so the next capture finds them by any key, and history keeps reading', async () => {
    const name = `dealerlens-v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      customers: 'id, phone, vin, portalId, updatedAt, consultant',
      history: '++id, customerId',
      batches: 'id, at',
      batchSnapshots: 'batchId',
      profiles: 'id, origin, updatedAt',
      settings: 'key',
    });
    const base = {
      extra: {},
      invalid: {},
      provenance: { pageUrl: PAGE, capturedAt: T1.toISOString() },
      createdAt: T1.toISOString(),
      updatedAt: T1.toISOString(),
      userEdited: [],
      lastBatchId: 'b1',
    };
    await v1.table('customers').bulkPut([
      { ...base, id: 'c1', name: '张伟', phone: '13812345678', portalGrade: 'C' },
      { ...base, id: 'c2', name: '张伟父', vin: 'LSVAU2180N2123456' },
      { ...base, id: 'c3', name: '王芳', portalId: 'KH-0003' },
    ]);
    await v1.table('history').bulkAdd([
      { customerId: 'c1', at: T1.toISOString(), batchId: 'b1', field: 'created', from: null, to: null, by: 'capture' },
      {
        customerId: 'c1',
        at: T1.toISOString(),
        batchId: 'b1',
        field: 'district',
        from: '惠城区',
        to: '惠阳区',
        by: 'capture',
      },
    ]);
    v1.close();

    const db = openDatabase({ name });
    const batch = await capture(
      db,
      [
        row({ phone: '13812345678', portalGrade: 'A' }),
        row({ vin: 'lsvau2180n2123456', plate: '粤L12345' }),
        row({ portalId: 'KH-0003', district: '博罗县' }),
      ],
      T2,
    );
    expect(batch.counts).toEqual({ new: 0, updated: 3, unchanged: 0, rejected: 0 });
    expect(await countCustomers(db)).toBe(3);
    expect((await directoryOf(db))?.count).toBe(3);
    expect((await historyOf(db, 'c1')).map((e) => [e.field, e.from, e.to])).toEqual([
      ['portalGrade', 'C', 'A'],
      ['district', '惠城区', '惠阳区'],
      [HISTORY_CREATED, null, null],
    ]);
    db.close();
  });
});

describe("a customer's history", () => {
  it('reads newest first, one entry per changed field, ending with the creation', async () => {
    const db = freshDatabase();
    await capture(db, [row({ phone: '13812345678', portalGrade: 'C' })], T1);
    const first = await capture(db, [row({ phone: '13812345678', portalGrade: 'B', district: '惠城区' })], T2);
    const second = await capture(db, [row({ phone: '13812345678', portalGrade: 'A' })], T3);
    const id = await idOfPhone(db, '13812345678');
    expect((await historyOf(db, id)).map((e) => [e.batchId, e.at, e.field, e.from, e.to])).toEqual([
      [second.id, T3.toISOString(), 'portalGrade', 'B', 'A'],
      // One batch's changes in the order of the customer record's fields.
      [first.id, T2.toISOString(), 'district', null, '惠城区'],
      [first.id, T2.toISOString(), 'portalGrade', 'C', 'B'],
      [null, T1.toISOString(), HISTORY_CREATED, null, null],
    ]);
    expect(await historyOf(db, 'no-such-customer')).toEqual([]);
  });
});
