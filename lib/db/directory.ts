// The identity directory: which customer holds each identity key (mobile, VIN,
// portal id), kept as one stored structure instead of being looked up in the
// customers' indexes.
//
// Why: docs/architecture.md#performance-budgets wants a capture of 10,000 rows into 50,000 customers within
// 1.5x of a raw put of the same rows in one transaction. In Chromium every
// IndexedDB request costs about 0.1 ms, and the raw put of 10,000 rows is
// 10,000 requests; looking each key up in an index (up to three per row) was up
// to ~23,000 requests more, 2-3x the raw put on its own. The directory (about
// 60,000 entries) reads in one request and writes back in one, ~40-50 ms each
// way as parallel string arrays, measured against a Map (~50/60 ms) and a plain
// object (~55/125 ms, slow to read back). It is split into a small `meta` row
// and the `entries` row, so that the copy kept in memory after a write (same
// `stamp`) is reused without reading the entries again.
//
// It is kept in step by every function of lib/db that adds, deletes or changes
// a customer's mobile, VIN or portal id, in the same transaction as that change
// (commitCapture, undoBatch, saveCustomer, deleteCustomers). Code that writes
// db.customers directly bypasses it; two guards catch that: `meta` stores the
// customer count it was written for, and a count that differs from the store's
// (one cheap request) rebuilds the directory from the customers; and a capture
// checks that each customer the directory names still holds the key it was
// found by, rebuilding when not. What neither guard can see is a key added to
// an existing customer behind the directory's back: write through saveCustomer.
import type { Table } from 'dexie';
import { IDENTITY_FIELDS } from '../customer';
import type { DealerLensDB } from './types';
import { identityPhone, normalizePortalId, type IdentityKeys } from './identity';
import type {
  DirectoryChanges,
  IdentityDirectoryEntries,
  IdentityDirectoryMeta,
  KeyOwners,
  StoredCustomer,
} from './types';

export const IDENTITY_DIRECTORY_ID = { meta: 'meta', entries: 'entries' } as const;

type Kind = keyof IdentityKeys;
const KINDS: readonly Kind[] = IDENTITY_FIELDS;
/** The prefixes of identityOf, used where keys of all kinds are listed together (DirectoryChanges). */
const PREFIX: Record<Kind, string> = { phone: 'phone:', vin: 'vin:', portalId: 'pid:' };

/** Customers read per request while rebuilding: bounded memory for stores of any size. */
const REBUILD_PAGE = 5000;

type Owners = Record<Kind, Map<string, string>>;

/**
 * The keys a stored customer is found by: a masked mobile is none, and a
 * portal id stored before ids lost their host (normalizePortalId) is found by
 * the id a capture reads now.
 */
export function identityKeysOfCustomer(customer: Pick<StoredCustomer, Kind>): IdentityKeys {
  const keys: IdentityKeys = {};
  const phone = identityPhone(customer.phone);
  if (phone) keys.phone = phone;
  if (customer.vin) keys.vin = customer.vin;
  const portalId =
    customer.portalId && (customer.portalId.includes('://') ? normalizePortalId(customer.portalId) : customer.portalId);
  if (portalId) keys.portalId = portalId;
  return keys;
}

export class IdentityDirectory {
  /** Per kind, the keys changed since the last save and the customer each held before. */
  private journal: Record<Kind, Map<string, string | undefined>> = emptyJournal();
  private savedCount: number;

  constructor(
    private readonly owners: Owners,
    /** Customers in the store, as far as this directory knows. */
    public count: number,
    public generation: number,
    public stamp: string,
    /** Built from the customers because the stored one was missing or out of step: save it even if nothing changes. */
    public rebuilt = false,
  ) {
    this.savedCount = rebuilt ? -1 : count;
  }

  static fromEntries(meta: IdentityDirectoryMeta, entries: IdentityDirectoryEntries): IdentityDirectory {
    const owners = emptyOwners();
    for (const kind of KINDS) {
      const { keys, ids } = entries[kind];
      const map = owners[kind];
      for (let i = 0; i < keys.length; i++) map.set(keys[i]!, ids[i]!);
    }
    return new IdentityDirectory(owners, meta.count, meta.generation, meta.stamp);
  }

  /** The rows to store, under a new generation and stamp. */
  toRows(stamp: string): [IdentityDirectoryMeta, IdentityDirectoryEntries] {
    const owned = (kind: Kind): KeyOwners => ({
      keys: [...this.owners[kind].keys()],
      ids: [...this.owners[kind].values()],
    });
    return [
      { id: IDENTITY_DIRECTORY_ID.meta, count: this.count, generation: this.generation + 1, stamp },
      {
        id: IDENTITY_DIRECTORY_ID.entries,
        stamp,
        phone: owned('phone'),
        vin: owned('vin'),
        portalId: owned('portalId'),
      },
    ];
  }

