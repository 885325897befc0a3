// Writers (docs/workbench.md#export, "Export"): typed rows in, .xlsx or .csv bytes out. Pure:
// no DOM, no download; lib/extension turns the bytes into a file.
//
// The .xlsx is written by lib/sheets/xlsx.ts and zip.ts, not by SheetJS's
// writer: the graded workbook for 100,000 customers must take under 8 s and
// 1.5 GB in Chromium (test/bench/workbook.bench.ts), where SheetJS CE's cell
// objects, XML and pure-JS deflate took 16 s and 3 GB. Each sheet becomes a
// grid of typed arrays here (a shared-string index or a number, and a style,
// per cell), then streamed as XML into the deflater. What the file holds:
// - number formats per cell: dates, money, text '@' and font colours inside a
//   format ('[Red]@'), column widths, the autofilter (with its
//   _xlnm._FilterDatabase name), optionally a frozen header row;
// - no fills, bold or quotePrefix: grade cells are coloured through their
//   number format (font colour), as they were when SheetJS CE wrote the file.
// SheetJS still reads every file back (lib/sheets/read.ts, the round-trip tests).

import * as XLSX from 'xlsx';
import { daysFromCivil, dayOf, EXCEL_EPOCH_OFFSET, localDateOf } from '../calendar';
import { displayWidth, excelSerialOf, looksLikeFormula, maskIdNumber, maskPhone, neutraliseForCsv } from './cells';
import { NUMBER, packageParts, SHARED_STRING, SharedStrings, worksheetXml, XlsxStyles, type SheetGrid } from './xlsx';
import { deflateEntryNative, deflateEntrySync, hasNativeDeflate, zipEntries, type ZipEntry } from './zip';

/**
 * How a column is written. phone, idNumber and vin are always text cells (an
 * 18-digit ID must never turn into 1.1E+17); date and datetime take our
 * wall-time strings and become real Excel dates; money, number, int and
 * percent become number cells with a number format; grade is text coloured
 * by grade.
 */
export type SheetColumnType =
  'text' | 'phone' | 'idNumber' | 'vin' | 'date' | 'datetime' | 'money' | 'number' | 'int' | 'percent' | 'grade';

export type SheetValue = string | number | boolean | null | undefined;
export type SheetRow = Readonly<Record<string, SheetValue>>;

