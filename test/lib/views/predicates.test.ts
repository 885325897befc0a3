import { describe, expect, it } from 'vitest';
import type { StoredCustomer } from '../../../lib/db/types';
import { DEFAULT_RULE_SET, entryOf, gradeAll } from '../../../lib/grading';
import { PAGE_LINK_MAX, pageViewQuery } from '../../../lib/overlay';
import {
  allViews,
  BUILT_IN_VIEWS,
  PAGE_VIEW_ID,
  pageViewFromSearch,
  searchPredicate,
  viewIdFromSearch,
  viewPredicate,
  withGradeFilters,
  type View,
} from '../../../lib/views';
import { customer } from '../../factories';

// Monday 23 November 2026, 09:30 local time.
const now = new Date(2026, 10, 23, 9, 30);

const view = (id: string): View => BUILT_IN_VIEWS.find((v) => v.id === id)!;
const ids = (v: View, customers: StoredCustomer[], ctx: Partial<Parameters<typeof viewPredicate>[1]> = {}) => {
  const p = viewPredicate(v.filters, { now, ...ctx });
  return customers.filter((c) => !p || p(c)).map((c) => c.id);
};

describe('built-in views', () => {
  const dueToday = customer('due-today', {
    grades: { intent: 'H', nextDueAt: '2026-11-23', due: 'due', nextDueStandard: 'intent' },
  });
  const dueYesterday = customer('due-yesterday', {
    grades: { intent: 'A', nextDueAt: '2026-11-22', due: 'overdue', overdueDays: 1, nextDueStandard: 'intent' },
  });
  const dueTomorrow = customer('due-tomorrow', {
    grades: { intent: 'B', nextDueAt: '2026-11-24', due: 'upcoming', nextDueStandard: 'intent' },
  });
  const ungraded = customer('ungraded');
  const all = [dueToday, dueYesterday, dueTomorrow, ungraded];

  it('全部客户 shows every customer', () => {
    expect(ids(view('all'), all)).toEqual(['due-today', 'due-yesterday', 'due-tomorrow', 'ungraded']);
  });

  it('今日待跟进 holds the customers whose next follow-up falls on today', () => {
    expect(ids(view('today'), all)).toEqual(['due-today']);
  });

  it('已逾期 holds the customers due on an earlier day, oldest first by the next follow-up date', () => {
    expect(ids(view('overdue'), all)).toEqual(['due-yesterday']);
    expect(view('overdue').sort).toEqual([{ colId: 'grades.nextDueAt', sort: 'asc' }]);
  });

  it('我的客户 holds the consultant the user says they are, and nobody before they say it', () => {
    const mine = customer('mine', { consultant: '王芳' });
    const theirs = customer('theirs', { consultant: '李强' });
    expect(ids(view('mine'), [mine, theirs], { me: '王芳' })).toEqual(['mine']);
    expect(ids(view('mine'), [mine, theirs], { me: ' 王芳 ' })).toEqual(['mine']);
    expect(ids(view('mine'), [mine, theirs])).toEqual([]);
  });

  it('战败客户 holds the customers the defeated standard grades, reactivated ones included', () => {
    const lost = customer('lost', { stage: 'defeated', grades: { defeated: 'defeated' } });
    const back = customer('back', { stage: 'defeated', grades: { defeated: 'reactivated' } });
    const lead = customer('lead', { stage: 'lead', grades: { defeated: 'n/a' } });
    expect(ids(view('defeated'), [lost, back, lead])).toEqual(['lost', 'back']);
  });

  it('流失预警 holds owners at risk (预警) and churned (流失), not active ones', () => {
    const warning = customer('warning', { grades: { churn: 'warning' } });
    const churned = customer('churned', { grades: { churn: 'churned' } });
    const active = customer('active', { grades: { churn: 'active' } });
    expect(ids(view('churn'), [warning, churned, active])).toEqual(['warning', 'churned']);
  });

  it('首保提醒 holds first services due from today to six days ahead', () => {
    const today = customer('today', { firstServiceDueAt: '2026-11-23' });
    const sunday = customer('sunday', { firstServiceDueAt: '2026-11-29' });
    const nextMonday = customer('next-monday', { firstServiceDueAt: '2026-11-30' });
    const past = customer('past', { firstServiceDueAt: '2026-11-22' });
    expect(ids(view('firstService'), [today, sunday, nextMonday, past])).toEqual(['today', 'sunday']);
  });

  it('生日/节日问候 holds owners (M) whose greeting falls this week, by the intent standard', () => {
    const birthday = customer('birthday', {
      grades: { intent: 'M', nextDueAt: '2026-11-25', nextDueStandard: 'intent' },
    });
    const later = customer('later', { grades: { intent: 'M', nextDueAt: '2026-12-25', nextDueStandard: 'intent' } });
    const leadCall = customer('lead-call', {
      grades: { intent: 'H', nextDueAt: '2026-11-25', nextDueStandard: 'intent' },
    });
    const funnelOwner = customer('funnel-owner', {
      grades: { intent: '保有', nextDueAt: '2026-11-23', nextDueStandard: 'intent' },
    });
    expect(ids(view('greetings'), [birthday, later, leadCall, funnelOwner])).toEqual(['birthday', 'funnel-owner']);
    // A rule set whose owner grade is named otherwise.
    expect(ids(view('greetings'), [birthday, funnelOwner], { ownerGrades: ['保有'] })).toEqual(['funnel-owner']);
  });

  it('reads a datetime next follow-up by its calendar day', () => {
    const withTime = customer('with-time', { grades: { nextDueAt: '2026-11-23T18:00' } });
    expect(ids(view('today'), [withTime])).toEqual(['with-time']);
  });
});