  /** True when the stored rows differ from this: rebuilt, the count moved, or a key changed hands. */
  get dirty(): boolean {
    return this.rebuilt || this.count !== this.savedCount || this.changes().keys.length > 0;
  }

  /** After the rows were written: what is in memory is what is stored. */
  markSaved(generation: number, stamp: string): void {
    this.generation = generation;
    this.stamp = stamp;
    this.rebuilt = false;
    this.savedCount = this.count;
    this.journal = emptyJournal();
  }

  /** Mobile first, then VIN, then portal id: the order of docs/capture.md#identity-and-de-duplication rule. */
  find(keys: IdentityKeys): string | undefined {
    let owner: string | undefined;
    if (keys.phone !== undefined) owner = this.owners.phone.get(keys.phone);
    if (owner === undefined && keys.vin !== undefined) owner = this.owners.vin.get(keys.vin);
    if (owner === undefined && keys.portalId !== undefined) owner = this.owners.portalId.get(keys.portalId);
    return owner;
  }

  /** The customer holding one key of one kind. */
  holder(kind: Kind, key: string): string | undefined {
    return this.owners[kind].get(key);
  }

  /** A key already held by another customer stays with it: a capture never moves identity silently. */
  remember(id: string, keys: IdentityKeys): void {
    for (const kind of KINDS) {
      const key = keys[kind];
      if (key && !this.owners[kind].has(key)) this.set(kind, key, id);
    }
  }

  forget(id: string, keys: IdentityKeys): void {
    for (const kind of KINDS) {
      const key = keys[kind];
      if (key && this.owners[kind].get(key) === id) this.set(kind, key, undefined);
    }
  }

  private set(kind: Kind, key: string, id: string | undefined): void {
    const journal = this.journal[kind];
    const map = this.owners[kind];
    if (!journal.has(key)) journal.set(key, map.get(key));
    if (id === undefined) map.delete(key);
    else map.set(key, id);
  }

  /** The keys ('phone:…', 'vin:…', 'pid:…') whose holder differs from the last save; one changed and changed back is not listed. */
  changes(): DirectoryChanges {
    const changes: DirectoryChanges = { keys: [], before: [], after: [] };
    for (const kind of KINDS) {
      for (const [key, was] of this.journal[kind]) {
        const is = this.owners[kind].get(key);
        if (is === was) continue;
        changes.keys.push(PREFIX[kind] + key);
        changes.before.push(was ?? null);
        changes.after.push(is ?? null);
      }
    }
    return changes;
  }

  /**
   * Puts back what a batch changed, key by key, where the key is still as the
   * batch left it; a key a later capture took over stays with its new holder.
   */
  revert(changes: DirectoryChanges): void {
    changes.keys.forEach((prefixed, i) => {
      const kind = KINDS.find((k) => prefixed.startsWith(PREFIX[k]));
      if (!kind) return;
      const key = prefixed.slice(PREFIX[kind].length);
      if (this.owners[kind].get(key) === (changes.after[i] ?? undefined))
        this.set(kind, key, changes.before[i] ?? undefined);
    });
  }
}

function emptyOwners(): Owners {
  return { phone: new Map(), vin: new Map(), portalId: new Map() };
}

function emptyJournal(): Record<Kind, Map<string, string | undefined>> {
  return { phone: new Map(), vin: new Map(), portalId: new Map() };
}

/**
 * The directory each database object wrote last, reused while the stored
 * `meta` still carries its stamp. loadDirectory takes it out and saveDirectory
 * puts it back, so a transaction that fails after changing it leaves nothing
 * behind here, and the next load reads the stored rows.
 */
const written = new WeakMap<DealerLensDB, IdentityDirectory>();

/**
 * The directory as stored, checked against the customer count and rebuilt when
 * the two disagree. Call inside a transaction that includes db.customers and
 * db.identityDirectory, so the check and any later write see the same store,
 * and end it with saveDirectory. `rebuild` builds it from the customers whatever
 * is stored (a capture that found it out of step does).
 */
