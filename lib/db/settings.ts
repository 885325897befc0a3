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

/** Moves the values of renamed keys (SETTING_MIGRATIONS), in one transaction. */
export async function migrateSettings(db: DealerLensDB): Promise<number> {
  return db.transaction('rw', db.settings, () => settingsOf(db).migrate(SETTING_MIGRATIONS));
}
