import { describe, expect, it } from 'vitest';
import {
  chooseCorner,
  CONTROL_WEIGHT,
  coverCost,
  PAGER_WEIGHT,
  type Box,
  type Corner,
} from '../../components/capture-panel/placement';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });
// A 1366×900 window: the button and panel as each corner lays them out.
const LAYOUTS = new Map<Corner, Box[]>([
  ['br', [box(1188, 846, 1348, 882), box(968, 200, 1348, 836)]],
  ['tr', [box(1188, 18, 1348, 54), box(968, 64, 1348, 700)]],
  ['bl', [box(18, 846, 178, 882), box(18, 200, 398, 836)]],
  ['tl', [box(18, 18, 178, 54), box(18, 64, 398, 700)]],
]);

describe('where the DealerLens panel sits', () => {
  it('stays bottom right when nothing is in the way', () => {
    expect(chooseCorner(LAYOUTS, [{ box: box(500, 400, 600, 430), weight: CONTROL_WEIGHT }])).toEqual({
      corner: 'br',
      cost: 0,
    });
  });

  it('moves away from a pager at the bottom right, even past buttons elsewhere', () => {
    const next = { box: box(1306, 852, 1334, 880), weight: PAGER_WEIGHT };
    const toolbar = [box(1000, 100, 1060, 130), box(1100, 100, 1160, 130)].map((b) => ({
      box: b,
      weight: CONTROL_WEIGHT,
    }));
    expect(chooseCorner(LAYOUTS, [next, ...toolbar])).toEqual({ corner: 'bl', cost: 0 });
    expect(chooseCorner(LAYOUTS, [next])).toEqual({ corner: 'tr', cost: 0 });
  });

  it('says so when every corner covers a pager (the panel then folds into its button)', () => {
    const pagers = [box(1300, 860, 1340, 880), box(1300, 20, 1340, 40), box(20, 860, 60, 880), box(20, 20, 60, 40)].map(
      (b) => ({ box: b, weight: PAGER_WEIGHT }),
    );
    expect(chooseCorner(LAYOUTS, pagers).cost).toBeGreaterThanOrEqual(PAGER_WEIGHT);
  });

  it('counts a button once however much of it is covered', () => {
    expect(
      coverCost([box(0, 0, 100, 100), box(50, 50, 150, 150)], [{ box: box(60, 60, 70, 70), weight: CONTROL_WEIGHT }]),
    ).toBe(1);
  });
});