export async function loadDirectory(db: DealerLensDB, options: { rebuild?: boolean } = {}): Promise<IdentityDirectory> {
  const [meta, count] = await Promise.all([db.identityDirectory.get(IDENTITY_DIRECTORY_ID.meta), db.customers.count()]);
  const cached = written.get(db);
  written.delete(db);
  if (meta?.id !== 'meta' || meta.count !== count || options.rebuild) {
    return rebuildDirectory(db.customers, meta?.id === 'meta' ? meta.generation : 0);
  }
  if (cached?.stamp === meta.stamp) return cached;
  const entries = await db.identityDirectory.get(IDENTITY_DIRECTORY_ID.entries);
  if (entries?.id !== 'entries' || entries.stamp !== meta.stamp) return rebuildDirectory(db.customers, meta.generation);
  return IdentityDirectory.fromEntries(meta, entries);
}

/** Writes the directory when it changed, and keeps it in memory for the next load. */
export async function saveDirectory(db: DealerLensDB, directory: IdentityDirectory): Promise<void> {
  if (directory.dirty) {
    const rows = directory.toRows(crypto.randomUUID());
    await db.identityDirectory.bulkPut(rows);
    directory.markSaved(rows[0].generation, rows[0].stamp);
  }
  written.set(db, directory);
}

/** How long after its capture the directory's key lists are written (saveDirectoryLater). */
const ENTRIES_WRITE_DELAY_MS = 300;

/** Entries rows written after the transaction that stamped them, per database; see saveDirectoryLater. */
const pendingEntries = new WeakMap<DealerLensDB, Promise<void>>();

/**
 * saveDirectory for a capture: in the caller's transaction only the small
 * `meta` row is written (its new stamp and count); the entries row (every
 * key, megabytes at 100,000 customers) is written by the returned function,
 * which the caller runs once its transaction committed. The directory is a
 * cache of the customers' keys: until that write lands, loads in this worker
 * get it from memory (the stamp matches), and a load elsewhere, or after the
 * write failed, finds an entries row of another stamp and rebuilds it from
 * the customers. So the capture's user data never waits on it.
 */
export async function saveDirectoryLater(db: DealerLensDB, directory: IdentityDirectory): Promise<() => Promise<void>> {
  if (!directory.dirty) {
    written.set(db, directory);
    return () => Promise.resolve();
  }
  // Both rows are taken now: a later capture changes this same object in memory.
  const [meta, entries] = directory.toRows(crypto.randomUUID());
  await db.identityDirectory.put(meta);
  directory.markSaved(meta.generation, meta.stamp);
  written.set(db, directory);
  return () => {
    const write = (pendingEntries.get(db) ?? Promise.resolve())
      // A moment later: the capture's answer reaches the page first. Measured in
      // Chromium, a write of these megabytes a task later still held the answer
      // back ~100 ms; after 300 ms it no longer did.
      .then(() => new Promise((resolve) => setTimeout(resolve, ENTRIES_WRITE_DELAY_MS)))
      .then(() =>
        db.transaction('rw', db.identityDirectory, async () => {
          // A save since then stamped the directory again and wrote its own keys: these are out of date.
          const meta = await db.identityDirectory.get(IDENTITY_DIRECTORY_ID.meta);
          if (meta?.stamp === entries.stamp) await db.identityDirectory.put(entries);
        }),
      )
      .then(() => undefined);
    pendingEntries.set(
      db,
      write.catch(() => undefined),
    );
    return write;
  };
}

/** Resolves when the entries rows saveDirectoryLater handed out so far are written (or failed, which a later load repairs). */
export function directoryWritten(db: DealerLensDB): Promise<void> {
  return pendingEntries.get(db) ?? Promise.resolve();
}

/**
 * The directory built from the customers themselves, in id order so a key two
 * customers share goes to the same one an index look-up would return. Reads
 * whole records a page at a time: measured in Chromium, getAll of 60,000
 * customers (~1.4 s) beats a key cursor over each of the three indexes (~1.5 s each).
 */
export async function rebuildDirectory<Insert>(
  customers: Table<StoredCustomer, string, Insert>,
  generation = 0,
): Promise<IdentityDirectory> {
  const owners = emptyOwners();
  let count = 0;
  let last: string | undefined;
  for (;;) {
    const page = await (last === undefined ? customers.orderBy('id') : customers.where('id').above(last))
      .limit(REBUILD_PAGE)
      .toArray();
    for (const customer of page) {
      const keys = identityKeysOfCustomer(customer);
      for (const kind of KINDS) {
        const key = keys[kind];
        // The first holder keeps a shared key, as in IdentityDirectory.remember.
        if (key && !owners[kind].has(key)) owners[kind].set(key, customer.id);
      }
    }
    count += page.length;
    if (page.length < REBUILD_PAGE) break;
    last = page[page.length - 1]!.id;
  }
  return new IdentityDirectory(owners, count, generation, '', true);
}
