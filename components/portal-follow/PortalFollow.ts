// Following the portal (docs/capture.md#following-the-portal): where the user
// turned it on for the site, the rows of a profiled list are captured as the
// user pages through them, by the same message as the panel's 抓取, once the
// page has settled; the count shows quietly on the panel. It never clicks,
// never opens a dialog, and reads nothing while the list loads or the user
// types. Plain DOM: this is injected into the portal and must stay small.
import type { TableCandidate } from '@/lib/scrape';
import type { StagedTable } from '@/lib/capture/types';
import type { BatchReport } from '@/lib/capture/wire';
import type { IdentityColumns } from '@/lib/overlay/types';
import { fingerprint, FOLLOW_QUIET_MS as QUIET, followVerdict, rowsToFollow } from '@/lib/overlay/follow';
import { BUSY_SELECTOR } from '@/lib/crawl/settle';
import { format, type Bilingual } from '@/lib/i18n';
import { FOLLOW_TEXT as T } from './messages';

export interface FollowLine {
  text: Bilingual;
  kind: 'info' | 'error';
}

export interface FollowDeps {
  findTables(): TableCandidate[];
  isCustomerList(table: TableCandidate): boolean;
  /** The list's identity columns by its site profile, or null where it is not followed. */
  plan(headers: string[]): Promise<{ columns: IdentityColumns } | null>;
  /**
   * The panel's capture ('capture:run'): committed at once, since the list has
   * a profile. With `skipUnchanged` a page that changes no customer stores no
   * batch (`batch.stored` false), so the user's own last capture stays the one to undo.
   */
  capture(table: StagedTable, options: { skipUnchanged: true }): Promise<{ batch?: BatchReport }>;
  /** The tab's tally: `add` what was just stored; the prints seen and the customers counted back. */
  tally(add?: { prints: string[]; customers: string[] }): Promise<{ prints: string[]; count: number }>;
  /** A whole-list capture is turning the pages (it captures them itself). */
  crawling(): boolean;
  /** The quiet line on the panel; null takes it away. */
  show(line: FollowLine | null): void;
  now(): number;
}

/** After a failed store, look again this much later (and at the next change), a few times. */
const RETRY_MS = 3_000;
const RETRIES = 3;

export class PortalFollow {
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastChangeAt = 0;
  private seen = new Set<string>();
  private count = 0;
  private rejected = 0;
  private ready: Promise<void> | null = null;
  private looking = false;
  private again = false;
  private failures = 0;
  /** The list last read and its text's print: a re-render that changed nothing in it is not read again. */
  private last: { element: Element; print: string } | null = null;
  private readonly plans = new Map<string, { columns: IdentityColumns }>();
  /** The line shows once a followed list or a count is there: a page with no such list stays as it was. */
  private shown = false;
  /** The documents observed: the page's, and its same-origin frames' as they load. */
  private watched = new WeakSet<Document>();
  /** Frames whose loads are heard (once each, across a stop and a start). */
  private readonly hooked = new WeakSet<Element>();

  constructor(
    private readonly doc: Document,
    private readonly deps: FollowDeps,
  ) {}

  get running(): boolean {
    return this.observer !== null;
  }

