// Side panel (docs/architecture.md#the-extension-parts: a consultant's own due list while on the portal).
// Extension pages share the background's origin, so it opens the database itself.
import { createRoot } from 'react-dom/client';
import { openDatabase } from '@/lib/db';
import { StoredLocaleProvider } from '@/components/i18n/StoredLocale';
import { DueList } from '@/components/due-list/DueList';
import '@/components/follow-up-form/follow-up-form.css';
import '@/components/customer-drawer/customer-drawer.css';
import '@/components/bulk-actions/bulk-actions.css';
import '@/components/due-list/due-list.css';

const db = openDatabase();
const now = () => new Date();

createRoot(document.getElementById('root')!).render(
  <StoredLocaleProvider db={db}>
    <DueList db={db} now={now} />
  </StoredLocaleProvider>,
);
