// lib/grading: the standards of docs/grading.md as editable, explainable rule sets.
// The public surface only: the run API (docs/grading.md#g010-the-run-api), the rule
// sets, the standards' names and grades, and the words and constants callers
// show. The engine (facts, runs, tables, cursors, Why) stays inside.
export {
  buildGradingContext,
  createGrader,
  diffGrades,
  entryOf,
  gradeAll,
  gradeCustomer,
  gradeLabel,
  gradeLabels,
  type CustomerGrading,
  type GradeAllOptions,
  type GradeDiff,
  type GradeSummary,
  type Grader,
  type GradingContext,
  type StandardGrading,
} from './grade';
export {
  FLAG_IDS,
  FLAG_LABELS,
  INSUFFICIENT,
  INSUFFICIENT_LABEL,
  NOT_APPLICABLE,
  NOT_APPLICABLE_LABEL,
  STANDARD_IDS,
  type Bilingual,
  type FlagId,
  type GradeInput,
  type StandardId,
  type ValidationError,
} from './types';
export { STANDARD_INFO as STANDARDS, standardById, type StandardInfo } from './registry';
export {
  BUILT_IN_RULE_SETS,
  copyRuleSet,
  DEFAULT_RULE_SET,
  FUNNEL_RULE_SET,
  migrateRuleSet,
  RULE_SET_VERSION,
  validateRuleSet,
  type RuleSet,
} from './ruleset';
export { PASSENGER_INTENT, FUNNEL_INTENT, type IntentParams } from './intent';
export { intentGradeLabels } from './letters';
export { CHURN_DEFAULTS, type ChurnParams, type ChurnRule } from './churn';
export { AFTERSALES_DEFAULTS } from './aftersales';
export { DEFEAT_REASONS } from './defeated';
export { followUpCadences } from './cadences';
