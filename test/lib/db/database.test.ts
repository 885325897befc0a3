import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { commitCapture, listProfiles, loadDirectory, openDatabase, saveProfile } from '../../../lib/db';
import type { SiteProfile } from '../../../lib/db';
import { freshDatabase } from './helpers';

function profile(id: string, updatedAt: string): SiteProfile {
  return {
    id,
    name: `DMS ${id}`,
    origin: 'https://dms.example.com',
    pathPattern: '/crm/customers*',
    headerSignature: 'sig',
    mapping: [
      { header: '客户姓名', field: 'name' },
      { header: '微信', field: null },
    ],
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt,
  };
}

describe('the database', () => {
  it('opens on the IndexedDB it is given, with every table of version 5', async () => {
    const indexedDB = new IDBFactory();
    const db = openDatabase({ indexedDB, IDBKeyRange, name: 'injected' });
    await db.open();
    expect(db.verno).toBe(5);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'batchSnapshots',
      'batches',
      'customers',
      'followUps',
      'history',
      'identityDirectory',
      'profiles',
      'ruleSets',
      'settings',
    ]);
    expect(await indexedDB.databases()).toEqual([{ name: 'injected', version: expect.any(Number) }]);
    db.close();
  });

  it('saves site profiles and lists them most recently updated first', async () => {
    const db = freshDatabase();
    await saveProfile(db, profile('a', '2026-03-01T00:00:00.000Z'));
    await saveProfile(db, profile('b', '2026-03-05T00:00:00.000Z'));
    await saveProfile(db, { ...profile('a', '2026-03-09T00:00:00.000Z'), name: '改名' });
    const listed = await listProfiles(db);
    expect(listed.map((p) => p.id)).toEqual(['a', 'b']);
    expect(listed[0]).toEqual({ ...profile('a', '2026-03-09T00:00:00.000Z'), name: '改名' });
  });
});

describe('version 3 (docs/architecture.md#the-data-layer): rule sets, and customers by their next follow-up date', () => {
  it('opens a version 2 store as it was, customers kept and not yet graded', async () => {
    const indexedDB = new IDBFactory();
    const { Dexie } = await import('dexie');
    const v2 = new Dexie('upgrade', { indexedDB, IDBKeyRange });
    v2.version(1).stores({
      customers: 'id, phone, vin, portalId, updatedAt, consultant',
      history: '++id, customerId',
      batches: 'id, at',
      batchSnapshots: 'batchId',
      profiles: 'id, origin, updatedAt',
      settings: 'key',
    });
    v2.version(2).stores({ identityDirectory: 'id' });
    await v2
      .table('customers')
      .put({ id: 'c1', name: '张伟', phone: '13812345678', extra: {}, invalid: {}, userEdited: [] });
    v2.close();

    const db = openDatabase({ indexedDB, IDBKeyRange, name: 'upgrade' });
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    const customer = await db.customers.get('c1');
    expect(customer).toMatchObject({ name: '张伟' });
    expect(customer?.grades).toBeUndefined();
    expect(await db.ruleSets.count()).toBe(0);
    db.close();
  });

  it('finds customers by the next follow-up date of their stored grades', async () => {
    const db = freshDatabase();
    const base = {
      extra: {},
      invalid: {},
      provenance: { pageUrl: 'x', capturedAt: 'x' },
      createdAt: 'x',
      updatedAt: 'x',
      userEdited: [],
      lastBatchId: 'x',
    };
    await db.customers.bulkPut([
      { id: 'due', ...base, grades: { intent: 'H', nextDueAt: '2026-03-03' } },
      { id: 'later', ...base, grades: { intent: 'C', nextDueAt: '2026-04-01' } },
      { id: 'none', ...base },
    ]);
    const dueBy = await db.customers.where('grades.nextDueAt').belowOrEqual('2026-03-03').primaryKeys();
    expect(dueBy).toEqual(['due']);
  });
});

