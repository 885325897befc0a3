// The panel's controls act on the user's customer base (capture, undo,
// open the workbench), so only the user may press them: a click the portal's
// scripts make (`el.click()`, `dispatchEvent`) is not trusted and does
// nothing (docs/architecture.md#hostile-pages).

/** Calls `act` for a click the user made (mouse, touch, or Enter / Space on the focused control), never for a scripted one. */
export function onUserClick(el: Element, act: (event: Event) => void): void {
  el.addEventListener('click', (event) => {
    if (event.isTrusted === true) act(event);
  });
}

/** As `onUserClick`, for any event type (keys, pointers). */
export function onUserEvent<E extends Event>(el: Element, type: string, act: (event: E) => void): void {
  el.addEventListener(type, (event) => {
    if (event.isTrusted === true) act(event as E);
  });
}
