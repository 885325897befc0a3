// docs/grading.md#v3-defeat-analysis: "Managers analyse them as a Pareto by reason, by
// consultant and by model." A defeated customer is one the defeat standard
// graded 战败 (stage defeated, or set so by the follow-up log); the reason is
// the standard's normalised reason (GradeSummary.defeatedDetail), so free
// text like "太贵了" counts under 价格高.
import { BLANK, categoryOf, gradesAt, type AnalyticsCustomer, type GradesSource } from './types';

export interface ParetoRow {
  reason: string;
  count: number;
  /** count / all defeated, 0..1 */
  share: number;
  /** Running share down the sorted list, 0..1: where the vital few end. */
  cumulative: number;
}

export interface DefeatGroup {
  /** The consultant or the intended model. */
  key: string;
  count: number;
  /** Of all defeated customers, 0..1 */
  share: number;
  /** Count per reason. */
  reasons: Record<string, number>;
  /** The group's most frequent reason. */
  topReason: string;
}

export interface DefeatAnalysis {
  defeated: number;
  /** Reasons, most frequent first (ties by the reason list order, then name). */
  pareto: ParetoRow[];
  byConsultant: DefeatGroup[];
  byModel: DefeatGroup[];
}

/** Unknown reasons (no reason recorded and no list) count under this. */
const NO_REASON = '其他';

export function defeatAnalysis(
  customers: readonly AnalyticsCustomer[],
  grades?: GradesSource,
  reasonOrder: readonly string[] = [],
): DefeatAnalysis {
  const reasonCounts = new Map<string, number>();
  const consultants = new Map<string, Map<string, number>>();
  const models = new Map<string, Map<string, number>>();
  let defeated = 0;
  for (let i = 0; i < customers.length; i++) {
    const g = gradesAt(customers, grades, i);
    if (g?.defeated !== 'defeated') continue;
    defeated++;
    const c = customers[i]!;
    const reason = g.defeatedDetail ?? NO_REASON;
    bump(reasonCounts, reason);
    bump(groupOf(consultants, categoryOf(c.consultant, BLANK.consultant)), reason);
    bump(groupOf(models, categoryOf(c.intendedModel, BLANK.model)), reason);
  }
  const rank = (r: string): number => {
    const k = reasonOrder.indexOf(r);
    return k < 0 ? reasonOrder.length : k;
  };
  const sorted = [...reasonCounts.entries()].sort(
    (a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0], 'zh-CN'),
  );
  let running = 0;
  const pareto = sorted.map(([reason, count]) => {
    running += count;
    return { reason, count, share: count / defeated, cumulative: running / defeated };
  });
  const groups = (m: Map<string, Map<string, number>>): DefeatGroup[] =>
    [...m.entries()]
      .map(([key, reasons]) => {
        let count = 0;
        let topReason = '';
        let top = -1;
        for (const [r, n] of reasons) {
          count += n;
          if (n > top || (n === top && rank(r) < rank(topReason))) [top, topReason] = [n, r];
        }
        return { key, count, share: count / defeated, reasons: Object.fromEntries(reasons), topReason };
      })
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh-CN'));
  return { defeated, pareto, byConsultant: groups(consultants), byModel: groups(models) };
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

function groupOf(m: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let g = m.get(key);
  if (!g) m.set(key, (g = new Map()));
  return g;
}
