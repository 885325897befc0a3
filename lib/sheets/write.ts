// Writers (issue #5, "Export"): typed rows in, .xlsx or .csv bytes out. Pure:
// no DOM, no download; lib/extension turns the bytes into a file.
//
// Worksheets are built directly as dense cell arrays, not through
// XLSX.utils.json_to_sheet: the graded workbook for 100,000 customers must
// stay within 1.3x of a bare json_to_sheet + write (test/bench/sheets.bench.ts).
//
// What SheetJS CE (0.20.3) writes, checked in node_modules/xlsx/xlsx.mjs:
// - number formats per cell (`z`): dates, money, text '@' and font colours
//   inside a format ('[Red]@'), column widths (`!cols`), the autofilter
//   (`!autofilter`, with its _xlnm._FilterDatabase name);
// - NOT cell styles: write_sty_xml emits one fixed font, no fills, no bold,
//   and cellXfs carry only a numFmtId, so no fill colour and no quotePrefix;
// - NOT frozen panes: write_ws_xml_sheetviews writes only workbookViewId and
//   rightToLeft, `!freeze` / `!views` are ignored (the Pro build has them).
// So grade cells are coloured through their number format (font colour, not
// fill), and freezing the header is an opt-in post-process (freezeHeader):
// unzip with XLSX.CFB, add <pane ySplit="1" ... state="frozen"/> to each
// <sheetView>, zip again, which inflates and deflates every sheet a second
// time. Fills would take the same plus a patched styles.xml (fills, cellXfs)
// and `s` attributes rewritten on the grade cells.

import * as XLSX from 'xlsx';
import { displayWidth, excelSerialOf, looksLikeFormula, maskIdNumber, maskPhone, neutraliseForCsv } from './cells';

/**
 * How a column is written. phone, idNumber and vin are always text cells (an
 * 18-digit ID must never turn into 1.1E+17); date and datetime take our
 * wall-time strings and become real Excel dates; money, number, int and
 * percent become number cells with a number format; grade is text coloured
 * by grade.
 */
export type SheetColumnType =
  | 'text'
  | 'phone'
  | 'idNumber'
  | 'vin'
  | 'date'
  | 'datetime'
  | 'money'
  | 'number'
  | 'int'
  | 'percent'
  | 'grade';

export type SheetValue = string | number | boolean | null | undefined;
export type SheetRow = Readonly<Record<string, SheetValue>>;

export interface SheetColumn<R = SheetRow> {
  /** The row property this column shows (used when `get` is absent). */
  key: string;
  /** The header people read: Chinese (issue #5). */
  header: string;
  type: SheetColumnType;
  /** Reads the value from a row of another shape (a stored customer, a view row). */
  get?: (row: R) => SheetValue;
}

export interface SheetSpec<R = SheetRow> {
  /** Sheet tab name; cut to Excel's 31 characters, characters Excel refuses replaced. */
  name: string;
  columns: readonly SheetColumn<R>[];
  rows: readonly R[];
}

export interface WriteOptions {
  /** Export mobiles as 138****1234 and ID numbers as 110101********1234 (issue #5 "Masking"). */
  mask?: { phone?: boolean; idNumber?: boolean };
  /**
   * Freeze the header row (xlsx only). SheetJS CE cannot write panes, so the
   * written file is unzipped, each sheet's <sheetView> patched and zipped
   * again: about 60% more time on a 100,000-row workbook, negligible on a
   * view of a few thousand rows. Off by default for that reason.
   */
  freezeHeader?: boolean;
}

export type SheetFormat = 'xlsx' | 'csv';

/** Number formats; Chinese Excel and WPS read these codes as they are. */
export const NUMBER_FORMATS = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  int: '0',
  percent: '0.0%',
  text: '@',
} as const;

/**
 * Grade colours as font colours in the number format (the only colour SheetJS
 * CE can write). Standard Excel palette: Red, Color46 #FF6600, Color23
 * #0066CC, Color16 #808080, Color13 #800080, Color10 #008000, Color11 #000080.
 */
export const GRADE_FORMATS: Readonly<Record<string, string>> = {
  H: '[Red]@',
  A: '[Color46]@',
  B: '[Color23]@',
  C: '[Color16]@',
  O: '[Color13]@',
  D: '[Color10]@',
  M: '[Color11]@',
  战败: '[Color16]@',
};

const MIN_WIDTH = 6;
const MAX_WIDTH = 50;
/** Room for the autofilter's drop-down button beside a header. */
const FILTER_BUTTON = 2;
const ROUND_2 = (n: number): number => Math.round(n * 100) / 100;

type Cell = XLSX.CellObject;

interface ColumnWriter {
  /** undefined leaves the cell out (SheetJS's dense writer skips only undefined). */
  toCell(value: SheetValue): Cell | undefined;
  /** Columns the written cell shows. */
  width(cell: Cell): number;
}

