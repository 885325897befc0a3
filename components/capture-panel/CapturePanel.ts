// The in-page part of DealerLens: a floating button and a small panel in a
// closed shadow root, so the portal's CSS cannot reach it and its scripts
// cannot read it or press its controls (docs/architecture.md#hostile-pages). Plain DOM, no React:
// this code is injected into the portal and must stay small (docs/architecture.md#performance-budgets: under
// 60 KB gzipped); the heavy preview runs in an extension page in an iframe.
import type { TableCandidate } from '@/lib/scrape';
import { PANEL_REJECTIONS, packTable, type PanelReport } from '@/lib/capture/wire';
import { send, type CrawlState } from '@/lib/extension/messages';
import type { StagedTable } from '@/lib/capture/types';
import { PANEL_CSS } from './styles';
import {
  chooseCorner,
  CONTROL_SELECTOR,
  CONTROL_WEIGHT,
  CORNERS,
  PAGER_PART_SELECTOR,
  PAGER_SELECTOR,
  PAGER_WEIGHT,
  type Box,
  type Corner,
  type Obstacle,
} from './placement';
import { WorkbenchDrawer, type DrawerDeps } from '../workbench-drawer/WorkbenchDrawer';
import { CrawlSection } from './CrawlSection';
import { onUserClick } from './trusted';

export interface PanelDeps {
  findTables: () => TableCandidate[];
  isCustomerList: (table: TableCandidate) => boolean;
  extensionUrl: (path: string) => string;
  /** The in-page workbench drawer; without it the panel offers no workbench button. */
  drawer?: DrawerDeps;
}

type FrameMessage =
  { source: 'dealerlens'; type: 'close' } | { source: 'dealerlens'; type: 'committed'; batch: PanelReport };

export class CapturePanel {
  private readonly root: ShadowRoot;
  private readonly panel: HTMLElement;
  private readonly body: HTMLElement;
  private readonly host: HTMLElement;
  /** Holds the button and the panel; its class says the corner they sit in. */
  private readonly dock: HTMLElement;
  private readonly fab: HTMLElement;
  /** A quiet line beside the button (following the portal's count): no modal, nothing to dismiss. */
  private readonly status: HTMLElement;
  /** The panel is folded into the button because it would cover the portal's pager wherever it went. */
  private folded = false;
  /** The user unfolded it: it stays open until its next content. */
  private unfolded = false;
  private placing = false;
  private candidates: TableCandidate[] = [];
  private current = 0;
  private outlined: { element: HTMLElement; outline: string; offset: string } | null = null;
  private dialog: HTMLElement | null = null;
  private drawer: WorkbenchDrawer | null = null;
  private readonly crawl: CrawlSection;
  private readonly capturedListeners: ((table: TableCandidate) => void)[] = [];

  /** Where the panel is shown: the page itself, or for a frameset its main frame (moved along as that frame loads its next page). */
  private ui: Document;

  constructor(
    private readonly doc: Document,
    private readonly deps: PanelDeps,
  ) {
    this.ui = panelDocument(doc);
    const host = this.ui.createElement('dealerlens-capture');
    this.host = host;
    host.style.cssText = 'all: initial; position: fixed; z-index: 2147483647; inset: auto 0 0 auto;';
    this.root = host.attachShadow({ mode: 'closed' });
    const style = this.ui.createElement('style');
    style.textContent = PANEL_CSS;
    const button = this.el('button', 'fab', FAB_LABEL);
    this.fab = button;
    button.title = '抓取本页客户 / Capture customers on this page (Alt+Shift+D)';
    onUserClick(button, () => (this.folded ? this.unfold() : void this.open()));
    this.panel = this.el('section', 'panel');
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', 'DealerLens');
    const head = this.el('header', 'head');
    head.append(this.el('strong', '', 'DealerLens 经销商客户分级助手'));
    const tools = this.el('span', 'tools');
    if (deps.drawer) {
      const bench = this.el('button', 'bench', '工作台 Workbench');
      bench.title = '在本页打开客户工作台 / Open the workbench over this page';
      onUserClick(bench, () => void this.toggleWorkbench());
      tools.append(bench);
    }
    const close = this.el('button', 'x', '×');
    close.title = '关闭 / Close';
    onUserClick(close, () => this.close());
    tools.append(close);
    head.append(tools);
    this.body = this.el('div', 'body');
    this.panel.append(head, this.body);
    this.status = this.el('p', 'status');
    this.status.hidden = true;
    this.status.setAttribute('role', 'status');
    this.dock = this.el('div', 'dock br');
    this.dock.append(button, this.status, this.panel);
    this.root.append(style, this.dock);
    this.showIn(this.ui);
    // A frameset's list frame loading its next page takes the panel's document with it: the panel moves to the new one.
    if (doc.body?.tagName === 'FRAMESET')
      for (const frame of Array.from(doc.querySelectorAll('frame, iframe')))
        frame.addEventListener('load', () => this.rehome());
    this.crawl = new CrawlSection(this.ui, doc, () => this.deps.findTables(), {
      show: (...nodes) => {
        this.panel.hidden = false;
        this.show(...nodes);
      },
      showResult: (batch, lead) => {
        this.panel.hidden = false;
        this.showResult(batch, lead);
      },
      openDialog: (id) => this.openDialog(id),
      refresh: () => {
        if (!this.panel.hidden && this.candidates[this.current]) this.showCandidate();
      },
    });
  }

