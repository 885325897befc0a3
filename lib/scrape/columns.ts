import { webLink } from '../customer';
// From raw rows to a candidate: checkbox, action and row-number columns are
// dropped from the data (their detail link kept as the row's link), hidden
// columns dropped, headers named and made unique (docs/capture.md#columns-that-are-not-data).

import { isRowNumberColumn, isSummaryRow } from './rows';
import { findDescendant } from './text';

export interface RawRow {
  cells: (Element | null)[];
  texts: string[];
}

export interface RawTable {
  kind: 'table' | 'split' | 'aria' | 'cards';
  element: Element;
  headers: string[];
  headerCells: (Element | null)[];
  rows: RawRow[];
  /** the page shows real headers (not made up from positions) */
  hasHeader: boolean;
  totalRowsHint?: number;
}

export interface ShapedTable {
  kind: RawTable['kind'];
  element: Element;
  headers: string[];
  rows: string[][];
  rowLinks: (string | null)[];
  /** the kept cells of up to the first rows, for ranking */
  sampleCells: (Element | null)[][];
  hasHeader: boolean;
  totalRowsHint?: number;
}

const ACTION_HEADER = /^(?:操作|操作列|操作栏|管理|功能|action|actions|operation|operations|operate)$/i;
export const ACTION_WORD =
  /^(?:查看|详情|详细|编辑|修改|删除|跟进|分配|回访|审核|审批|导出|打印|更多|作废|恢复|处理|转移|指派|下载|预览|复制|禁用|启用|停用|锁定|解锁|提交|撤回|转交|添加|新增|跟踪|联系|view|edit|delete|remove|detail|details|open|more|update|copy|assign|follow)/i;
const DETAIL_WORD = /查看|详情|详细|view|detail|open|打开/i;
const CHECK_HEADER = /^(?:全选|选择|选中|select|select all|check)?$/i;
const SEPARATORS = /[|｜/\\·,，\s]+/g;
const SAMPLE_ROWS = 60;

const isLinkish = (el: Element): boolean =>
  (el.localName === 'a' && el.hasAttribute('href')) || el.hasAttribute('data-href') || el.hasAttribute('data-url');

const isCheckbox = (el: Element): boolean =>
  (el.localName === 'input' && /^(?:checkbox|radio)$/i.test(el.getAttribute('type') ?? '')) ||
  el.getAttribute('role') === 'checkbox' ||
  (el.getAttribute('class') ?? '').includes('checkbox');

/**
 * An absolute http(s) detail URL, or null for '#', script, data and
 * unparsable hrefs (lib/customer webLink decides the scheme).
 * Buttons of script-driven grids often keep their target in data-href/data-url.
 */
export function linkOf(a: Element): string | null {
  const raw = (a.getAttribute('href') ?? a.getAttribute('data-href') ?? a.getAttribute('data-url'))?.trim();
  if (!raw || raw.startsWith('#')) return null;
  const base = a.ownerDocument.baseURI;
  // A relative link on a page without a real base (about:blank) has no URL.
  if (!/^[a-z][a-z\d+.-]*:/i.test(raw) && !/^https?:/i.test(base)) return null;
  return webLink(raw, base);
}

const LINKISH = 'a[href], [data-href], [data-url]';

/**
 * The links of a cell. It runs for every row of a 5,000-row list: where the
 * table has no data-href/data-url element at all (checked once per table),
 * only anchors can be links, and the live getElementsByTagName list costs far
 * less than a selector query per cell.
 */
function linksIn(cell: Element | null, anchorsOnly: boolean): ArrayLike<Element> {
  if (!cell) return [];
  if (isLinkish(cell)) return [cell];
  if (!cell.firstElementChild) return [];
  return anchorsOnly ? cell.getElementsByTagName('a') : cell.querySelectorAll(LINKISH);
}

function isCheckboxCell(cell: Element | null, text: string): boolean {
  if (!cell || text) return false;
  if (!cell.firstElementChild) return /checkbox|selection/i.test(cell.getAttribute('class') ?? '');
  return !!findDescendant(cell, isCheckbox) || /checkbox|selection/i.test(cell.getAttribute('class') ?? '');
}

function isActionCell(cell: Element | null, text: string): boolean {
  if (!cell || !text || !cell.firstElementChild) return false;
  const actions = cell.querySelectorAll('a, button, [role="button"], [onclick]');
  if (!actions.length) return false;
  let actionText = '';
  for (const a of actions) {
    const t = (a.textContent ?? '').replace(SEPARATORS, '');
    if (t.length > 8) return false;
    actionText += t;
  }
  return text.replace(SEPARATORS, '') === actionText;
}

type ColumnRole = 'data' | 'checkbox' | 'action' | 'rownumber' | 'hidden';

