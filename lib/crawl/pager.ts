// Finding how a list goes on past the rows a page shows: its pager (the next
// control, the totals, the page-size select), a 加载更多 button, or a grid
// that scrolls more rows in. Pure: the document comes in with the table.
import { collapseSpace, shortText, totalInText } from '../scrape';

export interface PageSizeChoice {
  /** a native <select> of page sizes */
  control: Element;
  /** the option value chosen now, to restore at the end */
  current: string;
  /** the value of the largest size offered */
  largest: string;
  currentSize: number;
  largestSize: number;
}

export interface PagerInfo {
  /** 'pager': a next-page control; 'load-more': a button that appends rows; 'scroll': rows come by scrolling; 'none': the list is whole */
  kind: 'pager' | 'load-more' | 'scroll' | 'none';
  /** the element around the pager's controls, when one was found */
  root: Element | null;
  /** the control to click for the next page or more rows (absent on the last page) */
  next: Element | null;
  /** how `next` was found, for the panel and the tests */
  nextBy?: 'library' | 'label' | 'number';
  /** a next control that is there but disabled: the last page */
  atEnd: boolean;
  totalRows?: number;
  totalPages?: number;
  currentPage?: number;
  pageSize?: PageSizeChoice;
  /** the element that scrolls a virtualised or infinite list */
  scroller?: Element;
}

/** Next-page buttons of the table libraries dealer portals are built with. */
const LIBRARY_NEXT = [
  '.btn-next', // Element UI / Element Plus
  '.ant-pagination-next', // Ant Design, Ant Design Vue
  '.layui-laypage-next', // layui
  '.pagination-next', // EasyUI (an icon inside its l-btn)
  '.paginate_button.next', // DataTables
  '.page-next', // bootstrap-table
  '.ui-pg-button[id^="next_"]', // jqGrid
  '.ui-icon-seek-next', // jqGrid (jQuery UI theme)
  '.vxe-pager--next-btn', // vxe-table
  '.ivu-page-next', // View UI (iView)
  '.tabulator-page[data-page="next"]', // Tabulator
  '.x-tbar-page-next', // Ext JS (an icon inside its x-btn)
  '.ag-paging-button[ref="btNext"]', // AG Grid
  '.k-pager-next', // Kendo UI
  '.dx-next-button', // DevExtreme
  'a[rel="next"]',
].join(',');

/** What a next control says: 下一页, Next, an arrow. Matched against the whole label. */
const NEXT_LABEL =
  /^(?:下一页|下一頁|下页|后一页|後一頁|后页|next(?: page)?|下一页\s*[>›»]|next\s*[>›»]|[>›]|→|>\s*>|»)$/i;
/** Arrows that more often mean the last page than the next one: used only when nothing better is there. */
const WEAK_NEXT = /^(?:>\s*>|»)$/;
/** Controls that change data or leave the list: never clicked, whatever their class. */
const ACTS_ON_DATA =
  /删除|编辑|修改|导出|导入|新增|新建|添加|保存|提交|下载|打印|分配|转交|移交|审核|作废|退回|delete|remove|edit|export|import|download|print|save|submit|\badd\b|\bnew\b/i;
const DISABLED_CLASS = /(?:^|[\s_-])(?:disabled|is--disabled|is-disabled)(?:$|\s)|-disabled\b|\bdisabled\b/i;
const CONTROL =
  'a, button, [role="button"], [role="link"], li, input[type="button"], input[type="submit"], span[onclick], td[onclick], div[onclick]';
const CLICKABLE =
  'a, button, [role="button"], [role="link"], li, input[type="button"], input[type="submit"], [onclick]';
const LOAD_MORE =
  /^(?:点击)?(?:加载更多|查看更多|显示更多|更多数据|加载下一页|load more|show more|more results?)(?:\.{3}|…)?$/i;
const ACTIVE_ITEM = /(?:^|[\s_-])(?:active|current|curr|selected|on)(?:$|\s)|-active\b|-curr\b|-current\b/;

const MAX_LEVELS = 6;
const MAX_LABEL = 20;

/** The label a user reads on a control: its text, else its aria-label, title or tooltip. */
export function controlLabel(el: Element): string {
  const text = collapseSpace(el.textContent ?? '').trim();
  const named =
    el.getAttribute('aria-label') ||
    el.getAttribute('title') ||
    el.getAttribute('data-qtip') ||
    (el.localName === 'input' ? el.getAttribute('value') : '') ||
    '';
  return (text.length > 0 && text.length <= MAX_LABEL ? text : collapseSpace(named).trim()) || text;
}

