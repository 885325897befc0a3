// Renamed settings keys, oldest first (docs/architecture.md#settings). Run
// each time the database opens and after a restore, so a value written under
// an old key, by an older DealerLens or an older backup, is read under its
// new one. Never remove an entry: a backup may still hold the old key.
import { ME } from './keys';
import type { SettingMigration } from './setting';

export const SETTING_MIGRATIONS: readonly SettingMigration[] = [
  // The workbench kept "我是 …" under a key of its own before the side panel shared it.
  { from: 'workbench.me', to: ME },
];
