// The in-page hands of a whole-list crawl: it reads the list, reports the
// page to the background (which keeps the rows and decides), and turns the
// page: a click on the pager's next control, the 加载更多 button, a page-size
// select, or a scroll of the grid's own scroller. It waits for the list to
// re-render, not for a fixed time. A full page load ends this script; the
// next page's script asks the background and goes on.
import { findTables, type TableCandidate } from '@/lib/scrape';
import { findScroller, type PagerInfo } from '@/lib/crawl/pager';
import { findPagerTaught, type TaughtControl } from '@/lib/crawl/taught';
import { charsetOf, fetchableHref, fetchedProblem, looksLikeLogin } from '@/lib/crawl/fetched';
import { afterClickVerdict, BUSY_SELECTOR, SETTLE_LIMITS } from '@/lib/crawl/settle';
import type { CrawlSettings, CrawlStartInfo, CrawlView } from '@/lib/crawl';
import { packTable } from '@/lib/capture/wire';
import { send, type CrawlReply, type WirePage } from '@/lib/extension/messages';
import { choosePageSize, offersBigger } from './pageSize';

export interface DriverDeps {
  findTables: () => TableCandidate[];
  onProgress: (reply: CrawlReply) => void;
  onDone: (reply: CrawlReply) => void;
  onError: (error: unknown) => void;
}

/** The list as read once: its table, its pager and its rows as one string (to see it change). */
interface Reading {
  c: TableCandidate;
  pager: PagerInfo;
  key: string;
  /** a page fetched rather than shown: the URL it came from (the parsed document's own URL is this page's) */
  url?: string;
}

/** What a click or a select change came to: another page (or none: the list is gone), or nothing at all. */
type Outcome = { type: 'read'; reading: Reading | undefined } | { type: 'stuck' } | { type: 'unchanged' };

/** A scroll that brings nothing is the end of the list sooner than a click that does. */
const SCROLL_TIMEOUT_MS = 2_500;
/** Screens of a scrolling list gathered into one reported page. */
const SCROLL_STEPS = 25;
/** A scrolled grid redraws in a frame or two. */
const SCROLL_SETTLE_MS = 20;
/** A list re-rendered in parts (rows, then the fixed columns) holds still this long when done. */
const SETTLE_MS = 80;
/** The longest wait for a re-rendered list to hold still. */
const SETTLE_MAX_MS = 1_000;
/** On load after a page change, how long the list may take to appear (a portal rendering by script). */
const APPEAR_TIMEOUT_MS = 8_000;

export class CrawlDriver {
  private stopping = false;
  private running = false;
  /** a click started a full page load: this page is on its way out */
  private leaving = false;
  /** The next-page control the user taught for this list: used first, on every page. */
  taught: TaughtControl | null = null;
  /** The crawl reads the next pages by fetching them: the tab stays where it is. */
  fetching = false;