/** All the names a control goes by (its text, aria-label, title), each checked on its own. */
function labels(el: Element): string[] {
  const out: string[] = [];
  const text = collapseSpace(el.textContent ?? '').trim();
  if (text && text.length <= MAX_LABEL) out.push(text);
  for (const attr of ['aria-label', 'title', 'data-qtip', 'value']) {
    const v = el.getAttribute(attr);
    if (v) out.push(collapseSpace(v).trim());
  }
  return out;
}

/** True when the control's words say it acts on data (删除, 编辑, 导出 …). */
export function actsOnData(el: Element): boolean {
  return (
    labels(el).some((l) => ACTS_ON_DATA.test(l)) ||
    (ACTS_ON_DATA.test(el.getAttribute('class') ?? '') && !el.matches(LIBRARY_NEXT))
  );
}

/** A control, or the library item around it, marked disabled. */
export function isDisabled(el: Element, root: Element | null): boolean {
  for (let x: Element | null = el; x && x !== root?.parentElement; x = x.parentElement) {
    if (x.hasAttribute('disabled') && x.getAttribute('disabled') !== 'false') return true;
    if (x.getAttribute('aria-disabled') === 'true') return true;
    if (DISABLED_CLASS.test(x.getAttribute('class') ?? '')) return true;
    if (x === root) break;
    // Look no further up than the control's own item (li, td).
    if (x.localName === 'li' || x.localName === 'td' || x.localName === 'button') break;
  }
  return false;
}

/** A data row of the list: its own links (查看, 编辑) are never pager controls. */
function inDataRow(el: Element, table: Element): boolean {
  const row = el.closest('tr, [role="row"]');
  return !!row && table.contains(row);
}

function clickableOf(el: Element, root: Element): Element {
  const target = el.closest(CLICKABLE);
  return target && root.contains(target) ? target : el;
}

interface Found {
  el: Element;
  by: 'library' | 'label' | 'number';
  weak: boolean;
}

function nextIn(scope: Element, table: Element): Found | null {
  const library = Array.from(scope.querySelectorAll(LIBRARY_NEXT)).filter((el) => !inDataRow(el, table));
  for (const el of library) {
    const target = clickableOf(el, scope);
    if (!actsOnData(target)) return { el: target, by: 'library', weak: false };
  }
  let weak: Found | null = null;
  for (const el of Array.from(scope.querySelectorAll(CONTROL))) {
    if (inDataRow(el, table) || table === el) continue;
    const names = labels(el);
    if (!names.some((l) => NEXT_LABEL.test(l)) || actsOnData(el)) continue;
    // An <li> around the <a> that says 下一页: the inner control is the one to click.
    const inner = el.localName === 'li' ? el.querySelector('a, button') : null;
    const found: Found = {
      el: inner && NEXT_LABEL.test(controlLabel(inner)) ? inner : el,
      by: 'label',
      weak: names.every((l) => !NEXT_LABEL.test(l) || WEAK_NEXT.test(l)),
    };
    if (!found.weak) return found;
    weak ??= found;
  }
  return weak;
}

/** The current page's item (active, current, aria-current) and the number item after it. */
function numberAfterCurrent(scope: Element, table: Element): { current?: number; next?: Element } {
  // Items of a drop-down (bootstrap-table's page sizes) are sizes, not pages.
  const items = Array.from(scope.querySelectorAll('a, button, li, span, em, td, strong, b, font')).filter(
    (el) => !inDataRow(el, table) && el.children.length <= 2 && !el.closest('[role="menu"], .dropdown-menu, select'),
  );
  let current: number | undefined;
  for (const el of items) {
    const text = collapseSpace(el.textContent ?? '').trim();
    if (!/^\d{1,5}$/.test(text)) continue;
    const marked =
      ACTIVE_ITEM.test(el.getAttribute('class') ?? '') ||
      el.getAttribute('aria-current') === 'page' ||
      el.getAttribute('aria-current') === 'true' ||
      (el.children.length === 0 &&
        el.localName !== 'a' &&
        el.localName !== 'button' &&
        el.localName !== 'li' &&
        !!el.parentElement?.querySelector(':scope > a'));
    if (marked) {
      current = Number(text);
      break;
    }
  }
  if (current === undefined) return {};
  const want = String(current + 1);
  const next = items.find(
    (el) => collapseSpace(el.textContent ?? '').trim() === want && (el.matches(CLICKABLE) || !!el.closest('a, button')),
  );
  return next ? { current, next: clickableOf(next, scope) } : { current };
}

