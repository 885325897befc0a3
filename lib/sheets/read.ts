// Reader (docs/capture.md#file-import): .xlsx, .xls, .csv (UTF-8 or GBK) and the HTML
// tables some portals save as .xls, bytes in, one table per sheet out, in the
// shape a page capture stages, so the same mapping, preview, upsert, batch and
// undo take it. Every cell is read as the text a person sees, first: IDs and
// leading zeros survive, phone numbers stored as numbers come out as their
// digits, and date cells as 'YYYY-MM-DD' text that lib/mapping's parseDate
// reads. A file either reads or gives a clear error; within a file that reads,
// a row that cannot be imported as it is (a cell longer than Excel allows, an
// undecodable byte in a text file) is named by its row number, never silently
// dropped or mixed in.

import * as XLSX from 'xlsx';
import type { StagedTable } from '../customer';
import { lookupHeader } from '../mapping';
import { wallTimeOfSerial } from './cells';
import { decodeText, parseCsv, type TextEncodingName } from './csv';
import { sheetsError, type Limits, type SheetsError } from './errors';
import {
  cfbKind,
  inflatesTooMuch,
  kindOf,
  looksBinary,
  signatureKind,
  zipDirectoryLies,
  zipTooComplex,
  zipKind,
  type FileKind,
} from './kind';
import type { Bilingual } from '../i18n';
import { findTable, HEADER_SCAN_ROWS, type GridSheet, type SheetTable } from './table';

/** The most data rows one import takes: the 100,000-customer store the product is measured on (docs/capture.md#file-import figures). */
export const MAX_DATA_ROWS = 100_000;
/** No customer list has this many columns; a wider sheet is a pivot or a broken export. */
export const MAX_COLUMNS = 1_000;
/** Excel's own limit for one cell; a row with a longer cell is refused (it is no customer's data). */
export const MAX_CELL_CHARS = 32_767;
const LIMITS: Limits = { rows: MAX_DATA_ROWS, columns: MAX_COLUMNS, cellChars: MAX_CELL_CHARS };
/** Rows read beyond the limit for titles, blank and 合计 rows, before a file counts as too long. */
const ROW_MARGIN = HEADER_SCAN_ROWS + 1_000;

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods' | 'csv' | 'html';

export interface ReadSheet {
  name: string;
  index: number;
  /** Hidden in the workbook; listed, never picked by default. */
  hidden: boolean;
  /** The table found, or null when the sheet cannot be imported (see problem). */
  table: SheetTable | null;
  problem: SheetsError | null;
  /** Headers lib/mapping recognises: how much the sheet looks like customer data. */
  knownHeaders: number;
  /**
   * Data rows (indexes into table.rows) holding a character the file's text
   * encoding could not decode, shown as U+FFFD: the user imports or drops them.
   */
  damagedRows: number[];
  /** Data rows left out of table.rows because they cannot be imported; reported as rejected. */
  refusedRows: RefusedRow[];
}

/** A row the reader refused, by its row number in the sheet as Excel shows it. */
export interface RefusedRow {
  /** 1-based sheet row. */
  row: number;
  /** The cell that is the reason ('D12'). */
  cell: string;
  reason: Bilingual;
}

export interface ReadWorkbook {
  fileName: string;
  format: WorkbookFormat;
  /** The text encoding of a CSV or HTML file; null for workbooks. */
  encoding: TextEncodingName | null;
  /** Byte sequences of a text file its encoding could not decode (each a U+FFFD in the cells); 0 for workbooks. */
  invalidBytes: number;
  /** Every sheet, in workbook order, so the user can pick another. */
  sheets: ReadSheet[];
  /** Index into sheets of the sheet that looks most like customer data. */
  defaultSheet: number;
  /** More than one sheet can be imported: the user picks (docs/capture.md#file-import). */
  chooseSheet: boolean;
}

export type ReadResult = { ok: true; workbook: ReadWorkbook } | { ok: false; error: SheetsError };

