// DealerLens's grades on the portal's own rows (docs/architecture.md#the-lib-folders,
// "lib/overlay"): a badge at each customer row's start and a summary bar above
// the table, in one layer over the page. The layer sits outside the portal's
// markup (a host on <html>, its content in a shadow root), so the portal's
// rows keep their heights and columns their widths, its CSS cannot reach the
// badges, and no click on a badge reaches the portal's row handlers. Plain
// DOM: this is injected into the portal and must stay small.
import type { TableCandidate } from '@/lib/scrape';
import type { IdentityColumns, IdentityKeys, OverlayEntry, Badge, PageSummary } from '@/lib/overlay/types';
import { keysId, rowKeysOf } from '@/lib/overlay/keys';
import { overlayPage } from '@/lib/overlay/badge';
import { format } from '@/lib/i18n';
import { rowElements } from './rows';
import { OVERLAY_CSS } from './styles';
import { OVERLAY_TEXT as T } from './messages';
import { onUserClick } from '../capture-panel/trusted';

export interface OverlayDeps {
  /** The page's table candidates, best first; `root` narrows the search to where the last list was. */
  findTables(root?: Element): TableCandidate[];
  isCustomerList(table: TableCandidate): boolean;
  /** The list's identity columns by its site profile, or null where the overlay does not show. */
  plan(headers: string[]): Promise<{ columns: IdentityColumns } | null>;
  lookup(keys: (IdentityKeys | null)[]): Promise<(OverlayEntry | null)[]>;
  now(): Date;
  /** One click on a captured row's badge: the customer's follow-up form in the workbench. */
  openCustomer(customerId: string): void;
  /** The summary bar's link: the workbench with this page's customers. */
  openWorkbench(customerIds: string[]): void;
  /** A click on 未采集: capture the page. */
  capture(): void;
}

const BADGE_HEIGHT = 18;
const BAR_HEIGHT = 22;

export class PortalOverlay {
  readonly host: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly barText: HTMLElement;
  private readonly pool: HTMLButtonElement[] = [];
  private badges: Badge[] = [];
  private rows: (Element | null)[] = [];
  private table: TableCandidate | null = null;
  private summary: PageSummary | null = null;
  private readonly plans = new Map<string, { columns: IdentityColumns } | null>();
  private readonly entries = new Map<string, OverlayEntry | null>();
  private observer: MutationObserver | null = null;
  private refreshFrame = 0;
  private placeFrame = 0;
  private busy = false;
  private again = false;
  private readonly onScroll = () => this.schedulePlace();

  constructor(
    private readonly doc: Document,
    private readonly deps: OverlayDeps,
  ) {
    this.host = doc.createElement('dealerlens-overlay');
    // Out of the page's flow and of its hit testing: only the badges take the pointer.
    this.host.style.cssText =
      'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483645; pointer-events: none;';
    const root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    this.layer = doc.createElement('div');
    this.layer.className = 'layer';
    this.bar = doc.createElement('div');
    this.bar.className = 'bar';
    this.bar.hidden = true;
    this.barText = doc.createElement('span');
    const open = doc.createElement('button');
    open.type = 'button';
    open.textContent = T.open.zh;
    open.title = T.open.en;
    // As the panel's controls: a badge opens the workbench or captures the page, so only the user's click counts.
    onUserClick(open, () => this.deps.openWorkbench(this.summary?.customerIds ?? []));
    this.bar.append(this.barText, open);
    this.layer.append(this.bar);
    root.append(style, this.layer);
    // One listener for every badge, on the layer: re-renders never add listeners.
    onUserClick(this.layer, (event) => {
      const badge = (event.target as Element).closest?.('.b');
      if (!badge) return;
      const customerId = this.badges[this.pool.indexOf(badge as HTMLButtonElement)]?.customerId;
      if (customerId) this.deps.openCustomer(customerId);
      else if (customerId === null) this.deps.capture();
    });
  }

