import Dexie from 'dexie';
// Storing a capture (docs/capture.md#staging-preview-commit-and-undo, "lib/db"): upsert by identity, merge, history,
// and a batch that lands whole or not at all and can be undone whole.
//
// Built for 10,000 rows into 50,000 customers (docs/architecture.md#performance-budgets: within 1.5x of a raw
// put of the same rows): existing customers are found in the identity directory
// (one request, directory.ts), fetched by primary key in one pipelined bulkGet
// for the whole batch, merged in memory a step of rows at a time, and written
// with one request per customer, one history row per changed customer
// (HistoryRecord) and a handful of single rows. Nothing awaits per record.
import { newCustomerId } from './customers';
import { announceTableChanged, putAsProduced } from './direct';
import { IDENTITY_FIELDS, webUrl, type CapturedRecord, type Provenance, type RecordSource } from '../customer';
import type { DealerLensDB } from './database';
import { identityKeysOfCustomer, loadDirectory, saveDirectoryLater } from './directory';
import type { IdentityDirectory } from './directory';
import { identityKeysOf } from './identity';
import type { IdentityKeys } from './identity';
import { copyForMerge, diffForHistory, mergeInto, sameInvalid } from './merge';
import type { Batch, BatchSnapshot, HistoryRecord, StoredCustomer } from './types';

export const REJECTED_NO_IDENTITY =
  '没有手机号、车架号或客户编号，无法识别客户 / no mobile, VIN or customer no. to identify this customer';

export interface CaptureInput {
  /**
   * The rows, or a source that makes them on demand (a staged table and its
   * mapping, lib/mapping recordSource): then every row's identity is made
   * first, and its whole record in its step, while IndexedDB writes the steps
   * before it.
   */
  records: CapturedRecord[] | RecordSource;
  source: 'page' | 'file';
  pageUrl: string;
  profileId?: string;
  now: Date;
  /**
   * Called on the customers the batch creates or changes, a step's worth at a
   * time, right before they are put, in the capture's transaction: grades are
   * computed here (docs/grading.md#g06-when-grades-are-worked-out, "grades are recomputed on capture") so they land
   * with the customer. A batch at a time, so grading builds its columnar
   * facts once per step, not once per customer.
   */
  prepare?: (customers: StoredCustomer[]) => void;
  /** Rows the source left out before the records (lib/capture StagedTable.refused): counted and listed as rejected. */
  refused?: Batch['rejected'];
  /** Cells the staging cleaned of invisible characters (lib/capture invisible.ts): reported with the batch. */
  invisibleCells?: number;
  /** Rows per step (STEP_ROWS); a test sets a small one to run a hundred steps over a few rows. */
  stepRows?: number;
  /**
   * A capture that creates and changes no customer stores nothing: no batch,
   * no undo snapshot (following the portal over pages already captured must
   * not push the user's own last capture out of 上次抓取). The batch comes
   * back with its counts, marked `stored: false`.
   */
  skipUnchanged?: boolean;
}

/** A committed capture's batch; `stored: false` when `skipUnchanged` kept a batch that changed nothing out of the store. */
export type CaptureBatch = Batch & { stored?: false };

interface IdentifiedRow {
  /** The row's index in the input. */
  index: number;
  keys: IdentityKeys;
  detailUrl?: string;
}

/**
 * Rows merged per step. Each step's JavaScript (merge and grading) runs in a
 * task of its own while IndexedDB writes the customers of the steps before it
 * (putAsProduced). Awaits in the transaction are Dexie promises only: Dexie
 * carries its transaction across a native promise's await a limited number of
 * times, and a 100,000-row file (100 steps) lost it ("Transaction committed
 * too early").
 */
const STEP_ROWS = 1000;
/** The first step is smaller: IndexedDB has nothing to write until it is put. */
const FIRST_STEP_ROWS = 200;

/** A customer the directory names no longer holds the key it was found by: db.customers was written around lib/db. */
class DirectoryDrift extends Error {}

