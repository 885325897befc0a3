// The built-in views of docs/grading.md#v1-built-in-views, in the order a consultant works the day.
import { FUNNEL_INTENT, PASSENGER_INTENT } from '../grading';
import { ME, USER_VIEW_PREFIX, type View } from './types';

/** The owner (M) grade ids of the preset intent standards, when the active rule set is not known. */
export const INTENT_OWNER_GRADES: readonly string[] = [PASSENGER_INTENT.owner.grade, FUNNEL_INTENT.owner.grade];

/** A week ahead, today included: "this week" reminders that never end on a Sunday with nothing left. */
export const WEEK_DAYS = 7;

export const ALL_VIEW_ID = 'all';

export const BUILT_IN_VIEWS: readonly View[] = [
  { id: ALL_VIEW_ID, name: { zh: '全部客户', en: 'All customers' }, builtIn: true, filters: [], sort: [] },
  {
    id: 'today',
    name: { zh: '今日待跟进', en: 'Due today' },
    builtIn: true,
    filters: [{ kind: 'dueToday' }],
    sort: [{ colId: 'grades.intent', sort: 'asc' }],
  },
  {
    id: 'overdue',
    name: { zh: '已逾期', en: 'Overdue' },
    builtIn: true,
    filters: [{ kind: 'overdue' }],
    // Oldest first: the longest-waiting customer is called first.
    sort: [{ colId: 'grades.nextDueAt', sort: 'asc' }],
  },
  {
    id: 'mine',
    name: { zh: '我的客户', en: 'My customers' },
    builtIn: true,
    filters: [{ kind: 'consultant', is: ME }],
    sort: [{ colId: 'grades.nextDueAt', sort: 'asc' }],
  },
  {
    id: 'defeated',
    name: { zh: '战败客户', en: 'Defeated' },
    builtIn: true,
    // docs/grading.md#g81-who-is-defeated: the defeated standard grades every lost lead (by stage or by the follow-up log).
    filters: [{ kind: 'grade', standard: 'defeated', grades: ['defeated', 'reactivated'] }],
    sort: [{ colId: 'lastContactAt', sort: 'desc' }],
  },
  {
    id: 'churn',
    name: { zh: '流失预警', en: 'Churn risk' },
    builtIn: true,
    // docs/grading.md#g52-states: 预警 (at risk) and 流失 (churned) owners.
    filters: [{ kind: 'grade', standard: 'churn', grades: ['warning', 'churned'] }],
    sort: [{ colId: 'lastServiceAt', sort: 'asc' }],
  },
  {
    id: 'firstService',
    name: { zh: '首保提醒', en: 'First service' },
    builtIn: true,
    filters: [{ kind: 'firstServiceWithin', days: WEEK_DAYS }],
    sort: [{ colId: 'firstServiceDueAt', sort: 'asc' }],
  },
  {
    id: 'serviceThisMonth',
    name: { zh: '本月到期保养 (首保/定保)', en: 'Due for service this month' },
    builtIn: true,
    filters: [{ kind: 'serviceThisMonth' }],
    sort: [{ colId: 'grades.serviceDueAt', sort: 'asc' }],
  },
  {
    id: 'greetings',
    name: { zh: '生日/节日问候', en: 'Birthday & holiday greetings' },
    builtIn: true,
    filters: [{ kind: 'greetingWithin', days: WEEK_DAYS }],
    sort: [{ colId: 'grades.nextDueAt', sort: 'asc' }],
  },
  {
    id: 'missingData',
    name: { zh: '资料不全', en: 'Missing data' },
    builtIn: true,
    // Customers whose grade needs a date they lack: the reason says which; they are in no due list.
    filters: [{ kind: 'missingData' }],
    sort: [{ colId: 'grades.intent', sort: 'asc' }],
  },
];

export function isUserView(id: string): boolean {
  return id.startsWith(USER_VIEW_PREFIX);
}
