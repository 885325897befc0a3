// The background's side of the portal overlay (lib/overlay): a content script
// asks which columns of its list identify customers, then the badge facts of
// its rows. Only on enabled portals (their host permission) whose list has a
// site profile, and never where the user turned the overlay off.
import { customersByKeys, listProfiles, type DealerLensDB } from '../db';
import { identityColumns, overlayEntryOf } from '../overlay';
import { mappingFromProfile, matchProfile } from '../mapping';
import type { Handlers, Sender } from './messages';
import { isPortalEnabled } from './portal';
import { isOverlayOff } from './overlay-setting';

/** The page the content script runs in, when the overlay may show there. */
async function overlayPage(sender: Sender): Promise<string | null> {
  const page = sender.url ?? sender.tabUrl;
  if (sender.kind !== 'content' || !page) return null;
  if (!(await isPortalEnabled(page)) || (await isOverlayOff(page))) return null;
  return page;
}

export function overlayService(db: DealerLensDB): Pick<Handlers, 'overlay:plan' | 'overlay:lookup'> {
  return {
    'overlay:plan': async ({ headers }, sender) => {
      const page = await overlayPage(sender);
      if (!page) return null;
      const profile = matchProfile(await listProfiles(db), page, headers);
      if (!profile) return null;
      return { columns: identityColumns(mappingFromProfile(profile, headers, [])) };
    },
    'overlay:lookup': async ({ keys }, sender) => {
      if (!(await overlayPage(sender))) return keys.map(() => null);
      const found = await customersByKeys(db, keys);
      return found.map((c) => (c ? overlayEntryOf(c) : null));
    },
  };
}
