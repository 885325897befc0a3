// The toolbar badge and notifications (docs/workbench.md#reminders): what the
// badge counts and when the morning notification fires is lib/db/reminders.ts;
// this only shows them, and opens the pages a reminder leads to.
import { browser } from 'wxt/browser';

const BADGE_COLOR = '#d4380d';
/** Chrome refuses a notification without an icon; the build ships none, so a plain square in the badge colour. */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAMElEQVR42u3OIQEAAAgDMArQh/4Z6AMxbibmVzt9SSUgICAgICAgICAgICAgIJAOPFknYHn1rAUSAAAAAElFTkSuQmCC';

/** Sets the toolbar badge's text ('' hides it) in the reminders' colour. */
export async function setBadgeText(text: string): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setBadgeText({ text });
}

/** Shows a basic notification under `id` (one of a kind: a second replaces the first). */
export async function showNotification(id: string, notice: { title: string; message: string }): Promise<void> {
  await browser.notifications.create(id, { type: 'basic', iconUrl: NOTIFICATION_ICON, ...notice });
}

/** Calls `listener` when the notification `id` is clicked, then clears it. */
export function onNotificationClicked(id: string, listener: () => void): void {
  browser.notifications.onClicked.addListener((clicked) => {
    if (clicked !== id) return;
    listener();
    void browser.notifications.clear(clicked);
  });
}

/** Opens the workbench in a tab, at a view when given (docs/workbench.md#reminders: 今日待跟进 is 'today'). */
export async function openWorkbench(view?: string): Promise<void> {
  const path = view ? `/workbench.html?view=${encodeURIComponent(view)}` : '/workbench.html';
  await browser.tabs.create({ url: browser.runtime.getURL(path as '/') });
}

/**
 * Opens the side panel (the consultant's due list) in the current window;
 * must run in a user gesture (the popup's button). Chromium's sidePanel API;
 * Firefox's sidebar instead. False where neither exists.
 */
export async function openDueListPanel(): Promise<boolean> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidebarAction) {
    await api.sidebarAction.open();
    return true;
  }
  if (!api.sidePanel) return false;
  const window = await browser.windows.getCurrent();
  if (window.id === undefined) return false;
  await api.sidePanel.open({ windowId: window.id });
  return true;
}
