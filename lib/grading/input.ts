// The bottom of lib/grading: the customer as graders read it and the
// bilingual text every standard returns. The rest of the folder builds on
// these, so this file imports nothing from it (docs/architecture.md#the-floors: no cycles).
import type { CustomerFields } from '../customer';
import type { FollowUpSummary } from '../followup';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A customer as graders read it: a stored customer (lib/db StoredCustomer) fits as is. */
export interface GradeInput extends CustomerFields {
  id?: string;
  /** Unmapped columns by header; graders read the keys of EXTRA_KEYS (extra.ts). */
  extra?: Readonly<Record<string, string>>;
  /** The customer's follow-up log folded by summarizeFollowUps (lib/followup). */
  followUp?: FollowUpSummary;
}

export interface ValidationError {
  /** Dotted path of the offending field in the rule set, e.g. 'standards.intent.bands.1.within'. */
  path: string;
  message: Bilingual;
}

export const label = (zh: string, en: string): Bilingual => Object.freeze({ zh, en });
