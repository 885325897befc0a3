// The whole-database backup file (docs/workbench.md#backup-and-restore), pure
// (docs/architecture.md#libsheets, excalidraw's serializeAsJSON beside saveAsJSON): tables in,
// JSON text out, and back. lib/db/backup.ts reads and writes the database;
// lib/extension/downloads.ts saves the file.
//
// The file names the database schema version it was taken from
// (`schemaVersion`, Dexie's version number), and the tables are brought up to
// the schema of the database they are restored into by the migrations below,
// step by step, as Dexie's own upgrade() steps do for a stored database.
//
// Values IndexedDB keeps but JSON cannot (undefined in a history change's
// `from`, NaN, Infinity, Date) are written as tagged objects, so a restore
// gives back exactly what was saved.
import { localDateOf } from '../calendar';
import type { Bilingual } from '../i18n';

export const BACKUP_FORMAT = 'dealerlens-backup';
/** The envelope's own version: the shape of this file around the tables. */
export const BACKUP_FORMAT_VERSION = 1;

/** Tables by name, each a list of rows as stored. */
export type BackupTables = Record<string, unknown[]>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** ISO instant the backup was taken. */
  exportedAt: string;
  /** The database schema version the tables are in (after parseBackup: the target's). */
  schemaVersion: number;
  tables: BackupTables;
}

export type BackupErrorCode = 'notJson' | 'notBackup' | 'newerVersion' | 'badTable';

export interface BackupError {
  code: BackupErrorCode;
  message: Bilingual;
}

export type ParseBackupResult =
  { ok: true; backup: Backup; migratedFrom: number | null } | { ok: false; error: BackupError };

/** The key of a tagged value: not a field name any table uses. */
const TAG = '$dealerlens';

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'number' && !Number.isFinite(value))
    return { [TAG]: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  return value;
}

/** JSON.stringify calls toJSON before the replacer sees a Date: tag dates from the holder instead. */
function tagDates(value: unknown): unknown {
  if (value instanceof Date) return { [TAG]: 'date', value: value.toISOString() };
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const t = typeof v === 'object' && v !== null ? tagDates(v) : v;
      if (t !== v) (copy ??= value.slice())[i] = t;
    }
    return copy ?? value;
  }
  if (typeof value === 'object' && value !== null) {
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      const t = typeof v === 'object' && v !== null ? tagDates(v) : v;
      if (t !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = t;
    }
    return copy ?? value;
  }
  return value;
}

const SPECIAL: Record<string, unknown> = { undefined, NaN, Infinity, '-Infinity': -Infinity };

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(TAG in value)) return value;
  const tag = (value as Record<string, unknown>)[TAG] as string;
  if (tag === 'date') return new Date((value as unknown as { value: string }).value);
  return SPECIAL[tag];
}

/** The reviver's stand-in for undefined: JSON.parse drops a property whose reviver returns undefined. */
const UNDEFINED = Object.freeze({});

const unwrap = (v: unknown): unknown =>
  v === UNDEFINED ? undefined : typeof v === 'object' && v !== null ? restoreUndefined(v) : v;

function restoreUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unwrap(value[i]);
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      if (typeof v === 'object' && v !== null) record[key] = unwrap(v);
    }
  }
  return value;
}
export function serializeBackup(tables: BackupTables, meta: { now: Date; schemaVersion: number }): string {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    exportedAt: meta.now.toISOString(),
    schemaVersion: meta.schemaVersion,
    tables: tagDates(tables) as BackupTables,
  };
  return JSON.stringify(backup, replacer);
}

// ---------------------------------------------------------------------------
// Migrations: MIGRATIONS[n] brings tables of schema n to schema n + 1
// (lib/db/database.ts lists what each schema version added).

type Row = Record<string, unknown>;

/** The history entry of a customer's creation in schema 1 (lib/db HISTORY_CREATED). */
const V1_CREATED = '(created)';

