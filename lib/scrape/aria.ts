// ARIA grids of divs (role grid/table/treegrid, row, columnheader, gridcell),
// e.g. AG Grid, which splits pinned-left / center / pinned-right containers:
// row parts are joined by row index and cells placed by aria-colindex.
// Virtualised grids keep only visible rows: aria-rowcount gives the total;
// without it, a pager inside the grid element (a child holding no row, as
// Tabulator's footer) or near it gives the total.
// A grid whose rows are <tr>s (a div[role=grid] around its own tables, as
// jqGrid renders) is left to the table readers: see tableRowGrid.
import type { RawRow, RawTable } from './columns';
import { prefixRepeatedLeaves } from './grid';
import { displayedText, type Visibility } from './text';
import { findTotalHint, shortText } from './total';

export const GRID_SELECTOR = '[role="grid"], [role="table"], [role="treegrid"]';
const CELL_SELECTOR = '[role="columnheader"], [role="gridcell"], [role="cell"], [role="rowheader"]';
const ROW_KEY_ATTRS = ['aria-rowindex', 'row-index', 'row-id', 'data-row-index', 'data-rowindex', 'data-recordindex'];
/** How deep under the grid element a pager may sit beside the rows (Ext JS docks it in the panel's body wrapper). */
const MAX_ASIDE_DEPTH = 3;

interface Placed {
  col: number;
  span: number;
  el: Element;
  text: string;
}

/**
 * A grid built of <table>s: every role=row is a <tr> (jqGrid: div[role=grid]
 * around role="presentation" header, body and frozen-column tables). Its
 * tables hold the structure the split reader knows (header table over body
 * table, frozen copies, sizing rows); read as ARIA, the header and frozen
 * tables would become rows.
 */
export function tableRowGrid(grid: Element): boolean {
  // A div row answers at once on an AG Grid of thousands of rows.
  return !grid.querySelector('[role="row"]:not(tr)') && !!grid.querySelector('tr[role="row"]');
}

function hiddenWithin(el: Element, top: Element, vis: Visibility): boolean {
  for (let x: Element | null = el; x && x !== top; x = x.parentElement) if (vis.isHidden(x)) return true;
  return false;
}

function int(el: Element, attr: string): number | null {
  const v = el.getAttribute(attr);
  if (v === null) return null;
  const n = parseInt(v, 10);
  return Number.isNaN(n) ? null : n;
}

/**
 * A row renders as its own <table> (Ext JS: table.x-grid-item > tr[role=row],
 * the record index on the table): the table's key is the row's.
 */
function keyHolders(row: Element): Element[] {
  const table = row.localName === 'tr' ? row.closest('table') : null;
  return table && table.rows.length === 1 ? [row, table] : [row];
}

function rowKey(row: Element, position: number): string {
  for (const holder of keyHolders(row)) {
    for (const attr of ROW_KEY_ATTRS) {
      const v = holder.getAttribute(attr);
      if (v !== null && v !== '') return v;
    }
  }
  return `#${position}`;
}

/**
 * A header row without an index is placed by its position in its rowgroup:
 * the header rows of side-by-side panes (Ext JS's locked and normal header
 * containers, each its own rowgroup) are then one header level.
 */
function headerRowKey(row: Element, position: number): string {
  const key = rowKey(row, position);
  if (!key.startsWith('#')) return key;
  const group = row.parentElement?.closest('[role="rowgroup"]');
  if (!group) return key;
  const inGroup = Array.from(group.querySelectorAll('[role="row"]')).filter(
    (r) => r.parentElement?.closest('[role="rowgroup"]') === group,
  );
  return `#${inGroup.indexOf(row)}`;
}

/**
 * The grid a row belongs to. A grid element directly inside another grid,
 * not inside one of its rows, is a pane of it (Ext JS's locked and normal
 * halves of a locking grid, each role=grid, inside the panel's role=grid):
 * its rows are the outer grid's.
 */
function ownerGrid(row: Element): Element | null {
  let grid = row.parentElement?.closest(GRID_SELECTOR) ?? null;
  while (grid) {
    const above = grid.parentElement?.closest(`[role="row"], ${GRID_SELECTOR}`);
    if (!above || above.getAttribute('role') === 'row') return grid;
    grid = above.closest(GRID_SELECTOR);
  }
  return grid;
}