describe('grade picks', () => {
  it('narrow a view to the checked grades of a standard', () => {
    const h = customer('h', { grades: { intent: 'H', nextDueAt: '2026-11-23' } });
    const a = customer('a', { grades: { intent: 'A', nextDueAt: '2026-11-23' } });
    const filters = withGradeFilters(view('today'), { intent: ['A'], churn: [] });
    expect(filters).toHaveLength(2);
    const p = viewPredicate(filters, { now })!;
    expect([h, a].filter(p).map((c) => c.id)).toEqual(['a']);
  });
});

describe('quick search across name, phone, plate and VIN', () => {
  const wang = customer('wang', { name: '王芳', phone: '13812341234', plate: '粤L·D12345', vin: 'LSVAU2180N2123456' });
  const chen = customer('chen', { name: 'Chen Jing', phone: '13900001111' });
  const find = (q: string) => [wang, chen].filter((c) => searchPredicate(q)?.(c) ?? true).map((c) => c.id);

  it('finds a name by any part of it, in any case', () => {
    expect(find('王')).toEqual(['wang']);
    expect(find('chen')).toEqual(['chen']);
  });
  it('finds a phone by its digits, whatever is typed between them', () => {
    expect(find('1234')).toEqual(['wang']);
    expect(find('138 1234-1234')).toEqual(['wang']);
  });
  it('finds a plate without its separator and a VIN in lower case', () => {
    expect(find('粤LD123')).toEqual(['wang']);
    expect(find('n2123456')).toEqual(['wang']);
  });
  it('an empty search finds everybody', () => {
    expect(searchPredicate('  ')).toBeNull();
  });
});

describe('the view in the URL', () => {
  it('reads ?view=today, as the morning notification opens 今日待跟进', () => {
    expect(viewIdFromSearch('?view=today')).toBe('today');
    expect(viewIdFromSearch('')).toBeUndefined();
  });
});

