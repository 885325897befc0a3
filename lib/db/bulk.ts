// Bulk actions on selected customers (docs/workbench.md#bulk-actions): reassign consultant (a
// leaving consultant's customers handed over: docs/grading.md#a6-hand-overs belong to
// the store, not to a consultant), set stage, set grade, add tag, invite to
// a store event (B and C leads: the invitation falls due before the event), delete.
// Each runs in ONE transaction, writes a history record by 'user' per changed
// customer, and can be undone: the last bulk action's prior state is kept in
// db.settings (BULK_LAST_KEY), a deletion with the customers' follow-ups, so
// its undo restores both. An undone action can be redone, exactly as it was
// done, until another change is made. The values a bulk action sets are user
// edits: a later capture never overwrites them (docs/capture.md#merge-rules merge rules).
import type { FieldName, Stage } from '../customer';
import { addDays, dayOf, localDateTimeOf } from '../calendar';
import { type FollowUp } from '../followup';
import type { RuleSet } from '../grading';
import type { DealerLensDB } from './database';
import { identityKeysOfCustomer, loadDirectory, saveDirectory } from './directory';
import { HISTORY_MANUAL_GRADE, markUserEdited } from './followups';
import { regradeCustomers } from './grades';
import { diffForHistory } from './merge';
import type { FieldChange, HistoryRecord, StoredCustomer } from './types';
import { BULK_LAST_KEY, FOLLOW_UP_LAST_KEY, dropRedo } from './undo';

export { BULK_LAST_KEY };

export type BulkAction =
  | { kind: 'reassign'; consultant: string }
  | { kind: 'stage'; stage: Stage; defeatReason?: string }
  | { kind: 'grade'; grade: string }
  | { kind: 'tag'; tag: string }
  /** Invite the B and C leads among them to a store event on `eventAt` ('YYYY-MM-DD'). */
  | { kind: 'invite'; event: string; eventAt: string }
  | { kind: 'delete' };

/** The grades invited to store events: B (invite to events) and C (must call for events). */
export const EVENT_INVITE_GRADES: readonly string[] = ['B', 'C'];
/** An invitation falls due this many days before the event (or today, when the event is nearer). */
export const INVITE_DAYS_BEFORE = 7;
/** The history `field` of an event invitation (its `to` is the event and its day). */
export const HISTORY_INVITATION = 'followUp.invitation';
export const BULK_EVENT_DATE_INVALID = '活动日期应为今天或以后的日期 / the event date must be today or later';

export type BulkKind = BulkAction['kind'];

/** The last bulk action as kept for its undo. */
export interface BulkRecord {
  id: string;
  /** ISO instant; the updatedAt of every customer it changed. */
  at: string;
  action: BulkAction;
  /** Customers it changed or deleted. */
  customerIds: string[];
  /** Those customers as they were before it. */
  before: StoredCustomer[];
  /** Those customers as it left them, before re-grading (a redo puts them back; none for a deletion). */
  after?: StoredCustomer[];
  /** A deletion's follow-ups of the deleted customers (empty otherwise). */
  followUps: FollowUp[];
  undone: boolean;
}

/** The history `field` of a customer's tags (StoredCustomer.tags). */
export const HISTORY_TAGS = 'tags';

export interface BulkResult {
  id: string;
  kind: BulkKind;
  /** Customers changed (or deleted); those already as asked and ids not stored are not counted. */
  changed: number;
}

export type BulkUndoResult = { ok: true; kind: BulkKind; restored: number } | { ok: false; reason: string };
export type BulkRedoResult = { ok: true; kind: BulkKind; redone: number } | { ok: false; reason: string };

export const BULK_UNDO_NOTHING = '没有可撤销的批量操作 / there is no bulk action to undo';
export const BULK_UNDO_ALREADY = '上次批量操作已经撤销 / the last bulk action was already undone';
export function bulkUndoBlocked(customers: number): string {
  return `其中 ${customers} 位客户在这次批量操作之后又被修改过，撤销会丢掉这些修改 / ${customers} of these customers changed after this bulk action; undoing it would lose those changes`;
}
export const BULK_REDO_NOTHING = '没有可重做的批量操作 / there is no bulk action to redo';
export function bulkRedoBlocked(customers: number): string {
  return `其中 ${customers} 位客户在撤销之后又被修改过，重做会丢掉这些修改 / ${customers} of these customers changed after the undo; redoing it would lose those changes`;
}
export function bulkUndoRecaptured(customers: number): string {
  return `删除后又采集到其中 ${customers} 位客户，无法恢复 / ${customers} of the deleted customers were captured again since; they cannot be restored`;
}

