// After a click on the pager: has the list moved on, is it still on its way,
// or did the click do nothing? Pure: what the page showed and the times come in.

export interface SettleLimits {
  /** the document quiet this long after a re-render: the list has settled */
  quietMs: number;
  /** nothing changed at all this long after the click: the click did nothing */
  silentMs: number;
  /** the longest wait for a page (a slow portal, a full page load on its way) */
  timeoutMs: number;
}

export const SETTLE_LIMITS: SettleLimits = { quietMs: 1_200, silentMs: 4_000, timeoutMs: 15_000 };

/** Loading masks of the table libraries and the ARIA busy mark: the portal is still fetching the page. */
export const BUSY_SELECTOR = [
  '[aria-busy="true"]',
  '.el-loading-mask', // Element UI / Element Plus
  '.ant-spin-spinning', // Ant Design
  '.layui-layer-loading', // layui
  '.datagrid-mask', // EasyUI
  '.loading.ui-state-default', // jqGrid
  '.vxe-loading.is--visible', // vxe-table
  '.ivu-spin-fix', // View UI
  '.k-loading-mask', // Kendo UI
  '.x-mask', // Ext JS
  '.ag-overlay-loading-wrapper', // AG Grid
  '.dataTables_processing', // DataTables
].join(',');

export interface AfterClick {
  /** when the control was clicked */
  clickedAt: number;
  /** the document's last change since the click; absent when nothing changed */
  lastMutationAt?: number;
  /** the list shows other rows than before the click */
  rowsChanged: boolean;
  /** a full page load is on its way (a link or a form left the page): this script ends with it */
  navigating: boolean;
  /** a loading mask or a busy mark shows */
  busy: boolean;
  /** the pager's current page number before the click and now, where it shows one */
  pageBefore?: number;
  pageNow?: number;
}

export type SettleVerdict =
  /** read the list: it shows another page */
  | { type: 'changed' }
  /** look again at the next change, or after `ms` */
  | { type: 'wait'; ms: number }
  /** the click did nothing: the same page, the same rows, the page quiet */
  | { type: 'stuck' }
  /** waited the longest; read what is there */
  | { type: 'timeout' };

export function afterClickVerdict(s: AfterClick, now: number, limits: SettleLimits = SETTLE_LIMITS): SettleVerdict {
  if (s.rowsChanged) return { type: 'changed' };
  const left = s.clickedAt + limits.timeoutMs - now;
  if (left <= 0) return { type: 'timeout' };
  // A page on its way: the new document, the portal's own mask, or a pager
  // already on the next number whose rows have yet to come.
  const moved = s.pageBefore !== undefined && s.pageNow !== undefined && s.pageNow !== s.pageBefore;
  if (s.navigating || s.busy || moved) return { type: 'wait', ms: Math.min(left, limits.quietMs) };
  const since = s.lastMutationAt ?? s.clickedAt;
  const quiet = s.lastMutationAt !== undefined ? limits.quietMs : limits.silentMs;
  const still = since + quiet - now;
  return still > 0 ? { type: 'wait', ms: Math.min(left, still) } : { type: 'stuck' };
}