describe('资料不全: a date the grade needs is missing, so the customer is listed apart and never counted due', () => {
  it('a page whose first-visit column was not mapped: its never-contacted leads are not due today; they are 资料不全, with the missing date in the reason', () => {
    // 30 leads captured from a page with the grade column mapped and the 首次到店 column not: 25 never contacted, 5 called yesterday.
    const leads: StoredCustomer[] = [];
    for (let i = 0; i < 30; i++)
      leads.push(
        customer(`l${i}`, { stage: 'lead', portalGrade: 'H', ...(i >= 25 && { lastContactAt: '2026-11-22T10:00' }) }),
      );
    const reports = gradeAll(leads, DEFAULT_RULE_SET, now);
    const graded = leads.map((c, i) => ({ ...c, grades: reports[i]!.summary() }));
    expect(ids(view('today'), graded)).toEqual([]);
    expect(ids(view('overdue'), graded)).toEqual([]);
    expect(ids(view('missingData'), graded)).toEqual(leads.slice(0, 25).map((c) => c.id));
    expect(view('missingData').name).toEqual({ zh: '资料不全', en: 'Missing data' });
    const reason = entryOf(reports[0]!, 'intent')!.reason;
    expect(reason.zh).toContain('缺少首次到店日期');
    expect(reason.en).toContain('no first-visit');
    // The five called yesterday are due tomorrow (H, every 2 days), as before.
    expect(graded[29]!.grades.nextDueAt).toBe('2026-11-24');
  });
});

describe('本月到期保养: the monthly list of owners due for service', () => {
  const firstService = customer('first', { stage: 'delivered', firstServiceDueAt: '2026-11-30' });
  const regular = customer('regular', { stage: 'owner', grades: { serviceDueAt: '2026-11-02' } });
  const nextMonth = customer('next-month', {
    stage: 'owner',
    firstServiceDueAt: '2026-12-01',
    grades: { serviceDueAt: '2026-12-05' },
  });
  const lastMonth = customer('last-month', { stage: 'owner', grades: { serviceDueAt: '2026-10-31' } });

  it('lists the 首保 and 定保 falling in this calendar month, from its first day to its last', () => {
    expect(ids(view('serviceThisMonth'), [firstService, regular, nextMonth, lastMonth])).toEqual(['first', 'regular']);
    expect(view('serviceThisMonth').name.zh).toBe('本月到期保养 (首保/定保)');
    expect(
      ids(view('serviceThisMonth'), [firstService, regular, nextMonth, lastMonth], { now: new Date(2026, 11, 1, 8) }),
    ).toEqual(['next-month']);
  });
});

describe("本页客户: the view of one portal page's customers", () => {
  it('opens from the summary bar link as a temporary built-in view holding exactly those customers', () => {
    const search = `?${pageViewQuery(['c1', 'c/2', 'c3'])}`;
    expect(viewIdFromSearch(search)).toBe(PAGE_VIEW_ID);
    const page = pageViewFromSearch(search)!;
    expect(page.name).toEqual({ zh: '本页客户', en: "This page's customers" });
    expect(page.builtIn).toBe(true);
    const keep = viewPredicate(page.filters, { now })!;
    expect(['c1', 'c/2', 'c3', 'c4'].map((id) => keep(customer(id)))).toEqual([true, true, true, false]);
    // Listed after the built-ins, never among the user's saved views.
    expect(allViews([], [page]).map((v) => v.id)).toContain(PAGE_VIEW_ID);
  });

  it('caps a long page, and names no view where the address holds no customers', () => {
    const ids = Array.from({ length: PAGE_LINK_MAX + 50 }, (_, i) => `c${i}`);
    const page = pageViewFromSearch(`?${pageViewQuery(ids)}`)!;
    expect(page.filters).toEqual([{ kind: 'customers', ids: ids.slice(0, PAGE_LINK_MAX) }]);
    expect(pageViewFromSearch('?view=today')).toBeUndefined();
    expect(pageViewFromSearch('?view=page&customers=,')).toBeUndefined();
  });
});
