// The panel's whole-list part: 捕获全部页, the progress (page n of N, rows so
// far, time left), 停止, the delay and page cap, 继续 for an unfinished crawl
// of this list, and why and where it stopped; and 指定下一页按钮, the user's
// one click that teaches the list's next-page control where none was found.
import type { TableCandidate } from '@/lib/scrape';
import type { CrawlReply, CrawlState } from '@/lib/extension/messages';
import type { PanelReport } from '@/lib/capture/wire';
import { send } from '@/lib/extension/messages';
import type { CrawlSettings, CrawlView } from '@/lib/crawl';
import { DEFAULT_CRAWL_SETTINGS, STOP_REASONS, TEACH_REFUSALS } from '@/lib/crawl/words';
import { teachControl, type TaughtControl } from '@/lib/crawl/taught';
import { loadCrawlSettings, saveCrawlSettings } from '@/lib/extension/crawl';
import { CrawlDriver } from './CrawlDriver';
import { onUserClick } from './trusted';

export interface SectionHost {
  show: (...nodes: Node[]) => void;
  showResult: (batch: PanelReport, lead?: Node) => void;
  openDialog: (stagedId: string) => void;
  /** Draws the chosen list again (its actions and the next-page control line). */
  refresh: () => void;
}

export class CrawlSection {
  private readonly driver: CrawlDriver;
  private box: HTMLElement | null = null;
  /** the progress to draw next, once the crawl's step is on its way */
  private pending: CrawlView | null = null;
  /** Each list's taught next-page control (null: none), once the background said it. */
  private readonly taught = new Map<string, TaughtControl | null>();
  /** Ends the pick of a next-page control on the page, while one is on. */
  private stopPicking: (() => void) | null = null;

  constructor(
    private readonly ui: Document,
    private readonly doc: Document,
    private readonly findTables: () => TableCandidate[],
    private readonly host: SectionHost,
  ) {
    this.driver = new CrawlDriver(doc, {
      findTables,
      onProgress: (reply) => this.progressSoon(reply.view),
      onDone: (reply) => {
        this.done(reply);
        // This page saw the end itself (it is not being left for another): the
        // note kept for the page after a load is asked for, and so dropped, now,
        // or a reload within the minute would show it again (docs/capture.md#the-crawl-pages-stops-and-resume).
        if (!this.driver.isLeaving) void send('crawl:state', { pageUrl: this.doc.URL }).catch(() => undefined);
      },
      onError: (error) => {
        this.pending = null;
        this.host.show(
          note(
            this.ui,
            'error',
            `全部页抓取出错：${message(error)}（已抓取的行已保留）`,
            'The whole-list capture failed; what it took is kept.',
          ),
        );
      },
    });
  }

  get isRunning(): boolean {
    return this.driver.isRunning;
  }

  /** More rows than the page shows: a pager with a next page, 加载更多, a scrolling list, or a total above the rows. */
  hasMore(c: TableCandidate): boolean {
    const pager = this.driver.pagerOf(c);
    return (
      (pager.kind !== 'none' && pager.next !== null) ||
      pager.kind === 'scroll' ||
      (c.totalRowsHint ?? 0) > c.rows.length
    );
  }

  async start(c: TableCandidate): Promise<void> {
    const settings = await loadCrawlSettings<CrawlSettings>(DEFAULT_CRAWL_SETTINGS);
    this.driver.taught = await this.taughtOf(c);
    this.box = null;
    this.host.show(line(this.ui, 'busy', '正在准备抓取全部页…', 'Preparing to capture every page…'));
    await this.driver.start(c, settings);
  }

  async continueHere(asked?: Promise<CrawlState>): Promise<void> {
    const state = await (asked ?? send('crawl:state', { pageUrl: this.doc.URL }));
    if (state.active) {
      this.driver.taught = state.active.nextControl ?? null;
      this.progressSoon(state.active);
      await this.driver.resume(state.active);
    } else if (state.finished) {
      this.done(state.finished);
    }
  }

  /** Adds 继续 to `actions` when a crawl of this list did not finish. */
  async offerResume(c: TableCandidate, actions: HTMLElement): Promise<void> {
    const state = await send('crawl:state', { pageUrl: this.doc.URL, headers: c.headers }).catch(() => null);
    const open = state?.resumable;
    if (!open || !actions.isConnected) return;
    const { pages, rows } = open.progress;
    const b = button(
      this.ui,
      `继续 Resume（已抓 ${pages} 页 ${rows} 行 / ${pages} pages, ${rows} rows）`,
      'secondary resume',
      () => void this.resume(open),
    );
    actions.append(b);
  }

