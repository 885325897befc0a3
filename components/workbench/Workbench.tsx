// The workbench page (docs/workbench.md#the-grid): the header (title, quick search, row counts,
// language), the list of views, the toolbar (grade picks, columns, reveal,
// and a slot for the lead's bulk actions) and the customers grid, composed
// over the hooks of components/hooks, which read through lib/db. The same
// page serves a full tab and the narrow in-page panel over the portal.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DealerLensDB } from '@/lib/db';
import {
  deleteView,
  findView,
  newUserView,
  renameView,
  searchPredicate,
  viewPredicate,
  withGradeFilters,
  type CustomerPredicate,
  type View,
  type ViewContext,
} from '@/lib/views';
import { useLocale } from '@/components/i18n/LocaleContext';
import { CustomerGrid, type CustomerGridHandle } from '@/components/customer-grid/CustomerGrid';
import {
  useColumnMemory,
  useCountStore,
  useCustomerRows,
  useDebounced,
  useError,
  useGradePicks,
  useGradeReason,
  useSavedViews,
  useWorkbenchStart,
} from '@/components/hooks';
import { WorkbenchHeader } from '@/components/workbench-header/WorkbenchHeader';
import { ViewList } from '@/components/view-list/ViewList';
import { MeForm } from '@/components/me-form/MeForm';
import { WorkbenchToolbar } from '@/components/workbench-toolbar/WorkbenchToolbar';
import { saveMe } from './settings';
import { MESSAGES } from './messages';

/** What the toolbar slot receives: the selection, and a way to show what an action changed. */
export interface WorkbenchToolbarContext {
  selectedIds: readonly string[];
  /** Re-reads these customers into the grid (after a follow-up, a bulk edit, a delete: gone ones leave the grid). */
  reloadCustomers(ids: readonly string[]): Promise<void>;
  /** Re-reads every customer (after a capture elsewhere). */
  reloadAll(): Promise<void>;
}

export interface WorkbenchProps {
  db: DealerLensDB;
  now: () => Date;
  /** The view to open first (?view=today from the morning notification); unknown ids open 全部客户. */
  initialViewId?: string;
  /** Views for this visit alone, listed after the built-ins and never saved (本页客户 from the portal). */
  temporaryViews?: readonly View[];
  /** A row double-clicked or Enter pressed on it: mount the customer drawer here. */
  onOpenCustomer?(id: string): void;
  /** The selected rows' ids, whenever they change. */
  onSelectionChange?(selectedIds: readonly string[]): void;
  /** The grid, once created: for whoever drives the page (the browser tests and the bench). */
  onGridReady?(grid: CustomerGridHandle): void;
  /** Called when the user opens another view (the page keeps ?view= in the address). */
  onViewChange?(viewId: string): void;
  /** The toolbar slot, right of the workbench's own controls: bulk actions, "log a follow-up". */
  toolbar?(ctx: WorkbenchToolbarContext): ReactNode;
  /** Rendered over the page after the grid: the customer drawer. */
  children?: ReactNode;
}

