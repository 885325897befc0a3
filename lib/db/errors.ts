// A write the browser refuses for lack of space (a full disk, or the quota of
// a profile without unlimitedStorage) aborts its transaction whole: nothing of
// the batch is stored. The user is told so in words, not by the browser's
// error name (docs/architecture.md#the-data-layer).

export const STORAGE_FULL_MESSAGE =
  '浏览器的存储空间已满，本次没有保存任何数据。请清理磁盘空间后重试。 / The browser’s storage is full: nothing was stored. Free some disk space and try again.';

/** Whether an error (or the error inside a Dexie error) is the browser refusing a write for lack of space. */
export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { inner?: unknown }).inner, depth++) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  }
  return false;
}

/** The text to show for an error of a write: the storage-full message, else the error's own message. */
export function writeErrorText(error: unknown): string {
  if (isStorageFull(error)) return STORAGE_FULL_MESSAGE;
  return error instanceof Error ? error.message : String(error);
}
