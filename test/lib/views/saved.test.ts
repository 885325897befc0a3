import { describe, expect, it } from 'vitest';
import {
  allViews,
  BUILT_IN_VIEWS,
  deleteView,
  findView,
  maskIdNumber,
  maskPhone,
  newUserView,
  readSavedViews,
  renameView,
  formatStoredDate,
} from '../../../lib/views';

describe("a user's saved views", () => {
  const mine = newUserView('v1', '王芳的H级', {
    filters: [
      { kind: 'consultant', is: '王芳' },
      { kind: 'grade', standard: 'intent', grades: ['H'] },
    ],
    columnFilters: { district: { filterType: 'text', type: 'contains', filter: '惠城' } },
    sort: [{ colId: 'name', sort: 'asc' }],
    columns: ['name', 'phone', 'grades.intent'],
  });

  it('round-trip through the stored setting as plain JSON', () => {
    expect(readSavedViews(JSON.parse(JSON.stringify([mine])))).toEqual([mine]);
  });

  it('drop stored entries that are not views, and conditions DealerLens does not know', () => {
    const stored = [
      mine,
      { id: 'today', name: { zh: 'x', en: 'x' } },
      42,
      { ...mine, id: 'user:v2', filters: [{ kind: 'telepathy' }, { kind: 'grade', standard: 'mood', grades: [] }] },
    ];
    const read = readSavedViews(stored);
    expect(read.map((v) => v.id)).toEqual(['user:v1', 'user:v2']);
    expect(read[1]!.filters).toEqual([]);
    expect(readSavedViews(undefined)).toEqual([]);
  });

  it('can be renamed and deleted; built-ins cannot', () => {
    const views = allViews([mine]);
    expect(renameView(views, 'user:v1', '重点客户').find((v) => v.id === 'user:v1')!.name).toEqual({
      zh: '重点客户',
      en: '重点客户',
    });
    expect(renameView(views, 'today', 'x').find((v) => v.id === 'today')!.name.zh).toBe('今日待跟进');
    expect(deleteView(views, 'user:v1').map((v) => v.id)).toEqual(BUILT_IN_VIEWS.map((v) => v.id));
    expect(deleteView(views, 'today')).toHaveLength(views.length);
  });

  it('an unknown view id opens the first built-in (全部客户)', () => {
    expect(findView(allViews([]), 'nope').id).toBe('all');
    expect(findView(allViews([mine]), 'user:v1')).toBe(mine);
  });
});

describe('masking', () => {
  it('shows a mobile as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('keeps the region and the last four of a resident ID', () => {
    expect(maskIdNumber('44130219900101123X')).toBe('441302********123X');
  });
  it('masks short values whole', () => {
    expect(maskPhone('1234')).toBe('****');
  });
});

describe('dates in the user locale', () => {
  const zhDate = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
  const zhTime = new Intl.DateTimeFormat('zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const gbDate = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit' });
  it('writes a stored day on the same calendar day in any zone', () => {
    expect(formatStoredDate('2026-11-23', zhDate, zhTime)).toBe('2026/11/23');
    expect(formatStoredDate('2026-11-23', gbDate, gbDate)).toBe('23/11/2026');
  });
  it('keeps the time of a stored datetime', () => {
    expect(formatStoredDate('2026-11-23T09:05', zhDate, zhTime)).toBe('2026/11/23 09:05');
  });
  it('leaves text that is not a stored date alone', () => {
    expect(formatStoredDate('下周', zhDate, zhTime)).toBe('下周');
  });
});
