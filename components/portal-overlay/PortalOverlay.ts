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
import { badgeOf, badgeParts, localDay, summaryOfEntries, textWidthEm } from '@/lib/overlay/badge';
import { format } from '@/lib/i18n';
import { domRows, ROW_TEXT, rowElements } from './rows';
import { learnNarrow, SAMPLE_ROWS, type NarrowReader } from './narrow';
import { OVERLAY_CSS } from './styles';
import { OVERLAY_TEXT as T } from './messages';
import { onUserClick } from '../capture-panel/trusted';

export interface OverlayDeps {
  /**
   * The page's table candidates, best first; `root` narrows the search to
   * where the last list was, `sampleRows` reads only each table's first rows.
   */
  findTables(root?: Element, options?: { sampleRows?: number }): TableCandidate[];
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
/** The badge's font size and its padding plus border (styles.ts). */
const BADGE_FONT = 11;
const BADGE_EDGES = 12;
/** Narrower than this, a cell holds no badge: the next free one does. */
const MIN_ROOM = 16;
const BAR_HEIGHT = 22;
/** Rows keyed by their text, kept for re-renders: a long list paged through does not grow it without end. */
const MAX_KNOWN_ROWS = 5000;
/** A row element the scrape read no customer from (a "no data" or total row). */
const NOT_A_ROW = 0;
const ALL_BADGES_UP_TO = 300;

export class PortalOverlay {
  readonly host: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly barText: HTMLElement;
  private readonly pool: HTMLButtonElement[] = [];
  /** What each pooled badge shows now (its row's index, its content, its place): unchanged badges are not written. */
  private poolRow: number[] = [];
  private poolDrawn: string[] = [];
  private poolAt: string[] = [];
  /** Each pooled badge's width drawn in full, estimated from its text. */
  private poolWidth: number[] = [];
  /** Each card's room (cards differ in their controls' widths), kept while the card lives. */
  private cardRooms = new WeakMap<Element, Room>();
  /** Texts' estimated widths in px: a page's badges repeat a few texts. */
  private readonly widths = new Map<string, number>();
  /** Each row's customer (null: not captured); a row's badge is worked out only when it is drawn. */
  private rowEntries: (OverlayEntry | null)[] = [];
  private rows: (Element | null)[] = [];
  private table: TableCandidate | null = null;
  private columns: IdentityColumns | null = null;
  /** The current list's rows by their text: a re-render of known rows needs no new scrape. */
  private keysByText = new Map<string, IdentityKeys | null | typeof NOT_A_ROW>();
  /** Where the list's key cells are, learnt from a sample: a row's keys from a few cells, not a scrape. */
  private reader: NarrowReader | null = null;
  /** Rows read narrowly, kept while the element lives: a re-render reads only the rows it added or changed. */
  private keysOfRow = new WeakMap<Element, IdentityKeys | null | typeof NOT_A_ROW>();
  /** Keys of the list's rows no element was found for: counted in the summary, given no badge. */
  private unplaced: (IdentityKeys | null)[] = [];
  /** The rows' scrolling ancestors and where in a row a badge has room, kept while the rows' container stays. */
  private layoutOf: { parent: Element; scrollers: Element[]; room: Room | null } | null = null;
  private summaryDrawn = '';
  private summary: PageSummary | null = null;
  private readonly plans = new Map<string, { columns: IdentityColumns } | null>();
  private readonly entries = new Map<string, OverlayEntry | null>();
  /** Each customer's badge, worked out once a day: a re-render of the same customers draws the same badges. */
  private badgeCache = {
    day: '',
    now: new Date(0),
    uncaptured: null as Badge | null,
    byEntry: new WeakMap<OverlayEntry, Badge>(),
  };
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
    // Closed, as the capture panel's: the badges name customers' grades and open their
    // records, so the portal's scripts get the host element and nothing in it.
    const root = this.host.attachShadow({ mode: 'closed' });
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
      const row = this.poolRow[this.pool.indexOf(badge as HTMLButtonElement)];
      if (row === undefined || row >= this.rowEntries.length) return;
      const entry = this.rowEntries[row];
      if (entry) this.deps.openCustomer(entry.id);
      else this.deps.capture();
    });
  }

  /** Shows the overlay and follows the portal's re-renders, scrolling and resizing. */
  start(): void {
    if (this.observer) return;
    this.doc.documentElement.append(this.host);
    this.observer = new MutationObserver((records) => {
      let theirs = false;
      for (const r of records) {
        if (isOurs(r.target)) continue;
        theirs = true;
        // A row changed in place is read again.
        for (let n: Node | null = r.target; n; n = n.parentNode) this.keysOfRow.delete(n as Element);
      }
      if (theirs) this.scheduleRefresh();
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
    if (this.barFrame) view?.cancelAnimationFrame(this.barFrame);
    this.refreshFrame = this.placeFrame = this.barFrame = 0;
    this.host.remove();
  }

  get running(): boolean {
    return this.observer !== null;
  }

  /** Customers changed elsewhere (a follow-up logged, a capture): read the rows' facts again. */
  invalidate(): void {
    this.entries.clear();
    this.plans.clear();
    this.keysByText.clear();
    this.forgetRows();
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
      let known = this.knownRows();
      if (!known) {
        const list = await this.findList();
        if (!list) return this.clear();
        const { sample, plan } = list;
        const els = domRows(sample.element, sample.kind);
        if (sample.element !== this.table?.element || this.keysByText.size > MAX_KNOWN_ROWS) this.keysByText.clear();
        this.forgetRows();
        this.table = sample;
        this.columns = plan.columns;
        this.reader = learnNarrow(sample, els, plan.columns);
        known = this.reader ? this.knownRows(els) : null;
      }
      if (!known) {
        // Where the key cells cannot be read alone (a grid, card list, rows of many shapes): the whole list is scraped.
        const sample = this.table!;
        const columns = this.columns!;
        // Grids and card lists are read whole by the sample scrape, and so is a short table.
        const whole =
          sample.kind === 'aria' ||
          sample.kind === 'cards' ||
          domRows(sample.element, sample.kind).length < SAMPLE_ROWS - 5;
        const parent = sample.element.parentElement;
        const table =
          whole || !parent
            ? sample
            : (this.deps.findTables(parent).find((t) => t.element === sample.element) ?? sample);
        const els = domRows(table.element, table.kind);
        const rows = rowElements(table, els);
        const keys = table.rows.map((cells, i) => rowKeysOf(cells, columns, table.rowLinks[i]));
        rows.forEach((row, i) => row && this.keysByText.set(ROW_TEXT(row), keys[i]!));
        const placed = new Set(rows);
        for (const el of els) {
          const text = ROW_TEXT(el);
          if (!placed.has(el) && !this.keysByText.has(text)) this.keysByText.set(text, NOT_A_ROW);
        }
        this.unplaced = keys.filter((_, i) => rows[i] === null);
        this.table = table;
        known = { rows, keys };
      }
      const { rows, keys } = known;
      // Each row's key string made once: a 2,000-row page makes as many.
      const ids = keys.map((k) => k && keysId(k));
      const ask = ids.flatMap((id, i) => (id && !this.entries.has(id) ? [i] : []));
      if (ask.length) {
        const found = await this.deps.lookup(ask.map((i) => keys[i]!));
        ask.forEach((i, n) => this.entries.set(ids[i]!, found[n] ?? null));
      }
      const entries = ids.map((id) => (id && this.entries.get(id)) || null);
      const summary = summaryOfEntries(entries, this.deps.now());
      this.rows = rows;
      this.render(entries, summary);
    } catch (error) {
      this.clear();
      this.bar.hidden = false;
      this.bar.style.visibility = '';
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

  /** Row `row`'s badge, worked out when first drawn (a long page draws only the rows near the viewport). */
  private badgeAt(row: number): Badge {
    const cache = this.badgeCache;
    const now = cache.now;
    const entry = this.rowEntries[row];
    if (!entry) return (cache.uncaptured ??= badgeOf(null, now));
    let badge = cache.byEntry.get(entry);
    if (!badge) cache.byEntry.set(entry, (badge = badgeOf(entry, now)));
    return badge;
  }

  /**
   * The list's rows when the portal re-rendered rows seen before (a poll, a
   * sort, paging back): found from the list's element and keyed by their
   * text, without scraping the page again. Null where any row is new.
   */
  private knownRows(els?: Element[]): { rows: (Element | null)[]; keys: (IdentityKeys | null)[] } | null {
    const table = this.table;
    if (!table || !this.columns || !table.element.isConnected) return null;
    els ??= domRows(table.element, table.kind);
    if (els.length === 0) return null;
    const rows: (Element | null)[] = [];
    const keys: (IdentityKeys | null)[] = [];
    if (this.reader) {
      // Rows seen before keep their keys; new or changed rows are read from their key cells.
      for (const el of els) {
        let k = this.keysOfRow.get(el);
        if (k === undefined) {
          const read = this.reader.read(el);
          if (read === 'unknown') return null;
          k = read === 'not-a-row' ? NOT_A_ROW : read;
          this.keysOfRow.set(el, k);
        }
        if (k === NOT_A_ROW) continue;
        rows.push(el);
        keys.push(k);
      }
      this.unplaced = [];
      return { rows, keys };
    }
    for (const el of els) {
      const k = this.keysByText.get(ROW_TEXT(el));
      if (k === undefined) return null;
      if (k === NOT_A_ROW) continue;
      rows.push(el);
      keys.push(k);
    }
    for (const k of this.unplaced) {
      rows.push(null);
      keys.push(k);
    }
    return { rows, keys };
  }

  /**
   * The customer list and its site profile's plan, from a scrape of each
   * table's first rows: where it was, when it is still on the page (cheaper
   * than the whole page), else the best one.
   */
  private async findList(): Promise<{ sample: TableCandidate; plan: { columns: IdentityColumns } } | null> {
    const last = this.table?.element;
    const sample = { sampleRows: SAMPLE_ROWS };
    if (last?.isConnected && last.parentElement) {
      const again = this.deps.findTables(last.parentElement, sample).find((t) => t.element === last);
      const plan = again && (await this.planOf(again.headers));
      if (again && plan) return { sample: again, plan };
    }
    const found = this.deps.findTables(undefined, sample);
    // The site profile knows its list by the headers: the best table it maps is the list, and the judge's
    // reading of its columns is not needed. Else the list is the best table the judge takes for one.
    const top = found[0];
    const topPlan = top && (await this.planOf(top.headers));
    if (top && topPlan) return { sample: top, plan: topPlan };
    const list = found.find((t) => this.deps.isCustomerList(t));
    const plan = list && (await this.planOf(list.headers));
    return list && plan ? { sample: list, plan } : null;
  }

  /** The list's identity columns by its site profile, asked once per header row. */
  private async planOf(headers: string[]): Promise<{ columns: IdentityColumns } | null> {
    const signature = headers.join('\u0001');
    let plan = this.plans.get(signature);
    if (plan === undefined) {
      plan = await this.deps.plan(headers);
      this.plans.set(signature, plan);
    }
    return plan;
  }

  private forgetRows(): void {
    this.reader = null;
    this.keysOfRow = new WeakMap();
  }

  private clear(): void {
    this.table = null;
    this.columns = null;
    this.keysByText.clear();
    this.forgetRows();
    this.unplaced = [];
    this.rows = [];
    this.rowEntries = [];
    this.summary = null;
    this.poolRow = [];
    this.summaryDrawn = '';
    for (const b of this.pool) b.hidden = true;
    this.bar.hidden = true;
  }

  private render(entries: (OverlayEntry | null)[], summary: PageSummary): void {
    this.rowEntries = entries;
    this.summary = summary;
    const drawn = [summary.overdue, summary.dueToday, summary.notCaptured].join(',');
    if (drawn !== this.summaryDrawn) {
      this.summaryDrawn = drawn;
      this.drawSummary(summary);
      // Its width changed: placed again.
      this.barAt = '';
    }
    if (this.bar.hidden) {
      this.bar.hidden = false;
      this.bar.style.visibility = 'hidden';
      this.barAt = '';
    }
    this.place();
  }

  private drawSummary(summary: PageSummary): void {
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
  }

  /** A pooled badge made to show row `row`'s badge; written only where it shows something else. */
  private drawBadge(k: number, row: number, fresh: DocumentFragment): HTMLButtonElement {
    while (this.pool.length <= k) {
      // Badges are reused across re-renders and scrolling: the overlay's node count follows the rows in view.
      const b = this.doc.createElement('button');
      b.type = 'button';
      b.className = 'b';
      this.pool.push(b);
      this.poolDrawn.push('');
      this.poolAt.push('');
      this.poolWidth.push(0);
      // Written while out of the page, and put in all at once after.
      fresh.append(b);
    }
    const b = this.pool[k]!;
    this.poolRow[k] = row;
    const badge = this.badgeAt(row);
    const hint = badge.customerId ? T.clickFollowUp : T.clickCapture;
    const title = [...badge.reasons.map((r) => r.zh), hint.zh, '', ...badge.reasons.map((r) => r.en), hint.en].join(
      '\n',
    );
    const drawn = `${badge.tone}\u0001${badge.text.zh}\u0001${badge.text.en}\u0001${title}`;
    if (this.poolDrawn[k] !== drawn) {
      this.poolDrawn[k] = drawn;
      this.poolAt[k] = '';
      b.className = `b ${badge.tone}`;
      // The grade, then the rest: a badge with too little room shows the grade alone until pointed at.
      const { head, rest } = badgeParts(badge.text.zh);
      const h = this.doc.createElement('span');
      h.textContent = head;
      const r = this.doc.createElement('span');
      r.className = 'r';
      r.textContent = rest;
      b.replaceChildren(h, r);
      b.title = title;
      b.setAttribute('aria-label', `${badge.text.zh} / ${badge.text.en}`);
      this.poolWidth[k] = this.widthOf(badge.text.zh) + BADGE_EDGES;
    }
    return b;
  }

  /** A text's width in px, estimated once per text. */
  private widthOf(text: string): number {
    let w = this.widths.get(text);
    if (w === undefined) {
      if (this.widths.size > 500) this.widths.clear();
      this.widths.set(text, (w = Math.ceil(textWidthEm(text) * BADGE_FONT)));
    }
    return w;
  }

  /** The rows' scrolling ancestors and a badge's room, read again only when the rows' container changed. */
  private layoutFor(first: Element, view: Window): { scrollers: Element[]; room: Room | null } {
    const parent = first.parentElement!;
    if (this.layoutOf?.parent !== parent) this.layoutOf = { parent, scrollers: scrollersOf(first, view), room: null };
    return this.layoutOf;
  }

  /**
   * Puts a badge in each row in or near the viewport (in the row's first
   * cell that holds none of the portal's controls, or left of the table where
   * nothing of the portal is), and the bar above the table. All layout reads come
   * before all writes: one layout for the whole page; rows far from the
   * viewport get no badge until a scroll brings them near.
   */
  place(): void {
    const view = this.doc.defaultView;
    const table = this.table;
    if (!view || !table) return;
    const sx = view.scrollX;
    const sy = view.scrollY;
    const first = this.rows.find((r): r is Element => r !== null && r.isConnected);
    const layout = first ? this.layoutFor(first, view) : null;
    const clip = layout ? clipOf(layout.scrollers) : null;
    // Reads first, then writes.
    // A page of a few hundred rows gets every badge (a scroll then moves them, never draws them); a longer one,
    // those within half a viewport of it (a scroll draws more in its frame).
    const near = this.rows.length <= ALL_BADGES_UP_TO ? Infinity : view.innerHeight / 2;
    const top = Math.max(clip?.top ?? 0, -near);
    const bottom = Math.min(clip?.bottom ?? 0, view.innerHeight + near);
    const shown: { row: number; r: DOMRect }[] = [];
    if (clip) {
      const rectOf = (row: number): DOMRect | null => {
        const el = this.rows[row];
        return el?.isConnected ? el.getBoundingClientRect() : null;
      };
      let from = 0;
      if (near !== Infinity) {
        // Rows lie top to bottom: the first one near the viewport is found by halving, not by measuring each.
        let hi = this.rows.length;
        while (from < hi) {
          const mid = (from + hi) >> 1;
          const r = rectOf(mid);
          if (r && r.height > 0 && r.bottom <= top + 2) from = mid + 1;
          else hi = mid;
        }
      }
      for (let row = from; row < this.rows.length; row++) {
        const r = rectOf(row);
        if (!r || r.height === 0) continue;
        if (r.top >= bottom - 2 && near !== Infinity) break;
        if (r.bottom > top + 2 && r.top < bottom - 2) shown.push({ row, r });
      }
    }
    if (layout && clip && shown.length > 0) {
      // Worked out from one row the user sees, again once the portal drew its rows anew or resized them.
      const at = shown.find((s) => s.r.top >= 0 && s.r.bottom <= view.innerHeight) ?? shown[0]!;
      const row = this.rows[at.row]!;
      if (!layout.room?.row.isConnected || layout.room.width !== at.r.width)
        layout.room = roomOf(row, at.r, table.element, sx);
    }
    const room = layout?.room ?? null;
    const now = this.deps.now();
    const day = localDay(now);
    if (this.badgeCache.day !== day) this.badgeCache = { day, now, uncaptured: null, byEntry: new WeakMap() };
    const box = table.element.getBoundingClientRect();
    const fresh = this.doc.createDocumentFragment();
    const badges = shown.map(({ row }, k) => this.drawBadge(k, row, fresh));
    // Left of the table, where nothing of the portal is and every badge fits whole; else in the row.
    const gutter =
      room && !room.cards && shown.length > 0 ? Math.min(room.gutter, shown[0]!.r.left - clip!.left) - 4 : 0;
    const inGutter = gutter > 0 && badges.every((_, k) => this.poolWidth[k]! <= gutter);
    shown.forEach(({ row, r }, k) => {
      const b = badges[k]!;
      const full = this.poolWidth[k]!;
      let mine = room;
      if (room?.cards) {
        const el = this.rows[row]!;
        mine = this.cardRooms.get(el) ?? roomOf(el, r, table.element, sx);
        this.cardRooms.set(el, mine);
      }
      const spot = inGutter
        ? { x: r.left - 2 - full, w: full }
        : mine
          ? spotIn(mine, r, clip!, full)
          : { x: Math.max(r.left, clip!.left) + 2, w: full };
      const y = room?.cards ? r.top + 3 : r.top + Math.max(0, (r.height - BADGE_HEIGHT) / 2);
      const compact = full > spot.w + 0.5;
      const at = `translate(${Math.round(spot.x + sx)}px, ${Math.round(y + sy)}px)`;
      const key = `${at}${compact ? Math.floor(spot.w) : ''}`;
      if (this.poolAt[k] !== key) {
        this.poolAt[k] = key;
        b.style.transform = at;
        b.style.setProperty('--w', `${Math.max(0, Math.floor(spot.w))}px`);
        b.classList.toggle('c', compact);
      }
      if (b.hidden) b.hidden = false;
    });
    if (fresh.firstChild) this.layer.append(fresh);
    this.poolRow.length = shown.length;
    for (let k = shown.length; k < this.pool.length; k++) if (!this.pool[k]!.hidden) this.pool[k]!.hidden = true;
    if (!this.bar.hidden && barKey(box, sx, sy) !== this.barAt) this.scheduleBar();
  }

  private barAt = '';
  private barFrame = 0;

  /**
   * The bar is placed in the frame after the badges': finding where it covers
   * none of the portal's controls takes hit tests, and the first hit test
   * after the portal's rows were laid out makes the browser prepare their
   * paint at once (most of a second on a 2,000-row page); a frame later that
   * is done. It shows only once placed.
   */
  private scheduleBar(): void {
    const view = this.doc.defaultView;
    if (this.barFrame || !view) return;
    this.barFrame = view.requestAnimationFrame(() => {
      this.barFrame = 0;
      const table = this.table;
      if (!table || this.bar.hidden || !table.element.isConnected) return;
      this.placeBar(table.element.getBoundingClientRect(), view);
      this.bar.style.visibility = '';
    });
  }

  /**
   * Above the table where that covers none of the portal's controls (its
   * toolbar often sits right there), else below it; the right end first,
   * where toolbars leave room.
   */
  private placeBar(box: DOMRect, view: Window): void {
    const sx = view.scrollX;
    const sy = view.scrollY;
    const key = barKey(box, sx, sy);
    if (key === this.barAt) return;
    this.barAt = key;
    const width = this.bar.getBoundingClientRect().width;
    const above = box.top - BAR_HEIGHT - 2;
    const below = box.bottom + 2;
    // Within the part of the table the user sees: a table wider than the window (or than its scrolling
    // box) ends out of sight, and a bar at its right end would be too; hit tests there find nothing.
    const clip = this.layoutOf ? clipOf(this.layoutOf.scrollers) : null;
    const left = Math.max(box.left, clip?.left ?? -Infinity, 0);
    const right = Math.max(
      left,
      Math.min(box.right, clip?.right ?? Infinity, this.doc.documentElement.clientWidth || view.innerWidth),
    );
    const end = Math.max(left, right - width);
    const spots = [
      { x: end, y: above },
      { x: left, y: above },
      { x: end, y: below },
      { x: left, y: below },
    ];
    const free = spots.find((spot) => !coversControl(this.doc, this.host, spot.x, spot.y, width)) ?? spots[0]!;
    this.bar.style.transform = `translate(${Math.round(Math.max(0, free.x) + sx)}px, ${Math.round(Math.max(0, free.y) + sy)}px)`;
  }
}

const barKey = (box: DOMRect, sx: number, sy: number): string =>
  [box.left, box.top, box.width, box.height, sx, sy].map(Math.round).join(',');

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

/** A row's scrolling ancestors: the boxes it can be seen in. */
function scrollersOf(row: Element, view: Window): Element[] {
  const out: Element[] = [];
  for (let el = row.parentElement; el && el !== row.ownerDocument.body; el = el.parentElement) {
    const style = view.getComputedStyle(el);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') out.push(el);
  }
  return out;
}

/** The part of the page a row can be seen in: its scrolling ancestors' boxes, intersected. */
function clipOf(scrollers: Element[]): Clip {
  const clip: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
  for (const el of scrollers) {
    const r = el.getBoundingClientRect();
    clip.left = Math.max(clip.left, r.left);
    clip.top = Math.max(clip.top, r.top);
    clip.right = Math.min(clip.right, r.right);
    clip.bottom = Math.min(clip.bottom, r.bottom);
  }
  return clip;
}

/**
 * Where in a row a badge may sit, from one row's boxes (the rows of a list
 * share their columns): the cells that hold none of the portal's controls,
 * left to right, as offsets from the row's start; on a card (no cells), the
 * stretches of its top edge between its controls. Boxes, not hit tests:
 * the first hit test makes the browser prepare the whole page's paint.
 */
interface Room {
  slots: { l: number; r: number }[];
  /** Free width left of the row's start: no portal content beside the list there. */
  gutter: number;
  cards: boolean;
  /** The row it was read from, and its width then. */
  row: Element;
  width: number;
}

/** What a badge must never cover: the portal's controls, checkboxes drawn by a table library included. */
const PORTAL_CONTROL =
  'a[href], button, input:not([type="hidden"]), select, textarea, label, [role="button"], [role="link"], [onclick], [tabindex]:not([tabindex="-1"]), [role="checkbox"], [class*="checkbox"]';

const holdsControl = (cell: Element): boolean =>
  cell.matches('[class*="checkbox"], [class*="selection"]') || cell.querySelector(PORTAL_CONTROL) !== null;

function roomOf(row: Element, r: DOMRect, table: Element, sx: number): Room {
  // A table row's own cells, a grid row's (AG Grid nests them in its pinned parts); none on a card.
  const cells =
    row.localName === 'tr'
      ? Array.from(row.children).filter((c) => c.localName === 'td' || c.localName === 'th')
      : Array.from(row.querySelectorAll('[role="gridcell"], [role="cell"]'));
  const cards = cells.length === 0;
  const top = cards ? r.top + 3 : r.top + Math.max(0, (r.height - BADGE_HEIGHT) / 2);
  // The portal's controls in the band a badge takes, one spilling out of its cell included.
  const taken = Array.from(row.querySelectorAll(PORTAL_CONTROL))
    .map((c) => c.getBoundingClientRect())
    .filter((b) => b.width > 0 && b.bottom > top && b.top < top + BADGE_HEIGHT);
  const free = cards
    ? [{ b: { left: r.left + 2, right: r.right - 2 } }]
    : cells
        .map((c) => ({ c, b: c.getBoundingClientRect() }))
        .filter(({ c, b }) => b.width > 0 && !holdsControl(c))
        .sort((a, b) => a.b.left - b.b.left);
  const slots: Room['slots'] = [];
  for (const { b } of free) {
    // The cell's stretches between those controls.
    let from = b.left;
    for (const t of [
      ...taken.filter((t) => t.right > b.left && t.left < b.right),
      { left: b.right, right: b.right },
    ].sort((x, y) => x.left - y.left)) {
      if (t.left - 2 - from >= MIN_ROOM) slots.push({ l: from - r.left, r: t.left - 2 - r.left });
      from = Math.max(from, t.right + 2);
    }
  }
  return { slots, gutter: gutterOf(row, r, table, sx), cards, row, width: r.width };
}

/**
 * The free width left of a row: up to the page's left edge, or to the
 * nearest box of the portal (a sidebar, a menu) beside the list's band.
 * Read from the siblings of the row's ancestors.
 */
function gutterOf(row: Element, r: DOMRect, table: Element, sx: number): number {
  const band = table.getBoundingClientRect();
  let free = r.left + sx;
  const body = row.ownerDocument.body;
  for (let el = row.parentElement; el && el !== body && el.parentElement; el = el.parentElement) {
    for (let sib = el.parentElement.firstElementChild; sib; sib = sib.nextElementSibling) {
      if (sib === el || isOurs(sib)) continue;
      const b = sib.getBoundingClientRect();
      if (b.width === 0 || b.height === 0 || b.bottom <= band.top || b.top >= band.bottom || b.left >= r.left - 0.5)
        continue;
      free = Math.min(free, Math.max(0, r.left - b.right));
    }
  }
  return Math.max(0, free);
}

/**
 * The first place in the row with room for a badge: a free cell (a card's
 * free stretch where the whole badge fits, else its first one), within the
 * part of the row the user sees, a few px inside it.
 */
function spotIn(room: Room, r: DOMRect, clip: Clip, full: number): { x: number; w: number } {
  let first: { x: number; w: number } | null = null;
  for (const s of room.slots) {
    const x0 = Math.max(r.left + s.l, clip.left);
    const x1 = Math.min(r.left + s.r, clip.right);
    if (x1 - x0 < MIN_ROOM) continue;
    const spot = { x: x0 + 2, w: x1 - x0 - 4 };
    if (!room.cards || spot.w >= full) return spot;
    first ??= spot;
  }
  // No free cell in sight: the row's start, the grade alone.
  return first ?? { x: Math.max(r.left, clip.left) + 2, w: 0 };
}
