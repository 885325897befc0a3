// What a file is when it is not a spreadsheet: read from its first bytes
// (the signatures the formats define), so a PDF or a photo renamed .xlsx is
// named for what it is instead of being blamed on a text encoding.

import * as XLSX from 'xlsx';
import type { Bilingual } from '../i18n';
import { deflatedSize } from './deflate';

export interface FileKind {
  /** Short and stable, for tests and logs. */
  id: 'spreadsheet' | 'pdf' | 'image' | 'word' | 'powerpoint' | 'archive' | 'zip' | 'office' | 'binary';
  /** As a sentence names it: 'a PDF document' / 'PDF 文档'. */
  name: Bilingual;
}

const KINDS: Record<FileKind['id'], Bilingual> = {
  spreadsheet: { zh: 'Excel 表格', en: 'an Excel workbook' },
  pdf: { zh: 'PDF 文档', en: 'a PDF document' },
  image: { zh: '图片', en: 'an image' },
  word: { zh: 'Word 文档', en: 'a Word document' },
  powerpoint: { zh: 'PowerPoint 演示文稿', en: 'a PowerPoint presentation' },
  archive: { zh: '压缩包', en: 'a compressed archive' },
  zip: { zh: '压缩包（ZIP）', en: 'a ZIP archive' },
  office: { zh: '其他 Office 文件', en: 'another kind of Office file' },
  binary: { zh: '二进制文件', en: 'a binary file' },
};

export const kindOf = (id: FileKind['id']): FileKind => ({ id, name: KINDS[id] });