function roleOf(raw: RawTable, c: number, vis: (el: Element) => boolean): ColumnRole {
  const header = raw.headers[c] ?? '';
  const headerCell = raw.headerCells[c] ?? null;
  if (headerCell && vis(headerCell)) return 'hidden';
  const rows = raw.rows;
  let filled = 0;
  let checkbox = 0;
  let action = 0;
  let hidden = 0;
  const distinct = new Set<string>();
  let actionWords = 0;
  // A column's role shows in its first rows: the DOM is asked about those
  // only, so a 5,000-row table is not walked again (docs/architecture.md#performance-budgets).
  const sampled = Math.min(rows.length, SAMPLE_ROWS);
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r]!.cells[c] ?? null;
    const text = rows[r]!.texts[c] ?? '';
    if (r < sampled) {
      if (cell && vis(cell)) hidden++;
      if (isCheckboxCell(cell, text)) checkbox++;
    }
    if (text) {
      filled++;
      // Only "three values or fewer" is asked below: a Set of every text of a 5,000-row column is not needed.
      if (distinct.size <= 3) distinct.add(text);
      if (r < SAMPLE_ROWS && isActionCell(cell, text)) {
        action++;
        if (ACTION_WORD.test(text)) actionWords++;
      }
    }
  }
  if (sampled && hidden === sampled) return 'hidden';
  if (CHECK_HEADER.test(header) && sampled && checkbox >= sampled * 0.8) return 'checkbox';
  if (headerCell && !rows.length && !header && findDescendant(headerCell, isCheckbox)) return 'checkbox';
  if (ACTION_HEADER.test(header)) return 'action';
  const sampledFilled = Math.min(filled, sampled);
  if (
    sampledFilled &&
    action >= sampledFilled * 0.8 &&
    (actionWords >= action * 0.8 || (rows.length >= 5 && distinct.size <= 3))
  )
    return 'action';
  // 序号 / No. / #, and 编号 or no header over 1, 2, 3 …: the page's row numbers, not the customer's.
  if (isRowNumberColumn(header, () => rows.map((row) => row.texts[c] ?? ''))) return 'rownumber';
  return 'data';
}

function rowLink(actionCells: (Element | null)[], dataCells: (Element | null)[], anchorsOnly: boolean): string | null {
  let fallback: string | null = null;
  for (const cell of actionCells) {
    const links = linksIn(cell, anchorsOnly);
    for (let i = 0; i < links.length; i++) {
      const a = links[i]!;
      const url = linkOf(a);
      if (!url) continue;
      if (DETAIL_WORD.test(a.textContent ?? '')) return url;
      fallback ??= url;
    }
  }
  if (fallback) return fallback;
  for (const cell of dataCells) {
    const links = linksIn(cell, anchorsOnly);
    for (let i = 0; i < links.length; i++) {
      const url = linkOf(links[i]!);
      if (url) return url;
    }
  }
  return null;
}

/** Empty headers get their position ('列3'); repeats become 'X', 'X (2)', 'X (3)'. */
export function uniqueHeaders(headers: string[]): string[] {
  const named = headers.map((h, i) => h || `列${i + 1}`);
  const seen = new Map<string, number>();
  const taken = new Set(named);
  return named.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (n === 1) return h;
    let k = n;
    while (taken.has(`${h} (${k})`)) k++;
    const name = `${h} (${k})`;
    taken.add(name);
    return name;
  });
}

/** Rows read up to this many are searched cell by cell for data-href links; more, the whole element at once. */
const FEW_ROWS = 50;

/** Elements a row's link may be on besides anchors. */
export const DATA_LINK = '[data-href], [data-url]';

/** Whether any cell read holds a data-href/data-url element (a sample's rows: only theirs). */
function hasDataLinks(raw: RawTable): boolean {
  if (raw.rows.length > FEW_ROWS) return !!raw.element.querySelector(DATA_LINK);
  return raw.rows.some((row) => row.cells.some((c) => !!c && (c.matches(DATA_LINK) || !!c.querySelector(DATA_LINK))));
}

/**
 * `pageHasDataLinks`: false where the caller's walk of the page found no
 * data-href/data-url element, so no table is searched for one again (a layout
 * table's cell holds the whole list).
 */
export function shapeTable(raw0: RawTable, isHidden: (el: Element) => boolean, pageHasDataLinks = true): ShapedTable {
  // Table readers set summary rows aside from each row's own cells (a rowspan's copies are not its words); grids and cards are checked here.
  const raw =
    raw0.kind === 'aria' || raw0.kind === 'cards'
      ? { ...raw0, rows: raw0.rows.filter((row) => !isSummaryRow(row.texts)) }
      : raw0;
  const width = Math.max(
    raw.headers.length,
    raw.rows.reduce((w, r) => Math.max(w, r.texts.length), 0),
  );
  const keep: number[] = [];
  const linkColumns: number[] = [];
  for (let c = 0; c < width; c++) {
    const role = roleOf(raw, c, isHidden);
    if (role === 'data') keep.push(c);
    else if (role === 'action' || role === 'checkbox') linkColumns.push(c);
  }
  const headers = uniqueHeaders(keep.map((c) => raw.headers[c] ?? ''));
  const anchorsOnly = !pageHasDataLinks || !hasDataLinks(raw);
  const rows: string[][] = [];
  const rowLinks: (string | null)[] = [];
  const sampleCells: (Element | null)[][] = [];
  for (let r = 0; r < raw.rows.length; r++) {
    const row = raw.rows[r]!;
    const kept = keep.map((c) => row.cells[c] ?? null);
    rows.push(keep.map((c) => row.texts[c] ?? ''));
    rowLinks.push(
      rowLink(
        linkColumns.map((c) => row.cells[c] ?? null),
        kept,
        anchorsOnly,
      ),
    );
    if (r < SAMPLE_ROWS) sampleCells.push(kept);
  }
  const shaped: ShapedTable = {
    kind: raw.kind,
    element: raw.element,
    headers,
    rows,
    rowLinks,
    sampleCells,
    hasHeader: raw.hasHeader,
  };
  if (raw.totalRowsHint !== undefined && raw.totalRowsHint > rows.length) shaped.totalRowsHint = raw.totalRowsHint;
  return shaped;
}
