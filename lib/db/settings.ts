// The settings table as a settings backend (lib/settings): user settings are
// kept here, so a backup carries them. Works inside a caller's transaction
// that includes db.settings.
import { Settings, SETTING_MIGRATIONS, type SettingsBackend } from '../settings';
import type { DealerLensDB } from './types';

export function settingsOf(db: DealerLensDB): Settings {
  const backend: SettingsBackend = {
    get: async (keys) => (await db.settings.bulkGet([...keys])).map((row) => row?.value),
    set: async (entries) => {
      await db.settings.bulkPut(Object.entries(entries).map(([key, value]) => ({ key, value })));
    },
    remove: async (keys) => {
      await db.settings.bulkDelete([...keys]);
    },
  };
  return new Settings(backend);
}

/**
 * Moves the values of renamed keys (SETTING_MIGRATIONS). No transaction of
 * its own: each step may be cut short and run again (a value under the new
 * key stands, the old key is deleted last), so two pages opening at once, or
 * a page closed mid-way, leave the same settings.
 */
export async function migrateSettings(db: DealerLensDB): Promise<number> {
  return settingsOf(db).migrate(SETTING_MIGRATIONS);
}
