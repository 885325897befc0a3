// DealerLens pages that a portal page frames (the capture preview, the
// workbench drawer) are web-accessible, so any site could frame them. They
// render only inside a portal the user enabled, or in the tab where the user
// just ran DealerLens (docs/architecture.md#hostile-pages).
import { browser } from 'wxt/browser';
import { isPortalEnabled } from './portal';
import { send } from './messages';

const INVOKED_KEY = 'dealerlens.invokedTabs';

const originOf = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : null;
  } catch {
    return null;
  }
};

/**
 * Whether a framed DealerLens page may render. `tabUrl` is the tab it sits
 * in; `ancestors` its ancestor origins where the browser tells them (every
 * one must be trusted, so a trusted portal cannot pass the frame on to a
 * site inside it); `trusted` says whether an origin is an enabled portal or
 * one the user ran DealerLens on in this tab.
 */
export function frameVerdict(
  tabUrl: string | undefined,
  ancestors: string[],
  trusted: (origin: string) => boolean,
): { allowed: boolean; origin: string | null } {
  const top = originOf(tabUrl);
  if (!top || !trusted(top)) return { allowed: false, origin: null };
  if (!ancestors.every((a) => a === top || trusted(a))) return { allowed: false, origin: null };
  return { allowed: true, origin: ancestors[0] ?? top };
}

/** In the background: the user ran DealerLens on this tab (popup, shortcut): its page may show DealerLens frames. */
export async function rememberInvokedTab(tabId: number): Promise<void> {
  let url: string | undefined;
  try {
    url = (await browser.tabs.get(tabId)).url;
  } catch {
    return;
  }
  const origin = originOf(url);
  if (!origin) return;
  const stored = ((await browser.storage.session.get(INVOKED_KEY))[INVOKED_KEY] ?? {}) as Record<string, string>;
  await browser.storage.session.set({ [INVOKED_KEY]: { ...stored, [tabId]: origin } });
}

/** In the background: the answer to a framed page's 'frame:check'. */
export async function checkFrame(
  tabId: number | undefined,
  tabUrl: string | undefined,
  ancestors: string[],
): Promise<{ allowed: boolean; origin: string | null }> {
  if (tabId === undefined) return { allowed: false, origin: null };
  const invoked = ((await browser.storage.session.get(INVOKED_KEY))[INVOKED_KEY] ?? {}) as Record<string, string>;
  const candidates = [...new Set([originOf(tabUrl), ...ancestors].filter((o): o is string => !!o))];
  const enabled = new Set<string>();
  for (const origin of candidates)
    if (invoked[tabId] === origin || (await isPortalEnabled(`${origin}/`))) enabled.add(origin);
  return frameVerdict(tabUrl, ancestors, (origin) => enabled.has(origin));
}

/**
 * In a DealerLens page: whether to render. A page opened as a tab of its own
 * always renders; a framed one asks the background, and gets the origin it
 * may post messages to.
 */
export async function embedderCheck(win: Window): Promise<{ allowed: boolean; origin: string | null }> {
  if (win.top === win) return { allowed: true, origin: null };
  const ancestors = Array.from(win.location.ancestorOrigins ?? []);
  try {
    return await send('frame:check', { ancestors });
  } catch {
    return { allowed: false, origin: null };
  }
}
