// A customer's history as views read it: flat field changes, newest first,
// whatever shape db.history stores them in (HistoryRecord: one row per
// customer per batch) and with the creation derived from the customer.
import type { DealerLensDB } from './database';
import { HISTORY_CREATED } from './merge';
import type { HistoryEntry, HistoryRecord } from './types';

/** Flat entries of stored history rows, in the order given, each row's changes in field order. */
export function flattenHistory(records: HistoryRecord[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const { changes, ...row } of records) {
    for (const change of changes) entries.push({ ...row, ...change });
  }
  return entries;
}

/**
 * Every change to one customer, newest first, ending with its creation
 * (HISTORY_CREATED, at createdAt; no row stores it). Empty for a customer not
 * in the database. Changes of one batch share `at` and keep field order.
 */
export async function historyOf(db: DealerLensDB, customerId: string): Promise<HistoryEntry[]> {
  return db.transaction('r', [db.customers, db.history], async () => {
    const [customer, records] = await Promise.all([
      db.customers.get(customerId),
      db.history.where('customerId').equals(customerId).toArray(),
    ]);
    if (!customer) return [];
    // Auto-increment ids grow with time, so id order is write order.
    records.sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
    const created: HistoryEntry = {
      customerId,
      at: customer.createdAt,
      batchId: null,
      field: HISTORY_CREATED,
      from: null,
      to: null,
      by: 'capture',
    };
    return [...flattenHistory(records), created];
  });
}