export interface ReadOptions {
  fileName: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

const ERROR_DETAIL_MAX = 80;
const detailOf = (e: unknown): string => String(e instanceof Error ? e.message : e).slice(0, ERROR_DETAIL_MAX);
const PASSWORD_ERROR = /password|encrypt/i;

/** Reads a file the user dropped or picked; the name only labels it: the bytes say what it is. */
export function readWorkbook(input: Uint8Array | ArrayBuffer, options: ReadOptions): ReadResult {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const fileName = options.fileName;
  if (bytes.length === 0) return { ok: false, error: sheetsError('empty', LIMITS) };
  if (startsWith(bytes, EMPTY_ZIP)) return { ok: false, error: sheetsError('empty', LIMITS) };

  const readOptions: XLSX.ParsingOptions = {
    type: 'array',
    dense: true,
    cellNF: true, // number formats tell date cells from numbers
    // No formatted text for every cell: cellText formats the few number
    // cells that need it, which saves about a fifth of a 100,000-row read.
    cellText: false,
    cellHTML: false,
    cellStyles: false,
    sheetRows: MAX_DATA_ROWS + ROW_MARGIN,
  };

  if (startsWith(bytes, CFB)) {
    // Encrypted .xlsx files are CFB containers holding the package encrypted
    // ([MS-OFFCRYPTO] 2.3.4); encrypted .xls files fail in SheetJS with
    // "password-protected".
    let container: ReturnType<typeof XLSX.CFB.read>;
    try {
      container = XLSX.CFB.read(bytes, { type: 'array' });
    } catch (e) {
      return { ok: false, error: sheetsError('corrupt', LIMITS, { detail: detailOf(e) }) };
    }
    if (XLSX.CFB.find(container, 'EncryptionInfo') || XLSX.CFB.find(container, 'EncryptedPackage')) {
      return { ok: false, error: sheetsError('encrypted', LIMITS) };
    }
    const kind = cfbKind(bytes);
    if (kind.id !== 'spreadsheet') return notSpreadsheet(kind);
    return fromWorkbook(() => XLSX.read(bytes, readOptions), fileName, 'xls', null);
  }
  if (startsWith(bytes, ZIP)) {
    if (zipTooComplex(bytes)) return { ok: false, error: sheetsError('zipTooComplex', LIMITS) };
    if (inflatesTooMuch(bytes)) return { ok: false, error: sheetsError('inflatesTooMuch', LIMITS) };
    if (zipDirectoryLies(bytes)) return { ok: false, error: sheetsError('zipDirectoryLies', LIMITS) };
    const format: WorkbookFormat = isOds(bytes) ? 'ods' : 'xlsx';
    const read = fromWorkbook(() => XLSX.read(bytes, readOptions), fileName, format, null);
    if (read.ok || read.error.code !== 'corrupt') return read;
    // A ZIP SheetJS cannot read: a damaged workbook, or no workbook at all (a .docx, photos zipped).
    const kind = zipKind(bytes);
    return kind === 'spreadsheet' ? read : notSpreadsheet(kind);
  }
  const signed = signatureKind(bytes);
  if (signed) return notSpreadsheet(signed);
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && looksBinary(bytes)) return notSpreadsheet(kindOf('binary'));

  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: sheetsError('encoding', LIMITS) };
  const text = decoded.text;
  if (text.trim() === '') return { ok: false, error: sheetsError('empty', LIMITS) };
  if (text.includes('\u0000')) return notSpreadsheet(kindOf('binary'));
  if (/^\s*</.test(text)) {
    // Portals often save an HTML table (or SpreadsheetML) with an .xls name.
    return fromWorkbook(
      () => XLSX.read(text, { ...readOptions, type: 'string', raw: true }),
      fileName,
      'html',
      decoded.encoding,
      decoded.invalid,
    );
  }
  const csv = parseCsv(text, { maxRows: MAX_DATA_ROWS + ROW_MARGIN });
  const name = fileName.replace(/\.[^.]*$/, '') || 'CSV';
  const sheet = sheetFrom(name, 0, false, () => gridOfRows(csv.rows, name), csv.truncated, decoded.invalid > 0);
  return finish(fileName, 'csv', decoded.encoding, [sheet], decoded.invalid);
}

function notSpreadsheet(kind: FileKind): ReadResult {
  return { ok: false, error: sheetsError('notSpreadsheet', LIMITS, { kind: kind.name }) };
}