const PAGES_OF = [/第\s*(\d+)\s*\/\s*(\d+)\s*页/, /\bpage\s+(\d+)\s+of\s+(\d+)/i, /(\d+)\s*\/\s*(\d+)\s*页/];
const TOTAL_PAGES = [/共\s*(\d+)\s*页/, /\bof\s+(\d+)\s+pages?\b/i, /总页数\s*[:：]?\s*(\d+)/];
const CURRENT_PAGE = [/第\s*(\d+)\s*页/, /当前\s*第?\s*(\d+)\s*页/];

/** Page figures a pager's text gives: 第 3/100 页, 共 100 页, Page 3 of 100. */
export function pagesInText(text: string): { current?: number; total?: number } {
  for (const re of PAGES_OF) {
    const m = re.exec(text);
    if (m) return { current: Number(m[1]), total: Number(m[2]) };
  }
  const out: { current?: number; total?: number } = {};
  for (const re of TOTAL_PAGES) {
    const m = re.exec(text);
    if (m) {
      out.total = Number(m[1]);
      break;
    }
  }
  for (const re of CURRENT_PAGE) {
    const m = re.exec(text);
    if (m) {
      out.current = Number(m[1]);
      break;
    }
  }
  return out;
}

/** A number in a page-size option: '50', '50 条/页', '每页 50 条', '50 / page'. */
function sizeOf(text: string): number | undefined {
  const m = /^\D{0,4}(\d{1,5})\s*(?:条|行|项|个)?\s*(?:\/\s*页|\/\s*page|每页|per page|条\s*\/\s*页)?\s*$/i.exec(
    collapseSpace(text).trim(),
  );
  const n = m ? Number(m[1]) : NaN;
  return n > 0 && n <= 10_000 ? n : undefined;
}

function pageSizeIn(scope: Element, table: Element): PageSizeChoice | undefined {
  for (const select of Array.from(scope.querySelectorAll('select'))) {
    if (inDataRow(select, table)) continue;
    const options = Array.from(select.querySelectorAll('option')).map((o) => ({
      value: o.getAttribute('value') ?? collapseSpace(o.textContent ?? '').trim(),
      size: sizeOf(o.textContent ?? '') ?? sizeOf(o.getAttribute('value') ?? ''),
    }));
    if (options.length < 2 || options.some((o) => o.size === undefined)) continue;
    const chosen = (select as HTMLSelectElement).value ?? '';
    const current = options.find((o) => o.value === chosen) ?? options[0]!;
    const largest = options.reduce((a, b) => (b.size! > a.size! ? b : a));
    return {
      control: select,
      current: current.value,
      largest: largest.value,
      currentSize: current.size!,
      largestSize: largest.size!,
    };
  }
  return undefined;
}

function loadMoreIn(scope: Element, table: Element): Element | null {
  for (const el of Array.from(scope.querySelectorAll(CONTROL))) {
    if (inDataRow(el, table)) continue;
    if (labels(el).some((l) => LOAD_MORE.test(l))) return el;
  }
  return null;
}

/** The element that scrolls the list's rows: the table's own scroller, or one around it. */
export function findScroller(table: Element): Element | undefined {
  const view = table.ownerDocument?.defaultView;
  const scrolls = (el: Element) => {
    const style = view?.getComputedStyle(el);
    const overflow = style ? `${style.overflowY} ${style.overflow}` : '';
    return /auto|scroll/.test(overflow) && el.scrollHeight > el.clientHeight + 1;
  };
  // AG Grid and its kin scroll a viewport inside the grid element.
  for (const inner of Array.from(
    table.querySelectorAll(
      '.ag-body-viewport, .ag-body-vertical-scroll-viewport, .vxe-table--body-wrapper, .el-table__body-wrapper, .ant-table-body, .tabulator-tableholder, [class*="viewport"], [class*="scroll"]',
    ),
  )) {
    if (scrolls(inner)) return inner;
  }
  for (let x: Element | null = table; x; x = x.parentElement) {
    if (scrolls(x)) return x;
    if (x.localName === 'body') break;
  }
  return undefined;
}

