// One <table> read as header rows + data rows. Pager, total/footer, note
// ("暂无数据") and repeated header rows are set aside, as docs/capture.md#rows-that-are-not-customers asks.
import { expandRows, type GridCell } from './grid';
import { isSummaryRow } from './rows';
import { CellReader, collapseSpace, type Visibility } from './text';

export interface TableRead {
  table: Element;
  headerGrid: GridCell[][];
  /**
   * Rows below the header. Summary rows (合计, 小计 …) stay in place, marked,
   * so the panes of a split grid still line up row for row; they are left out
   * when the rows become a table (see dataRowCount).
   */
  body: { tr: Element; cells: GridCell[]; summary: boolean }[];
  width: number;
  /** text of rows set aside (pager, totals, notes), searched for a total count */
  asideTexts: string[];
  /** Where only the first rows were read (a sample): how many rows the table has. */
  sampledFrom?: number;
}

export const PAGER_TEXT =
  /上一页|下一页|上页|下页|首页|尾页|末页|前一页|后一页|跳转|跳至|\bprev(?:ious)?\b|\bnext\b|第\s*\d+\s*页|共\s*\d+\s*页|\d+\s*\/\s*\d+\s*页/i;
const DATA_LIKE = /^[\d\s.,:：%¥￥$+\-/年月日时分秒kmKM万元]+$/;
const STATE_CLASS = /current|hover|select|active|check|strip|odd|even|highlight|focus|row/i;
const HEADER_CLASS = /head|title|caption/i;

export function directRows(table: Element): { tr: Element; section: string }[] {
  const rows: { tr: Element; section: string }[] = [];
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const name = child.localName;
    if (name === 'tr') rows.push({ tr: child, section: 'tbody' });
    else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
      for (let tr = child.firstElementChild; tr; tr = tr.nextElementSibling) {
        if (tr.localName === 'tr') rows.push({ tr, section: name });
      }
    }
  }
  return rows;
}

function origins(row: GridCell[]): GridCell[] {
  return row.filter((c) => c.origin);
}

function isBold(cell: Element, text: string): boolean {
  const style = cell.getAttribute('style') ?? '';
  if (/font-weight\s*:\s*(?:bold|[6-9]00)/i.test(style)) return true;
  const bold = cell.querySelectorAll('b, strong');
  if (!bold.length) return false;
  let boldText = '';
  for (const b of bold) boldText += b.textContent ?? '';
  return collapseSpace(boldText).replace(/\s/g, '') === text.replace(/\s/g, '');
}

function headerLike(row: GridCell[], tr: Element): boolean {
  const cells = origins(row);
  const filled = cells.filter((c) => c.text);
  if (!filled.length) return false;
  if (cells.every((c) => c.el.localName === 'th')) return true;
  if (HEADER_CLASS.test(tr.getAttribute('class') ?? '')) return true;
  return filled.every((c) => isBold(c.el, c.text));
}

function styleSignature(tr: Element): string {
  const attrs = (el: Element | null): string =>
    el
      ? [
          (el.getAttribute('class') ?? '')
            .split(/\s+/)
            .filter((t) => t && !STATE_CLASS.test(t))
            .join(' '),
          el.getAttribute('style') ?? '',
          el.getAttribute('bgcolor') ?? '',
        ].join('|')
      : '';
  return `${attrs(tr)}#${attrs(tr.firstElementChild)}`;
}

/** "a first row styled differently" (docs/capture.md#plain-tables): differs from the rows below, which agree among themselves. */
function styledApart(grid: GridCell[][], trs: Element[], at: number): boolean {
  if (trs.length < at + 3) return false;
  const first = styleSignature(trs[at]!);
  const second = styleSignature(trs[at + 1]!);
  if (first === second || second !== styleSignature(trs[at + 2]!)) return false;
  const filled = origins(grid[at]!).filter((c) => c.text);
  return filled.length >= 2 && filled.every((c) => c.text.length <= 20 && !DATA_LIKE.test(c.text));
}

/** A row of words over rows of figures (a KPI summary's labels): the words are the header. */
function labelsOverFigures(grid: GridCell[][], at: number): boolean {
  if (grid.length < at + 2) return false;
  const labels = origins(grid[at]!);
  if (labels.length < 2 || !labels.every((c) => c.text && c.text.length <= 20 && !DATA_LIKE.test(c.text))) return false;
  let filled = 0;
  let figures = 0;
  for (const row of grid.slice(at + 1, at + 4)) {
    for (const c of origins(row)) {
      if (!c.text) continue;
      filled++;
      if (DATA_LIKE.test(c.text)) figures++;
    }
  }
  return filled > 0 && figures / filled >= 0.6;
}

