// Options page (docs/architecture.md#the-extension-parts: options/ holds grading rules, reminders, data).
// Extension pages share the background's origin, so the page opens the same
// database itself: the rule change and its re-grade run here, in one transaction.
import { createRoot } from 'react-dom/client';
import { openDatabase } from '@/lib/db';
import { StoredLocaleProvider } from '@/components/i18n/StoredLocale';
import { OptionsPage } from '@/components/options-page/OptionsPage';
import '@/components/rule-settings/rule-settings.css';
import '@/components/data-settings/data-settings.css';
import '@/components/options-page/options-page.css';

const db = openDatabase();
const now = () => new Date();
const section = new URLSearchParams(location.search).get('section');

createRoot(document.getElementById('root')!).render(
  <StoredLocaleProvider db={db}>
    <OptionsPage
      db={db}
      now={now}
      pageUrl={(path) => browser.runtime.getURL(path)}
      initialSection={section === 'data' || section === 'reminders' || section === 'portals' ? section : 'rules'}
    />
  </StoredLocaleProvider>,
);
