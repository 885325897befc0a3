// The one list of grading standards (docs/architecture.md#libgrading: a registry instead of a
// switch). Views, sheets and the options page iterate over it; its order is
// docs/grading.md of the issue.
import { aftersales } from './aftersales';
import { churn } from './churn';
import { defeated } from './defeated';
import { intent } from './intent';
import { loyalty } from './loyalty';
import type { StandardDefinition, StandardId } from './types';
import { satisfaction } from './satisfaction';
import { value } from './value';

export const STANDARDS = [intent, loyalty, value, churn, aftersales, satisfaction, defeated] as const;

/** Typed loosely on purpose: callers pass each standard its own params from the rule set. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStandard = StandardDefinition<any, any>;

const byId = new Map<StandardId, AnyStandard>(STANDARDS.map((s) => [s.id, s as AnyStandard]));

export function standardById(id: StandardId): AnyStandard {
  return byId.get(id)!;
}