  private showIn(ui: Document): void {
    this.ui = ui;
    (ui.body ?? ui.documentElement).append(this.host);
    const view = ui.defaultView;
    view?.addEventListener('message', (event) => this.onFrameMessage(event));
    // The portal's pager moves as the page scrolls or resizes: the panel keeps out of its way.
    const later = (): void => this.placeSoon();
    view?.addEventListener('resize', later);
    view?.addEventListener('scroll', later, { capture: true, passive: true });
    // The script may run before the page's images are in: the page's layout settles at its load.
    if (ui.readyState !== 'complete') view?.addEventListener('load', later, { once: true });
    this.place();
  }

  /** On a frameset, after a frame loaded: the panel (its button, its quiet line) shows in the list frame's new page. */
  private rehome(): void {
    const next = panelDocument(this.doc);
    if (next === this.ui && this.host.isConnected) return;
    // The drawer's frame went with the old page; the next one opens in the new page.
    this.drawer = null;
    this.showIn(next);
  }

  /**
   * On every page load: a whole-list crawl running in this tab goes on here,
   * or says how it ended. `state`: the background's answer, asked for early.
   */
  continueCrawl(state?: Promise<CrawlState>): Promise<void> {
    return this.crawl.continueHere(state);
  }

  /** Hears each list the user captured by hand from this panel (following the portal counts it as followed). */
  onCaptured(listener: (table: TableCandidate) => void): void {
    this.capturedListeners.push(listener);
  }

  private captured(c: TableCandidate | undefined): void {
    if (c) for (const listener of this.capturedListeners) listener(c);
  }

  /** A whole-list capture is turning this tab's pages. */
  get crawling(): boolean {
    return this.crawl.isRunning;
  }

  /** Shows a quiet line beside the button (Chinese, then English), updated in place; null takes it away. */
  setStatus(line: { zh: string; en: string; kind: 'info' | 'error' } | null): void {
    this.status.hidden = line === null;
    if (line) {
      this.status.className = `status ${line.kind}`;
      this.status.textContent = `${line.zh} · ${line.en}`;
    }
    if (line) this.dock.setAttribute('data-status', '');
    else this.dock.removeAttribute('data-status');
    this.placeSoon();
  }

  /** Find the tables on the page and show the best customer list among them. */
  async open(): Promise<void> {
    this.panel.hidden = false;
    this.unfolded = false;
    this.candidates = this.deps.findTables().filter((c) => c.rows.length > 0 || c.headers.length > 0);
    const list = this.candidates.findIndex((c) => this.deps.isCustomerList(c));
    this.current = Math.max(list, 0);
    if (list >= 0) {
      this.showCandidate();
      return;
    }
    this.unhighlight();
    const parts: Node[] = [
      this.note(
        'warn',
        '本页没有找到客户表格。请打开经销商系统的客户列表页再试。',
        "No customer table was found on this page. Open the portal's customer list and try again.",
      ),
    ];
    if (this.candidates.length > 0) {
      const actions = this.el('div', 'actions');
      actions.append(
        this.action(`仍要查看页面上的 ${this.candidates.length} 个表格 / Show the tables anyway`, 'secondary', () =>
          this.showCandidate(),
        ),
      );
      parts.push(actions);
    }
    this.show(...parts);
  }