export interface SheetColumn<R = SheetRow> {
  /** The row property this column shows (used when `get` is absent). */
  key: string;
  /** The header people read: Chinese (docs/workbench.md#export). */
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
  /** Export mobiles as 138****1234 and ID numbers as 110101********1234 (docs/workbench.md#export). */
  mask?: { phone?: boolean; idNumber?: boolean };
  /**
   * Freeze the header row (xlsx only): a frozen pane under row 1 in each
   * sheet's view. Costs nothing since the writer is ours (SheetJS CE could
   * not write panes); off by default, as files were before.
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

/** The grade a label names ('H级', 'D 交车客户', 'Grade H' → 'H'; '战败客户' → '战败'), for its colour. */
function gradeOfLabel(label: string): string {
  const m = /^(?:Grade\s+)?([HABCODM])(?![A-Za-z])/.exec(label);
  if (m) return m[1]!;
  return label.startsWith('战败') ? '战败' : '';
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 50;
/** Room for the autofilter's drop-down button beside a header. */
const FILTER_BUTTON = 2;
const ROUND_2 = (n: number): number => Math.round(n * 100) / 100;

/** Everything the sheets of one workbook share: the string table, the styles, what is known of each text and date. */
class BookCells {
  readonly sst = new SharedStrings();
  readonly styles = new XlsxStyles();
  /** The '@' style: phone, ID and VIN cells, and text that looks like a formula. */
  readonly textStyle = this.styles.of(NUMBER_FORMATS.text);
  /** Per shared string: display width, and whether it looks like a formula. */
  private readonly widths: number[] = [];
  private readonly formulas: boolean[] = [];

  text(s: string): number {
    const k = this.sst.add(s);
    if (k === this.widths.length) {
      this.widths.push(displayWidth(s));
      this.formulas.push(looksLikeFormula(s));
    }
    return k;
  }

  widthOf(k: number): number {
    return this.widths[k]!;
  }

  isFormula(k: number): boolean {
    return this.formulas[k]!;
  }

  /** The Excel serial of a date text, NaN when it is none. */
  serialOf(s: string): number {
    return serialOfDay(s) ?? excelSerialOf(s) ?? NaN;
  }
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
/** 1901-01-01: from there on an Excel serial is plain days since 1899-12-30 (before, Excel's 1900 leap-year bug counts, which excelSerialOf handles). */
const FIRST_PLAIN_DAY = daysFromCivil(1901, 1, 1);

/**
 * excelSerialOf for the common 'YYYY-MM-DD' and 'YYYY-MM-DDTHH:mm' (or with
 * a space), through the calendar's regex-free day reader: the graded workbook
 * has some 700,000 date cells, and the regular expression was a tenth of the
 * writer's time. undefined: ask excelSerialOf.
 */
export function serialOfDay(s: string): number | undefined {
  if (s.length !== 10 && s.length !== 16) return undefined;
  const day = dayOf(s);
  if (!(day >= FIRST_PLAIN_DAY)) return undefined;
  const serial = day + EXCEL_EPOCH_OFFSET;
  if (s.length === 10) return serial;
  if (s.charCodeAt(13) !== 58) return undefined; // ':'
  const h = digit(s, 11) * 10 + digit(s, 12);
  const min = digit(s, 14) * 10 + digit(s, 15);
  if (!(h <= 23 && min <= 59)) return undefined;
  return serial + (h * 60 + min) / 1440;
}

/** Writes one value into cell `at` of the grid; returns the columns the cell shows (0 when left empty). */
type PutCell = (value: SheetValue, at: number) => number;

interface GridArrays {
  kinds: Uint8Array;
  styles: Uint8Array;
  values: Float64Array;
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

function cellWriter(type: SheetColumnType, options: WriteOptions, book: BookCells, grid: GridArrays): PutCell {
  const { kinds, styles, values } = grid;
  // A text cell is a shared string (t 's', never a formula `f`), so
  // '=HYPERLINK(...)' stays text; the '@' format keeps it text when a user
  // edits the cell (Excel re-evaluates an edited General cell). `style`
  // undefined: General, or '@' for formula-like text.
  const putText = (s: string, at: number, style?: number): number => {
    const k = book.text(s);
    kinds[at] = SHARED_STRING;
    values[at] = k;
    styles[at] = style ?? (book.isFormula(k) ? book.textStyle : 0);
    return book.widthOf(k);
  };
  const putNumber = (n: number, at: number, style: number): void => {
    kinds[at] = NUMBER;
    values[at] = n;
    styles[at] = style;
  };
  switch (type) {
    case 'phone':
    case 'idNumber':
    case 'vin': {
      const mask =
        type === 'phone' && options.mask?.phone
          ? maskPhone
          : type === 'idNumber' && options.mask?.idNumber
            ? maskIdNumber
            : undefined;
      return (v, at) => {
        const s = asText(v);
        return s ? putText(mask ? mask(s) : s, at, book.textStyle) : 0;
      };
    }
    case 'date':
    case 'datetime': {
      const style = book.styles.of(NUMBER_FORMATS[type]);
      // A day without a time of day is written as a date even in a date-and-time column: no '00:00'.
      const dayStyle = book.styles.of(NUMBER_FORMATS.date);
      return (v, at) => {
        const s = asText(v);
        if (!s) return 0;
        const serial = book.serialOf(s);
        if (Number.isNaN(serial)) return putText(s, at);
        const day = Number.isInteger(serial);
        putNumber(serial, at, day ? dayStyle : style);
        return NUMBER_FORMATS[day ? 'date' : type].length;
      };
    }
    case 'money':
    case 'number':
    case 'int':
    case 'percent': {
      const style = book.styles.of(type === 'number' ? undefined : NUMBER_FORMATS[type]);
      return (v, at) => {
        const n = asNumber(v);
        if (n === undefined) {
          const s = asText(v);
          return s ? putText(s, at) : 0;
        }
        const value = type === 'money' ? ROUND_2(n) : n;
        putNumber(value, at, style);
        // Digits, grouping commas and decimals as the format shows them.
        if (type === 'number' || type === 'int') return String(value).length;
        const digits = String(Math.trunc(Math.abs(value))).length;
        if (type === 'money') return digits + Math.floor((digits - 1) / 3) + 3 + (value < 0 ? 1 : 0);
        return digits + 5;
      };
    }
    case 'grade': {
      const gradeStyles = new Map(Object.entries(GRADE_FORMATS).map(([g, f]) => [g, book.styles.of(f)]));
      return (v, at) => {
        const s = asText(v);
        return s ? putText(s, at, gradeStyles.get(s) ?? gradeStyles.get(gradeOfLabel(s))) : 0;
      };
    }
    case 'text':
      return (v, at) => {
        const s = asText(v);
        return s ? putText(s, at) : 0;
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
    const base =
      name
        .replace(SHEET_NAME_FORBIDDEN, '_')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, SHEET_NAME_MAX) || `Sheet${i + 1}`;
    let out = base;
    for (let k = 2; taken.has(out.toLowerCase()); k++) {
      const suffix = `(${k})`;
      out = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(out.toLowerCase());
    return out;
  });
}

/** One worksheet as a grid: header row, typed cells, fitted widths, autofilter over header and data. */
function buildGrid<R>(spec: SheetSpec<R>, name: string, options: WriteOptions, book: BookCells): SheetGrid {
  const columns = spec.columns;
  const width = columns.length;
  const rowCount = spec.rows.length + 1;
  const grid: GridArrays = {
    kinds: new Uint8Array(rowCount * width),
    styles: new Uint8Array(rowCount * width),
    values: new Float64Array(rowCount * width),
  };
  const writers = columns.map((c) => cellWriter(c.type, options, book, grid));
  const readers = columns.map(valueReader);
  const widths = columns.map((c) => displayWidth(c.header) + FILTER_BUTTON);
  const header = cellWriter('text', options, book, grid);
  columns.forEach((c, i) => header(c.header, i));
  for (let r = 0, at = width; r < spec.rows.length; r++) {
    const row = spec.rows[r]!;
    for (let c = 0; c < width; c++, at++) {
      const w = writers[c]!(readers[c]!(row), at);
      if (w > widths[c]!) widths[c] = w;
    }
  }
  return {
    name,
    rowCount,
    colCount: width,
    ...grid,
    widths: widths.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 1))),
    autofilter: width > 0,
  };
}

/** The parts of the .xlsx package, each as XML chunks; a sheet's grid is built only when its part is reached. */
function* xlsxParts<R>(
  sheets: readonly SheetSpec<R>[],
  options: WriteOptions,
): Generator<{ name: string; xml: Iterable<Uint8Array<ArrayBuffer>> }> {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const names = safeSheetNames(sheets.map((s) => s.name));
  const book = new BookCells();
  const written: SheetGrid[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const grid = buildGrid(sheets[i]!, names[i]!, options, book);
    yield { name: `xl/worksheets/sheet${i + 1}.xml`, xml: worksheetXml(grid, options.freezeHeader === true) };
    // Keep what the workbook part needs, not the cells.
    written.push({ ...grid, kinds: new Uint8Array(0), styles: new Uint8Array(0), values: new Float64Array(0) });
  }
  yield { name: 'xl/sharedStrings.xml', xml: book.sst.xml() };
  const encoder = new TextEncoder();
  for (const part of packageParts(written, book.styles)) yield { name: part.name, xml: [encoder.encode(part.xml)] };
}

/** SheetJS's deflate (RFC 1951, fixed Huffman codes), in JavaScript: the synchronous writer's. */
const deflateRawJs = (bytes: Uint8Array): Uint8Array => XLSX.CFB.utils._deflateRaw(bytes) as Uint8Array;

/** [Content_Types].xml first, as Office writes it; then the workbook, the sheets, the rest. */
function packageOrder(entries: ZipEntry[]): ZipEntry[] {
  const rank = (name: string): number =>
    name === '[Content_Types].xml'
      ? 0
      : name.startsWith('_rels/')
        ? 1
        : name.startsWith('xl/workbook') || name.startsWith('xl/_rels/')
          ? 2
          : 3;
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * An .xlsx workbook of these sheets, in order, deflated in JavaScript.
 * Prefer writeXlsxAsync for large workbooks: it deflates natively and keeps
 * less in memory.
 */
export function writeXlsx<R>(sheets: readonly SheetSpec<R>[], options: WriteOptions = {}): Uint8Array {
  const entries: ZipEntry[] = [];
  for (const part of xlsxParts(sheets, options)) entries.push(deflateEntrySync(part.name, part.xml, deflateRawJs));
  return zipEntries(packageOrder(entries));
}

/**
 * An .xlsx workbook of these sheets, in order, deflated by the platform's
 * CompressionStream as each sheet's XML is produced (falls back to
 * writeXlsx's JavaScript deflate where there is none).
 */
export async function writeXlsxAsync<R>(
  sheets: readonly SheetSpec<R>[],
  options: WriteOptions = {},
): Promise<Uint8Array> {
  if (!hasNativeDeflate()) return writeXlsx(sheets, options);
  const entries: ZipEntry[] = [];
  for (const part of xlsxParts(sheets, options)) entries.push(await deflateEntryNative(part.name, part.xml));
  return zipEntries(packageOrder(entries));
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

/** How an export a user saves is written (docs/workbench.md#export). */
export interface ExportOptions {
  /**
   * Write mobiles and ID numbers in full: only when the user chooses so
   * (导出完整号码). By default an export masks them, as the screen does:
   * personal information leaves the store only when someone means it to.
   * A backup, which must restore what it saved, is not an export.
   */
  fullNumbers?: boolean;
  freezeHeader?: boolean;
}

/** The writer's options for an export: masked numbers unless the user chose full ones. */
export function exportWriteOptions(options: ExportOptions = {}): WriteOptions {
  const write: WriteOptions = {};
  if (!options.fullNumbers) write.mask = { phone: true, idNumber: true };
  if (options.freezeHeader) write.freezeHeader = true;
  return write;
}

/** An export: sheets as xlsx, or the single sheet as CSV (a CSV file holds one sheet); numbers masked unless `fullNumbers`. */
export function writeWorkbook<R>(
  sheets: readonly SheetSpec<R>[],
  format: SheetFormat,
  options: ExportOptions = {},
): Uint8Array {
  const write = exportWriteOptions(options);
  if (format === 'xlsx') return writeXlsx(sheets, write);
  if (sheets.length !== 1) throw new Error(`a CSV file holds one sheet, got ${sheets.length}`);
  return writeCsv(sheets[0]!, write);
}

/** The MIME type a download of this format carries. */
export function mimeTypeOf(format: SheetFormat): string {
  return format === 'xlsx'
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv;charset=utf-8';
}

const FILE_NAME_FORBIDDEN = /[\\/:*?"<>|]|\p{Cc}/gu;

/**
 * 'DealerLens_客户分级_2026-11-23.xlsx': the kind of export and the user's
 * local calendar day of `now` (docs/workbench.md#export file names).
 */
export function exportFileName(kind: string, now: Date, format: SheetFormat = 'xlsx'): string {
  const day = localDateOf(now);
  const safeKind = kind.replace(FILE_NAME_FORBIDDEN, '_').trim() || '导出';
  return `DealerLens_${safeKind}_${day}.${format}`;
}
