// The follow-up log (docs/workbench.md#logging-a-follow-up, "Log a follow-up"): channel, outcome, optional
// new grade or stage, note, next contact date. Logging one lands whole in ONE
// transaction: the log entry, the customer's follow-up summary (what grading
// reads), the stage / defeat reason it set as user-edited fields (a later
// capture never overwrites them: docs/capture.md#merge-rules merge rules), a history record by
// 'user', and the customer's re-grade, so the next due date moves at once.
// The last follow-up logged can be undone, and an undone one redone, until
// another change is made (FOLLOW_UP_LAST_KEY; a bulk action drops its redo).
// Follow-ups are user data: captures never read or write db.followups.
import type { FieldName } from '../customer';
import { addDays, localDateTimeOf } from '../calendar';
import {
  auditFollowUps,
  sortKey,
  summarizeFollowUps,
  type AuditCustomer,
  type ConsultantChange,
  type AuditReport,
  type FollowUp,
  type FollowUpSummary,
} from '../followup';
import { followUpCadences, type RuleSet } from '../grading';
import type { DealerLensDB } from './database';
import { regradeCustomers } from './grades';
import { activeRuleSet } from './ruleSets';
import { diffForHistory } from './merge';
import type { FieldChange, HistoryRecord, StoredCustomer } from './types';
import { BULK_LAST_KEY, FOLLOW_UP_LAST_KEY, dropRedo } from './undo';

export { FOLLOW_UP_LAST_KEY };

/** The history `field` of a logged follow-up (its `to` is the follow-up's id). */
export const HISTORY_FOLLOW_UP = 'followUp';
/** The history `field` of the consultant's own intent grade (FollowUpSummary.grade). */
export const HISTORY_MANUAL_GRADE = 'followUp.grade';

export const FOLLOW_UP_CUSTOMER_NOT_FOUND = '找不到这位客户 / this customer was not found';
export const FOLLOW_UP_UNDO_NOTHING = '没有可撤销的跟进记录 / there is no follow-up to undo';
export const FOLLOW_UP_REDO_NOTHING = '没有可重做的跟进记录 / there is no follow-up to redo';
export const FOLLOW_UP_CHANGED_LATER = '这位客户之后又被修改过，请先刷新 / this customer changed since; reload first';

/**
 * The last follow-up logged, as kept for its undo and redo. Lists of one, in
 * the shape of a bulk action's record, so that forgetting the customer
 * (forget.ts) scrubs it the same way.
 */
export interface FollowUpRecord {
  customerIds: string[];
  followUps: FollowUp[];
  /** The customer before the follow-up, and as the follow-up left it (before re-grading). */
  before: StoredCustomer[];
  after: StoredCustomer[];
  undone: boolean;
}

export type FollowUpUndoResult = { ok: true; customer: StoredCustomer } | { ok: false; reason: string };

/**
 * The customer's summary from their log, keeping a grade set outside the log
 * (a bulk "set grade") when it is later than the log's own: the summary holds
 * the latest grade, with when, whoever set it.
 */
export function foldFollowUps(previous: FollowUpSummary | undefined, log: readonly FollowUp[]): FollowUpSummary {
  const summary = summarizeFollowUps(log);
  // An event invitation is made by a contact after it was set; a contact logged back-dated before it leaves it owed.
  const invitation = previous?.invitation;
  if (
    invitation &&
    !(summary.lastContactAt !== undefined && sortKey(summary.lastContactAt) >= sortKey(invitation.setAt))
  )
    summary.invitation = invitation;
  if (previous?.grade !== undefined && previous.gradeAt !== undefined) {
    const logGradeKey = summary.gradeAt === undefined ? -Infinity : sortKey(summary.gradeAt);
    if (sortKey(previous.gradeAt) > logGradeKey) {
      summary.grade = previous.grade;
      summary.gradeAt = previous.gradeAt;
    }
  }
  return summary;
}

/** Adds fields to a customer's userEdited list (kept unique, in order). */
export function markUserEdited(customer: StoredCustomer, fields: readonly FieldName[]): void {
  for (const field of fields) if (!customer.userEdited.includes(field)) customer.userEdited.push(field);
}

export type FollowUpInput = Omit<FollowUp, 'id'> & { id?: string };

