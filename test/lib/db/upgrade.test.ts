// Every schema version opens every older one with its data intact
// (docs/architecture.md#the-data-layer). The old schemas below are frozen
// copies of what each version shipped: a new version adds its own entry here,
// or the last test fails.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { HISTORY_CREATED, loadDirectory, openDatabase } from '../../../lib/db';

const SHIPPED: Record<number, Record<string, string>> = {
  1: {
    customers: 'id, phone, vin, portalId, updatedAt, consultant',
    history: '++id, customerId',
    batches: 'id, at',
    batchSnapshots: 'batchId',
    profiles: 'id, origin, updatedAt',
    settings: 'key',
  },
  2: { identityDirectory: 'id' },
  3: { customers: 'id, phone, vin, portalId, updatedAt, consultant, grades.nextDueAt', ruleSets: 'id' },
  4: { followUps: 'id, customerId, at, consultant' },
  // Same stores; its upgrade rewrites portal ids stored as whole links (database.test.ts 'version 5').
  5: {},
};
const LATEST_COVERED = Math.max(...Object.keys(SHIPPED).map(Number));

const AT = '2026-03-01T02:00:00.000Z';
const customer = (id: string, phone: string, more: Record<string, unknown> = {}) => ({
  id,
  name: `客户${id}`,
  phone,
  vin: `LSVAU2180N21${id.padStart(5, '0')}`,
  portalId: `KH${id}`,
  consultant: '王芳',
  stage: 'lead',
  notes: '客户原话：想要白色',
  extra: { 固定电话: '0752-1234567' },
  invalid: {},
  provenance: { pageUrl: 'http://dms.example/crm/list.do', capturedAt: AT },
  createdAt: AT,
  updatedAt: AT,
  userEdited: ['notes'],
  lastBatchId: 'b1',
  ...more,
});

/** The data a user of version `v` had: every table that version had, written in its own shape. */
function dataOf(v: number): Record<string, unknown[]> {
  const data: Record<string, unknown[]> = {
    customers: [customer('1', '13812345678'), customer('2', '13987654321')],
    batches: [
      {
        id: 'b1',
        at: AT,
        source: 'page',
        pageUrl: 'http://dms.example/crm/list.do',
        counts: { new: 2, updated: 0, unchanged: 0, rejected: 0 },
        rejected: [],
        customerIds: ['1', '2'],
        undone: false,
      },
    ],
    batchSnapshots: [{ batchId: 'b1', created: ['1', '2'], before: [] }],
    profiles: [
      {
        id: 'p1',
        origin: 'http://dms.example',
        path: '/crm/list.do',
        signature: 'sig',
        name: '客户列表',
        mapping: [],
        createdAt: AT,
        updatedAt: AT,
      },
    ],
    settings: [{ key: 'me', value: '王芳' }],
    // Version 1 wrote one row per changed field; version 2 on, one row per batch with its changes.
    history:
      v === 1
        ? [
            { customerId: '1', field: HISTORY_CREATED, from: null, to: null, batchId: 'b1', by: 'capture', at: AT },
            { customerId: '1', field: 'consultant', from: '李强', to: '王芳', batchId: 'b1', by: 'capture', at: AT },
          ]
        : [
            {
              customerId: '1',
              at: AT,
              batchId: 'b1',
              by: 'capture',
              changes: [{ field: 'consultant', from: '李强', to: '王芳' }],
            },
          ],
  };
  if (v >= 3) {
    data.customers = data.customers!.map((c, i) => ({
      ...(c as object),
      grades: { at: AT, nextDueAt: `2026-03-0${3 + i}`, intent: 'A' },
    }));
    data.ruleSets = [{ id: 'mine', ruleSet: { id: 'mine', name: '我的规则' }, savedAt: AT }];
  }
  if (v >= 4)
    data.followUps = [
      { id: 'f1', customerId: '1', at: AT, consultant: '王芳', channel: 'phone', outcome: 'reached', note: '回访' },
    ];
  return data;
}

async function storeOfVersion(v: number, indexedDB: IDBFactory): Promise<void> {
  const old = new Dexie('dealerlens', { indexedDB, IDBKeyRange });
  for (let k = 1; k <= v; k++) old.version(k).stores(SHIPPED[k]!);
  await old.open();
  for (const [table, rows] of Object.entries(dataOf(v))) await old.table(table).bulkAdd(rows);
  old.close();
}

describe('every older database opens in the current version with its data intact', () => {
  it.each(Object.keys(SHIPPED).map(Number))('from version %i', async (v) => {
    const indexedDB = new IDBFactory();
    await storeOfVersion(v, indexedDB);
    const db = openDatabase({ indexedDB, IDBKeyRange });
    await db.open();
    const before = dataOf(v);

    expect(await db.customers.orderBy('id').toArray()).toEqual(before.customers);
    for (const table of ['batches', 'batchSnapshots', 'profiles', 'settings'] as const)
      expect(await db.table(table).toArray()).toEqual(before[table]);
    expect(await db.ruleSets.toArray()).toEqual(before.ruleSets ?? []);
    expect(await db.followUps.toArray()).toEqual(before.followUps ?? []);
    // History in today's shape: a version 1 change row becomes a one-change record; its creation row is derived now.
    const history = (await db.history.toArray()).map(({ id: _id, ...rest }) => rest);
    expect(history).toEqual([
      {
        customerId: '1',
        at: AT,
        batchId: 'b1',
        by: 'capture',
        changes: [{ field: 'consultant', from: '李强', to: '王芳' }],
      },
    ]);
    // Every identity key still finds its customer (rebuilt from the customers where the version had no directory).
    if (v === 1) {
      const directory = await loadDirectory(db);
      expect([
        directory.holder('phone', '13812345678'),
        directory.holder('vin', 'LSVAU2180N2100002'),
        directory.holder('portalId', 'KH1'),
      ]).toEqual(['1', '2', '1']);
    }
    db.close();
  });

  it('covers the current version: a new schema version adds its shipped schema and data above', async () => {
    const db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(LATEST_COVERED);
    db.close();
  });
});
