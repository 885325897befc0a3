// The background's side of a next-page control the user taught with one
// click (lib/crawl/taught.ts): kept in the list's site profile with its
// mapping. A list without a profile yet (its first capture is still to be
// confirmed) keeps the control on its own in local storage, and the control
// moves into the profile the first time the list is shown with one.
import { browser } from 'wxt/browser';
import { listProfiles, saveProfile, type DealerLensDB } from '../db';
import { headerSignature, matchProfile, pathPatternFor, withNextControl, type TaughtControl } from '../mapping';
import type { Handlers, Sender } from './messages';

const PREFIX = 'dlpager:';

/** The list as a profile names it: origin, path pattern and header signature. */
function keyOf(pageUrl: string, headers: string[]): string {
  return `${PREFIX}${new URL(pageUrl).origin}${pathPatternFor(pageUrl)}|${headerSignature(headers)}`;
}

/** A content script teaches only for the page it runs in (or a frame of its own site). */
function ownPage(pageUrl: string, sender: Sender): void {
  const origin = (url: string | undefined): string | null => {
    try {
      return url ? new URL(url).origin : null;
    } catch {
      return null;
    }
  };
  const page = origin(pageUrl);
  if (!page || (page !== origin(sender.url) && page !== origin(sender.tabUrl)))
    throw new Error('只能为本页的列表指定下一页按钮 / a next-page control is taught only for the list on this page');
}

async function pendingOf(key: string): Promise<TaughtControl | undefined> {
  return (await browser.storage.local.get(key))[key] as TaughtControl | undefined;
}

export function taughtService(
  db: DealerLensDB,
  now: () => Date = () => new Date(),
): Pick<Handlers, 'crawl:taught' | 'crawl:teach'> {
  return {
    'crawl:taught': async ({ pageUrl, headers }, sender) => {
      ownPage(pageUrl, sender);
      const key = keyOf(pageUrl, headers);
      const [profiles, pending] = await Promise.all([listProfiles(db), pendingOf(key)]);
      const profile = matchProfile(profiles, pageUrl, headers);
      if (profile && pending) {
        // The list got its profile since the control was taught: the control moves into it.
        if (!profile.nextControl) await saveProfile(db, withNextControl(profile, pending, now()));
        await browser.storage.local.remove(key);
        return { control: profile.nextControl ?? pending };
      }
      return { control: profile?.nextControl ?? pending ?? null };
    },
    'crawl:teach': async ({ pageUrl, headers, control }, sender) => {
      ownPage(pageUrl, sender);
      const key = keyOf(pageUrl, headers);
      const profile = matchProfile(await listProfiles(db), pageUrl, headers);
      if (profile) {
        await saveProfile(db, withNextControl(profile, control, now()));
        await browser.storage.local.remove(key);
        return { saved: control ? 'profile' : 'forgotten' };
      }
      if (!control) {
        await browser.storage.local.remove(key);
        return { saved: 'forgotten' };
      }
      await browser.storage.local.set({ [key]: { selector: control.selector, label: control.label } });
      return { saved: 'list' };
    },
  };
}
