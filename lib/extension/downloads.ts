// The one place that saves a file for the user (docs/architecture.md#libsheets: lib/sheets
// returns bytes, only lib/extension downloads them). An object URL and an
// <a download> work on every extension page in Chrome and Firefox without the
// `downloads` permission, so the extension asks for none.

/** How long the object URL stays valid after the click: the browser has started the download by then. */
const REVOKE_AFTER_MS = 60_000;

export function saveFile(
  bytes: Uint8Array | string,
  fileName: string,
  mimeType: string,
  doc: Document = document,
): void {
  const blob = new Blob([bytes as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export const JSON_MIME = 'application/json;charset=utf-8';
