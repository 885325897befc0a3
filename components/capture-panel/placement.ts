// Where DealerLens's floating button and panel sit: in the corner of the
// window where they cover none of the portal's pager and the fewest of its
// buttons. A portal's pager usually sits at the bottom right, exactly where a
// floating panel goes by default; covering it would stop the user paging
// through the list they are capturing.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type Corner = 'br' | 'tr' | 'bl' | 'tl';

/** Bottom right first: where the button sits when nothing is in the way. */
export const CORNERS: readonly Corner[] = ['br', 'tr', 'bl', 'tl'];

/** Something of the portal's that must stay clickable; a pager's parts weigh far more than another button. */
export interface Obstacle {
  box: Box;
  weight: number;
}

export const PAGER_WEIGHT = 1000;
export const CONTROL_WEIGHT = 1;

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** What DealerLens's boxes cover of the obstacles: 0 when nothing; ≥ PAGER_WEIGHT when a pager's part. */
export function coverCost(ours: readonly Box[], obstacles: readonly Obstacle[]): number {
  let cost = 0;
  for (const o of obstacles) {
    for (const box of ours) {
      if (overlapArea(box, o.box) > 0) {
        // Counted once per obstacle, however much of it is covered: half a button is as unclickable as a whole one.
        cost += o.weight;
        break;
      }
    }
  }
  return cost;
}

/** The corner whose layout covers least (ties: the earlier corner), and what it covers. */
export function chooseCorner(
  layouts: ReadonlyMap<Corner, readonly Box[]>,
  obstacles: readonly Obstacle[],
): { corner: Corner; cost: number } {
  let best: { corner: Corner; cost: number } | null = null;
  for (const corner of CORNERS) {
    const boxes = layouts.get(corner);
    if (!boxes) continue;
    const cost = coverCost(boxes, obstacles);
    if (!best || cost < best.cost) best = { corner, cost };
    if (cost === 0) break;
  }
  return best ?? { corner: 'br', cost: 0 };
}

/** Pager containers of the common UI kits and of hand-made portals. */
export const PAGER_SELECTOR = [
  '[class*="pagination"]',
  '[class*="pager"]',
  '[class*="paging"]',
  '[class*="laypage"]',
  '.ivu-page',
  '.dataTables_paginate',
  '.x-toolbar',
  '[aria-label*="pagination" i]',
  '[aria-label*="分页"]',
].join(', ');

/** The clickable parts of a pager (its items, its jump box) and, elsewhere, the portal's buttons. */
export const PAGER_PART_SELECTOR = 'a, button, li, input, select, [role="button"], [tabindex]';
export const CONTROL_SELECTOR =
  'button, [role="button"], input[type="button"], input[type="submit"], select, a[class*="btn"]';
