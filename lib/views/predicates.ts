// A view's conditions as one predicate over stored customers. Everything that
// depends only on the view and the day (today's date text, week limits, the
// grade set) is worked out once, so the predicate over 100,000 rows compares
// strings and reads no clock (docs/architecture.md#performance-budgets).
import type { StoredCustomer } from '../db';
import type { StandardId } from '../grading';
import { INTENT_OWNER_GRADES } from './builtins';
import { dayPart, localDateAfter, localDateOf } from '../calendar';
import { ME, type View, type ViewContext, type ViewFilter } from './types';

export type CustomerPredicate = (customer: StoredCustomer) => boolean;

function predicateOf(filter: ViewFilter, ctx: ViewContext): CustomerPredicate {
  const today = localDateOf(ctx.now);
  switch (filter.kind) {
    case 'dueToday':
      // Grades hold as of the last grading (normally today's, lib/db regradeIfStale):
      // the stored date, not the stored due state, decides.
      return (c) => dayPart(c.grades?.nextDueAt) === today;
    case 'overdue':
      return (c) => {
        const day = dayPart(c.grades?.nextDueAt);
        return day !== undefined && day < today;
      };
    case 'consultant': {
      const name = filter.is === ME ? ctx.me?.trim() : filter.is.trim();
      if (!name) return () => false;
      return (c) => c.consultant?.trim() === name;
    }
    case 'stage': {
      const stages = new Set<string>(filter.stages);
      return (c) => c.stage !== undefined && stages.has(c.stage);
    }
    case 'grade': {
      const grades = new Set(filter.grades);
      const standard = filter.standard;
      return (c) => {
        const grade = c.grades?.[standard];
        return grade !== undefined && grades.has(grade);
      };
    }
    case 'firstServiceWithin': {
      const last = localDateAfter(ctx.now, filter.days - 1);
      return (c) => {
        const day = dayPart(c.firstServiceDueAt);
        return day !== undefined && day >= today && day <= last;
      };
    }
    case 'greetingWithin': {
      // docs/grading.md#c4-greetings-view, grade M: greetings on holidays and the birthday;
      // the intent standard stores the next one as an owner's next follow-up.
      const last = localDateAfter(ctx.now, filter.days - 1);
      const owners = new Set(ctx.ownerGrades ?? INTENT_OWNER_GRADES);
      return (c) => {
        const g = c.grades;
        if (!g || g.nextDueStandard !== 'intent' || g.intent === undefined || !owners.has(g.intent)) return false;
        const day = dayPart(g.nextDueAt);
        return day !== undefined && day >= today && day <= last;
      };
    }
    case 'missingData':
      return (c) => c.grades?.flags?.includes('missingDate') === true;
    case 'serviceThisMonth': {
      // The monthly "due for service" list the front desk calls: 首保 by its date, 定保 by the expected service visit.
      const month = today.slice(0, 7);
      return (c) =>
        dayPart(c.firstServiceDueAt)?.slice(0, 7) === month || dayPart(c.grades?.serviceDueAt)?.slice(0, 7) === month;
    }
    case 'customers': {
      const ids = new Set(filter.ids);
      return (c) => ids.has(c.id);
    }
  }
}

/** The predicate of a view's conditions, or null when it has none (every customer shows). */
export function viewPredicate(filters: readonly ViewFilter[], ctx: ViewContext): CustomerPredicate | null {
  if (filters.length === 0) return null;
  const all = filters.map((f) => predicateOf(f, ctx));
  if (all.length === 1) return all[0]!;
  return (c) => {
    for (const p of all) if (!p(c)) return false;
    return true;
  };
}

/** Which view the URL names (?view=today, as the morning notification opens 今日待跟进). */
export function viewIdFromSearch(search: string): string | undefined {
  const id = new URLSearchParams(search).get('view');
  return id?.trim() || undefined;
}

export const PAGE_VIEW_ID = 'page';

/**
 * The temporary view of one portal page's customers (?view=page&customers=<id>,<id>…,
 * from the overlay's summary bar), or undefined where the URL names none.
 * Built-in, so it is never saved with the user's views.
 */
export function pageViewFromSearch(search: string): View | undefined {
  const ids = (new URLSearchParams(search).get('customers') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) return undefined;
  return {
    id: PAGE_VIEW_ID,
    name: { zh: '本页客户', en: "This page's customers" },
    builtIn: true,
    filters: [{ kind: 'customers', ids }],
    sort: [],
  };
}

/** The view's conditions plus the user's grade picks, for the grid's external filter. */
export function withGradeFilters(
  view: View,
  picks: Readonly<Partial<Record<string, readonly string[]>>>,
): ViewFilter[] {
  const extra: ViewFilter[] = [];
  for (const [standard, grades] of Object.entries(picks)) {
    if (grades && grades.length) extra.push({ kind: 'grade', standard: standard as StandardId, grades: [...grades] });
  }
  return [...view.filters, ...extra];
}

const squeeze = (text: string): string => text.replace(/[\s·•.\-_]/g, '').toUpperCase();

/**
 * Quick search across name, phone, plate and VIN (docs/workbench.md#the-grid). Phones match on
 * their digits whatever the user types between them; plates and VINs ignore
 * case and the separators portals write ('粤L·D12345', '粤L D12345').
 */
export function searchPredicate(query: string): CustomerPredicate | null {
  const text = query.trim();
  if (!text) return null;
  const lower = text.toLowerCase();
  const squeezed = squeeze(text);
  const digits = /^[\d\s\-+]+$/.test(text) ? text.replace(/\D/g, '') : '';
  return (c) =>
    (c.name !== undefined && c.name.toLowerCase().includes(lower)) ||
    (digits !== '' && c.phone !== undefined && c.phone.includes(digits)) ||
    (squeezed !== '' && c.plate !== undefined && squeeze(c.plate).includes(squeezed)) ||
    (squeezed !== '' && c.vin !== undefined && c.vin.includes(squeezed));
}
