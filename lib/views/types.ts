// What a workbench view is (docs/workbench.md#views, "Saved views"): filters + sort +
// columns, all plain data, so a view is stored in db.settings as written and
// a built-in is a constant.
import type { Stage } from '../customer';
import type { Bilingual } from '../i18n';
import type { StandardId } from '../grading';

/** One condition of a view; a view's conditions all hold (AND). */
export type ViewFilter =
  /** The next follow-up falls on today (docs/grading.md#g05-due-day-calendar-days-in-the-users-zone: due on the day). */
  | { kind: 'dueToday' }
  /** The next follow-up fell on an earlier day (overdue from the day after). */
  | { kind: 'overdue' }
  /** The customer's consultant; 'me' is the user's own name from the settings ("I am 王芳"). */
  | { kind: 'consultant'; is: string }
  | { kind: 'stage'; stages: Stage[] }
  /** The stored grade by one standard is one of these grade ids. */
  | { kind: 'grade'; standard: StandardId; grades: string[] }
  /** The first service (首保) falls within the next `days` days, today included. */
  | { kind: 'firstServiceWithin'; days: number }
  /** An owner's (M) birthday or holiday greeting falls within the next `days` days, today included. */
  | { kind: 'greetingWithin'; days: number }
  /** A grade needs a date the customer lacks (资料不全): listed here, never counted due. */
  | { kind: 'missingData' }
  /** An owner's first service (首保) or next regular service (定保) falls in the current calendar month. */
  | { kind: 'serviceThisMonth' }
  /** These customers alone: the rows of one portal page (a view opened from the portal, never saved). */
  | { kind: 'customers'; ids: string[] };

export interface SortItem {
  colId: string;
  sort: 'asc' | 'desc';
}

export interface View {
  /** Built-ins have short ids ('today'), a user's views 'user:<uuid>'. */
  id: string;
  name: Bilingual;
  builtIn: boolean;
  filters: ViewFilter[];
  /** The grid's own column filters (text, number, date), as the grid gives them: plain JSON. */
  columnFilters?: Record<string, unknown>;
  sort: SortItem[];
  /** Visible columns, in order; absent: the user's remembered columns. */
  columns?: string[];
}

/** What a view's conditions are read against besides the customer. */
export interface ViewContext {
  now: Date;
  /** The user's own consultant name ("I am 王芳"); a 'me' condition matches nobody without it. */
  me?: string;
  /** Grade ids of owners (M) by the active rule set's intent standard: greetings are theirs. */
  ownerGrades?: readonly string[];
}

export const ME = 'me';
export const USER_VIEW_PREFIX = 'user:';
