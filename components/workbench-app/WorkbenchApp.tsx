// The workbench page as people use it (docs/workbench.md#views): the grid and its views
// (components/workbench), the customer drawer with the follow-up form, bulk
// actions on the selection, the manager's audit, and the sheet exports of
// docs/workbench.md#views, wired together.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColDef, Column, ValueFormatterParams } from 'ag-grid-community';
import { FIELDS, type FieldName } from '@/lib/customer';
import type { DealerLensDB, StoredCustomer } from '@/lib/db';
import type { SheetColumnType } from '@/lib/sheets';
import type { View } from '@/lib/views';
import { useLocale } from '@/components/i18n/LocaleContext';
import { Workbench, type WorkbenchToolbarContext } from '@/components/workbench/Workbench';
import type { CustomerGridHandle } from '@/components/customer-grid/CustomerGrid';
import { CustomerDrawer } from '@/components/customer-drawer/CustomerDrawer';
import { BulkActions } from '@/components/bulk-actions/BulkActions';
import { ExportMenu, type ExportColumn } from '@/components/export-menu/ExportMenu';
import { Audit } from '@/components/audit/Audit';
import { MESSAGES } from './messages';

export interface WorkbenchAppProps {
  db: DealerLensDB;
  now: () => Date;
  initialViewId?: string;
  /** Views for this visit alone (本页客户 from the portal's summary bar). */
  temporaryViews?: readonly View[];
  /** A customer whose drawer (and follow-up form) opens first: a badge clicked on the portal (?customer=). */
  initialCustomerId?: string;
  onViewChange?(viewId: string): void;
  onGridReady?(grid: CustomerGridHandle): void;
  /** Extension URLs of the import and options pages. */
  pageUrl(path: '/import.html' | '/options.html' | '/workbench.html'): string;
  /** True when the page runs in a frame over a portal page (the in-page drawer). */
  embedded?: boolean;
}

const DATETIME_FIELDS = new Set<string>(['lastContactAt', 'firstVisitAt']);

/** How a grid column is written to a sheet: IDs and phones as text, dates as dates, money as numbers. */
export function sheetTypeOf(colId: string): SheetColumnType {
  // The grade summary's days (grades.nextDueAt, grades.serviceDueAt) are dates; its counts are integers.
  if (colId.startsWith('grades.')) return colId === 'grades.overdueDays' ? 'int' : /At$/.test(colId) ? 'date' : 'grade';
  const field = FIELDS[colId as FieldName] as { kind: string } | undefined;
  switch (field?.kind) {
    case 'phone':
      return 'phone';
    case 'idNumber':
      return 'idNumber';
    case 'vin':
      return 'vin';
    case 'date':
      return DATETIME_FIELDS.has(colId) ? 'datetime' : 'date';
    case 'money':
      return 'money';
    case 'mileage':
      return 'number';
    case 'int':
      return 'int';
    default:
      return 'text';
  }
}

/**
 * A grid column as the export writes it: the grid's header, and for grades and
 * stages, gender, vehicle use the label its own formatter shows (in the user's
 * language) rather than the stored id ('neverServiced', 'lead'). Dates,
 * numbers, phones and IDs are written as typed cells, not as the grid's text.
 */
export function exportColumnOf(def: ColDef<StoredCustomer>, colId: string): ExportColumn {
  const type = sheetTypeOf(colId);
  const column: ExportColumn = { key: def.field as string, header: def.headerName ?? colId, type };
  const formatter = def.valueFormatter;
  if (typeof formatter === 'function' && (type === 'grade' || type === 'text')) {
    column.label = (value) =>
      value === undefined || value === null || value === ''
        ? value
        : formatter({ value } as ValueFormatterParams<StoredCustomer>);
  }
  return column;
}

/**
 * Embedded in a portal page, the workbench frame is a third-party frame: a
 * browser that blocks third-party cookies also denies it IndexedDB
 * ("The user denied permission to access the database").
 */
function isStorageBlocked(error: unknown): boolean {
  const name =
    (error as { name?: string; inner?: { name?: string } } | null)?.inner?.name ??
    (error as { name?: string } | null)?.name;
  const text = String((error as { message?: string } | null)?.message ?? error);
  return name === 'SecurityError' || /denied permission|access is denied/i.test(text);
}

