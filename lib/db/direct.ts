// Writes of many rows straight to IndexedDB inside a Dexie transaction.
//
// Why: profiled in Chromium, Dexie's bulkPut wraps every row's request in its
// middleware (observability, cache, hooks), about an eighth of a 10,000-row
// capture's main-thread time beside the structured clone itself; docs/architecture.md#performance-budgets
// holds a capture to within 1.5x of a raw IndexedDB put. The rows go to the
// same native transaction, so they still land whole or not at all; Dexie's
// live queries are told afterwards (announceTableChanged), as its own
// middleware would have.
import Dexie, { RangeSet, type Table, type Transaction } from 'dexie';

/**
 * Puts `rows` into `table`'s store on the running transaction. A Dexie promise,
 * so awaiting it keeps the transaction's zone; outside a transaction it falls
 * back to bulkPut.
 */
export function putInTransaction<T, K>(table: Table<T, K>, rows: readonly T[]): Promise<void> {
  const transaction = Dexie.currentTransaction as (Transaction & { idbtrans?: IDBTransaction }) | null;
  const native = transaction?.idbtrans;
  if (!native || !transaction.storeNames.includes(table.name)) return table.bulkPut(rows as T[]).then(() => undefined);
  return new Dexie.Promise<void>((resolve, reject) => {
    const store = native.objectStore(table.name);
    let last: IDBRequest | undefined;
    for (const row of rows) last = store.put(row);
    if (!last) return resolve();
    // Requests of one transaction complete in order: the last one's success means all succeeded.
    const done = last;
    done.onsuccess = () => resolve();
    done.onerror = () => reject(done.error ?? new Error('IndexedDB put failed'));
  }) as unknown as Promise<void>;
}

/** Tells live queries (in this and other extension pages) that `tableName` changed. */
export function announceTableChanged(db: Dexie, tableName: string): void {
  const everything = (): RangeSet => new RangeSet(-Infinity, [[[]]]);
  const parts: Record<string, RangeSet> = {
    [`idb://${db.name}/${tableName}/`]: everything(),
    [`idb://${db.name}/${tableName}/:dels`]: everything(),
  };
  for (const index of db.table(tableName).schema.indexes)
    parts[`idb://${db.name}/${tableName}/${index.name}`] = everything();
  Dexie.on.storagemutated.fire(parts);
}

/** Puts after which the next produced rows may be put: IndexedDB still has the rest of a step queued when they arrive. */
const CHECKPOINT_EVERY = 250;

/**
 * Puts into `table`, on the running transaction, the rows `produce` returns,
 * one call per task, until it returns null. Each call runs in a task of its
 * own while IndexedDB writes the rows already put, and its rows are put at the
 * next request that answers while the transaction is active, a few hundred
 * puts before IndexedDB runs out of work. Resolves (a Dexie promise, so the
 * transaction's zone goes on) once every row is stored.
 *
 * Why: measured in headless Chromium, a capture that merged all its rows and
 * then put them left IndexedDB idle until the end, then waited ~1 s for it;
 * one that waited for each step's writes before putting the next left it idle
 * between steps. Outside a transaction it falls back to one bulkPut.
 */
export function putAsProduced<T, K>(table: Table<T, K>, produce: () => readonly T[] | null): Promise<void> {
  const transaction = Dexie.currentTransaction as (Transaction & { idbtrans?: IDBTransaction }) | null;
  const native = transaction?.idbtrans;
  if (!native || !transaction.storeNames.includes(table.name)) {
    const all: T[] = [];
    for (let rows = produce(); rows !== null; rows = produce()) all.push(...rows);
    return table.bulkPut(all).then(() => undefined);
  }
  const store = native.objectStore(table.name);
  const stored = new Promise<void>((resolve, reject) => {
    const ready: (readonly T[])[] = [];
    let finished = false; // produce returned null
    let waiting = 0; // requests whose answer will call pump
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const listen = (request: IDBRequest) => {
      waiting++;
      request.onsuccess = () => {
        waiting--;
        pump();
      };
      request.onerror = () => fail(request.error ?? new Error('IndexedDB request failed'));
    };
    // Runs only where the transaction is active: at the start, and in a request's answer.
    const pump = () => {
      if (failed) return;
      try {
        for (let rows = ready.shift(); rows !== undefined; rows = ready.shift()) {
          for (let i = 0; i < rows.length; i++) {
            // A row IndexedDB cannot clone throws here: the batch fails whole.
            const request = store.put(rows[i]);
            if ((i + 1) % CHECKPOINT_EVERY === 0 || i === rows.length - 1) listen(request);
          }
        }
        if (waiting > 0) return;
        if (finished) resolve();
        // Nothing in flight and more rows to come: a read keeps the transaction alive until they are.
        else listen(store.get(-Infinity));
      } catch (error) {
        fail(error);
      }
    };
    const produceNext = () =>
      setTimeout(() => {
        if (failed) return;
        try {
          const rows = produce();
          if (rows === null) finished = true;
          else {
            if (rows.length > 0) ready.push(rows);
            produceNext();
          }
        } catch (error) {
          fail(error);
        }
      }, 0);
    pump();
    produceNext();
  });
  // Dexie.waitFor gives up after 60 s unless told otherwise: a large import on a slow
  // machine may take longer, and its rows are put all the while (the longest a timer takes).
  return Dexie.waitFor(stored, 2 ** 31 - 1) as unknown as Promise<void>;
}
