// The stored shapes of DealerLens's local database (docs/architecture.md#the-data-layer, "lib/db").
import type { CustomerFields, FieldName, Provenance } from '../customer';
// Site profiles are lib/mapping's; the database only keeps them.
import type { SiteProfile } from '../mapping';
import type { GradeSummary, RuleSet } from '../grading';
import type { Dexie, EntityTable, Table } from 'dexie';
import type { FollowUp, FollowUpSummary } from '../followup';

export type { SiteProfile };

/** A customer as stored: the canonical fields plus what DealerLens keeps about them. */
export interface StoredCustomer extends CustomerFields {
  /** Stable primary key (a UUID: newCustomerId, version 7, for customers a capture creates); identity keys can change, this never does. */
  id: string;
  /** Unmapped columns by header, merged across captures: nothing a page showed is lost. */
  extra: Record<string, string>;
  /** Raw text of values that failed to parse, as of the latest capture that changed this customer. */
  invalid: Partial<Record<FieldName, string>>;
  /** The latest capture that changed this customer. */
  provenance: Provenance;
  createdAt: string;
  updatedAt: string;
  /** Fields a user set in DealerLens: a capture never overwrites them (docs/capture.md#merge-rules merge rules). */
  userEdited: FieldName[];
  /** The batch that last wrote this customer; undo uses it to see whether a later capture changed it. */
  lastBatchId: string;
  /**
   * The grades by the active rule set as a flat record (the run API's
   * CustomerGrading.summary()), so grids sort and filter on them without grading
   * (docs/grading.md#g06-when-grades-are-worked-out: grades are stored with the customer). Absent until first graded.
   * They hold as of the store's last grading (lib/db/grades.ts lastGraded:
   * its day and rule set): a re-grade rewrites only the customers whose
   * grades changed, so no per-customer stamp is kept.
   */
  grades?: GradeSummary;
  /**
   * The customer's follow-up log folded by summarizeFollowUps (docs/workbench.md#logging-a-follow-up): what
   * grading reads of it (GradeInput.followUp). User data: a capture never
   * writes it (the log itself is db.followUps).
   */
  followUp?: FollowUpSummary;
  /** Tags the user added (bulk "add tag", docs/workbench.md#bulk-actions); user data like followUp. */
  tags?: string[];
}

/**
 * One change to one field of one customer, as history reads (historyOf). A
 * customer's creation is not stored as a change: it is derived from createdAt
 * (field HISTORY_CREATED), see HistoryRecord.
 */
export interface HistoryEntry {
  id?: number;
  customerId: string;
  at: string;
  batchId: string | null;
  /** A FieldName, 'extra.<header>', or HISTORY_CREATED for the (derived) entry of a customer's creation. */
  field: string;
  from: unknown;
  to: unknown;
  by: 'capture' | 'user' | 'undo';
}

export interface FieldChange {
  /** A FieldName or 'extra.<header>'. */
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * What db.history stores: ONE row per customer per batch, carrying every field
 * the batch changed. Measured in Chromium on a plain store, 10,000 rows of 5
 * changes each write in ~0.9 s against ~5.3 s for 50,000 rows of one change
 * each: the cost is per row (an IndexedDB request, here plus a customerId index entry). Creation writes no row: the
 * customer's createdAt, its provenance and the batch snapshot (`created`)
 * already record it. Read through historyOf, which gives flat HistoryEntry's.
 */
export interface HistoryRecord {
  id?: number;
  customerId: string;
  at: string;
  batchId: string | null;
  by: 'capture' | 'user' | 'undo';
  changes: FieldChange[];
}

/** One capture: every capture is a batch that lands whole and can be undone whole (docs/capture.md#staging-preview-commit-and-undo). */
export interface Batch {
  id: string;
  at: string;
  source: 'page' | 'file';
  pageUrl: string;
  profileId?: string;
  /**
   * Per captured row, so the four add up to the rows given: `new` rows created a customer,
   * `updated` rows changed one (that existed, or that an earlier row of the batch created),
   * `unchanged` rows found their customer and changed nothing, `rejected` rows were not stored.
   */
  counts: { new: number; updated: number; unchanged: number; rejected: number };
  /** `row` is the 0-based index into the records given to commitCapture. */
  rejected: { row: number; reason: string }[];
  /** Customers this batch created or changed (the ones an undo puts back). */
  customerIds: string[];
  undone: boolean;
  undoneAt?: string;
  /** Cells that held zero-width or bidirectional control characters, removed before the batch was read. */
  invisibleCells?: number;
}

/** What undoing a batch needs: the customers it created, and the prior state of those it changed. */
export interface BatchSnapshot {
  batchId: string;
  created: string[];
  before: StoredCustomer[];
  /**
   * The auto-increment ids of the batch's history entries, which are contiguous
   * because one transaction wrote them all; undo deletes that range, so history
   * needs no batchId index (each index costs on every entry of a 10,000-row capture).
   */
  historyIds: { first: number; last: number } | null;
  /** Identity directory keys the batch gave to or took from a customer (absent on batches before version 2). */
  directory?: DirectoryChanges;
}

/** Parallel arrays: keys[i] is held by customer ids[i]. */
export interface KeyOwners {
  keys: string[];
  ids: string[];
}

/**
 * The identity directory as stored (see directory.ts for why): a small row to
 * check it against the store, and one row with every key, split by kind.
 */
export interface IdentityDirectoryMeta {
  id: 'meta';
  /** Customers in the store when it was written; a different count means it drifted and is rebuilt. */
  count: number;
  /** Bumped at every write. */
  generation: number;
  /** Random per write: an in-memory copy with the same stamp is the stored one. */
  stamp: string;
}

export interface IdentityDirectoryEntries {
  id: 'entries';
  stamp: string;
  phone: KeyOwners;
  vin: KeyOwners;
  portalId: KeyOwners;
}

export type IdentityDirectoryRow = IdentityDirectoryMeta | IdentityDirectoryEntries;

/** What the directory changed during one batch, so an undo can put exactly that back. */
export interface DirectoryChanges {
  keys: string[];
  /** The customer that held the key before, or null when nobody did. */
  before: (string | null)[];
  /** The customer that holds it after, or null when the batch released it. */
  after: (string | null)[];
}

export interface Setting {
  key: string;
  value: unknown;
}

/**
 * A manager's rule set as stored (docs/grading.md#g01-rule-sets). The rule set is kept as written:
 * an older shape is brought up to date by migrateRuleSet when read, so it is
 * typed loosely here and only a migrated, validated RuleSet leaves lib/db.
 */
export interface StoredRuleSet {
  id: string;
  ruleSet: RuleSet | Record<string, unknown>;
  savedAt: string;
}

/** The one database's tables (database.ts opens it); a type only, so the files that use a database need not import the one that opens it. */
export type DealerLensDB = Dexie & {
  customers: EntityTable<StoredCustomer, 'id'>;
  history: EntityTable<HistoryRecord, 'id'>;
  batches: EntityTable<Batch, 'id'>;
  batchSnapshots: EntityTable<BatchSnapshot, 'batchId'>;
  profiles: EntityTable<SiteProfile, 'id'>;
  settings: Table<Setting, string>;
  identityDirectory: EntityTable<IdentityDirectoryRow, 'id'>;
  ruleSets: EntityTable<StoredRuleSet, 'id'>;
  followUps: EntityTable<FollowUp, 'id'>;
};
