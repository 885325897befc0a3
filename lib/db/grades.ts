// Grades stored with each customer (docs/grading.md#g06-when-grades-are-worked-out): "recomputed on capture, on a
// follow-up, on a rule change and at local midnight (so 'due today' is right
// every morning); they are stored with the customer so views and sheets can
// sort and filter on them". Grading itself is lib/grading's; this module reads
// customers, grades them with the active rule set and writes the flat
// GradeSummary back.
//
// A whole-store re-grade runs in ONE transaction (a rule change lands whole or
// not at all) but reads and writes the store in chunks of GRADE_CHUNK, so
// 100,000 customers are never all in memory: the next chunk is read while the
// current one is graded and its put is queued, which lets IndexedDB write one
// chunk while JavaScript grades the next.
import { announceTableChanged, putInTransaction } from './direct';
import { FIELD_NAMES } from '../customer';
import { localDateOf } from '../calendar';
import type { Bilingual } from '../i18n';
import {
  DEFAULT_RULE_SET,
  buildGradingContext,
  createGrader,
  diffGrades,
  type GradeDiff,
  type GradeInput,
  type GradeSummary,
  type Grader,
  type GradingContext,
  type RuleSet,
} from '../grading';
import { ACTIVE_RULE_SET } from '../settings';
import type { DealerLensDB } from './database';
import { activeRuleSet, isBuiltInRuleSet, loadRuleSet, saveRuleSet, type RuleSetResult } from './ruleSets';
import { settingsOf } from './settings';
import type { StoredCustomer } from './types';

/** Customers read, graded and written per step of a whole-store re-grade. */
export const GRADE_CHUNK = 2000;

/** Settings row: when and by which rule set the whole store was last graded. */
export const LAST_GRADED_KEY = 'grading.lastGraded';
/** Settings row: the store-wide figures (value quintiles) of the last whole-store grading, reused on capture. */
export const GRADING_CONTEXT_KEY = 'grading.context';

export interface LastGraded {
  /** The user's local day of the grading, 'YYYY-MM-DD'. */
  day: string;
  at: string;
  ruleSetId: string;
  customers: number;
}

/** Two stored grade summaries are the same (flat records; `flags` is the one list). */
export function sameGrades(a: GradeSummary | undefined, b: GradeSummary | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a) as (keyof GradeSummary)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/**
 * Sets `customer.grades` from a grader (its day and context fixed by the
 * caller) and returns the customers whose grades changed: only those need
 * writing (a rule change or a new day changes some grades, not all).
 */
function gradeInto(customers: StoredCustomer[], grader: Grader): StoredCustomer[] {
  const gradings = grader.grade(customers as GradeInput[]);
  const changed: StoredCustomer[] = [];
  for (let i = 0; i < customers.length; i++) {
    const customer = customers[i]!;
    const grades = gradings[i]!.summary();
    if (sameGrades(customer.grades, grades)) continue;
    customer.grades = grades;
    changed.push(customer);
  }
  return changed;
}

/** The store-wide figures of the last whole-store grading (value quintiles), as captures and previews use them. */
export async function loadGradingContext(db: DealerLensDB): Promise<GradingContext> {
  return storedContext(db);
}

async function storedContext(db: DealerLensDB): Promise<GradingContext> {
  const row = await db.settings.get(GRADING_CONTEXT_KEY);
  return (row?.value as { context?: GradingContext } | undefined)?.context ?? {};
}

/**
 * The hook a capture calls on the customers it creates or changes, a step at a time, in its
 * transaction (CaptureInput.prepare): grades by the active rule set on the
 * capture's day. Store-wide figures (value quintiles) are those of the last
 * whole-store grading: one capture does not move the store's quintiles enough
 * to re-read 100,000 customers for it, and the midnight re-grade refreshes them.
 */
export async function captureGrader(db: DealerLensDB, now: Date): Promise<(customers: StoredCustomer[]) => void> {
  const [ruleSet, context] = await Promise.all([activeRuleSet(db), storedContext(db)]);
  const grader = createGrader(ruleSet, now, context);
  return (customers) => void gradeInto(customers, grader);
}

