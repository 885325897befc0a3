// The workbench page (docs/workbench.md#the-grid): the header (title, quick search, row counts,
// language), the list of views, the toolbar (grade picks, columns, reveal,
// and a slot for the lead's bulk actions) and the customers grid. The same
// page serves a full tab and the narrow in-page panel over the portal.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ColumnState } from 'ag-grid-community';
import { localDateOf as isoDayOf } from '@/lib/calendar';
import { activeRuleSet, loadGradingContext, type DealerLensDB, type StoredCustomer } from '@/lib/db';
import {
  entryOf,
  gradeCustomer,
  STANDARDS,
  type GradingContext,
  type IntentParams,
  type RuleSet,
  type StandardId,
} from '@/lib/grading';
import { pick } from '@/lib/i18n';
import {
  allViews,
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
import { LocaleSwitch, useLocale } from '@/components/i18n/LocaleContext';
import { CustomerGrid, type CustomerGridHandle, type GridColumnInfo } from '@/components/customer-grid/CustomerGrid';
import { gradeLabelsFor } from '@/components/customer-grid/columns';
import { loadWorkbenchSettings, saveColumns, saveMe, saveViews } from './settings';
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

/** Customers read before the rest, so the first screen paints while 100,000 rows load. */
const FIRST_SCREEN = 100;

type GradePicks = Partial<Record<StandardId, string[]>>;

const afterNextPaint = () =>
  new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))));

/** The first screenful of a view by an index, where one fits its first condition. */
async function firstScreen(db: DealerLensDB, view: View, ctx: ViewContext): Promise<StoredCustomer[]> {
  const today = isoDayOf(ctx.now);
  const first = view.filters[0];
  if (first?.kind === 'dueToday')
    return db.customers
      .where('grades.nextDueAt')
      .between(today, `${today}\uffff`, true, true)
      .limit(FIRST_SCREEN)
      .toArray();
  if (first?.kind === 'overdue')
    return db.customers.where('grades.nextDueAt').below(today).limit(FIRST_SCREEN).toArray();
  if (first?.kind === 'consultant' && ctx.me)
    return db.customers.where('consultant').equals(ctx.me).limit(FIRST_SCREEN).toArray();
  return db.customers.limit(FIRST_SCREEN).toArray();
}

