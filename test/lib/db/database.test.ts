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
  it('opens on the IndexedDB it is given, with every table of version 2', async () => {
    const indexedDB = new IDBFactory();
    const db = openDatabase({ indexedDB, IDBKeyRange, name: 'injected' });
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'batchSnapshots',
      'batches',
      'customers',
      'history',
      'identityDirectory',
      'profiles',
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