/**
 * Re-grades the given customers by `ruleSet` and writes back those whose
 * grades changed; for callers that change a few customers (a follow-up
 * logged, docs/grading.md#g06-when-grades-are-worked-out). Ids not stored are skipped. Returns how many changed.
 */
export async function regradeCustomers(
  db: DealerLensDB,
  ids: readonly string[],
  ruleSet: Readonly<RuleSet>,
  now: Date,
): Promise<number> {
  return db.transaction('rw', [db.customers, db.settings], async () => {
    const found = (await db.customers.bulkGet([...ids])).filter((c): c is StoredCustomer => c !== undefined);
    if (found.length === 0) return 0;
    const changed = gradeInto(found, createGrader(ruleSet, now, await storedContext(db)));
    if (changed.length > 0) await db.customers.bulkPut(changed);
    return changed.length;
  });
}

/** True when a rule set has a standard that needs figures of the whole store (value tier by quintiles). */
function needsContext(ruleSet: Readonly<RuleSet>): boolean {
  return Object.values(buildGradingContext([], ruleSet)).some((v) => v !== undefined);
}

/**
 * Walks the whole store in primary-key order, GRADE_CHUNK customers at a time;
 * the next chunk's read is queued before `visit` runs on the current one.
 * Must run inside a transaction over db.customers.
 */
async function eachChunk(db: DealerLensDB, visit: (chunk: StoredCustomer[]) => void): Promise<void> {
  const read = (after: string | undefined) =>
    (after === undefined ? db.customers.orderBy(':id') : db.customers.where(':id').above(after))
      .limit(GRADE_CHUNK)
      .toArray();
  let chunk = await read(undefined);
  while (chunk.length > 0) {
    const next = chunk.length < GRADE_CHUNK ? null : read(chunk[chunk.length - 1]!.id);
    visit(chunk);
    if (!next) break;
    chunk = await next;
  }
}

/**
 * Store-wide figures for a rule set. Contexts read canonical customer fields
 * only, so the pass keeps just those (not `extra`, provenance, grades): the
 * store's customers are never all in memory whole.
 */
async function contextOfStore(db: DealerLensDB, ruleSet: Readonly<RuleSet>): Promise<GradingContext> {
  if (!needsContext(ruleSet)) return {};
  const fields: GradeInput[] = [];
  await eachChunk(db, (chunk) => {
    for (const customer of chunk) {
      const projection: Record<string, unknown> = {};
      for (const field of FIELD_NAMES) if (customer[field] !== undefined) projection[field] = customer[field];
      fields.push(projection as GradeInput);
    }
  });
  return buildGradingContext(fields, ruleSet);
}

/** Customers graded by a whole-store re-grade, and how many of them changed grade (the ones written). */
export interface RegradeCount {
  graded: number;
  changed: number;
}

/**
 * Re-grades every stored customer and writes back those whose grades changed;
 * must run inside a rw transaction over customers and settings.
 */