function spansRow(row: GridCell[], width: number): boolean {
  const cells = origins(row);
  return width >= 2 && cells.length === 1 && cells[0]!.colspan >= Math.max(2, width / 2);
}

/** `maxRows` reads the first rows only (a sample: where a list is and what its headers are, not its rows). */
export function readTable(table: Element, vis: Visibility, maxRows = Infinity): TableRead {
  const all = directRows(table);
  const rows = (all.length > maxRows ? all.slice(0, maxRows) : all).filter((r) => !vis.isHidden(r.tr));
  const trs = rows.map((r) => r.tr);
  const grid = expandRows(trs, new CellReader(vis));
  const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
  const asideTexts: string[] = [];

  let start = 0;
  let headerEnd = 0;
  const theadRows = rows.filter((r) => r.section === 'thead').length;
  if (theadRows > 0 && rows[0]?.section === 'thead') {
    headerEnd = theadRows;
  } else {
    // A caption row ("客户列表") spanning the table sits above the header.
    while (start < grid.length - 1 && spansRow(grid[start]!, width) && !PAGER_TEXT.test(grid[start]![0]!.text)) {
      asideTexts.push(grid[start]![0]!.text);
      start++;
    }
    headerEnd = start;
    while (headerEnd < grid.length && headerEnd - start < 4 && headerLike(grid[headerEnd]!, trs[headerEnd]!))
      headerEnd++;
    if (headerEnd === start && (styledApart(grid, trs, start) || labelsOverFigures(grid, start))) headerEnd = start + 1;
  }
  const headerGrid = grid.slice(start, headerEnd);
  const headerKey = headerGrid.length ? headerGrid[headerGrid.length - 1]!.map((c) => c.text).join('\u0001') : null;
  const headerFirst = headerGrid.length ? headerGrid[headerGrid.length - 1]![0]?.text : undefined;

  const body: TableRead['body'] = [];
  let spannedOnly = 0;
  for (let r = headerEnd; r < grid.length; r++) {
    const row = grid[r]!;
    const tr = trs[r]!;
    const texts = row.map((c) => c.text);
    const joined = texts.join(' ');
    if (rows[r]!.section === 'tfoot' || rows[r]!.section === 'thead') {
      asideTexts.push(joined);
      continue;
    }
    if (!joined.trim()) {
      if (!tr.querySelector('a[href], input, button')) continue;
    }
    // A pager row sits at an end of the rows, or has merged cells or few
    // columns; testing every row of a long list would cost (docs/architecture.md#performance-budgets).
    const maybePager = width <= 3 || r <= headerEnd + 1 || r >= grid.length - 2 || row.some((c) => !c.origin);
    if (spansRow(row, width) || (maybePager && joined.length < 300 && PAGER_TEXT.test(joined))) {
      asideTexts.push(joined);
      continue;
    }
    // A summary row's own cells: the copies a rowspan carries down (a group's
    // consultant) or a colspan spreads are not its words.
    const own = origins(row);
    const ownTexts = own.map((c) => c.text);
    const labelled = isSummaryRow(ownTexts);
    const spanned =
      !labelled &&
      isSummaryRow(
        ownTexts,
        own.map((c) => c.colspan),
      );
    if (labelled || spanned) {
      asideTexts.push(joined);
      if (spanned) spannedOnly++;
      body.push({ tr, cells: row, summary: true });
      continue;
    }
    if (headerKey !== null && texts[0] === headerFirst && texts.join('\u0001') === headerKey) continue;
    body.push({ tr, cells: row, summary: false });
  }
  // A list whose every row opens with a merged cell is laid out that way: its rows are data.
  if (spannedOnly > 1 && spannedOnly * 2 > body.length) {
    for (const b of body) if (b.summary && !isSummaryRow(origins(b.cells).map((c) => c.text))) b.summary = false;
  }
  const read: TableRead = { table, headerGrid, body, width, asideTexts };
  if (all.length > maxRows) read.sampledFrom = all.length;
  return read;
}

/** Rows of a read table that are data, not summaries. */
export function dataRowCount(read: TableRead): number {
  let n = 0;
  for (const b of read.body) if (!b.summary) n++;
  return n;
}