function textCell(text: string, format?: string): Cell {
  // A text cell is written as a string (t 's', never a formula `f`), so
  // '=HYPERLINK(...)' stays text; the '@' format keeps it text when a user
  // edits the cell (Excel re-evaluates an edited General cell).
  if (format) return { t: 's', v: text, z: format };
  return looksLikeFormula(text) ? { t: 's', v: text, z: NUMBER_FORMATS.text } : { t: 's', v: text };
}

function asText(value: SheetValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

function asNumber(value: SheetValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

function writerFor(type: SheetColumnType, options: WriteOptions): ColumnWriter {
  const textWidth = (cell: Cell): number => displayWidth(cell.v as string);
  switch (type) {
    case 'phone':
    case 'idNumber':
    case 'vin': {
      const mask = type === 'phone' && options.mask?.phone ? maskPhone : type === 'idNumber' && options.mask?.idNumber ? maskIdNumber : undefined;
      return {
        toCell: (v) => {
          const s = asText(v);
          return s ? textCell(mask ? mask(s) : s, NUMBER_FORMATS.text) : undefined;
        },
        width: textWidth,
      };
    }
    case 'date':
    case 'datetime': {
      const format = NUMBER_FORMATS[type];
      return {
        toCell: (v) => {
          const s = asText(v);
          if (!s) return undefined;
          const serial = excelSerialOf(s);
          return serial === undefined ? textCell(s) : { t: 'n', v: serial, z: format };
        },
        width: (cell) => (cell.t === 'n' ? format.length : textWidth(cell)),
      };
    }
    case 'money':
    case 'number':
    case 'int':
    case 'percent': {
      const format = type === 'number' ? undefined : NUMBER_FORMATS[type];
      return {
        toCell: (v) => {
          const n = asNumber(v);
          if (n === undefined) {
            const s = asText(v);
            return s ? textCell(s) : undefined;
          }
          const value = type === 'money' ? ROUND_2(n) : n;
          return format ? { t: 'n', v: value, z: format } : { t: 'n', v: value };
        },
        width: (cell) => {
          if (cell.t !== 'n') return textWidth(cell);
          const n = cell.v as number;
          // Digits, grouping commas and decimals as the format shows them.
          const digits = String(Math.trunc(Math.abs(n))).length;
          if (type === 'money') return digits + Math.floor((digits - 1) / 3) + 3 + (n < 0 ? 1 : 0);
          if (type === 'percent') return digits + 5;
          return String(n).length;
        },
      };
    }
    case 'grade':
      return {
        toCell: (v) => {
          const s = asText(v);
          return s ? textCell(s, GRADE_FORMATS[s]) : undefined;
        },
        width: textWidth,
      };
    case 'text':
      return {
        toCell: (v) => {
          const s = asText(v);
          return s ? textCell(s) : undefined;
        },
        width: textWidth,
      };
  }
}

const valueReader = <R>(column: SheetColumn<R>): ((row: R) => SheetValue) =>
  column.get ?? ((row: R) => (row as unknown as SheetRow)[column.key]);

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
const SHEET_NAME_MAX = 31;

/** Sheet tab names Excel accepts: no []:*?/\, at most 31 characters, unique, never blank. */
export function safeSheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name, i) => {
    const base = name.replace(SHEET_NAME_FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim().slice(0, SHEET_NAME_MAX) || `Sheet${i + 1}`;
    let out = base;
    for (let k = 2; taken.has(out.toLowerCase()); k++) {
      const suffix = `(${k})`;
      out = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(out.toLowerCase());
    return out;
  });
}

/** One worksheet: header row, typed cells, fitted widths, autofilter over header and data. */
function buildWorksheet<R>(spec: SheetSpec<R>, options: WriteOptions): XLSX.WorkSheet {
  const columns = spec.columns;
  const writers = columns.map((c) => writerFor(c.type, options));
  const readers = columns.map(valueReader);
  const widths = columns.map((c) => displayWidth(c.header) + FILTER_BUTTON);
  const data: (Cell | undefined)[][] = new Array(spec.rows.length + 1);
  data[0] = columns.map((c) => textCell(c.header));
  const width = columns.length;
  for (let r = 0; r < spec.rows.length; r++) {
    const row = spec.rows[r]!;
    const cells: (Cell | undefined)[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const value = readers[c]!(row);
      const cell = writers[c]!.toCell(value);
      cells[c] = cell;
      if (cell) {
        const w = writers[c]!.width(cell);
        if (w > widths[c]!) widths[c] = w;
      }
    }
    data[r + 1] = cells;
  }
  const lastCol = Math.max(width - 1, 0);
  const ref = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: spec.rows.length, c: lastCol } });
  const sheet = { '!data': data, '!ref': ref } as unknown as XLSX.WorkSheet;
  sheet['!cols'] = widths.map((w) => ({ wch: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 1)) }));
  if (width > 0) sheet['!autofilter'] = { ref };
  return sheet;
}

