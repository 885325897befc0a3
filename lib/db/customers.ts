// Writing customers outside a capture (editors, imports, clean-up), keeping the
// identity directory in step in the same transaction (directory.ts explains
// why it exists and what goes wrong when db.customers is written around it).
import type { DealerLensDB } from './database';
import { identityKeysOfCustomer, loadDirectory, saveDirectory } from './directory';
import type { StoredCustomer } from './types';

/**
 * Stores `customer` as given (new or replacing the one with its id). When its
 * mobile, VIN or portal id changed, the directory follows: the old keys are
 * released and the new ones taken, unless another customer already holds them.
 */
export async function saveCustomer(db: DealerLensDB, customer: StoredCustomer): Promise<void> {
  await db.transaction('rw', [db.customers, db.identityDirectory], async () => {
    const [directory, before] = await Promise.all([loadDirectory(db), db.customers.get(customer.id)]);
    await db.customers.put(customer);
    if (before) directory.forget(before.id, identityKeysOfCustomer(before));
    else directory.count += 1;
    directory.remember(customer.id, identityKeysOfCustomer(customer));
    await saveDirectory(db, directory);
  });
}

/** Deletes customers by id (ids not stored are ignored) and releases their identity keys. */
export async function deleteCustomers(db: DealerLensDB, ids: string[]): Promise<number> {
  return db.transaction('rw', [db.customers, db.identityDirectory], async () => {
    const [directory, found] = await Promise.all([loadDirectory(db), db.customers.bulkGet(ids)]);
    const existing = found.filter((c) => c !== undefined);
    await db.customers.bulkDelete(existing.map((c) => c.id));
    for (const customer of existing) directory.forget(customer.id, identityKeysOfCustomer(customer));
    directory.count -= existing.length;
    await saveDirectory(db, directory);
    return existing.length;
  });
}
