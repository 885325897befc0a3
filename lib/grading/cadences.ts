// The follow-up cadences of a rule set as the manager's audit (检核,
// lib/followup/audit.ts) applies them: docs/grading.md#a3-the-grade-in-force phone
// follow-up by grade (H 2, A 7, B 15, C 30 days in 乘用车跟踪标准), the
// ordered customers' keep-informed cadence, and the defeated customers'
// win-back call (preset 30 days, 战败客户). Delivered customers' calls follow
// their delivery (lib/followup/touchpoints.ts); owners' greetings set no audit dues.
import type { AuditCadences } from '../followup';
import type { RuleSet } from './ruleset';

/** The grade id the defeated standard gives: the audit's grade for win-back calls. */
export const WIN_BACK_GRADE = 'defeated';

export function followUpCadences(ruleSet: Readonly<RuleSet>): AuditCadences {
  const intent = ruleSet.standards.intent;
  const defeated = ruleSet.standards.defeated;
  const byGrade: Record<string, number> = {};
  if (intent.enabled) {
    for (const band of intent.bands) byGrade[band.grade] = band.cadenceDays;
    byGrade[intent.ordered.grade] = intent.ordered.cadenceDays;
  }
  if (defeated.enabled) byGrade[WIN_BACK_GRADE] = defeated.winBackCadenceDays;
  return {
    byGrade,
    ...(intent.enabled && {
      delivery: {
        grade: intent.delivered.grade,
        weekCallDays: intent.delivered.weekCallDays,
        firstServiceReminderDaysBefore: intent.delivered.firstServiceReminderDaysBefore,
        quarterCallDays: intent.delivered.quarterCallDays,
        callLeadDays: intent.delivered.callLeadDays,
      },
    }),
    stageGrades: {
      ordered: intent.ordered.grade,
      delivered: intent.delivered.grade,
      owner: intent.owner.grade,
      defeated: WIN_BACK_GRADE,
    },
  };
}
