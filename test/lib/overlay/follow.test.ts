// Following the portal (lib/overlay/follow): which rows of a page go to the
// store, the tab's tally, and when the page has settled enough to read.
import { describe, expect, it } from 'vitest';
import {
  addToTally,
  EMPTY_TALLY,
  fingerprint,
  followVerdict,
  readTally,
  rowPrint,
  rowsToFollow,
  type FollowMoment,
} from '../../../lib/overlay/follow';
import { keysId, rowKeysOf } from '../../../lib/overlay/keys';

const COLUMNS = { phone: [2], vin: [], portalId: [0] };
const page = (rows: string[][], links: (string | null)[] = rows.map(() => null)) => ({ rows, rowLinks: links });
const P1 = [
  ['KH1001', '张三', '13812345678', 'H'],
  ['KH1002', '李四', '13912345678', 'A'],
];

describe('fingerprint and rowPrint', () => {
  it('is stable, short, and tells rows apart by any cell or link', () => {
    expect(fingerprint('张三')).toBe(fingerprint('张三'));
    expect(fingerprint('张三').length).toBeLessThanOrEqual(32);
    expect(fingerprint('ab')).not.toBe(fingerprint('ba'));
    const prints = new Set<string>();
    for (let i = 0; i < 20_000; i++) prints.add(fingerprint(`KH${i}\u000113800${i}`));
    expect(prints.size).toBe(20_000);
    expect(rowPrint(['张三', 'H'])).not.toBe(rowPrint(['张三', 'A']));
    expect(rowPrint(['张三', 'H'], 'http://dms/c?id=1')).not.toBe(rowPrint(['张三', 'H'], 'http://dms/c?id=2'));
    // Cells do not run together: ['ab','c'] is not ['a','bc'].
    expect(rowPrint(['ab', 'c'])).not.toBe(rowPrint(['a', 'bc']));
  });
});

describe('rowsToFollow', () => {
  it('picks every row of a first page, with the customers they name', () => {
    const pick = rowsToFollow(page(P1), COLUMNS, new Set());
    expect(pick.rows).toEqual([0, 1]);
    expect(pick.prints).toEqual(P1.map((r) => rowPrint(r, null)));
    expect(pick.customers).toEqual(P1.map((r) => fingerprint(keysId(rowKeysOf(r, COLUMNS)!))));
  });

  it('skips rows captured before as they show now, and sends a row again when a cell changed', () => {
    const seen = new Set(P1.map((r) => rowPrint(r, null)));
    expect(rowsToFollow(page(P1), COLUMNS, seen).rows).toEqual([]);
    const changed = [P1[0]!, ['KH1002', '李四', '13912345678', 'H']];
    const pick = rowsToFollow(page(changed), COLUMNS, seen);
    expect(pick.rows).toEqual([1]);
    // The same customer as before: the count does not grow by a changed row.
    expect(pick.customers).toEqual([fingerprint(keysId(rowKeysOf(P1[1]!, COLUMNS)!))]);
  });

  it('takes a row the portal shows twice (a fixed-column copy read as rows) once', () => {
    expect(rowsToFollow(page([P1[0]!, P1[0]!]), COLUMNS, new Set()).rows).toEqual([0]);
  });

  it('sends rows without identity (the capture refuses and counts them) but names no customer for them', () => {
    const rows = [
      ['', '王五', '138****5678', 'B'],
      ['', '赵六', '', 'C'],
    ];
    const pick = rowsToFollow(page(rows), COLUMNS, new Set());
    expect(pick.rows).toEqual([0, 1]);
    expect(pick.customers).toEqual([]);
  });

  it("keys a row by its detail link's id where no column gives one", () => {
    const rows = [['', '王五', '', 'B']];
    const pick = rowsToFollow(page(rows, ['http://dms.example/crm/view.do?custid=77']), COLUMNS, new Set());
    expect(pick.customers).toHaveLength(1);
    const other = rowsToFollow(page(rows, ['http://dms.example/crm/view.do?custid=78']), COLUMNS, new Set());
    expect(other.customers[0]).not.toBe(pick.customers[0]);
  });
});

describe('the tally', () => {
  it('adds each print and customer once and counts the customers', () => {
    let t = addToTally(EMPTY_TALLY, { prints: ['a', 'b'], customers: ['x', 'y'] });
    t = addToTally(t, { prints: ['b', 'c'], customers: ['y', 'z'] });
    expect(t).toEqual({ prints: ['a', 'b', 'c'], customers: ['x', 'y', 'z'] });
  });

  it('drops the oldest prints past the cap', () => {
    const t = addToTally(
      { prints: ['a', 'b'], customers: [] },
      { prints: ['c', 'd'], customers: ['x'] },
      { prints: 3, customers: 10 },
    );
    expect(t.prints).toEqual(['b', 'c', 'd']);
  });

  it('reads anything but a tally as empty', () => {
    for (const bad of [undefined, null, 3, 'x', { prints: 'a', customers: [] }, { prints: [1], customers: [] }])
      expect(readTally(bad)).toEqual(EMPTY_TALLY);
    expect(readTally({ prints: ['a'], customers: ['x'] })).toEqual({ prints: ['a'], customers: ['x'] });
  });
});

describe('followVerdict', () => {
  const at = (m: Partial<FollowMoment>): FollowMoment => ({
    rows: 20,
    busy: false,
    editing: false,
    crawling: false,
    lastChangeAt: 1_000,
    now: 2_000,
    ...m,
  });

  it('reads the list once the page has been quiet', () => {
    expect(followVerdict(at({}), 500)).toEqual({ type: 'capture' });
  });

  it('waits out the rest of the quiet after a change (a re-render still coming in)', () => {
    expect(followVerdict(at({ lastChangeAt: 1_800 }), 500)).toEqual({ type: 'wait', ms: 300 });
  });

  it('waits while the portal loads a page or the user types, and looks again', () => {
    expect(followVerdict(at({ busy: true }), 500)).toEqual({ type: 'wait', ms: 500 });
    expect(followVerdict(at({ editing: true }), 500)).toEqual({ type: 'wait', ms: 500 });
  });

  it('does nothing on an empty list, nor while the whole-list capture turns the pages', () => {
    expect(followVerdict(at({ rows: 0 }), 500)).toEqual({ type: 'idle', why: 'empty' });
    expect(followVerdict(at({ crawling: true }), 500)).toEqual({ type: 'idle', why: 'crawling' });
  });
});
