// Text as a user reads it (docs/capture.md#reading-cells, "text as a user reads it"): whitespace
// collapsed, hidden helper text, sort icons and script/style ignored, the
// title used where a cell is truncated with an ellipsis. Works on a DOM
// without layout (happy-dom): no innerText; computed styles only when the
// document has a window that can compute them, cached per class.

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'img',
  'canvas',
  'video',
  'audio',
  'iframe',
  'frame',
  'object',
  'head',
  'link',
  'meta',
]);

/**
 * Class tokens that hide an element in common UI kits (Bootstrap, layui, AG
 * Grid, Element Plus, Ext JS: x-hidden-offsets holds the "Cell value has been
 * edited" text of every grid column header, off screen).
 */
const HIDDEN_CLASSES = new Set([
  'hidden',
  'hide',
  'd-none',
  'invisible',
  'sr-only',
  'visually-hidden',
  'screen-reader-text',
  'layui-hide',
  'ag-hidden',
  'hidden-columns',
  'x-hidden',
  'x-hidden-offsets',
  'x-hidden-display',
  'x-hidden-visibility',
  'x-hidden-clip',
]);

const BLOCK_TAGS = new Set([
  'div',
  'p',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'form',
  'fieldset',
  'nav',
  'aside',
  'main',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))/i;
const ICON_CLASS = /sort|caret|arrow|icon/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
const ELLIPSIS_END = /(?:…|\.{3})$/;
const TRUNCATING_CLASS = /ellipsis|truncat|overflow|clip|(?:^|\s)cell(?:\s|$)/i;

/**
 * First descendant passing `test`, in document order. A plain walk: on
 * Chromium it is several times cheaper per cell than querySelector, which
 * matters on 5,000-row tables (docs/architecture.md#performance-budgets).
 */
export function findDescendant(root: Element, test: (el: Element) => boolean): Element | null {
  let el: Element | null = root.firstElementChild;
  while (el) {
    if (test(el)) return el;
    if (el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) el = el.parentElement;
    if (!el || el === root) return null;
    el = el.nextElementSibling;
  }
  return null;
}

/** A run of white space (one space) or of zero-width characters alone (nothing: "备\u200b注" is 备注, not "备 注"). */
const SPACE_RUN = /[\s\u200b-\u200d\u2060]+/g;
const VISIBLE_SPACE = /[^\u200b-\u200d\u2060\ufeff]/;

export function collapseSpace(text: string): string {
  return text.replace(SPACE_RUN, (run) => (VISIBLE_SPACE.test(run) ? ' ' : '')).trim();
}

/** Per-call visibility context: inline and attribute rules, plus computed styles cached by class. */
export interface Visibility {
  isHidden(el: Element): boolean;
}

export function createVisibility(doc: Document | null): Visibility {
  const view = doc?.defaultView as (Window & typeof globalThis) | null | undefined;
  const canCompute = !!view && typeof view.getComputedStyle === 'function';
  // tag -> class -> parent's class -> hidden
  const byClass = new Map<string, Map<string, Map<string, boolean>>>();
  // Cells of one row share a parent: read its class once per row, not per cell.
  let lastParent: Element | null = null;
  let lastParentClass = '';
  return {
    isHidden(el: Element): boolean {
      if (!el.hasAttributes()) return false;
      if (el.hasAttribute('hidden')) return true;
      if (el.getAttribute('aria-hidden') === 'true') return true;
      const style = el.getAttribute('style');
      if (style && HIDDEN_STYLE.test(style)) return true;
      const cls = el.getAttribute('class');
      if (!cls) return false;
      for (const token of cls.split(/\s+/)) if (HIDDEN_CLASSES.has(token)) return true;
      if (!canCompute) return false;
      // Cached by the element's and its parent's classes: a stylesheet rule
      // like `td.is-hidden > .cell` depends on the parent, and a per-cell
      // getComputedStyle would break the performance target of docs/architecture.md#performance-budgets.
      const parent = el.parentElement;
      if (parent !== lastParent) {
        lastParent = parent;
        lastParentClass = parent?.getAttribute('class') ?? '';
      }
      const parentClass = lastParentClass;
      let byTag = byClass.get(el.localName);
      if (!byTag) byClass.set(el.localName, (byTag = new Map()));
      let byParent = byTag.get(cls);
      if (!byParent) byTag.set(cls, (byParent = new Map()));
      let hidden = byParent.get(parentClass);
      if (hidden === undefined) {
        try {
          const computed = view!.getComputedStyle(el);
          hidden =
            computed.display === 'none' || computed.visibility === 'hidden' || computed.visibility === 'collapse';
        } catch {
          hidden = false;
        }
        byParent.set(parentClass, hidden);
      }
      return hidden;
    },
  };
}

