// Undo a whole capture (docs/capture.md#staging-preview-commit-and-undo: "every capture is a batch that can be undone
// as a whole"). Customers the batch created are deleted, customers it changed
// are put back exactly as they were, and the batch's history entries are
// removed: after an undo the customer's history reads as if the capture never
// happened, while the batch itself stays listed, marked undone, as the record
// that it did. The identity directory gets back exactly the keys the batch
// gave or took (directory.ts), in the same transaction.
import type { DealerLensDB } from './database';
import { loadDirectory, rebuildDirectory, saveDirectory } from './directory';
import type { Batch } from './types';

export type UndoResult = { ok: true; restored: number; removed: number } | { ok: false; reason: string };

export const UNDO_NOT_FOUND = '找不到这次采集 / this capture was not found';
export const UNDO_ALREADY_DONE = '这次采集已经撤销过了 / this capture was already undone';

export function undoBlockedByLaterCapture(customers: number): string {
  return `之后的采集又修改了其中 ${customers} 位客户，请先撤销之后的采集 / a later capture changed ${customers} of these customers; undo that capture first`;
}

export function undoBlockedByUserEdits(customers: number): string {
  return `其中 ${customers} 位客户在这次采集之后被手动修改过，撤销会丢掉这些修改 / ${customers} of these customers were edited in DealerLens after this capture; undoing it would lose those edits`;
}

export async function undoBatch(db: DealerLensDB, batchId: string, now: Date): Promise<UndoResult> {
  const tables = [db.customers, db.history, db.batches, db.batchSnapshots, db.identityDirectory];
  return db.transaction('rw', tables, async (): Promise<UndoResult> => {
    const batch = await db.batches.get(batchId);
    if (!batch) return { ok: false, reason: UNDO_NOT_FOUND };
    if (batch.undone) return { ok: false, reason: UNDO_ALREADY_DONE };
    const snapshot = await db.batchSnapshots.get(batchId);
    if (!snapshot) return { ok: false, reason: UNDO_NOT_FOUND };

    // Every capture stamps lastBatchId on what it writes, and undoing a capture
    // puts the older stamp back: so a customer stamped by another batch was
    // changed later by a capture that is still in force.
    const current = (await db.customers.bulkGet(batch.customerIds)).filter((c) => c !== undefined);
    const changedLater = current.filter((c) => c.lastBatchId !== batchId).length;
    if (changedLater > 0) return { ok: false, reason: undoBlockedByLaterCapture(changedLater) };
    // Values a user entered are never overwritten by a capture (docs/capture.md#merge-rules); an
    // undo that restored older state over them would do exactly that.
    const editedLater = current.filter((c) => c.updatedAt !== batch.at).length;
    if (editedLater > 0) return { ok: false, reason: undoBlockedByUserEdits(editedLater) };

    const directory = await loadDirectory(db);
    const created = new Set(snapshot.created);
    const undone: Batch = { ...batch, undone: true, undoneAt: now.toISOString() };
    await Promise.all([
      db.customers.bulkDelete(snapshot.created),
      db.customers.bulkPut(snapshot.before),
      snapshot.historyIds
        ? db.history
            .where('id')
            .between(snapshot.historyIds.first, snapshot.historyIds.last, true, true)
            .filter((entry) => entry.batchId === batchId)
            .delete()
        : 0,
      db.batchSnapshots.delete(batchId),
      db.batches.put(undone),
    ]);
    if (snapshot.directory) {
      directory.revert(snapshot.directory);
      directory.count -= current.filter((c) => created.has(c.id)).length;
      await saveDirectory(db, directory);
    } else {
      // A batch stored before version 2 kept no directory changes: read the keys
      // back from the customers as the undo left them.
      await saveDirectory(db, await rebuildDirectory(db.customers, directory.generation));
    }
    return { ok: true, restored: snapshot.before.length, removed: snapshot.created.length };
  });
}

/** The most recent capture, undone or not (the popup shows it with its undo state). */
export async function lastBatch(db: DealerLensDB): Promise<Batch | undefined> {
  return db.batches.orderBy('at').last();
}

export async function countCustomers(db: DealerLensDB): Promise<number> {
  return db.customers.count();
}

/** Settings row of the last bulk action (bulk.ts BulkRecord). */
export const BULK_LAST_KEY = 'bulk.last';
/** Settings row of the last follow-up logged (followups.ts FollowUpRecord). */
export const FOLLOW_UP_LAST_KEY = 'followUp.last';

/**
 * A redo is offered until another change is made: a new bulk action or
 * follow-up drops the other's undone record (its own record is replaced
 * anyway), in the same transaction, which must include db.settings.
 */
export async function dropRedo(db: DealerLensDB, key: typeof BULK_LAST_KEY | typeof FOLLOW_UP_LAST_KEY): Promise<void> {
  const row = await db.settings.get(key);
  if ((row?.value as { undone?: boolean } | undefined)?.undone) await db.settings.delete(key);
}
