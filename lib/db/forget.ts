// Forgetting a customer at their request (PIPL, the right to deletion;
// docs/architecture.md#forgetting-a-customer): the record, its history, its
// follow-ups and every copy DealerLens kept for undo (batch snapshots, the
// last bulk action) go, in one transaction, so no view, export or backup
// made afterwards holds the customer. The act is logged by time and count
// only: the log holds nothing of the person.
import type { DealerLensDB } from './database';
import type { BatchSnapshot, DirectoryChanges, Setting, StoredCustomer } from './types';
import { deleteCustomersIn } from './customers';

/** Settings row listing when customers were forgotten, and how many: no names, no ids. */
export const FORGET_LOG_KEY = 'privacy.forgotten';

export interface ForgetLogEntry {
  at: string;
  count: number;
}

const hasId = (ids: ReadonlySet<string>) => (value: unknown) =>
  typeof value === 'object' && value !== null && ids.has(String((value as { id?: unknown }).id));
const holdsCustomer = (ids: ReadonlySet<string>) => (value: unknown) =>
  typeof value === 'object' && value !== null && ids.has(String((value as { customerId?: unknown }).customerId));

/** A directory change list without the keys a forgotten customer held before or after. */
function scrubDirectory(changes: DirectoryChanges, ids: ReadonlySet<string>): DirectoryChanges {
  const keep = changes.keys.map((_, i) => !ids.has(changes.before[i] ?? '') && !ids.has(changes.after[i] ?? ''));
  return {
    keys: changes.keys.filter((_, i) => keep[i]),
    before: changes.before.filter((_, i) => keep[i]),
    after: changes.after.filter((_, i) => keep[i]),
  };
}

/**
 * A stored undo record (the last bulk action, and any record of that shape)
 * without the forgotten customers: their prior copies, ids and follow-ups.
 * Null when nothing in it named them.
 */
function scrubUndoRecord(value: unknown, ids: ReadonlySet<string>): unknown | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  let changed = false;
  const out: Record<string, unknown> = { ...record };
  for (const [field, test] of [
    ['before', hasId(ids)],
    ['after', hasId(ids)],
    ['followUps', holdsCustomer(ids)],
  ] as const) {
    const list = record[field];
    if (!Array.isArray(list)) continue;
    const kept = list.filter((item) => !test(item));
    if (kept.length !== list.length) [out[field], changed] = [kept, true];
  }
  if (Array.isArray(record.customerIds)) {
    const kept = (record.customerIds as unknown[]).filter((id) => !ids.has(String(id)));
    if (kept.length !== record.customerIds.length) [out.customerIds, changed] = [kept, true];
  }
  return changed ? out : null;
}

/** Forgets the customers with these ids; the number forgotten (ids not stored are skipped). */
export async function forgetCustomers(db: DealerLensDB, customerIds: string[], now: Date): Promise<number> {
  const ids = new Set(customerIds);
  return db.transaction(
    'rw',
    [db.customers, db.identityDirectory, db.history, db.followUps, db.batches, db.batchSnapshots, db.settings],
    async () => {
      const removed = await deleteCustomersIn(db, [...ids]);
      if (removed.length === 0) return 0;
      await db.history
        .where('customerId')
        .anyOf([...ids])
        .delete();
      await db.followUps
        .where('customerId')
        .anyOf([...ids])
        .delete();
      await db.batches.toCollection().modify((batch) => {
        if (batch.customerIds.some((id) => ids.has(id)))
          batch.customerIds = batch.customerIds.filter((id) => !ids.has(id));
      });
      await db.batchSnapshots.toCollection().modify((snapshot: BatchSnapshot) => {
        if (snapshot.created.some((id) => ids.has(id)))
          snapshot.created = snapshot.created.filter((id) => !ids.has(id));
        if (snapshot.before.some((c: StoredCustomer) => ids.has(c.id)))
          snapshot.before = snapshot.before.filter((c) => !ids.has(c.id));
        if (snapshot.directory) snapshot.directory = scrubDirectory(snapshot.directory, ids);
      });
      const settings = await db.settings.toArray();
      const scrubbed = settings.flatMap((row: Setting) => {
        const value = scrubUndoRecord(row.value, ids);
        return value === null ? [] : [{ key: row.key, value }];
      });
      if (scrubbed.length) await db.settings.bulkPut(scrubbed);
      const log = ((await db.settings.get(FORGET_LOG_KEY))?.value as ForgetLogEntry[] | undefined) ?? [];
      await db.settings.put({ key: FORGET_LOG_KEY, value: [...log, { at: now.toISOString(), count: removed.length }] });
      return removed.length;
    },
  );
}
