// "我是 … / I am …": the user's own consultant name, one setting that the
// workbench's 我的客户 view and the side panel's due list both read and write.
// The workbench once kept it under a key of its own (LEGACY_ME_KEY): a name
// saved there is moved to ME_KEY when first read, so it survives the change,
// also when it comes back from an older backup.
import type { DealerLensDB } from './database';

/** The settings row of the user's own name. */
export const ME_KEY = 'me';
/** Where the workbench kept the name before it was shared with the side panel. */
export const LEGACY_ME_KEY = 'workbench.me';

const nameOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The user's name, or undefined when none is set; moves a name kept under the old key. */
export async function loadMe(db: DealerLensDB): Promise<string | undefined> {
  return db.transaction('rw', db.settings, async () => {
    const [current, legacy] = await db.settings.bulkGet([ME_KEY, LEGACY_ME_KEY]);
    if (!legacy) return nameOf(current?.value);
    // Both set (in the two places before they were one): the shared one stands.
    const me = nameOf(current?.value) ?? nameOf(legacy.value);
    if (me !== undefined && me !== current?.value) await db.settings.put({ key: ME_KEY, value: me });
    await db.settings.delete(LEGACY_ME_KEY);
    return me;
  });
}

/** Sets the user's name; an empty one clears it. */
export async function saveMe(db: DealerLensDB, name: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.delete(LEGACY_ME_KEY);
    if (name.trim()) await db.settings.put({ key: ME_KEY, value: name.trim() });
    else await db.settings.delete(ME_KEY);
  });
}
