// The workbench as an in-page drawer over the portal (docs/architecture.md#the-extension-parts: staff should
// not have to leave the portal). The workbench page runs in an iframe of the
// extension's origin inside a closed shadow root: the portal's CSS cannot
// reach the drawer, its scripts can neither read the frame's data (another
// origin) nor reach the drawer's controls (docs/architecture.md#hostile-pages).
// Plain DOM: this is injected into the portal and must stay small.
import { PAGER_PART_SELECTOR, PAGER_SELECTOR } from '../capture-panel/placement';
import { onUserClick, onUserEvent } from '../capture-panel/trusted';

export interface DrawerDeps {
  /** The workbench page's URL (chrome-extension://…/workbench.html). */
  url: string;
  /** The width the user last chose, and where to keep a new one. */
  loadWidth(): Promise<number | undefined>;
  saveWidth(width: number): void;
}

const MIN_WIDTH = 360;
const DEFAULT_SHARE = 0.62;
const KEY_STEP = 40;
/** Room left between the drawer and a pager it stops short of. */
const PAGER_GAP = 8;

const DRAWER_CSS = `
:host { all: initial; }
.drawer { position: fixed; top: 0; right: 0; bottom: 0; display: flex; background: #fff;
  box-shadow: -6px 0 24px rgba(0,0,0,.25); font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.drawer[hidden] { display: none; }
.handle { width: 8px; cursor: ew-resize; background: #eaeef2; border: 0; padding: 0; flex: none; }
.handle:hover, .handle:focus-visible { background: #1f6feb; outline: none; }
.main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 4px 10px; font-size: 13px;
  background: #f6f8fa; border-bottom: 1px solid #d0d7de; color: #1f2328; }
.bar button { border: 0; background: transparent; font-size: 18px; cursor: pointer; color: #57606a; }
iframe { flex: 1; width: 100%; border: 0; }
.dragging iframe { pointer-events: none; }
`;

export class WorkbenchDrawer {
  private readonly drawer: HTMLElement;
  private frame: HTMLIFrameElement | null = null;
  private width = 0;

  constructor(
    private readonly ui: Document,
    private readonly deps: DrawerDeps,
  ) {
    const host = ui.createElement('dealerlens-workbench');
    host.style.cssText = 'all: initial; position: fixed; z-index: 2147483646; inset: 0 0 auto auto;';
    const root = host.attachShadow({ mode: 'closed' });
    const style = ui.createElement('style');
    style.textContent = DRAWER_CSS;
    this.drawer = ui.createElement('aside');
    this.drawer.className = 'drawer';
    this.drawer.hidden = true;
    this.drawer.setAttribute('aria-label', 'DealerLens 工作台 Workbench');

    const handle = ui.createElement('button');
    handle.className = 'handle';
    handle.type = 'button';
    handle.title = '拖动调整宽度（方向键也可）/ Drag to resize (arrow keys too)';
    handle.setAttribute('aria-label', '调整宽度 Resize');
    onUserEvent<PointerEvent>(handle, 'pointerdown', (event) => this.drag(event, handle));
    onUserEvent<KeyboardEvent>(handle, 'keydown', (event) => {
      if (event.key === 'ArrowLeft') this.resize(this.width + KEY_STEP, true);
      else if (event.key === 'ArrowRight') this.resize(this.width - KEY_STEP, true);
    });

    const main = ui.createElement('div');
    main.className = 'main';
    const bar = ui.createElement('div');
    bar.className = 'bar';
    const title = ui.createElement('strong');
    title.textContent = 'DealerLens 工作台 Workbench';
    const close = ui.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '×';
    close.title = '关闭 / Close';
    onUserClick(close, () => this.close());
    bar.append(title, close);
    main.append(bar);
    this.drawer.append(handle, main);
    root.append(style, this.drawer);
    (ui.body ?? ui.documentElement).append(host);
    this.host = host;
    const view = ui.defaultView;
    const later = (): void => {
      if (this.isOpen) view?.requestAnimationFrame?.(() => this.clearPager());
    };
    view?.addEventListener('resize', later);
    view?.addEventListener('scroll', later, { capture: true, passive: true });
  }

  private readonly host: HTMLElement;

  /**
   * The drawer never covers the portal's pager: where pager parts sit under
   * it, it stops short of them (above a pager at the bottom, below one at the
   * top), so the user can page through the list beside the workbench.
   */
  clearPager(): void {
    const view = this.ui.defaultView;
    if (!view || this.drawer.hidden) return;
    const height = view.innerHeight;
    const left = view.innerWidth - this.width;
    let top = 0;
    let bottom = 0;
    for (const pager of Array.from(this.ui.querySelectorAll(PAGER_SELECTOR)).slice(0, 20)) {
      if (this.host.contains(pager)) continue;
      const parts = Array.from(pager.querySelectorAll(PAGER_PART_SELECTOR)).slice(0, 60);
      for (const part of parts.length ? parts : [pager]) {
        const r = part.getBoundingClientRect();
        if (r.width <= 0 || r.height <= 0 || r.right <= left || r.bottom <= 0 || r.top >= height) continue;
        if (r.top >= height / 2) bottom = Math.max(bottom, height - r.top + PAGER_GAP);
        else top = Math.max(top, r.bottom + PAGER_GAP);
      }
    }
    this.drawer.style.top = `${top}px`;
    this.drawer.style.bottom = `${bottom}px`;
  }

  get isOpen(): boolean {
    return !this.drawer.hidden;
  }

  /** `url`: another page of the workbench to show (a customer's follow-up, a view); else the one it shows. */
  async open(url?: string): Promise<void> {
    if (!this.frame) {
      // Loaded on first open only: the portal page pays nothing until the user asks.
      this.frame = this.ui.createElement('iframe');
      this.frame.title = 'DealerLens 工作台 Workbench';
      this.frame.src = url ?? this.deps.url;
      this.drawer.querySelector('.main')!.append(this.frame);
    } else if (url !== undefined && this.frame.src !== url) this.frame.src = url;
    const saved = await this.deps.loadWidth().catch(() => undefined);
    this.resize(saved ?? this.viewportWidth() * DEFAULT_SHARE, false);
    this.drawer.hidden = false;
    this.clearPager();
  }

  close(): void {
    this.drawer.hidden = true;
  }

  async toggle(): Promise<void> {
    if (this.isOpen) this.close();
    else await this.open();
  }

  private viewportWidth(): number {
    return this.ui.defaultView?.innerWidth ?? 1280;
  }

  /** Clamped so the drawer stays usable and a strip of the portal stays visible to drag back. */
  private resize(width: number, remember: boolean): void {
    const max = Math.max(MIN_WIDTH, this.viewportWidth() - 40);
    this.width = Math.round(Math.min(max, Math.max(MIN_WIDTH, width)));
    this.drawer.style.width = `${this.width}px`;
    this.clearPager();
    if (remember) this.deps.saveWidth(this.width);
  }

  private drag(start: PointerEvent, handle: HTMLElement): void {
    start.preventDefault();
    const startX = start.clientX;
    const startWidth = this.width;
    // The iframe would swallow the moves: it ignores the pointer while dragging.
    this.drawer.classList.add('dragging');
    handle.setPointerCapture?.(start.pointerId);
    const move = (event: PointerEvent) => this.resize(startWidth + (startX - event.clientX), false);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      this.drawer.classList.remove('dragging');
      this.deps.saveWidth(this.width);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }
}
