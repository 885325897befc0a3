// Text files (docs/capture.md#file-import): decode UTF-8 (with or without BOM), UTF-16
// with a BOM, or GBK, and split CSV into cells. Parsed here rather than by
// SheetJS so every cell stays the text in the file: SheetJS's CSV reader turns
// 13800138000 into a number and drops the leading zeros of 00123.

import { unneutraliseCsv } from './cells';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: TextEncodingName;
      /** Byte sequences the encoding could not decode, each shown as U+FFFD in the text. */
      invalid: number;
    }
  | { ok: false };

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * The most undecodable sequences a text may hold, as a share of its non-ASCII
 * characters, for a reading to count as that encoding with a few damaged
 * bytes. GBK text read as UTF-8 fails on nearly every Chinese character (about
 * nine in ten), UTF-8 text read as GBK on many; a file of either with a few
 * bad bytes stays far below this.
 */
const MAX_INVALID_SHARE = 0.2;

/**
 * The file's text. Without a BOM, strict UTF-8 is tried first and GBK second:
 * GBK text is almost never valid UTF-8. When neither reads every byte, the
 * encoding that leaves few sequences undecodable is taken, each such sequence
 * shown as U+FFFD (the reader lists the rows holding one, the user keeps or
 * drops them); a text where many fail is refused, so nothing is read as
 * mojibake. GBK is decoded with the 'gb18030' label (a superset of GBK):
 * Node's ICU decoder for the 'gbk' label silently skips an invalid 0xFF even
 * when fatal, its 'gb18030' decoder refuses it as browsers do.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decode('utf-8', 'utf-8', bytes.subarray(3), 'either');
  if (startsWith(bytes, [0xff, 0xfe])) return decode('utf-16le', 'utf-16le', bytes.subarray(2), 'either');
  if (startsWith(bytes, [0xfe, 0xff])) return decode('utf-16be', 'utf-16be', bytes.subarray(2), 'either');
  const utf8 = decode('utf-8', 'utf-8', bytes, 'strict');
  if (utf8.ok) return utf8;
  const gbk = decode('gbk', 'gb18030', bytes, 'strict');
  if (gbk.ok) return gbk;
  // UTF-8 first: its rules are strict enough that few bad sequences mean UTF-8.
  for (const [encoding, label] of [
    ['utf-8', 'utf-8'],
    ['gbk', 'gb18030'],
  ] as const) {
    const lossy = decode(encoding, label, bytes, 'lossy');
    if (lossy.ok && lossy.invalid <= nonAscii(lossy.text) * MAX_INVALID_SHARE) return lossy;
  }
  return { ok: false };
}

function nonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) n++;
  return n;
}

/** strict: every byte decodes, or nothing; lossy: undecodable sequences become U+FFFD; either: strict first. */
function decode(
  encoding: TextEncodingName,
  label: string,
  bytes: Uint8Array,
  mode: 'strict' | 'lossy' | 'either',
): DecodeResult {
  if (mode !== 'lossy') {
    try {
      const strict = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
      return { ok: true, text: strict, encoding, invalid: 0 };
    } catch {
      if (mode === 'strict') return { ok: false };
    }
  }
  const text = new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
  let invalid = 0;
  for (let at = text.indexOf('\ufffd'); at !== -1; at = text.indexOf('\ufffd', at + 1)) invalid++;
  return { ok: true, text, encoding, invalid };
}

const DELIMITERS = [',', '\t', ';', '|'] as const;

/** The delimiter of the first line: the one that occurs most outside quotes (comma on a tie). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export interface ParsedCsv {
  rows: string[][];
  /** The file has more rows than maxRows; only maxRows were kept. */
  truncated: boolean;
  delimiter: string;
}

// Excel's own trick for keeping digits text in a CSV: ="00123".
const EXCEL_TEXT_FORMULA = /^="(.*)"$/s;

function cellOf(raw: string): string {
  if (raw.length > 2 && raw.charCodeAt(0) === 61 /* = */) {
    const m = EXCEL_TEXT_FORMULA.exec(raw);
    if (m) return m[1]!.replace(/""/g, '"');
  }
  return unneutraliseCsv(raw);
}

/**
 * RFC 4180 fields: quoted fields may hold delimiters, quotes ("") and line
 * breaks; CRLF, LF and CR end a row. A text after a closing quote is kept
 * (lenient, as Excel is). Cells written by our own writer with a guarding
 * apostrophe read back as the original text.
 */
export function parseCsv(text: string, options: { maxRows?: number; delimiter?: string } = {}): ParsedCsv {
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const maxRows = options.maxRows ?? Infinity;
  const d = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  let truncated = false;
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let out = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          out += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          out += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        out += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Lenient: anything between the closing quote and the delimiter is kept.
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === d || c === 10 || c === 13) break;
        end++;
      }
      value = out + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === d || c === 10 || c === 13) break;
        end++;
      }
      value = text.slice(i, end);
      i = end;
    }
    row.push(cellOf(value));
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    // End of row (or of text).
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (i < n) i++;
    rows.push(row);
    row = [];
    if (rows.length >= maxRows) {
      truncated = i < n && text.slice(i).trim() !== '';
      break;
    }
  }
  if (row.length) rows.push(row);
  return { rows, truncated, delimiter };
}
