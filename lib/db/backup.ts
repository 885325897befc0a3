// Backup and restore of the whole database (docs/workbench.md#backup-and-restore): every table the schema
// holds at run time (customers, history, batches and their snapshots, site
// profiles, settings, rule sets, the follow-up log, and whatever a later
// schema adds), read in one transaction and restored in one: a restore that
// fails anywhere stores nothing. The file format and its migrations between
// schema versions are lib/sheets/backup.ts's.
//
// The identity directory is not backed up: it is derived from the customers
// (directory.ts) and rebuilt in the restore's transaction.
//
// Modes:
// - replace: the database becomes exactly the backup.
// - merge: nothing stored is lost. Rows the database lacks are added; where
//   both hold a row with the same key the stored one is kept, except a
//   customer the backup holds in a more recent state (updatedAt). A backup
//   customer whose mobile, VIN or portal id another stored customer holds is
//   not added (two records of one identity would undo de-duplication, docs/capture.md#identity-and-de-duplication
//   "Identity"): its follow-ups and history are attached to the stored one.
import type { Table } from 'dexie';
import { IDENTITY_FIELDS } from '../customer';
import { SETTING_MIGRATIONS } from '../settings';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  parseBackup,
  serializeBackup,
  type Backup,
  type BackupTables,
  type ParseBackupResult,
} from '../sheets/backup';
import type { DealerLensDB } from './database';
import { loadDirectory, saveDirectory } from './directory';
import { settingsOf } from './settings';
import type { BatchSnapshot, HistoryRecord, StoredCustomer } from './types';

/** Derived tables: rebuilt after a restore, never written to a backup. */
export const DERIVED_TABLES: readonly string[] = ['identityDirectory'];

export type RestoreMode = 'merge' | 'replace';

function backedUpTables(db: DealerLensDB): Table[] {
  return db.tables.filter((t) => !DERIVED_TABLES.includes(t.name));
}

/** Every table's rows, in one read transaction (a consistent copy). */
export async function readBackupTables(db: DealerLensDB): Promise<BackupTables> {
  const tables = backedUpTables(db);
  return db.transaction('r', tables, async () => {
    const rows = await Promise.all(tables.map((t) => t.toArray()));
    return Object.fromEntries(tables.map((t, i) => [t.name, rows[i]!]));
  });
}

/** The whole database as backup file text (JSON). */
export async function exportBackup(db: DealerLensDB, now: Date): Promise<string> {
  if (!db.isOpen()) await db.open();
  return serializeBackup(await readBackupTables(db), { now, schemaVersion: db.verno });
}

/** Reads backup file text and brings it to this database's schema. */
export async function readBackup(db: DealerLensDB, text: string): Promise<ParseBackupResult> {
  if (!db.isOpen()) await db.open();
  return parseBackup(text, db.verno);
}

export interface TableRestoreCounts {
  /** Rows in the backup. */
  backup: number;
  /** Rows in the database now. */
  stored: number;
  /** What a merge does: rows added, stored rows replaced by a newer backup row, backup rows left out. */
  merge: { add: number; replace: number; skip: number };
}

export interface RestorePreview {
  tables: Record<string, TableRestoreCounts>;
  /** Backup customers whose mobile, VIN or portal id another stored customer holds (merge leaves them out). */
  identityConflicts: number;
  /** Tables of the backup this database has no place for (left out). */
  unknownTables: string[];
}

type Row = Record<string, unknown>;

function keyOf(table: Table, row: Row): unknown {
  const path = table.schema.primKey.keyPath;
  if (typeof path === 'string') return row[path];
  return JSON.stringify((path ?? []).map((p) => row[p]));
}

interface MergePlan {
  /** Rows to put, per table. */
  puts: Map<string, Row[]>;
  counts: Record<string, TableRestoreCounts>;
  identityConflicts: number;
}

