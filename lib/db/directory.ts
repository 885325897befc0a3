// The identity directory: which customer holds each identity key ('phone:…',
// 'vin:…', 'pid:…', the forms of identityOf), kept as ONE stored row.
//
// Why one row and not the customers' phone/vin/portalId indexes: issue #2 wants
// a capture of 10,000 rows into 50,000 customers within 1.5x of a raw put of
// the same rows. In Chromium every IndexedDB request costs about 0.1 ms, and a
// raw put of 10,000 rows is 10,000 requests; looking each key up in an index
// (up to three per row) was up to ~23,000 requests more, 2-3x the raw put on its
// own. The whole directory (about 60,000 entries) reads in one request and
// writes back in one, ~40-50 ms each way as parallel string arrays, measured
// against a Map (~50/60 ms) and a plain object (~55/125 ms, slow to read back).
//
// It is kept in step by every function here that adds, deletes or changes a
// customer's phone, VIN or portal id, in the same transaction as that change
// (commitCapture, undoBatch, saveCustomer, deleteCustomers). Code that writes
// db.customers directly bypasses it; two guards catch that: the row stores the
// customer count it was written for, and a count that differs from the store's
// (one cheap request) rebuilds the directory from the customers; and a capture
// checks that each customer the directory names still holds the key it was
// found by, rebuilding when not. What neither guard can see is a key added to
// an existing customer behind the directory's back: write through saveCustomer.
import type { Table } from 'dexie';
import type { DealerLensDB } from './database';
import type { IdentityKeys } from './identity';
import type { DirectoryChanges, IdentityDirectoryRow, StoredCustomer } from './types';

export const IDENTITY_DIRECTORY_ID = 'customers';

const KINDS = ['phone', 'vin', 'portalId'] as const;
const PREFIX = { phone: 'phone:', vin: 'vin:', portalId: 'pid:' } as const;

/** Customers read per request while rebuilding: bounded memory for stores of any size. */
const REBUILD_PAGE = 5000;

export function identityKeysOfCustomer(customer: Pick<StoredCustomer, 'phone' | 'vin' | 'portalId'>): IdentityKeys {
  return {
    ...(customer.phone && { phone: customer.phone }),
    ...(customer.vin && { vin: customer.vin }),
    ...(customer.portalId && { portalId: customer.portalId }),
  };
}

export class IdentityDirectory {
  /** Changed keys and the customer each held before its first change, since load. */
  private readonly journal = new Map<string, string | undefined>();

  constructor(
    private readonly owners: Map<string, string>,
    /** Customers in the store, as far as this directory knows. */
    public count: number,
    /** Bumped at every write, so a reader holding a copy can tell it is stale. */
    public readonly generation: number,
    /** Built from the customers because the stored one was missing or out of step: save it even if nothing changes. */
    public readonly rebuilt = false,
  ) {}

  /** True when the stored row must be written: rebuilt, or a key changed hands. */
  get dirty(): boolean {
    return this.rebuilt || this.changes().keys.length > 0;
  }

  static fromRow(row: IdentityDirectoryRow): IdentityDirectory {
    const owners = new Map<string, string>();
    for (let i = 0; i < row.keys.length; i++) owners.set(row.keys[i]!, row.ids[i]!);
    return new IdentityDirectory(owners, row.count, row.generation);
  }

  toRow(): IdentityDirectoryRow {
    return {
      id: IDENTITY_DIRECTORY_ID,
      keys: [...this.owners.keys()],
      ids: [...this.owners.values()],
      count: this.count,
      generation: this.generation + 1,
    };
  }

  get size(): number {
    return this.owners.size;
  }

  /** Mobile first, then VIN, then portal id: the order of domain.md's identity rule. */
  find(keys: IdentityKeys): string | undefined {
    for (const kind of KINDS) {
      const key = keys[kind];
      const owner = key ? this.owners.get(PREFIX[kind] + key) : undefined;
      if (owner !== undefined) return owner;
    }
    return undefined;
  }

  /** The holder of one key ('phone:…', 'vin:…', 'pid:…'). */
  ownerOf(key: string): string | undefined {
    return this.owners.get(key);
  }