  /** Shows the overlay and follows the portal's re-renders, scrolling and resizing. */
  start(): void {
    if (this.observer) return;
    this.doc.documentElement.append(this.host);
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !isOurs(r.target))) this.scheduleRefresh();
    });
    this.observer.observe(this.doc.body ?? this.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const view = this.doc.defaultView;
    // Capture phase: a portal's table body scrolls in its own box, and scroll events do not bubble.
    view?.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    view?.addEventListener('resize', this.onScroll, { passive: true });
    void this.refresh();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    const view = this.doc.defaultView;
    view?.removeEventListener('scroll', this.onScroll, { capture: true });
    view?.removeEventListener('resize', this.onScroll);
    if (this.refreshFrame) view?.cancelAnimationFrame(this.refreshFrame);
    if (this.placeFrame) view?.cancelAnimationFrame(this.placeFrame);
    this.refreshFrame = this.placeFrame = 0;
    this.host.remove();
  }

  get running(): boolean {
    return this.observer !== null;
  }

  /** Customers changed elsewhere (a follow-up logged, a capture): read the rows' facts again. */
  invalidate(): void {
    this.entries.clear();
    this.plans.clear();
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    const view = this.doc.defaultView;
    if (this.refreshFrame || !view || !this.observer) return;
    // Once per frame, before it paints: a re-render and its badges show together.
    this.refreshFrame = view.requestAnimationFrame(() => {
      this.refreshFrame = 0;
      void this.refresh();
    });
  }

  private schedulePlace(): void {
    const view = this.doc.defaultView;
    if (this.placeFrame || !view) return;
    this.placeFrame = view.requestAnimationFrame(() => {
      this.placeFrame = 0;
      this.place();
    });
  }

  /** Finds the list, its rows' customers, and draws. Synchronous when every row was looked up before. */
  async refresh(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      const table = this.findList();
      if (!table) return this.clear();
      const signature = table.headers.join('\u0001');
      let plan = this.plans.get(signature);
      if (plan === undefined) {
        plan = await this.deps.plan(table.headers);
        this.plans.set(signature, plan);
      }
      if (!plan) return this.clear();
      const keys = table.rows.map((cells, i) => rowKeysOf(cells, plan.columns, table.rowLinks[i]));
      const missing = keys.filter((k): k is IdentityKeys => k !== null && !this.entries.has(keysId(k)));
      if (missing.length > 0) {
        const found = await this.deps.lookup(missing);
        missing.forEach((k, i) => this.entries.set(keysId(k), found[i] ?? null));
      }
      const { badges, summary } = overlayPage(
        keys.map((k) => (k ? this.entries.get(keysId(k)) : null)),
        this.deps.now(),
      );
      this.table = table;
      this.rows = rowElements(table);
      this.render(badges, summary);
    } catch (error) {
      this.clear();
      this.bar.hidden = false;
      const text = error instanceof Error ? error.message : String(error);
      this.barText.textContent = format(T.failed.zh, { error: text });
      this.barText.title = format(T.failed.en, { error: text });
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.scheduleRefresh();
      }
    }
  }

  /** The customer list: where it was, when it is still on the page (cheaper than the whole page), else the best one. */
  private findList(): TableCandidate | null {
    const last = this.table?.element;
    if (last?.isConnected && last.parentElement) {
      const again = this.deps.findTables(last.parentElement).find((t) => t.element === last);
      if (again && this.deps.isCustomerList(again)) return again;
    }
    return this.deps.findTables().find((t) => this.deps.isCustomerList(t)) ?? null;
  }

  private clear(): void {
    this.table = null;
    this.rows = [];
    this.badges = [];
    this.summary = null;
    for (const b of this.pool) b.hidden = true;
    this.bar.hidden = true;
  }

  private render(badges: Badge[], summary: PageSummary): void {
    this.badges = badges;
    this.summary = summary;
    // Badges are reused across re-renders: the overlay's node count follows the rows shown, not the re-renders.
    while (this.pool.length < badges.length) {
      const b = this.doc.createElement('button');
      b.type = 'button';
      b.className = 'b';
      this.pool.push(b);
      this.layer.append(b);
    }
    badges.forEach((badge, i) => {
      const b = this.pool[i]!;
      const cls = `b ${badge.tone}`;
      if (b.className !== cls) b.className = cls;
      if (b.textContent !== badge.text.zh) b.textContent = badge.text.zh;
      const hint = badge.customerId ? T.clickFollowUp : T.clickCapture;
      const title = [...badge.reasons.map((r) => r.zh), hint.zh, '', ...badge.reasons.map((r) => r.en), hint.en].join(
        '\n',
      );
      if (b.title !== title) b.title = title;
      b.setAttribute('aria-label', `${badge.text.zh} / ${badge.text.en}`);
    });
    for (let i = badges.length; i < this.pool.length; i++) this.pool[i]!.hidden = true;
    this.barText.textContent = '';
    const parts: [string, string][] = [
      [format(T.overdue.zh, { n: summary.overdue }), 'overdue'],
      [format(T.dueToday.zh, { n: summary.dueToday }), 'due'],
      [format(T.notCaptured.zh, { n: summary.notCaptured }), ''],
    ];
    this.barText.append(`${T.summary.zh}：`);
    parts.forEach(([text, cls], i) => {
      const span = this.doc.createElement('span');
      span.className = cls;
      span.textContent = text;
      this.barText.append(...(i > 0 ? [' · '] : []), span);
    });
    this.barText.title = [
      T.summary.en,
      format(T.overdue.en, { n: summary.overdue }),
      format(T.dueToday.en, { n: summary.dueToday }),
      format(T.notCaptured.en, { n: summary.notCaptured }),
    ].join(' · ');
    this.bar.hidden = false;
    this.barAt = '';
    this.place();
  }

  /** Puts each badge at its row's start (after a checkbox column), and the bar above the table. */
  place(): void {
    const view = this.doc.defaultView;
    const table = this.table;
    if (!view || !table) return;
    const sx = view.scrollX;
    const sy = view.scrollY;
    const first = this.rows.find((r): r is Element => r !== null && r.isConnected);
    const clip = first ? clipOf(first, view) : null;
    const inset = first && clip ? checkboxInset(first, clip, this.doc) : 0;
    // Reads first, then writes: one layout for the whole page.
    const rects = this.rows.map((r) => (r?.isConnected ? r.getBoundingClientRect() : null));
    const box = table.element.getBoundingClientRect();
    rects.forEach((r, i) => {
      const b = this.pool[i];
      if (!b) return;
      const shown = r !== null && clip !== null && r.height > 0 && r.bottom > clip.top + 2 && r.top < clip.bottom - 2;
      if (!shown) {
        b.hidden = true;
        return;
      }
      b.hidden = false;
      const x = Math.max(r.left, clip.left) + inset + 2;
      const y = r.top + Math.max(0, (r.height - BADGE_HEIGHT) / 2);
      b.style.transform = `translate(${Math.round(x + sx)}px, ${Math.round(y + sy)}px)`;
    });
    if (!this.bar.hidden) this.placeBar(box, sx, sy);
  }

  private barAt = '';

  /**
   * Above the table where that covers none of the portal's controls (its
   * toolbar often sits right there), else below it; the right end first,
   * where toolbars leave room.
   */
  private placeBar(box: DOMRect, sx: number, sy: number): void {
    const key = [box.left, box.top, box.width, box.height, sx, sy].map(Math.round).join(',');
    if (key === this.barAt) return;
    this.barAt = key;
    const width = this.bar.getBoundingClientRect().width;
    const above = box.top - BAR_HEIGHT - 2;
    const below = box.bottom + 2;
    const spots = [
      { x: box.right - width, y: above },
      { x: box.left, y: above },
      { x: box.right - width, y: below },
      { x: box.left, y: below },
    ];
    const free = spots.find((spot) => !coversControl(this.doc, this.host, spot.x, spot.y, width)) ?? spots[0]!;
    this.bar.style.transform = `translate(${Math.round(Math.max(0, free.x) + sx)}px, ${Math.round(Math.max(0, free.y) + sy)}px)`;
  }
}