export function WorkbenchApp({
  db,
  now,
  initialViewId,
  temporaryViews,
  initialCustomerId,
  onViewChange,
  onGridReady,
  pageUrl,
  embedded = false,
}: WorkbenchAppProps) {
  const { t, tt } = useLocale();
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    if (!embedded) return;
    db.open().catch((error: unknown) => setBlocked(isStorageBlocked(error)));
  }, [db, embedded]);
  const [openId, setOpenId] = useState<string | null>(initialCustomerId ?? null);
  const [auditOpen, setAuditOpen] = useState(false);
  const [bulkUsed, setBulkUsed] = useState(false);
  const grid = useRef<CustomerGridHandle | null>(null);
  // Where the focus was when the drawer opened: the grid cell of the customer's row, or another control.
  const openedFrom = useRef<{ rowId: string; colId: string } | Element | null>(null);
  const toolbarContext = useRef<WorkbenchToolbarContext | null>(null);

  const ready = useCallback(
    (handle: CustomerGridHandle) => {
      grid.current = handle;
      onGridReady?.(handle);
    },
    [onGridReady],
  );

  /** What the view shows, in its order, after its filters and search. */
  const viewRows = useCallback((): StoredCustomer[] => {
    const rows: StoredCustomer[] = [];
    grid.current?.api.forEachNodeAfterFilterAndSort((node) => {
      if (node.data) rows.push(node.data);
    });
    return rows;
  }, []);

  const viewColumns = useCallback((): ExportColumn[] => {
    const columns: Column[] = grid.current?.api.getAllDisplayedColumns() ?? [];
    return columns.filter((c) => c.getColDef().field).map((c) => exportColumnOf(c.getColDef(), c.getColId()));
  }, []);

  const reload = (ids: readonly string[]) => void toolbarContext.current?.reloadCustomers(ids);

  const openCustomer = useCallback((id: string) => {
    const api = grid.current?.api;
    const cell = api?.getFocusedCell();
    const row = cell ? api!.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
    openedFrom.current = cell && row?.id === id ? { rowId: id, colId: cell.column.getColId() } : document.activeElement;
    setOpenId(id);
  }, []);

  // The drawer closed: the focus goes back where it came from, the customer's row when it is still shown.
  useEffect(() => {
    const from = openedFrom.current;
    if (openId !== null || !from) return;
    openedFrom.current = null;
    const api = grid.current?.api;
    if (from instanceof Element) {
      if (from.isConnected) (from as HTMLElement).focus?.();
      return;
    }
    const node = api?.getRowNode(from.rowId);
    if (!api || !node?.displayed || node.rowIndex === null) return;
    api.ensureIndexVisible(node.rowIndex);
    api.setFocusedCell(node.rowIndex, from.colId);
  }, [openId]);

  if (blocked) {
    return (
      <div className="wb-app-blocked" role="alert">
        <p>{MESSAGES.storageBlocked.zh}</p>
        <p className="en">{MESSAGES.storageBlocked.en}</p>
        <a href={pageUrl('/workbench.html')} target="_blank" rel="noreferrer">
          {tt(MESSAGES.openInTab)}
        </a>
      </div>
    );
  }

  return (
    <Workbench
      db={db}
      now={now}
      initialViewId={initialViewId}
      temporaryViews={temporaryViews}
      onViewChange={onViewChange}
      onGridReady={ready}
      onOpenCustomer={openCustomer}
      toolbar={(ctx) => {
        toolbarContext.current = ctx;
        return (
          <span className="wb-app-tools">
            {(ctx.selectedIds.length > 0 || bulkUsed) && (
              <BulkActions
                db={db}
                ids={ctx.selectedIds}
                now={now}
                // A bulk action can touch any selected row, and an undo puts back rows no longer selected: re-read all.
                // The toolbar stays after it, with its undo and redo, even when the rows left the view and the selection.
                onDone={() => {
                  setBulkUsed(true);
                  void ctx.reloadAll();
                }}
              />
            )}
            <ExportMenu db={db} viewRows={viewRows} viewColumns={viewColumns} now={now} />
            <button type="button" onClick={() => setAuditOpen((v) => !v)} aria-pressed={auditOpen}>
              {t(MESSAGES.audit)}
            </button>
            <a href={pageUrl('/import.html')} target="_blank" rel="noreferrer">
              {t(MESSAGES.importFile)}
            </a>
            <a href={pageUrl('/options.html')} target="_blank" rel="noreferrer">
              {t(MESSAGES.settings)}
            </a>
          </span>
        );
      }}
    >
      {auditOpen && (
        <section className="wb-app-audit" aria-label={tt(MESSAGES.audit)}>
          <button
            type="button"
            className="wb-app-close"
            onClick={() => setAuditOpen(false)}
            aria-label={tt(MESSAGES.closeAudit)}
          >
            ×
          </button>
          {/* A number opens its list only; a name in the list opens that customer. */}
          <Audit db={db} now={now} onOpenCustomer={openCustomer} />
        </section>
      )}
      {openId && (
        <CustomerDrawer
          key={openId}
          db={db}
          customerId={openId}
          now={now}
          onClose={() => setOpenId(null)}
          onChanged={(customer) => reload([customer.id])}
        />
      )}
    </Workbench>
  );
}