  constructor(
    private readonly doc: Document,
    private readonly deps: DriverDeps,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** The page is being left for the next one (a server pager's page load). */
  get isLeaving(): boolean {
    return this.leaving;
  }

  /** The list's pager, as the panel offers it: more rows than shown? */
  pagerOf(c: TableCandidate): PagerInfo {
    return findPagerTaught(c.element, { rowsShown: c.rows.length, totalRowsHint: c.totalRowsHint }, this.taught);
  }

  /** Starts the crawl with the list the user chose. */
  async start(c: TableCandidate, settings: CrawlSettings): Promise<void> {
    let here = this.reading(c);
    const { pager } = here;
    const kind = pager.kind === 'none' ? 'pager' : pager.kind;
    const info: CrawlStartInfo = { pageTitle: this.doc.title, frame: c.frame, kind, settings };
    if (pager.totalRows !== undefined) info.totalRows = pager.totalRows;
    if (pager.totalPages !== undefined) info.totalPages = pager.totalPages;
    const bigger = offersBigger(pager.pageSize) ? pager.pageSize : undefined;
    if (bigger) info.restorePageSize = bigger.current;
    if (this.taught) info.nextControl = this.taught;
    await this.guard(async () => {
      let reply = await send('crawl:start', { page: this.wirePage(here), info });
      // Fewer, bigger pages: the largest page size first (a page load, or a re-render).
      if (reply.action.type === 'next' && bigger) {
        this.deps.onProgress(reply);
        // A library's drop-down is opened and its option chosen (./pageSize); a size already the largest changes nothing.
        const outcome = await this.changeAndRead(c.headers, here, () => choosePageSize(this.doc, bigger, 'largest'));
        // A size that changed nothing: the crawl goes on with the pages as they are.
        if (outcome.type === 'read') {
          reply = await this.report(outcome.reading);
          if (outcome.reading) here = outcome.reading;
        }
      }
      // A server pager's plain link: its pages are fetched and read here, not navigated to.
      if (!bigger && here.pager.kind === 'pager' && here.pager.next && fetchableHref(here.pager.next, this.doc.URL))
        await this.fetchAll(c.headers, Promise.resolve(reply), here);
      else await this.loop(c.headers, Promise.resolve(reply), here);
    });
  }

  /**
   * A server pager whose next control is a plain same-origin link: each next
   * page is fetched and parsed (no script of it runs), its list read as on a
   * shown page and reported the same way; the tab stays on the page the user
   * started from. A page that cannot be read so (an error, not HTML, another
   * origin or a login page, no list with these headers: one drawn by script
   * after its load, or a next control that is not such a link) is navigated
   * to instead, unreported: its page load goes on by clicking, as any server
   * pager. With no pause, the next page is fetched while the background takes
   * this one.
   */
  private async fetchAll(headers: string[], first: Promise<CrawlReply>, start: Reading): Promise<void> {
    const clock = (): number => this.doc.defaultView?.performance.now() ?? Date.now();
    let pending = first;
    let here = start;
    let readAt = clock();
    let reply: CrawlReply | undefined;
    let ahead: { url: string; page: Promise<Reading | null> } | null = null;
    this.fetching = true;
    try {
      for (;;) {
        const target = here.pager.next ? fetchableHref(here.pager.next, here.url ?? this.doc.URL) : null;
        const settings = reply?.view.settings;
        if (
          target &&
          reply &&
          settings &&
          settings.delayMs <= 0 &&
          !this.stopping &&
          reply.view.progress.pages + 1 < settings.maxPages
        ) {
          pending.catch(() => undefined);
          ahead = { url: target, page: this.fetchPage(headers, target, here) };
          ahead.page.catch(() => undefined);
        }
        reply = await pending;
        if (reply.action.type !== 'next') break;
        this.deps.onProgress(reply);
        const { delayMs } = reply.view.settings;
        if (delayMs > 0) await sleep(this.doc, delayMs - (clock() - readAt));
        if (this.stopping) {
          reply = (await send('crawl:stop', { reason: 'user' })) ?? reply;
          break;
        }
        if (!here.pager.next) {
          reply = (await send('crawl:stop', { reason: here.pager.atEnd ? 'last-page' : 'no-next' })) ?? reply;
          break;
        }
        // Only a fetched page can have an unfetchable next control here: it is read after a page load.
        if (!target) return this.navigate(here.url ?? this.doc.URL);
        const next = ahead?.url === target ? await ahead.page : await this.fetchPage(headers, target, here);
        ahead = null;
        if (!next) return this.navigate(target);
        here = next;
        pending = this.report(here);
        readAt = clock();
      }
    } finally {
      this.fetching = false;
    }
    this.deps.onDone(reply);
  }

  /** The next page fetched and its list read, or null when it cannot be read without showing it. */
  private async fetchPage(headers: string[], url: string, before: Reading): Promise<Reading | null> {
    const view = this.doc.defaultView;
    if (!view) return null;
    let response: Response;
    try {
      // The content script's own fetch: through a Firefox Xray the page's would not take our options object.
      response = await fetch(url, { credentials: 'same-origin' });
    } catch {
      return null;
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (fetchedProblem({ ok: response.ok, contentType, url: response.url }, url)) return null;
    let html: string;
    try {
      // Decoded from the buffer itself, never a typed-array copy or slice of it: in
      // Firefox the response's buffer comes from the page's side, and those would be refused.
      const buffer = await response.arrayBuffer();
      const head = new TextDecoder('latin1').decode(new DataView(buffer, 0, Math.min(1024, buffer.byteLength)));
      html = new TextDecoder(charsetOf(contentType, head)).decode(buffer);
    } catch {
      return null;
    }
    const doc = new view.DOMParser().parseFromString(html, 'text/html');
    if (looksLikeLogin(doc)) return null;
    const want = headers.join('\u001f');
    const place = placeOf(before.c.element);
    const scope = place ? atPlace(doc, place) : null;
    const same = (t: TableCandidate) => t.headers.join('\u001f') === want && t.rows.length > 0;
    const c = (scope && findTables(scope).find(same)) || findTables(doc).find(same);
    if (!c) return null;
    return { ...this.reading({ ...c, frame: null }), url: response.url || url };
  }

  /** Shows `url` in the tab: the crawl goes on after its load, by clicking. */
  private navigate(url: string): void {
    this.leaving = true;
    this.doc.defaultView?.location.assign(url);
  }

  /** On load: goes on with the crawl the background says this tab is running. */
  async resume(crawl: CrawlView): Promise<void> {
    const { headers, settings } = crawl;
    await this.guard(async () => {
      let here = await this.waitForList(headers, crawl.place);
      // Read as soon as the page is parsed; a pager the portal builds at its load may not be there yet.
      if (here && !here.pager.next && here.pager.kind !== 'scroll' && this.doc.readyState !== 'complete') {
        await loaded(this.doc);
        here = this.read(headers, here.c);
      }
      await this.loop(headers, this.report(here), here, crawl, settings);
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

  /**
   * Page after page. `pending` is the background's answer to the page just
   * reported (`last`: its table and pager, used for the next click as they
   * are, unless a pause let the page change); `known` is the crawl as it was
   * before that page. Where nothing is to be waited for (no pause, a next
   * control, not the page that reaches the cap) the next page is clicked
   * while the background takes this one: a full page load then costs the
   * page one question to the background, not two.
   */
  private async loop(
    headers: string[],
    pending: Promise<CrawlReply>,
    last: Reading | undefined,
    known?: CrawlView,
    override?: CrawlSettings,
  ): Promise<void> {
    let reply: CrawlReply;
    let here = last;
    let view = known;
    // The pause between pages runs from when the page was read: the background's answer comes during it.
    const clock = (): number => this.doc.defaultView?.performance.now() ?? Date.now();
    let readAt = clock();
    for (;;) {
      const onward = here?.pager.next;
      let outcome: Outcome | null = null;
      if (view && here && onward && this.canGoAhead(here, view, override ?? view.settings)) {
        // Its answer is awaited below; a failure meanwhile is not a stray error.
        pending.catch(() => undefined);
        // The list re-rendered in place (a page load ends this script here).
        outcome = await this.changeAndRead(headers, here, () => click(onward));
      }
      reply = await pending;
      // Stopped with the page before: a page clicked to ahead is past the end, and not taken.
      if (reply.action.type !== 'next') break;
      this.deps.onProgress(reply);
      view = reply.view;
      if (!outcome) {
        const settings = override ?? reply.view.settings;
        // Scrolling a grid asks the portal nothing: no pause there.
        const pause = settings.delayMs > 0 && reply.view.kind !== 'scroll';
        if (pause) await sleep(this.doc, settings.delayMs - (clock() - readAt));
        if (this.stopping) {
          reply = (await send('crawl:stop', { reason: 'user' })) ?? reply;
          break;
        }
        if (pause || !here || !here.c.element.isConnected || (here.pager.next && !here.pager.next.isConnected))
          here = this.read(headers, here?.c);
        if (!here) {
          pending = this.report(undefined);
          readAt = clock();
          continue;
        }
        const { pager } = here;
        if (pager.kind === 'scroll') {
          const scroller = pager.scroller ?? this.doc.scrollingElement;
          reply = scroller
            ? await this.scrollAll(headers, reply, here, scroller)
            : ((await send('crawl:stop', { reason: 'no-next' })) ?? reply);
          break;
        }
        const next = pager.next;
        if (!next) {
          reply = (await send('crawl:stop', { reason: pager.atEnd ? 'last-page' : 'no-next' })) ?? reply;
          break;
        }
        outcome = await this.changeAndRead(headers, here, () => click(next));
      }
      if (outcome.type !== 'read') {
        reply = (await send('crawl:stop', { reason: 'pager-stuck' })) ?? reply;
        break;
      }
      here = outcome.reading;
      pending = this.report(here);
      readAt = clock();
    }
    this.deps.onDone(reply);
    if (reply.view.restorePageSize !== undefined) await this.restorePageSize(headers, reply.view.restorePageSize);
  }

  /**
   * May the next page be clicked before the background has taken this one?
   * Not with a pause between pages, nor for the page that reaches the cap,
   * nor once the user asked to stop; only with the pager's next control
   * still on the page.
   */
  private canGoAhead(here: Reading, view: CrawlView, settings: CrawlSettings): boolean {
    const next = here.pager.next;
    return (
      !this.stopping &&
      settings.delayMs <= 0 &&
      here.pager.kind !== 'scroll' &&
      view.progress.pages + 1 < settings.maxPages &&
      next !== null &&
      next.isConnected &&
      here.c.element.isConnected
    );
  }

  /**
   * A virtualised or infinite list: scrolls its own scroller a screen at a
   * time and gathers the rows each screen shows (by identity), reporting them
   * to the background as one page every SCROLL_STEPS screens: a 5,000-row grid
   * is a few hundred screens, and a message and a write per screen would cost
   * more than the scrolling. The next screens are scrolled while the
   * background takes the last page; its answer (go on, or stop) is awaited
   * before the next page is sent.
   */
  private async scrollAll(headers: string[], first: CrawlReply, start: Reading, from: Element): Promise<CrawlReply> {
    let reply = first;
    let here = start;
    let scroller = from;
    let inFlight: Promise<CrawlReply> | null = null;
    // Rows the crawl holds: the background's count before this list's first screen, and every row met since.
    const met = new Set(start.c.rows.map((row, i) => start.c.rowLinks[i] ?? row.join('\u001f')));
    const before = Math.max(0, first.view.progress.rows - met.size);
    for (;;) {
      const batch = await this.scrollSteps(headers, scroller, here, met, before);
      if (inFlight) {
        reply = await inFlight;
        inFlight = null;
        // Stopped (the cap, the user) while these screens were read: they are not taken.
        if (reply.action.type !== 'next') return reply;
        this.deps.onProgress(reply);
      }
      if (this.stopping) return (await send('crawl:stop', { reason: 'user' })) ?? reply;
      inFlight = send('crawl:page', { page: batch.page, url: this.doc.URL });
      if (!batch.page || !batch.page.hasNext || !batch.here) return inFlight;
      here = batch.here;
      if (!scroller.isConnected) scroller = findScroller(here.c.element) ?? scroller;
    }
  }

  /** Up to SCROLL_STEPS screens of a scrolling list, as one page (null: the list is gone). */
  private async scrollSteps(
    headers: string[],
    first: Element,
    start: Reading,
    met: Set<string>,
    before: number,
  ): Promise<{ page: WirePage | null; here: Reading | undefined }> {
    let scroller = first;
    const rows = new Map<string, { row: string[]; link: string | null }>();
    let c: TableCandidate | undefined = start.c;
    let atEnd = false;
    const total = start.pager.totalRows ?? start.c.totalRowsHint;
    for (let step = 0; step < SCROLL_STEPS && c && !this.stopping; step++) {
      const shown = keyOf(c);
      // An infinite list may re-render its scroller with the rows it adds: the one on the page now.
      if (!scroller.isConnected) scroller = findScroller(c.element) ?? scroller;
      const top = scroller.scrollTop;
      const watch = this.watch(this.doc);
      try {
        scroller.scrollTop = top + scrollStep(scroller);
        // The grid's own redraw of its rows, not a fixed sleep.
        if (scroller.scrollTop > top) await watch.next(SCROLL_TIMEOUT_MS);
      } finally {
        watch.stop();
      }
      let now = this.readTable(headers, c);
      const moved = scroller.scrollTop > top;
      // Nothing moved: a list that loads more at its end gets a moment to do it
      // (not a list whose every row is met: its count said so).
      if (now && keyOf(now) === shown && !(total !== undefined && !moved && before + met.size >= total)) {
        await this.waitForChange(headers, c, shown, SCROLL_TIMEOUT_MS, SCROLL_SETTLE_MS);
        now = this.readTable(headers, c);
      }
      c = now;
      if (!c) break;
      c.rows.forEach((row, i) => {
        const link = c!.rowLinks[i] ?? null;
        const key = link ?? row.join('\u001f');
        rows.set(key, { row, link });
        met.add(key);
      });
      atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 && keyOf(c) === shown;
      if (atEnd) break;
    }
    if (!c) return { page: null, here: undefined };
    const all = [...rows.values()];
    const here = this.reading(c);
    const page = this.wirePage({
      ...here,
      c: { ...c, rows: all.map((r) => r.row), rowLinks: all.map((r) => r.link) },
    });
    if (atEnd) page.hasNext = false;
    return { page, here };
  }

  /**
   * Does `act` (a click, a select change) and reads the list when it shows
   * other rows; a page load on its way ends this script first. The same rows
   * once the page is quiet, the pager on the same page and no loading mask:
   * the control did nothing (lib/crawl/settle).
   */
  private async changeAndRead(
    headers: string[],
    before: Reading,
    act: () => void | Promise<boolean>,
  ): Promise<Outcome> {
    const view = this.doc.defaultView;
    const clock = (): number => view?.performance.now() ?? Date.now();
    let navigating = false;
    this.leaving = false;
    const leaving = (): void => {
      navigating = true;
      this.leaving = true;
    };
    view?.addEventListener('beforeunload', leaving);
    view?.addEventListener('pagehide', leaving);
    const watch = this.watch(this.doc);
    const text = before.c.element.textContent;
    try {
      // A drop-down is opened and chosen from before the list can change; false: nothing was chosen.
      if ((await act()) === false) return { type: 'unchanged' };
      const clickedAt = clock();
      let wake = false;
      for (;;) {
        // A quick look first: the old table still there with the same text has not changed.
        const same = !wake && before.c.element.isConnected && before.c.element.textContent === text;
        const now = same ? before : this.read(headers, before.c);
        if (now && now.key !== before.key) return { type: 'read', reading: await this.settled(headers, now, watch) };
        const state = {
          clickedAt,
          rowsChanged: false,
          navigating,
          busy: this.busy(),
          ...(watch.lastAt() !== undefined ? { lastMutationAt: watch.lastAt()! } : {}),
          ...(before.pager.currentPage !== undefined ? { pageBefore: before.pager.currentPage } : {}),
          ...(now?.pager.currentPage !== undefined ? { pageNow: now.pager.currentPage } : {}),
        };
        const verdict = afterClickVerdict(state, clock(), SETTLE_LIMITS);
        if (verdict.type === 'timeout') return { type: 'read', reading: now };
        if (verdict.type === 'stuck') return now ? { type: 'stuck' } : { type: 'read', reading: undefined };
        if (verdict.type === 'wait') wake = !(await watch.next(verdict.ms));
      }
    } finally {
      watch.stop();
      view?.removeEventListener('beforeunload', leaving);
      view?.removeEventListener('pagehide', leaving);
    }
  }

  /** A list that changed may still be drawing (the fixed columns after the rows): read it once it holds still. */
  private async settled(headers: string[], first: Reading, watch: Watch): Promise<Reading | undefined> {
    const view = this.doc.defaultView;
    const end = (view?.performance.now() ?? Date.now()) + SETTLE_MAX_MS;
    let moved = false;
    watch.clear();
    while ((view?.performance.now() ?? Date.now()) < end && (await watch.next(SETTLE_MS))) moved = true;
    return moved ? this.read(headers, first.c) : first;
  }

  /** A loading mask of the portal's table library, or a busy mark, is showing. */
  private busy(): boolean {
    for (const el of Array.from(this.doc.querySelectorAll(BUSY_SELECTOR)))
      if (el.getClientRects().length > 0) return true;
    return false;
  }

  private async restorePageSize(headers: string[], value: string): Promise<void> {
    const size = this.read(headers)?.pager.pageSize;
    if (!size || size.current === value) return;
    await choosePageSize(this.doc, size, { restore: value });
  }

  /**
   * The list with these headers: near the table read before where it still
   * is, or where the last page had it (`place`), else anywhere on the page.
   */
  private readTable(headers: string[], near?: TableCandidate, place?: string): TableCandidate | undefined {
    // The same list shows the same headers on every page (lib/crawl compares them loosely, in the background).
    const want = headers.join('\u001f');
    const same = (t: TableCandidate) => t.headers.join('\u001f') === want;
    const scope = near?.element.isConnected ? near.element.parentElement : place ? atPlace(this.doc, place) : null;
    if (scope) {
      // Reading the list's own corner of the page, not the whole page, on every step.
      const mine = findTables(scope).find(same);
      if (mine) return { ...mine, frame: near?.frame ?? null };
    }
    return this.deps.findTables().find(same);
  }

  private read(headers: string[], near?: TableCandidate): Reading | undefined {
    const c = this.readTable(headers, near);
    return c && this.reading(c);
  }

  private reading(c: TableCandidate): Reading {
    return { c, pager: this.pagerOf(c), key: keyOf(c) };
  }

  private async waitForList(headers: string[], place?: string): Promise<Reading | undefined> {
    const end = Date.now() + APPEAR_TIMEOUT_MS;
    for (;;) {
      const c = this.readTable(headers, undefined, place);
      if (c && c.rows.length > 0) return this.reading(c);
      if (Date.now() > end) return undefined;
      const watch = this.watch(this.doc);
      try {
        await watch.next(Math.min(500, end - Date.now()));
      } finally {
        watch.stop();
      }
    }
  }

  private async waitForChange(
    headers: string[],
    near: TableCandidate,
    before: string,
    timeout: number,
    settle: number,
  ): Promise<void> {
    const end = Date.now() + timeout;
    const watch = this.watch(this.doc);
    try {
      while (Date.now() < end) {
        if (!(await watch.next(end - Date.now()))) break;
        const c = this.readTable(headers, near);
        if ((c ? keyOf(c) : '') !== before) break;
      }
      // Rendered in parts: wait until it holds still.
      const settleEnd = Date.now() + SETTLE_MAX_MS;
      watch.clear();
      while (Date.now() < settleEnd && (await watch.next(settle))) {
        // changed again: wait once more
      }
    } finally {
      watch.stop();
    }
  }

  /** The changes of `target` from now on: the next one (or none within `ms`), and when the last one came. */
  private watch(target: Node): Watch {
    const view = this.doc.defaultView;
    let dirty = false;
    let last: number | undefined;
    let wake: ((changed: boolean) => void) | null = null;
    let timer: number | undefined;
    const observer = view
      ? new view.MutationObserver(() => {
          last = view.performance.now();
          if (wake) {
            const w = wake;
            wake = null;
            view.clearTimeout(timer);
            w(true);
          } else dirty = true;
        })
      : null;
    observer?.observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class', 'style', 'aria-rowindex', 'aria-busy', 'disabled'],
    });
    return {
      next: (ms) =>
        new Promise<boolean>((resolve) => {
          if (!view) return resolve(false);
          if (dirty) {
            dirty = false;
            return resolve(true);
          }
          wake = resolve;
          timer = view.setTimeout(
            () => {
              wake = null;
              resolve(false);
            },
            Math.max(0, ms),
          );
        }),
      lastAt: () => last,
      clear: () => {
        dirty = false;
      },
      stop: () => {
        observer?.disconnect();
        if (wake) {
          view?.clearTimeout(timer);
          const w = wake;
          wake = null;
          w(false);
        }
      },
    };
  }

  /** The page as read, to the background: its rows, and what comes next. */
  private report(here: Reading | undefined): Promise<CrawlReply> {
    return send('crawl:page', { page: here ? this.wirePage(here) : null, url: this.doc.URL });
  }

  private wirePage({ c, pager, url }: Pick<Reading, 'c' | 'pager' | 'url'>): WirePage {
    const owner = c.element.ownerDocument ?? this.doc;
    const page: WirePage = {
      table: packTable({
        pageUrl: url ?? (owner.URL || this.doc.URL),
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
    const place =
      c.frame === null && (url !== undefined || c.element.ownerDocument === this.doc) ? placeOf(c.element) : undefined;
    if (place !== undefined) page.place = place;
    return page;
  }
}

interface Watch {
  /** true at the next change (or one since the last call), false after `ms` without one */
  next: (ms: number) => Promise<boolean>;
  /** when the last change came (the page's clock), if one did */
  lastAt: () => number | undefined;
  /** forget a change not yet waited for */
  clear: () => void;
  stop: () => void;
}

function keyOf(c: TableCandidate): string {
  return `${c.rows.length}\u001e${c.rows.map((r) => r.join('\u001f')).join('\u001e')}`;
}

/**
 * How far to scroll: to just above the last row the grid has drawn (a
 * virtual grid draws rows past the visible ones), at least its viewport less
 * a row of overlap. A list with all its rows drawn (an infinite list) goes
 * straight to its end, where it loads more.
 */
function scrollStep(scroller: Element): number {
  const drawn = scroller.querySelectorAll('[role="row"], tr');
  const box = scroller.getBoundingClientRect();
  let bottom = 0;
  let height = 0;
  for (let i = Math.max(0, drawn.length - 60); i < drawn.length; i++) {
    const r = drawn[i]!.getBoundingClientRect();
    if (r.bottom > bottom) bottom = r.bottom;
    height = Math.max(height, r.height);
  }
  const page = scroller === scroller.ownerDocument.scrollingElement;
  const end = (page ? 0 : box.top + scroller.clientTop) - scroller.scrollTop + scroller.scrollHeight;
  if (drawn.length > 0 && bottom >= end - 3 * Math.max(height, 20)) return scroller.scrollHeight;
  const screen = Math.max(50, Math.floor(scroller.clientHeight - Math.max(height, 20)));
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

function sleep(doc: Document, ms: number): Promise<void> {
  return new Promise((resolve) => doc.defaultView?.setTimeout(resolve, ms) ?? resolve());
}

function loaded(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const view = doc.defaultView;
    if (!view || doc.readyState === 'complete') return resolve();
    view.addEventListener('load', () => resolve(), { once: true });
  });
}

/**
 * Where `el` is in its page: its index among its parent's children, and its
 * parent's, up to the root element. A server pager's next page is built
 * from the same template, so the list is found there again in one look.
 */
function placeOf(el: Element): string | undefined {
  const steps: number[] = [];
  for (let x = el; x.parentElement; x = x.parentElement) steps.push(indexIn(x.parentElement.children, x));
  return steps.length > 0 && steps.length <= 200 ? steps.reverse().join('.') : undefined;
}

function indexIn(children: HTMLCollection, el: Element): number {
  for (let i = 0; i < children.length; i++) if (children[i] === el) return i;
  return -1;
}

/** The element at `place` (placeOf) in `doc`'s parent of it: the scope to read the list in; null when the page differs. */
function atPlace(doc: Document, place: string): Element | null {
  let x: Element | null = doc.documentElement;
  for (const step of place.split('.')) {
    x = x?.children[Number(step)] ?? null;
    if (!x) return null;
  }
  return x?.parentElement ?? null;
}
