// A minimal zip writer for the .xlsx package (docs/workbench.md#export, "Export"): deflated
// entries, no zip64, no encryption, a fixed 1980-01-01 time stamp so the same
// sheets give the same bytes. Layout from PKWARE's APPNOTE.TXT 6.3.x:
// local file header (4.3.7), central directory header (4.3.12), end of
// central directory record (4.3.16).
//
// Entries are deflated either in JavaScript (SheetJS's deflate, synchronous)
// or by the platform's CompressionStream (Chromium, Firefox, Node >= 18), which
// is native code and several times faster on a 100,000-customer workbook
// (test/bench/workbook.bench.ts). The native path asks for 'gzip' rather than
// 'deflate-raw': a gzip member (RFC 1952) is a raw deflate stream between a
// header and a trailer that carries the CRC-32 and the size, so the CRC comes
// from native code too.

/** One stored file of the archive: its deflated bytes and what the directory records about it. */
export interface ZipEntry {
  name: string;
  /** Raw deflate data (method 8) or the bytes themselves (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** Uncompressed size in bytes. */
  size: number;
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as zip and gzip use it) of `bytes`, continuing from `crc`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function concat(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Deflates an entry in JavaScript, synchronously, with `deflateRaw` (RFC 1951 raw data). */
export function deflateEntrySync(
  name: string,
  chunks: Iterable<Uint8Array>,
  deflateRaw: (bytes: Uint8Array) => Uint8Array,
): ZipEntry {
  const parts: Uint8Array[] = [];
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    parts.push(chunk);
  }
  return { name, data: deflateRaw(concat(parts, size)), method: 8, crc, size };
}

const GZIP_FHCRC = 0x02;
const GZIP_FEXTRA = 0x04;
const GZIP_FNAME = 0x08;
const GZIP_FCOMMENT = 0x10;

/** The raw deflate data, CRC-32 and size inside one gzip member (RFC 1952 section 2.3). */
export function unwrapGzip(member: Uint8Array): { data: Uint8Array; crc: number; size: number } {
  if (member.length < 18 || member[0] !== 0x1f || member[1] !== 0x8b || member[2] !== 8)
    throw new Error('not a gzip member with deflate data');
  const flags = member[3]!;
  let at = 10;
  if (flags & GZIP_FEXTRA) at += 2 + (member[at]! | (member[at + 1]! << 8));
  if (flags & GZIP_FNAME) while (member[at++] !== 0 && at < member.length);
  if (flags & GZIP_FCOMMENT) while (member[at++] !== 0 && at < member.length);
  if (flags & GZIP_FHCRC) at += 2;
  const end = member.length - 8;
  if (at > end) throw new Error('truncated gzip member');
  const view = new DataView(member.buffer, member.byteOffset, member.byteLength);
  return { data: member.subarray(at, end), crc: view.getUint32(end, true), size: view.getUint32(end + 4, true) };
}

/**
 * Deflates an entry with the platform's CompressionStream: chunks are handed
 * over one by one as they are produced, so the entry's uncompressed bytes
 * never need to exist all at once.
 */
export async function deflateEntryNative(name: string, chunks: Iterable<Uint8Array<ArrayBuffer>>): Promise<ZipEntry> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const out: Uint8Array[] = [];
  let outLength = 0;
  const drained = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out.push(value);
      outLength += value.length;
    }
  })();
  let size = 0;
  try {
    for (const chunk of chunks) {
      size += chunk.length;
      await writer.write(chunk);
    }
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    throw error;
  }
  await drained;
  const member = unwrapGzip(concat(out, outLength));
  // ISIZE is the size modulo 2^32 (RFC 1952).
  if (member.size !== size % 2 ** 32) throw new Error(`gzip size mismatch for ${name}`);
  return { name, data: member.data, method: 8, crc: member.crc, size };
}

/** Whether this platform has a native deflate (CompressionStream with 'gzip'). */
export function hasNativeDeflate(): boolean {
  return typeof CompressionStream === 'function';
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const VERSION = 20; // 2.0: deflate
const UTF8_NAMES = 0x0800;

/** The .zip archive of these entries, in order. */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let total = 22;
  entries.forEach((e, i) => (total += 30 + 46 + 2 * names[i]!.length + e.data.length));
  if (total > 0xffffffff || entries.length > 0xffff)
    throw new Error('the workbook is too large for a zip without zip64');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  const flagsOf = (name: string): number => (/[^\x20-\x7e]/.test(name) ? UTF8_NAMES : 0);
  entries.forEach((e, i) => {
    const name = names[i]!;
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, VERSION, true);
    view.setUint16(at + 6, flagsOf(e.name), true);
    view.setUint16(at + 8, e.method, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, DOS_DATE_1980_01_01, true);
    view.setUint32(at + 14, e.crc, true);
    view.setUint32(at + 18, e.data.length, true);
    view.setUint32(at + 22, e.size, true);
    view.setUint16(at + 26, name.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(name, at + 30);
    at += 30 + name.length;
    out.set(e.data, at);
    at += e.data.length;
  });
  const directory = at;
  entries.forEach((e, i) => {
    const name = names[i]!;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, VERSION, true);
    view.setUint16(at + 6, VERSION, true);
    view.setUint16(at + 8, flagsOf(e.name), true);
    view.setUint16(at + 10, e.method, true);
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DOS_DATE_1980_01_01, true);
    view.setUint32(at + 16, e.crc, true);
    view.setUint32(at + 20, e.data.length, true);
    view.setUint32(at + 24, e.size, true);
    view.setUint16(at + 28, name.length, true);
    // extra field length, comment length, disk number, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
