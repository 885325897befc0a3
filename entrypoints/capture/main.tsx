import { createRoot } from 'react-dom/client';
import { CapturePreview } from '@/components/capture-preview/CapturePreview';
import { panelReport } from '@/lib/capture';
import { embedderCheck } from '@/lib/extension';
import '@/components/capture-preview/capture-preview.css';

const id = new URLSearchParams(location.search).get('id') ?? '';
const inFrame = window.parent !== window;

// Framed by a page that is no enabled portal: render nothing (docs/architecture.md#hostile-pages).
void embedderCheck(window).then(({ allowed, origin }) => {
  if (!allowed) return;
  createRoot(document.getElementById('root')!).render(
    <CapturePreview
      stagedId={id}
      onDone={(message) => {
        // The in-page panel closes the dialog on this. Only to the portal's own
        // origin, and only what the panel shows: counts and rejected row numbers.
        if (!inFrame || !origin) return;
        const data = message.type === 'committed' ? { type: message.type, batch: panelReport(message.batch) } : message;
        window.parent.postMessage({ source: 'dealerlens', ...data }, origin);
      }}
      embedded={inFrame}
    />,
  );
});
