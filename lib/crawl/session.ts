// A crawl as the background runs it: every page's new rows are written to the
// store as they come (a page load kills the content script, and the browser
// stops the service worker when it likes), and the whole list is committed as
// one batch through the capture path at the end, at a stop, or after a resume.
// Pure: the store, the capture and the clock come in.
import type { Batch } from '../db';
import type { StagedTable } from '../customer';
import type { TaughtControl } from '../mapping';
import {
  endCrawl,
  listKeyOf,
  progressOf,
  resumeCrawl,
  startCrawl,
  takePage,
  type CrawlAction,
  type CrawlKind,
  type CrawlMeta,
  type CrawlProgress,
  type CrawlSettings,
  type PageRead,
  type PageRows,
  type StopReason,
} from './crawl';

/** Where a crawl's progress and rows live between pages (the extension's local storage, lib/extension/crawl.ts). */
export interface CrawlStore {
  getMeta(id: string): Promise<CrawlMeta | undefined>;
  putMeta(meta: CrawlMeta): Promise<void>;
  /** page `n`'s new rows and the crawl's progress after it, in one write: both or neither */
  putPage(meta: CrawlMeta, n: number, rows: PageRows): Promise<void>;
  /** every page's rows, in page order */
  rows(id: string): Promise<PageRows[]>;
  listMetas(): Promise<CrawlMeta[]>;
  tabCrawl(tabId: number): Promise<string | undefined>;
  setTabCrawl(tabId: number, id: string | undefined): Promise<void>;
  /** forget the rows (committed), keeping the meta for a resume */
  dropRows(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The capture path a whole list is committed through (lib/capture CaptureSessions.run). */
export interface CaptureRunner {
  run(table: StagedTable): Promise<{ id: string; profileMatched: boolean; batch?: Batch }>;
}

export interface CrawlView {
  id: string;
  listKey: string;
  headers: string[];
  kind: CrawlKind;
  status: CrawlMeta['status'];
  reason?: StopReason;
  settings: CrawlSettings;
  progress: CrawlProgress;
  lastUrl: string;
  /** where the list was on the last page read (PageRead.place) */
  place?: string;
  restorePageSize?: string;
  /** the next-page control the user taught, used on every page (a page load starts the content script afresh) */
  nextControl?: TaughtControl;
}

export interface CrawlStep {
  view: CrawlView;
  action: CrawlAction;
  /** at the end: the batch when a site profile applied, else the staged table for the preview */
  result?: { batch?: Batch; stagedId?: string; committedRows: number };
}

export interface CrawlStartInfo {
  pageTitle: string;
  frame: string | null;
  kind: CrawlKind;
  settings: CrawlSettings;
  totalRows?: number;
  totalPages?: number;
  restorePageSize?: string;
  /** the benchmark only: a server pager without a pause */
  noMinimumDelay?: boolean;
  nextControl?: TaughtControl;
}

/** Unfinished crawls older than this are forgotten (their rows were never committed). */
const STALE_MS = 7 * 24 * 3600 * 1000;

export class CrawlSessions {
  /** row identities per crawl; rebuilt from the store after the worker restarts */
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly store: CrawlStore,
    private readonly capture: CaptureRunner,
    private readonly now: () => Date,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  view(meta: CrawlMeta): CrawlView {
    const view: CrawlView = {
      id: meta.id,
      listKey: meta.listKey,
      headers: meta.headers,
      kind: meta.kind,
      status: meta.status,
      settings: meta.settings,
      progress: progressOf(meta, this.now()),
      lastUrl: meta.lastUrl,
    };
    if (meta.reason) view.reason = meta.reason;
    if (meta.lastPlace !== undefined) view.place = meta.lastPlace;
    if (meta.restorePageSize !== undefined) view.restorePageSize = meta.restorePageSize;
    if (meta.nextControl) view.nextControl = meta.nextControl;
    return view;
  }

  /** Starts a crawl of the list in tab `tabId` with its first page. */
  async start(tabId: number, info: CrawlStartInfo, page: PageRead): Promise<CrawlStep> {
    const previous = await this.store.tabCrawl(tabId);
    if (previous) await this.finish(tabId, 'user');
    const meta = startCrawl({ id: this.newId(), pageUrl: page.url, headers: page.headers, now: this.now(), ...info });
    await this.store.putMeta(meta);
    await this.store.setTabCrawl(tabId, meta.id);
    this.seen.set(meta.id, new Set());
    return this.take(tabId, meta, page, page.url);
  }

  /** The crawl running in this tab, if any. */
  async active(tabId: number): Promise<CrawlMeta | undefined> {
    const id = await this.store.tabCrawl(tabId);
    const meta = id ? await this.store.getMeta(id) : undefined;
    return meta?.status === 'running' ? meta : undefined;
  }

  /** A crawl of this list that did not finish (stopped short, or cut off with its tab), newest first. */
  async resumable(pageUrl: string, headers: string[], tabId?: number): Promise<CrawlMeta | undefined> {
    const key = listKeyOf(pageUrl, headers);
    const now = this.now().getTime();
    const mine = tabId !== undefined ? await this.store.tabCrawl(tabId) : undefined;
    const metas = (await this.store.listMetas()).filter(
      (m) => m.listKey === key && m.status !== 'done' && m.id !== mine,
    );
    const live: CrawlMeta[] = [];
    for (const m of metas) {
      if (now - new Date(m.updatedAt).getTime() > STALE_MS) await this.store.remove(m.id);
      else live.push(m);
    }
    return live.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  /** Takes the next page of the crawl running in this tab; `page` null when the list was not found. */
  async page(tabId: number, page: PageRead | null, url: string): Promise<CrawlStep> {
    const meta = await this.active(tabId);
    if (!meta) throw new Error('没有正在进行的全部页抓取 / no whole-list capture is running in this tab');
    return this.take(tabId, meta, page, url);
  }

  /** Attaches an unfinished crawl to this tab and goes on with it. */
  async resume(tabId: number, id: string): Promise<CrawlView> {
    const meta = await this.store.getMeta(id);
    if (!meta || meta.status === 'done') throw new Error('这次抓取已结束 / this capture has already finished');
    const other = await this.store.tabCrawl(tabId);
    if (other && other !== id) await this.finish(tabId, 'user');
    const resumed = resumeCrawl(meta, this.now());
    await this.store.putMeta(resumed);
    await this.store.setTabCrawl(tabId, id);
    return this.view(resumed);
  }

  /** Stops the crawl of this tab (the user, or the tab left the list) and commits what it took. */
  async stop(tabId: number, reason: StopReason): Promise<CrawlStep | undefined> {
    const id = await this.store.tabCrawl(tabId);
    if (!id) return undefined;
    return this.finish(tabId, reason);
  }

  /** Commits an unfinished crawl's rows without going on (its tab is gone). */
  async commitStored(id: string): Promise<CrawlStep> {
    const meta = await this.store.getMeta(id);
    if (!meta) throw new Error('这次抓取已过期 / this capture has expired');
    const ended = meta.status === 'running' ? endCrawl(meta, 'user', this.now()) : meta;
    return this.commit(ended);
  }

  private async take(tabId: number, meta: CrawlMeta, page: PageRead | null, url: string): Promise<CrawlStep> {
    const seen = await this.seenOf(meta.id);
    const step = takePage(meta, seen, page, this.now(), url);
    // The page's rows and the crawl's progress in one write: a page costs one
    // write, and a page whose write failed is neither counted nor known.
    if (step.fresh.rows.length > 0) {
      await this.store.putPage(step.meta, step.meta.pages, step.fresh);
      for (const key of step.fresh.keys) seen.add(key);
    } else await this.store.putMeta(step.meta);
    if (step.action.type === 'next') return { view: this.view(step.meta), action: step.action };
    return this.finish(tabId, step.action.reason, step.meta);
  }

  private async finish(tabId: number, reason: StopReason, current?: CrawlMeta): Promise<CrawlStep> {
    const id = current?.id ?? (await this.store.tabCrawl(tabId));
    const meta = current ?? (id ? await this.store.getMeta(id) : undefined);
    await this.store.setTabCrawl(tabId, undefined);
    if (!meta) throw new Error('这次抓取已过期 / this capture has expired');
    return this.commit(endCrawl(meta, reason, this.now()));
  }

  /** One batch of every row the crawl took since its last commit. */
  private async commit(meta: CrawlMeta): Promise<CrawlStep> {
    await this.store.putMeta(meta);
    const pages = await this.store.rows(meta.id);
    const rows = pages.flatMap((p) => p.rows);
    const rowLinks = pages.flatMap((p) => p.rowLinks);
    const action: CrawlAction = { type: 'stop', reason: meta.reason ?? 'user' };
    if (rows.length === 0) return { view: this.view(meta), action, result: { committedRows: 0 } };
    const table: StagedTable = {
      pageUrl: meta.pageUrl,
      pageTitle: meta.pageTitle,
      frame: meta.frame,
      headers: meta.headers,
      rows,
      rowLinks,
    };
    if (meta.totalRows !== undefined) table.totalRowsHint = meta.totalRows;
    const run = await this.capture.run(table);
    // Committed or handed to the preview: the rows leave the store. The
    // identities stay known for a resume, which commits its own rows.
    await this.store.dropRows(meta.id);
    if (meta.status === 'done') {
      await this.store.remove(meta.id);
      this.seen.delete(meta.id);
    }
    const result: NonNullable<CrawlStep['result']> = { committedRows: rows.length };
    if (run.batch) result.batch = run.batch;
    else result.stagedId = run.id;
    return { view: this.view(meta), action, result };
  }

  private async seenOf(id: string): Promise<Set<string>> {
    let seen = this.seen.get(id);
    if (!seen) {
      seen = new Set((await this.store.rows(id)).flatMap((p) => p.keys));
      this.seen.set(id, seen);
    }
    return seen;
  }
}

/** A store in memory: for tests, and the shape the extension's store follows. */
export class MemoryCrawlStore implements CrawlStore {
  readonly metas = new Map<string, CrawlMeta>();
  readonly pages = new Map<string, Map<number, PageRows>>();
  readonly tabs = new Map<number, string>();

  async getMeta(id: string) {
    return this.metas.get(id);
  }
  async putMeta(meta: CrawlMeta) {
    this.metas.set(meta.id, structuredClone(meta));
  }
  async putPage(meta: CrawlMeta, n: number, rows: PageRows) {
    if (!this.pages.has(meta.id)) this.pages.set(meta.id, new Map());
    this.pages.get(meta.id)!.set(n, structuredClone(rows));
    this.metas.set(meta.id, structuredClone(meta));
  }
  async rows(id: string) {
    return [...(this.pages.get(id) ?? new Map<number, PageRows>()).entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, r]) => r);
  }
  async listMetas() {
    return [...this.metas.values()];
  }
  async tabCrawl(tabId: number) {
    return this.tabs.get(tabId);
  }
  async setTabCrawl(tabId: number, id: string | undefined) {
    if (id === undefined) this.tabs.delete(tabId);
    else this.tabs.set(tabId, id);
  }
  async dropRows(id: string) {
    this.pages.delete(id);
  }
  async remove(id: string) {
    this.metas.delete(id);
    this.pages.delete(id);
  }
}
