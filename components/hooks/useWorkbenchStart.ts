import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ColumnState } from 'ag-grid-community';
import { activeRuleSet, loadGradingContext, type DealerLensDB } from '@/lib/db';
import type { IntentParams } from '@/lib/grading';
import { allViews, findView, firstScreenIndex, viewPredicate, type View } from '@/lib/views';
import type { CustomerGridHandle } from '@/components/customer-grid/CustomerGrid';
import { loadWorkbenchSettings } from '@/components/workbench/settings';
import type { CustomerRows } from './useCustomerRows';
import type { Grading } from './useGradeReason';

const afterNextPaint = () =>
  new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))));

export interface WorkbenchStartInput {
  db: DealerLensDB;
  now: () => Date;
  initialViewId: string | undefined;
  /** Views for this visit alone (本页客户 from the portal). */
  temporaryViews?: readonly View[];
  grid: RefObject<CustomerGridHandle | null>;
  rows: Pick<CustomerRows, 'showFirstScreen' | 'loadAll'>;
  /** Filled with the active rule set and its context, for the grade reasons. */
  grading: RefObject<Grading>;
  /** Filled with the columns the user left. */
  remembered: RefObject<ColumnState[] | undefined>;
  setSavedViews(views: View[]): void;
  fail(e: unknown): void;
}

export interface WorkbenchStart {
  /** The settings are read (views, columns, "我是"): the grid takes predicates from now on. */
  settingsLoaded: boolean;
  /** Every customer not yet read. */
  loading: boolean;
  /** "我是 …": as stored when the page opened, then as the user saves it. */
  me: string | undefined;
  setMe(me: string | undefined): void;
  /** The rule set's intent grades name the grade column's values (the funnel's D is not the 乘用车 D). */
  intentParams: IntentParams | undefined;
  /** Grade ids of owners (M) by the active rule set: greetings are theirs. */
  ownerGrades: RefObject<string[] | undefined>;
}

/**
 * The workbench's start-up: settings, rule set and the opening view's first
 * screen, then (a frame later) every customer.
 */
export function useWorkbenchStart({
  db,
  now,
  initialViewId,
  temporaryViews,
  grid,
  rows,
  grading,
  remembered,
  setSavedViews,
  fail,
}: WorkbenchStartInput): WorkbenchStart {
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [me, setMe] = useState<string | undefined>();
  const [intentParams, setIntentParams] = useState<IntentParams | undefined>();
  const ownerGrades = useRef<string[] | undefined>(undefined);
  const { showFirstScreen, loadAll } = rows;

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
        setSettingsLoaded(true);
        const opening = findView(allViews(settings.views, temporaryViews), initialViewId);
        const g = grid.current!;
        g.applyViewState(opening, settings.columns);
        g.setPredicate(
          viewPredicate(opening.filters, { now: now(), me: settings.me, ownerGrades: ownerGrades.current }),
        );
        const shown = await showFirstScreen(
          firstScreenIndex(opening, { now: now(), me: settings.me }),
          () => cancelled,
        );
        if (!shown) return;
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
  }, [
    db,
    now,
    initialViewId,
    temporaryViews,
    showFirstScreen,
    loadAll,
    fail,
    grid,
    grading,
    remembered,
    setSavedViews,
  ]);

  return { settingsLoaded, loading, me, setMe, intentParams, ownerGrades };
}