const SIGNATURES: { id: FileKind['id']; bytes: number[] }[] = [
  { id: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { id: 'image', bytes: [0x89, 0x50, 0x4e, 0x47] }, // PNG
  { id: 'image', bytes: [0xff, 0xd8, 0xff] }, // JPEG
  { id: 'image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { id: 'image', bytes: [0x52, 0x49, 0x46, 0x46] }, // RIFF (WebP; also WAV, AVI: not a sheet either)
  { id: 'archive', bytes: [0x52, 0x61, 0x72, 0x21] }, // Rar!
  { id: 'archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] }, // 7z
  { id: 'archive', bytes: [0x1f, 0x8b] }, // gzip
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The kind of a file whose signature is not a spreadsheet's or text's; undefined when none is known. */
export function signatureKind(bytes: Uint8Array): FileKind | undefined {
  const found = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  return found ? kindOf(found.id) : undefined;
}

/**
 * What a ZIP holds, by the entry names it lists (stored in plain bytes in
 * each entry's header and again in the directory at the end). A package with
 * spreadsheet parts, or an Office package whose parts are cut off, counts as
 * a (damaged) spreadsheet.
 */
export function zipKind(bytes: Uint8Array): 'spreadsheet' | FileKind {
  const WINDOW = 4 << 20;
  // Entry names are ASCII in an Office package; latin1 maps bytes to characters one to one.
  const latin1 = new TextDecoder('latin1');
  const head = latin1.decode(bytes.subarray(0, WINDOW));
  const text = bytes.length > WINDOW ? head + latin1.decode(bytes.subarray(bytes.length - WINDOW)) : head;
  // Whole part names: a short one ('xl/') turns up by chance in megabytes of compressed data.
  if (
    /xl\/(?:workbook|worksheets\/|sharedStrings|styles\.xml)|mimetypeapplication\/vnd\.oasis\.opendocument\.spreadsheet/.test(
      text,
    )
  )
    return 'spreadsheet';
  if (/word\/(?:document|styles|_rels)/.test(text)) return kindOf('word');
  if (/ppt\/(?:presentation|slides\/|_rels)/.test(text)) return kindOf('powerpoint');
  if (/mimetypeapplication\/vnd\.oasis\.opendocument\.text/.test(text)) return kindOf('word');
  if (/\[Content_Types\]\.xml/.test(text)) return 'spreadsheet';
  return kindOf('zip');
}

/** An entry this large after inflating… */
export const ZIP_BOMB_ENTRY_BYTES = 64 << 20;
/** …at this many times its compressed size is no sheet an export wrote (their XML deflates about 5-20 times). */
export const ZIP_BOMB_RATIO = 100;
/** No customer workbook inflates to more than this in all (a 100,000-row sheet is some 100 MB of XML). */
export const ZIP_BOMB_TOTAL_BYTES = 1 << 30;

/**
 * Parts a ZIP may list. SheetJS files each part it lists in time that grows
 * with the square of their number (measured here: 4,000 parts 0.4 s, 10,000
 * parts 5 s, 65,000 parts over a minute); a workbook with hundreds of sheets
 * and pictures has a few thousand.
 */
export const ZIP_MAX_PARTS = 4000;

/** Where a ZIP's end-of-central-directory record starts (searched back over its comment), or -1. */
function endOfDirectory(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) return i;
  return -1;
}

/**
 * Whether a ZIP's directory (PKWARE APPNOTE 4.3.12, 4.3.16) says it inflates
 * to more than a workbook ever does: checked before the reader inflates
 * anything, since the reader inflates a whole part into memory. A ZIP with no
 * directory at its end (cut off) is left to the reader, which refuses it.
 */
export function inflatesTooMuch(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(view);
  if (end < 0) return false;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  let totalPacked = 0;
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    total += size;
    totalPacked += packed;
    if (size > ZIP_BOMB_ENTRY_BYTES && size > packed * ZIP_BOMB_RATIO) return true;
    if (total > ZIP_BOMB_TOTAL_BYTES) return true;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  // Many parts, each under the size above, that inflate huge together: SheetJS inflates every part.
  return total > ZIP_BOMB_ENTRY_BYTES && total > totalPacked * ZIP_BOMB_RATIO;
}

/**
 * Whether a ZIP lists more parts than a workbook has (ZIP_MAX_PARTS), or uses
 * ZIP64 (APPNOTE 4.3.14, 4.5.3), which only parts over 4 GB or more than
 * 65,535 parts need: its sizes sit in extra fields the checks here do not
 * read, so such a file is refused rather than read unchecked.
 */
export function zipTooComplex(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(view);
  if (end < 0) return false;
  const count = view.getUint16(end + 10, true);
  if (count > ZIP_MAX_PARTS || view.getUint32(end + 16, true) === 0xffffffff) return true;
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    if ([20, 24, 42].some((field) => view.getUint32(at + field, true) === 0xffffffff)) return true;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return false;
}

/** The most a deflate stream inflates per byte: a 258-byte match coded in two bits (RFC 1951). */
const DEFLATE_MAX_RATIO = 1032;

/**
 * Whether a ZIP's directory lies about its entries, which the size check in
 * `inflatesTooMuch` trusts. SheetJS inflates each part from its local header
 * (APPNOTE 4.3.7) to the end of its deflate stream, whatever any header says,
 * so a file whose directory says small while the data inflates huge would
 * get past that check. Refused here, before anything is inflated:
 * - the local header and the directory disagree (method, sizes), unless the
 *   local sizes are deferred to a data descriptor (bit 3);
 * - a part's data does not end where the next part (or the directory)
 *   begins, so its stream could run on into bytes no header counts;
 * - a part's sizes are impossible for its method: stored data the size of
 *   neither, or deflate data larger than what it inflates to, or inflating
 *   more than deflate can per byte;
 * - a deflated part's stream does not end within its bytes, or inflates to
 *   another size than declared (decoded without output, stopping one byte
 *   past the declared size: deflate.ts). SheetJS sizes its buffer by the
 *   header and decodes until the stream ends, so only this bounds its work.
 */
export function zipDirectoryLies(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(view);
  if (end < 0) return false;
  const count = view.getUint16(end + 10, true);
  const directory = view.getUint32(end + 16, true);
  if (directory > end) return true;
  const parts: { offset: number; dataEnd: number; descriptor: boolean; deflated: boolean; size: number }[] = [];
  let at = directory;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return true;
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const offset = view.getUint32(at + 42, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    // ZIP64 sizes live in an extra field this check does not read (zipTooComplex refuses them).
    if (packed === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) return true;
    if (offset + 30 > directory || view.getUint32(offset, true) !== 0x04034b50) return true;
    const flags = view.getUint16(offset + 6, true);
    const descriptor = (flags & 0x08) !== 0;
    if (view.getUint16(offset + 8, true) !== method) return true;
    const localPacked = view.getUint32(offset + 18, true);
    const localSize = view.getUint32(offset + 22, true);
    const deferred = descriptor && localPacked === 0 && localSize === 0;
    if (!deferred && (localPacked !== packed || localSize !== size)) return true;
    if (method === 0 && packed !== size) return true;
    if (method === 8 && (packed > size + Math.ceil(size / 16_000) * 5 + 64 || size > packed * DEFLATE_MAX_RATIO))
      return true;
    const dataStart = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    parts.push({ offset, dataEnd: dataStart + packed, descriptor, deflated: method === 8, size });
  }
  parts.sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < parts.length; i++) {
    const next = i + 1 < parts.length ? parts[i + 1]!.offset : directory;
    const gap = next - parts[i]!.dataEnd;
    // Nothing between a part's data and the next header but its data descriptor (12-24 bytes).
    if (gap < 0 || gap > (parts[i]!.descriptor ? 24 : 0)) return true;
  }
  for (const part of parts) {
    if (!part.deflated) continue;
    const packed =
      part.dataEnd -
      (part.offset + 30 + view.getUint16(part.offset + 26, true) + view.getUint16(part.offset + 28, true));
    const stream = deflatedSize(bytes.subarray(part.dataEnd - packed, part.dataEnd), part.size);
    if (!stream || stream.size !== part.size) return true;
  }
  return false;
}

/**
 * Bytes no text file holds (WHATWG MIME Sniffing's binary data bytes:
 * control characters other than tab, line breaks, form feed and escape), in
 * the first 64 KB. Neither UTF-8 nor GBK ever produces one, so a NUL, or
 * more than a stray few, marks a binary file (a file in UTF-16 starts with a
 * BOM and is told apart before this).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1 << 16);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x1b) continue;
    if (b === 0) return true;
    controls++;
  }
  return controls > 8 && controls * 200 > n;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What a file that is not text is (a workbook, a PDF, an image, …), for a
 * reader that expects text (a backup's JSON); undefined for text.
 */
export function binaryKind(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, ZIP)) {
    const kind = zipKind(bytes);
    return kind === 'spreadsheet' ? kindOf('spreadsheet') : kind;
  }
  if (startsWith(bytes, CFB)) return cfbKind(bytes);
  const signed = signatureKind(bytes);
  if (signed) return signed;
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  return !utf16 && looksBinary(bytes) ? kindOf('binary') : undefined;
}

/** A Word or PowerPoint 97-2003 file is the same kind of container as an .xls: told apart by its main stream. */
export function cfbKind(bytes: Uint8Array): FileKind {
  try {
    const container = XLSX.CFB.read(bytes, { type: 'array' });
    if (XLSX.CFB.find(container, 'Workbook') || XLSX.CFB.find(container, 'Book')) return kindOf('spreadsheet');
    if (XLSX.CFB.find(container, 'WordDocument')) return kindOf('word');
    if (XLSX.CFB.find(container, 'PowerPoint Document')) return kindOf('powerpoint');
    return kindOf('office');
  } catch {
    return kindOf('binary');
  }
}