describe('version 5: portal ids without scheme and host', () => {
  it('rewrites customers stored with the whole detail link, rebuilds the directory, and a capture at the new address finds them', async () => {
    const indexedDB = new IDBFactory();
    const { Dexie } = await import('dexie');
    const v4 = new Dexie('upgrade-v5', { indexedDB, IDBKeyRange });
    v4.version(1).stores({
      customers: 'id, phone, vin, portalId, updatedAt, consultant',
      history: '++id, customerId',
      batches: 'id, at',
      batchSnapshots: 'batchId',
      profiles: 'id, origin, updatedAt',
      settings: 'key',
    });
    v4.version(2).stores({ identityDirectory: 'id' });
    v4.version(3).stores({
      customers: 'id, phone, vin, portalId, updatedAt, consultant, grades.nextDueAt',
      ruleSets: 'id',
    });
    v4.version(4).stores({ followUps: 'id, customerId, at, consultant' });
    const base = {
      extra: {},
      invalid: {},
      provenance: { pageUrl: 'http://192.168.1.20:8080/dms/list', capturedAt: 'x' },
      createdAt: 'x',
      updatedAt: 'x',
      userEdited: [],
      lastBatchId: 'x',
    };
    await v4.table('customers').bulkPut([
      { id: 'c1', name: '张伟', portalId: 'http://192.168.1.20:8080/dms/crm/customer_view.do?custid=1', ...base },
      { id: 'c2', name: '李娜', portalId: 'https://192.168.1.20/dms/#/customer/detail?id=2', ...base },
      { id: 'c3', name: '王五', portalId: 'C1003', phone: '13812345678', ...base },
    ]);
    // The directory as version 4 left it, naming the whole links.
    await v4.table('identityDirectory').bulkPut([
      { id: 'meta', count: 3, generation: 1, stamp: 's' },
      {
        id: 'entries',
        stamp: 's',
        phone: { keys: ['13812345678'], ids: ['c3'] },
        vin: { keys: [], ids: [] },
        portalId: { keys: ['http://192.168.1.20:8080/dms/crm/customer_view.do?custid=1'], ids: ['c1'] },
      },
    ]);
    v4.close();

    const db = openDatabase({ indexedDB, IDBKeyRange, name: 'upgrade-v5' });
    await db.open();
    expect(db.verno).toBe(5);
    const stored = await db.customers.orderBy('id').toArray();
    expect(stored.map((c) => c.portalId)).toEqual([
      '/dms/crm/customer_view.do?custid=1',
      '/dms/#/customer/detail?id=2',
      'C1003',
    ]);
    expect(stored[0]).toMatchObject({ name: '张伟', provenance: { pageUrl: 'http://192.168.1.20:8080/dms/list' } });
    const directory = await db.transaction('r', db.customers, db.identityDirectory, () => loadDirectory(db));
    expect(directory.find({ portalId: '/dms/crm/customer_view.do?custid=1' })).toBe('c1');
    expect(directory.find({ portalId: '/dms/#/customer/detail?id=2' })).toBe('c2');
    expect(directory.find({ phone: '13812345678' })).toBe('c3');

    const batch = await commitCapture(db, {
      records: [
        {
          fields: { name: '张伟', consultant: '赵六' },
          extra: {},
          invalid: {},
          detailUrl: 'https://dms.store.cn/dms/crm/customer_view.do?custid=1',
        },
      ],
      source: 'page',
      pageUrl: 'https://dms.store.cn/dms/list',
      now: new Date('2026-03-07T02:00:00Z'),
    });
    expect(batch.counts).toMatchObject({ new: 0, updated: 1 });
    expect(await db.customers.get('c1')).toMatchObject({
      consultant: '赵六',
      portalId: '/dms/crm/customer_view.do?custid=1',
    });
    // The update wrote no portal id change into the history: the upgrade already stored the stable form.
    const history = await db.history.toArray();
    expect(history.flatMap((h) => h.changes.map((c) => c.field))).toEqual(['consultant']);
    db.close();
  });
});
