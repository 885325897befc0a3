// The workbench's export menu (docs/workbench.md#export): what the view shows
// (its filter, sort and columns, as the grid hands them over) as .xlsx or
// .csv, or the graded workbook of every customer. Mobiles and ID numbers are
// masked unless the user ticks 导出完整号码 for this export. lib/sheets makes
// the bytes, lib/extension saves them.
import { useState } from 'react';
import { useLocale } from '@/components/i18n/LocaleContext';
import { localDateOf } from '@/lib/calendar';
import { type DealerLensDB, type StoredCustomer, auditStore, workbookSource } from '@/lib/db';
import {
  consultantAuditOf,
  exportFileName,
  mimeTypeOf,
  writeGradedWorkbook,
  writeWorkbook,
  type ConsultantAudit,
  type SheetColumn,
  type SheetColumnType,
  type SheetFormat,
  type SheetValue,
} from '@/lib/sheets';
import { saveFile } from '@/lib/extension';
import { MESSAGES } from './messages';

export interface ExportColumn {
  /** A property of the stored customer; a dotted path reads nested values ('grades.intent', 'extra.备注'). */
  key: string;
  header: string;
  type: SheetColumnType;
  /** The value as the grid shows it (a grade's or a stage's label in the user's language); absent: as stored. */
  label?: (value: SheetValue) => SheetValue;
}

export interface ExportMenuProps {
  db: DealerLensDB;
  /** The rows the view shows, in its order, after its filter. */
  viewRows: () => StoredCustomer[];
  /** The columns the view shows, in its order. */
  /** Or a function, read at export time, for a grid whose columns the user changes. */
  viewColumns: ExportColumn[] | (() => ExportColumn[]);
  now: () => Date;
  /** The audit per consultant for the workbook's 跟进检核 sheet; absent: the store's audit of this month to date (lib/db auditStore). */
  audit?: () => Promise<ConsultantAudit[]> | ConsultantAudit[];
  /** Saves the file; lib/extension's saveFile unless a test passes its own. */
  save?: (bytes: Uint8Array, fileName: string, mimeType: string) => void;
}

/** Reads 'grades.intent' from a customer. */
function pathReader(key: string): (row: StoredCustomer) => SheetValue {
  if (!key.includes('.')) return (row) => (row as unknown as Record<string, SheetValue>)[key];
  const [head, ...rest] = key.split('.');
  const tail = rest.join('.');
  return (row) => {
    const inner = (row as unknown as Record<string, unknown>)[head!];
    if (typeof inner !== 'object' || inner === null) return undefined;
    const value = (inner as Record<string, unknown>)[tail];
    return Array.isArray(value) ? value.join('、') : (value as SheetValue);
  };
}

export function viewSheetColumns(columns: readonly ExportColumn[]): SheetColumn<StoredCustomer>[] {
  return columns.map((c) => {
    const read = pathReader(c.key);
    const label = c.label;
    return {
      key: c.key,
      header: c.header,
      type: c.type,
      get: label ? (row: StoredCustomer) => label(read(row)) : read,
    };
  });
}

/**
 * The columns kept as extra fields (固定电话, any portal column DealerLens
 * has no field for), in the order they first appear, that the view does not
 * show already: the grid has no column for them, the export still carries them.
 */
export function extraColumns(rows: readonly StoredCustomer[], shown: readonly ExportColumn[]): ExportColumn[] {
  const taken = new Set(shown.map((c) => c.key));
  const headers = new Set(shown.map((c) => c.header));
  const keys = new Set<string>();
  for (const row of rows) for (const key in row.extra ?? {}) keys.add(key);
  return [...keys]
    .filter((k) => !taken.has(`extra.${k}`))
    .map((k) => ({ key: `extra.${k}`, header: headers.has(k) ? `${k}（原表）` : k, type: 'text' as const }));
}

/** The audit a manager reads by default: the calendar month so far. */
const monthStart = (d: Date): string => `${localDateOf(d).slice(0, 8)}01`;

type Status =
  { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; file: string } | { kind: 'error'; error: string };

export function ExportMenu({ db, viewRows, viewColumns, now, audit, save = saveFile }: ExportMenuProps) {
  const { tt, locale } = useLocale();
  const [open, setOpen] = useState(false);
  const [fullNumbers, setFullNumbers] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const run = async (make: () => Promise<{ bytes: Uint8Array; file: string; mime: string } | null>) => {
    setStatus({ kind: 'working' });
    // Let the "preparing" state paint before the synchronous write starts.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const out = await make();
      if (!out) return;
      save(out.bytes, out.file, out.mime);
      setStatus({ kind: 'done', file: out.file });
      setOpen(false);
    } catch (e) {
      setStatus({ kind: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  };

  const exportView = (format: SheetFormat) =>
    run(async () => {
      const rows = viewRows();
      if (rows.length === 0) {
        setStatus({ kind: 'error', error: tt(MESSAGES.empty) });
        return null;
      }
      const file = exportFileName('客户列表', now(), format);
      const shown = typeof viewColumns === 'function' ? viewColumns() : viewColumns;
      const columns = viewSheetColumns([...shown, ...extraColumns(rows, shown)]);
      return {
        bytes: writeWorkbook([{ name: '客户列表', columns, rows }], format, { fullNumbers }),
        file,
        mime: mimeTypeOf(format),
      };
    });

  const exportWorkbook = () =>
    run(async () => {
      const at = now();
      const { customers, ruleSet } = await workbookSource(db);
      const audited = audit
        ? await audit()
        : consultantAuditOf(await auditStore(db, ruleSet, monthStart(at), localDateOf(at), at));
      const bytes = await writeGradedWorkbook(customers, { ruleSet, now: at, fullNumbers, audit: audited, locale });
      return { bytes, file: exportFileName('客户分级', at), mime: mimeTypeOf('xlsx') };
    });

  const busy = status.kind === 'working';
  return (
    <div className="export-menu">
      <button type="button" aria-haspopup="menu" aria-expanded={open} disabled={busy} onClick={() => setOpen(!open)}>
        {busy ? tt(MESSAGES.working) : tt(MESSAGES.button)}
      </button>
      {open && (
        <div className="export-menu-panel" role="menu">
          <button
            type="button"
            role="menuitem"
            title={tt(MESSAGES.viewHint, { count: viewRows().length })}
            onClick={() => void exportView('xlsx')}
          >
            {tt(MESSAGES.viewXlsx)}
          </button>
          <button type="button" role="menuitem" onClick={() => void exportView('csv')}>
            {tt(MESSAGES.viewCsv)}
          </button>
          <button type="button" role="menuitem" title={tt(MESSAGES.workbookHint)} onClick={() => void exportWorkbook()}>
            {tt(MESSAGES.workbook)}
          </button>
          <label>
            <input
              type="checkbox"
              checked={fullNumbers}
              aria-describedby="export-menu-privacy"
              onChange={(e) => setFullNumbers(e.target.checked)}
            />{' '}
            {tt(MESSAGES.fullNumbers)}
          </label>
          <p className="export-menu-note" id="export-menu-privacy">
            {tt(MESSAGES.privacyNote)}
          </p>
        </div>
      )}
      {status.kind === 'done' && (
        <span className="export-menu-status" role="status">
          {tt(MESSAGES.done, { file: status.file })}
        </span>
      )}
      {status.kind === 'error' && (
        <span className="export-menu-status error" role="alert">
          {tt(MESSAGES.failed, { error: status.error })}
        </span>
      )}
    </div>
  );
}
