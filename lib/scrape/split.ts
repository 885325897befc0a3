// Header and body rendered as separate tables (Element UI/Plus, layui,
// EasyUI, Ant Design with scroll.y), and fixed left/right columns rendered
// two or three times (docs/capture.md#split-headerbody-tables). Generic: a header-only table is paired with
// the nearest body-only table after it; panes of one grid are recognised by
// equal row counts plus matching row keys, matching column copies, or a
// fixed/frozen pane; their columns are joined and duplicate columns merged,
// preferring the copy that is not hidden. A fixed pane may also sit one level
// deeper than the main pane, in a wrapper beside it (vxe-table's
// .vxe-table--fixed-wrapper holding the left and right copies). Complete
// clones of a whole table in a fixed wrapper beside it are dropped
// (withoutClones).
import type { RawRow, RawTable } from './columns';
import { leafHeaders } from './grid';
import { dataRowCount, type TableRead } from './table';
import { findTotalHint } from './total';
import type { Visibility } from './text';

interface PaneRow {
  key: string | null;
  cells: (Element | null)[];
  texts: string[];
  /** the cell is the hidden copy of a duplicate rendering */
  dup: boolean[];
  /** a summary row (合计, 小计 …): kept until the panes are joined, so they line up */
  summary: boolean;
}

interface Pane {
  container: Element;
  headers: string[];
  headerCells: (Element | null)[];
  keys: string[];
  rows: PaneRow[];
  asideTexts: string[];
}

const MAX_PAIR_DISTANCE = 5;
const ROW_KEY_ATTRS = [
  'datagrid-row-index',
  'data-index',
  'data-row-key',
  'row-index',
  'aria-rowindex',
  'data-rowindex',
  'data-row-index',
  'rowid',
];
const COLUMN_KEY_ATTRS = ['data-field', 'field', 'col-id', 'data-colid', 'data-col', 'aria-colindex', 'colid'];
const COLUMN_CLASS = /column[_-]?\d+$/i;
const FILLER_HEADER = /gutter|scrollbar|patch/i;
const FIXED_PANE = /fixed|frozen|pinned|lock|view1|left|right/i;
/**
 * A class token marking the copy of a cell that a duplicate rendering hides
 * (Element UI's is-hidden, vxe-table's fixed--hidden): a state word joined to
 * "hidden" by - or --. Not overflow-hidden, a layout utility.
 */
const HIDDEN_COPY = /^(?!overflow)[a-z]+(?:-|--|_)hidden$/i;
/** How far above each pane's container the element holding panes of one grid may be. */
const MAX_PANE_DEPTH = 2;

/** The cell is marked as the hidden copy of a column rendered more than once. */
function hiddenCopy(cell: Element | null | undefined): boolean {
  const cls = cell?.getAttribute('class');
  if (!cls || !cls.includes('hidden')) return false;
  return cls.split(/\s+/).some((t) => HIDDEN_COPY.test(t));
}

function ancestors(el: Element, limit: number): Element[] {
  const list: Element[] = [];
  for (let a = el.parentElement; a && list.length < limit; a = a.parentElement) list.push(a);
  return list;
}

function commonAncestor(a: Element, b: Element, limit: number): { at: Element; fromA: number; fromB: number } | null {
  const up = ancestors(a, limit);
  let fromB = 0;
  for (let x: Element | null = b; x && fromB <= limit; x = x.parentElement, fromB++) {
    if (x === a) return { at: a, fromA: 0, fromB };
    const i = up.indexOf(x);
    if (i >= 0) return { at: x, fromA: i + 1, fromB };
  }
  return null;
}

function precedes(a: Element, b: Element): boolean {
  return (a.compareDocumentPosition(b) & 4) !== 0 && !a.contains(b);
}

function columnKey(cell: Element | null, text: string, seen: Map<string, number>): string {
  if (cell) {
    for (const attr of COLUMN_KEY_ATTRS) {
      const v = cell.getAttribute(attr);
      if (v) return `${attr}=${v}`;
    }
    const token = (cell.getAttribute('class') ?? '').split(/\s+/).find((t) => COLUMN_CLASS.test(t));
    if (token) return `class=${token}`;
  }
  const n = (seen.get(text) ?? 0) + 1;
  seen.set(text, n);
  return `text=${text}#${n}`;
}

