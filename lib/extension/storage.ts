// The extension's local storage as a settings backend (lib/settings), for the
// settings the portal page's content script reads and writes itself
// (docs/architecture.md#settings): the content script never opens the database.
import { browser } from 'wxt/browser';
import { Settings } from '../settings';

export const localSettings = new Settings({
  get: async (keys) => {
    const found = await browser.storage.local.get([...keys]);
    return keys.map((key) => found[key]);
  },
  set: (entries) => browser.storage.local.set({ ...entries }),
  remove: (keys) => browser.storage.local.remove([...keys]),
});