  /** Every customer any of `keys` names, with the key that names it. */
  *holders(keys: IdentityKeys): Generator<[kind: keyof IdentityKeys, customerId: string]> {
    for (const kind of KINDS) {
      const key = keys[kind];
      const owner = key ? this.owners.get(PREFIX[kind] + key) : undefined;
      if (owner !== undefined) yield [kind, owner];
    }
  }

  /** A key already held by another customer stays with it: a capture never moves identity silently. */
  remember(id: string, keys: IdentityKeys): void {
    for (const kind of KINDS) {
      const value = keys[kind];
      if (!value) continue;
      const key = PREFIX[kind] + value;
      if (!this.owners.has(key)) this.set(key, id);
    }
  }

  forget(id: string, keys: IdentityKeys): void {
    for (const kind of KINDS) {
      const value = keys[kind];
      if (!value) continue;
      const key = PREFIX[kind] + value;
      if (this.owners.get(key) === id) this.set(key, undefined);
    }
  }

  private set(key: string, id: string | undefined): void {
    if (!this.journal.has(key)) this.journal.set(key, this.owners.get(key));
    if (id === undefined) this.owners.delete(key);
    else this.owners.set(key, id);
  }

  /** The keys whose holder differs from when it was loaded (a key changed and changed back is not listed). */
  changes(): DirectoryChanges {
    const changes: DirectoryChanges = { keys: [], before: [], after: [] };
    for (const [key, was] of this.journal) {
      const is = this.owners.get(key);
      if (is === was) continue;
      changes.keys.push(key);
      changes.before.push(was ?? null);
      changes.after.push(is ?? null);
    }
    return changes;
  }

  /**
   * Puts back what a batch changed, key by key, where the key is still as the
   * batch left it; a key a later capture took over stays with its new holder.
   */
  revert(changes: DirectoryChanges): void {
    changes.keys.forEach((key, i) => {
      const after = changes.after[i] ?? undefined;
      if (this.owners.get(key) === after) this.set(key, changes.before[i] ?? undefined);
    });
  }
}

/**
 * The directory as stored, checked against the customer count and rebuilt when
 * the two disagree. Call inside a transaction that includes db.customers and
 * db.identityDirectory, so the check and any later write see the same store.
 */
export async function loadDirectory(db: DealerLensDB): Promise<IdentityDirectory> {
  const [row, count] = await Promise.all([db.identityDirectory.get(IDENTITY_DIRECTORY_ID), db.customers.count()]);
  if (row && row.count === count) return IdentityDirectory.fromRow(row);
  return rebuildDirectory(db.customers, row?.generation ?? 0);
}

/**
 * The directory built from the customers themselves, in id order so a key two
 * customers share goes to the same one an index look-up would return. Reads
 * whole records a page at a time: measured in Chromium, one getAll of 60,000
 * customers (~1.4 s) beats a key cursor over each of the three indexes (~1.5 s each).
 */
export async function rebuildDirectory<Insert>(customers: Table<StoredCustomer, string, Insert>, generation = 0): Promise<IdentityDirectory> {
  const owners = new Map<string, string>();
  let count = 0;
  let last: string | undefined;
  for (;;) {
    const page = await (last === undefined ? customers.orderBy('id') : customers.where('id').above(last))
      .limit(REBUILD_PAGE)
      .toArray();
    for (const customer of page) {
      const keys = identityKeysOfCustomer(customer);
      for (const kind of KINDS) {
        const value = keys[kind];
        // The first holder keeps a shared key, as in IdentityDirectory.remember.
        if (value && !owners.has(PREFIX[kind] + value)) owners.set(PREFIX[kind] + value, customer.id);
      }
    }
    count += page.length;
    if (page.length < REBUILD_PAGE) break;
    last = page[page.length - 1]!.id;
  }
  return new IdentityDirectory(owners, count, generation, true);
}

export async function saveDirectory(db: DealerLensDB, directory: IdentityDirectory): Promise<void> {
  await db.identityDirectory.put(directory.toRow());
}