export async function commitCapture(db: DealerLensDB, input: CaptureInput): Promise<CaptureBatch> {
  const at = input.now.toISOString();
  const batchId = crypto.randomUUID();
  const records = sourceOf(input.records);
  let committed: Committed;
  try {
    committed = await commitOnce(db, input, records, at, batchId, false);
  } catch (error) {
    if (!(error instanceof DirectoryDrift)) throw error;
    // The aborted attempt left nothing behind; the store itself is the truth, so
    // the second attempt rebuilds the directory from it before any row.
    committed = await commitOnce(db, input, records, at, batchId, true);
  }
  if (committed.batch.stored === false) return committed.batch;
  announceTableChanged(db, 'customers');
  // The directory's key lists follow in their own transaction (saveDirectoryLater):
  // the batch is stored whole already; a failed write here is repaired by the next load.
  void committed.writeDirectory().catch(() => undefined);
  return committed.batch;
}

interface Committed {
  batch: CaptureBatch;
  writeDirectory: () => Promise<void>;
}

function commitOnce(
  db: DealerLensDB,
  input: CaptureInput,
  records: RecordSource,
  at: string,
  batchId: string,
  rebuild: boolean,
): Promise<Committed> {
  const tables = [db.customers, db.history, db.batches, db.batchSnapshots, db.identityDirectory];
  return db.transaction('rw', tables, async () => {
    // IndexedDB reads the directory while the rows are identified.
    const directoryRead = loadDirectory(db, { rebuild });
    const rejected: Batch['rejected'] = [...(input.refused ?? [])];
    const stored = new Map<string, StoredCustomer>();
    const prior = new Map<string, StoredCustomer | null>(); // null: created by this batch
    const working = new Map<string, StoredCustomer>();
    const outcomes: { customerId: string; outcome: 'new' | 'updated' | 'unchanged' }[] = [];
    // Which step last changed each customer, and which step last put it.
    const touchedIn = new Map<string, number>();
    const putIn = new Map<string, number>();
    const writes: Promise<unknown>[] = [];
    let failure: { error: unknown } | undefined;
    const write = (promise: Promise<unknown>) =>
      writes.push(promise.catch((error: unknown) => (failure ??= { error })));

    // Every row is identified first, and every stored customer any of them can
    // reach is read in one request, before the first put.
    const rows: IdentifiedRow[] = [];
    for (let index = 0; index < records.count; index++) {
      const identified = identify(records.identityOf(index), index, input.pageUrl);
      // A name alone never merges two records (docs/capture.md#identity-and-de-duplication), so a row without a key
      // cannot be stored; it is reported by row, never dropped silently.
      if (identified) rows.push(identified);
      else rejected.push({ row: index, reason: REJECTED_NO_IDENTITY });
    }
    const directory = await directoryRead;
    await fetchReachable(db, directory, rows, stored, rebuild);

    /** Merges one step's rows; returns the customers to put, graded. Pure JavaScript: no request. */
    const mergeStep = (first: number, last: number, step: number): StoredCustomer[] => {
      const touched: StoredCustomer[] = [];
      for (let i = first; i < last; i++) {
        const row = rows[i]!;
        const record = withKeys(records.recordOf(row.index), row.keys);
        const foundId = directory.find(row.keys);
        let target: StoredCustomer;
        let outcome: 'new' | 'updated' | 'unchanged';
        if (foundId === undefined) {
          target = emptyCustomer(newCustomerId(), at, batchId, input);
          prior.set(target.id, null);
          working.set(target.id, target);
          mergeInto(target, record);
          outcome = 'new';
        } else {
          const existing = working.get(foundId);
          if (existing) target = existing;
          else {
            // Every key of the batch's rows was looked up before the first step, and
            // a key the batch moved points at a customer already in `working`.
            const original = stored.get(foundId)!;
            prior.set(foundId, original);
            target = copyForMerge(original);
            target.updatedAt = at;
            target.lastBatchId = batchId;
            working.set(foundId, target);
          }
          const keysBefore = identityKeysOfCustomer(target);
          outcome = mergeInto(target, record) ? 'updated' : 'unchanged';
          directory.forget(target.id, keysBefore);
        }
        // Later rows of the batch find this customer by any key it now holds.
        directory.remember(target.id, identityKeysOfCustomer(target));
        if (row.detailUrl || outcome !== 'unchanged') {
          target.provenance = provenanceOf(input, at, row.detailUrl ?? target.provenance.detailUrl);
        }
        // An unchanged row's detail link still becomes the provenance of a customer the batch writes.
        const toPut = outcome !== 'unchanged' || (row.detailUrl !== undefined && touchedIn.has(target.id));
        if (toPut && touchedIn.get(target.id) !== step) {
          touchedIn.set(target.id, step);
          touched.push(target);
        }
        outcomes.push({ customerId: target.id, outcome });
      }
      // An updated customer's put may be undone at the end (changed and changed
      // back by later rows); then its stored state is put back.
      for (const customer of touched) putIn.set(customer.id, step);
      if (touched.length > 0) input.prepare?.(touched);
      return touched;
    };

    const stepRows = Math.max(1, input.stepRows ?? STEP_ROWS);
    let first = 0;
    let step = 0;
    let settled: ReturnType<typeof settle> | undefined;
    await putAsProduced(db.customers, () => {
      if (first < rows.length) {
        const last = Math.min(first + (step === 0 ? Math.min(stepRows, FIRST_STEP_ROWS) : stepRows), rows.length);
        const touched = mergeStep(first, last, step);
        first = last;
        step++;
        return touched;
      }
      if (settled) return null;
      // The batch's own rows are worked out while IndexedDB writes the last steps.
      settled = settle();
      return settled.putAgain;
    });
    const { batch, history, snapshot } = settled!;
    // Every row found its customer as stored (or was refused): the store is as it was, and stays without a batch.
    if (input.skipUnchanged && batch.customerIds.length === 0)
      return { batch: { ...batch, stored: false as const }, writeDirectory: () => Promise.resolve() };
    write(
      db.history.bulkAdd(history, { allKeys: true }).then((ids) => {
        for (const id of ids) {
          if (typeof id !== 'number') continue;
          const range = snapshot.historyIds;
          snapshot.historyIds = range
            ? { first: Math.min(range.first, id), last: Math.max(range.last, id) }
            : { first: id, last: id };
        }
        return db.batchSnapshots.put(snapshot);
      }),
    );
    write(db.batches.put(batch));
    let writeDirectory: Committed['writeDirectory'] = () => Promise.resolve();
    write(Dexie.Promise.resolve(saveDirectoryLater(db, directory)).then((later) => (writeDirectory = later)));
    await Dexie.Promise.all(writes);
    if (failure) throw failure.error;
    return { batch, writeDirectory };

    /** After the last step: the customers to put again, the history, the snapshot for undo and the batch. Pure. */
    function settle() {
      const customersWritten: string[] = [];
      const putAgain: StoredCustomer[] = [];
      // Customers put again because they changed: prepared again (a stored state put back is not).
      const preparedAgain: StoredCustomer[] = [];
      const history: HistoryRecord[] = [];
      const snapshot: BatchSnapshot = { batchId, created: [], before: [], historyIds: null };
      for (const [id, customer] of working) {
        const was = prior.get(id)!;
        if (was === null) {
          // Creation is no history row: createdAt and this snapshot record it (HISTORY_CREATED).
          snapshot.created.push(id);
        } else {
          const changes = diffForHistory(was, customer);
          // Rows of one batch can change a value and change it back: then nothing is written.
          if (changes.length === 0 && sameInvalid(was.invalid, customer.invalid)) {
            if (putIn.has(id)) putAgain.push(was);
            continue;
          }
          if (changes.length > 0) history.push({ customerId: id, at, batchId, by: 'capture', changes });
          snapshot.before.push(was);
        }
        customersWritten.push(id);
        // Every written customer was put in the step that last changed it; this only guards that rule.
        if (!putIn.has(id) || putIn.get(id) !== touchedIn.get(id)) {
          preparedAgain.push(customer);
          putAgain.push(customer);
        }
      }
      if (preparedAgain.length > 0) input.prepare?.(preparedAgain);
      directory.count += snapshot.created.length;
      snapshot.directory = directory.changes();

      const written = new Set(customersWritten);
      const counts: Batch['counts'] = { new: 0, updated: 0, unchanged: 0, rejected: rejected.length };
      for (const { customerId, outcome } of outcomes) {
        counts[outcome === 'updated' && !written.has(customerId) ? 'unchanged' : outcome] += 1;
      }
      rejected.sort((a, b) => a.row - b.row);

      const batch: Batch = {
        id: batchId,
        at,
        source: input.source,
        pageUrl: input.pageUrl,
        ...(input.profileId !== undefined && { profileId: input.profileId }),
        counts,
        rejected,
        customerIds: customersWritten,
        undone: false,
        ...(input.invisibleCells && { invisibleCells: input.invisibleCells }),
      };
      return { putAgain, history, snapshot, batch };
    }
  });
}

