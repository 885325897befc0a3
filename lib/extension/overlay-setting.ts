// The overlay's one setting: turned off per site (docs/architecture.md#the-lib-folders,
// "lib/overlay"). Kept in extension storage, never the portal's; the popup
// switches it and the content script follows at once. Imported by the
// content script, so it loads nothing but the browser's storage.
import { browser } from 'wxt/browser';

const OVERLAY_OFF_KEY = 'dealerlens.overlayOff';

/** The site a page belongs to, as the setting keys it ('http://dms.example.com'); null for pages not on the web. */
export function overlaySite(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

async function sitesOff(): Promise<string[]> {
  const value = (await browser.storage.local.get(OVERLAY_OFF_KEY))[OVERLAY_OFF_KEY];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** True when the user turned the overlay off for this page's site. */
export async function isOverlayOff(pageUrl: string): Promise<boolean> {
  const site = overlaySite(pageUrl);
  return site !== null && (await sitesOff()).includes(site);
}

export async function setOverlayOff(pageUrl: string, off: boolean): Promise<void> {
  const site = overlaySite(pageUrl);
  if (!site) return;
  const rest = (await sitesOff()).filter((s) => s !== site);
  await browser.storage.local.set({ [OVERLAY_OFF_KEY]: off ? [...rest, site] : rest });
}

/** Calls back with the new state whenever the setting changes for this page's site; returns the unsubscribe. */
export function onOverlaySetting(pageUrl: string, listener: (off: boolean) => void): () => void {
  const site = overlaySite(pageUrl);
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(OVERLAY_OFF_KEY in changes) || !site) return;
    const value = changes[OVERLAY_OFF_KEY]!.newValue;
    listener(Array.isArray(value) && value.includes(site));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

const CUSTOMERS_CHANGED_KEY = 'dealerlens.customersChangedAt';

/** The background says customers changed (a follow-up, a capture): portal pages showing badges read theirs again. */
export async function markCustomersChanged(at: number): Promise<void> {
  await browser.storage.local.set({ [CUSTOMERS_CHANGED_KEY]: at });
}

export function onCustomersChanged(listener: () => void): () => void {
  const handle = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && CUSTOMERS_CHANGED_KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
