// Text as a user reads it (issue #2, "text as a user reads it"): whitespace
// collapsed, hidden helper text, sort icons and script/style ignored, the
// title used where a cell is truncated with an ellipsis. Works on a DOM
// without layout (happy-dom): no innerText; computed styles only when the
// document has a window that can compute them, cached per class.

const SKIPPED_TAGS = new Set([
  'script', 'style', 'template', 'noscript', 'svg', 'img', 'canvas', 'video', 'audio', 'iframe', 'frame', 'object', 'head', 'link', 'meta',
]);

/** Class tokens that hide an element in common UI kits (Bootstrap, layui, AG Grid, Element Plus). */
const HIDDEN_CLASSES = new Set([
  'hidden', 'hide', 'd-none', 'invisible', 'sr-only', 'visually-hidden', 'screen-reader-text', 'layui-hide', 'ag-hidden', 'hidden-columns',
]);

const BLOCK_TAGS = new Set([
  'div', 'p', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'table', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'form', 'fieldset', 'nav', 'aside', 'main',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))/i;
const ICON_CLASS = /sort|caret|arrow|icon/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
const ELLIPSIS_END = /(?:…|\.{3})$/;
const TRUNCATING_CLASS = /ellipsis|truncat|overflow|clip|(?:^|\s)cell(?:\s|$)/i;

export function collapseSpace(text: string): string {
  return text.replace(/[\s\u200b-\u200d]+/g, ' ').trim();
}

/** Per-call visibility context: inline and attribute rules, plus computed styles cached by class. */
export interface Visibility {
  isHidden(el: Element): boolean;
}

export function createVisibility(doc: Document | null): Visibility {
  const view = doc?.defaultView as (Window & typeof globalThis) | null | undefined;
  const canCompute = !!view && typeof view.getComputedStyle === 'function';
  const byClass = new Map<string, boolean>();
  return {
    isHidden(el: Element): boolean {
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
      // getComputedStyle would break the performance target of issue #2.
      const parent = el.parentElement;
      const key = `${el.localName}.${cls}<${parent ? `${parent.localName}.${parent.getAttribute('class') ?? ''}` : ''}`;
      let hidden = byClass.get(key);
      if (hidden === undefined) {
        try {
          const computed = view!.getComputedStyle(el);
          hidden = computed.display === 'none' || computed.visibility === 'hidden' || computed.visibility === 'collapse';
        } catch {
          hidden = false;
        }
        byClass.set(key, hidden);
      }
      return hidden;
    },
  };
}

function isSkipped(el: Element, vis: Visibility): boolean {
  if (SKIPPED_TAGS.has(el.localName)) return true;
  if (vis.isHidden(el)) return true;
  const cls = el.getAttribute('class');
  // Sort carets and icons carry arrows, not data; skip them unless they hold words.
  if (cls && ICON_CLASS.test(cls) && !HAS_WORD.test(el.textContent ?? '')) return true;
  return false;
}

function collect(node: Element, out: string[], vis: Visibility): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      out.push(child.nodeValue ?? '');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    if (isSkipped(el, vis)) continue;
    const name = el.localName;
    if (name === 'br') {
      out.push(' ');
    } else if (name === 'input') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type !== 'hidden' && type !== 'checkbox' && type !== 'radio' && type !== 'password') {
        out.push(' ', (el as HTMLInputElement).value ?? el.getAttribute('value') ?? '', ' ');
      }
    } else if (name === 'select') {
      const selected = el.querySelector('option[selected]') ?? el.querySelector('option');
      if (selected) out.push(' ', selected.textContent ?? '', ' ');
    } else if (BLOCK_TAGS.has(name)) {
      out.push(' ');
      collect(el, out, vis);
      out.push(' ');
    } else if (el.firstElementChild) {
      collect(el, out, vis);
    } else {
      out.push(el.textContent ?? '');
    }
  }
}

/** The full text behind an ellipsis, when the page keeps it in a title. */
function untruncated(el: Element, visible: string): string {
  const holder = el.hasAttribute('title') ? el : el.firstElementChild ? el.querySelector('[title]') : null;
  if (!holder) return visible;
  const title = collapseSpace(holder.getAttribute('title') ?? '');
  if (!title || title === visible || title.length < visible.length) return visible;
  const stripped = visible.replace(ELLIPSIS_END, '').trimEnd();
  if (stripped !== visible && title.startsWith(stripped)) return title;
  const classes = `${holder.getAttribute('class') ?? ''} ${el.getAttribute('class') ?? ''}`;
  if (visible && TRUNCATING_CLASS.test(classes) && title.startsWith(visible)) return title;
  return visible;
}

export function displayedText(el: Element, vis: Visibility): string {
  if (isSkipped(el, vis)) return '';
  let text: string;
  if (!el.firstElementChild) {
    text = collapseSpace(el.textContent ?? '');
  } else {
    const parts: string[] = [];
    collect(el, parts, vis);
    text = collapseSpace(parts.join(''));
  }
  return untruncated(el, text);
}

/** Text of an element as displayed (exported for reuse by capture and mapping). */
export function extractText(el: Element): string {
  return displayedText(el, createVisibility(el.ownerDocument));
}
