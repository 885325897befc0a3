import type { FieldName, LetterMeaning } from '../customer';
import type { ColumnMapping, ParseFailure } from '../mapping';

/** A table as the content script scraped it, staged in the background until the user confirms. */
export interface StagedTable {
  pageUrl: string;
  pageTitle: string;
  frame: string | null;
  headers: string[];
  rows: string[][];
  rowLinks: (string | null)[];
  totalRowsHint?: number;
  /**
   * The capture's local wall time 'YYYY-MM-DDTHH:mm', stamped when the table is
   * staged: 今天, 3天前 and dates without a year are read from this day.
   */
  capturedAt?: string;
  /**
   * Rows of the source left out before staging because they cannot be
   * imported (a file's cell over Excel's limit): the batch counts them as
   * rejected. `row` is 0-based in the source (a sheet row), `reason` bilingual text.
   */
  refused?: { row: number; reason: string }[];
  /** Cells (headers included) that held zero-width or bidirectional control characters, removed at staging. */
  invisibleCells?: number;
}

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
