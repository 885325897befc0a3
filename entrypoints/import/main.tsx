// The file import page (issue #5 "Import"): the capture preview's styles
// apply too, since the preview is shown here once the table is staged.
import { createRoot } from 'react-dom/client';
import { LocaleProvider } from '@/components/i18n/LocaleContext';
import { SheetImport } from '@/components/sheet-import/SheetImport';
import '@/components/capture-preview/capture-preview.css';
import '@/components/sheet-import/sheet-import.css';

createRoot(document.getElementById('root')!).render(
  <LocaleProvider>
    <SheetImport />
  </LocaleProvider>,
);
