// Reads a workbook off the page's main thread, so the progress bar and the
// elapsed time keep moving while SheetJS parses a 100,000-row file.
import { readWorkbook } from '@/lib/sheets';

self.onmessage = (event: MessageEvent<{ bytes: ArrayBuffer; fileName: string }>) => {
  const { bytes, fileName } = event.data;
  try {
    self.postMessage({ ok: true, result: readWorkbook(new Uint8Array(bytes), { fileName }) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
