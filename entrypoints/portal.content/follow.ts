// Following the portal's wiring (components/portal-follow): on an enabled
// portal, where the user turned it on for the site in the popup.
import { findTables } from '@/lib/scrape';
import { looksLikeCustomerList } from '@/lib/capture/judge';
import { packTable } from '@/lib/capture/wire';
import { send } from '@/lib/extension/messages';
import { isFollowOn, onFollowSetting } from '@/lib/extension/follow-setting';
import type { CapturePanel } from '@/components/capture-panel/CapturePanel';
import { PortalFollow } from '@/components/portal-follow/PortalFollow';

export async function startFollow(panel: CapturePanel): Promise<void> {
  const page = location.href;
  const { portalEnabled } = await send('status:get', { origin: page });
  if (!portalEnabled) return;
  const follow = new PortalFollow(document, {
    findTables: () => findTables(document),
    isCustomerList: looksLikeCustomerList,
    plan: (headers) => send('follow:plan', { headers }),
    // The panel's own capture: the same message, checks, identity and batch (none for a page that changed nothing).
    capture: (table, options) => send('capture:run', { ...packTable(table), ...options }),
    tally: (add) => send('follow:tally', add ? { add } : {}),
    crawling: () => panel.crawling,
    show: (line) => panel.setStatus(line && { ...line.text, kind: line.kind }),
    now: () => Date.now(),
  });
  panel.onCaptured((list) => void follow.capturedByHand(list));
  if (await isFollowOn(page)) follow.start();
  onFollowSetting(page, (on) => (on ? follow.start() : follow.stop()));
}