  private async resume(open: CrawlView): Promise<void> {
    try {
      const view = await send('crawl:resume', { id: open.id });
      this.driver.taught = view.nextControl ?? null;
      this.box = null;
      this.progress(view);
      // A server pager goes back to the page it stopped on; the crawl goes on there after the load.
      if (view.lastUrl !== this.doc.URL && new URL(view.lastUrl).origin === new URL(this.doc.URL).origin) {
        this.doc.defaultView?.location.assign(view.lastUrl);
        return;
      }
      await this.driver.resume(view);
    } catch (error) {
      this.host.show(note(this.ui, 'error', `无法继续：${message(error)}`, 'Could not resume.'));
    }
  }

  /**
   * The line about the list's next-page control, under its actions: the
   * control the user taught, in use (忘记 forgets it); or 指定下一页按钮, with a
   * hint where the list looks paged and no next control was found. Drawn
   * once the background said whether one was taught (then the list is drawn
   * again, `refresh`).
   */
  teachLine(c: TableCandidate): HTMLElement {
    const box = el(this.ui, 'div', 'crawl-teach');
    const key = listKey(c);
    if (!this.taught.has(key)) {
      this.driver.taught = null;
      void this.taughtOf(c).then(() => {
        if (box.isConnected) this.host.refresh();
      });
      return box;
    }
    const taught = this.taught.get(key) ?? null;
    this.driver.taught = taught;
    const pager = this.driver.pagerOf(c);
    const actions = el(this.ui, 'div', 'actions');
    if (taught) {
      const name = taught.label ? `「${taught.label}」` : '';
      box.append(
        pager.nextBy === 'taught'
          ? note(
              this.ui,
              'info',
              `翻页使用您指定的下一页按钮${name}。`,
              `Pages are turned with the next-page button you chose${taught.label ? ` (${taught.label})` : ''}.`,
            )
          : note(
              this.ui,
              'warn',
              '本页找不到您指定的下一页按钮，改用自动识别。',
              'The next-page button you chose is not on this page: DealerLens looks for one itself.',
            ),
      );
      box.lastElementChild?.classList.add('taught');
      actions.append(
        button(this.ui, '忘记指定的按钮 Forget it', 'secondary forget', () => void this.save(c, null)),
        button(this.ui, '重新指定 Teach again', 'secondary teach', () => this.pick(c)),
      );
    } else {
      // Paged by its figures (共 N 条, a pager's numbers) but no next control found, and no grid to scroll.
      const lost =
        !pager.next && !pager.atEnd && (pager.kind === 'pager' || (pager.kind === 'scroll' && !pager.scroller));
      if (lost)
        box.append(
          note(
            this.ui,
            'warn',
            '没有找到本列表的「下一页」按钮。点「指定下一页按钮」，再在页面上点一下下一页按钮，以后就会记住。',
            "No next-page button was found for this list. Press Teach, then click the page's next-page button once; it is remembered.",
          ),
        );
      actions.append(
        button(this.ui, '指定下一页按钮 Teach the next-page button', 'secondary teach', () => this.pick(c)),
      );
    }
    box.append(actions);
    return box;
  }

  /** Ends a pick of the next-page control the user left (the panel closed). */
  cancelPick(): void {
    this.stopPicking?.();
  }

  /** The list's taught control, asked of the background once per list. */
  private async taughtOf(c: TableCandidate): Promise<TaughtControl | null> {
    const key = listKey(c);
    if (this.taught.has(key)) return this.taught.get(key) ?? null;
    const { control } = await send('crawl:taught', { pageUrl: pageUrlOf(c, this.doc), headers: c.headers }).catch(
      () => ({ control: null }),
    );
    this.taught.set(key, control);
    return control;
  }

