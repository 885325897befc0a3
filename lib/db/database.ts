// docs/architecture.md#the-data-layer: one typed database, opened through a function that takes the
// IndexedDB implementation, so tests inject fake-indexeddb.
import { Dexie } from 'dexie';
import type { Transaction } from 'dexie';
import { rebuildDirectory } from './directory';
import { HISTORY_CREATED } from './merge';
import { normalizePortalId } from './identity';
import { migrateSettings } from './settings';
import type { DealerLensDB, HistoryRecord, IdentityDirectoryRow, StoredCustomer } from './types';

export type { DealerLensDB } from './types';

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

/**
 * Version 2: the identity directory (directory.ts: one row naming the customer
 * of every identity key, so a capture finds 10,000 rows' customers in one
 * request), and history as one row per customer per batch (HistoryRecord).
 */
const SCHEMA_V2 = {
  identityDirectory: 'id',
};

async function upgradeToV2(tx: Transaction): Promise<void> {
  const directory = await rebuildDirectory(tx.table<StoredCustomer, string>('customers'));
  await tx.table<IdentityDirectoryRow, string>('identityDirectory').bulkPut(directory.toRows(crypto.randomUUID()));
  // Version 1 wrote one row per changed field plus one per created customer;
  // creation is now derived from the customer, and a change is a one-item `changes`.
  type V1Entry = HistoryRecord & { field?: string; from?: unknown; to?: unknown };
  const history = tx.table<V1Entry, number>('history');
  await history.filter((entry) => entry.field === HISTORY_CREATED).delete();
  await history.toCollection().modify((entry) => {
    if (entry.changes) return;
    entry.changes = [{ field: entry.field!, from: entry.from, to: entry.to }];
    delete entry.field;
    delete entry.from;
    delete entry.to;
  });
}

/**
 * Version 3 (docs/architecture.md#the-data-layer): the manager's rule sets, and customers indexed by the
 * next follow-up date of their stored grades (StoredCustomer.grades), so a due
 * list is a range read. No upgrade step: customers without grades are graded
 * by the first full re-grade (lib/db/grades.ts regradeIfStale at start-up).
 */
const SCHEMA_V3 = {
  customers: 'id, phone, vin, portalId, updatedAt, consultant, grades.nextDueAt',
  ruleSets: 'id',
};

/**
 * Version 4 (docs/architecture.md#the-data-layer): the follow-up log. Indexed by customer (a drawer's
 * timeline), by when (the audit reads a period) and by consultant (the audit
 * per consultant). No upgrade step: the table starts empty.
 */
const SCHEMA_V4 = {
  followUps: 'id, customerId, at, consultant',
};

/**
 * Version 5: portal ids read from detail links lose scheme, host and port
 * (identity.ts normalizePortalId): customers stored with the whole link are
 * rewritten to the stable form, and the identity directory is rebuilt from
 * them. Same indexes as version 4.
 */
const SCHEMA_V5 = {};

async function upgradeToV5(tx: Transaction): Promise<void> {
  const customers = tx.table<StoredCustomer, string>('customers');
  await customers
    .filter((c) => typeof c.portalId === 'string' && /^https?:\/\//i.test(c.portalId))
    .modify((c) => {
      const stable = normalizePortalId(c.portalId);
      if (stable) c.portalId = stable;
    });
  const directory = await rebuildDirectory(customers);
  const rows = tx.table<IdentityDirectoryRow, string>('identityDirectory');
  await rows.clear();
  await rows.bulkPut(directory.toRows(crypto.randomUUID()));
}

export function openDatabase(
  deps: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; name?: string } = {},
): DealerLensDB {
  // Only pass what was given: Dexie would take an explicit `undefined` over its own default.
  const options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {};
  if (deps.indexedDB) options.indexedDB = deps.indexedDB;
  if (deps.IDBKeyRange) options.IDBKeyRange = deps.IDBKeyRange;
  const db = new Dexie(deps.name ?? DEFAULT_DATABASE_NAME, options) as DealerLensDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5).upgrade(upgradeToV5);
  // Renamed settings keys move on every open, before any page reads a setting
  // (docs/architecture.md#settings). Dexie waits for this before other requests.
  db.on('ready', (ready) => migrateSettings(ready as DealerLensDB));
  return db;
}
