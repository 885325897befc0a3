// Records for tests, one builder per kind: a stored customer, a lead, a
// follow-up, a rule set. Each gives a complete, valid record with plain
// defaults, and a test names only what it is about in `fields`.
import type { CustomerFields } from '../lib/customer';
import type { FollowUpInput, StoredCustomer } from '../lib/db';
import type { FollowUp } from '../lib/followup';
import { copyRuleSet, DEFAULT_RULE_SET, type RuleSet } from '../lib/grading';

/** When the factories' customers were captured and stored (an instant, as the store keeps it). */
export const STORED_AT = '2026-03-01T00:00:00.000Z';

/** A customer as the store holds one, with no customer fields but those given. */
export function customer(id: string, fields: Partial<StoredCustomer> = {}): StoredCustomer {
  return {
    id,
    extra: {},
    invalid: {},
    provenance: { pageUrl: 'x', capturedAt: STORED_AT },
    createdAt: STORED_AT,
    updatedAt: STORED_AT,
    userEdited: [],
    lastBatchId: 'seed',
    ...fields,
  };
}

/** The digits of an id as a mainland mobile: 'c7' and '7' give 13800000007. */
export function mobileOf(id: string | number): string {
  return `138${String(id).replace(/\D/g, '').slice(-8).padStart(8, '0')}`;
}

/** The fields of a lead graded A by the portal, named and reachable: 客户<n>, 1380000000<n>. */
export function leadFields(n: string | number, fields: Partial<CustomerFields> = {}): CustomerFields {
  return { name: `客户${n}`, phone: mobileOf(n), stage: 'lead', portalGrade: 'A', ...fields };
}

/** A stored lead (leadFields), as a capture leaves one. */
export function lead(id: string, fields: Partial<StoredCustomer> = {}): StoredCustomer {
  return customer(id, { ...leadFields(id), ...fields });
}

let followUps = 0;

/** A phone call by 王芳 that reached the customer, logged with its own id. */
export function followUp(customerId: string, fields: Partial<FollowUp> = {}): FollowUp {
  return {
    id: `f${++followUps}`,
    customerId,
    at: '2026-03-01T10:00',
    channel: 'phone',
    outcome: '已联系',
    consultant: '王芳',
    ...fields,
  };
}

/** A follow-up as a consultant enters it (the store gives it its id). */
export function followUpInput(customerId: string, fields: Partial<FollowUpInput> = {}): FollowUpInput {
  const { id: _id, ...input } = followUp(customerId);
  return { ...input, ...fields };
}

let ruleSets = 0;

/**
 * A manager's editable copy of the default rule set, changed by `edit`: pass
 * the edit, or `{ name, edit }` to name the copy. Each copy has its own id.
 */
export function ruleSet(change: ((r: RuleSet) => void) | { name?: string; edit?: (r: RuleSet) => void } = {}): RuleSet {
  const { name = '测试', edit } = typeof change === 'function' ? { edit: change } : change;
  // 'user:', as a manager's copies have (lib/db).
  const r = copyRuleSet(DEFAULT_RULE_SET, `user:test-${++ruleSets}`, { zh: name, en: name });
  edit?.(r);
  return r;
}
