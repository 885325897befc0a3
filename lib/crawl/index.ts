// lib/crawl: capturing a whole list, every page of it. Pure: the DOM, the
// store and the clock come in.
export { actsOnData, controlLabel, findPager, findScroller, isDisabled, pagesInText } from './pager';
export type { FindPagerOptions, PagerInfo, PageSizeChoice } from './pager';
export { controlAt, findPagerTaught, resolveTaught, teachControl } from './taught';
export type { TaughtControl, TeachResult } from './taught';
export { TEACH_REFUSALS } from './words';
export type { TeachRefusal } from './words';
export {
  DEFAULT_CRAWL_SETTINGS,
  MIN_SERVER_DELAY_MS,
  STOP_REASONS,
  endCrawl,
  listKeyOf,
  pageSignature,
  progressOf,
  resumeCrawl,
  rowKey,
  startCrawl,
  takePage,
} from './crawl';
export type {
  CrawlAction,
  CrawlKind,
  CrawlMeta,
  CrawlProgress,
  CrawlSettings,
  PageRead,
  PageRows,
  StopReason,
} from './crawl';
export { CrawlSessions, MemoryCrawlStore } from './session';
export { afterClickVerdict, BUSY_SELECTOR, SETTLE_LIMITS } from './settle';
export type { AfterClick, SettleLimits, SettleVerdict } from './settle';
export type { CaptureRunner, CrawlStartInfo, CrawlStep, CrawlStore, CrawlView } from './session';
export { charsetOf, fetchableHref, fetchedProblem, looksLikeLogin } from './fetched';
export type { FetchedResponse, FetchFallback } from './fetched';
