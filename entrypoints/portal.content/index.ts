import { findTables } from '@/lib/scrape';
import { looksLikeCustomerList } from '@/lib/capture/judge';
import { onTabCommand } from '@/lib/extension/messages';
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
    });
    scope[flag] = panel;
    onTabCommand((command) => {
      if (command.type === 'dl:open') void panel.open();
    });
  },
});
