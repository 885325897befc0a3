// Rule sets: the standards' parameters as JSON data, versioned, with the
// presets of docs/grading.md#g01-rule-sets built in and read-only (defaults, derived
// type and migrations in one module). A manager copies a preset and edits the
// copy; validateRuleSet refuses an invalid edit with the path of each bad field.
import { AFTERSALES_DEFAULTS, type AftersalesParams } from './aftersales';
import { CHURN_DEFAULTS, type ChurnParams } from './churn';
import { DEFEATED_DEFAULTS, type DefeatedParams } from './defeated';
import { FUNNEL_INTENT, PASSENGER_INTENT, type IntentParams } from './intent';
import { LOYALTY_DEFAULTS, type LoyaltyParams } from './loyalty';
import { STANDARDS } from './registry';
import { SATISFACTION_DEFAULTS, type SatisfactionParams } from './satisfaction';
import { Checker, isRecord, join } from './schema';
import { STANDARD_IDS, type Bilingual, type StandardId, type ValidationError } from './types';
import { VALUE_DEFAULTS, type ValueParams } from './value';

export interface StandardsParams {
  intent: IntentParams;
  loyalty: LoyaltyParams;
  value: ValueParams;
  churn: ChurnParams;
  aftersales: AftersalesParams;
  satisfaction: SatisfactionParams;
  defeated: DefeatedParams;
}

export interface RuleSet {
  id: string;
  name: Bilingual;
  /** The shape's version (RULE_SET_VERSION when written by this code). */
  version: number;
  builtIn: boolean;
  /** The rule set this one was copied from. */
  basedOn?: string;
  standards: StandardsParams;
}

export const RULE_SET_VERSION = 1;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const baseStandards = (intent: IntentParams): StandardsParams =>
  clone({
    intent,
    loyalty: LOYALTY_DEFAULTS,
    value: VALUE_DEFAULTS,
    churn: CHURN_DEFAULTS,
    aftersales: AFTERSALES_DEFAULTS,
    satisfaction: SATISFACTION_DEFAULTS,
    defeated: DEFEATED_DEFAULTS,
  });

/** docs/grading.md#g01-rule-sets with every other standard at its preset. */
export const DEFAULT_RULE_SET: Readonly<RuleSet> = deepFreeze({
  id: 'builtin:passenger',
  name: { zh: '乘用车跟踪标准', en: 'Passenger-car follow-up standard' },
  version: RULE_SET_VERSION,
  builtIn: true,
  standards: baseStandards(PASSENGER_INTENT),
});

/** docs/grading.md#g2-the-a-b-c-d-purchase-funnel purchase funnel (销售漏斗) for leads; the rest as the default. */
export const FUNNEL_RULE_SET: Readonly<RuleSet> = deepFreeze({
  id: 'builtin:funnel',
  name: { zh: '销售漏斗 A-B-C-D', en: 'Purchase funnel A-B-C-D' },
  version: RULE_SET_VERSION,
  builtIn: true,
  standards: baseStandards(FUNNEL_INTENT),
});

export const BUILT_IN_RULE_SETS: readonly Readonly<RuleSet>[] = [DEFAULT_RULE_SET, FUNNEL_RULE_SET];

/** An editable copy of a rule set (built-in ones are read-only). */
export function copyRuleSet(source: Readonly<RuleSet>, id: string, name: Bilingual): RuleSet {
  return {
    id,
    name: { ...name },
    version: RULE_SET_VERSION,
    builtIn: false,
    basedOn: source.id,
    standards: clone(source.standards),
  };
}

export type ValidationResult = { ok: true } | { ok: false; errors: ValidationError[] };

/** Checks a whole rule set; every error names the field's path, e.g. 'standards.churn.warningShare'. */
export function validateRuleSet(ruleSet: unknown): ValidationResult {
  const errors: ValidationError[] = [];
  const c = new Checker(errors);
  if (c.object(ruleSet, '', ['id', 'name', 'version', 'builtIn', 'standards'], ['basedOn'])) {
    c.text(ruleSet.id, 'id');
    if (c.object(ruleSet.name, 'name', ['zh', 'en'])) {
      c.text(ruleSet.name.zh, 'name.zh');
      if (typeof ruleSet.name.en !== 'string') c.fail('name.en', '应为文字', 'must be text');
    }
    if (ruleSet.version !== RULE_SET_VERSION)
      c.fail(
        'version',
        `版本应为 ${RULE_SET_VERSION} (旧版本请先迁移)`,
        `version must be ${RULE_SET_VERSION} (migrate older ones first)`,
      );
    c.bool(ruleSet.builtIn, 'builtIn');
    if (ruleSet.basedOn !== undefined) c.text(ruleSet.basedOn, 'basedOn');
    if (c.object(ruleSet.standards, 'standards', STANDARD_IDS)) {
      for (const s of STANDARDS) s.validate(ruleSet.standards[s.id], join('standards', s.id), errors);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

/**
 * Steps from one stored version to the next: entry i turns version i + 1 into
 * version i + 2. Add one whenever RULE_SET_VERSION goes up.
 */
export const RULE_SET_MIGRATIONS: readonly ((ruleSet: Record<string, unknown>) => Record<string, unknown>)[] = [];

/**
 * Brings a stored rule set up to RULE_SET_VERSION: runs the version steps, then
 * fills what an older rule set lacks (a standard added since, or a parameter
 * added to a standard) from the defaults; a standard it did not know is added
 * switched off, so a saved rule set never starts grading by a standard nobody
 * chose. The result still goes through validateRuleSet.
 */
export function migrateRuleSet(stored: unknown): unknown {
  if (!isRecord(stored)) return stored;
  let ruleSet = clone(stored);
  let version = typeof ruleSet.version === 'number' && ruleSet.version >= 1 ? Math.floor(ruleSet.version) : 1;
  if (version > RULE_SET_VERSION) return ruleSet; // written by a newer DealerLens: validation says so
  for (; version < RULE_SET_VERSION; version++) ruleSet = RULE_SET_MIGRATIONS[version - 1]!(ruleSet);
  ruleSet.version = RULE_SET_VERSION;
  if (!isRecord(ruleSet.standards)) return ruleSet;
  const standards = ruleSet.standards;
  for (const id of STANDARD_IDS) {
    const defaults = DEFAULT_RULE_SET.standards[id as StandardId] as unknown as Record<string, unknown>;
    if (standards[id] === undefined) standards[id] = { ...clone(defaults), enabled: false };
    else if (isRecord(standards[id])) fillMissing(standards[id], defaults);
  }
  return ruleSet;
}

function fillMissing(target: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in target)) target[key] = clone(value);
    else if (isRecord(target[key]) && isRecord(value) && key !== 'byModel' && key !== 'synonyms')
      fillMissing(target[key], value);
  }
}
