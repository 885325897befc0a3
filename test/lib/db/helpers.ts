// Shared by the lib/db tests: a fresh database per test and records as a page gives them.
import type { CapturedRecord, CustomerFields } from '../../../lib/customer';
import { openDatabase } from '../../../lib/db';
import type { DealerLensDB } from '../../../lib/db';

export const PAGE = 'https://dms.example.com/crm/customers?page=1';

/** A uniquely named database, so tests never see each other's data. */
export function freshDatabase(): DealerLensDB {
  return openDatabase({ name: `dealerlens-test-${crypto.randomUUID()}` });
}

export function row(
  fields: CustomerFields,
  more: { extra?: Record<string, string>; invalid?: CapturedRecord['invalid']; detailUrl?: string } = {},
): CapturedRecord {
  return {
    fields,
    extra: more.extra ?? {},
    invalid: more.invalid ?? {},
    ...(more.detailUrl !== undefined && { detailUrl: more.detailUrl }),
  };
}

export function at(iso: string): Date {
  return new Date(iso);
}

/** Everything the database holds, in a stable order, for deep comparisons. */
export async function dump(db: DealerLensDB) {
  return {
    customers: await db.customers.orderBy('id').toArray(),
    history: await db.history.orderBy('id').toArray(),
    batches: await db.batches.orderBy('id').toArray(),
    batchSnapshots: await db.batchSnapshots.orderBy('batchId').toArray(),
  };
}
