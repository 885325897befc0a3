import {
  DEFAULT_RULE_SET,
  entryOf,
  gradeCustomer,
  type GradeInput,
  type RuleSet,
  type StandardId,
} from '../../../lib/grading';
import { ruleSet } from '../../factories';

/** Local wall time: the same calendar day under TZ=Asia/Shanghai and TZ=UTC. */
export const at = (iso: string, hour = 9, minute = 0): Date => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute);
};

export function grade(
  standard: StandardId,
  customer: GradeInput,
  today: string,
  ruleSet: Readonly<RuleSet> = DEFAULT_RULE_SET,
  hour = 9,
) {
  const entry = entryOf(gradeCustomer(customer, ruleSet, at(today, hour)), standard);
  if (!entry) throw new Error(`${standard} is off`);
  return entry;
}

/** An editable copy of the default rule set with one standard's params changed. */
export function editedRuleSet(edit: (r: RuleSet) => void): RuleSet {
  return ruleSet(edit);
}
