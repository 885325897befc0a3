// Following the portal's wiring (components/portal-follow): on an enabled
// portal, where the user turned it on for the site in the popup.
import { packTable } from '@/lib/capture/wire';
import { send } from '@/lib/extension/messages';
import { isFollowOn, onFollowSetting } from '@/lib/extension/follow-setting';
import type { PortalHost } from '@/components/capture-panel/host';
import { PortalFollow } from '@/components/portal-follow/PortalFollow';

export async function startFollow({ panel, findTables, isCustomerList }: PortalHost): Promise<void> {
  const page = location.href;
  // Nothing is asked of the background until following is on for the site:
  // on every other page load (a crawl's above all) it costs no round trip.
  let follower: Promise<PortalFollow | null> | undefined;
  const followerOf = (): Promise<PortalFollow | null> =>
    (follower ??= send('status:get', { origin: page }).then(({ portalEnabled }) => {
      if (!portalEnabled) return null;
      const follow = new PortalFollow(document, {
        findTables: () => findTables(),
        isCustomerList,
        plan: (headers) => send('follow:plan', { headers }),
        // The panel's own capture: the same message, checks, identity and batch (none for a page that changed nothing).
        capture: (table, options) => send('capture:run', { ...packTable(table), ...options }),
        tally: (add) => send('follow:tally', add ? { add } : {}),
        crawling: () => panel.crawling,
        show: (line) => panel.setStatus(line && { ...line.text, kind: line.kind }),
        now: () => Date.now(),
      });
      panel.onCaptured((list) => void follow.capturedByHand(list));
      return follow;
    }));
  const turn = async (on: boolean): Promise<void> => {
    if (on) (await followerOf())?.start();
    else if (follower) (await follower)?.stop();
  };
  onFollowSetting(page, (on) => void turn(on).catch(() => undefined));
  if (await isFollowOn(page)) await turn(true);
}
