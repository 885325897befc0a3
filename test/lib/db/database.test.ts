import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { listProfiles, openDatabase, saveProfile } from '../../../lib/db';
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
  it('opens on the IndexedDB it is given, with every table of version 4', async () => {
    const indexedDB = new IDBFactory();
    const db = openDatabase({ indexedDB, IDBKeyRange, name: 'injected' });
    await db.open();
    expect(db.verno).toBe(4);
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

describe('version 3 (issue #3): rule sets, and customers by their next follow-up date', () => {
  it('opens a version 2 store as it was, customers kept and not yet graded', async () => {
    const indexedDB = new IDBFactory();
    const { Dexie } = await import('dexie');
    const v2 = new Dexie('upgrade', { indexedDB, IDBKeyRange });
    v2.version(1).stores({ customers: 'id, phone, vin, portalId, updatedAt, consultant', history: '++id, customerId', batches: 'id, at', batchSnapshots: 'batchId', profiles: 'id, origin, updatedAt', settings: 'key' });
    v2.version(2).stores({ identityDirectory: 'id' });
    await v2.table('customers').put({ id: 'c1', name: '张伟', phone: '13812345678', extra: {}, invalid: {}, userEdited: [] });
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
    const base = { extra: {}, invalid: {}, provenance: { pageUrl: 'x', capturedAt: 'x' }, createdAt: 'x', updatedAt: 'x', userEdited: [], lastBatchId: 'x' };
    await db.customers.bulkPut([
      { id: 'due', ...base, grades: { intent: 'H', nextDueAt: '2026-03-03' } },
      { id: 'later', ...base, grades: { intent: 'C', nextDueAt: '2026-04-01' } },
      { id: 'none', ...base },
    ]);
    const dueBy = await db.customers.where('grades.nextDueAt').belowOrEqual('2026-03-03').primaryKeys();
    expect(dueBy).toEqual(['due']);
  });
});
