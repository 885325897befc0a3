// The background's side of following the portal (docs/capture.md#following-the-portal):
// which columns of the list identify customers (only on an enabled portal
// where the user turned following on, for a list with a site profile), and
// the tab's tally of rows followed, kept in session storage so a server
// pager's page loads and a stopped service worker keep it. The rows
// themselves are captured by 'capture:run', as the panel's 抓取 does.
import { browser } from 'wxt/browser';
import { listProfiles, type DealerLensDB } from '../db';
import { addToTally, identityColumns, readTally } from '../overlay';
import { mappingFromProfile, matchProfile } from '../mapping';
import type { Handlers } from './messages';
import { isPortalEnabled } from './portal';
import { isFollowOn } from './follow-setting';
import { reportFailure } from './failures';

const TALLY_PREFIX = 'dealerlens.follow:';

export function followService(db: DealerLensDB): Pick<Handlers, 'follow:plan' | 'follow:tally'> {
  return {
    'follow:plan': async ({ headers }, sender) => {
      const page = sender.url ?? sender.tabUrl;
      if (sender.kind !== 'content' || !page) return null;
      if (!(await isPortalEnabled(page)) || !(await isFollowOn(page))) return null;
      const profile = matchProfile(await listProfiles(db), page, headers);
      if (!profile) return null;
      return { columns: identityColumns(mappingFromProfile(profile, headers, [])) };
    },
    'follow:tally': async ({ add }, sender) => {
      if (sender.kind !== 'content' || sender.tabId === undefined) return { prints: [], count: 0 };
      const key = `${TALLY_PREFIX}${sender.tabId}`;
      let tally = readTally((await browser.storage.session.get(key))[key]);
      if (add) {
        tally = addToTally(tally, add);
        await browser.storage.session.set({ [key]: tally });
      }
      return { prints: tally.prints, count: tally.customers.length };
    },
  };
}

/** A closed tab's tally goes with it (a reused tab id starts afresh). */
export function forgetFollowTallies(): void {
  browser.tabs.onRemoved.addListener(
    (tabId) =>
      void browser.storage.session.remove(`${TALLY_PREFIX}${tabId}`).catch(reportFailure('forgetting a closed tab')),
  );
}
