// Which index reads a view's first screen: its first condition when one fits.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_VIEWS, findView, firstScreenIndex, newUserView, type View } from '../../../lib/views';

/** Tuesday 10 March 2026, 9:00 local. */
const NOW = new Date(2026, 2, 10, 9);
const builtIn = (id: string) => findView(BUILT_IN_VIEWS, id);
const user = (filters: View['filters']) => newUserView('user:x', 'x', { filters, sort: [] });

describe('firstScreenIndex', () => {
  it('today and overdue read by the due day, in the user’s calendar', () => {
    expect(firstScreenIndex(builtIn('today'), { now: NOW })).toEqual({ kind: 'dueOn', day: '2026-03-10' });
    expect(firstScreenIndex(builtIn('overdue'), { now: NOW })).toEqual({ kind: 'dueBefore', day: '2026-03-10' });
  });

  it('我的客户 reads by the consultant the user is; without one, in the table’s order', () => {
    expect(firstScreenIndex(builtIn('mine'), { now: NOW, me: '王芳' })).toEqual({ kind: 'consultant', name: '王芳' });
    expect(firstScreenIndex(builtIn('mine'), { now: NOW })).toEqual({ kind: 'any' });
  });

  it('a saved view of a named consultant reads by that consultant, not by the user', () => {
    const view = user([{ kind: 'consultant', is: '李强' }]);
    expect(firstScreenIndex(view, { now: NOW, me: '王芳' })).toEqual({ kind: 'consultant', name: '李强' });
  });

  it('any other first condition, or none, reads in the table’s order', () => {
    expect(firstScreenIndex(user([{ kind: 'stage', stages: ['lead'] }, { kind: 'dueToday' }]), { now: NOW })).toEqual({
      kind: 'any',
    });
    expect(firstScreenIndex(user([]), { now: NOW })).toEqual({ kind: 'any' });
  });
});
