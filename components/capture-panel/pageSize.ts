// Switching a list's page size, for fewer, bigger pages: a native <select>
// is set by value; a library's own drop-down (el-select, rc-select,
// vxe-select, AG Grid's picker, bootstrap's dropdown-menu) is opened as a
// user opens it, and the option clicked. docs/capture.md#page-size
import { sizeOptions, type PageSizeChoice } from '@/lib/crawl/pager';

/** How long an opened drop-down may take to draw its options. */
const OPEN_TIMEOUT_MS = 2_000;
/** An opened drop-down that has not changed for this long has finished opening. */
const QUIET_MS = 120;

/** True when a bigger size is on offer (a drop-down whose options are drawn only when open: maybe). */
export function offersBigger(choice: PageSizeChoice | undefined): choice is PageSizeChoice {
  if (!choice) return false;
  if (choice.kind === 'dropdown' && choice.largestSize === 0) return true;
  return choice.largestSize > choice.currentSize;
}

/**
 * Sets the page size: the largest on offer, or the user's own to restore
 * (`PageSizeChoice.current` as it was). Resolves true when a different size
 * was chosen (the list will re-render), false when there was nothing to change.
 */
export async function choosePageSize(
  doc: Document,
  choice: PageSizeChoice,
  target: 'largest' | { restore: string },
): Promise<boolean> {
  const size = target === 'largest' ? target : Number(target.restore);
  if (choice.kind === 'select') {
    const value = target === 'largest' ? choice.largest : target.restore;
    if (value === choice.current) return false;
    setSelect(choice.control, value);
    return true;
  }
  press(choice.control);
  const drawn = () => {
    const found = sizeOptions(doc, choice);
    return found.length >= 2 ? found : undefined;
  };
  // Options drawn before the popup's opening animation starts take no click (vxe-select's): chosen once it holds still.
  let options = await waitFor(doc, drawn);
  if (options) {
    await quiet(doc);
    options = drawn();
  }
  const want = options
    ? size === 'largest'
      ? options.reduce((a, b) => (b.size > a.size ? b : a))
      : options.find((o) => o.size === size)
    : undefined;
  if (!want || want.size === choice.currentSize) {
    // Nothing bigger (or the size is gone): close the drop-down as it was.
    if (options) press(choice.control);
    return false;
  }
  press(want.el);
  return true;
}

/** A user's press: the libraries open on mousedown (rc-select, AG Grid) or click (el-select, bootstrap). */
function press(el: Element): void {
  const view = el.ownerDocument.defaultView;
  if (!view) return;
  const init = { bubbles: true, cancelable: true, view, button: 0 };
  el.dispatchEvent(new view.MouseEvent('mousedown', init));
  el.dispatchEvent(new view.MouseEvent('mouseup', init));
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

/** Resolves with `check`'s first answer, checked at each change of the document, or undefined after the timeout. */
function waitFor<T>(doc: Document, check: () => T | undefined): Promise<T | undefined> {
  const view = doc.defaultView;
  return new Promise((resolve) => {
    const first = check();
    if (first !== undefined || !view) return resolve(first);
    const done = (value: T | undefined) => {
      observer.disconnect();
      view.clearTimeout(timer);
      resolve(value);
    };
    const observer = new view.MutationObserver(() => {
      const found = check();
      if (found !== undefined) done(found);
    });
    observer.observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style'] });
    const timer = view.setTimeout(() => done(check()), OPEN_TIMEOUT_MS);
  });
}

/** Resolves once the document has not changed for QUIET_MS (at most OPEN_TIMEOUT_MS). */
function quiet(doc: Document): Promise<void> {
  const view = doc.defaultView;
  if (!view) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      view.clearTimeout(timer);
      view.clearTimeout(cap);
      resolve();
    };
    let timer = view.setTimeout(done, QUIET_MS);
    const cap = view.setTimeout(done, OPEN_TIMEOUT_MS);
    const observer = new view.MutationObserver(() => {
      view.clearTimeout(timer);
      timer = view.setTimeout(done, QUIET_MS);
    });
    observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