  /** Opens or closes the workbench drawer over the page. */
  async toggleWorkbench(): Promise<void> {
    if (!this.deps.drawer) return;
    this.drawer ??= new WorkbenchDrawer(this.ui, this.deps.drawer);
    if (!this.drawer.isOpen) this.panel.hidden = true;
    await this.drawer.toggle();
  }

  close(): void {
    this.crawl.cancelPick();
    this.panel.hidden = true;
    this.setFolded(false);
    this.unhighlight();
    this.closeDialog();
    this.place();
  }

  /**
   * Puts the button and the panel in the corner where they cover none of the
   * portal's pager and the fewest of its buttons; where every corner would
   * cover the pager, the panel folds into the button (a click unfolds it).
   */
  place(): void {
    if (!this.ui.defaultView) return;
    const obstacles = this.obstacles();
    const measure = (): Map<Corner, Box[]> => {
      const layouts = new Map<Corner, Box[]>();
      for (const corner of CORNERS) {
        this.dock.className = `dock ${corner}`;
        layouts.set(
          corner,
          [this.fab, this.status, this.panel]
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.width > 0 && r.height > 0)
            .map(boxOf),
        );
      }
      return layouts;
    };
    let best = chooseCorner(measure(), obstacles);
    if (best.cost >= PAGER_WEIGHT && !this.panel.hidden && !this.unfolded) {
      this.setFolded(true);
      best = chooseCorner(measure(), obstacles);
    } else if (this.folded && !this.unfolded) {
      // Folded earlier: unfold where the open panel would now cover no pager.
      this.setFolded(false);
      const open = chooseCorner(measure(), obstacles);
      if (open.cost >= PAGER_WEIGHT) this.setFolded(true);
      else best = open;
      if (this.folded) best = chooseCorner(measure(), obstacles);
    }
    this.dock.className = `dock ${best.corner}`;
  }

  private placeSoon(): void {
    if (this.placing) return;
    this.placing = true;
    const run = (): void => {
      this.placing = false;
      this.place();
    };
    const view = this.ui.defaultView;
    if (view?.requestAnimationFrame) view.requestAnimationFrame(run);
    else run();
  }

  private setFolded(folded: boolean): void {
    if (folded === this.folded) return;
    this.folded = folded;
    this.panel.classList.toggle('folded', folded);
    this.fab.textContent = folded ? FOLDED_LABEL : FAB_LABEL;
    this.fab.title = folded
      ? "展开 DealerLens 面板（它会挡住本页的翻页按钮）/ Unfold the DealerLens panel (it covers the page's pager)"
      : '抓取本页客户 / Capture customers on this page (Alt+Shift+D)';
  }

  private unfold(): void {
    this.unfolded = true;
    this.setFolded(false);
    this.place();
  }

  /** The portal's pager parts and buttons, where they are on screen now. */
  private obstacles(): Obstacle[] {
    const out: Obstacle[] = [];
    const taken = new Set<Element>();
    const add = (el: Element, weight: number): void => {
      if (taken.has(el) || this.host.contains(el)) return;
      taken.add(el);
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push({ box: boxOf(r), weight });
    };
    for (const pager of Array.from(this.ui.querySelectorAll(PAGER_SELECTOR)).slice(0, MAX_PAGERS)) {
      const parts = Array.from(pager.querySelectorAll(PAGER_PART_SELECTOR)).slice(0, MAX_PAGER_PARTS);
      if (parts.length) for (const part of parts) add(part, PAGER_WEIGHT);
      else add(pager, PAGER_WEIGHT);
    }
    for (const control of Array.from(this.ui.querySelectorAll(CONTROL_SELECTOR)).slice(0, MAX_CONTROLS))
      add(control, CONTROL_WEIGHT);
    return out;
  }

  private showCandidate(): void {
    const c = this.candidates[this.current]!;
    this.highlight(c.element);
    const parts: Node[] = [];
    const where = c.frame ? `（框架 frame：${c.frame}）` : '';
    parts.push(
      this.line(
        'summary',
        `表格 ${this.current + 1}/${this.candidates.length}：${c.rows.length} 行 × ${c.headers.length} 列${where}`,
        `Table ${this.current + 1} of ${this.candidates.length}: ${c.rows.length} rows × ${c.headers.length} columns`,
      ),
    );
    parts.push(this.line('headers', c.headers.slice(0, 8).join(' · ') + (c.headers.length > 8 ? ' …' : '')));
    const more = c.rows.length > 0 && this.crawl.hasMore(c);
    if (c.totalRowsHint && c.totalRowsHint > c.rows.length) {
      parts.push(
        this.note(
          'info',
          `页面显示共 ${c.totalRowsHint} 条，本页只显示 ${c.rows.length} 行：点「捕获全部页」一次抓取全部。`,
          `The page says ${c.totalRowsHint} rows but shows ${c.rows.length}: Capture all pages takes them all.`,
        ),
      );
    }
    if (c.rows.length === 0) {
      parts.push(this.note('warn', '这个表格只有表头，没有数据行。', 'This table has headers but no rows.'));
    } else if (!this.deps.isCustomerList(c)) {
      parts.push(this.note('warn', '这个表格看起来不是客户列表。', 'This table does not look like a customer list.'));
    }
    const actions = this.el('div', 'actions');
    if (this.candidates.length > 1) {
      actions.append(
        this.action('换一个表格 Try another table', 'secondary', () => {
          this.current = (this.current + 1) % this.candidates.length;
          this.showCandidate();
        }),
      );
    }
    if (c.rows.length > 0) actions.append(this.action('抓取 Capture', 'primary', () => void this.capture(c)));
    if (more) actions.append(this.action('捕获全部页 Capture all pages', 'primary', () => void this.crawl.start(c)));
    parts.push(actions);
    if (c.rows.length > 0) parts.push(this.crawl.teachLine(c));
    this.show(...parts);
    if (c.rows.length > 0) void this.crawl.offerResume(c, actions);
  }

  private async capture(c: TableCandidate): Promise<void> {
    this.show(this.line('busy', `正在读取 ${c.rows.length} 行…`, `Reading ${c.rows.length} rows…`));
    try {
      // A confirmed site profile is applied without asking again (docs/capture.md#site-profiles): then the batch comes back.
      const run = await send('capture:run', packTable(this.staged(c)));
      if (run.batch) {
        this.showResult(run.batch);
        this.captured(c);
      } else this.openDialog(run.id);
    } catch (error) {
      this.show(this.note('error', `抓取失败：${message(error)}`, 'Capture failed. Nothing was stored.'));
    }
  }

  /** `lead`: a line above the counts (how a whole-list capture ended). */
  private showResult(batch: PanelReport, lead?: Node): void {
    const { counts } = batch;
    const parts: Node[] = [
      ...(lead ? [lead] : []),
      this.line(
        'result',
        `已导入：新增 ${counts.new} · 更新 ${counts.updated} · 未变 ${counts.unchanged} · 拒绝 ${counts.rejected}`,
        `Captured: ${counts.new} new · ${counts.updated} updated · ${counts.unchanged} unchanged · ${counts.rejected} rejected`,
      ),
    ];
    if (batch.invisibleCells) {
      parts.push(
        this.note(
          'info',
          `已去除 ${batch.invisibleCells} 个单元格中看不见的字符（零宽字符、文字方向控制符）。`,
          `Removed invisible characters (zero-width, text-direction controls) from ${batch.invisibleCells} cells.`,
        ),
      );
    }
    if (batch.rejected.length) {
      const list = this.el('ul', 'rejected');
      for (const r of batch.rejected.slice(0, PANEL_REJECTIONS))
        list.append(this.el('li', '', `第 ${r.row + 1} 行 row ${r.row + 1}: ${r.reason}`));
      if (counts.rejected > PANEL_REJECTIONS)
        list.append(this.el('li', '', `… +${counts.rejected - PANEL_REJECTIONS}`));
      parts.push(list);
    }
    const actions = this.el('div', 'actions');
    actions.append(this.action('撤销 Undo', 'secondary', () => void this.undo(batch)));
    actions.append(
      this.action('重新映射 Adjust mapping', 'secondary', () => {
        const c = this.candidates[this.current];
        if (c) void this.restage(c);
      }),
    );
    parts.push(actions);
    this.show(...parts);
  }

  private async restage(c: TableCandidate): Promise<void> {
    const staged = await send('capture:stage', packTable(this.staged(c)));
    this.openDialog(staged.id);
  }

  /** The table as sent to the background; its URL is the document it sits in (a frame's, on a frame-built portal). */
  private staged(c: TableCandidate): StagedTable {
    const owner = c.element.ownerDocument ?? this.doc;
    return {
      pageUrl: owner.URL || this.doc.URL,
      pageTitle: owner.title || this.doc.title,
      frame: c.frame,
      headers: c.headers,
      rows: c.rows,
      rowLinks: c.rowLinks,
      totalRowsHint: c.totalRowsHint,
    };
  }

  private async undo(batch: PanelReport): Promise<void> {
    const result = await send('capture:undo', { batchId: batch.id });
    this.show(
      result.ok
        ? this.note(
            'info',
            `已撤销：恢复 ${result.restored} 条，移除 ${result.removed} 条。`,
            `Undone: ${result.restored} restored, ${result.removed} removed.`,
          )
        : this.note('error', result.reason, ''),
    );
  }

  private openDialog(stagedId: string): void {
    this.closeDialog();
    const overlay = this.el('div', 'overlay');
    const frame = this.ui.createElement('iframe');
    frame.className = 'dialog';
    frame.title = 'DealerLens 导入预览 / Capture preview';
    frame.src = this.deps.extensionUrl(`/capture.html?id=${encodeURIComponent(stagedId)}`);
    overlay.append(frame);
    this.root.append(overlay);
    this.dialog = overlay;
  }

  private closeDialog(): void {
    this.dialog?.remove();
    this.dialog = null;
  }

  private onFrameMessage(event: MessageEvent): void {
    const extensionOrigin = new URL(this.deps.extensionUrl('/')).origin;
    if (event.origin !== extensionOrigin) return;
    const data = event.data as FrameMessage;
    if (!data || data.source !== 'dealerlens') return;
    this.closeDialog();
    if (data.type === 'committed') {
      this.showResult(data.batch);
      this.captured(this.candidates[this.current]);
    }
  }

  private highlight(element: Element): void {
    this.unhighlight();
    if (!isHtml(element)) return;
    this.outlined = { element, outline: element.style.outline, offset: element.style.outlineOffset };
    element.style.outline = '3px solid #ff7a00';
    element.style.outlineOffset = '-3px';
    element.scrollIntoView?.({ block: 'nearest' });
  }

  private unhighlight(): void {
    if (!this.outlined) return;
    this.outlined.element.style.outline = this.outlined.outline;
    this.outlined.element.style.outlineOffset = this.outlined.offset;
    this.outlined = null;
  }

  private show(...nodes: Node[]): void {
    this.body.replaceChildren(...nodes);
    this.place();
  }

  private el(tag: string, className: string, text?: string): HTMLElement {
    const e = this.ui.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  private line(className: string, zh: string, en?: string): HTMLElement {
    const p = this.el('p', className, zh);
    if (en) p.append(this.el('span', 'en', en));
    return p;
  }

  private note(kind: 'info' | 'warn' | 'error', zh: string, en: string): HTMLElement {
    return this.line(`note ${kind}`, zh, en || undefined);
  }

  private action(label: string, kind: 'primary' | 'secondary', onClick: () => void): HTMLElement {
    const b = this.el('button', kind, label);
    onUserClick(b, onClick);
    return b;
  }
}