function colgroupWidths(table: Element): number[] {
  const widths: number[] = [];
  // The table's own <colgroup>s, walked: a selector query would visit every cell of a long body.
  const cols = Array.from(table.children)
    .filter((c) => c.localName === 'colgroup')
    .flatMap((g) => Array.from(g.children).filter((c) => c.localName === 'col'));
  for (const col of cols) {
    const raw = col.getAttribute('width') ?? /width\s*:\s*([\d.]+)/i.exec(col.getAttribute('style') ?? '')?.[1] ?? '';
    const span = Math.max(1, parseInt(col.getAttribute('span') ?? '1', 10) || 1);
    for (let i = 0; i < span; i++) widths.push(parseFloat(raw));
  }
  return widths;
}

/** Header positions matched to body columns; by position, or by <col width> where counts differ. */
function alignHeaders(header: TableRead, body: TableRead, count: number): number[] {
  const width = body.width;
  if (count === width) return Array.from({ length: width }, (_, i) => i);
  const hw = colgroupWidths(header.table);
  const bw = colgroupWidths(body.table);
  if (hw.length === count && bw.length === width && bw.every((w) => !Number.isNaN(w))) {
    const map: number[] = [];
    let h = 0;
    for (let b = 0; b < width; b++) {
      while (h < count && Math.abs(hw[h]! - bw[b]!) > 1) h++;
      map.push(h < count ? h++ : -1);
    }
    if (map.every((m) => m >= 0)) return map;
  }
  return Array.from({ length: width }, (_, i) => (i < count ? i : -1));
}

function makePane(header: TableRead, body: TableRead, container: Element): Pane {
  const leaves = leafHeaders(header.headerGrid, header.width);
  const real: number[] = [];
  for (let c = 0; c < leaves.texts.length; c++) {
    const cell = leaves.cells[c];
    if (cell && !leaves.texts[c] && FILLER_HEADER.test(cell.getAttribute('class') ?? '')) continue;
    real.push(c);
  }
  const map = alignHeaders(header, body, real.length);
  const headers = map.map((m) => (m >= 0 ? leaves.texts[real[m]!]! : ''));
  const headerCells = map.map((m) => (m >= 0 ? leaves.cells[real[m]!]! : null));
  const seen = new Map<string, number>();
  const keys = headers.map((h, i) => columnKey(headerCells[i] ?? null, h, seen));
  const rows: PaneRow[] = body.body.map(({ tr, cells, summary }) => {
    let key: string | null = null;
    for (const attr of ROW_KEY_ATTRS) {
      const v = tr.getAttribute(attr);
      if (v !== null) {
        key = `${attr}=${v}`;
        break;
      }
    }
    return {
      key,
      cells: cells.map((c) => (c.el.localName === 'tr' ? null : c.el)),
      texts: cells.map((c) => c.text),
      dup: cells.map((c) => c.hidden || hiddenCopy(c.el)),
      summary,
    };
  });
  return { container, headers, headerCells, keys, rows, asideTexts: [...header.asideTexts, ...body.asideTexts] };
}

function rowKeysMatch(a: Pane, b: Pane): boolean {
  return a.rows.length > 0 && a.rows.every((r, i) => r.key !== null && r.key === b.rows[i]!.key);
}

function copiesAgree(a: Pane, b: Pane): boolean {
  for (let i = 0; i < a.keys.length; i++) {
    const j = b.keys.indexOf(a.keys[i]!);
    if (j < 0) continue;
    let same = 0;
    for (let r = 0; r < a.rows.length; r++) if (a.rows[r]!.texts[i] === b.rows[r]!.texts[j]) same++;
    if (same >= a.rows.length * 0.8) return true;
  }
  return false;
}

function fixedBetween(pane: Pane, top: Element): boolean {
  for (let x: Element | null = pane.container; x && x !== top; x = x.parentElement) {
    if (FIXED_PANE.test(x.getAttribute('class') ?? '')) return true;
  }
  return false;
}