function isOds(bytes: Uint8Array): boolean {
  // An OpenDocument zip starts with its uncompressed 'mimetype' entry.
  const head = new TextDecoder('latin1').decode(bytes.subarray(30, 30 + 8 + 46));
  return head.startsWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet');
}

function fromWorkbook(
  read: () => XLSX.WorkBook,
  fileName: string,
  format: WorkbookFormat,
  encoding: TextEncodingName | null,
  invalidBytes = 0,
): ReadResult {
  let wb: XLSX.WorkBook;
  try {
    wb = read();
  } catch (e) {
    const code = PASSWORD_ERROR.test(detailOf(e)) ? 'encrypted' : 'corrupt';
    return { ok: false, error: sheetsError(code, LIMITS, { detail: detailOf(e) }) };
  }
  if (!wb.SheetNames.length) return { ok: false, error: sheetsError('corrupt', LIMITS, { detail: 'no sheets' }) };
  const sheets = wb.SheetNames.map((name, index) => {
    const ws = wb.Sheets[name]!;
    const hidden = !!wb.Workbook?.Sheets?.[index]?.Hidden;
    return sheetFrom(name, index, hidden, () => gridOfSheet(ws, name), wasCut(ws), invalidBytes > 0);
  });
  return finish(fileName, format, encoding, sheets, invalidBytes);
}

/** True when sheetRows stopped the parse: the sheet has more rows than any import takes. */
function wasCut(ws: XLSX.WorkSheet): boolean {
  const full = ws['!fullref'];
  const ref = ws['!ref'];
  if (!full || !ref) return false;
  return XLSX.utils.decode_range(full).e.r > XLSX.utils.decode_range(ref).e.r;
}

/** A sheet's cells as text, and the cells too long to import (by 0-based row and column). */
interface ReadGrid {
  sheet: GridSheet;
  tooLong: Map<number, number>;
}

function sheetFrom(
  name: string,
  index: number,
  hidden: boolean,
  grid: () => ReadGrid | SheetsError,
  cut: boolean,
  lossyText: boolean,
): ReadSheet {
  const out: ReadSheet = {
    name,
    index,
    hidden,
    table: null,
    problem: null,
    knownHeaders: 0,
    damagedRows: [],
    refusedRows: [],
  };
  const g = grid();
  if ('code' in g) {
    out.problem = g;
    return out;
  }
  const found = findTable(g.sheet);
  if (!found) {
    out.problem = sheetsError('noHeader', LIMITS, { sheet: name });
    return out;
  }
  const { table, refused } = withoutTooLong(found, g.tooLong);
  out.knownHeaders = table.headers.filter((h) => lookupHeader(h)).length;
  out.refusedRows = refused;
  if (cut || table.rows.length > MAX_DATA_ROWS) out.problem = sheetsError('tooManyRows', LIMITS, { sheet: name });
  else if (table.rows.length === 0 && refused.length)
    out.problem = sheetsError('cellTooLong', LIMITS, { sheet: name, cell: refused[0]!.cell });
  else if (table.rows.length === 0) out.problem = sheetsError('noData', LIMITS, { sheet: name });
  else out.table = table;
  if (out.table && lossyText) out.damagedRows = rowsWith(out.table.rows, '\ufffd');
  return out;
}

/** The table without its data rows that hold a cell over Excel's limit; those rows, named. */
function withoutTooLong(
  table: SheetTable,
  tooLong: ReadonlyMap<number, number>,
): { table: SheetTable; refused: RefusedRow[] } {
  if (tooLong.size === 0) return { table, refused: [] };
  const refused: RefusedRow[] = [];
  const rows: string[][] = [];
  const rowIndexes: number[] = [];
  table.rowIndexes.forEach((r, i) => {
    const c = tooLong.get(r);
    if (c === undefined) {
      rows.push(table.rows[i]!);
      rowIndexes.push(r);
      return;
    }
    const cell = XLSX.utils.encode_cell({ r, c });
    const limit = MAX_CELL_CHARS.toLocaleString('en');
    refused.push({
      row: r + 1,
      cell,
      reason: {
        zh: `单元格 ${cell} 超过 ${limit} 个字符（Excel 单元格的上限），此行未导入`,
        en: `cell ${cell} holds more than ${limit} characters (Excel's limit for a cell): row not imported`,
      },
    });
  });
  return { table: { ...table, rows, rowIndexes }, refused };
}