  /**
   * The user's next click on the page chooses the list's next control. That
   * click (and its mouse-down and -up) is kept from the portal, so nothing of
   * it acts; Esc or 取消 ends the pick. A control that acts on data, a part
   * of the list or a page number is refused with the reason, and the pick
   * goes on.
   */
  private pick(c: TableCandidate): void {
    this.stopPicking?.();
    const page = c.element.ownerDocument;
    const view = page.defaultView;
    if (!view) return;
    const said = el(this.ui, 'div', 'teach-said');
    const cancel = (): void => {
      this.stopPicking?.();
      this.host.refresh();
    };
    const actions = el(this.ui, 'div', 'actions');
    actions.append(button(this.ui, '取消 Cancel', 'secondary', cancel));
    this.host.show(
      note(
        this.ui,
        'info picking',
        '请在页面上点一下这个列表的「下一页」按钮（这一下不会翻页）。按 Esc 取消。',
        "Click this list's next-page button on the page (the click will not turn the page). Esc cancels.",
      ),
      said,
      actions,
    );
    const ours = (event: Event): boolean => {
      const target = event.target as Element | null;
      return !target || typeof target.closest !== 'function' || target.localName.startsWith('dealerlens-');
    };
    const swallow = (event: Event): void => {
      if (!event.isTrusted || ours(event)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onClick = (event: Event): void => {
      if (!event.isTrusted || ours(event)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      // The list may have been drawn again since it was read: the one on the page now.
      const list = c.element.isConnected ? c : this.reread(c);
      if (!list) return cancel();
      const result = teachControl(list.element, event.target as Element);
      if (!result.ok) {
        const why = TEACH_REFUSALS[result.reason];
        said.replaceChildren(note(this.ui, 'error', why.zh, why.en));
        return;
      }
      this.stopPicking?.();
      void this.save(list, result.control);
    };
    const onKey = (event: Event): void => {
      if (!event.isTrusted || (event as KeyboardEvent).key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      cancel();
    };
    const views = view === this.ui.defaultView || !this.ui.defaultView ? [view] : [view, this.ui.defaultView];
    const pointer = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'auxclick', 'dblclick'];
    for (const type of pointer) view.addEventListener(type, swallow, true);
    view.addEventListener('click', onClick, true);
    for (const v of views) v.addEventListener('keydown', onKey, true);
    this.stopPicking = () => {
      for (const type of pointer) view.removeEventListener(type, swallow, true);
      view.removeEventListener('click', onClick, true);
      for (const v of views) v.removeEventListener('keydown', onKey, true);
      this.stopPicking = null;
    };
  }

  /** Saves (or, `null`, forgets) the list's taught control, in its site profile, and draws the list again. */
  private async save(c: TableCandidate, control: TaughtControl | null): Promise<void> {
    try {
      await send('crawl:teach', { pageUrl: pageUrlOf(c, this.doc), headers: c.headers, control });
      this.taught.set(listKey(c), control);
      this.driver.taught = control;
      this.host.refresh();
    } catch (error) {
      this.host.show(
        note(this.ui, 'error', `没能保存下一页按钮：${message(error)}`, 'The next-page button could not be saved.'),
      );
    }
  }

  /** The list with these headers as the page shows it now. */
  private reread(c: TableCandidate): TableCandidate | undefined {
    const want = listKey(c);
    return this.findTables().find((t) => listKey(t) === want);
  }

  /**
   * Drawn in a task of its own, after the page's step is on its way: on a
   * server pager the crawl reads and clicks first, and the panel never holds
   * up the next page.
   */
  private progressSoon(view: CrawlView): void {
    const waiting = this.pending !== null;
    this.pending = view;
    if (waiting) return;
    const draw = (): void => {
      const latest = this.pending;
      this.pending = null;
      // A page the crawl is leaving (a full page load on its way) is not drawn on: the next page shows the progress.
      if (latest && !this.driver.isLeaving) this.progress(latest);
    };
    const win = this.doc.defaultView;
    if (win) win.setTimeout(draw, 0);
    else draw();
  }

  private progress(view: CrawlView): void {
    const { pages, rows, totalPages, totalRows, secondsLeft } = view.progress;
    if (!this.box?.isConnected) {
      const box = el(this.ui, 'div', 'crawl');
      const actions = el(this.ui, 'div', 'actions');
      actions.append(button(this.ui, '停止 Stop', 'secondary stop', () => void this.driver.stop()));
      box.append(
        this.ui.createElement('progress'),
        el(this.ui, 'p', 'crawl-text'),
        this.settings(view.settings),
        actions,
      );
      this.box = box;
      this.host.show(box);
    }
    const bar = this.box.querySelector('progress')!;
    if (totalPages) {
      bar.max = totalPages;
      bar.value = Math.min(pages, totalPages);
    } else bar.removeAttribute('value');
    const of = totalPages ? ` / ${totalPages}` : '';
    const left = secondsLeft !== undefined ? ` · 约剩 ${seconds(secondsLeft)}` : '';
    const leftEn = secondsLeft !== undefined ? ` · about ${secondsLeft} s left` : '';
    this.box.querySelector('.crawl-text')!.replaceChildren(
      `正在抓取全部页：第 ${pages}${of} 页 · 已读 ${rows}${totalRows ? ` / ${totalRows}` : ''} 行${left}`,
      el(this.ui, 'span', 'en', `Capturing all pages: page ${pages}${of} · ${rows} rows so far${leftEn}`),
      // The tab stays where the user started: say why the page shown does not turn.
      ...(this.driver.fetching
        ? [
            el(this.ui, 'span', 'crawl-fetching', ' · 在本页后台读取下一页'),
            el(this.ui, 'span', 'en', ' · reading the next pages in the background'),
          ]
        : []),
    );
  }

  /** The delay between pages and the page cap: saved for the next crawl. */
  private settings(current: CrawlSettings): HTMLElement {
    const host = el(this.ui, 'p', 'crawl-settings');
    const field = (label: string, value: number, min: number, patch: (n: number) => Partial<CrawlSettings>) => {
      const wrap = el(this.ui, 'label', '', label);
      const input = this.ui.createElement('input');
      input.type = 'number';
      input.min = String(min);
      input.value = String(value);
      input.addEventListener('change', () => {
        const n = Number(input.value);
        if (!Number.isFinite(n) || n < min) return;
        void loadCrawlSettings<CrawlSettings>(current).then((s) => saveCrawlSettings({ ...s, ...patch(n) }));
      });
      wrap.append(input);
      return wrap;
    };
    host.append(
      field('翻页间隔（毫秒）Delay ms ', current.delayMs, 0, (n) => ({ delayMs: n })),
      field(' 最多页数 Page cap ', current.maxPages, 1, (n) => ({ maxPages: n })),
    );
    return host;
  }

  private done(reply: CrawlReply): void {
    this.pending = null;
    this.box = null;
    const { view, result } = reply;
    const reason = view.reason ?? (reply.action.type === 'stop' ? reply.action.reason : 'user');
    const why = STOP_REASONS[reason];
    const summary = line(
      this.ui,
      'crawl-done',
      `全部页抓取结束：${why.zh}。共 ${view.progress.pages} 页，${view.progress.rows} 行。`,
      `Whole-list capture ended: ${why.en}. ${view.progress.pages} pages, ${view.progress.rows} rows.`,
    );
    summary.dataset.reason = reason;
    if (result?.batch) {
      this.host.showResult(result.batch, summary);
    } else if (result?.stagedId) {
      this.host.show(summary);
      this.host.openDialog(result.stagedId);
    } else {
      this.host.show(
        summary,
        note(this.ui, 'warn', '没有抓到新的行，什么也没有保存。', 'No rows were taken; nothing was stored.'),
      );
    }
  }
}

/** A list on the page, by its headers (the same list on every page of it). */
function listKey(c: TableCandidate): string {
  return c.headers.join('\u001f');
}

/** The page the list is in: a frame's own address on a frame-built portal. */
function pageUrlOf(c: TableCandidate, doc: Document): string {
  return c.element.ownerDocument?.URL || doc.URL;
}

function el(doc: Document, tag: string, className: string, text?: string): HTMLElement {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function line(doc: Document, className: string, zh: string, en: string): HTMLElement {
  const p = el(doc, 'p', className, zh);
  p.append(el(doc, 'span', 'en', en));
  return p;
}

function note(doc: Document, kind: 'info' | 'warn' | 'error' | 'info picking', zh: string, en: string): HTMLElement {
  return line(doc, `note ${kind}`, zh, en);
}

function button(doc: Document, label: string, className: string, onClick: () => void): HTMLElement {
  const b = el(doc, 'button', className, label);
  onUserClick(b, onClick);
  return b;
}

function seconds(s: number): string {
  return s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
