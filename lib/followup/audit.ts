// The manager's audit (检核, docs/grading.md#a-the-follow-up-audit): per consultant and period, follow-ups
// due vs done on time vs late vs missed, by grade, with the customers behind
// every number. docs/grading.md#a-the-follow-up-audit: "The sales manager exports the list by
// this standard and audits, consultant by consultant, whether every due
// follow-up was made (检核)"; and the follow-up "falls due on the calendar day
// `last contact + cadence` ... and is overdue from the day after".
//
// What the numbers mean, precisely:
// - A customer's contacts are its logged follow-ups (any channel, any
//   outcome) and, when given, the portal's `lastContactAt`, in time order;
//   contacts after `now` are ignored.
// - Each contact sets one due day: the next contact date chosen on that
//   follow-up when it chose one (it overrides the cadence, as in grading),
//   else the contact's calendar day + the cadence of the grade in force right
//   after it. A customer never contacted gets one due day from its first
//   visit. A grade without a cadence (D, M: delivery calls and greetings are
//   scheduled by events, not by a cadence) sets no due day.
// - The grade in force at a contact is the latest grade or stage change the
//   log made at or before it (a stage stands for its grade: ordered -> O,
//   defeated -> the win-back cadence), else the customer's `grade`; a
//   customer defeated before its log starts is on the win-back cadence.
// - A due day counts for the period when it falls inside [from, to] (local
//   calendar days, both ends included), whoever's contact it came from.
// - It was met by the first contact after the one that set it: done on time
//   when that contact's day is on or before the due day, late when after it
//   (up to `now`, which may be after the period's end: a call made late is
//   late, not missed). With no contact since: missed once the due day is past
//   (today is after it), open while the due day is today or still ahead.
//   So due = onTime + late + missed + open.
// - Each due goes to the consultant who held the customer on its due day:
//   the one who holds it now, unless a hand-over (bulk reassignment, or a
//   capture that changed the consultant) came after that day. So a leaving
//   consultant's missed calls stay theirs, and the new consultant answers
//   from the day of the hand-over (a hand-over on the due day itself included).
// - A delivered customer's calls (arrival, first week, first-service
//   reminder, about 3 months) are dues of their own, by the rule grading uses
//   (touchpoints.ts): each falls due on its day and is made by one contact of
//   its own; made on or before the due day is on time, after it late; not
//   made: missed once the due day is past, open until then. Their `grade` is
//   deliveryCallKey(call), so they count in rows of their own.
import type { Stage } from '../customer';
import { dayOf, isoOfDay, todayOf } from '../calendar';
import { sortKey, type FollowUp } from './followups';
import { DELIVERY_CALLS, deliveryCalls, type DeliveryCall, type DeliveryCallRules } from './touchpoints';

export interface AuditCustomer {
  id: string;
  /** The consultant who holds the customer; '' or absent: 未分配. */
  consultant?: string;
  /** The intent grade before any grade change the log records (the current grade when it records none). */
  grade?: string;
  stage?: Stage;
  /** The portal's last contact, counted as a contact. */
  lastContactAt?: string;
  /** The base of the first due day when the customer was never contacted. */
  firstVisitAt?: string;
  /** A delivered customer's delivery and first-service dates: the delivery calls count from them. */
  deliveredAt?: string;
  firstServiceDueAt?: string;
  /**
   * The customer's hand-overs, any order: when the consultant changed and who
   * held it before ('' or absent: 未分配). Those on or before the period's
   * start may be left out; without any, every due is the current consultant's.
   */
  consultantChanges?: readonly ConsultantChange[];
}

export interface ConsultantChange {
  /** An instant ('2026-03-05T01:00:00.000Z', as history stamps it) or a local 'YYYY-MM-DD[THH:mm]'. */
  at: string;
  from?: string;
}