export interface FindPagerOptions {
  /** rows the page shows now (to tell a virtual grid from a whole one) */
  rowsShown: number;
  /** the total the scrape found (共 N 条, aria-rowcount) */
  totalRowsHint?: number;
}

/**
 * How the list in `table` goes on. Searches the table's own elements and its
 * ancestors, nearest first, so a pager under the list wins over a site menu.
 */
export function findPager(table: Element, options: FindPagerOptions): PagerInfo {
  let scope: Element | null = table;
  for (let level = 0; level <= MAX_LEVELS && scope; level++, scope = scope.parentElement) {
    const found = nextIn(scope, table);
    const byNumber = numberAfterCurrent(scope, table);
    if (found || byNumber.next)
      return pagerInfo(pagerRoot(found?.el ?? byNumber.next!, scope, table), table, found, byNumber, options);
    const more = loadMoreIn(scope, table);
    if (more) {
      const atEnd = isDisabled(more, null);
      return { kind: 'load-more', root: more.parentElement, next: atEnd ? null : more, atEnd, ...totals(options) };
    }
    // Numbered items and no control after the current one: the last page.
    if (byNumber.current !== undefined && level >= 1)
      return {
        kind: 'pager',
        root: scope,
        next: null,
        atEnd: true,
        currentPage: byNumber.current,
        ...totals(options),
        ...figures(scope),
      };
  }
  const total = options.totalRowsHint;
  if (total !== undefined && total > options.rowsShown) {
    const scroller = findScroller(table);
    return {
      kind: 'scroll',
      root: null,
      next: null,
      atEnd: false,
      totalRows: total,
      ...(scroller ? { scroller } : {}),
    };
  }
  return { kind: 'none', root: null, next: null, atEnd: true, ...totals(options) };
}

function totals(options: FindPagerOptions): { totalRows?: number } {
  return options.totalRowsHint !== undefined ? { totalRows: options.totalRowsHint } : {};
}

/** The element around the control that holds the pager's text (its total), below the list's own elements. */
function pagerRoot(control: Element, scope: Element, table: Element): Element {
  let root: Element = control;
  for (let x = control.parentElement; x && scope.contains(x) && !x.contains(table); x = x.parentElement) {
    root = x;
    const text = shortText(x);
    if (text && (totalInText(text) !== undefined || pagesInText(text).total !== undefined)) break;
  }
  return root;
}

function figures(root: Element): { totalPages?: number; currentPage?: number; totalRows?: number } {
  const text = shortText(root) || collapseSpace(root.textContent ?? '').slice(0, 300);
  const pages = pagesInText(text);
  const out: { totalPages?: number; currentPage?: number; totalRows?: number } = {};
  if (pages.total !== undefined) out.totalPages = pages.total;
  if (pages.current !== undefined) out.currentPage = pages.current;
  const rows = totalInText(text);
  if (rows !== undefined) out.totalRows = rows;
  // Page-number inputs (EasyUI, jqGrid, layui's 到第 n 页) hold the current page.
  if (out.currentPage === undefined) {
    const input = root.querySelector('input.pagination-num, input.ui-pg-input, .layui-laypage-curr em:last-child');
    const value = input ? Number(input.getAttribute('value') ?? input.textContent) : NaN;
    if (value > 0) out.currentPage = value;
  }
  return out;
}

function pagerInfo(
  root: Element,
  table: Element,
  found: Found | null,
  byNumber: { current?: number; next?: Element },
  options: FindPagerOptions,
): PagerInfo {
  // A library's next button wins; a label match and the number after the current page follow.
  const chosen =
    found && !found.weak ? found : byNumber.next ? { el: byNumber.next, by: 'number' as const, weak: false } : found;
  const disabled = chosen ? isDisabled(chosen.el, root) : true;
  const figs = figures(root);
  const info: PagerInfo = {
    kind: 'pager',
    root,
    next: chosen && !disabled ? chosen.el : null,
    atEnd: disabled,
    ...totals(options),
    ...figs,
  };
  if (chosen) info.nextBy = chosen.by;
  if (info.currentPage === undefined && byNumber.current !== undefined) info.currentPage = byNumber.current;
  if (
    info.totalPages !== undefined &&
    info.currentPage !== undefined &&
    info.currentPage >= info.totalPages &&
    !found
  ) {
    info.next = null;
    info.atEnd = true;
  }
  const size = pageSizeIn(root.parentElement ?? root, table) ?? pageSizeIn(root, table);
  if (size) info.pageSize = size;
  return info;
}
