// Finding how a list goes on past the rows a page shows: its pager (the next
// control, the totals, the page-size select), a 加载更多 button, or a grid
// that scrolls more rows in. Pure: the document comes in with the table.
import { collapseSpace, shortText, totalInText } from '../scrape';

export interface PageSizeChoice {
  /**
   * 'select': a native <select>, set by value; 'dropdown': a library's own
   * drop-down (el-select, rc-select, vxe-select, AG Grid's picker, a
   * bootstrap dropdown-menu), opened by a click on `control` and chosen by a
   * click on an option (sizeOptions finds them once open).
   */
  kind: 'select' | 'dropdown';
  /** the <select>, or the drop-down's trigger */
  control: Element;
  /** the option value chosen now, to restore at the end (a dropdown's: its size, as digits) */
  current: string;
  /** the value of the largest size offered (a dropdown whose options are drawn only when open: '') */
  largest: string;
  currentSize: number;
  /** the largest size offered; a dropdown whose options are not drawn yet: 0 (known once open) */
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
  nextBy?: 'library' | 'label' | 'number' | 'taught';
  /** a next control that is there but disabled: the last page */
  atEnd: boolean;
  totalRows?: number;
  totalPages?: number;
  currentPage?: number;
  pageSize?: PageSizeChoice;
  /** the element that scrolls a virtualised or infinite list */
  scroller?: Element;
  /** the user taught a next control for this list, and it is not on this page: detection was used */
  taughtMissing?: boolean;
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
  '.ag-paging-button[ref="btNext"]', // AG Grid up to 30
  '.ag-paging-button[data-ref="btNext"]', // AG Grid 31 and later
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
/** What a user clicks: a pager's items and buttons, and elements with a click handler in their markup. */
export const CLICKABLE =
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
    if (x.localName === 'li' || x.localName === 'td') break;
    // A button inside a library's item (antd's li.ant-pagination-next > button): the item says disabled.
    if (x.localName === 'button' && x.parentElement?.localName !== 'li') break;
  }
  return false;
}

/** A data row of the list: its own links (查看, 编辑) are never pager controls. */
export function inDataRow(el: Element, table: Element): boolean {
  const row = el.closest('tr, [role="row"]');
  return !!row && table.contains(row);
}

/** The control around `el` a user clicks (a, button, a library item …), within `root`; else `el` itself. */
export function clickableOf(el: Element, root: Element): Element {
  const target = el.closest(CLICKABLE);
  return target && root.contains(target) ? target : el;
}

interface Found {
  el: Element;
  by: 'library' | 'label' | 'number' | 'taught';
  weak: boolean;
}

