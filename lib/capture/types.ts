import type { FieldName, LetterMeaning, StagedTable } from '../customer';

export type { StagedTable } from '../customer';
import type { ColumnMapping, ParseFailure } from '../mapping';

export interface CapturePreview {
  id: string;
  table: StagedTable;
  mapping: ColumnMapping[];
  /** The matched site profile; `letters`: what it says the portal's grade letters mean. */
  profile: { id: string; name: string; letters?: Record<string, LetterMeaning> } | null;
}

export interface CheckResult {
  failures: ParseFailure[];
  /** Rows that would be refused for lack of identity (mobile, VIN or customer no.). */
  unidentified: number[];
  /** Distinct customers the rows identify (rows sharing an identity merge). */
  customers: number;
}

/** The user's choice of field per column index. */
export type UserMapping = { index: number; field: FieldName | null }[];

/** What the user says the portal's grade letters mean (letter -> meaning); letters left out are read by the rule set. */
export type UserLetters = Record<string, LetterMeaning>;