/** Works out what a merge writes; reads only (runs inside the caller's transaction). */
async function planMerge(db: DealerLensDB, backup: Backup): Promise<MergePlan & { unknownTables: string[] }> {
  const tables = backedUpTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const unknownTables = Object.keys(backup.tables).filter(
    (name) => !byName.has(name) && !DERIVED_TABLES.includes(name),
  );
  const counts: Record<string, TableRestoreCounts> = {};
  const puts = new Map<string, Row[]>();

  // Customers first: conflicts decide where follow-ups and history go.
  const stored = new Map<string, StoredCustomer>((await db.customers.toArray()).map((c) => [c.id, c]));
  const holder = new Map<string, string>();
  for (const c of stored.values()) for (const f of IDENTITY_FIELDS) if (c[f]) holder.set(`${f}:${c[f]}`, c.id);
  const remap = new Map<string, string>();
  let identityConflicts = 0;
  const customerPuts: Row[] = [];
  const customerCounts = { add: 0, replace: 0, skip: 0 };
  for (const c of (backup.tables.customers ?? []) as unknown as StoredCustomer[]) {
    const mine = stored.get(c.id);
    if (mine) {
      if (c.updatedAt > mine.updatedAt) {
        customerPuts.push(c as unknown as Row);
        customerCounts.replace++;
      } else customerCounts.skip++;
      continue;
    }
    const other = IDENTITY_FIELDS.map((f) => (c[f] ? holder.get(`${f}:${c[f]}`) : undefined)).find(
      (id) => id !== undefined,
    );
    if (other !== undefined) {
      identityConflicts++;
      customerCounts.skip++;
      remap.set(c.id, other);
      continue;
    }
    for (const f of IDENTITY_FIELDS) if (c[f]) holder.set(`${f}:${c[f]}`, c.id);
    customerPuts.push(c as unknown as Row);
    customerCounts.add++;
  }
  puts.set('customers', customerPuts);
  counts.customers = { backup: backup.tables.customers?.length ?? 0, stored: stored.size, merge: customerCounts };

  // History rows keep their ids where free (batch snapshots name them by range);
  // a taken id with another row gets a new id, and the backup batch's
  // snapshot then no longer names its range (its undo leaves history alone).
  const reIdBatches = new Set<string>();
  for (const table of tables) {
    const name = table.name;
    if (name === 'customers') continue;
    const rows = (backup.tables[name] ?? []) as Row[];
    const storedCount = await table.count();
    const c = { add: 0, replace: 0, skip: 0 };
    const out: Row[] = [];
    const keys = rows.map((r) => keyOf(table, r));
    const existing = await table.bulkGet(keys as never[]);
    for (let i = 0; i < rows.length; i++) {
      let row = rows[i]!;
      if (typeof row.customerId === 'string' && remap.has(row.customerId))
        row = { ...row, customerId: remap.get(row.customerId) };
      const there = existing[i] as Row | undefined;
      if (there === undefined) {
        out.push(row);
        c.add++;
      } else if (name === 'history' && !sameHistory(there, row)) {
        const { id: _id, ...fresh } = row;
        out.push(fresh);
        if (typeof row.batchId === 'string') reIdBatches.add(row.batchId);
        c.add++;
      } else c.skip++;
    }
    puts.set(name, out);
    counts[name] = { backup: rows.length, stored: storedCount, merge: c };
  }
  const snapshots = puts.get('batchSnapshots') as unknown as BatchSnapshot[] | undefined;
  if (snapshots && reIdBatches.size) {
    puts.set(
      'batchSnapshots',
      snapshots.map((s) => (reIdBatches.has(s.batchId) ? { ...s, historyIds: null } : s)) as unknown as Row[],
    );
  }
  return { puts, counts, identityConflicts, unknownTables };
}

function sameHistory(a: Row, b: Row): boolean {
  const x = a as unknown as HistoryRecord;
  const y = b as unknown as HistoryRecord;
  return x.customerId === y.customerId && x.at === y.at && x.batchId === y.batchId;
}

/** What a restore would do, in either mode, before the user confirms. */
export async function previewRestore(db: DealerLensDB, backup: Backup): Promise<RestorePreview> {
  const tables = backedUpTables(db);
  return db.transaction('r', tables, async () => {
    const plan = await planMerge(db, backup);
    return { tables: plan.counts, identityConflicts: plan.identityConflicts, unknownTables: plan.unknownTables };
  });
}

export interface RestoreResult {
  mode: RestoreMode;
  /** Rows written, per table. */
  written: Record<string, number>;
  /** Rows removed first (replace). */
  removed: Record<string, number>;
  identityConflicts: number;
}