function keySets(a: Pane, b: Pane): { subset: boolean; disjoint: boolean } {
  const inA = new Set(a.keys);
  const shared = b.keys.filter((k) => inA.has(k)).length;
  return { subset: shared === Math.min(a.keys.length, b.keys.length), disjoint: shared === 0 };
}

/**
 * The element holding both panes when they render one grid, else null.
 * A duplicate rendering of fixed columns sits inside the main pane's
 * container (Element UI's .el-table__fixed, layui's .layui-table-fixed-l)
 * and repeats some of its columns; side-by-side panes (EasyUI's
 * datagrid-view1/-view2) are siblings whose rows share keys. A fixed copy one
 * level deeper, in a wrapper beside the main pane (vxe-table), must also
 * repeat the main pane's rows: matching row keys or agreeing column copies.
 */
function samePane(a: Pane, b: Pane): Element | null {
  if (a.rows.length !== b.rows.length) return null;
  const keys = keySets(a, b);
  if (a.container.contains(b.container) || b.container.contains(a.container)) {
    const outer = a.container.contains(b.container) ? a.container : b.container;
    if (copiesAgree(a, b) || keys.subset || fixedBetween(a, outer) || fixedBetween(b, outer)) return outer;
    return null;
  }
  if (!keys.subset && !keys.disjoint) return null;
  const common = commonAncestor(a.container, b.container, MAX_PANE_DEPTH);
  if (!common || common.fromB > MAX_PANE_DEPTH) return null;
  const at = common.at;
  const fixed = fixedBetween(a, at) || fixedBetween(b, at);
  if (common.fromA === 1 && common.fromB === 1) return rowKeysMatch(a, b) || fixed ? at : null;
  return fixed && (rowKeysMatch(a, b) || copiesAgree(a, b)) ? at : null;
}

function rowOrder(base: Pane, other: Pane): number[] {
  if (rowKeysMatch(base, other)) return base.rows.map((_, i) => i);
  const byKey = new Map<string, number>();
  other.rows.forEach((r, i) => r.key !== null && byKey.set(r.key, i));
  if (byKey.size === other.rows.length && base.rows.every((r) => r.key !== null && byKey.has(r.key))) {
    return base.rows.map((r) => byKey.get(r.key!)!);
  }
  return base.rows.map((_, i) => i);
}

function mergePanes(panes: Pane[], element: Element): RawTable {
  const columns: { key: string; copies: { pane: number; at: number }[] }[] = [];
  const byKey = new Map<string, number>();
  panes.forEach((pane, p) => {
    pane.keys.forEach((key, at) => {
      let index = byKey.get(key);
      if (index === undefined) {
        index = columns.length;
        byKey.set(key, index);
        columns.push({ key, copies: [] });
      }
      columns[index]!.copies.push({ pane: p, at });
    });
  });
  const base = panes[0]!;
  const orders = panes.map((pane) => rowOrder(base, pane));
  const headers: string[] = [];
  const headerCells: (Element | null)[] = [];
  for (const column of columns) {
    const visible = column.copies.find(
      ({ pane, at }) => panes[pane]!.headers[at] && !hiddenCopy(panes[pane]!.headerCells[at]),
    );
    const chosen = visible ?? column.copies.find(({ pane, at }) => panes[pane]!.headers[at]) ?? column.copies[0]!;
    headers.push(panes[chosen.pane]!.headers[chosen.at]!);
    headerCells.push(panes[chosen.pane]!.headerCells[chosen.at] ?? null);
  }
  const rows: RawRow[] = [];
  base.rows.forEach((_, r) => {
    // A row any pane reads as a summary is one: a fixed pane may show only its checkbox.
    if (panes.some((pane, p) => pane.rows[orders[p]![r]!]?.summary)) return;
    const cells: (Element | null)[] = [];
    const texts: string[] = [];
    for (const column of columns) {
      let best: { cell: Element | null; text: string } | null = null;
      let rank = -1;
      for (const { pane, at } of column.copies) {
        const row = panes[pane]!.rows[orders[pane]![r]!]!;
        const text = row.texts[at] ?? '';
        const dup = row.dup[at] ?? false;
        const score = (text ? 2 : 0) + (dup ? 0 : 1);
        if (score > rank) {
          rank = score;
          best = { cell: row.cells[at] ?? null, text };
        }
      }
      cells.push(best?.cell ?? null);
      texts.push(best?.text ?? '');
    }
    rows.push({ cells, texts });
  });
  const raw: RawTable = { kind: 'split', element, headers, headerCells, rows, hasHeader: headers.some((h) => h) };
  const hint = findTotalHint(
    element,
    panes.flatMap((p) => p.asideTexts),
  );
  if (hint !== undefined) raw.totalRowsHint = hint;
  return raw;
}