/** An .xlsx workbook of these sheets, in order. */
export function writeXlsx<R>(sheets: readonly SheetSpec<R>[], options: WriteOptions = {}): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const names = safeSheetNames(sheets.map((s) => s.name));
  const workbook: XLSX.WorkBook = { SheetNames: names, Sheets: {} };
  sheets.forEach((spec, i) => {
    workbook.Sheets[names[i]!] = buildWorksheet(spec, options);
  });
  const out = new Uint8Array(XLSX.write(workbook, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer);
  return options.freezeHeader ? freezeHeaderRows(out, names.length) : out;
}

const PLAIN_SHEET_VIEW = /<sheetView ([^>]*?)\/>/;
const FROZEN_PANE = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>';

interface ZipEntry {
  content: Uint8Array;
  size: number;
}

/** Adds a frozen pane under row 1 to every sheet of an xlsx SheetJS wrote (sheet1.xml ... sheetN.xml). */
function freezeHeaderRows(xlsx: Uint8Array, sheets: number): Uint8Array {
  const zip = XLSX.CFB.read(xlsx, { type: 'array' });
  for (let i = 1; i <= sheets; i++) {
    const entry = XLSX.CFB.find(zip, `/xl/worksheets/sheet${i}.xml`) as ZipEntry | null;
    if (!entry) continue;
    const xml = new TextDecoder().decode(entry.content);
    const frozen = xml.replace(PLAIN_SHEET_VIEW, (_m, attrs: string) => `<sheetView ${attrs}>${FROZEN_PANE}</sheetView>`);
    entry.content = new TextEncoder().encode(frozen);
    entry.size = entry.content.length;
  }
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayLike<number>);
}

const CSV_NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvField(text: string): string {
  return CSV_NEEDS_QUOTES.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function csvValue(type: SheetColumnType, value: SheetValue, options: WriteOptions): string {
  const s = asText(value);
  if (!s) return '';
  switch (type) {
    case 'phone':
      return neutraliseForCsv(options.mask?.phone ? maskPhone(s) : s);
    case 'idNumber':
      return neutraliseForCsv(options.mask?.idNumber ? maskIdNumber(s) : s);
    case 'date':
    case 'datetime':
      // A space, not 'T', between date and time: how people and Excel write it.
      return excelSerialOf(s) === undefined ? neutraliseForCsv(s) : s.replace('T', ' ');
    case 'money':
    case 'number':
    case 'int':
    case 'percent': {
      const n = asNumber(value);
      // A real negative number stays a number: only text is neutralised.
      if (n === undefined) return neutraliseForCsv(s);
      return String(type === 'money' ? ROUND_2(n) : n);
    }
    default:
      return neutraliseForCsv(s);
  }
}

/**
 * One sheet as CSV: UTF-8 with a BOM so Excel on Windows reads Chinese,
 * CRLF line ends, fields quoted where they hold quotes, commas, line breaks
 * or edge spaces, and formula-like text behind an apostrophe.
 */
export function writeCsv<R>(sheet: SheetSpec<R>, options: WriteOptions = {}): Uint8Array {
  const readers = sheet.columns.map(valueReader);
  const lines: string[] = [sheet.columns.map((c) => csvField(neutraliseForCsv(c.header))).join(',')];
  for (const row of sheet.rows) {
    lines.push(sheet.columns.map((c, i) => csvField(csvValue(c.type, readers[i]!(row), options))).join(','));
  }
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

/** Sheets as xlsx, or the single sheet as CSV (a CSV file holds one sheet). */
export function writeWorkbook<R>(sheets: readonly SheetSpec<R>[], format: SheetFormat, options: WriteOptions = {}): Uint8Array {
  if (format === 'xlsx') return writeXlsx(sheets, options);
  if (sheets.length !== 1) throw new Error(`a CSV file holds one sheet, got ${sheets.length}`);
  return writeCsv(sheets[0]!, options);
}

/** The MIME type a download of this format carries. */
export function mimeTypeOf(format: SheetFormat): string {
  return format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
}

const FILE_NAME_FORBIDDEN = /[\\/:*?"<>|]|\p{Cc}/gu;

/**
 * 'DealerLens_客户分级_2026-11-23.xlsx': the kind of export and the user's
 * local calendar day of `now` (issue #5 file names).
 */
export function exportFileName(kind: string, now: Date, format: SheetFormat = 'xlsx'): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const safeKind = kind.replace(FILE_NAME_FORBIDDEN, '_').trim() || '导出';
  return `DealerLens_${safeKind}_${day}.${format}`;
}