function sourceOf(records: CapturedRecord[] | RecordSource): RecordSource {
  if (!Array.isArray(records)) return records;
  return { count: records.length, identityOf: (row) => records[row]!, recordOf: (row) => records[row]! };
}

/** A record's keys, with phone and VIN in normal form, and its absolute detail link; null when it has no key. */
function identify(record: CapturedRecord, index: number, pageUrl: string): IdentifiedRow | null {
  // Only an http(s) link is stored (docs/architecture.md#hostile-pages): a row's
  // script or data link is dropped, never kept as the customer's portal link.
  const link = record.detailUrl ? parseUrl(record.detailUrl, pageUrl) : undefined;
  const detailUrl = link?.href;
  const keys = identityKeysOf(record.fields, link ?? detailUrl);
  if (!keys.phone && !keys.vin && !keys.portalId) return null;
  return { index, keys, ...(detailUrl && { detailUrl }) };
}

/**
 * The record with its keys in normal form, so the next capture's index look-up
 * finds them whatever formatting the page used. A portal id read from the
 * detail link is stored as the customer's portalId for the same reason.
 */
function withKeys(record: CapturedRecord, keys: IdentityKeys): CapturedRecord {
  const fields = { ...record.fields };
  if (keys.phone) fields.phone = keys.phone;
  if (keys.vin) fields.vin = keys.vin;
  if (keys.portalId) fields.portalId = keys.portalId;
  return { ...record, fields };
}

