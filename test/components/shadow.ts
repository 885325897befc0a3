// The in-page panel and drawer live in closed shadow roots and act only on
// trusted events. A test reaches them as the browser's own tooling does: it
// keeps the roots as they are attached, and presses controls with events the
// browser marks trusted (happy-dom marks none).
import { afterEach, beforeEach, vi } from 'vitest';

const roots = new Map<Element, ShadowRoot>();

/** Records every shadow root attached during each test of the calling file. */
export function keepShadowRoots(): void {
  beforeEach(() => {
    roots.clear();
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.set(this, root);
      return root;
    });
  });
  afterEach(() => vi.restoreAllMocks());
}

/** The shadow root (open or closed) of the first element matching `selector`. */
export function shadowOf(doc: Document, selector: string): ShadowRoot {
  const host = doc.querySelector(selector);
  const root = host && roots.get(host);
  if (!root) throw new Error(`no shadow root on ${selector}`);
  return root;
}

/** An event as the browser makes it for the user's own input. */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** The user clicks `el`. */
export function userClick(el: Element): void {
  el.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
}
