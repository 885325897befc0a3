// The follow-up log (docs/workbench.md#logging-a-follow-up stores it; "Log a follow-up": channel, outcome,
// optional new grade or stage, note, next contact date) and what grading needs
// from it. Follow-ups are user data: a later capture never overwrites them.
import type { Stage } from '../customer';
import { dayOf, isoOfDay } from '../calendar';

export const CHANNELS = ['phone', 'sms', 'wechat', 'visit', 'home'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, { zh: string; en: string }> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  wechat: { zh: '微信', en: 'WeChat' },
  visit: { zh: '到店', en: 'Store visit' },
  home: { zh: '上门', en: 'Home visit' },
};

export interface FollowUp {
  id: string;
  customerId: string;
  /** When it happened, local wall time 'YYYY-MM-DDTHH:mm' (or a date). */
  at: string;
  channel: Channel;
  outcome: string;
  note?: string;
  consultant: string;
  /** A new intent grade chosen by the consultant (e.g. A -> H). */
  newGrade?: string;
  newStage?: Stage;
  /** A next contact date the user chose; it overrides the cadence until the next follow-up. */
  nextContactAt?: string;
  /** Set with newStage 'defeated'. */
  defeatReason?: string;
}

/** What grading reads from a customer's follow-ups. */
export interface FollowUpSummary {
  count: number;
  /** The latest follow-up's `at`. */
  lastContactAt?: string;
  lastChannel?: Channel;
  lastConsultant?: string;
  /** The next contact date chosen on the latest follow-up, if it chose one. */
  nextContactAt?: string;
  /** The latest grade / stage / defeat reason a follow-up set, with when. */
  grade?: string;
  gradeAt?: string;
  stage?: Stage;
  stageAt?: string;
  defeatReason?: string;
  /**
   * The calendar day ('YYYY-MM-DD') of every contact in the log, ascending,
   * one entry per contact: a delivered customer's calls are made one contact
   * each (touchpoints.ts).
   */
  contactDays?: string[];
  /**
   * The latest store visit (到店) with no SMS logged since: the SMS that
   * reception sends within 30 minutes of a visit is still owed.
   */
  smsOwedSince?: string;
  /**
   * An invitation to a store event still to be made (a bulk action sets it;
   * the next contact logged makes it, as it starts a new summary).
   */
  invitation?: EventInvitation;
}

export interface EventInvitation {
  /** The event's name, e.g. 周末试驾会. */
  event: string;
  /** The event's day and the day the invitation falls due, 'YYYY-MM-DD'. */
  eventAt: string;
  dueAt: string;
  /** When it was set, local 'YYYY-MM-DDTHH:mm': a portal contact after it makes it too. */
  setAt: string;
}

/**
 * Folds one customer's follow-ups (any order) into a summary. A chosen next
 * date counts only when it was chosen on the latest follow-up: a later contact
 * without one returns the customer to the cadence. Follow-ups with an
 * unreadable `at` are ignored.
 */
export function summarizeFollowUps(followUps: readonly FollowUp[]): FollowUpSummary {
  const summary: FollowUpSummary = { count: 0 };
  let latest: FollowUp | undefined;
  let latestKey = -Infinity;
  let gradeKey = -Infinity;
  let stageKey = -Infinity;
  const contacts: number[] = [];
  let visit: FollowUp | undefined;
  let visitKey = -Infinity;
  let smsKey = -Infinity;
  for (const f of followUps) {
    const key = sortKey(f.at);
    if (Number.isNaN(key)) continue;
    summary.count++;
    contacts.push(key);
    if (f.channel === 'visit' && key >= visitKey) [visit, visitKey] = [f, key];
    if (f.channel === 'sms' && key > smsKey) smsKey = key;
    // Ties go to the later entry in the log: it was written last.
    if (key >= latestKey) [latest, latestKey] = [f, key];
    if (f.newGrade && key >= gradeKey) [summary.grade, summary.gradeAt, gradeKey] = [f.newGrade, f.at, key];
    if (f.newStage && key >= stageKey) {
      [summary.stage, summary.stageAt, stageKey] = [f.newStage, f.at, key];
      summary.defeatReason = f.newStage === 'defeated' ? f.defeatReason : undefined;
    }
  }
  if (latest) {
    summary.lastContactAt = latest.at;
    summary.lastChannel = latest.channel;
    summary.lastConsultant = latest.consultant;
    if (latest.nextContactAt && !Number.isNaN(dayOf(latest.nextContactAt)))
      summary.nextContactAt = latest.nextContactAt;
  }
  if (summary.defeatReason === undefined) delete summary.defeatReason;
  if (contacts.length > 0)
    summary.contactDays = contacts.sort((a, b) => a - b).map((key) => isoOfDay(Math.floor(key / 1440)));
  // An SMS logged in the same minute as the visit counts: it was sent after it.
  if (visit && smsKey < visitKey) summary.smsOwedSince = visit.at;
  return summary;
}

/** Minutes since 1970-01-01 of a local date or datetime, for ordering. */
export function sortKey(at: string): number {
  const day = dayOf(at);
  if (Number.isNaN(day)) return NaN;
  const h = at.length >= 16 ? Number(at.slice(11, 13)) : 0;
  const m = at.length >= 16 ? Number(at.slice(14, 16)) : 0;
  return day * 1440 + (Number.isFinite(h) ? h : 0) * 60 + (Number.isFinite(m) ? m : 0);
}