  start(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !isOurs(r.target))) this.changed();
    });
    this.watched = new WeakSet();
    this.watch(this.doc, 0);
    // A page load (a server pager's next page) shows its rows at once: they are read once quiet.
    this.ready = this.deps.tally().then(
      ({ prints, count }) => {
        this.seen = new Set(prints);
        this.count = count;
        if (count > 0) this.showCount();
      },
      () => undefined,
    );
    this.changed();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.last = null;
    this.shown = false;
    this.deps.show(null);
  }

  /**
   * Watches a document and its same-origin frames (an iframe in the portal's
   * shell, a frameset's list frame): a list paged in place inside a frame
   * changes the frame's document, and a frame's next page (a server pager
   * inside the frame) is a new document, heard by the frame's load.
   */
  private watch(doc: Document, depth: number): void {
    if (!this.observer) return;
    const root = doc === this.doc ? (doc.body ?? doc.documentElement) : doc.documentElement;
    if (root && !this.watched.has(doc)) {
      this.watched.add(doc);
      this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    }
    if (depth >= MAX_FRAME_DEPTH) return;
    for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
      if (!this.hooked.has(frame)) {
        this.hooked.add(frame);
        frame.addEventListener('load', () => {
          if (!this.observer) return;
          this.watch(this.doc, 0);
          this.changed();
        });
      }
      const inner = frameDocument(frame);
      if (inner) this.watch(inner, depth + 1);
    }
  }

  private changed(): void {
    this.lastChangeAt = this.deps.now();
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.observer) return;
    clearTimeout(this.timer);
    const wait = Math.max(ms, this.lastChangeAt + QUIET - this.deps.now());
    this.timer = setTimeout(() => void this.look(), wait);
  }

  /** Reads the list once the page is quiet, and captures the rows not captured as they show now. */
  async look(): Promise<void> {
    if (!this.observer) return;
    if (this.looking) {
      this.again = true;
      return;
    }
    this.looking = true;
    try {
      await this.ready;
      // Frames added by the page's script since: watched from now on.
      this.watch(this.doc, 0);
      const list = this.findList();
      const where = list?.element.ownerDocument ?? this.doc;
      const verdict = followVerdict(
        {
          rows: list?.rows.length ?? 0,
          busy: this.busy(this.doc) || (where !== this.doc && this.busy(where)),
          editing: this.editing(where, list?.element ?? null),
          crawling: this.deps.crawling(),
          lastChangeAt: this.lastChangeAt,
          now: this.deps.now(),
        },
        QUIET,
      );
      if (verdict.type === 'wait') return this.schedule(verdict.ms);
      if (verdict.type !== 'capture' || !list) return;
      await this.follow(list);
    } finally {
      this.looking = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  private findList(): TableCandidate | null {
    const last = this.last;
    // The list the portal re-rendered with the same text (a poll, a hover class): nothing new to read.
    // A frame's page left behind keeps its nodes connected to its old document, which has no window.
    if (
      last?.element.isConnected &&
      last.element.ownerDocument.defaultView &&
      fingerprint(last.element.textContent ?? '') === last.print
    )
      return null;
    return this.deps.findTables().find((t) => this.deps.isCustomerList(t)) ?? null;
  }

  /**
   * The user captured this list by hand from the panel while following: its
   * rows count as followed and are not sent again (no second, unchanged batch
   * over the user's own).
   */
  async capturedByHand(list: TableCandidate): Promise<void> {
    if (!this.observer) return;
    await this.ready;
    const plan = await this.deps.plan(list.headers).catch(() => null);
    if (!plan) return;
    this.plans.set(list.headers.join('\u0001'), plan);
    const pick = rowsToFollow(list, plan.columns, this.seen);
    for (const p of pick.prints) this.seen.add(p);
    this.last = { element: list.element, print: fingerprint(list.element.textContent ?? '') };
    if (pick.rows.length === 0) return;
    const tally = await this.deps.tally({ prints: pick.prints, customers: pick.customers }).catch(() => null);
    this.count = tally?.count ?? this.count + pick.customers.length;
    this.showCount();
  }

  private async follow(list: TableCandidate): Promise<void> {
    const signature = list.headers.join('\u0001');
    // A list without a profile is asked about again at its next change: the user may capture it by hand meanwhile.
    const plan = this.plans.get(signature) ?? (await this.deps.plan(list.headers).catch(() => null));
    const print = fingerprint(list.element.textContent ?? '');
    if (!plan) {
      this.last = { element: list.element, print };
      return;
    }
    this.plans.set(signature, plan);
    if (!this.shown) this.showCount();
    const pick = rowsToFollow(list, plan.columns, this.seen);
    if (pick.rows.length === 0) {
      this.last = { element: list.element, print };
      return;
    }
    const owner = list.element.ownerDocument ?? this.doc;
    try {
      const run = await this.deps.capture(
        {
          pageUrl: owner.URL || this.doc.URL,
          pageTitle: owner.title || this.doc.title,
          frame: list.frame,
          headers: list.headers,
          rows: pick.rows.map((i) => list.rows[i]!),
          rowLinks: pick.rows.map((i) => list.rowLinks[i] ?? null),
          totalRowsHint: list.totalRowsHint,
        },
        { skipUnchanged: true },
      );
      // Staged without a commit: the profile went away since the plan (the staged table expires unseen).
      if (!run.batch) return;
      for (const p of pick.prints) this.seen.add(p);
      this.rejected += run.batch.counts.rejected;
      this.failures = 0;
      this.last = { element: list.element, print };
      const tally = await this.deps.tally({ prints: pick.prints, customers: pick.customers }).catch(() => null);
      this.count = tally?.count ?? this.count + pick.customers.length;
      this.showCount();
    } catch (error) {
      // Nothing is marked seen: the rows go again at the next change, or shortly.
      const text = error instanceof Error ? error.message : String(error);
      this.shown = true;
      this.deps.show({
        kind: 'error',
        text: { zh: format(T.failed.zh, { error: text }), en: format(T.failed.en, { error: text }) },
      });
      if (++this.failures <= RETRIES) this.schedule(RETRY_MS);
    }
  }

  private showCount(): void {
    this.shown = true;
    const parts: Bilingual[] = [
      this.count > 0 ? { zh: format(T.count.zh, { n: this.count }), en: format(T.count.en, { n: this.count }) } : T.on,
    ];
    if (this.rejected > 0)
      parts.push({ zh: format(T.rejected.zh, { n: this.rejected }), en: format(T.rejected.en, { n: this.rejected }) });
    this.deps.show({
      kind: 'info',
      text: { zh: parts.map((p) => p.zh).join('，'), en: parts.map((p) => p.en).join(', ') },
    });
  }

  /** A loading mask of the portal's table library, or a busy mark, shows. */
  private busy(doc: Document): boolean {
    return Array.from(doc.querySelectorAll(BUSY_SELECTOR)).some((el) => el.getClientRects().length > 0);
  }

  /**
   * The user is mid-edit: typing in the list (an inline editor), in a dialog
   * over it, or in a field whose text is not what the page gave it; or the
   * list shows an inline editor.
   */
  private editing(doc: Document, list: Element | null): boolean {
    // The list's own document: a focused field inside a frame leaves only the frame focused in the page.
    const active = doc.activeElement;
    if (active && isEditable(active)) {
      if (list?.contains(active) || active.closest(DIALOG)) return true;
      const field = active as HTMLInputElement;
      if ('defaultValue' in field && field.value !== field.defaultValue) return true;
    }
    return !!list?.querySelector(INLINE_EDITOR);
  }
}

const TEXT_INPUT =
  'input:not([type]), input[type="text"], input[type="search"], input[type="tel"], input[type="number"]';
const EDITABLE = `${TEXT_INPUT}, textarea, select, [contenteditable=""], [contenteditable="true"]`;
/** A text field in a data cell: a row open for editing (a header's filter field is no edit). */
const INLINE_EDITOR = ['tbody td', '[role="gridcell"]']
  .flatMap((cell) =>
    [TEXT_INPUT, 'textarea', '[contenteditable="true"]'].flatMap((f) => f.split(', ').map((x) => `${cell} ${x}`)),
  )
  .join(', ');
const DIALOG =
  '[role="dialog"], dialog, .el-dialog, .el-drawer, .ant-modal, .ant-drawer, .layui-layer, .modal, .ivu-modal, .vxe-modal--box';

function isEditable(el: Element): boolean {
  return el.matches(EDITABLE) || (el as HTMLElement).isContentEditable === true;
}

/** As deep as the scraper reads frames (lib/scrape). */
const MAX_FRAME_DEPTH = 4;

/** A same-origin frame's document; a cross-origin one is not ours to read. */
function frameDocument(frame: Element): Document | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}

const isOurs = (node: Node): boolean => {
  for (let n: Node | null = node; n; n = n.parentNode) if (n.nodeName.startsWith('DEALERLENS-')) return true;
  return false;
};
