// The customers grid (docs/workbench.md#the-grid): ag-grid-community, Community features only,
// created with createGrid inside this component rather than through
// ag-grid-react's React row renderer: with 100,000 rows a sort repaints
// through the grid's own DOM code, as fast as a bare grid (the bench compares
// them). Views, search and grade picks arrive as one external predicate; the
// grid's own column filters cover text, numbers and dates.
import { useEffect, useRef } from 'react';
import {
  AllCommunityModule,
  createGrid,
  ModuleRegistry,
  type ColumnState,
  type GridApi,
  type GridOptions,
  type IRowNode,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import type { StoredCustomer } from '@/lib/db';
import type { IntentParams, StandardId } from '@/lib/grading';
import type { Locale } from '@/lib/i18n';
import { pick } from '@/lib/i18n';
import type { CustomerPredicate, SortItem } from '@/lib/views';
import { buildColumnDefs } from './columns';
import { MESSAGES } from './messages';
import { SelectAllHeader } from './SelectAllHeader';

const GRID_TEXTS: Record<Locale, object> = { zh: AG_GRID_LOCALE_CN, en: AG_GRID_LOCALE_EN };

ModuleRegistry.registerModules([AllCommunityModule]);

/** Performance marks the page sets (the workbench bench reads them). */
export const MARK_FIRST_ROWS = 'workbench:first-rows';

export interface GridColumnInfo {
  id: string;
  label: string;
  visible: boolean;
}

/** What a view sets on the grid and reads back from it (lib/views View minus its conditions). */
export interface GridViewState {
  sort: SortItem[];
  columnFilters?: Record<string, unknown>;
  columns?: string[];
}

/** The grid as its page drives it. */
export interface CustomerGridHandle {
  readonly api: GridApi<StoredCustomer>;
  setRows(rows: StoredCustomer[]): void;
  /** Adds, updates (same id) and removes rows in place: after a capture, a follow-up or a bulk action. */
  applyChanges(change: { add?: StoredCustomer[]; update?: StoredCustomer[]; remove?: string[] }): void;
  setPredicate(predicate: CustomerPredicate | null): void;
  /** A view's sort, column filters and (when it has them) columns. */
  applyViewState(state: GridViewState, rememberedColumns: ColumnState[] | undefined): void;
  viewState(): GridViewState;
  /** Column order, widths, visibility and pinning, without sort (sort belongs to views). */
  columnState(): ColumnState[];
  columns(): GridColumnInfo[];
  setColumnVisible(id: string, visible: boolean): void;
  refreshMasks(): void;
  displayedCount(): number;
}

export interface CustomerGridProps {
  locale: Locale;
  revealed: boolean;
  reasonOf(customer: StoredCustomer, standard: StandardId): string | undefined;
  /** The intent standard of the rule set in use, for its grades' words. */
  intent?: IntentParams;
  onReady(handle: CustomerGridHandle): void;
  /** A row double-clicked, or Enter on a row: the lead mounts the customer drawer here. */
  onOpenCustomer?(id: string): void;
  onSelectionChange?(ids: string[]): void;
  onDisplayedCountChange?(count: number): void;
  /** The user moved, resized, showed, hid or pinned a column. */
  onColumnsChanged?(state: ColumnState[]): void;
}

const withoutSort = (state: ColumnState[]): ColumnState[] =>
  state.map(({ sort: _sort, sortIndex: _sortIndex, ...rest }) => rest);

export function CustomerGrid(props: CustomerGridProps) {
  const host = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<StoredCustomer> | null>(null);
  // Read by the grid's callbacks, which are created once.
  const latest = useRef(props);
  latest.current = props;
  const revealed = useRef(props.revealed);
  revealed.current = props.revealed;
  const predicate = useRef<CustomerPredicate | null>(null);
  const applying = useRef(false);
  const shownCount = useRef<number | undefined>(undefined);

  useEffect(() => {
    const columnsChanged = (source: string) => {
      if (applying.current || source === 'api' || source === 'gridOptionsChanged' || source === 'flex') return;
      latest.current.onColumnsChanged?.(withoutSort(api.getColumnState()));
    };
    const options: GridOptions<StoredCustomer> = {
      columnDefs: buildColumnDefs({
        locale: latest.current.locale,
        revealed: () => revealed.current,
        reasonOf: (c, s) => latest.current.reasonOf(c, s),
        intent: latest.current.intent,
      }),
      rowData: [],
      getRowId: (p) => p.data.id,
      // Floating filters: a spreadsheet's filter row, typed into without opening a menu.
      defaultColDef: { sortable: true, resizable: true, width: 140, cellDataType: false, floatingFilter: true },
      maintainColumnOrder: true,
      // Sliding rows to their new places restyles every row on screen, in each
      // pinned part, after each sort and filter (most of the style work a
      // workbench sort did over a bare grid's); among 100,000 rows a sort
      // brings in rows that were not on screen anyway.
      animateRows: false,
      // The header's box is ours (SelectAllHeader.ts): ag-grid's walks every row after each sort and filter.
      rowSelection: { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false },
      selectionColumnDef: {
        pinned: 'left',
        headerComponent: SelectAllHeader,
        headerComponentParams: { label: pick(MESSAGES.selectAll, latest.current.locale) },
      },
      tooltipShowDelay: 300,
      tooltipInteraction: true,
      overlayNoRowsTemplate: `<span>${pick(MESSAGES.noRows, latest.current.locale)}</span>`,
      // The grid's own texts (filter menus: 包含, 等于, 早于 …) in the user's language.
      // A callback rather than localeText, which is read once: menus built after
      // a switch of language speak the new one.
      getLocaleText: ({ key, defaultValue }) =>
        (GRID_TEXTS[latest.current.locale] as Record<string, string | undefined>)[key] ?? defaultValue,
      isExternalFilterPresent: () => predicate.current !== null,
      doesExternalFilterPass: (node: IRowNode<StoredCustomer>) => predicate.current!(node.data!),
      onRowDoubleClicked: (e) => e.data && latest.current.onOpenCustomer?.(e.data.id),
      onCellKeyDown: (e) => {
        const key = (e.event as KeyboardEvent | undefined)?.key;
        if (key === 'Enter' && e.data && 'column' in e && e.column.getColId() !== 'ag-Grid-SelectionColumn')
          latest.current.onOpenCustomer?.(e.data.id);
      },
      onSelectionChanged: () => latest.current.onSelectionChange?.(api.getSelectedRows().map((r) => r.id)),
      onModelUpdated: () => {
        // A selection holds only rows the view shows: rows that a filter, a
        // search, a view or an edit (a hand-over under a consultant filter)
        // took out of it leave the selection too, so no bulk action reaches
        // them. Reads the selected rows only, not every row.
        const hidden = api.getSelectedNodes().filter((node) => !node.displayed);
        if (hidden.length > 0) api.setNodesSelected({ nodes: hidden, newValue: false, source: 'api' });
        // A sort keeps the count: no page render for it.
        const count = api.getDisplayedRowCount();
        if (count === shownCount.current) return;
        shownCount.current = count;
        latest.current.onDisplayedCountChange?.(count);
      },
      onFirstDataRendered: () => {
        // After the frame that shows them: what "first rows painted" means.
        requestAnimationFrame(() => setTimeout(() => performance.mark(MARK_FIRST_ROWS), 0));
      },
      onColumnMoved: (e) => e.finished && columnsChanged(e.source),
      onColumnResized: (e) => e.finished && columnsChanged(e.source),
      onColumnVisible: (e) => columnsChanged(e.source),
      onColumnPinned: (e) => columnsChanged(e.source),
    };
    const api = createGrid(host.current!, options);
    apiRef.current = api;

    const handle: CustomerGridHandle = {
      api,
      setRows: (rows) => api.setGridOption('rowData', rows),
      applyChanges: ({ add, update, remove }) => {
        api.applyTransaction({ add, update, remove: remove?.map((id) => ({ id }) as StoredCustomer) });
      },
      setPredicate: (p) => {
        predicate.current = p;
        api.onFilterChanged();
      },
      applyViewState: (state, remembered) => {
        applying.current = true;
        try {
          if (state.columns) {
            const shown = new Set(state.columns);
            api.applyColumnState({
              state: [
                { colId: 'name', hide: false },
                ...state.columns.filter((id) => id !== 'name').map((colId) => ({ colId, hide: false })),
              ],
              defaultState: { hide: true },
              applyOrder: true,
            });
            if (!shown.has('name')) api.setColumnsVisible(['name'], true);
          } else if (remembered) {
            api.applyColumnState({ state: withoutSort(remembered), applyOrder: true, defaultState: { hide: false } });
          } else {
            api.resetColumnState();
          }
          api.applyColumnState({
            state: state.sort.map((s, i) => ({ colId: s.colId, sort: s.sort, sortIndex: i })),
            defaultState: { sort: null },
          });
          api.setFilterModel(state.columnFilters ?? null);
        } finally {
          applying.current = false;
        }
      },
      viewState: () => {
        const state = api.getColumnState();
        const sort = state
          .filter((c) => c.sort)
          .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
          .map((c) => ({ colId: c.colId, sort: c.sort! }));
        const filterModel = api.getFilterModel();
        return {
          sort,
          ...(Object.keys(filterModel).length ? { columnFilters: filterModel as Record<string, unknown> } : {}),
          columns: state.filter((c) => !c.hide && c.colId !== 'ag-Grid-SelectionColumn').map((c) => c.colId),
        };
      },
      columnState: () => withoutSort(api.getColumnState()),
      columns: () =>
        (api.getAllGridColumns() ?? [])
          .filter((c) => c.getColId() !== 'ag-Grid-SelectionColumn')
          .map((c) => ({ id: c.getColId(), label: c.getColDef().headerName ?? c.getColId(), visible: c.isVisible() })),
      setColumnVisible: (id, visible) => api.setColumnsVisible([id], visible),
      refreshMasks: () => api.refreshCells({ columns: ['phone', 'idNumber'], force: true }),
      displayedCount: () => api.getDisplayedRowCount(),
    };
    latest.current.onReady(handle);
    return () => {
      apiRef.current = null;
      api.destroy();
    };
  }, []);

  // The language changes headers and formats: new column definitions, same column state.
  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    api.setGridOption(
      'columnDefs',
      buildColumnDefs({
        locale: props.locale,
        revealed: () => revealed.current,
        reasonOf: (c, s) => latest.current.reasonOf(c, s),
        intent: props.intent,
      }),
    );
    api.setGridOption('overlayNoRowsTemplate', `<span>${pick(MESSAGES.noRows, props.locale)}</span>`);
    api.setGridOption('selectionColumnDef', {
      ...api.getGridOption('selectionColumnDef'),
      headerComponentParams: { label: pick(MESSAGES.selectAll, props.locale) },
    });
  }, [props.locale, props.intent]);

  useEffect(() => {
    apiRef.current?.refreshCells({ columns: ['phone', 'idNumber'], force: true });
  }, [props.revealed]);

  return <div ref={host} className="customer-grid" data-testid="customer-grid" />;
}