function nextIn(scope: Element, table: Element): Found | null {
  const library = Array.from(scope.querySelectorAll(LIBRARY_NEXT)).filter((el) => !inDataRow(el, table));
  for (const el of library) {
    let target = clickableOf(el, scope);
    // A library item around its link (bootstrap-table's li.page-next > a): the link, where the handler is.
    if (target.localName === 'li') target = target.querySelector('a, button') ?? target;
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
        !!el.parentElement?.querySelector(':scope > a') &&
        !countsRows(el));
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

/** A bare number that is the list's row count (共 <b>2000</b> 条), not the current page among the pager's links. */
function countsRows(el: Element): boolean {
  const before = el.previousSibling?.textContent ?? '';
  const after = el.nextSibling?.textContent ?? '';
  return (
    /(?:共|总计|合计|总数|total|of)\s*[:：]?\s*$/i.test(before) ||
    /^\s*(?:条|项|行|rows?|items?|records?|entries)/i.test(after)
  );
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

/**
 * Page-size drop-downs of the table libraries, which are no <select>: the
 * element around the control, and the trigger a user clicks to open it.
 */
const SIZE_DROPDOWNS: [box: string, trigger: string][] = [
  ['.el-pagination__sizes', '.el-select__wrapper, .el-input__inner, .el-select'], // Element Plus, Element UI
  ['.ant-pagination-options-size-changer', '.ant-select-selector, .ant-select-content, .ant-select'], // Ant Design, Ant Design Vue
  ['.vxe-pager--sizes', '.vxe-input--inner, .vxe-input, .vxe-select'], // vxe-table
  ['.page-list .dropdown, .page-list .btn-group', '.dropdown-toggle'], // bootstrap-table
  ['.ag-paging-page-size', '.ag-picker-field-wrapper, .ag-picker-field'], // AG Grid
  ['.ivu-page-options-sizer', '.ivu-select-selection'], // View UI
];
/** A size as a drop-down shows it: 20条/页, 20 / page, 20 (a bare number only inside a known library box). */
const PER_PAGE = /^\s*(\d{1,5})\s*(?:条|行|项)?\s*(?:\/\s*页|\/\s*page|条\s*\/\s*页)\s*$/i;

/** The size a drop-down shows now: its text, an input's value, or a title. */
function shownSize(box: Element): number | undefined {
  const texts = [collapseSpace(box.textContent ?? '').trim()];
  for (const el of Array.from(box.querySelectorAll('input, [title]'))) {
    // An input's value as typed or set by script is its property, not its attribute (el-select's 20条/页).
    const value = el.localName === 'input' ? (el as HTMLInputElement).value : '';
    texts.push(value || (el.getAttribute('value') ?? ''), el.getAttribute('title') ?? '');
  }
  // A closed list drawn in the page marks the chosen size (Element UI's li.selected, bootstrap's li.active).
  const chosen = box.querySelector(
    '.selected, .is-selected, .active, [aria-selected="true"], .ant-select-item-option-selected',
  );
  if (chosen) texts.push(collapseSpace(chosen.textContent ?? '').trim());
  for (const t of texts) {
    const m = PER_PAGE.exec(t) ?? /^\s*(\d{1,5})\s*$/.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** An option's size, as the drop-down lists it. */
function optionSize(el: Element): number | undefined {
  for (const t of [collapseSpace(el.textContent ?? '').trim(), el.getAttribute('title') ?? '']) {
    const m = PER_PAGE.exec(t) ?? /^\s*(\d{1,5})\s*$/.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Options of a library's drop-down: items of a listbox or menu, an el-select's, an rc-select's, vxe's, AG Grid's. */
const OPTION =
  '[role="option"], .el-select-dropdown__item, .ant-select-item-option, .vxe-select-option, .ag-list-item, .ivu-select-item, .dropdown-menu li a, [role="menuitem"]';

/** Hidden by its own or an ancestor's inline style or aria-hidden: a closed drop-down left in the page. */
function hiddenByMarkup(el: Element): boolean {
  for (let x: Element | null = el; x; x = x.parentElement) {
    const style = x.getAttribute('style') ?? '';
    if (/display\s*:\s*none|visibility\s*:\s*hidden/.test(style)) return true;
    if (x.getAttribute('aria-hidden') === 'true') return true;
    if (/(?:^|\s)(?:[\w-]+-hidden|is-hidden|hidden)(?:\s|$)/.test(x.getAttribute('class') ?? '') && x !== el)
      return true;
  }
  return false;
}

/**
 * The options of an open page-size drop-down: in the drop-down itself
 * (bootstrap's menu) or in the popup the library appended to <body>
 * (el-select, rc-select, vxe-select, AG Grid). Only options that read as
 * page sizes and are not in a closed popup; the largest is the one to pick.
 */
export function sizeOptions(doc: Document, dropdown: PageSizeChoice): { el: Element; size: number }[] {
  const box = dropdown.control.closest(SIZE_DROPDOWNS.map(([b]) => b).join(',')) ?? dropdown.control;
  const own = Array.from(box.querySelectorAll(OPTION));
  const found = own.length > 0 ? own : Array.from(doc.querySelectorAll(OPTION));
  // A menu item around its link (bootstrap's li > a): the link, once.
  const candidates = found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
  const out: { el: Element; size: number }[] = [];
  for (const el of candidates) {
    if (box.contains(el) ? false : hiddenByMarkup(el)) continue;
    if (el.closest('select')) continue;
    const size = optionSize(el);
    if (size !== undefined && size > 0 && size <= 10_000) out.push({ el, size });
  }
  // Several lists of sizes (a popup per select on the page): the last one drawn is the one just opened.
  const lists = new Map<Element, { el: Element; size: number }[]>();
  for (const o of out) {
    const list =
      o.el.closest(
        '[role="listbox"], ul, .el-select-dropdown, .ant-select-dropdown, .vxe-select--panel, .ag-list, .dropdown-menu',
      ) ?? o.el.parentElement!;
    lists.set(list, [...(lists.get(list) ?? []), o]);
  }
  const all = [...lists.values()].filter((l) => l.length >= 2);
  return all[all.length - 1] ?? [];
}

function dropdownIn(scope: Element, table: Element): PageSizeChoice | undefined {
  for (const [box, trigger] of SIZE_DROPDOWNS) {
    for (const el of Array.from(scope.querySelectorAll(box))) {
      if (inDataRow(el, table)) continue;
      const size =
        shownSize(
          el.querySelector(
            '.page-size, .el-select__selected-item, .ant-select-selection-item, .ag-picker-field-display, .vxe-input--wrapper, .el-input',
          ) ?? el,
        ) ?? shownSize(el);
      // The first of the trigger's selectors that matches: the most specific part a user clicks.
      const control =
        trigger
          .split(',')
          .map((t) => el.querySelector(t.trim()))
          .find((t) => t !== null) ?? el;
      if (size === undefined) continue;
      const choice: PageSizeChoice = {
        kind: 'dropdown',
        control,
        current: String(size),
        largest: '',
        currentSize: size,
        largestSize: 0,
      };
      // Options drawn already (bootstrap's menu): the largest is known now.
      const options = Array.from(el.querySelectorAll(OPTION))
        .map((o) => optionSize(o))
        .filter((n): n is number => n !== undefined);
      if (options.length >= 2) {
        choice.largestSize = Math.max(...options);
        choice.largest = String(choice.largestSize);
      }
      return choice;
    }
  }
  return undefined;
}

function pageSizeIn(scope: Element, table: Element): PageSizeChoice | undefined {
  return selectIn(scope, table) ?? dropdownIn(scope, table);
}

function selectIn(scope: Element, table: Element): PageSizeChoice | undefined {
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
      kind: 'select',
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

/**
 * The pager around a next control found otherwise than by detection (one the
 * user chose, lib/crawl/taught.ts): its root, figures and page size, and
 * whether the control is marked disabled (the last page).
 */
export function pagerAround(table: Element, control: Element, scope: Element, options: FindPagerOptions): PagerInfo {
  return pagerInfo(pagerRoot(control, scope, table), table, { el: control, by: 'taught', weak: false }, {}, options);
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

/** AG Grid's paging panel names its figures (1 to 20 of 25, Page [1] of 2): its words alone read wrongly. */
function agGridFigures(inner: Element): { totalPages?: number; currentPage?: number; totalRows?: number } | undefined {
  const root = inner.closest('.ag-paging-panel') ?? inner;
  const ref = (name: string) => root.querySelector(`[data-ref="${name}"], [ref="${name}"]`);
  const count = ref('lbRecordCount');
  if (!count) return undefined;
  const out: { totalPages?: number; currentPage?: number; totalRows?: number } = {};
  const n = (el: Element | null, attr?: string) => Number(attr ? el?.getAttribute(attr) : el?.textContent?.trim());
  if (n(count) > 0) out.totalRows = n(count);
  if (n(ref('lbTotal')) > 0) out.totalPages = n(ref('lbTotal'));
  const current = ref('lbCurrentInput')?.querySelector('input') ?? ref('lbCurrent');
  const page = current?.hasAttribute('aria-valuenow') ? n(current, 'aria-valuenow') : n(current);
  if (page > 0) out.currentPage = page;
  return out;
}

function figures(root: Element): { totalPages?: number; currentPage?: number; totalRows?: number } {
  const named = agGridFigures(root);
  if (named) return named;
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
  // A pager that loops (bootstrap-table's next on the last page goes back to page 1): the rows say this is the last page.
  if (
    info.next &&
    info.totalRows !== undefined &&
    info.currentPage !== undefined &&
    size &&
    size.currentSize > 0 &&
    info.currentPage * size.currentSize >= info.totalRows
  ) {
    info.next = null;
    info.atEnd = true;
  }
  return info;
}
