import { useCallback, useRef } from 'react';
import type { StoredCustomer } from '@/lib/db';
import { entryOf, gradeCustomer, type GradingContext, type RuleSet, type StandardId } from '@/lib/grading';
import { pick, type Locale } from '@/lib/i18n';

export interface Grading {
  ruleSet?: Readonly<RuleSet>;
  context?: GradingContext;
}

/**
 * The reason behind one grade, worked out when its cell is hovered
 * (docs/grading.md#g03-every-grade-gives-its-reason), by the rule set the
 * page started with; `grading` is set once it is read.
 */
export function useGradeReason(now: () => Date, locale: Locale) {
  const grading = useRef<Grading>({});
  const reasonOf = useCallback(
    (customer: StoredCustomer, standard: StandardId): string | undefined => {
      const { ruleSet, context } = grading.current;
      if (!ruleSet) return undefined;
      const entry = entryOf(gradeCustomer(customer, ruleSet, now(), context), standard);
      if (!entry) return undefined;
      return `${pick(entry.label, locale)}: ${pick(entry.reason, locale)}`;
    },
    [now, locale],
  );
  return { grading, reasonOf };
}