function rowsWith(rows: readonly string[][], mark: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i]!.some((c) => c.includes(mark))) out.push(i);
  return out;
}

function finish(
  fileName: string,
  format: WorkbookFormat,
  encoding: TextEncodingName | null,
  sheets: ReadSheet[],
  invalidBytes = 0,
): ReadResult {
  const importable = sheets.filter((s) => s.table);
  if (importable.length === 0) {
    // The most telling problem: a real reason (too long, too wide) before "no header".
    const problem = sheets.map((s) => s.problem!).find((p) => p.code !== 'noHeader') ?? sheets[0]!.problem!;
    // A file of one sheet (every CSV) is spoken of as the file, not by its sheet's name.
    const error =
      sheets.length === 1
        ? sheetsError(problem.code, LIMITS, problem.cell === undefined ? {} : { cell: problem.cell })
        : problem;
    return { ok: false, error };
  }
  // Default: the visible sheet with the most recognised headers, then the most rows.
  let best = importable[0]!;
  for (const s of importable) {
    if (best.hidden && !s.hidden) best = s;
    else if (s.hidden && !best.hidden) continue;
    else if (
      s.knownHeaders > best.knownHeaders ||
      (s.knownHeaders === best.knownHeaders && s.table!.rows.length > best.table!.rows.length)
    )
      best = s;
  }
  return {
    ok: true,
    workbook: {
      fileName,
      format,
      encoding,
      invalidBytes,
      sheets,
      defaultSheet: best.index,
      chooseSheet: importable.length > 1,
    },
  };
}

// ---------------------------------------------------------------------------
// Cells to text

const QUOTED_OR_BRACKETED = /"[^"]*"|\[[^\]]*\]/g;
const TIME_TOKEN = /[hs]/i;
const PLAIN_INTEGER_FORMATS = new Set(['General', '0', '@']);
const SCIENTIFIC = /E[+-]/i;

function formatHasTime(format: string): boolean {
  return TIME_TOKEN.test(format.replace(QUOTED_OR_BRACKETED, ''));
}

/** A cell as the text a person reads in it, dates as our wall-time text. */
export function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : (cell.w ?? '');
    case 'n': {
      const v = cell.v as number;
      const format = typeof cell.z === 'string' ? cell.z : 'General';
      if (format !== 'General' && XLSX.SSF.is_date(format)) {
        return wallTimeOfSerial(v, formatHasTime(format)) ?? cell.w ?? String(v);
      }
      // A mobile or customer number stored as a number: its digits, never
      // '1.38E+10', whatever width the column had in Excel.
      if (Number.isInteger(v) && Math.abs(v) < 1e21 && (PLAIN_INTEGER_FORMATS.has(format) || SCIENTIFIC.test(format)))
        return String(v);
      return cell.w ?? formatNumber(format, v);
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    default:
      // 'e' (#N/A, #REF!): no value to import; 'z': a stub; 'd' is never produced without cellDates.
      return '';
  }
}

/** A number as its format shows it (8,560.00; 25.0%), as Excel would display it. */
function formatNumber(format: string, v: number): string {
  try {
    return XLSX.SSF.format(format, v);
  } catch {
    return String(v);
  }
}

type DenseSheet = XLSX.WorkSheet & { '!data'?: (XLSX.CellObject | undefined)[][] };

function gridOfSheet(ws: XLSX.WorkSheet, name: string): ReadGrid | SheetsError {
  const data = (ws as DenseSheet)['!data'] ?? [];
  const grid: string[][] = new Array(data.length);
  const tooLong = new Map<number, number>();
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) {
      grid[r] = [];
      continue;
    }
    let last = -1;
    const row = new Array<string>(src.length);
    for (let c = 0; c < src.length; c++) {
      const text = cellText(src[c]);
      row[c] = text;
      if (!text) continue;
      if (text.length > MAX_CELL_CHARS && !tooLong.has(r)) tooLong.set(r, c);
      last = c;
    }
    if (last >= MAX_COLUMNS) return sheetsError('tooManyColumns', LIMITS, { sheet: name });
    row.length = last + 1;
    grid[r] = row;
  }
  return { sheet: fillMerges(grid, ws['!merges'] ?? []), tooLong };
}

