// style.md #5: one typed database, opened through a function that takes the
// IndexedDB implementation, so tests inject fake-indexeddb.
import { Dexie } from 'dexie';
import type { EntityTable, Table } from 'dexie';
import type { Batch, BatchSnapshot, HistoryEntry, Setting, SiteProfile, StoredCustomer } from './types';

export type DealerLensDB = Dexie & {
  customers: EntityTable<StoredCustomer, 'id'>;
  history: EntityTable<HistoryEntry, 'id'>;
  batches: EntityTable<Batch, 'id'>;
  batchSnapshots: EntityTable<BatchSnapshot, 'batchId'>;
  profiles: EntityTable<SiteProfile, 'id'>;
  settings: Table<Setting, string>;
};

export const DEFAULT_DATABASE_NAME = 'dealerlens';

/**
 * Version 1. Keep it as written when later issues add tables: they declare
 * version(2) with its own stores and upgrade(), and Dexie runs the steps in order.
 * Customer indexes: the three identity keys (phone, vin, portalId) for bulk
 * look-ups during a capture, plus updatedAt and consultant for the views.
 */
const SCHEMA_V1 = {
  customers: 'id, phone, vin, portalId, updatedAt, consultant',
  history: '++id, customerId',
  batches: 'id, at',
  batchSnapshots: 'batchId',
  profiles: 'id, origin, updatedAt',
  settings: 'key',
};

export function openDatabase(
  deps: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; name?: string } = {},
): DealerLensDB {
  // Only pass what was given: Dexie would take an explicit `undefined` over its own default.
  const options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {};
  if (deps.indexedDB) options.indexedDB = deps.indexedDB;
  if (deps.IDBKeyRange) options.IDBKeyRange = deps.IDBKeyRange;
  const db = new Dexie(deps.name ?? DEFAULT_DATABASE_NAME, options) as DealerLensDB;
  db.version(1).stores(SCHEMA_V1);
  return db;
}
