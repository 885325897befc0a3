// "我是 … / I am …": the user's own consultant name, one setting (ME in
// lib/settings) that the workbench's 我的客户 view and the side panel's due
// list both read and write. The workbench's old key is moved by the settings
// migrations (lib/settings/migrations.ts) when the database opens.
import { ME } from '../settings';
import type { DealerLensDB } from './types';
import { settingsOf } from './settings';

/** The user's name, or undefined when none is set. */
export async function loadMe(db: DealerLensDB): Promise<string | undefined> {
  return settingsOf(db).get(ME);
}

/** Sets the user's name; an empty one clears it. */
export async function saveMe(db: DealerLensDB, name: string): Promise<void> {
  const settings = settingsOf(db);
  if (name.trim()) await settings.set(ME, name.trim());
  else await settings.reset(ME);
}
