// Which index paints a view's first screen (lib/db firstScreen): the view's
// first condition when an index fits it, else the table's own order.
import type { FirstScreenIndex } from '../db';
import { localDateOf } from '../calendar';
import type { View, ViewContext } from './types';

export function firstScreenIndex(view: View, ctx: ViewContext): FirstScreenIndex {
  const first = view.filters[0];
  if (first?.kind === 'dueToday') return { kind: 'dueOn', day: localDateOf(ctx.now) };
  if (first?.kind === 'overdue') return { kind: 'dueBefore', day: localDateOf(ctx.now) };
  if (first?.kind === 'consultant') {
    const name = first.is === 'me' ? ctx.me : first.is;
    if (name) return { kind: 'consultant', name };
  }
  return { kind: 'any' };
}
