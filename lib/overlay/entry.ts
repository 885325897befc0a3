// What the background gives the overlay of a stored customer (lib/overlay/types.ts
// OverlayEntry): only what its badge and reasons show.
import { FLAG_LABELS, standardById, type GradeSummary } from '../grading';
import type { OverlayEntry } from './types';

/** Churn states that earn a word on the badge (active and never-serviced owners do not). */
const CHURN_NOTICE = new Set(['warning', 'churned']);

export function overlayEntryOf(customer: {
  id: string;
  grades?: GradeSummary;
  firstServiceDueAt?: string;
}): OverlayEntry {
  const g = customer.grades ?? {};
  const entry: OverlayEntry = { id: customer.id };
  if (g.intent !== undefined) entry.intent = g.intent;
  if (g.defeated !== undefined) entry.defeated = g.defeated;
  if (g.defeatedDetail !== undefined) entry.defeatedDetail = g.defeatedDetail;
  if (g.nextDueAt !== undefined) entry.nextDueAt = g.nextDueAt;
  if (customer.firstServiceDueAt !== undefined) entry.firstServiceDueAt = customer.firstServiceDueAt;
  if (g.churn !== undefined && CHURN_NOTICE.has(g.churn)) {
    const label = standardById('churn').grades.find((x) => x.id === g.churn)?.label;
    if (label) entry.churn = { zh: label.zh, en: label.en };
  }
  if (g.flags?.length) {
    entry.flags = [...new Set(g.flags)].map((f) => ({ zh: FLAG_LABELS[f].zh, en: FLAG_LABELS[f].en }));
    if (g.flags.includes('missingDate')) entry.missingData = true;
  }
  return entry;
}
