// Cell-level rules shared by the writers and the reader (docs/workbench.md#export): Excel date
// serials from our local wall-time strings and back, display widths, masking
// of mobile and ID numbers, and the formula-injection guard.
//
// Dates are converted with integer calendar arithmetic, never through a Date
// object: our dates are local wall times without a zone (lib/customer.ts), and
// an Excel serial is a wall time too, so no time zone may enter in between.

import { daysFromCivil, daysInMonth, EXCEL_EPOCH_OFFSET, isoOfDay, pad2 } from '../calendar';

const MINUTES_PER_DAY = 1440;

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The Excel serial of 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm' (local wall time),
 * or undefined when the text is not such a date. Dates before 1900-03-01 are
 * refused: Excel's serials there are off by its phantom 1900-02-29.
 */
export function excelSerialOf(wallTime: string): number | undefined {
  const m = WALL_TIME.exec(wallTime);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined; // 2026-02-30
  const days = daysFromCivil(y, mo, d);
  const serial = days + EXCEL_EPOCH_OFFSET;
  if (serial < 61) return undefined;
  if (m[4] === undefined) return serial;
  const h = Number(m[4]);
  const min = Number(m[5]);
  if (h > 23 || min > 59) return undefined;
  return serial + (h * 60 + min) / MINUTES_PER_DAY;
}

/**
 * An Excel serial as our wall-time text: 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm'
 * when it carries a time of day (rounded to the minute, as lib/customer.ts
 * stores times). Undefined for serials outside 1900-03-01..9999-12-31.
 */
export function wallTimeOfSerial(serial: number, withTime: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return undefined;
  let minutes = Math.round(serial * MINUTES_PER_DAY);
  let days = Math.floor(minutes / MINUTES_PER_DAY);
  minutes -= days * MINUTES_PER_DAY;
  if (minutes === MINUTES_PER_DAY) {
    days++;
    minutes = 0;
  }
  const date = isoOfDay(days - EXCEL_EPOCH_OFFSET);
  if (!withTime || minutes === 0) return date;
  return date + 'T' + pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}

/**
 * Columns a text takes in a spreadsheet's default font: CJK and full-width
 * characters take two (docs/workbench.md#export, "column widths fitted to the content"); a
 * text of several lines is as wide as its longest line.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (w > widest) widest = w;
      w = 0;
    } else if (c < 0xdc00 || c > 0xdfff) w += c >= 0x1100 ? 2 : 1; // a low surrogate counts with its high half
  }
  return w > widest ? w : widest;
}

// ---------------------------------------------------------------------------
// Formula injection (docs/workbench.md#export): a text cell starting with one of these is
// taken for a formula by Excel, LibreOffice, WPS or Google Sheets when typed
// in or opened from a CSV (OWASP "CSV Injection").

const FORMULA_START = /^[=+\-@\t\r]/;

/** True for text a spreadsheet program would evaluate if it arrived unprotected. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The text as a CSV cell no spreadsheet evaluates: a leading apostrophe, the
 * prefix Excel itself uses to mark a typed entry as text.
 */
export function neutraliseForCsv(text: string): string {
  return FORMULA_START.test(text) ? "'" + text : text;
}

const NEUTRALISED = /^'[=+\-@\t\r]/;

/** The reverse of neutraliseForCsv, so an exported CSV reads back to what was exported. */
export function unneutraliseCsv(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------
// Masking (docs/workbench.md#export: "the manager chooses whether phone and ID numbers are
// exported masked"), in the shape portals print them, so lib/mapping still
// recognises a masked mobile (isMaskedMobile) when such a file is imported.

const MOBILE = /^(1\d{2})\d{4}(\d{4})$/;
const ID18 = /^(\d{6})\d{8}(\d{3}[\dXx])$/;

/** 13812341234 -> 138****1234; other numbers keep their first 3 and last 4 characters. */
export function maskPhone(phone: string): string {
  const m = MOBILE.exec(phone);
  if (m) return `${m[1]}****${m[2]}`;
  return maskMiddle(phone, 3, 4);
}

/** 110101199003071234 -> 110101********1234 (region kept, birth date hidden). */
export function maskIdNumber(id: string): string {
  const m = ID18.exec(id);
  if (m) return `${m[1]}********${m[2]}`;
  return maskMiddle(id, 3, 4);
}

function maskMiddle(text: string, head: number, tail: number): string {
  if (text.length <= head + tail) return '*'.repeat(text.length);
  return text.slice(0, head) + '*'.repeat(text.length - head - tail) + text.slice(text.length - tail);
}
