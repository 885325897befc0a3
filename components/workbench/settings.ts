// The workbench's remembered choices, in the settings table (docs/workbench.md#the-grid:
// "column show / hide / reorder / resize remembered per user", the user's own
// views, and "I am 王芳", shared with the side panel: lib/db/me.ts).
// Extension pages share the background's database.
import type { ColumnState } from 'ag-grid-community';
import { loadMe, saveMe as saveSharedMe, settingsOf, type DealerLensDB } from '@/lib/db';
import { WORKBENCH_COLUMNS, WORKBENCH_VIEWS } from '@/lib/settings';
import { readSavedViews, type View } from '@/lib/views';

export interface WorkbenchSettings {
  columns?: ColumnState[];
  views: View[];
  me?: string;
}

export async function loadWorkbenchSettings(db: DealerLensDB): Promise<WorkbenchSettings> {
  const settings = settingsOf(db);
  const [columns, views, me] = await Promise.all([
    settings.get(WORKBENCH_COLUMNS),
    settings.get(WORKBENCH_VIEWS),
    loadMe(db),
  ]);
  const loaded: WorkbenchSettings = { views: readSavedViews(views) };
  // AG Grid's own state, kept as it reported it; each entry names its column (WORKBENCH_COLUMNS reads that).
  if (columns) loaded.columns = columns as unknown as ColumnState[];
  if (me !== undefined) loaded.me = me;
  return loaded;
}

export const saveColumns = (db: DealerLensDB, columns: ColumnState[]) =>
  settingsOf(db).set(WORKBENCH_COLUMNS, columns as unknown as Record<string, unknown>[]);
export const saveViews = (db: DealerLensDB, views: readonly View[]) =>
  settingsOf(db).set(
    WORKBENCH_VIEWS,
    views.filter((v) => !v.builtIn),
  );
export const saveMe = (db: DealerLensDB, me: string): Promise<void> => saveSharedMe(db, me);
