// Rule sets as stored (docs/grading.md#g01-rule-sets, "Rule sets"): the presets come from code and
// are read-only; a manager's copies are stored as written and brought up to
// the current shape by migrateRuleSet when read; the active rule set's id is a
// setting. Saving validates the whole rule set and refuses it whole, so a half
// edit is never stored.
import {
  BUILT_IN_RULE_SETS,
  DEFAULT_RULE_SET,
  migrateRuleSet,
  validateRuleSet,
  type Bilingual,
  type RuleSet,
  type ValidationError,
} from '../grading';
import { ACTIVE_RULE_SET } from '../settings';
import type { DealerLensDB } from './database';
import { settingsOf } from './settings';
import type { StoredRuleSet } from './types';

/** The settings row naming the active rule set (absent: DEFAULT_RULE_SET); the setting is lib/settings' ACTIVE_RULE_SET. */
export const ACTIVE_RULE_SET_KEY = ACTIVE_RULE_SET.key;

/** Ids of a manager's copies start with this; built-ins start with 'builtin:'. */
export const USER_RULE_SET_PREFIX = 'user:';

export function newRuleSetId(): string {
  return USER_RULE_SET_PREFIX + crypto.randomUUID();
}

export interface RuleSetListing {
  /** Migrated; when `errors` is set it is the migrated text as far as it goes, and cannot be used. */
  ruleSet: RuleSet;
  builtIn: boolean;
  active: boolean;
  savedAt?: string;
  /** A stored rule set that does not validate even after migration (e.g. written by a newer DealerLens). */
  errors?: ValidationError[];
}

export type RuleSetResult = { ok: true } | { ok: false; errors: ValidationError[] };

const builtInById = new Map(BUILT_IN_RULE_SETS.map((r) => [r.id, r]));

export const isBuiltInRuleSet = (id: string): boolean => builtInById.has(id);

/** A stored row made current: migrated, then validated. */
function readStored(row: StoredRuleSet): { ruleSet: RuleSet; errors?: ValidationError[] } {
  const migrated = migrateRuleSet(row.ruleSet) as RuleSet;
  const result = validateRuleSet(migrated);
  return result.ok ? { ruleSet: migrated } : { ruleSet: migrated, errors: result.errors };
}

async function activeId(db: DealerLensDB): Promise<string> {
  return (await settingsOf(db).get(ACTIVE_RULE_SET)) ?? DEFAULT_RULE_SET.id;
}

/** The built-in presets first (in code order), then the manager's copies by name. */
export async function listRuleSets(db: DealerLensDB): Promise<RuleSetListing[]> {
  const [active, rows] = await Promise.all([activeId(db), db.ruleSets.toArray()]);
  const builtIns: RuleSetListing[] = BUILT_IN_RULE_SETS.map((r) => ({
    ruleSet: r as RuleSet,
    builtIn: true,
    active: r.id === active,
  }));
  const stored: RuleSetListing[] = rows.map((row) => ({
    ...readStored(row),
    builtIn: false,
    active: row.id === active,
    savedAt: row.savedAt,
  }));
  stored.sort(
    (a, b) => a.ruleSet.name.zh.localeCompare(b.ruleSet.name.zh, 'zh-CN') || a.ruleSet.id.localeCompare(b.ruleSet.id),
  );
  return [...builtIns, ...stored];
}

/** A usable rule set by id (a built-in, or a stored copy that is valid after migration). */
export async function loadRuleSet(db: DealerLensDB, id: string): Promise<Readonly<RuleSet> | undefined> {
  const builtIn = builtInById.get(id);
  if (builtIn) return builtIn;
  const row = await db.ruleSets.get(id);
  if (!row) return undefined;
  const read = readStored(row);
  return read.errors ? undefined : read.ruleSet;
}

/**
 * The rule set grades are computed by. Falls back to DEFAULT_RULE_SET when
 * the setting names a rule set that is gone or no longer valid, so grading
 * never stops.
 */
export async function activeRuleSet(db: DealerLensDB): Promise<Readonly<RuleSet>> {
  return (await loadRuleSet(db, await activeId(db))) ?? DEFAULT_RULE_SET;
}

/**
 * Stores a manager's rule set, whole or not at all: every validation error is
 * returned with its field's path. Built-in presets are read-only (copy one
 * with copyRuleSet first).
 */
export async function saveRuleSet(db: DealerLensDB, ruleSet: RuleSet, now: Date): Promise<RuleSetResult> {
  const refused = refuseBuiltIn(ruleSet);
  if (refused) return refused;
  const result = validateRuleSet(ruleSet);
  if (!result.ok) return result;
  await db.ruleSets.put({ id: ruleSet.id, ruleSet: structuredClone(ruleSet), savedAt: now.toISOString() });
  return { ok: true };
}

function refuseBuiltIn(ruleSet: RuleSet): RuleSetResult | undefined {
  if (ruleSet.builtIn || isBuiltInRuleSet(ruleSet.id)) {
    return {
      ok: false,
      errors: [
        {
          path: 'builtIn',
          message: {
            zh: '内置规则不能修改, 请先复制为我的规则',
            en: 'built-in rule sets are read-only: copy one first',
          },
        },
      ],
    };
  }
  return undefined;
}

export type DeleteRuleSetResult = { ok: true } | { ok: false; reason: Bilingual };

/** Deletes a manager's copy; built-ins and the active rule set cannot be deleted (activate another first). */
export async function deleteRuleSet(db: DealerLensDB, id: string): Promise<DeleteRuleSetResult> {
  if (isBuiltInRuleSet(id))
    return { ok: false, reason: { zh: '内置规则不能删除', en: 'built-in rule sets cannot be deleted' } };
  return db.transaction('rw', [db.ruleSets, db.settings], async (): Promise<DeleteRuleSetResult> => {
    if ((await activeId(db)) === id)
      return {
        ok: false,
        reason: {
          zh: '正在使用的规则不能删除, 请先启用其他规则',
          en: 'the active rule set cannot be deleted: use another one first',
        },
      };
    await db.ruleSets.delete(id);
    return { ok: true };
  });
}

/**
 * Names the active rule set (only the setting: applyRuleSet in grades.ts also
 * re-grades every customer, which is what a view wants). Refuses an id that is
 * not a usable rule set.
 */
export async function setActiveRuleSet(db: DealerLensDB, id: string): Promise<RuleSetResult> {
  return db.transaction('rw', [db.ruleSets, db.settings], async (): Promise<RuleSetResult> => {
    if (!(await loadRuleSet(db, id)))
      return {
        ok: false,
        errors: [{ path: 'id', message: { zh: `没有可用的规则 “${id}”`, en: `no usable rule set "${id}"` } }],
      };
    await settingsOf(db).set(ACTIVE_RULE_SET, id);
    return { ok: true };
  });
}