/** Cells of all parts of one logical row, placed by aria-colindex (or after the parts before). */
function place(parts: Element[], vis: Visibility): Placed[] {
  const placed: Placed[] = [];
  let next = 1;
  for (const part of parts) {
    for (const cell of Array.from(part.querySelectorAll(CELL_SELECTOR))) {
      if (cell.closest('[role="row"]') !== part || hiddenWithin(cell, part, vis)) continue;
      const col = int(cell, 'aria-colindex') ?? next;
      const span = Math.max(1, int(cell, 'aria-colspan') ?? 1);
      next = col + span;
      placed.push({ col, span, el: cell, text: displayedText(cell, vis) });
    }
  }
  return placed;
}

function groupRows(rows: Element[], key = rowKey): Map<string, Element[]> {
  const groups = new Map<string, Element[]>();
  rows.forEach((row, i) => {
    const key_ = key(row, i);
    const list = groups.get(key_);
    if (list) list.push(row);
    else groups.set(key_, [row]);
  });
  return groups;
}

function byNumericKey(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return Number.isNaN(x) || Number.isNaN(y) ? 0 : x - y;
}

/**
 * Short texts of the grid element's children that hold no row, and of such
 * children of the wrappers around its rows: a grid may keep its pager and
 * row counter inside its own element, after the rows (Tabulator's footer,
 * Ext JS's paging toolbar docked in the panel's body wrapper), where no
 * class names it a pager.
 */
function outsideRows(el: Element, vis: Visibility, texts: string[] = [], depth = 0): string[] {
  for (const child of Array.from(el.children)) {
    if (vis.isHidden(child) || child.matches('[role="row"], [role="rowgroup"]')) continue;
    if (child.querySelector('[role="row"]')) {
      // a wrapper around the rows may hold the pager beside them
      if (depth + 1 < MAX_ASIDE_DEPTH) outsideRows(child, vis, texts, depth + 1);
      continue;
    }
    const text = shortText(child);
    if (text) texts.push(text);
  }
  return texts;
}

export function readAriaGrid(grid: Element, vis: Visibility): RawTable | null {
  const rows = Array.from(grid.querySelectorAll('[role="row"]')).filter(
    (row) => ownerGrid(row) === grid && !hiddenWithin(row, grid, vis),
  );
  if (!rows.length) return null;
  const headerRows = rows.filter((row) => row.querySelector('[role="columnheader"]'));
  const dataRows = rows.filter((row) => !headerRows.includes(row));

  const headerGroups = groupRows(headerRows, headerRowKey);
  const levels = [...headerGroups.keys()].sort(byNumericKey).map((k) => place(headerGroups.get(k)!, vis));
  const leaf = levels[levels.length - 1] ?? [];

  const dataGroups = groupRows(dataRows);
  const dataKeys = [...dataGroups.keys()];
  if (dataKeys.every((k) => !Number.isNaN(Number(k)))) dataKeys.sort(byNumericKey);
  const bodies = dataKeys.map((k) => place(dataGroups.get(k)!, vis));

  const columns = new Set<number>();
  for (const cell of leaf) columns.add(cell.col);
  for (const body of bodies) for (const cell of body) columns.add(cell.col);
  const order = [...columns].sort((a, b) => a - b);

  const texts: string[] = [];
  const groups: string[] = [];
  const headerCells: (Element | null)[] = [];
  for (const col of order) {
    const cell = leaf.find((c) => c.col === col);
    texts.push(cell?.text ?? '');
    headerCells.push(cell?.el ?? null);
    let group = '';
    for (let l = levels.length - 2; l >= 0 && cell; l--) {
      const above = levels[l]!.find((c) => c.col <= col && col < c.col + c.span);
      if (above && above.span > 1 && above.text && above.text !== cell.text) {
        group = above.text;
        break;
      }
    }
    groups.push(group);
  }
  const dataRowsOut: RawRow[] = bodies.map((body) => {
    const byCol = new Map(body.map((c) => [c.col, c]));
    return {
      cells: order.map((col) => byCol.get(col)?.el ?? null),
      texts: order.map((col) => byCol.get(col)?.text ?? ''),
    };
  });
  const raw: RawTable = {
    kind: 'aria',
    element: grid,
    headers: prefixRepeatedLeaves(texts, groups),
    headerCells,
    rows: dataRowsOut,
    hasHeader: texts.some((t) => t),
  };
  const rowCount = int(grid, 'aria-rowcount');
  const hint =
    rowCount !== null && rowCount > 0 ? rowCount - levels.length : findTotalHint(grid, outsideRows(grid, vis));
  if (hint !== undefined && hint > dataRowsOut.length) raw.totalRowsHint = hint;
  return raw;
}
