// The crawl of a whole list as a state machine: given what a page brought, it
// says whether to go on and why it stops. Pure: rows and time come in.
import { headerSignature, type TaughtControl } from '../mapping';
import type { PagerInfo } from './pager';
import { MIN_SERVER_DELAY_MS, type CrawlSettings, type StopReason } from './words';

export { DEFAULT_CRAWL_SETTINGS, MIN_SERVER_DELAY_MS, STOP_REASONS } from './words';
export type { CrawlSettings, StopReason } from './words';

export type CrawlKind = Exclude<PagerInfo['kind'], 'none'>;

export interface CrawlMeta {
  id: string;
  /** the list: origin, path pattern and headers (lib/mapping) */
  listKey: string;
  pageUrl: string;
  pageTitle: string;
  frame: string | null;
  headers: string[];
  kind: CrawlKind;
  settings: CrawlSettings;
  status: 'running' | 'stopped' | 'done';
  reason?: StopReason;
  /** pages (or steps) read so far */
  pages: number;
  /** distinct rows read so far */
  rows: number;
  totalRows?: number;
  totalPages?: number;
  /** a short signature per page read, to see a page that comes again */
  pageSignatures: string[];
  /** the address of the last page read: where a resumed server crawl goes on */
  lastUrl: string;
  /** where in its page the list was last read (PageRead.place) */
  lastPlace?: string;
  /** the page size to set back at the end */
  restorePageSize?: string;
  /** the next-page control the user taught for this list */
  nextControl?: TaughtControl;
  /** resumed: the first page read may be the last one taken, which is passed over */
  resuming?: boolean;
  startedAt: string;
  updatedAt: string;
}

/** What a page showed: the list's rows, or null when the list was not there. */
export interface PageRead {
  url: string;
  headers: string[];
  rows: string[][];
  rowLinks: (string | null)[];
  /** false on the last page: no next control, or a disabled one */
  hasNext: boolean;
  totalRows?: number;
  totalPages?: number;
  /**
   * Where in the page the list is (its element's position among its
   * ancestors' children): the next page of a server pager looks there first,
   * not through the whole page.
   */
  place?: string;
}

export interface PageRows {
  rows: string[][];
  rowLinks: (string | null)[];
  keys: string[];
}

export type CrawlAction = { type: 'next' } | { type: 'stop'; reason: StopReason };

/** A list's identity across pages: origin, path and headers. */
export function listKeyOf(pageUrl: string, headers: string[]): string {
  let place = pageUrl;
  try {
    const url = new URL(pageUrl);
    place = `${url.origin}${url.pathname}`;
  } catch {
    // not a URL (a test's file name): the whole string
  }
  return `${place}|${headerSignature(headers)}`;
}

/** A row's identity: its detail link where it has one, else its cells. */
export function rowKey(row: string[], link: string | null): string {
  return link ?? row.join('\u001f');
}

