// The in-page hands of a whole-list crawl: it reads the list, reports the
// page to the background (which keeps the rows and decides), and turns the
// page: a click on the pager's next control, the 加载更多 button, a page-size
// select, or a scroll of the grid's own scroller. It waits for the list to
// re-render, not for a fixed time. A full page load ends this script; the
// next page's script asks the background and goes on.
import type { TableCandidate } from '@/lib/scrape';
import { findPager, type PagerInfo } from '@/lib/crawl/pager';
import type { CrawlSettings, CrawlStartInfo } from '@/lib/crawl';
import { packTable } from '@/lib/capture/wire';
import { send, type CrawlReply, type WirePage } from '@/lib/extension/messages';

export interface DriverDeps {
  findTables: () => TableCandidate[];
  onProgress: (reply: CrawlReply) => void;
  onDone: (reply: CrawlReply) => void;
  onError: (error: unknown) => void;
}

/** Longest wait for the list to change after a click or a scroll. */
const CHANGE_TIMEOUT_MS = 15_000;
/** A scroll that brings nothing is the end of the list sooner than a click that does. */
const SCROLL_TIMEOUT_MS = 2_500;
/** Screens of a scrolling list gathered into one reported page. */
const SCROLL_STEPS = 25;
/** A scrolled grid redraws in a frame or two. */
const SCROLL_SETTLE_MS = 20;
/** The list is taken as rendered when it has not changed for this long. */
const SETTLE_MS = 120;
/** On load after a page change, how long the list may take to appear (a portal rendering by script). */
const APPEAR_TIMEOUT_MS = 8_000;

export class CrawlDriver {
  private stopping = false;
  private running = false;

