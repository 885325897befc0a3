// The one list of grading standards (docs/architecture.md#libgrading: a registry instead of a
// switch). Views, sheets and the options page iterate over it; its order is
// docs/grading.md of the issue.
import { aftersales } from './aftersales';
import { churn } from './churn';
import { defeated } from './defeated';
import { intent } from './intent';
import { loyalty } from './loyalty';
import type { Bilingual, StandardDefinition, StandardId } from './types';
import { satisfaction } from './satisfaction';
import { value } from './value';

export const STANDARDS = [intent, loyalty, value, churn, aftersales, satisfaction, defeated] as const;

/** Typed loosely on purpose: callers pass each standard its own params from the rule set. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStandard = StandardDefinition<any, any>;

/** A standard as callers outside lib/grading read it: what it is called and the grades it gives. */
export interface StandardInfo {
  readonly id: StandardId;
  readonly name: Bilingual;
  /** Every grade id it gives (besides 数据不足 / 不适用), most urgent or valuable first, with labels. */
  readonly grades: readonly { readonly id: string; readonly label: Bilingual }[];
}

/** The registry as callers read it: the engine's hooks (prepare, gradeRow) stay inside lib/grading. */
export const STANDARD_INFO: readonly StandardInfo[] = STANDARDS;

const byId = new Map<StandardId, StandardInfo>(STANDARDS.map((s) => [s.id, s]));

export function standardById(id: StandardId): StandardInfo {
  return byId.get(id)!;
}