function isSkipped(el: Element, vis: Visibility): boolean {
  const name = el.localName;
  if (SKIPPED_TAGS.has(name)) return true;
  if (vis.isHidden(el)) return true;
  // A table cell is never an icon itself (and one read per cell counts on long lists).
  if (name === 'td' || name === 'th') return false;
  const cls = el.getAttribute('class');
  // Sort carets and icons carry arrows, not data; skip them unless they hold words.
  if (cls && ICON_CLASS.test(cls) && !HAS_WORD.test(el.textContent ?? '')) return true;
  return false;
}

/** What a walk over a cell saw besides text: the first title holder, and whether it holds a table. */
interface Walk {
  title: Element | null;
  table: boolean;
  /** Stop at the first nested table: a layout cell's text is not read, however large its content. */
  stopAtTable: boolean;
  /** Something besides text nodes shaped the result (a skipped or hidden element, a form control, a line break). */
  special: boolean;
}

function collect(node: Element, out: string[], vis: Visibility, walk: Walk): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (walk.table && walk.stopAtTable) return;
    if (child.nodeType === 3) {
      out.push(child.nodeValue ?? '');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    if (isSkipped(el, vis)) {
      walk.special = true;
      continue;
    }
    if (walk.title === null && el.hasAttribute('title')) walk.title = el;
    const name = el.localName;
    if (name === 'br') {
      walk.special = true;
      out.push(' ');
    } else if (name === 'input') {
      walk.special = true;
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type !== 'hidden' && type !== 'checkbox' && type !== 'radio' && type !== 'password') {
        out.push(' ', (el as HTMLInputElement).value ?? el.getAttribute('value') ?? '', ' ');
      }
    } else if (name === 'select') {
      walk.special = true;
      const selected = el.querySelector('option[selected]') ?? el.querySelector('option');
      if (selected) out.push(' ', selected.textContent ?? '', ' ');
    } else if (BLOCK_TAGS.has(name)) {
      if (name === 'table') walk.table = true;
      out.push(' ');
      collect(el, out, vis, walk);
      out.push(' ');
    } else if (el.firstElementChild) {
      collect(el, out, vis, walk);
    } else {
      out.push(el.textContent ?? '');
    }
  }
}

/** The full text behind an ellipsis, when the page keeps it in a title. */
function untruncated(el: Element, visible: string, holder: Element): string {
  const title = collapseSpace(holder.getAttribute('title') ?? '');
  if (!title || title === visible || title.length < visible.length) return visible;
  const stripped = visible.replace(ELLIPSIS_END, '').trimEnd();
  if (stripped !== visible && title.startsWith(stripped)) return title;
  const classes = `${holder.getAttribute('class') ?? ''} ${el.getAttribute('class') ?? ''}`;
  if (visible && TRUNCATING_CLASS.test(classes) && title.startsWith(visible)) return title;
  return visible;
}

/** What a careful read learnt about a cell besides its text. */
interface ReadInfo {
  hidden: boolean;
  /** Its text is its collapsed textContent: no title, control, break, skipped or hidden part. */
  plain: boolean;
  /** It reads as nothing because what it holds is hidden (a fixed column's hidden copy). */
  blank: boolean;
}

