// lib/grading: the standards of docs/grading.md as editable, explainable rule sets.
export * from './types';
export { STANDARDS, standardById, type AnyStandard } from './registry';
export * from './ruleset';
export * from './grade';
export { EXTRA_KEYS } from './extra';
export { CustomerFacts } from './facts';
export { PASSENGER_INTENT, FUNNEL_INTENT, type IntentParams, type IntentBand } from './intent';
export { intentGradeLabels, stageGradeLabel, type LetterKind } from './letters';
export { LOYALTY_DEFAULTS, LOYALTY_ITEMS, holdsVehicle, type LoyaltyParams, type LoyaltyItem } from './loyalty';
export {
  VALUE_DEFAULTS,
  VALUE_GRADES,
  valueContext,
  type ValueParams,
  type ValueBand,
  type ValueContext,
  type ValueGrade,
} from './value';
export { CHURN_DEFAULTS, CHURN_MONTH_PRESETS, type ChurnParams, type ChurnRule } from './churn';
export { AFTERSALES_DEFAULTS, type AftersalesParams, type AftersalesRule, type Boundary } from './aftersales';
export {
  SATISFACTION_DEFAULTS,
  SATISFACTION_GRADES,
  type SatisfactionParams,
  type SatisfactionGrade,
} from './satisfaction';
export { DEFEATED_DEFAULTS, DEFEAT_REASONS, normaliseDefeatReason, type DefeatedParams } from './defeated';
export { followUpCadences, WIN_BACK_GRADE } from './cadences';
