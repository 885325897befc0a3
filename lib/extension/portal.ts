// Getting the capture script into a portal page. docs/architecture.md#the-extension-parts: a one-off capture
// uses activeTab + scripting (no host permission at install); "always enable
// on this portal" asks for that origin's optional host permission at that
// moment and registers the content script for it.
import { browser } from 'wxt/browser';
import { DRAWER_WIDTH } from '../settings';
import { sendToTab } from './messages';
import { localSettings } from './storage';

export const CAPTURE_SCRIPT = '/content-scripts/portal.js';
/**
 * The grades on the portal's rows and following it, run after the capture
 * script on enabled portals only (a one-off capture injects the capture script
 * alone): each stays within the content script's budget.
 */
const LENS_SCRIPT = '/content-scripts/lens.js';
/** What a portal's registration injects, in this order. */
const PORTAL_SCRIPTS = [CAPTURE_SCRIPT.slice(1), LENS_SCRIPT.slice(1)];
const REGISTRATION_PREFIX = 'dealerlens-portal:';
/**
 * When the page's HTML is parsed, not when its images are in: the button is
 * there sooner, and a crawl of a server pager reads each page and goes on
 * without waiting for the rest of it to load.
 */
const RUN_AT = 'document_end' as const;

/** 'http://dms.example.com/*' for a page URL; null for pages we cannot script (chrome://, file:, the store). */
export function originPattern(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/** Inject the capture script (idempotent: the script guards itself) and open its panel. */
export async function startCapture(tabId: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CAPTURE_SCRIPT] });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `无法在此页面上运行 DealerLens（请在经销商系统的客户列表页点击）/ DealerLens cannot run on this page (open your portal's customer list first). ${detail}`,
    };
  }
  await sendToTab(tabId, { type: 'dl:open' });
  return { ok: true };
}

export async function activeTab(): Promise<{ id?: number; url?: string } | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ? { id: tab.id, url: tab.url } : undefined;
}

export function closePopup(): void {
  globalThis.close();
}

/** Must run in a user gesture of an extension page (popup, capture dialog). */
export async function requestPortalPermission(pageUrl: string): Promise<boolean> {
  const pattern = originPattern(pageUrl);
  if (!pattern) return false;
  return browser.permissions.request({ origins: [pattern] });
}

export async function isPortalEnabled(pageUrl: string): Promise<boolean> {
  const pattern = originPattern(pageUrl);
  if (!pattern) return false;
  return browser.permissions.contains({ origins: [pattern] });
}

/**
 * Keep one registered content script per granted portal origin, so the
 * floating DealerLens button is there on every page of an enabled portal.
 */
export async function syncPortalRegistrations(): Promise<string[]> {
  const granted = ((await browser.permissions.getAll()).origins ?? []).filter((o) => /^https?:\/\/[^*]/.test(o));
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((r) => r.id.startsWith(REGISTRATION_PREFIX));
  // A registration of an older version (another run time, other scripts) is made again.
  const stale = ours
    .filter(
      (r) =>
        !granted.includes(r.id.slice(REGISTRATION_PREFIX.length)) ||
        r.runAt !== RUN_AT ||
        (r.js ?? []).join() !== PORTAL_SCRIPTS.join(),
    )
    .map((r) => r.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(ours.filter((r) => !stale.includes(r.id)).map((r) => r.id));
  const add = granted.filter((o) => !have.has(REGISTRATION_PREFIX + o));
  if (add.length) {
    await browser.scripting.registerContentScripts(
      add.map((origin) => ({
        id: REGISTRATION_PREFIX + origin,
        matches: [origin],
        js: PORTAL_SCRIPTS,
        runAt: RUN_AT,
        allFrames: false,
      })),
    );
  }
  return granted;
}

export function onPortalPermissionsChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
}

export function onCaptureShortcut(listener: (tabId: number) => void): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'capture-page') return;
    if (tab?.id !== undefined) listener(tab.id);
    else void activeTab().then((t) => t?.id !== undefined && listener(t.id));
  });
}

/** The in-page workbench drawer's width, kept in extension storage (never the portal's). */
export const drawerWidth = {
  load: (): Promise<number | undefined> => localSettings.get(DRAWER_WIDTH),
  save(width: number): void {
    void localSettings.set(DRAWER_WIDTH, width);
  },
};

/** The portals the user enabled: their granted origin patterns ('http://dms.example.com/*'), sorted. */
export async function listEnabledPortals(): Promise<string[]> {
  const origins = (await browser.permissions.getAll()).origins ?? [];
  return origins.filter((o) => /^https?:\/\/[^*]/.test(o)).sort();
}

/**
 * Takes back a portal's permission: DealerLens no longer reads its pages or
 * shows its button there (the background's onRemoved listener unregisters
 * the content script). True when the browser removed it.
 */
export async function disablePortal(pattern: string): Promise<boolean> {
  return browser.permissions.remove({ origins: [pattern] });
}