/**
 * Nothing appended to a <frameset> document renders, so on a frame-built
 * portal the panel goes into the largest same-origin frame (the list frame).
 */
function panelDocument(doc: Document): Document {
  if (doc.body?.tagName !== 'FRAMESET') return doc;
  let best: { doc: Document; area: number } | null = null;
  for (const frame of Array.from(doc.querySelectorAll('frame, iframe'))) {
    try {
      const inner = (frame as HTMLFrameElement).contentDocument;
      if (!inner?.body || inner.body.tagName === 'FRAMESET') continue;
      const rect = frame.getBoundingClientRect();
      const area = rect.width * rect.height;
      if (!best || area > best.area) best = { doc: inner, area };
    } catch {
      // cross-origin frame: not ours to draw in
    }
  }
  return best?.doc ?? doc;
}

const FAB_LABEL = 'DealerLens 抓取客户';
const FOLDED_LABEL = 'DealerLens ▴ 结果 Result';
/** Bounds on the page's elements measured per placement, so a 5,000-row list's buttons cost little. */
const MAX_PAGERS = 20;
const MAX_PAGER_PARTS = 60;
const MAX_CONTROLS = 400;

function boxOf(r: DOMRect): Box {
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

function isHtml(element: Element): element is HTMLElement {
  return 'style' in element;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