const TABLES = (db: DealerLensDB) => [db.customers, db.identityDirectory, db.followUps, db.history, db.settings];

/** Hands the customers over to `consultant` (docs/grading.md#a6-hand-overs: when a consultant leaves, their customers are handed over). */
export function reassignConsultant(
  db: DealerLensDB,
  ids: readonly string[],
  consultant: string,
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<BulkResult> {
  return applyBulk(db, ids, { kind: 'reassign', consultant }, ruleSet, now);
}

/** Sets the stage; with 'defeated', the defeat reason too (docs/grading.md#g82-defeat-reasons: every defeated customer carries one). */
export function setStage(
  db: DealerLensDB,
  ids: readonly string[],
  stage: Stage,
  ruleSet: Readonly<RuleSet>,
  now: Date,
  defeatReason?: string,
): Promise<BulkResult> {
  return applyBulk(
    db,
    ids,
    defeatReason === undefined ? { kind: 'stage', stage } : { kind: 'stage', stage, defeatReason },
    ruleSet,
    now,
  );
}

/** Sets the consultant's intent grade (the one a follow-up sets: FollowUpSummary.grade). */
export function setGrade(
  db: DealerLensDB,
  ids: readonly string[],
  grade: string,
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<BulkResult> {
  return applyBulk(db, ids, { kind: 'grade', grade }, ruleSet, now);
}

/** Invites the B and C leads among the customers to a store event; the others are left as they are. */
export function inviteToEvent(
  db: DealerLensDB,
  ids: readonly string[],
  event: string,
  eventAt: string,
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<BulkResult> {
  return applyBulk(db, ids, { kind: 'invite', event, eventAt }, ruleSet, now);
}

export function addTag(
  db: DealerLensDB,
  ids: readonly string[],
  tag: string,
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<BulkResult> {
  return applyBulk(db, ids, { kind: 'tag', tag }, ruleSet, now);
}

/** Deletes the customers and their follow-ups; undoBulk brings both back. */
export function deleteWithUndo(
  db: DealerLensDB,
  ids: readonly string[],
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<BulkResult> {
  return applyBulk(db, ids, { kind: 'delete' }, ruleSet, now);
}

/** One customer after `action`, or null when it already is as asked. */
function applied(
  before: StoredCustomer,
  action: Exclude<BulkAction, { kind: 'delete' }>,
  at: string,
  localAt: string,
): StoredCustomer | null {
  const after: StoredCustomer = { ...before, userEdited: [...before.userEdited], updatedAt: at };
  const edited: FieldName[] = [];
  switch (action.kind) {
    case 'reassign':
      if (before.consultant === action.consultant) return null;
      after.consultant = action.consultant;
      edited.push('consultant');
      break;
    case 'stage':
      if (
        before.stage === action.stage &&
        (action.defeatReason === undefined || before.defeatReason === action.defeatReason)
      )
        return null;
      after.stage = action.stage;
      edited.push('stage');
      if (action.stage === 'defeated' && action.defeatReason !== undefined) {
        after.defeatReason = action.defeatReason;
        edited.push('defeatReason');
      }
      break;
    case 'grade':
      if (before.followUp?.grade === action.grade) return null;
      after.followUp = { ...(before.followUp ?? { count: 0 }), grade: action.grade, gradeAt: localAt };
      break;
    case 'tag':
      if (before.tags?.includes(action.tag)) return null;
      after.tags = [...(before.tags ?? []), action.tag];
      break;
    case 'invite': {
      const grade = before.grades?.intent;
      if (grade === undefined || !EVENT_INVITE_GRADES.includes(grade)) return null;
      const had = before.followUp?.invitation;
      if (had?.event === action.event && had.eventAt === action.eventAt) return null;
      const today = localAt.slice(0, 10);
      const early = addDays(action.eventAt, -INVITE_DAYS_BEFORE);
      after.followUp = {
        ...(before.followUp ?? { count: 0 }),
        invitation: {
          event: action.event,
          eventAt: action.eventAt,
          dueAt: early > today ? early : today,
          setAt: localAt,
        },
      };
      break;
    }
  }
  markUserEdited(after, edited);
  return after;
}

function changesOf(before: StoredCustomer, after: StoredCustomer): FieldChange[] {
  const changes = diffForHistory(before, after);
  if (before.followUp?.grade !== after.followUp?.grade) {
    changes.push({
      field: HISTORY_MANUAL_GRADE,
      from: before.followUp?.grade ?? null,
      to: after.followUp?.grade ?? null,
    });
  }
  const inviteOf = (c: StoredCustomer) =>
    c.followUp?.invitation ? `${c.followUp.invitation.event} ${c.followUp.invitation.eventAt}` : null;
  if (inviteOf(before) !== inviteOf(after))
    changes.push({ field: HISTORY_INVITATION, from: inviteOf(before), to: inviteOf(after) });
  const tagsBefore = before.tags ?? [];
  const tagsAfter = after.tags ?? [];
  if (tagsBefore.join('\u0000') !== tagsAfter.join('\u0000'))
    changes.push({ field: HISTORY_TAGS, from: tagsBefore, to: tagsAfter });
  return changes;
}

/** Puts back deleted customers, giving them their identity keys again (customers.ts keeps the directory the same way). */
async function restoreCustomers(db: DealerLensDB, customers: StoredCustomer[]): Promise<void> {
  const directory = await loadDirectory(db);
  await db.customers.bulkPut(customers);
  for (const customer of customers) directory.remember(customer.id, identityKeysOfCustomer(customer));
  directory.count += customers.length;
  await saveDirectory(db, directory);
}

/** Deletes the customers with their follow-ups and identity keys; returns the follow-ups deleted. */
async function deleteCustomers(db: DealerLensDB, customers: readonly StoredCustomer[]): Promise<FollowUp[]> {
  const ids = customers.map((c) => c.id);
  const followUps = await db.followUps.where('customerId').anyOf(ids).toArray();
  const directory = await loadDirectory(db);
  await db.customers.bulkDelete(ids);
  await db.followUps.bulkDelete(followUps.map((f) => f.id));
  for (const customer of customers) directory.forget(customer.id, identityKeysOfCustomer(customer));
  directory.count -= customers.length;
  await saveDirectory(db, directory);
  return followUps;
}

/** Runs one bulk action (see the file header); it becomes the one undoBulk undoes. */
export async function applyBulk(
  db: DealerLensDB,
  ids: readonly string[],
  action: BulkAction,
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<BulkResult> {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  return db.transaction('rw', TABLES(db), async (): Promise<BulkResult> => {
    const found = (await db.customers.bulkGet([...new Set(ids)])).filter((c): c is StoredCustomer => c !== undefined);
    const record: BulkRecord = { id, at, action, customerIds: [], before: [], followUps: [], undone: false };

    if (action.kind === 'delete') {
      record.customerIds = found.map((c) => c.id);
      record.before = found;
      record.followUps = await deleteCustomers(db, found);
    } else {
      const localAt = localDateTimeOf(now);
      if (action.kind === 'invite' && !(dayOf(action.eventAt) >= dayOf(localAt)))
        throw new Error(BULK_EVENT_DATE_INVALID);
      const changed: StoredCustomer[] = [];
      const history: HistoryRecord[] = [];
      for (const before of found) {
        const after = applied(before, action, at, localAt);
        if (!after) continue;
        changed.push(after);
        record.before.push(before);
        history.push({ customerId: after.id, at, batchId: null, by: 'user', changes: changesOf(before, after) });
      }
      record.customerIds = changed.map((c) => c.id);
      record.after = changed;
      // Consultant, stage, grade and tags are not identity keys: the directory
      // is untouched, and a plain put spares counting the store (customers.ts).
      await db.customers.bulkPut(changed);
      await db.history.bulkAdd(history);
      // Stage, grade and invitations move due dates and grades (lib/grading intent); consultant and tags do not.
      if (action.kind === 'stage' || action.kind === 'grade' || action.kind === 'invite')
        await regradeCustomers(db, record.customerIds, ruleSet, now);
    }
    await db.settings.put({ key: BULK_LAST_KEY, value: record });
    await dropRedo(db, FOLLOW_UP_LAST_KEY);
    return { id, kind: action.kind, changed: record.customerIds.length };
  });
}

/** The last bulk action, undone or not (the toolbar shows its undo). */
export async function lastBulk(db: DealerLensDB): Promise<BulkRecord | undefined> {
  return (await db.settings.get(BULK_LAST_KEY))?.value as BulkRecord | undefined;
}

/**
 * Undoes the last bulk action: the customers as they were (re-graded for
 * `now`), a deletion's follow-ups back, and a history record by 'undo' per
 * customer it changed. Refused when a customer changed since (the undo would
 * lose that change) or, for a deletion, was captured again as a new customer.
 */
export async function undoBulk(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<BulkUndoResult> {
  const at = now.toISOString();
  return db.transaction('rw', TABLES(db), async (): Promise<BulkUndoResult> => {
    const record = await lastBulk(db);
    if (!record) return { ok: false, reason: BULK_UNDO_NOTHING };
    if (record.undone) return { ok: false, reason: BULK_UNDO_ALREADY };
    const current = await db.customers.bulkGet(record.customerIds);

    if (record.action.kind === 'delete') {
      const directory = await loadDirectory(db);
      const taken = record.before.filter((c, i) => {
        if (current[i] !== undefined) return true;
        const holder = directory.find(identityKeysOfCustomer(c));
        return holder !== undefined && holder !== c.id;
      }).length;
      if (taken > 0) return { ok: false, reason: bulkUndoRecaptured(taken) };
      await restoreCustomers(db, record.before);
      await db.followUps.bulkPut(record.followUps);
    } else {
      const changedLater = current.filter((c) => c === undefined || c.updatedAt !== record.at).length;
      if (changedLater > 0) return { ok: false, reason: bulkUndoBlocked(changedLater) };
      const present = current as StoredCustomer[];
      const history: HistoryRecord[] = record.before.map((before, i) => ({
        customerId: before.id,
        at,
        batchId: null,
        by: 'undo',
        changes: changesOf(present[i]!, before),
      }));
      await db.customers.bulkPut(record.before); // identity keys untouched, as above
      await db.history.bulkAdd(history);
    }
    // Grades kept in the record were as of the action: today's may differ.
    await regradeCustomers(db, record.customerIds, ruleSet, now);
    await db.settings.put({ key: BULK_LAST_KEY, value: { ...record, undone: true } });
    return { ok: true, kind: record.action.kind, restored: record.customerIds.length };
  });
}

/**
 * Redoes the last bulk action after its undo: the customers exactly as the
 * action left them (re-graded for `now`), a deletion deleting them and their
 * follow-ups again, a history record by 'user' per customer. Refused when a
 * customer changed since the undo (the redo would lose that change); offered
 * only until another bulk action or follow-up is made (dropRedo).
 */
export async function redoBulk(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<BulkRedoResult> {
  const at = now.toISOString();
  return db.transaction('rw', TABLES(db), async (): Promise<BulkRedoResult> => {
    const record = await lastBulk(db);
    if (!record?.undone) return { ok: false, reason: BULK_REDO_NOTHING };
    const current = await db.customers.bulkGet(record.customerIds);
    // The undo put `before` back as it was, updatedAt included: any later change shows there.
    const changedLater = current.filter(
      (c, i) => c === undefined || c.updatedAt !== record.before[i]!.updatedAt,
    ).length;
    if (changedLater > 0) return { ok: false, reason: bulkRedoBlocked(changedLater) };
    const present = current as StoredCustomer[];

    if (record.action.kind === 'delete') {
      await deleteCustomers(db, present);
    } else {
      // Records kept before redo existed have no `after`: the action applied again gives it.
      const localAt = localDateTimeOf(new Date(record.at));
      const action = record.action;
      const after = record.after ?? present.map((c) => applied(c, action, record.at, localAt) ?? c);
      const history: HistoryRecord[] = after.map((a, i) => ({
        customerId: a.id,
        at,
        batchId: null,
        by: 'user',
        changes: changesOf(present[i]!, a),
      }));
      await db.customers.bulkPut(after); // identity keys untouched, as in applyBulk
      await db.history.bulkAdd(history);
      await regradeCustomers(db, record.customerIds, ruleSet, now);
    }
    await db.settings.put({ key: BULK_LAST_KEY, value: { ...record, undone: false } });
    return { ok: true, kind: record.action.kind, redone: record.customerIds.length };
  });
}
