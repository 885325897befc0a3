// The file's bytes with progress, then the workbook read in a worker (the
// page's own thread when a worker cannot start), so nothing blocks the page.
import { readWorkbook, type ReadResult } from '@/lib/sheets';
// Vite bundles the worker with its imports (SheetJS) into its own file.
import ReadWorker from './read.worker.ts?worker';

export function readBytes(file: Blob, onProgress: (loaded: number, total: number) => void): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

export function parseInWorker(bytes: ArrayBuffer, fileName: string): Promise<ReadResult> {
  let worker: Worker;
  try {
    worker = new ReadWorker();
  } catch {
    return Promise.resolve(readWorkbook(bytes, { fileName }));
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: true; result: ReadResult } | { ok: false; error: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      // A worker that cannot load (a test DOM, a blocked script): read here instead.
      e.preventDefault();
      try {
        resolve(readWorkbook(bytes, { fileName }));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    // Copied, not transferred: a worker that fails to load leaves the bytes for the fallback.
    worker.postMessage({ bytes, fileName });
  });
}
