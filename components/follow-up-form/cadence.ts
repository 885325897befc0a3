// The next contact date the form proposes (docs/workbench.md#logging-a-follow-up: "next contact date
// proposed from the cadence, editable"), from the active rule set: a lead's
// band cadence (docs/grading.md#g13-lead-due-day), O's cadence for an ordered customer,
// the slow win-back cadence for a defeated one (docs/grading.md#g83-the-win-back-call).
import type { Stage } from '@/lib/customer';
import { addDays, localDateOf } from '@/lib/calendar';
import type { RuleSet } from '@/lib/grading';

export interface ProposedContact {
  /** 'YYYY-MM-DD' */
  date: string;
  days: number;
  /** The grade (or stage's grade) whose cadence gave it. */
  basis: string;
}

/**
 * The proposal for a customer who is (or becomes) `grade` / `stage`, counted
 * from today's local day; null when the rule set gives that grade no cadence
 * (delivered and owner customers follow their own touchpoints).
 */
export function proposeNextContact(
  ruleSet: Readonly<RuleSet>,
  grade: string | undefined,
  stage: Stage | undefined,
  now: Date,
): ProposedContact | null {
  const today = localDateOf(now);
  const intent = ruleSet.standards.intent;
  if (stage === 'defeated') {
    const days = ruleSet.standards.defeated.winBackCadenceDays;
    return { date: addDays(today, days), days, basis: '战败' };
  }
  if (stage === 'ordered' || grade === intent.ordered.grade) {
    return {
      date: addDays(today, intent.ordered.cadenceDays),
      days: intent.ordered.cadenceDays,
      basis: intent.ordered.grade,
    };
  }
  const band = intent.bands.find((b) => b.grade === grade);
  if (!band) return null;
  return { date: addDays(today, band.cadenceDays), days: band.cadenceDays, basis: band.grade };
}