  constructor(
    private readonly doc: Document,
    private readonly deps: DriverDeps,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** The list's pager, as the panel offers it: more rows than shown? */
  pagerOf(c: TableCandidate): PagerInfo {
    return findPager(c.element, { rowsShown: c.rows.length, totalRowsHint: c.totalRowsHint });
  }

  /** Starts the crawl with the list the user chose. */
  async start(c: TableCandidate, settings: CrawlSettings): Promise<void> {
    const pager = this.pagerOf(c);
    const kind = pager.kind === 'none' ? 'pager' : pager.kind;
    const info: CrawlStartInfo = { pageTitle: this.doc.title, frame: c.frame, kind, settings };
    if (pager.totalRows !== undefined) info.totalRows = pager.totalRows;
    if (pager.totalPages !== undefined) info.totalPages = pager.totalPages;
    const bigger =
      pager.pageSize && pager.pageSize.largestSize > pager.pageSize.currentSize ? pager.pageSize : undefined;
    if (bigger) info.restorePageSize = bigger.current;
    await this.guard(async () => {
      let reply = await send('crawl:start', { page: this.wirePage(c, pager), info });
      // Fewer, bigger pages: the largest page size first (a page load, or a re-render).
      if (reply.action.type === 'next' && bigger) {
        this.deps.onProgress(reply);
        const before = this.rowsKey(c.headers);
        setSelect(bigger.control, bigger.largest);
        reply = await this.afterChange(c.headers, before, CHANGE_TIMEOUT_MS);
      }
      await this.loop(c.headers, reply);
    });
  }

  /** On load: goes on with the crawl the background says this tab is running. */
  async resume(headers: string[], settings: CrawlSettings): Promise<void> {
    await this.guard(async () => {
      const c = await this.waitForList(headers);
      const reply = await send('crawl:page', { page: c ? this.wirePage(c, this.pagerOf(c)) : null, url: this.doc.URL });
      await this.loop(headers, reply, settings);
    });
  }

  /** Stops at the next step; the background commits what was taken. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.running) return;
    await this.guard(async () => {
      const reply = await send('crawl:stop', { reason: 'user' });
      if (reply) this.deps.onDone(reply);
    });
  }

  private async guard(run: () => Promise<void>): Promise<void> {
    this.running = true;
    this.stopping = false;
    try {
      await run();
    } catch (error) {
      this.deps.onError(error);
    } finally {
      this.running = false;
    }
  }

  private async loop(headers: string[], first: CrawlReply, override?: CrawlSettings): Promise<void> {
    let reply = first;
    while (reply.action.type === 'next') {
      this.deps.onProgress(reply);
      const settings = override ?? reply.view.settings;
      // Scrolling a grid asks the portal nothing: no pause there.
      if (settings.delayMs > 0 && reply.view.kind !== 'scroll') await sleep(this.doc, settings.delayMs);
      if (this.stopping) {
        reply = (await send('crawl:stop', { reason: 'user' })) ?? reply;
        break;
      }
      const c = this.find(headers);
      const pager = c && this.pagerOf(c);
      if (!c || !pager) {
        reply = await send('crawl:page', { page: null, url: this.doc.URL });
        continue;
      }
      const before = this.rowsKey(headers);
      let timeout = CHANGE_TIMEOUT_MS;
      if (pager.kind === 'scroll') {
        const scroller = pager.scroller ?? this.doc.scrollingElement;
        if (!scroller) {
          reply = (await send('crawl:stop', { reason: 'no-next' })) ?? reply;
          break;
        }
        reply = await this.scrollSteps(headers, scroller);
        continue;
      } else if (pager.next) {
        click(pager.next);
        if (pager.kind === 'load-more') timeout = CHANGE_TIMEOUT_MS;
      } else {
        reply = (await send('crawl:stop', { reason: pager.atEnd ? 'last-page' : 'no-next' })) ?? reply;
        break;
      }
      reply = await this.afterChange(headers, before, timeout);
    }
    this.deps.onDone(reply);
    if (reply.view.restorePageSize !== undefined) this.restorePageSize(headers, reply.view.restorePageSize);
  }

  /**
   * A virtualised or infinite list: scrolls its own scroller a screen at a
   * time and gathers the rows each screen shows (by identity), reporting them
   * to the background as one page every SCROLL_STEPS screens: a 5,000-row grid
   * is a few hundred screens, and a message and a write per screen would cost
   * more than the scrolling.
   */
  private async scrollSteps(headers: string[], first: Element): Promise<CrawlReply> {
    let scroller = first;
    const rows = new Map<string, { row: string[]; link: string | null }>();
    let c = this.find(headers);
    let atEnd = false;
    for (let step = 0; step < SCROLL_STEPS && c && !this.stopping; step++) {
      const before = keyOf(c);
      // An infinite list may re-render its scroller with the rows it adds: the one on the page now.
      if (step > 0) scroller = this.pagerOf(c).scroller ?? scroller;
      const top = scroller.scrollTop;
      scroller.scrollTop = top + scrollStep(scroller);
      if (scroller.scrollTop > top) await this.mutation(SCROLL_TIMEOUT_MS);
      let now = this.find(headers);
      // Nothing moved: a list that loads more at its end gets a moment to do it.
      if (now && keyOf(now) === before) {
        await this.waitForChange(headers, before, SCROLL_TIMEOUT_MS, SCROLL_SETTLE_MS);
        now = this.find(headers);
      }
      c = now;
      if (!c) break;
      c.rows.forEach((row, i) => {
        const link = c!.rowLinks[i] ?? null;
        rows.set(link ?? row.join('\u001f'), { row, link });
      });
      scroller = this.pagerOf(c).scroller ?? scroller;
      atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 && keyOf(c) === before;
      if (atEnd) break;
    }
    if (!c) return send('crawl:page', { page: null, url: this.doc.URL });
    const all = [...rows.values()];
    const page = this.wirePage(
      { ...c, rows: all.map((r) => r.row), rowLinks: all.map((r) => r.link) },
      this.pagerOf(c),
    );
    if (atEnd) page.hasNext = false;
    return send('crawl:page', { page, url: this.doc.URL });
  }

  /** Waits for the list to change (or the time to run out) and reports the page it shows then. */
  private async afterChange(headers: string[], before: string, timeout: number): Promise<CrawlReply> {
    await this.waitForChange(headers, before, timeout);
    const c = this.find(headers);
    return send('crawl:page', { page: c ? this.wirePage(c, this.pagerOf(c)) : null, url: this.doc.URL });
  }

  private restorePageSize(headers: string[], value: string): void {
    const c = this.find(headers);
    const size = c && this.pagerOf(c).pageSize;
    if (size && size.current !== value) setSelect(size.control, value);
  }

  private find(headers: string[]): TableCandidate | undefined {
    // The same list shows the same headers on every page (lib/crawl compares them loosely, in the background).
    const want = headers.join('\u001f');
    return this.deps.findTables().find((t) => t.headers.join('\u001f') === want);
  }

  /** The rows the list shows now, as one string, to see it change. */
  private rowsKey(headers: string[]): string {
    const c = this.find(headers);
    return c ? keyOf(c) : '';
  }

  private async waitForList(headers: string[]): Promise<TableCandidate | undefined> {
    const end = Date.now() + APPEAR_TIMEOUT_MS;
    for (;;) {
      const c = this.find(headers);
      if (c && c.rows.length > 0) return c;
      if (Date.now() > end) return undefined;
      await this.mutation(Math.min(500, end - Date.now()));
    }
  }

  private async waitForChange(headers: string[], before: string, timeout: number, settle = SETTLE_MS): Promise<void> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      await this.mutation(end - Date.now());
      if (this.rowsKey(headers) !== before) break;
    }
    // Rendered in parts (rows, then the fixed columns): wait until it holds still.
    const settleEnd = Date.now() + 1_000;
    while (Date.now() < settleEnd && (await this.mutation(settle))) {
      // changed again: wait once more
    }
  }

  /** Resolves true at the next change of the document, false after `ms` without one. */
  private mutation(ms: number): Promise<boolean> {
    const view = this.doc.defaultView;
    return new Promise((resolve) => {
      if (!view) return resolve(false);
      const observer = new view.MutationObserver(() => {
        observer.disconnect();
        view.clearTimeout(timer);
        resolve(true);
      });
      observer.observe(this.doc, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['class', 'style', 'aria-rowindex'],
      });
      const timer = view.setTimeout(
        () => {
          observer.disconnect();
          resolve(false);
        },
        Math.max(0, ms),
      );
    });
  }

  private wirePage(c: TableCandidate, pager: PagerInfo): WirePage {
    const owner = c.element.ownerDocument ?? this.doc;
    const page: WirePage = {
      table: packTable({
        pageUrl: owner.URL || this.doc.URL,
        pageTitle: owner.title || this.doc.title,
        frame: c.frame,
        headers: c.headers,
        rows: c.rows,
        rowLinks: c.rowLinks,
      }),
      hasNext: hasNext(pager),
    };
    const totalRows = pager.totalRows ?? c.totalRowsHint;
    if (totalRows !== undefined) page.totalRows = totalRows;
    if (pager.totalPages !== undefined) page.totalPages = pager.totalPages;
    return page;
  }
}