const isOurs = (node: Node): boolean => {
  for (let n: Node | null = node; n; n = n.parentNode) if (n.nodeName.startsWith('DEALERLENS-')) return true;
  return false;
};

const CONTROL =
  'a[href], button, input, select, textarea, label, [role="button"], [role="link"], [onclick], [tabindex]';

/** Whether a bar of this width at (x, y) would lie over any of the portal's controls. */
function coversControl(doc: Document, host: Element, x: number, y: number, width: number): boolean {
  for (let i = 0; i <= 6; i++) {
    for (const dy of [3, BAR_HEIGHT / 2, BAR_HEIGHT - 3]) {
      const hits = doc.elementsFromPoint(x + (width * i) / 6, y + dy);
      if (hits.some((el) => el !== host && el.closest(CONTROL))) return true;
    }
  }
  return false;
}

interface Clip {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The part of the page a row can be seen in: its scrolling ancestors' boxes, intersected. */
function clipOf(row: Element, view: Window): Clip {
  const clip: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
  for (let el = row.parentElement; el && el !== row.ownerDocument.body; el = el.parentElement) {
    const style = view.getComputedStyle(el);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const r = el.getBoundingClientRect();
    clip.left = Math.max(clip.left, r.left);
    clip.top = Math.max(clip.top, r.top);
    clip.right = Math.min(clip.right, r.right);
    clip.bottom = Math.min(clip.bottom, r.bottom);
  }
  return clip;
}

/** Where a row's first visible cell is a checkbox, the badge starts after it, so the checkbox stays clickable. */
function checkboxInset(row: Element, clip: Clip, doc: Document): number {
  const r = row.getBoundingClientRect();
  const x = Math.max(r.left, clip.left) + 4;
  const hit = doc.elementFromPoint(x, r.top + r.height / 2);
  const cell = hit?.closest('td, th, [role="gridcell"]');
  if (!cell || !cell.querySelector('input, [role="checkbox"], [class*="checkbox"], [class*="selection"]')) return 0;
  return Math.max(0, cell.getBoundingClientRect().right - x + 4);
}
