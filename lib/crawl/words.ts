// The crawl's settings and stop reasons, on their own: the in-page panel
// needs them and nothing else of the crawl's logic (its script stays small).

export type StopReason =
  | 'last-page'
  | 'no-new-rows'
  | 'page-seen'
  | 'pager-stuck'
  | 'cap'
  | 'navigated-away'
  | 'markup-changed'
  | 'no-next'
  | 'user'
  | 'error';

/** Why a crawl stopped, as the panel says it. */
export const STOP_REASONS: Record<StopReason, { zh: string; en: string }> = {
  'last-page': { zh: '已到最后一页', en: 'reached the last page' },
  'no-new-rows': { zh: '这一页没有新的客户', en: 'a page brought no new row' },
  'page-seen': { zh: '翻到了之前抓过的一页', en: 'a page taken before came again' },
  'pager-stuck': { zh: '翻页无效：点了下一页，列表没有变化', en: 'the pager did not move' },
  cap: { zh: '达到设定的页数上限', en: 'reached the page cap' },
  'navigated-away': { zh: '页面已离开客户列表', en: 'the tab left the list' },
  'markup-changed': { zh: '页面结构变了，找不到原来的客户表格', en: 'the page changed: the list is no longer there' },
  'no-next': { zh: '找不到下一页按钮', en: 'no next-page control was found' },
  user: { zh: '已手动停止', en: 'stopped by you' },
  error: { zh: '出错停止', en: 'stopped by an error' },
};

export interface CrawlSettings {
  /** wait between pages, so the portal is not hammered */
  delayMs: number;
  /** the most pages (or load-more / scroll steps) a crawl takes */
  maxPages: number;
}

export const DEFAULT_CRAWL_SETTINGS: CrawlSettings = { delayMs: 300, maxPages: 500 };
/** A server pager loads a whole page each time: never without a pause there. */
export const MIN_SERVER_DELAY_MS = 100;

/** Why a click cannot be the list's next-page control, as the panel says it while the user picks one. */
export type TeachRefusal = 'acts-on-data' | 'in-list' | 'page-number' | 'not-a-control' | 'no-selector';

export const TEACH_REFUSALS: Record<TeachRefusal, { zh: string; en: string }> = {
  'acts-on-data': {
    zh: '这个按钮会改动或导出数据（删除、编辑、导出…），不能用来翻页。请点「下一页」按钮。',
    en: 'This control changes or exports data (delete, edit, export…): it cannot turn pages. Click the next-page button.',
  },
  'in-list': {
    zh: '这是列表里的内容，不是翻页按钮。请点列表下方（或上方）的「下一页」按钮。',
    en: 'That is inside the list, not its pager. Click the next-page button below (or above) the list.',
  },
  'page-number': {
    zh: '这是一个页码，每次都会回到同一页。请点「下一页」按钮（通常是 › 或箭头）。',
    en: 'That is a page number: it always goes to the same page. Click the next-page button (often › or an arrow).',
  },
  'not-a-control': {
    zh: '这里不是按钮。请点「下一页」按钮本身。',
    en: 'That is not a button. Click the next-page button itself.',
  },
  'no-selector': {
    zh: '这个按钮无法在每一页上重新找到，请点旁边的另一个下一页按钮，或按 Esc 取消。',
    en: 'This control cannot be found again on every page; try another next-page control, or press Esc.',
  },
};