function checkSchema(db: DealerLensDB, backup: Backup): void {
  if (backup.schemaVersion !== db.verno)
    throw new Error(
      `backup is in schema ${backup.schemaVersion}, the database in ${db.verno}: read it with readBackup`,
    );
}

/** The restore's writes; inside a rw transaction over every table. */
async function restoreTables(db: DealerLensDB, backup: Backup, mode: RestoreMode): Promise<RestoreResult> {
  const written: Record<string, number> = {};
  const removed: Record<string, number> = {};
  let identityConflicts = 0;
  if (mode === 'replace') {
    for (const table of backedUpTables(db)) {
      removed[table.name] = await table.count();
      await table.clear();
      const rows = backup.tables[table.name] ?? [];
      if (rows.length) await table.bulkAdd(rows as never[]);
      written[table.name] = rows.length;
    }
  } else {
    const plan = await planMerge(db, backup);
    identityConflicts = plan.identityConflicts;
    for (const [name, rows] of plan.puts) {
      if (rows.length) await db.table(name).bulkPut(rows as never[]);
      written[name] = rows.length;
    }
  }
  // The identity directory follows the customers restored.
  await db.identityDirectory.clear();
  await saveDirectory(db, await loadDirectory(db, { rebuild: true }));
  // An older backup may hold settings under keys since renamed.
  await settingsOf(db).migrate(SETTING_MIGRATIONS);
  return { mode, written, removed, identityConflicts };
}

/**
 * Restores a backup (already brought to this schema by readBackup) in one
 * transaction over every table: if any write fails, nothing changes.
 */
export async function restoreBackup(db: DealerLensDB, backup: Backup, mode: RestoreMode): Promise<RestoreResult> {
  if (!db.isOpen()) await db.open();
  checkSchema(db, backup);
  return db.transaction('rw', db.tables, async () => await restoreTables(db, backup, mode));
}

/** What a restore replaced, to put back with undoRestore while nothing else has changed since. */
export interface RestoreUndo {
  /** The database as it was just before the restore. */
  before: Backup;
  /** The database's fingerprint just after it. */
  after: string;
}

export const RESTORE_CHANGED_SINCE =
  '恢复之后数据又有改动，撤销会丢掉这些改动，未撤销 / the data changed after the restore; undoing it would lose that, so nothing was undone';

/**
 * Row counts of every backed-up table and the customers' latest change: what
 * tells that nothing was captured, logged, edited or deleted since a restore.
 * The settings' values are left out: opening a page writes some (last graded).
 */
async function fingerprint(db: DealerLensDB): Promise<string> {
  const tables = backedUpTables(db);
  const counts = await Promise.all(tables.map((t) => t.count()));
  const latest = await db.customers.orderBy('updatedAt').last();
  return JSON.stringify([tables.map((t, i) => [t.name, counts[i]]), latest?.id, latest?.updatedAt]);
}

/**
 * A restore that can be taken back: the same restore, with a copy of the
 * database as it was before, read in the restore's own transaction.
 */
export async function restoreBackupWithUndo(
  db: DealerLensDB,
  backup: Backup,
  mode: RestoreMode,
  now: Date,
): Promise<RestoreResult & { undo: RestoreUndo }> {
  if (!db.isOpen()) await db.open();
  checkSchema(db, backup);
  return db.transaction('rw', db.tables, async () => {
    const before: Backup = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      exportedAt: now.toISOString(),
      schemaVersion: db.verno,
      tables: await readBackupTables(db),
    };
    const result = await restoreTables(db, backup, mode);
    return { ...result, undo: { before, after: await fingerprint(db) } };
  });
}

export type RestoreUndoResult = { ok: true; result: RestoreResult } | { ok: false; reason: string };

/** Puts the database back as it was before the restore `undo` came from, unless it changed since. */
export async function undoRestore(db: DealerLensDB, undo: RestoreUndo): Promise<RestoreUndoResult> {
  if (!db.isOpen()) await db.open();
  return db.transaction('rw', db.tables, async (): Promise<RestoreUndoResult> => {
    if ((await fingerprint(db)) !== undo.after) return { ok: false, reason: RESTORE_CHANGED_SINCE };
    return { ok: true, result: await restoreTables(db, undo.before, 'replace') };
  });
}