/** An absolute link (the scraper resolves them) is parsed alone: a base would be parsed again for every row, and then ignored. */
const ABSOLUTE_HTTP = /^https?:\/\//i;

function parseUrl(link: string, pageUrl: string): URL | undefined {
  return webUrl(link, ABSOLUTE_HTTP.test(link) ? undefined : pageUrl) ?? undefined;
}

/**
 * Adds to `stored` the customers any key of `rows` names in the directory,
 * fetched by primary key in one pipelined bulkGet (ids sorted, so IndexedDB
 * reads its store in order), before the batch changes anything. Throws
 * DirectoryDrift when one of them no longer holds the key that named it,
 * unless the directory was just rebuilt from the store.
 */
function fetchReachable(
  db: DealerLensDB,
  directory: IdentityDirectory,
  rows: IdentifiedRow[],
  stored: Map<string, StoredCustomer>,
  rebuilt: boolean,
): PromiseLike<void> {
  const wanted = new Set<string>();
  for (const { keys } of rows) {
    for (const kind of IDENTITY_FIELDS) {
      const key = keys[kind];
      const id = key === undefined ? undefined : directory.holder(kind, key);
      if (id !== undefined) wanted.add(id);
    }
  }
  // Dexie promises only, never a native one: see STEP_ROWS on why the loop must not await native promises.
  if (wanted.size === 0) return Dexie.Promise.resolve();
  const ids = [...wanted].sort();
  return db.customers.bulkGet(ids).then((found) => {
    for (const customer of found) if (customer) stored.set(customer.id, customer);
    if (rebuilt) return;
    // Compared in the form the directory holds them (identityKeysOfCustomer), once per customer.
    const heldKeys = new Map<string, IdentityKeys>();
    for (const { keys } of rows) {
      for (const kind of IDENTITY_FIELDS) {
        const key = keys[kind];
        const id = key === undefined ? undefined : directory.holder(kind, key);
        if (id === undefined || !wanted.has(id)) continue;
        let held = heldKeys.get(id);
        if (!held) {
          const holder = stored.get(id);
          held = holder ? identityKeysOfCustomer(holder) : {};
          heldKeys.set(id, held);
        }
        if (held[kind] !== key) throw new DirectoryDrift();
      }
    }
  });
}

function emptyCustomer(id: string, at: string, batchId: string, input: CaptureInput): StoredCustomer {
  return {
    id,
    extra: {},
    invalid: {},
    provenance: provenanceOf(input, at, undefined),
    createdAt: at,
    updatedAt: at,
    userEdited: [],
    lastBatchId: batchId,
  };
}

function provenanceOf(input: CaptureInput, at: string, detailUrl: string | undefined): Provenance {
  return {
    ...(input.profileId !== undefined && { profileId: input.profileId }),
    pageUrl: input.pageUrl,
    capturedAt: at,
    ...(detailUrl && { detailUrl }),
  };
}
