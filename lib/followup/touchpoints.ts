// A delivered customer's calls (交车回访): the arrival call on the delivery
// day, the call within the first week, the first-service reminder a few days
// before the first service, the call at about three months. Grading (the next
// call due) and the manager's audit (which call was made, when) read them the
// same way, from the customer's contacts:
// - each call falls due on its own day and may be made from `callLeadDays`
//   before it (never before the delivery day);
// - one contact makes one call, in due order: a call is made by the first
//   contact on or after its window opens that no earlier call took;
// - a call not made stays open, late, until the next call falls due; then it
//   is missed, and a later contact makes the next call instead (so a late
//   contact makes the earliest call still open, late). The last call stays
//   open until made.
// Days are day numbers (lib/calendar).

export const DELIVERY_CALLS = ['arrival', 'week', 'reminder', 'quarter'] as const;
export type DeliveryCall = (typeof DELIVERY_CALLS)[number];

/** The parameters of the calls (the intent standard's `delivered` params fit as they are). */
export interface DeliveryCallRules {
  weekCallDays: number;
  firstServiceReminderDaysBefore: number;
  quarterCallDays: number;
  /** A call counts when made up to this many days before it is due. */
  callLeadDays: number;
}

export interface DeliveryCallState {
  call: DeliveryCall;
  /** The day it falls due. */
  due: number;
  /** The first day a contact makes it. */
  opens: number;
  /** The last day a contact still makes it (Infinity for the last call). */
  closes: number;
  /** The day of the contact that made it, NaN when none did. */
  made: number;
}

/**
 * The calls of a car delivered on `delivered` (first service on
 * `firstService`, NaN when unknown: no reminder), given the customer's
 * contact days in ascending order. Calls are listed by due day; on the same
 * day, in DELIVERY_CALLS order.
 */
export function deliveryCalls(
  delivered: number,
  firstService: number,
  rules: DeliveryCallRules,
  contacts: readonly number[],
): DeliveryCallState[] {
  const calls: DeliveryCallState[] = [];
  const add = (call: DeliveryCall, due: number): void => {
    calls.push({ call, due, opens: Math.max(delivered, due - rules.callLeadDays), closes: Infinity, made: NaN });
  };
  add('arrival', delivered);
  add('week', delivered + rules.weekCallDays);
  if (firstService === firstService) add('reminder', firstService - rules.firstServiceReminderDaysBefore);
  add('quarter', delivered + rules.quarterCallDays);
  // Stable: calls on the same day keep the order above.
  calls.sort((a, b) => a.due - b.due);
  for (let k = 0; k + 1 < calls.length; k++) calls[k]!.closes = Math.max(calls[k]!.due, calls[k + 1]!.due - 1);
  let next = 0;
  for (const c of calls) {
    while (next < contacts.length && contacts[next]! < c.opens) next++;
    if (next < contacts.length && contacts[next]! <= c.closes) c.made = contacts[next++]!;
  }
  return calls;
}

/** The call to make next as of `today`: the earliest not made and not yet missed (undefined when every call is made or missed). */
export function nextDeliveryCall(calls: readonly DeliveryCallState[], today: number): DeliveryCallState | undefined {
  for (const c of calls) if (c.made !== c.made && c.closes >= today) return c;
  return undefined;
}
