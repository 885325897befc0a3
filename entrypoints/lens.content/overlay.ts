// The portal overlay's wiring (components/portal-overlay): on an enabled
// portal, unless the user turned it off for the site.
import { send } from '@/lib/extension/messages';
import { drawerWidth } from '@/lib/extension/portal';
import { isOverlayOff, onCustomersChanged, onOverlaySetting } from '@/lib/extension/overlay-setting';
import { pageViewQuery } from '@/lib/overlay/badge';
import { PortalOverlay } from '@/components/portal-overlay/PortalOverlay';
import { WorkbenchDrawer } from '@/components/workbench-drawer/WorkbenchDrawer';
import type { PortalHost } from '@/components/capture-panel/host';

export async function startOverlay(portal: PortalHost): Promise<PortalOverlay | null> {
  const page = location.href;
  const { portalEnabled } = await send('status:get', { origin: page });
  if (!portalEnabled) return null;
  const workbench = browser.runtime.getURL('/workbench.html' as '/capture.html');
  let drawer: WorkbenchDrawer | null = null;
  const openDrawer = (query: string) => {
    drawer ??= new WorkbenchDrawer(document, {
      url: workbench,
      loadWidth: drawerWidth.load,
      saveWidth: drawerWidth.save,
    });
    void drawer.open(`${workbench}?${query}`);
  };
  const overlay = new PortalOverlay(document, {
    findTables: portal.findTables,
    isCustomerList: portal.isCustomerList,
    plan: (headers) => send('overlay:plan', { headers }),
    lookup: (keys) => send('overlay:lookup', { keys }),
    now: () => new Date(),
    openCustomer: (id) => openDrawer(`customer=${encodeURIComponent(id)}`),
    openWorkbench: (ids) => openDrawer(pageViewQuery(ids)),
    capture: () => void portal.panel.open(),
  });
  if (!(await isOverlayOff(page))) overlay.start();
  onOverlaySetting(page, (off) => (off ? overlay.stop() : overlay.start()));
  onCustomersChanged(() => overlay.invalidate());
  return overlay;
}