function keyOf(c: TableCandidate): string {
  return `${c.rows.length}\u001e${c.rows.map((r) => r.join('\u001f')).join('\u001e')}`;
}

/**
 * How far to scroll: to just above the last row the grid has drawn (a
 * virtual grid draws rows past the visible ones), at least most of a screen.
 */
function scrollStep(scroller: Element): number {
  const screen = Math.max(50, Math.floor(scroller.clientHeight * 0.9));
  const drawn = scroller.querySelectorAll('[role="row"], tr');
  const box = scroller.getBoundingClientRect();
  let bottom = 0;
  let height = 0;
  for (let i = Math.max(0, drawn.length - 60); i < drawn.length; i++) {
    const r = drawn[i]!.getBoundingClientRect();
    if (r.bottom > bottom) bottom = r.bottom;
    height = Math.max(height, r.height);
  }
  const reach = Math.floor(bottom - box.top - 2 * height);
  return Math.max(screen, Math.min(reach, scroller.clientHeight * 3));
}

function hasNext(pager: PagerInfo): boolean {
  if (pager.kind === 'scroll') {
    const s = pager.scroller;
    // An infinite list grows when its end is reached: the crawl stops when a step brings no new row.
    return !!s && s.scrollTop + s.clientHeight < s.scrollHeight - 2;
  }
  return pager.next !== null;
}

function click(el: Element): void {
  // A real click, so the portal's own handlers (and its links) run as for a user.
  (el as HTMLElement).click();
}

function setSelect(control: Element, value: string): void {
  const select = control as HTMLSelectElement;
  select.value = value;
  const view = select.ownerDocument.defaultView;
  if (!view) return;
  select.dispatchEvent(new view.Event('input', { bubbles: true }));
  select.dispatchEvent(new view.Event('change', { bubbles: true }));
}

function sleep(doc: Document, ms: number): Promise<void> {
  return new Promise((resolve) => doc.defaultView?.setTimeout(resolve, ms) ?? resolve());
}
