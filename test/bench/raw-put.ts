// The baselines several issue figures are measured against, timed in the
// extension's worker: a raw IndexedDB put of the same records, in one
// transaction, into a fresh store with the customers' indexes; and, for
// figures that write customers back, the same records put back into the
// populated customers store itself (an overwrite replaces each record's
// index entries, measured here at about 1.5x a put into an empty store).
import type { ExtensionBrowser } from '../e2e/harness';
import type { DealerLensDB } from '../../lib/db';

type WorkerGlobal = { dealerlens: { db: DealerLensDB } };

/**
 * `records`: the customers the last batch wrote, or every stored customer;
 * `into`: a fresh store named `name`; the populated customers store itself,
 * the records put back unchanged; or the populated store beside them, the
 * records under new keys (removed again afterwards, untimed). Milliseconds;
 * NaN when there were none.
 */
export function rawPutInWorker(
  browser: ExtensionBrowser,
  records: 'lastBatch' | 'all',
  name: string,
  into: 'fresh' | 'populated' | 'beside' = 'fresh',
): Promise<number> {
  return browser.evalInWorker(
    async ({ records: which, name, into }) => {
      const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
      let records: unknown[];
      if (which === 'all') records = await db.customers.toArray();
      else {
        const last = (await db.batches.toArray()).sort((a, b) => (a.at < b.at ? 1 : -1))[0]!;
        records = (await db.customers.bulkGet(last.customerIds)).filter((r) => r !== undefined);
      }
      const indexes = db.customers.schema.indexes.map((ix) => ({
        name: ix.name,
        keyPath: ix.keyPath as string,
        multi: ix.multi,
        unique: ix.unique,
      }));
      if (into === 'beside')
        records = records.map((r) => ({ ...(r as object), id: `${name}-${(r as { id: string }).id}` }));
      const idb: IDBDatabase =
        into !== 'fresh'
          ? db.backendDB()
          : await new Promise((resolve, reject) => {
              const req = indexedDB.open(name, 1);
              req.onupgradeneeded = () => {
                const store = req.result.createObjectStore('customers', { keyPath: 'id' });
                for (const ix of indexes)
                  store.createIndex(ix.name, ix.keyPath, { multiEntry: ix.multi, unique: ix.unique });
              };
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            });
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = idb.transaction('customers', 'readwrite');
        const store = tx.objectStore('customers');
        for (const r of records) store.put(r);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const ms = performance.now() - t0;
      if (into === 'beside') {
        await new Promise<void>((resolve, reject) => {
          const tx = idb.transaction('customers', 'readwrite');
          const store = tx.objectStore('customers');
          for (const r of records) store.delete((r as { id: string }).id);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      if (into === 'fresh') {
        idb.close();
        indexedDB.deleteDatabase(name);
      }
      return records.length === 0 ? NaN : ms;
    },
    { records, name, into },
  );
}
