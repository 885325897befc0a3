import { createRoot } from 'react-dom/client';
import { CapturePreview } from '@/components/capture-preview/CapturePreview';
import '@/components/capture-preview/capture-preview.css';

const id = new URLSearchParams(location.search).get('id') ?? '';
const inFrame = window.parent !== window;

createRoot(document.getElementById('root')!).render(
  <CapturePreview
    stagedId={id}
    onDone={(message) => {
      // The in-page panel listens for this and closes the dialog; it checks our origin.
      if (inFrame) window.parent.postMessage({ source: 'dealerlens', ...message }, '*');
    }}
    embedded={inFrame}
  />,
);