function gridOfRows(rows: string[][], name: string): ReadGrid | SheetsError {
  const tooLong = new Map<number, number>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let last = row.length - 1;
    while (last >= 0 && row[last] === '') last--;
    if (last >= MAX_COLUMNS) return sheetsError('tooManyColumns', LIMITS, { sheet: name });
    for (let c = 0; c <= last; c++) {
      if (row[c]!.length > MAX_CELL_CHARS) {
        tooLong.set(r, c);
        break;
      }
    }
    row.length = last + 1;
  }
  return { sheet: { grid: rows, groupMergeRows: new Set(), hasMerges: false }, tooLong };
}

/**
 * Every cell of a merged region takes the region's value, as a reader sees
 * it (a consultant's name merged over their customers belongs to each). The
 * header rows where a merge groups several columns are remembered.
 */
function fillMerges(grid: string[][], merges: XLSX.Range[]): GridSheet {
  const groupMergeRows = new Set<number>();
  for (const m of merges) {
    const value = grid[m.s.r]?.[m.s.c] ?? '';
    if (!value) continue;
    const lastRow = Math.min(m.e.r, grid.length - 1);
    const lastCol = Math.min(m.e.c, MAX_COLUMNS - 1);
    for (let r = m.s.r; r <= lastRow; r++) {
      const row = grid[r]!;
      while (row.length <= lastCol) row.push('');
      for (let c = m.s.c; c <= lastCol; c++) row[c] = value;
    }
    if (m.e.c > m.s.c && m.s.r < HEADER_SCAN_ROWS && isGroupMerge(grid, m)) groupMergeRows.add(m.s.r);
  }
  return { grid, groupMergeRows, hasMerges: true };
}

/**
 * A merge over several columns groups headers when the row holds other
 * names too (姓名 | 手机 | 车辆信息 over three) or starts right of the row's
 * first cell; a title merged over the table's start is the only text in its row.
 */
function isGroupMerge(grid: string[][], m: XLSX.Range): boolean {
  const row = grid[m.s.r]!;
  const value = row[m.s.c]!;
  const first = row.findIndex((c) => c.trim() !== '');
  if (first < m.s.c) return true;
  for (let c = m.e.c + 1; c < row.length; c++) if (row[c]!.trim() && row[c] !== value) return true;
  return false;
}

/**
 * The sheet as a page capture stages it, so lib/capture's mapping, preview
 * and commit take a file like a page. The page URL is a file: URL of the
 * file's name: site profiles match a file by its header signature alone
 * (docs/capture.md#file-import, "a file has a profile by header signature"), since every file:
 * URL shares the origin 'null'.
 */
export function toStagedTable(
  workbook: ReadWorkbook,
  sheetIndex: number = workbook.defaultSheet,
  options: StageOptions = {},
): StagedTable {
  const sheet = workbook.sheets[sheetIndex];
  if (!sheet?.table) throw new Error(`sheet ${sheetIndex} of ${workbook.fileName} has no importable table`);
  const { table } = sheet;
  const drop = options.dropDamaged && sheet.damagedRows.length ? new Set(sheet.damagedRows) : null;
  const rows = drop ? table.rows.filter((_, i) => !drop.has(i)) : table.rows;
  const staged: StagedTable = {
    pageUrl: fileImportUrl(workbook.fileName),
    pageTitle: workbook.sheets.length > 1 ? `${workbook.fileName} · ${sheet.name}` : workbook.fileName,
    frame: null,
    headers: table.headers,
    rows,
    rowLinks: rows.map(() => null),
  };
  if (sheet.refusedRows.length)
    staged.refused = sheet.refusedRows.map((r) => ({ row: r.row - 1, reason: `${r.reason.zh} / ${r.reason.en}` }));
  return staged;
}

export interface StageOptions {
  /** Leave out the rows holding undecodable characters (ReadSheet.damagedRows): the user's choice. */
  dropDamaged?: boolean;
}

/** The pseudo page URL of an imported file: 'file:///客户导出.xlsx'. */
export function fileImportUrl(fileName: string): string {
  return 'file:///' + encodeURIComponent(fileName.replace(/^.*[\\/]/, ''));
}
