// The workbench page (docs/architecture.md#the-extension-parts), opened as a tab from the popup and, later,
// in an extension-origin iframe over the portal. Extension pages share the
// background's origin, so the page reads the database itself.
// ?view=<id> opens a view (the morning notification opens ?view=today); ?customer=<id>
// opens that customer's drawer (a badge clicked on the portal); ?view=page&customers=<ids>
// opens 本页客户, the customers of the portal page whose summary bar was clicked.
import { createRoot } from 'react-dom/client';
import { openDatabase } from '@/lib/db';
import { embedderCheck } from '@/lib/extension';
import { pageViewFromSearch, viewIdFromSearch } from '@/lib/views';
import { StoredLocaleProvider } from '@/components/i18n/StoredLocale';
import { WorkbenchApp } from '@/components/workbench-app/WorkbenchApp';
import '@/components/workbench/workbench.css';
import '@/components/customer-grid/customer-grid.css';
import '@/components/customer-drawer/customer-drawer.css';
import '@/components/follow-up-form/follow-up-form.css';
import '@/components/bulk-actions/bulk-actions.css';
import '@/components/export-menu/export-menu.css';
import '@/components/audit/audit.css';
import '@/components/workbench-app/workbench-app.css';

const now = () => new Date();
const pageView = pageViewFromSearch(location.search);

function keepViewInAddress(viewId: string): void {
  const url = new URL(location.href);
  url.searchParams.set('view', viewId);
  history.replaceState(null, '', url);
}

// Framed by a page that is no enabled portal: render nothing, read nothing
// (docs/architecture.md#hostile-pages).
void embedderCheck(window).then(({ allowed }) => {
  if (!allowed) return;
  const db = openDatabase();
  createRoot(document.getElementById('root')!).render(
    <StoredLocaleProvider db={db}>
      <WorkbenchApp
        db={db}
        pageUrl={(path) => browser.runtime.getURL(path)}
        embedded={window.top !== window}
        now={now}
        initialViewId={viewIdFromSearch(location.search)}
        temporaryViews={pageView ? [pageView] : undefined}
        initialCustomerId={new URLSearchParams(location.search).get('customer') ?? undefined}
        onViewChange={keepViewInAddress}
        // Reachable from this page's console and the browser tests only, like the background's.
        onGridReady={(grid) => Object.assign(globalThis, { dealerlens: { workbench: grid } })}
      />
    </StoredLocaleProvider>,
  );
});
