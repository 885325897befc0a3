// 跟随门户自动采集 (docs/capture.md#following-the-portal), switched per site in
// the popup and off by default. Imported by the content script, so it loads
// nothing but the browser's storage and the setting's declaration.
import { browser } from 'wxt/browser';
import { FOLLOW_SITES } from '../settings';
import { overlaySite } from './overlay-setting';
import { localSettings } from './storage';

/** True when the user turned following on for this page's site. */
export async function isFollowOn(pageUrl: string): Promise<boolean> {
  const site = overlaySite(pageUrl);
  return site !== null && (await localSettings.get(FOLLOW_SITES)).includes(site);
}

export async function setFollowOn(pageUrl: string, on: boolean): Promise<void> {
  const site = overlaySite(pageUrl);
  if (!site) return;
  const rest = (await localSettings.get(FOLLOW_SITES)).filter((s) => s !== site);
  await localSettings.set(FOLLOW_SITES, on ? [...rest, site] : rest);
}

/** Calls back with the new state whenever the setting changes for this page's site; returns the unsubscribe. */
export function onFollowSetting(pageUrl: string, listener: (on: boolean) => void): () => void {
  const site = overlaySite(pageUrl);
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(FOLLOW_SITES.key in changes) || !site) return;
    listener((FOLLOW_SITES.read(changes[FOLLOW_SITES.key]!.newValue) ?? []).includes(site));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
