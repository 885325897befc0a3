// The overlay's shapes (docs/architecture.md#the-lib-folders, lib/overlay): what the
// background gives per customer, and what the portal's rows show.
import type { Bilingual } from '../i18n';

export type { IdentityKeys } from '../db/identity';

/**
 * What the overlay shows of one stored customer, and nothing more: a content
 * script runs in a page DealerLens does not control, so the lookup gives it
 * the grade, the follow-up day and the words of its reasons, never the record.
 */
export interface OverlayEntry {
  /** The stored customer's id, for opening its follow-up form in the workbench. */
  id: string;
  /** The intent grade id (H, A, B, C, O, D, M, 订车 …), absent when not graded or insufficient. */
  intent?: string;
  /** The defeated standard's grade ('defeated', 'reactivated') and its reason (价格高). */
  defeated?: string;
  defeatedDetail?: string;
  /** The next follow-up day (YYYY-MM-DD or an ISO date-time). */
  nextDueAt?: string;
  /** The first service (首保) day. */
  firstServiceDueAt?: string;
  /** Churn's state when it is worth a look (at risk, churned), with its words. */
  churn?: Bilingual;
  /** The grading flags' words (资料不全 …). */
  flags?: Bilingual[];
  /** True when the flags include a missing date (资料不全). */
  missingData?: boolean;
}

/** How a badge is coloured: the follow-up state it shows. */
export type BadgeTone = 'overdue' | 'due' | 'notice' | 'plain' | 'uncaptured';

export interface Badge {
  /** "H · 逾期2天" / "H · 2d overdue". */
  text: Bilingual;
  tone: BadgeTone;
  /** One line each, shown on hover. */
  reasons: Bilingual[];
  /** The stored customer, or null for a row DealerLens has not captured. */
  customerId: string | null;
}

/** The summary bar above the portal's table. */
export interface PageSummary {
  rows: number;
  overdue: number;
  dueToday: number;
  notCaptured: number;
  /** The captured customers of this page, once each, in row order. */
  customerIds: string[];
}

/** Which of the table's columns (by header position) hold an identity, as the site profile maps them. */
export interface IdentityColumns {
  phone: number[];
  vin: number[];
  portalId: number[];
}
