import { findTables } from '@/lib/scrape';
import { looksLikeCustomerList } from '@/lib/capture/judge';
import { onTabCommand } from '@/lib/extension/messages';
import { drawerWidth } from '@/lib/extension/portal';
import { CapturePanel } from '@/components/capture-panel/CapturePanel';

// Injected on demand (activeTab + scripting) or registered for portals the
// user enabled; never declared for all sites in the manifest.
export default defineContentScript({
  registration: 'runtime',
  main() {
    const flag = '__dealerlensCapture';
    const scope = globalThis as unknown as Record<string, CapturePanel | undefined>;
    if (scope[flag]) return; // injected again by a second click: the panel is already here
    const panel = new CapturePanel(document, {
      findTables: () => findTables(document),
      isCustomerList: looksLikeCustomerList,
      extensionUrl: (path) => browser.runtime.getURL(path as '/capture.html'),
      drawer: { url: browser.runtime.getURL('/workbench.html' as '/capture.html'), loadWidth: drawerWidth.load, saveWidth: drawerWidth.save },
    });
    scope[flag] = panel;
    onTabCommand((command) => {
      if (command.type === 'dl:open') void panel.open();
      if (command.type === 'dl:workbench') void panel.toggleWorkbench();
    });
  },
});