export function Workbench({
  db,
  now,
  initialViewId,
  temporaryViews,
  onOpenCustomer,
  onSelectionChange,
  onGridReady,
  onViewChange,
  toolbar,
  children,
}: WorkbenchProps) {
  const { locale, t } = useLocale();
  const grid = useRef<CustomerGridHandle | null>(null);
  const { error, fail } = useError();
  const saved = useSavedViews(db, fail, temporaryViews);
  const columns = useColumnMemory(db, fail);
  const picks = useGradePicks();
  const rows = useCustomerRows(db, grid);
  const { grading, reasonOf } = useGradeReason(now, locale);
  const start = useWorkbenchStart({
    db,
    now,
    initialViewId,
    temporaryViews,
    grid,
    rows,
    grading,
    remembered: columns.remembered,
    setSavedViews: saved.setSaved,
    fail,
  });
  const { me, setMe, settingsLoaded, ownerGrades } = start;
  const [viewId, setViewId] = useState<string | undefined>(initialViewId);
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search, 150);
  const [revealed, setRevealed] = useState(false);
  // The shown count changes on every filter: only the count line re-renders for it, not the workbench.
  const shownCount = useCountStore();
  const [selectedIds, setSelectedIds] = useState<readonly string[]>([]);

  const { views, persist } = saved;
  const view = findView(views, viewId);

  const predicate = useMemo((): CustomerPredicate | null => {
    const ctx: ViewContext = { now: now(), me, ownerGrades: ownerGrades.current };
    const byView = viewPredicate(withGradeFilters(view, picks.picks), ctx);
    const bySearch = searchPredicate(debouncedSearch);
    if (byView && bySearch) return (c) => byView(c) && bySearch(c);
    return byView ?? bySearch;
  }, [view, picks.picks, debouncedSearch, me, now, ownerGrades]);

  useEffect(() => {
    if (settingsLoaded) grid.current?.setPredicate(predicate);
  }, [predicate, settingsLoaded]);

  // A view opened: its sort, column filters and columns. Grade picks belong to the view they were made in.
  const openView = (next: View) => {
    setViewId(next.id);
    picks.clear();
    grid.current?.applyViewState(next, columns.remembered.current);
    onViewChange?.(next.id);
  };

  const saveAs = (name: string) => {
    const state = grid.current!.viewState();
    const created = newUserView(crypto.randomUUID(), name, { filters: withGradeFilters(view, picks.picks), ...state });
    persist([...views, created]);
    setViewId(created.id);
    picks.clear();
    onViewChange?.(created.id);
  };

  const removeView = (v: View) => {
    persist(deleteView(views, v.id));
    if (v.id === view.id) openView(views[0]!);
  };

  const submitMe = (name: string) => {
    setMe(name || undefined);
    void saveMe(db, name).catch(fail);
  };

  const onSelection = useCallback(
    (ids: string[]) => {
      setSelectedIds(ids);
      onSelectionChange?.(ids);
    },
    [onSelectionChange],
  );

  const { reloadCustomers, loadAll: reloadAll } = rows;
  const toolbarContext = useMemo<WorkbenchToolbarContext>(
    () => ({ selectedIds, reloadCustomers, reloadAll }),
    [selectedIds, reloadCustomers, reloadAll],
  );

  return (
    <div className="workbench" lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <WorkbenchHeader
        search={search}
        onSearch={setSearch}
        shown={shownCount}
        total={rows.total}
        loading={start.loading}
        selected={selectedIds.length}
      />
      {error && (
        <p className="wb-error" role="alert">
          {t(MESSAGES.error)}: {error}
        </p>
      )}
      <div className="wb-body">
        <nav className="wb-views" aria-label={t(MESSAGES.views)}>
          <ViewList
            views={views}
            currentId={view.id}
            onOpen={openView}
            onSaveAs={saveAs}
            onRename={(id, name) => persist(renameView(views, id, name))}
            onRemove={removeView}
          />
          <MeForm key={String(settingsLoaded)} me={me} consultants={rows.consultants} onSave={submitMe} />
        </nav>
        <main className="wb-main">
          <WorkbenchToolbar
            grid={grid}
            grades={{
              picks: picks.picks,
              count: picks.count,
              intent: start.intentParams,
              onToggle: picks.toggle,
              onClear: picks.clear,
            }}
            onColumnsChanged={columns.changed}
            revealed={revealed}
            onReveal={setRevealed}
            onRefresh={() => void reloadAll().catch(fail)}
            meMissing={view.filters.some((f) => f.kind === 'consultant' && f.is === 'me') && !me}
          >
            {toolbar?.(toolbarContext)}
          </WorkbenchToolbar>
          <CustomerGrid
            locale={locale}
            revealed={revealed}
            reasonOf={reasonOf}
            intent={start.intentParams}
            onReady={(handle) => {
              grid.current = handle;
              onGridReady?.(handle);
            }}
            onOpenCustomer={onOpenCustomer}
            onSelectionChange={onSelection}
            onDisplayedCountChange={shownCount.set}
            onColumnsChanged={columns.changed}
          />
        </main>
      </div>
      {children}
    </div>
  );
}