/** FNV-1a over the page's row keys: equal pages, equal signatures. */
export function pageSignature(keys: string[]): string {
  let h = 0x811c9dc5;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x1e;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${keys.length}:${h.toString(36)}`;
}

export function startCrawl(args: {
  id: string;
  pageUrl: string;
  pageTitle: string;
  frame: string | null;
  headers: string[];
  kind: CrawlKind;
  settings: CrawlSettings;
  now: Date;
  totalRows?: number;
  totalPages?: number;
  restorePageSize?: string;
  noMinimumDelay?: boolean;
  nextControl?: TaughtControl;
}): CrawlMeta {
  const settings = { ...args.settings, maxPages: Math.max(1, Math.floor(args.settings.maxPages)) };
  // Only the benchmark measures a server pager without a pause.
  if (args.kind === 'pager' && !args.noMinimumDelay) settings.delayMs = Math.max(settings.delayMs, MIN_SERVER_DELAY_MS);
  const meta: CrawlMeta = {
    id: args.id,
    listKey: listKeyOf(args.pageUrl, args.headers),
    pageUrl: args.pageUrl,
    pageTitle: args.pageTitle,
    frame: args.frame,
    headers: args.headers,
    kind: args.kind,
    settings,
    status: 'running',
    pages: 0,
    rows: 0,
    pageSignatures: [],
    lastUrl: args.pageUrl,
    startedAt: args.now.toISOString(),
    updatedAt: args.now.toISOString(),
  };
  if (args.totalRows !== undefined) meta.totalRows = args.totalRows;
  if (args.totalPages !== undefined) meta.totalPages = args.totalPages;
  if (args.restorePageSize !== undefined) meta.restorePageSize = args.restorePageSize;
  if (args.nextControl) meta.nextControl = args.nextControl;
  return meta;
}

function samePlace(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

/**
 * Takes one page: its new rows (by identity: a row met on an earlier page,
 * or twice on this one, counts once) and what to do next.
 */
export function takePage(
  meta: CrawlMeta,
  seen: ReadonlySet<string>,
  page: PageRead | null,
  now: Date,
  url?: string,
): { meta: CrawlMeta; fresh: PageRows; action: CrawlAction } {
  const empty: PageRows = { rows: [], rowLinks: [], keys: [] };
  const stop = (reason: StopReason) => ({
    meta: { ...meta, updatedAt: now.toISOString() },
    fresh: empty,
    action: { type: 'stop' as const, reason },
  });
  if (!page) return stop(url !== undefined && !samePlace(url, meta.pageUrl) ? 'navigated-away' : 'markup-changed');
  if (headerSignature(page.headers) !== headerSignature(meta.headers))
    return stop(samePlace(page.url, meta.pageUrl) ? 'markup-changed' : 'navigated-away');

  const keys = page.rows.map((row, i) => rowKey(row, page.rowLinks[i] ?? null));
  const signature = pageSignature(keys);
  if (meta.resuming) {
    const base = { ...meta, updatedAt: now.toISOString() };
    delete base.resuming;
    // The page the crawl stopped on, shown again after a resume: go on from it.
    if (signature === meta.pageSignatures[meta.pageSignatures.length - 1]) {
      return {
        meta: base,
        fresh: empty,
        action: page.hasNext ? { type: 'next' } : { type: 'stop', reason: 'last-page' },
      };
    }
    meta = base;
  }
  if (meta.pages > 0 && meta.pageSignatures.includes(signature)) return stop('page-seen');

  const fresh: PageRows = { rows: [], rowLinks: [], keys: [] };
  const here = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key) || here.has(key)) return;
    here.add(key);
    fresh.rows.push(page.rows[i]!);
    fresh.rowLinks.push(page.rowLinks[i] ?? null);
    fresh.keys.push(key);
  });
  const next: CrawlMeta = {
    ...meta,
    pages: meta.pages + 1,
    rows: meta.rows + fresh.rows.length,
    pageSignatures: [...meta.pageSignatures, signature],
    lastUrl: page.url,
    updatedAt: now.toISOString(),
  };
  if (page.totalRows !== undefined) next.totalRows = page.totalRows;
  if (page.totalPages !== undefined) next.totalPages = page.totalPages;
  if (page.place !== undefined) next.lastPlace = page.place;
  else delete next.lastPlace;
  let action: CrawlAction = { type: 'next' };
  if (meta.pages > 0 && fresh.rows.length === 0) action = { type: 'stop', reason: 'no-new-rows' };
  else if (!page.hasNext) action = { type: 'stop', reason: 'last-page' };
  else if (next.pages >= meta.settings.maxPages) action = { type: 'stop', reason: 'cap' };
  return { meta: next, fresh, action };
}

/** The crawl ended: why. A list taken to its end is done; one stopped short can be resumed. */
export function endCrawl(meta: CrawlMeta, reason: StopReason, now: Date): CrawlMeta {
  const finished = reason === 'last-page' || reason === 'no-new-rows' || reason === 'page-seen';
  return { ...meta, status: finished ? 'done' : 'stopped', reason, updatedAt: now.toISOString() };
}

/** Going on with a crawl that stopped short (or was cut off): from the last page it read. */
export function resumeCrawl(meta: CrawlMeta, now: Date): CrawlMeta {
  const next: CrawlMeta = { ...meta, status: 'running', resuming: true, updatedAt: now.toISOString() };
  delete next.reason;
  return next;
}

export interface CrawlProgress {
  pages: number;
  rows: number;
  totalPages?: number;
  totalRows?: number;
  /** estimated, from the pace so far; absent until a page was read */
  secondsLeft?: number;
}

export function progressOf(meta: CrawlMeta, now: Date): CrawlProgress {
  const out: CrawlProgress = { pages: meta.pages, rows: meta.rows };
  const totalPages =
    meta.totalPages ??
    (meta.totalRows !== undefined && meta.pages > 0 && meta.rows > 0
      ? Math.ceil(meta.totalRows / (meta.rows / meta.pages))
      : undefined);
  if (totalPages !== undefined) out.totalPages = Math.min(totalPages, meta.settings.maxPages);
  if (meta.totalRows !== undefined) out.totalRows = meta.totalRows;
  const elapsed = (now.getTime() - new Date(meta.startedAt).getTime()) / 1000;
  if (out.totalPages !== undefined && meta.pages > 0)
    out.secondsLeft = Math.max(0, Math.round((elapsed / meta.pages) * (out.totalPages - meta.pages)));
  return out;
}