function readCarefully(el: Element, vis: Visibility, layoutCell: boolean, info: ReadInfo | null): string {
  if (isSkipped(el, vis)) {
    if (info) info.hidden = true;
    return '';
  }
  let text: string;
  let holder: Element | null = el.hasAttribute('title') ? el : null;
  if (!el.firstElementChild) {
    text = collapseSpace(el.textContent ?? '');
    if (info) info.plain = holder === null;
  } else {
    const parts: string[] = [];
    const walk: Walk = { title: null, table: false, stopAtTable: layoutCell, special: false };
    collect(el, parts, vis, walk);
    if (layoutCell && walk.table) return '';
    text = collapseSpace(parts.join(''));
    holder ??= walk.title;
    if (info) {
      info.plain = holder === null && !walk.special && !walk.table && text === collapseSpace(el.textContent ?? '');
      info.blank = !info.plain && holder === null && !walk.table && text === '';
    }
  }
  return holder ? untruncated(el, text, holder) : text;
}

/**
 * Text of `el` as displayed. With `layoutCell`, a cell holding a table gives
 * '' (it is layout: its content is read as that table, not as this cell).
 * One walk per cell collects text, the title holder and nested tables.
 */
export function displayedText(el: Element, vis: Visibility, layoutCell = false): string {
  return readCarefully(el, vis, layoutCell, null);
}

/** A column's cell shape, and whether cells of that shape read as their plain text. */
type ShapeReading = 'text' | 'hidden' | 'blank';

interface ColumnShape {
  cls: string;
  style: string;
  elements: number;
  reading: ShapeReading;
  /** cells of this shape read carefully in a row, all plain; -1 once one was not */
  agreed: number;
}

/** Elements inside a cell; a single wrapper (Element's div.cell) is counted without a collection. */
function elementCount(cell: Element): number {
  const first = cell.firstElementChild;
  if (!first) return 0;
  if (!first.firstElementChild && !first.nextElementSibling) return 1;
  return cell.getElementsByTagName('*').length;
}

/** Careful reads of a shape before its cells are read as plain text. */
const SHAPE_WARMUP = 4;

/**
 * Reads the cells of a long table column by column (docs/architecture.md#performance-budgets:
 * 5,000 rows in under 300 ms). Most columns repeat one cell shape (class,
 * inline style, element count) whose careful read is just its collapsed
 * textContent, or which is hidden (the copies of fixed columns Element UI
 * renders, or whose content they hide); once a shape has read that way
 * several times, further cells of exactly that shape are read in a few DOM
 * calls instead of a walk. Any other shape, and any text ending in an
 * ellipsis (a title may hold more), is read carefully.
 */
export class CellReader {
  /** whether the last cell read is hidden */
  hidden = false;
  private readonly shapes: (ColumnShape | undefined)[] = [];
  private readonly info: ReadInfo = { hidden: false, plain: false, blank: false };

  constructor(
    private readonly vis: Visibility,
    private readonly layoutCell = true,
  ) {}

  read(cell: Element, col: number): string {
    const cls = cell.getAttribute('class') ?? '';
    const style = cell.getAttribute('style') ?? '';
    const elements = elementCount(cell);
    let shape = this.shapes[col];
    const same = shape !== undefined && shape.cls === cls && shape.style === style && shape.elements === elements;
    // A title on the cell may hold more than it shows: read it carefully.
    if (same && shape!.agreed >= SHAPE_WARMUP && !cell.hasAttribute('title')) {
      if (shape!.reading !== 'text') {
        this.hidden = shape!.reading === 'hidden';
        return '';
      }
      const text = collapseSpace(cell.textContent ?? '');
      if (!ELLIPSIS_END.test(text)) {
        this.hidden = false;
        return text;
      }
    }
    const info = this.info;
    info.hidden = false;
    info.plain = false;
    info.blank = false;
    const text = readCarefully(cell, this.vis, this.layoutCell, info);
    this.hidden = info.hidden;
    const reading: ShapeReading | null = info.hidden ? 'hidden' : info.plain ? 'text' : info.blank ? 'blank' : null;
    if (same) {
      if (reading !== shape!.reading) shape!.agreed = -1;
      else if (shape!.agreed >= 0) shape!.agreed++;
    } else {
      shape = { cls, style, elements, reading: reading ?? 'text', agreed: reading ? 1 : -1 };
      this.shapes[col] = shape;
    }
    return text;
  }
}

/** Text of an element as displayed (exported for reuse by capture and mapping). */
export function extractText(el: Element): string {
  return displayedText(el, createVisibility(el.ownerDocument));
}
