// The file import page (docs/capture.md#file-import), with the backup and restore
// section below it (files in and out of DealerLens; the options page mounts
// the same section). Extension pages share the background's origin, so the
// backup reads and restores the same database the background writes.
// The capture preview's styles apply too: the preview shows here once the
// table is staged.
import { createRoot } from 'react-dom/client';
import { LocaleSwitch } from '@/components/i18n/LocaleContext';
import { StoredLocaleProvider } from '@/components/i18n/StoredLocale';
import { SheetImport } from '@/components/sheet-import/SheetImport';
import { DataSettings } from '@/components/data-settings/DataSettings';
import { openDatabase } from '@/lib/db';
import '@/components/capture-preview/capture-preview.css';
import '@/components/sheet-import/sheet-import.css';
import '@/components/data-settings/data-settings.css';

const db = openDatabase();
const now = () => new Date();

createRoot(document.getElementById('root')!).render(
  <StoredLocaleProvider db={db}>
    <div className="import-page">
      <LocaleSwitch />
      <SheetImport />
      <div className="sheet-import">
        <DataSettings db={db} now={now} />
      </div>
    </div>
  </StoredLocaleProvider>,
);