export const BACKUP_MIGRATIONS: Readonly<Record<number, (tables: BackupTables) => BackupTables>> = {
  // Schema 2: history is one row per customer per batch carrying its changes;
  // schema 1 wrote a row per changed field, plus one per created customer
  // (creation is now derived from the customer).
  1: (tables) => ({
    ...tables,
    history: ((tables.history ?? []) as Row[])
      .filter((entry) => entry.field !== V1_CREATED)
      .map((entry) => {
        if (Array.isArray(entry.changes)) return entry;
        const { field, from, to, ...rest } = entry;
        return { ...rest, changes: [{ field, from, to }] };
      }),
  }),
  // Schema 3: the manager's rule sets.
  2: (tables) => ({ ...tables, ruleSets: tables.ruleSets ?? [] }),
  // Schema 4: the follow-up log.
  3: (tables) => ({ ...tables, followUps: tables.followUps ?? [] }),
};

const ERRORS: Record<BackupErrorCode, Bilingual> = {
  notJson: {
    zh: '文件不是 JSON，无法读取。请选择 DealerLens 导出的备份文件（.json）。',
    en: 'The file is not JSON. Pick a backup file DealerLens exported (.json).',
  },
  notBackup: { zh: '这不是 DealerLens 的备份文件。', en: 'This is not a DealerLens backup file.' },
  newerVersion: {
    zh: '备份来自更新版本的 DealerLens（数据库版本 {from}，本机为 {to}）。请先更新扩展再恢复。',
    en: 'The backup comes from a newer DealerLens (database version {from}, this one is {to}). Update the extension, then restore.',
  },
  badTable: {
    zh: '备份文件中的表“{table}”已损坏（不是一组记录）。',
    en: 'Table "{table}" of the backup is damaged (not a list of records).',
  },
};

function fail(code: BackupErrorCode, values: Record<string, string | number> = {}): ParseBackupResult {
  const fill = (t: string): string => t.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  return { ok: false, error: { code, message: { zh: fill(ERRORS[code].zh), en: fill(ERRORS[code].en) } } };
}

/** Reads a backup file and brings its tables to `targetSchemaVersion`. */
export function parseBackup(text: string, targetSchemaVersion: number): ParseBackupResult {
  let raw: unknown;
  try {
    raw = restoreUndefined(
      JSON.parse(text, (key, value: unknown) => {
        const v = reviver(key, value);
        return v === undefined && value !== undefined ? UNDEFINED : v;
      }),
    );
  } catch {
    return fail('notJson');
  }
  if (typeof raw !== 'object' || raw === null) return fail('notBackup');
  const file = raw as Partial<Backup>;
  if (
    file.format !== BACKUP_FORMAT ||
    typeof file.schemaVersion !== 'number' ||
    typeof file.tables !== 'object' ||
    file.tables === null
  )
    return fail('notBackup');
  if (typeof file.version === 'number' && file.version > BACKUP_FORMAT_VERSION)
    return fail('newerVersion', { from: file.schemaVersion, to: targetSchemaVersion });
  if (file.schemaVersion > targetSchemaVersion)
    return fail('newerVersion', { from: file.schemaVersion, to: targetSchemaVersion });
  for (const [table, rows] of Object.entries(file.tables)) {
    if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null))
      return fail('badTable', { table });
  }
  let tables = file.tables;
  for (let v = file.schemaVersion; v < targetSchemaVersion; v++) tables = BACKUP_MIGRATIONS[v]?.(tables) ?? tables;
  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      exportedAt: String(file.exportedAt ?? ''),
      schemaVersion: targetSchemaVersion,
      tables,
    },
    migratedFrom: file.schemaVersion < targetSchemaVersion ? file.schemaVersion : null,
  };
}

/** 'DealerLens_备份_2026-11-23.json' in the user's calendar day. */
export function backupFileName(now: Date): string {
  return `DealerLens_备份_${localDateOf(now)}.json`;
}
