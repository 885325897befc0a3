// lib/crawl: capturing a whole list, every page of it. Pure: the DOM comes in.
export { actsOnData, controlLabel, findPager, findScroller, isDisabled, pagesInText } from './pager';
export type { FindPagerOptions, PagerInfo, PageSizeChoice } from './pager';
