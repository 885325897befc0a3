import { findTables } from '@/lib/scrape';
import { looksLikeCustomerList } from '@/lib/capture/judge';
import { onHighlightRequest, send, onTabCommand, type HighlightRequest } from '@/lib/extension/messages';
import { drawerWidth } from '@/lib/extension/portal';
import { CapturePanel } from '@/components/capture-panel/CapturePanel';
import { offerHost, type PortalHost } from '@/components/capture-panel/host';

// Injected on demand (activeTab + scripting) or registered for portals the
// user enabled; never declared for all sites in the manifest.
export default defineContentScript({
  registration: 'runtime',
  main() {
    const flag = '__dealerlensCapture';
    const scope = globalThis as unknown as Record<string, CapturePanel | undefined>;
    if (scope[flag]) return; // injected again by a second click: the panel is already here
    const give = offerHost(globalThis);
    // The script runs when the page is parsed; a frameset's frames are not loaded
    // yet, and the panel goes into the list frame, so there it waits for them.
    if (document.body?.tagName === 'FRAMESET' && document.readyState !== 'complete') {
      scope[flag] = {} as CapturePanel;
      window.addEventListener('load', () => give(start(scope, flag)), { once: true });
      return;
    }
    give(start(scope, flag));
  },
});

function start(scope: Record<string, CapturePanel | undefined>, flag: string): PortalHost {
  // First of all, whether a whole-list crawl runs in this tab: the question
  // travels while the panel is built.
  const crawl = send('crawl:state', { pageUrl: document.URL });
  const panel = new CapturePanel(document, {
    findTables: () => findTables(document),
    isCustomerList: looksLikeCustomerList,
    extensionUrl: (path) => browser.runtime.getURL(path as '/capture.html'),
    drawer: {
      url: browser.runtime.getURL('/workbench.html' as '/capture.html'),
      loadWidth: drawerWidth.load,
      saveWidth: drawerWidth.save,
    },
  });
  scope[flag] = panel;
  onTabCommand((command) => {
    if (command.type === 'dl:open') void panel.open();
    if (command.type === 'dl:workbench') void panel.toggleWorkbench();
  });
  onHighlightRequest((request) => ({ found: highlightRow(document, request) }));
  // A whole-list crawl goes on after each page load of a server pager. On a
  // portal the user enabled, the lens script (entrypoints/lens.content) runs
  // next: its grades on the portal's rows wait for this, as a page the crawl
  // leaves at once needs none.
  const crawlChecked = panel.continueCrawl(crawl).catch(() => undefined);
  return {
    panel,
    findTables: (root, options) => findTables(root ?? document, options),
    isCustomerList: looksLikeCustomerList,
    crawlChecked,
  };
}

/** A cell shows this mobile: in full, or masked as portals do (138****1234). */
const showsPhone = (text: string, phone: string) => {
  const t = text.replace(/[\s-]/g, '');
  return (
    t.includes(phone) ||
    (/^\d{3}\*{4}\d{4}$/.test(t) && t.slice(0, 3) === phone.slice(0, 3) && t.slice(-4) === phone.slice(-4))
  );
};

/**
 * docs/workbench.md#reminders, side panel: finds the customer's row in the page's customer
 * tables (lib/scrape), by mobile, else by name, then outlines it and scrolls
 * it into view. True when found.
 */
function highlightRow(doc: Document, { phone, name }: HighlightRequest): boolean {
  const matches = (text: string) => (phone ? showsPhone(text, phone) : false) || (!!name && text.trim() === name);
  for (const table of findTables(doc)) {
    if (!table.rows.some((cells) => cells.some(matches))) continue;
    const rows = Array.from(table.element.querySelectorAll('tr, [role="row"]'));
    const row = rows.find((r) => Array.from(r.children).some((cell) => matches(cell.textContent ?? '')));
    if (!row) continue;
    for (const old of Array.from(doc.querySelectorAll('[data-dealerlens-highlight]'))) {
      (old as HTMLElement).style.outline = '';
      old.removeAttribute('data-dealerlens-highlight');
    }
    (row as HTMLElement).style.outline = '3px solid #d4380d';
    row.setAttribute('data-dealerlens-highlight', '');
    row.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
  }
  return false;
}