/** Same headers and the same text in every cell. */
function sameContent(a: RawTable, b: RawTable): boolean {
  if (a.headers.join('\u0001') !== b.headers.join('\u0001')) return false;
  return a.rows.every((row, r) => row.texts.join('\u0001') === b.rows[r]!.texts.join('\u0001'));
}

/** `clone` sits in a fixed/frozen wrapper near `main`, below the element holding both. */
function fixedCloneOf(clone: Element, main: Element): boolean {
  const common = commonAncestor(main, clone, MAX_PAIR_DISTANCE);
  if (!common || common.fromB > MAX_PAIR_DISTANCE || common.at === clone) return false;
  for (let x = clone.parentElement; x && x !== common.at; x = x.parentElement) {
    if (FIXED_PANE.test(x.getAttribute('class') ?? '')) return true;
  }
  return false;
}

/**
 * Fixed columns rendered as complete clones of the whole table, clipped to
 * the fixed columns by their wrapper's width in CSS only (bootstrap-table's
 * fixed-columns extension: .fixed-columns / .fixed-columns-right beside the
 * main .fixed-table-body): each clone reads as the list again. A plain table
 * repeating an earlier one cell for cell, from inside a fixed/frozen wrapper
 * near it, is dropped. Identical lists without such a wrapper stay.
 */
export function withoutClones(raws: RawTable[]): RawTable[] {
  const kept: RawTable[] = [];
  for (const raw of raws) {
    const clone =
      raw.kind === 'table' &&
      raw.rows.length > 0 &&
      kept.some(
        (k) =>
          k.kind === 'table' &&
          k.rows.length === raw.rows.length &&
          fixedCloneOf(raw.element, k.element) &&
          sameContent(k, raw),
      );
    if (!clone) kept.push(raw);
  }
  return kept;
}

/** Split grids among the tables read; `used` are the tables they consumed. */
export function findSplitTables(reads: TableRead[], vis: Visibility): { tables: RawTable[]; used: Set<Element> } {
  const used = new Set<Element>();
  // A footer table of 合计 rows (Element's show-summary) is neither.
  const headerOnly = reads.filter((r) => r.headerGrid.length > 0 && dataRowCount(r) === 0 && !vis.isHidden(r.table));
  const bodyOnly = reads.filter((r) => r.headerGrid.length === 0 && dataRowCount(r) > 0);
  const panes: Pane[] = [];
  for (const body of bodyOnly) {
    let best: { header: TableRead; at: Element; distance: number } | null = null;
    for (const header of headerOnly) {
      if (used.has(header.table) || !precedes(header.table, body.table)) continue;
      const common = commonAncestor(header.table, body.table, MAX_PAIR_DISTANCE);
      if (!common || common.fromB > MAX_PAIR_DISTANCE) continue;
      if (!best || common.fromB < best.distance) best = { header, at: common.at, distance: common.fromB };
    }
    if (!best) continue;
    used.add(best.header.table);
    used.add(body.table);
    panes.push(makePane(best.header, body, best.at));
  }
  const clusters: { panes: Pane[]; element: Element }[] = [];
  for (const pane of panes) {
    let joined = false;
    for (const cluster of clusters) {
      const at = samePane(cluster.panes[0]!, pane);
      if (!at) continue;
      cluster.panes.push(pane);
      if (at.contains(cluster.element)) cluster.element = at;
      joined = true;
      break;
    }
    if (!joined) clusters.push({ panes: [pane], element: pane.container });
  }
  return { tables: clusters.map((c) => mergePanes(c.panes, c.element)), used };
}