/** The cadences the audit applies, from the rule set (lib/grading followUpCadences). */
export interface AuditCadences {
  /** Phone follow-up every N days, by grade id (H: 2, A: 7, ...; the win-back grade of defeated customers too). */
  byGrade: Readonly<Record<string, number>>;
  /** The grade a stage stands for once the log sets it (ordered -> 'O', defeated -> 'defeated'). */
  stageGrades: Readonly<Partial<Record<Stage, string>>>;
  /** The delivery calls, when the rule set schedules them; a customer at `grade` (or stage delivered) gets them. */
  delivery?: DeliveryCallRules & { grade: string };
}

const DELIVERY_KEY_PREFIX = 'delivery:';
/** The audit's `grade` of a delivery call's dues ('delivery:week'). */
export const deliveryCallKey = (call: DeliveryCall): string => `${DELIVERY_KEY_PREFIX}${call}`;
/** The delivery call of an audit grade key, undefined for a lead grade. */
export function deliveryCallOfKey(key: string): DeliveryCall | undefined {
  if (!key.startsWith(DELIVERY_KEY_PREFIX)) return undefined;
  const call = key.slice(DELIVERY_KEY_PREFIX.length);
  return (DELIVERY_CALLS as readonly string[]).includes(call) ? (call as DeliveryCall) : undefined;
}

