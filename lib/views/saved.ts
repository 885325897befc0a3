// A user's own views as stored in db.settings: read back defensively (a
// setting may have been written by an older or newer DealerLens), so one bad
// entry is dropped and never breaks the workbench.
import { STAGES } from '../customer';
import { STANDARD_IDS, type StandardId } from '../grading';
import { BUILT_IN_VIEWS } from './builtins';
import { USER_VIEW_PREFIX, type SortItem, type View, type ViewFilter } from './types';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function readFilter(x: unknown): ViewFilter | undefined {
  if (!isObject(x)) return undefined;
  switch (x.kind) {
    case 'dueToday':
    case 'overdue':
    case 'missingData':
    case 'serviceThisMonth':
      return { kind: x.kind };
    case 'consultant':
      return typeof x.is === 'string' ? { kind: 'consultant', is: x.is } : undefined;
    case 'stage':
      return isStringList(x.stages)
        ? {
            kind: 'stage',
            stages: x.stages.filter((s): s is (typeof STAGES)[number] => (STAGES as readonly string[]).includes(s)),
          }
        : undefined;
    case 'grade':
      return typeof x.standard === 'string' &&
        (STANDARD_IDS as readonly string[]).includes(x.standard) &&
        isStringList(x.grades)
        ? { kind: 'grade', standard: x.standard as StandardId, grades: x.grades }
        : undefined;
    case 'firstServiceWithin':
    case 'greetingWithin':
      return typeof x.days === 'number' && x.days >= 1 ? { kind: x.kind, days: Math.floor(x.days) } : undefined;
    default:
      return undefined;
  }
}

function readSort(x: unknown): SortItem | undefined {
  return isObject(x) && typeof x.colId === 'string' && (x.sort === 'asc' || x.sort === 'desc')
    ? { colId: x.colId, sort: x.sort }
    : undefined;
}

/** The user's views from a stored setting; entries that are not views are dropped. */
export function readSavedViews(value: unknown): View[] {
  if (!Array.isArray(value)) return [];
  const views: View[] = [];
  for (const x of value) {
    if (!isObject(x) || typeof x.id !== 'string' || !x.id.startsWith(USER_VIEW_PREFIX)) continue;
    const name = x.name;
    if (!isObject(name) || typeof name.zh !== 'string' || typeof name.en !== 'string') continue;
    const filters = Array.isArray(x.filters) ? x.filters.map(readFilter).filter((f) => f !== undefined) : [];
    const sort = Array.isArray(x.sort) ? x.sort.map(readSort).filter((s) => s !== undefined) : [];
    const view: View = { id: x.id, name: { zh: name.zh, en: name.en }, builtIn: false, filters, sort };
    if (isObject(x.columnFilters)) view.columnFilters = x.columnFilters;
    if (isStringList(x.columns)) view.columns = x.columns;
    views.push(view);
  }
  return views;
}

/** A new user view from what the grid shows; the name is the user's, the same in both languages until renamed. */
export function newUserView(id: string, name: string, from: Omit<View, 'id' | 'name' | 'builtIn'>): View {
  const view: View = {
    id: USER_VIEW_PREFIX + id,
    name: { zh: name, en: name },
    builtIn: false,
    filters: [...from.filters],
    sort: [...from.sort],
  };
  if (from.columnFilters && Object.keys(from.columnFilters).length) view.columnFilters = from.columnFilters;
  if (from.columns) view.columns = [...from.columns];
  return view;
}

export function renameView(views: readonly View[], id: string, name: string): View[] {
  return views.map((v) => (v.id === id && !v.builtIn ? { ...v, name: { zh: name, en: name } } : v));
}

export function deleteView(views: readonly View[], id: string): View[] {
  return views.filter((v) => v.id !== id || v.builtIn);
}

/** Built-ins first, then the user's views; the view of an id, falling back to the first built-in. */
export function allViews(saved: readonly View[], temporary: readonly View[] = []): View[] {
  return [...BUILT_IN_VIEWS, ...temporary, ...saved];
}

export function findView(views: readonly View[], id: string | undefined): View {
  return views.find((v) => v.id === id) ?? views[0] ?? BUILT_IN_VIEWS[0]!;
}