export interface LoggedFollowUp {
  followUp: FollowUp;
  /** The customer as stored after the follow-up, re-graded. */
  customer: StoredCustomer;
}

/**
 * Logs one follow-up (see the file header). `ruleSet` is the active one
 * (activeRuleSet), passed in so a caller logging several reads it once.
 * Throws FOLLOW_UP_CUSTOMER_NOT_FOUND when the customer is not stored.
 */
export async function logFollowUp(
  db: DealerLensDB,
  input: FollowUpInput,
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<LoggedFollowUp> {
  const followUp: FollowUp = { ...input, id: input.id ?? crypto.randomUUID() };
  const tables = [db.customers, db.followUps, db.history, db.settings];
  return db.transaction('rw', tables, async () => {
    const before = await db.customers.get(followUp.customerId);
    if (!before) throw new Error(FOLLOW_UP_CUSTOMER_NOT_FOUND);
    await db.followUps.put(followUp);
    const log = await db.followUps.where('customerId').equals(followUp.customerId).toArray();

    const after: StoredCustomer = { ...before, userEdited: [...before.userEdited], updatedAt: now.toISOString() };
    after.followUp = foldFollowUps(before.followUp, log);
    if (followUp.newStage !== undefined) {
      after.stage = followUp.newStage;
      markUserEdited(after, ['stage']);
      // docs/grading.md#g82-defeat-reasons: every defeated customer carries a defeat reason.
      if (followUp.newStage === 'defeated' && followUp.defeatReason) {
        after.defeatReason = followUp.defeatReason;
        markUserEdited(after, ['defeatReason']);
      }
    }

    const changes: FieldChange[] = [
      { field: HISTORY_FOLLOW_UP, from: null, to: followUp.id },
      ...diffForHistory(before, after),
    ];
    if (before.followUp?.grade !== after.followUp.grade) {
      changes.push({
        field: HISTORY_MANUAL_GRADE,
        from: before.followUp?.grade ?? null,
        to: after.followUp.grade ?? null,
      });
    }
    const record: HistoryRecord = { customerId: after.id, at: after.updatedAt, batchId: null, by: 'user', changes };
    await db.history.add(record);
    const last: FollowUpRecord = {
      customerIds: [after.id],
      followUps: [followUp],
      before: [before],
      after: [after],
      undone: false,
    };
    await db.settings.put({ key: FOLLOW_UP_LAST_KEY, value: last });
    await dropRedo(db, BULK_LAST_KEY);
    // A follow-up never changes mobile, VIN or portal id, so the identity
    // directory is untouched and a plain put keeps it in step; saveCustomer
    // would also count the store to check the directory (~120 ms at 100,000
    // customers in Chromium), the largest cost of logging one.
    await db.customers.put(after);
    await regradeCustomers(db, [after.id], ruleSet, now);
    return { followUp, customer: (await db.customers.get(after.id))! };
  });
}

/** Settings row: the version of the follow-up summaries stored with customers. */
export const SUMMARY_VERSION_KEY = 'followUps.summaryVersion';
/** 2: summaries hold every contact's day and the SMS a store visit still owes. */
const SUMMARY_VERSION = 2;

/**
 * Folds again the summaries of customers whose log was folded before the
 * summaries held every contact's day (a delivered customer's calls are made
 * one contact each), then re-grades them; once per store. Returns how many
 * customers it refolded.
 */
export async function refoldFollowUpSummaries(db: DealerLensDB, now: Date): Promise<number> {
  const ids = await db.transaction('rw', [db.customers, db.followUps, db.settings], async () => {
    const row = await db.settings.get(SUMMARY_VERSION_KEY);
    if (typeof row?.value === 'number' && row.value >= SUMMARY_VERSION) return [];
    const logs = new Map<string, FollowUp[]>();
    await db.followUps.each((f) => {
      const log = logs.get(f.customerId);
      if (log) log.push(f);
      else logs.set(f.customerId, [f]);
    });
    const customers = (await db.customers.bulkGet([...logs.keys()])).filter(
      (c): c is StoredCustomer => c !== undefined,
    );
    for (const c of customers) c.followUp = foldFollowUps(c.followUp, logs.get(c.id)!);
    await db.customers.bulkPut(customers);
    await db.settings.put({ key: SUMMARY_VERSION_KEY, value: SUMMARY_VERSION });
    return customers.map((c) => c.id);
  });
  if (ids.length > 0) await regradeCustomers(db, ids, await activeRuleSet(db), now);
  return ids.length;
}

/** The last follow-up logged, undone or not. */
export async function lastFollowUp(db: DealerLensDB): Promise<FollowUpRecord | undefined> {
  return (await db.settings.get(FOLLOW_UP_LAST_KEY))?.value as FollowUpRecord | undefined;
}

/** The follow-up's changes to the customer, as history: from one state to the other. */
function followUpChanges(from: StoredCustomer, to: StoredCustomer, followUpId: string, logged: boolean): FieldChange[] {
  const changes: FieldChange[] = [
    { field: HISTORY_FOLLOW_UP, from: logged ? null : followUpId, to: logged ? followUpId : null },
    ...diffForHistory(from, to),
  ];
  if (from.followUp?.grade !== to.followUp?.grade)
    changes.push({ field: HISTORY_MANUAL_GRADE, from: from.followUp?.grade ?? null, to: to.followUp?.grade ?? null });
  return changes;
}

/**
 * Undoes the last follow-up logged: the entry leaves the log, the customer is
 * as before it (re-graded for `now`), with a history record by 'undo'.
 * Refused when the customer changed since (the undo would lose that change).
 */
export function undoFollowUp(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<FollowUpUndoResult> {
  return stepFollowUp(db, ruleSet, now, 'undo');
}

/**
 * Redoes the last follow-up after its undo: the same entry back in the log and
 * the customer exactly as it left them (re-graded for `now`), with a history
 * record by 'user'. Refused when the customer changed since the undo; offered
 * only until another follow-up or bulk action is made.
 */
export function redoFollowUp(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<FollowUpUndoResult> {
  return stepFollowUp(db, ruleSet, now, 'redo');
}

/** Undo and redo are one move between the record's two states, in opposite directions. */
function stepFollowUp(
  db: DealerLensDB,
  ruleSet: Readonly<RuleSet>,
  now: Date,
  step: 'undo' | 'redo',
): Promise<FollowUpUndoResult> {
  const undo = step === 'undo';
  return db.transaction(
    'rw',
    [db.customers, db.followUps, db.history, db.settings],
    async (): Promise<FollowUpUndoResult> => {
      const record = await lastFollowUp(db);
      const [followUp, before, after] = [record?.followUps[0], record?.before[0], record?.after[0]];
      if (!record || Boolean(record.undone) === undo || !followUp || !before || !after)
        return { ok: false, reason: undo ? FOLLOW_UP_UNDO_NOTHING : FOLLOW_UP_REDO_NOTHING };
      const [from, to] = undo ? [after, before] : [before, after];
      const current = await db.customers.get(from.id);
      if (current?.updatedAt !== from.updatedAt) return { ok: false, reason: FOLLOW_UP_CHANGED_LATER };
      if (undo) await db.followUps.delete(followUp.id);
      else await db.followUps.put(followUp);
      await db.history.add({
        customerId: current.id,
        at: now.toISOString(),
        batchId: null,
        by: undo ? 'undo' : 'user',
        changes: followUpChanges(current, to, followUp.id, !undo),
      });
      await db.customers.put(to); // identity keys untouched, as in logFollowUp
      await regradeCustomers(db, [current.id], ruleSet, now);
      await db.settings.put({ key: FOLLOW_UP_LAST_KEY, value: { ...record, undone: undo } });
      return { ok: true, customer: (await db.customers.get(current.id))! };
    },
  );
}

/** One customer's follow-ups, newest first. */
export async function followUpsOf(db: DealerLensDB, customerId: string): Promise<FollowUp[]> {
  const log = await db.followUps.where('customerId').equals(customerId).toArray();
  return log
    .map((f) => ({ f, key: sortKey(f.at) }))
    .sort((a, b) => (b.key || 0) - (a.key || 0))
    .map(({ f }) => f);
}

export interface DueCounts {
  /** Follow-ups falling due today. */
  due: number;
  /** Follow-ups past their due day (docs/grading.md#g05-due-day-calendar-days-in-the-users-zone: overdue from the day after). */
  overdue: number;
}

/**
 * Today's due and overdue follow-ups, as range reads on the
 * 'grades.nextDueAt' index ('YYYY-MM-DD' sorts as text): the badge count is
 * their sum. `today` is the user's local day (localDateOf).
 */
export async function countDue(db: DealerLensDB, today: string): Promise<DueCounts> {
  const index = db.customers.where('grades.nextDueAt');
  const [due, overdue] = await Promise.all([index.equals(today).count(), index.below(today).count()]);
  return { due, overdue };
}

/**
 * Customers due today or overdue, oldest due first; only `consultant`'s when
 * given (a consultant's own due list in the side panel).
 */
export async function dueCustomers(db: DealerLensDB, today: string, consultant?: string): Promise<StoredCustomer[]> {
  if (consultant === undefined) return db.customers.where('grades.nextDueAt').belowOrEqual(today).toArray();
  const mine = await db.customers
    .where('consultant')
    .equals(consultant)
    .filter((c) => c.grades?.nextDueAt !== undefined && c.grades.nextDueAt <= today)
    .toArray();
  return mine.sort((a, b) =>
    a.grades!.nextDueAt! < b.grades!.nextDueAt! ? -1 : a.grades!.nextDueAt! > b.grades!.nextDueAt! ? 1 : 0,
  );
}

/**
 * Every change of a customer's consultant recorded since the start of local
 * day `from` ('YYYY-MM-DD'), by customer: the audit gives each due to whoever
 * held the customer on its due day. History ids grow with time, so the walk
 * goes newest first and stops at the first record from before the period
 * (with a day's margin for time zones): an old store's history is not read.
 */
async function consultantChangesSince(db: DealerLensDB, from: string): Promise<Map<string, ConsultantChange[]>> {
  const byCustomer = new Map<string, ConsultantChange[]>();
  const stop = addDays(from, -1);
  await db.history
    .orderBy(':id')
    .reverse()
    .until((record) => record.at.slice(0, 10) < stop)
    .each((record) => {
      for (const change of record.changes) {
        if (change.field !== 'consultant') continue;
        const list = byCustomer.get(record.customerId) ?? [];
        list.push({ at: record.at, ...(typeof change.from === 'string' && { from: change.from }) });
        byCustomer.set(record.customerId, list);
      }
    });
  return byCustomer;
}

/**
 * The manager's audit (检核, docs/grading.md#a-the-follow-up-audit) of a period over the store: every
 * customer and the follow-ups logged up to the period's end, by the active
 * rule set's cadences (lib/followup auditFollowUps says what each number means).
 * A customer's grade before the log's changes is the portal's when the
 * consultant has set one since, else the stored intent grade.
 */
export async function auditStore(
  db: DealerLensDB,
  ruleSet: Readonly<RuleSet>,
  from: string,
  to: string,
  now: Date,
): Promise<AuditReport> {
  return db.transaction('r', [db.customers, db.followUps, db.history], async () => {
    const [stored, followUps, handOvers] = await Promise.all([
      db.customers.toArray(),
      // Follow-ups after the period's end meet dues of the period late: read up to today.
      db.followUps
        .where('at')
        .belowOrEqual(`${localDateTimeOf(now)}\uffff`)
        .toArray(),
      consultantChangesSince(db, from),
    ]);
    const customers: AuditCustomer[] = stored.map((c) => {
      const grade = c.followUp?.grade !== undefined ? (c.portalGrade ?? c.grades?.intent) : c.grades?.intent;
      const changes = handOvers.get(c.id);
      return {
        id: c.id,
        ...(c.consultant !== undefined && { consultant: c.consultant }),
        ...(grade !== undefined && { grade }),
        ...(c.stage !== undefined && { stage: c.stage }),
        ...(c.lastContactAt !== undefined && { lastContactAt: c.lastContactAt }),
        ...(c.firstVisitAt !== undefined && { firstVisitAt: c.firstVisitAt }),
        ...(c.deliveredAt !== undefined && { deliveredAt: c.deliveredAt }),
        ...(c.firstServiceDueAt !== undefined && { firstServiceDueAt: c.firstServiceDueAt }),
        ...(changes && { consultantChanges: changes }),
      };
    });
    return auditFollowUps({ customers, followUps, cadences: followUpCadences(ruleSet), from, to, now });
  });
}
