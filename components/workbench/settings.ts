// The workbench's remembered choices, as rows of db.settings (docs/workbench.md#the-grid:
// "column show / hide / reorder / resize remembered per user", the user's own
// views, and "I am 王芳", shared with the side panel: lib/db/me.ts).
// Extension pages share the background's database.
import type { ColumnState } from 'ag-grid-community';
import { loadMe, saveMe as saveSharedMe, type DealerLensDB } from '@/lib/db';
import { readSavedViews, type View } from '@/lib/views';

export const COLUMNS_KEY = 'workbench.columns';
export const VIEWS_KEY = 'workbench.views';

export interface WorkbenchSettings {
  columns?: ColumnState[];
  views: View[];
  me?: string;
}

export async function loadWorkbenchSettings(db: DealerLensDB): Promise<WorkbenchSettings> {
  const [[columns, views], me] = await Promise.all([db.settings.bulkGet([COLUMNS_KEY, VIEWS_KEY]), loadMe(db)]);
  const settings: WorkbenchSettings = { views: readSavedViews(views?.value) };
  if (Array.isArray(columns?.value))
    settings.columns = (columns.value as ColumnState[]).filter((c) => c && typeof c.colId === 'string');
  if (me !== undefined) settings.me = me;
  return settings;
}

export const saveColumns = (db: DealerLensDB, columns: ColumnState[]) =>
  db.settings.put({ key: COLUMNS_KEY, value: columns });
export const saveViews = (db: DealerLensDB, views: readonly View[]) =>
  db.settings.put({ key: VIEWS_KEY, value: views.filter((v) => !v.builtIn) });
export const saveMe = (db: DealerLensDB, me: string): Promise<void> => saveSharedMe(db, me);