export const AUDIT_OUTCOMES = ['onTime', 'late', 'missed', 'open'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One due follow-up of the period and what became of it. */
export interface AuditDue {
  customerId: string;
  consultant: string;
  /** The grade whose cadence set the due day. */
  grade: string;
  /** The due day, 'YYYY-MM-DD'. */
  dueAt: string;
  /** The contact it was counted from (its `at`; the first visit for a customer never contacted). */
  fromAt: string;
  outcome: AuditOutcome;
  /** The follow-up that met it, for onTime and late. */
  doneAt?: string;
  /** Days after the due day: when it was done (late), or by today (missed). */
  daysLate?: number;
}

/** The numbers of one consultant and grade (or a total), with the customers behind each. */
export interface AuditCell {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  /** Customer ids behind each number, each id once, in due-day order. */
  customers: Record<'due' | AuditOutcome, string[]>;
}

export interface AuditReport {
  /** The period and the day the audit was taken, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  today: string;
  total: AuditCell;
  /** By consultant, then by grade (delivery calls by deliveryCallKey); `deliveryCalls` their delivery calls together. */
  byConsultant: Record<string, { total: AuditCell; byGrade: Record<string, AuditCell>; deliveryCalls?: AuditCell }>;
  /** Every due of the period, by due day, then consultant, then customer. */
  dues: AuditDue[];
}

export interface AuditInput {
  customers: readonly AuditCustomer[];
  /** Follow-ups of these customers (others are ignored), in any order. */
  followUps: readonly FollowUp[];
  cadences: AuditCadences;
  /** The period, local dates 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
  now: Date;
}

/** A contact of the chain: a logged follow-up or the portal's last contact. */
interface Contact {
  key: number;
  day: number;
  at: string;
  followUp?: FollowUp;
}

const emptyCell = (): AuditCell => ({
  due: 0,
  onTime: 0,
  late: 0,
  missed: 0,
  open: 0,
  customers: { due: [], onTime: [], late: [], missed: [], open: [] },
});

function count(cell: AuditCell, due: AuditDue): void {
  cell.due++;
  cell[due.outcome]++;
  for (const bucket of ['due', due.outcome] as const) {
    const ids = cell.customers[bucket];
    if (!ids.includes(due.customerId)) ids.push(due.customerId);
  }
}

/** History stamps are instants ('…Z'): their day is the user's local one; a zoneless stamp is local already. */
function localDayOfChange(at: string): number {
  if (/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(at)) {
    const instant = new Date(at);
    return Number.isNaN(instant.getTime()) ? NaN : todayOf(instant);
  }
  return dayOf(at.slice(0, 10));
}

/** Who held the customer at the end of a calendar day: the current consultant, with later hand-overs walked back. */
function consultantHolder(customer: AuditCustomer): (day: number) => string {
  const current = customer.consultant ?? '';
  const changes = (customer.consultantChanges ?? [])
    .map((c) => ({ day: localDayOfChange(c.at), from: c.from ?? '' }))
    .filter((c) => !Number.isNaN(c.day))
    .sort((a, b) => b.day - a.day);
  if (changes.length === 0) return () => current;
  return (day) => {
    let holder = current;
    // Newest first: each hand-over after `day` gives the customer back to who held it before.
    for (const change of changes) {
      if (change.day <= day) break;
      holder = change.from;
    }
    return holder;
  };
}

/** The audit of a period (see the file header for what each number means). */
export function auditFollowUps(input: AuditInput): AuditReport {
  const from = dayOf(input.from);
  const to = dayOf(input.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from > to)
    throw new RangeError(`auditFollowUps: not a period: ${input.from} .. ${input.to}`);
  const today = todayOf(input.now);
  const nowKey = today * 1440 + input.now.getHours() * 60 + input.now.getMinutes();

  const logs = new Map<string, FollowUp[]>();
  for (const f of input.followUps) {
    const list = logs.get(f.customerId);
    if (list) list.push(f);
    else logs.set(f.customerId, [f]);
  }

  const dues: AuditDue[] = [];
  for (const customer of input.customers) {
    const contacts: Contact[] = [];
    for (const f of logs.get(customer.id) ?? []) {
      const key = sortKey(f.at);
      if (!Number.isNaN(key) && key <= nowKey)
        contacts.push({ key, day: Math.floor(key / 1440), at: f.at, followUp: f });
    }
    if (customer.lastContactAt !== undefined) {
      const key = sortKey(customer.lastContactAt);
      if (!Number.isNaN(key) && key <= nowKey)
        contacts.push({ key, day: Math.floor(key / 1440), at: customer.lastContactAt });
    }
    // Ties keep the log's order: the portal's contact after the logged one.
    contacts.sort((a, b) => a.key - b.key);
    const holderOn = consultantHolder(customer);
    const add = (grade: string, dueDay: number, fromAt: string, next: Contact | undefined): void => {
      if (dueDay < from || dueDay > to) return;
      const due: AuditDue = {
        customerId: customer.id,
        consultant: holderOn(dueDay),
        grade,
        dueAt: isoOfDay(dueDay),
        fromAt,
        outcome: 'open',
      };
      if (next) {
        due.doneAt = next.at;
        if (next.day <= dueDay) due.outcome = 'onTime';
        else [due.outcome, due.daysLate] = ['late', next.day - dueDay];
      } else if (today > dueDay) [due.outcome, due.daysLate] = ['missed', today - dueDay];
      dues.push(due);
    };

    deliveryDues(customer, contacts, input.cadences, (grade, dueDay, made) => {
      if (dueDay < from || dueDay > to) return;
      const due: AuditDue = {
        customerId: customer.id,
        consultant: holderOn(dueDay),
        grade,
        dueAt: isoOfDay(dueDay),
        fromAt: customer.deliveredAt!,
        outcome: 'open',
      };
      if (made !== undefined) {
        due.doneAt = made.at;
        if (made.day <= dueDay) due.outcome = 'onTime';
        else [due.outcome, due.daysLate] = ['late', made.day - dueDay];
      } else if (today > dueDay) [due.outcome, due.daysLate] = ['missed', today - dueDay];
      dues.push(due);
    });

    let grade = initialGrade(customer, contacts, input.cadences);
    if (contacts.length === 0) {
      const visit = dayOf(customer.firstVisitAt);
      const cadence = grade === undefined ? undefined : input.cadences.byGrade[grade];
      if (!Number.isNaN(visit) && cadence !== undefined)
        add(grade!, visit + cadence, customer.firstVisitAt!, undefined);
      continue;
    }
    for (let k = 0; k < contacts.length; k++) {
      const contact = contacts[k]!;
      const f = contact.followUp;
      if (f) grade = gradeAfter(f, grade, customer, input.cadences);
      if (grade === undefined) continue;
      const chosen = dayOf(f?.nextContactAt);
      const cadence = input.cadences.byGrade[grade];
      const dueDay = !Number.isNaN(chosen) ? chosen : cadence !== undefined ? contact.day + cadence : NaN;
      if (!Number.isNaN(dueDay)) add(grade, dueDay, contact.at, contacts[k + 1]);
    }
  }
  dues.sort((a, b) =>
    a.dueAt < b.dueAt
      ? -1
      : a.dueAt > b.dueAt
        ? 1
        : a.consultant < b.consultant
          ? -1
          : a.consultant > b.consultant
            ? 1
            : a.customerId < b.customerId
              ? -1
              : a.customerId > b.customerId
                ? 1
                : 0,
  );

  const report: AuditReport = {
    from: isoOfDay(from),
    to: isoOfDay(to),
    today: isoOfDay(today),
    total: emptyCell(),
    byConsultant: {},
    dues,
  };
  for (const due of dues) {
    const row = (report.byConsultant[due.consultant] ??= { total: emptyCell(), byGrade: {} });
    count(report.total, due);
    count(row.total, due);
    count((row.byGrade[due.grade] ??= emptyCell()), due);
    if (deliveryCallOfKey(due.grade)) count((row.deliveryCalls ??= emptyCell()), due);
  }
  return report;
}

/**
 * A delivered customer's calls as dues: its stage (by the log or the
 * record) is delivered, or a lead's grade is the delivered grade.
 */
function deliveryDues(
  customer: AuditCustomer,
  contacts: readonly Contact[],
  cadences: AuditCadences,
  add: (grade: string, dueDay: number, made: Contact | undefined) => void,
): void {
  const rules = cadences.delivery;
  if (!rules) return;
  let stage = customer.stage;
  for (const c of contacts) if (c.followUp?.newStage !== undefined) stage = c.followUp.newStage;
  // As grading reads it: a given D grade wins over a lead stage.
  if (stage !== 'delivered' && !(customer.grade === rules.grade && (stage === undefined || stage === 'lead'))) return;
  const delivered = dayOf(customer.deliveredAt);
  if (Number.isNaN(delivered)) return;
  // The portal's last contact on a day the log has a contact is that contact (grading counts it once too).
  const logged = new Set(contacts.filter((c) => c.followUp).map((c) => c.day));
  const counted = contacts.filter((c) => c.followUp || !logged.has(c.day));
  const calls = deliveryCalls(
    delivered,
    dayOf(customer.firstServiceDueAt),
    rules,
    counted.map((c) => c.day),
  );
  for (const call of calls)
    add(
      deliveryCallKey(call.call),
      call.due,
      Number.isNaN(call.made) ? undefined : counted.find((c) => c.day === call.made),
    );
}

/**
 * The grade before the log's first contact: the customer's grade; a defeated
 * customer whose defeat the log does not record was defeated before it, and
 * is on the win-back cadence from the start.
 */
function initialGrade(
  customer: AuditCustomer,
  contacts: readonly Contact[],
  cadences: AuditCadences,
): string | undefined {
  const defeatLogged = contacts.some((c) => c.followUp?.newStage === 'defeated');
  if (customer.stage === 'defeated' && !defeatLogged && cadences.stageGrades.defeated !== undefined)
    return cadences.stageGrades.defeated;
  return customer.grade;
}

/** The grade in force after a follow-up: a stage it sets stands for its grade (back to lead: its new grade, else the customer's), else a grade it sets. */
function gradeAfter(
  f: FollowUp,
  grade: string | undefined,
  customer: AuditCustomer,
  cadences: AuditCadences,
): string | undefined {
  if (f.newStage !== undefined && f.newStage !== 'lead') return cadences.stageGrades[f.newStage] ?? f.newGrade ?? grade;
  if (f.newStage === 'lead') return f.newGrade ?? customer.grade;
  return f.newGrade ?? grade;
}
