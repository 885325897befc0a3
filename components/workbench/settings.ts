// The workbench's remembered choices, as rows of db.settings (issue #4:
// "column show / hide / reorder / resize remembered per user", the user's own
// views, and "I am 王芳"). Extension pages share the background's database.
import type { ColumnState } from 'ag-grid-community';
import type { DealerLensDB } from '@/lib/db';
import { readSavedViews, type View } from '@/lib/views';

export const COLUMNS_KEY = 'workbench.columns';
export const VIEWS_KEY = 'workbench.views';
export const ME_KEY = 'workbench.me';

export interface WorkbenchSettings {
  columns?: ColumnState[];
  views: View[];
  me?: string;
}

export async function loadWorkbenchSettings(db: DealerLensDB): Promise<WorkbenchSettings> {
  const [columns, views, me] = await db.settings.bulkGet([COLUMNS_KEY, VIEWS_KEY, ME_KEY]);
  const settings: WorkbenchSettings = { views: readSavedViews(views?.value) };
  if (Array.isArray(columns?.value)) settings.columns = (columns.value as ColumnState[]).filter((c) => c && typeof c.colId === 'string');
  if (typeof me?.value === 'string' && me.value.trim()) settings.me = me.value.trim();
  return settings;
}

export const saveColumns = (db: DealerLensDB, columns: ColumnState[]) => db.settings.put({ key: COLUMNS_KEY, value: columns });
export const saveViews = (db: DealerLensDB, views: readonly View[]) => db.settings.put({ key: VIEWS_KEY, value: views.filter((v) => !v.builtIn) });
export async function saveMe(db: DealerLensDB, me: string): Promise<void> {
  if (me.trim()) await db.settings.put({ key: ME_KEY, value: me.trim() });
  else await db.settings.delete(ME_KEY);
}