export function Workbench({
  db,
  now,
  initialViewId,
  onOpenCustomer,
  onSelectionChange,
  onGridReady,
  onViewChange,
  toolbar,
  children,
}: WorkbenchProps) {
  const { locale, t } = useLocale();
  const grid = useRef<CustomerGridHandle | null>(null);
  const [savedViews, setSavedViews] = useState<View[]>([]);
  const [viewId, setViewId] = useState<string | undefined>(initialViewId);
  const [gradePicks, setGradePicks] = useState<GradePicks>({});
  const [search, setSearch] = useState('');
  const [debouncedSearch, setDebouncedSearch] = useState('');
  const [me, setMe] = useState<string | undefined>();
  const [meDraft, setMeDraft] = useState('');
  const [revealed, setRevealed] = useState(false);
  // The rule set's intent grades name the grade column's values (the funnel's D is not the 乘用车 D).
  const [intentParams, setIntentParams] = useState<IntentParams | undefined>();
  // The shown count changes on every filter: only the count line re-renders for it, not the workbench.
  const shownCount = useMemo(createCountStore, []);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [selectedIds, setSelectedIds] = useState<readonly string[]>([]);
  const [columns, setColumns] = useState<GridColumnInfo[]>([]);
  const [naming, setNaming] = useState<{ id?: string; text: string } | null>(null);
  const [consultants, setConsultants] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  const remembered = useRef<ColumnState[] | undefined>(undefined);
  const grading = useRef<{ ruleSet?: Readonly<RuleSet>; context?: GradingContext }>({});
  const columnsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const views = useMemo(() => allViews(savedViews), [savedViews]);
  const view = findView(views, viewId);
  const ownerGrades = useRef<string[] | undefined>(undefined);

  const fail = useCallback((e: unknown) => setError(`${String(e instanceof Error ? e.message : e)}`), []);

  // The reason behind one grade, worked out when its cell is hovered (docs/grading.md#g03-every-grade-gives-its-reason).
  const reasonOf = useCallback(
    (customer: StoredCustomer, standard: StandardId): string | undefined => {
      const { ruleSet, context } = grading.current;
      if (!ruleSet) return undefined;
      const entry = entryOf(gradeCustomer(customer, ruleSet, now(), context), standard);
      if (!entry) return undefined;
      return `${pick(entry.label, locale)}: ${pick(entry.reason, locale)}`;
    },
    [now, locale],
  );

  const predicate = useMemo((): CustomerPredicate | null => {
    const ctx: ViewContext = { now: now(), me, ownerGrades: ownerGrades.current };
    const byView = viewPredicate(withGradeFilters(view, gradePicks), ctx);
    const bySearch = searchPredicate(debouncedSearch);
    if (byView && bySearch) return (c) => byView(c) && bySearch(c);
    return byView ?? bySearch;
  }, [view, gradePicks, debouncedSearch, me, now]);

  const loadAll = useCallback(async () => {
    const all = await db.customers.toArray();
    grid.current?.setRows(all);
    setTotal(all.length);
    const names = new Set<string>();
    for (const c of all) if (c.consultant) names.add(c.consultant);
    setConsultants([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  }, [db]);

  // Start-up: settings and the first screen, then every customer.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [settings, ruleSet, context] = await Promise.all([
          loadWorkbenchSettings(db),
          activeRuleSet(db),
          loadGradingContext(db),
        ]);
        if (cancelled) return;
        grading.current = { ruleSet, context };
        setIntentParams(ruleSet.standards.intent);
        ownerGrades.current = [ruleSet.standards.intent.owner.grade];
        remembered.current = settings.columns;
        setSavedViews(settings.views);
        setMe(settings.me);
        setMeDraft(settings.me ?? '');
        setSettingsLoaded(true);
        const opening = findView(allViews(settings.views), initialViewId);
        const g = grid.current!;
        g.applyViewState(opening, settings.columns);
        g.setPredicate(
          viewPredicate(opening.filters, { now: now(), me: settings.me, ownerGrades: ownerGrades.current }),
        );
        const first = await firstScreen(db, opening, { now: now(), me: settings.me });
        if (cancelled) return;
        g.setRows(first);
        setTotal(first.length);
        // Only once the first screen is on it: reading 100,000 customers
        // holds the page's thread, and would hold the first paint back.
        await afterNextPaint();
        if (cancelled) return;
        await loadAll();
        performance.mark('workbench:all-rows');
      } catch (e) {
        fail(e);
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [db, now, initialViewId, loadAll, fail]);

  // A view opened: its sort, column filters and columns. Grade picks belong to the view they were made in.
  const openView = (next: View) => {
    setViewId(next.id);
    setGradePicks({});
    grid.current?.applyViewState(next, remembered.current);
    onViewChange?.(next.id);
  };

  useEffect(() => {
    if (settingsLoaded) grid.current?.setPredicate(predicate);
  }, [predicate, settingsLoaded]);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedSearch(search), 150);
    return () => clearTimeout(timer);
  }, [search]);

  const onColumnsChanged = useCallback(
    (state: ColumnState[]) => {
      remembered.current = state;
      clearTimeout(columnsTimer.current);
      columnsTimer.current = setTimeout(() => void saveColumns(db, state).catch(fail), 300);
    },
    [db, fail],
  );

  const onSelection = useCallback(
    (ids: string[]) => {
      setSelectedIds(ids);
      onSelectionChange?.(ids);
    },
    [onSelectionChange],
  );

  const toggleColumn = (id: string, visible: boolean) => {
    const g = grid.current;
    if (!g) return;
    g.setColumnVisible(id, visible);
    setColumns(g.columns());
    onColumnsChanged(g.columnState());
  };

  const showAllColumns = () => {
    const g = grid.current;
    if (!g) return;
    g.api.setColumnsVisible(
      g.columns().map((c) => c.id),
      true,
    );
    setColumns(g.columns());
    onColumnsChanged(g.columnState());
  };

  const togglePick = (standard: StandardId, grade: string, on: boolean) =>
    setGradePicks((p) => {
      const current = new Set(p[standard] ?? []);
      if (on) current.add(grade);
      else current.delete(grade);
      return { ...p, [standard]: [...current] };
    });
  const pickCount = Object.values(gradePicks).reduce((n, g) => n + (g?.length ?? 0), 0);

  const persistViews = (next: View[]) => {
    setSavedViews(next.filter((v) => !v.builtIn));
    void saveViews(db, next).catch(fail);
  };

  const submitName = () => {
    if (!naming) return;
    const text = naming.text.trim();
    if (!text) return;
    if (naming.id) {
      persistViews(renameView(views, naming.id, text));
    } else {
      const state = grid.current!.viewState();
      const created = newUserView(crypto.randomUUID(), text, { filters: withGradeFilters(view, gradePicks), ...state });
      persistViews([...views, created]);
      setViewId(created.id);
      setGradePicks({});
      onViewChange?.(created.id);
    }
    setNaming(null);
  };

  const removeView = (v: View) => {
    if (!globalThis.confirm(t(MESSAGES.confirmRemove, { name: pick(v.name, locale) }))) return;
    persistViews(deleteView(views, v.id));
    if (v.id === view.id) openView(views[0]!);
  };

  const submitMe = () => {
    const name = meDraft.trim();
    setMe(name || undefined);
    void saveMe(db, name).catch(fail);
  };

  const reloadCustomers = useCallback(
    async (ids: readonly string[]) => {
      const g = grid.current;
      if (!g) return;
      const rows = await db.customers.bulkGet([...ids]);
      const update: StoredCustomer[] = [];
      const add: StoredCustomer[] = [];
      const remove: string[] = [];
      rows.forEach((row, i) => {
        if (!row) remove.push(ids[i]!);
        else if (g.api.getRowNode(row.id)) update.push(row);
        else add.push(row);
      });
      g.applyChanges({ add, update, remove });
      setTotal((n) => n + add.length - remove.length);
    },
    [db],
  );

  const reloadAll = useCallback(async () => {
    await loadAll();
  }, [loadAll]);

  const toolbarContext = useMemo<WorkbenchToolbarContext>(
    () => ({ selectedIds, reloadCustomers, reloadAll }),
    [selectedIds, reloadCustomers, reloadAll],
  );
  const builtIns = views.filter((v) => v.builtIn);
  const mine = views.filter((v) => !v.builtIn);
  const fmt = (n: number) => n.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');

  return (
    <div className="workbench" lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <header className="wb-header">
        <h1>
          DealerLens <span>{t(MESSAGES.title)}</span>
        </h1>
        <input
          type="search"
          className="wb-search"
          value={search}
          placeholder={t(MESSAGES.search)}
          aria-label={t(MESSAGES.searchLabel)}
          onChange={(e) => setSearch(e.target.value)}
        />
        <p className="wb-count" role="status" data-testid="row-count">
          <ShownCount
            store={shownCount}
            text={(shown) =>
              loading
                ? t(MESSAGES.loading, { shown: fmt(shown) })
                : t(MESSAGES.rows, { shown: fmt(shown), total: fmt(total) })
            }
          />
          {selectedIds.length > 0 && (
            <span className="wb-selected"> · {t(MESSAGES.selected, { n: fmt(selectedIds.length) })}</span>
          )}
        </p>
        <LocaleSwitch />
      </header>
      {error && (
        <p className="wb-error" role="alert">
          {t(MESSAGES.error)}: {error}
        </p>
      )}
      <div className="wb-body">
        <nav className="wb-views" aria-label={t(MESSAGES.views)}>
          <ul>
            {builtIns.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  aria-current={v.id === view.id ? 'true' : undefined}
                  onClick={() => openView(v)}
                  data-view={v.id}
                >
                  {pick(v.name, locale)}
                </button>
              </li>
            ))}
          </ul>
          {mine.length > 0 && <h2>{t(MESSAGES.myViews)}</h2>}
          <ul>
            {mine.map((v) => (
              <li key={v.id} className="wb-user-view">
                <button
                  type="button"
                  aria-current={v.id === view.id ? 'true' : undefined}
                  onClick={() => openView(v)}
                  data-view={v.id}
                >
                  {pick(v.name, locale)}
                </button>
                <button
                  type="button"
                  className="wb-small"
                  onClick={() => setNaming({ id: v.id, text: pick(v.name, locale) })}
                  aria-label={`${t(MESSAGES.rename)} ${pick(v.name, locale)}`}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="wb-small"
                  onClick={() => removeView(v)}
                  aria-label={`${t(MESSAGES.remove)} ${pick(v.name, locale)}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          {naming ? (
            <form
              className="wb-name"
              onSubmit={(e) => {
                e.preventDefault();
                submitName();
              }}
            >
              <input
                autoFocus
                aria-label={t(MESSAGES.viewName)}
                value={naming.text}
                onChange={(e) => setNaming({ ...naming, text: e.target.value })}
              />
              <button type="submit">{t(MESSAGES.save)}</button>
              <button type="button" onClick={() => setNaming(null)}>
                {t(MESSAGES.cancel)}
              </button>
            </form>
          ) : (
            <button type="button" className="wb-save-view" onClick={() => setNaming({ text: '' })}>
              + {t(MESSAGES.saveView)}
            </button>
          )}
          <form
            className="wb-me"
            onSubmit={(e) => {
              e.preventDefault();
              submitMe();
            }}
          >
            <label>
              {t(MESSAGES.me)}
              <input
                value={meDraft}
                list="wb-consultants"
                onChange={(e) => setMeDraft(e.target.value)}
                title={t(MESSAGES.meHint)}
              />
            </label>
            <datalist id="wb-consultants">
              {consultants.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <button type="submit">{t(MESSAGES.save)}</button>
          </form>
        </nav>
        <main className="wb-main">
          <div className="wb-toolbar" role="toolbar">
            <details className="wb-menu">
              <summary>{pickCount ? t(MESSAGES.gradesOn, { n: pickCount }) : t(MESSAGES.grades)}</summary>
              <div className="wb-menu-panel wb-grade-panel">
                {STANDARDS.map((s) => (
                  <fieldset key={s.id}>
                    <legend>{pick(s.name, locale)}</legend>
                    {[...gradeLabelsFor(s.id, intentParams)].map(([grade, label]) => (
                      <label key={grade}>
                        <input
                          type="checkbox"
                          checked={gradePicks[s.id]?.includes(grade) ?? false}
                          onChange={(e) => togglePick(s.id, grade, e.target.checked)}
                        />
                        {pick(label, locale)}
                      </label>
                    ))}
                  </fieldset>
                ))}
                {pickCount > 0 && (
                  <button type="button" onClick={() => setGradePicks({})}>
                    {t(MESSAGES.clearGrades)}
                  </button>
                )}
              </div>
            </details>
            <details
              className="wb-menu"
              onToggle={(e) => (e.currentTarget.open ? setColumns(grid.current?.columns() ?? []) : undefined)}
            >
              <summary>{t(MESSAGES.columns)}</summary>
              <div className="wb-menu-panel wb-column-panel">
                <button type="button" onClick={showAllColumns}>
                  {t(MESSAGES.showAll)}
                </button>
                {columns.map((c) => (
                  <label key={c.id}>
                    <input
                      type="checkbox"
                      checked={c.visible}
                      disabled={c.id === 'name'}
                      onChange={(e) => toggleColumn(c.id, e.target.checked)}
                    />
                    {c.label}
                  </label>
                ))}
              </div>
            </details>
            <button type="button" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
              {revealed ? t(MESSAGES.hide) : t(MESSAGES.reveal)}
            </button>
            <button type="button" onClick={() => grid.current?.api.setFilterModel(null)}>
              {t(MESSAGES.clearFilters)}
            </button>
            <button type="button" onClick={() => void reloadAll().catch(fail)}>
              {t(MESSAGES.refresh)}
            </button>
            {view.filters.some((f) => f.kind === 'consultant' && f.is === 'me') && !me && (
              <span className="wb-hint">{t(MESSAGES.meMissing)}</span>
            )}
            <div className="wb-toolbar-slot">{toolbar?.(toolbarContext)}</div>
          </div>
          <CustomerGrid
            locale={locale}
            revealed={revealed}
            reasonOf={reasonOf}
            intent={intentParams}
            onReady={(handle) => {
              grid.current = handle;
              onGridReady?.(handle);
            }}
            onOpenCustomer={onOpenCustomer}
            onSelectionChange={onSelection}
            onDisplayedCountChange={shownCount.set}
            onColumnsChanged={onColumnsChanged}
          />
        </main>
      </div>
      {children}
    </div>
  );
}

interface CountStore {
  get(): number;
  set(n: number): void;
  subscribe(listener: () => void): () => void;
}

function createCountStore(): CountStore {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (n) => {
      if (n === value) return;
      value = n;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function ShownCount({ store, text }: { store: CountStore; text: (shown: number) => string }): ReactNode {
  return text(useSyncExternalStore(store.subscribe, store.get));
}
