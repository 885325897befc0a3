// Picking a file as a browser does it: a change event only when the choice
// differs from the file the input already holds, so a page that does not
// clear its input after reading shows nothing when the same file is picked
// again.

/** Chooses `file` in `input`; false when the browser would fire no change (the same file, still held). */
export function pickFile(input: HTMLInputElement, file: File): boolean {
  const held = input.files?.[0];
  if (
    input.value !== '' &&
    held &&
    held.name === file.name &&
    held.size === file.size &&
    held.lastModified === file.lastModified
  )
    return false;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