async function regradeStore(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<RegradeCount> {
  const context = await contextOfStore(db, ruleSet);
  const grader = createGrader(ruleSet, now, context);
  const at = now.toISOString();
  const count: RegradeCount = { graded: 0, changed: 0 };
  const writes: Promise<unknown>[] = [];
  await eachChunk(db, (chunk) => {
    const changed = gradeInto(chunk, grader);
    // Straight on the native transaction: Dexie's per-row middleware alone cost ~1.2x a raw put here.
    if (changed.length > 0) writes.push(putInTransaction(db.customers, changed));
    count.graded += chunk.length;
    count.changed += changed.length;
  });
  await Promise.all(writes);
  if (count.changed > 0) announceTableChanged(db, 'customers');
  const last: LastGraded = { day: localDateOf(now), at, ruleSetId: ruleSet.id, customers: count.graded };
  await db.settings.bulkPut([
    { key: LAST_GRADED_KEY, value: last },
    { key: GRADING_CONTEXT_KEY, value: { ruleSetId: ruleSet.id, at, context } },
  ]);
  return count;
}

/** Re-grades every customer by `ruleSet` and writes back those whose grades changed, in one transaction. */
export async function regradeAll(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<RegradeCount> {
  return db.transaction('rw', [db.customers, db.settings], async () => await regradeStore(db, ruleSet, now));
}

export type ApplyResult = ({ ok: true; undo: RuleChangeUndo } & RegradeCount) | Extract<RuleSetResult, { ok: false }>;

/** What a rule change replaced, for undoRuleChange (docs/architecture.md#the-data-layer). */
export interface RuleChangeUndo {
  /** The rule set active before the change. */
  previousActive: string;
  /** The rule set the change made active. */
  applied: string;
  /** The applied set as it was stored before, when the change edited a stored copy. */
  previousCopy?: RuleSet;
}

export type UndoRuleChangeResult =
  ({ ok: true; ruleSet: Readonly<RuleSet> } & RegradeCount) | { ok: false; reason: Bilingual };

export const RULE_CHANGE_SUPERSEDED: Bilingual = {
  zh: '之后又启用了别的规则，这次变更不能再撤销',
  en: 'another rule set was made active since; this change can no longer be undone',
};

/**
 * A rule change confirmed: stores the rule set (a manager's copy; a built-in
 * is used as it is in code), makes it the active one and re-grades every
 * customer, all in one transaction: the store never holds grades of a rule
 * set that is not active. An invalid rule set is refused whole. The result
 * carries what undoRuleChange needs to put the rules and grades back.
 */
export async function applyRuleSet(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<ApplyResult> {
  return db.transaction('rw', [db.customers, db.settings, db.ruleSets], async (): Promise<ApplyResult> => {
    const previousActive = (await activeRuleSet(db)).id;
    // A preset is graded by its code copy, whatever was passed under its id (presets are read-only).
    const builtIn = isBuiltInRuleSet(ruleSet.id);
    const used = builtIn ? (await loadRuleSet(db, ruleSet.id))! : ruleSet;
    const undo: RuleChangeUndo = { previousActive, applied: used.id };
    if (!builtIn) {
      const before = await db.ruleSets.get(ruleSet.id);
      if (before) undo.previousCopy = before.ruleSet as RuleSet;
      const saved = await saveRuleSet(db, ruleSet as RuleSet, now);
      if (!saved.ok) return saved;
    }
    await settingsOf(db).set(ACTIVE_RULE_SET, used.id);
    return { ok: true, undo, ...(await regradeStore(db, used, now)) };
  });
}

/**
 * Takes a rule change back: the edited copy as it was stored before, the
 * rule set active before, and every customer re-graded by it, in one
 * transaction. Refused, changing nothing, once another rule set was made
 * active since. A copy the change created stays saved (it is the manager's
 * work), only no longer active.
 */
export async function undoRuleChange(db: DealerLensDB, undo: RuleChangeUndo, now: Date): Promise<UndoRuleChangeResult> {
  return db.transaction('rw', [db.customers, db.settings, db.ruleSets], async (): Promise<UndoRuleChangeResult> => {
    if ((await activeRuleSet(db)).id !== undo.applied) return { ok: false, reason: RULE_CHANGE_SUPERSEDED };
    if (undo.previousCopy) {
      const restored = await saveRuleSet(db, undo.previousCopy, now);
      if (!restored.ok) return { ok: false, reason: RULE_CHANGE_SUPERSEDED };
    }
    const previous = (await loadRuleSet(db, undo.previousActive)) ?? DEFAULT_RULE_SET;
    await settingsOf(db).set(ACTIVE_RULE_SET, previous.id);
    return { ok: true, ruleSet: previous, ...(await regradeStore(db, previous, now)) };
  });
}

/** Adds one chunk's diff into a running total. */
function addDiff(total: GradeDiff, part: GradeDiff): void {
  total.total += part.total;
  total.changed += part.changed;
  for (const [standard, d] of Object.entries(part.byStandard) as [
    keyof GradeDiff['byStandard'],
    { changed: number; transitions: Record<string, number> },
  ][]) {
    const into = (total.byStandard[standard] ??= { changed: 0, transitions: {} });
    into.changed += d.changed;
    for (const [key, n] of Object.entries(d.transitions)) into.transitions[key] = (into.transitions[key] ?? 0) + n;
  }
}

/** A rule change's effect: grade changes by standard, plus follow-up dates that move without a grade change. */
export interface RegradePreview extends GradeDiff {
  /** Customers whose next follow-up or expected service date would move (a cadence edit moves dates, not grades). */
  dueChanged: number;
}

/**
 * What applying `candidate` would change, by standard, before the manager
 * confirms (docs/grading.md#g02-validation-and-what-a-rule-change-shows-first): the grades stored with each customer against the
 * candidate's grades today. Nothing is written. A customer never graded yet is
 * compared with the active rule set's grades today, so it does not count as
 * changed merely for lacking stored grades.
 */
export async function previewRegrade(
  db: DealerLensDB,
  candidate: Readonly<RuleSet>,
  now: Date,
): Promise<RegradePreview> {
  return db.transaction('r', [db.customers, db.settings, db.ruleSets], async () => {
    const candidateGrader = createGrader(candidate, now, await contextOfStore(db, candidate));
    // With the stored context, as a capture grades: the active rule set's grades as the customer would have them now.
    const current = createGrader(await activeRuleSet(db), now, await storedContext(db));
    const total: RegradePreview = { total: 0, changed: 0, byStandard: {}, dueChanged: 0 };
    await eachChunk(db, (chunk) => {
      const ungraded = chunk.filter((c) => !c.grades);
      const gradings = ungraded.length > 0 ? current.grade(ungraded as GradeInput[]) : [];
      let u = 0;
      const before: GradeSummary[] = chunk.map((c) => c.grades ?? gradings[u++]!.summary());
      const after = candidateGrader.grade(chunk as GradeInput[]).map((g) => g.summary());
      addDiff(total, diffGrades(before, after));
      for (let i = 0; i < chunk.length; i++) {
        if (before[i]!.nextDueAt !== after[i]!.nextDueAt || before[i]!.serviceDueAt !== after[i]!.serviceDueAt)
          total.dueChanged++;
      }
    });
    return total;
  });
}

/**
 * Re-grades the whole store when it was last graded on an earlier local day
 * (or by another rule set): at browser start-up and when the midnight alarm
 * fires. True when it re-graded.
 */
export async function regradeIfStale(db: DealerLensDB, now: Date): Promise<boolean> {
  return db.transaction('rw', [db.customers, db.settings, db.ruleSets], async () => {
    const [ruleSet, row] = await Promise.all([activeRuleSet(db), db.settings.get(LAST_GRADED_KEY)]);
    const last = row?.value as LastGraded | undefined;
    if (last && last.day === localDateOf(now) && last.ruleSetId === ruleSet.id) return false;
    await regradeStore(db, ruleSet, now);
    return true;
  });
}

/** When the last whole-store grading ran, if ever. */
export async function lastGraded(db: DealerLensDB): Promise<LastGraded | undefined> {
  return (await db.settings.get(LAST_GRADED_KEY))?.value as LastGraded | undefined;
}

/**
 * Customers to try a rule set on (the options page's 试算 panel): by mobile
 * prefix (digits) or by a part of the name, at most `limit`.
 */
export async function findCustomersToTry(db: DealerLensDB, query: string, limit = 20): Promise<StoredCustomer[]> {
  const q = query.trim();
  if (q === '') return db.customers.orderBy('updatedAt').reverse().limit(limit).toArray();
  if (/^\d{3,}$/.test(q)) {
    const byPhone = await db.customers.where('phone').startsWith(q).limit(limit).toArray();
    if (byPhone.length > 0) return byPhone;
  }
  return db.customers
    .filter((c) => (c.name ?? '').includes(q) || (c.phone ?? '').includes(q))
    .limit(limit)
    .toArray();
}
