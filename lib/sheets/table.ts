// Finding the table in an untidy sheet (docs/capture.md#file-import: "the importer finds the
// header and the data wherever they are and shows the user what it chose"):
// a merged title and blank rows above the header, two header rows with merged
// group cells, a 序号 column, 合计 rows and sign-off lines below the data.
// Works on a grid of cell texts, so CSV and workbooks share it.

import { uniqueHeaders, isRowNumberColumn, isSummaryRow } from '../scrape';
import { lookupHeader, parseDate } from '../mapping';
import * as XLSX from 'xlsx';

/** What the reader set aside, so the preview can say what it chose. */
export interface TableNote {
  kind:
    | 'title'
    | 'groupHeader'
    | 'blankRows'
    | 'rowNumberColumn'
    | 'emptyColumn'
    | 'totalRow'
    | 'repeatedHeader'
    | 'footer';
  /** 0-based sheet rows concerned. */
  rows?: number[];
  /** 0-based sheet column concerned. */
  column?: number;
  text: { zh: string; en: string };
}

/** A sheet's table, in the shape a page capture stages (lib/capture StagedTable: headers + rows). */
export interface SheetTable {
  /** One per kept column, unique ('X', 'X (2)'), group-prefixed where a leaf repeats ('车辆信息-日期'). */
  headers: string[];
  /** Cell texts aligned to headers, data rows only. */
  rows: string[][];
  /** 0-based sheet row of the (first) header row. */
  headerRowIndex: number;
  /** 1, or 2 when a row of merged group cells sits above the leaf headers. */
  headerRowCount: number;
  /** The sheet columns (0-based) the headers come from. */
  columns: number[];
  /** 0-based sheet row of each data row, for pointing at a cell in the file. */
  rowIndexes: number[];
  /** Header and data as Excel names the range: 'A3:H1204'. */
  dataRange: string;
  notes: TableNote[];
}

/** Header rows are looked for in the first rows only: titles and notes above a table are short. */
export const HEADER_SCAN_ROWS = 30;
const MAX_HEADER_CHARS = 40;

const NUMERIC = /^[-+]?[\d,]*\.?\d+%?$/;

/** A figure or a date: never a column name. */
function isValueLike(s: string): boolean {
  return NUMERIC.test(s) || parseDate(s).ok;
}

function isTexty(s: string): boolean {
  return !!s && s.length <= MAX_HEADER_CHARS && !isValueLike(s);
}

const isBlankRow = (row: readonly string[] | undefined): boolean => !row || row.every((c) => c.trim() === '');

interface RowScore {
  score: number;
  distinct: number;
}

function scoreHeaderRow(row: readonly string[], width: number): RowScore | undefined {
  const seen = new Set<string>();
  let known = 0;
  let texty = 0;
  for (let c = 0; c < width; c++) {
    const s = (row[c] ?? '').trim();
    if (!s) continue;
    if (isValueLike(s)) return undefined; // a header row holds names, never figures or dates
    if (s.length > MAX_HEADER_CHARS || seen.has(s)) continue; // a long explanation in a header cell does not count
    seen.add(s);
    texty++;
    if (lookupHeader(s)) known++;
  }
  if (seen.size < 2) return undefined;
  return { score: known * 4 + texty, distinct: seen.size };
}

export interface GridSheet {
  /** Cell texts, merged regions already filled with their value. */
  grid: string[][];
  /** Rows where a merge starts that spans several columns but not the whole table (group headers). */
  groupMergeRows: ReadonlySet<number>;
  /** The grid comes from a workbook with merge information (not a CSV). */
  hasMerges: boolean;
}

/** The table in the sheet, or undefined when no row looks like a header. */
export function findTable(sheet: GridSheet): SheetTable | undefined {
  const { grid } = sheet;
  let width = 0;
  for (const row of grid) {
    for (let c = row.length - 1; c >= width; c--) {
      if (row[c]!.trim() !== '') {
        width = c + 1;
        break;
      }
    }
  }
  if (width === 0) return undefined;

  // The header: the best-scoring row near the top that has something below it.
  let header = -1;
  let best = 0;
  const scan = Math.min(grid.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const s = scoreHeaderRow(grid[r]!, width);
    if (!s || s.score <= best) continue;
    header = r;
    best = s.score;
  }
  if (header < 0) return undefined;

  const notes: TableNote[] = [];
  const leafRow = grid[header]!;
  let first = header;
  const group = new Array<string>(width).fill('');
  if (header > 0 && isGroupRow(sheet, header - 1, width)) {
    first = header - 1;
    const above = grid[first]!;
    let carried = '';
    for (let c = 0; c < width; c++) {
      const g = (above[c] ?? '').trim();
      // In a CSV a group name is written once, over the first of its columns.
      if (g) carried = g;
      else if (sheet.hasMerges || !(leafRow[c] ?? '').trim()) carried = '';
      group[c] = g || carried;
    }
    notes.push({
      kind: 'groupHeader',
      rows: [first],
      text: {
        zh: `第 ${first + 1} 行是分组表头，与第 ${header + 1} 行合并为列名`,
        en: `Row ${first + 1} holds group headers, combined with row ${header + 1}`,
      },
    });
  }
  const aboveRows: number[] = [];
  for (let r = 0; r < first; r++) if (!isBlankRow(grid[r])) aboveRows.push(r);
  if (aboveRows.length) {
    const title = grid[aboveRows[0]!]!.find((c) => c.trim())!.trim();
    notes.push({
      kind: 'title',
      rows: aboveRows,
      text: {
        zh: `跳过表头上方的 ${aboveRows.length} 行（“${title.slice(0, 30)}”）`,
        en: `Skipped ${aboveRows.length} row(s) above the header ("${title.slice(0, 30)}")`,
      },
    });
  }

  const leaves: string[] = [];
  for (let c = 0; c < width; c++) leaves.push((leafRow[c] ?? '').trim() || group[c]!);
  const leafCount = new Map<string, number>();
  for (const l of leaves) leafCount.set(l, (leafCount.get(l) ?? 0) + 1);
  const combined = leaves.map((leaf, c) => {
    const g = group[c]!;
    // Like lib/scrape's grouped headers: the leaf alone where it is unique.
    return leaf && g && g !== leaf && leafCount.get(leaf)! > 1 ? `${g}-${leaf}` : leaf;
  });

  // Data rows: blank rows, 合计 rows and repeated headers left out.
  const dataRows: number[] = [];
  const blank: number[] = [];
  const totals: number[] = [];
  const repeated: number[] = [];
  const headerKey = leafRow.slice(0, width).join('\u0001');
  for (let r = header + 1; r < grid.length; r++) {
    const row = grid[r]!;
    if (isBlankRow(row)) blank.push(r);
    else if (isTotalRow(row)) totals.push(r);
    else if (row.slice(0, width).join('\u0001') === headerKey) repeated.push(r);
    else dataRows.push(r);
  }
  // Sign-off lines under the data (制表人：张三, 导出时间 ...): trailing rows of one cell after a gap.
  const footer: number[] = [];
  if (width >= 3) {
    while (dataRows.length > 1) {
      const r = dataRows[dataRows.length - 1]!;
      const filled = grid[r]!.filter((c) => c.trim()).length;
      const gapAbove = isBlankRow(grid[r - 1]) || isTotalRow(grid[r - 1]!);
      if (filled !== 1 || !(gapAbove || footer.length)) break;
      footer.unshift(dataRows.pop()!);
    }
  }
  const lastData = dataRows[dataRows.length - 1] ?? header;
  const innerBlank = blank.filter((r) => r < lastData);
  if (innerBlank.length) {
    notes.push({
      kind: 'blankRows',
      rows: innerBlank,
      text: { zh: `跳过 ${innerBlank.length} 个空行`, en: `Skipped ${innerBlank.length} blank row(s)` },
    });
  }
  if (totals.length) {
    notes.push({
      kind: 'totalRow',
      rows: totals,
      text: {
        zh: `去掉合计行：第 ${totals.map((r) => r + 1).join('、')} 行`,
        en: `Left out total row(s): ${totals.map((r) => r + 1).join(', ')}`,
      },
    });
  }
  if (repeated.length) {
    notes.push({
      kind: 'repeatedHeader',
      rows: repeated,
      text: { zh: `去掉 ${repeated.length} 个重复的表头行`, en: `Left out ${repeated.length} repeated header row(s)` },
    });
  }
  if (footer.length) {
    notes.push({
      kind: 'footer',
      rows: footer,
      text: {
        zh: `去掉表格下方的 ${footer.length} 行说明`,
        en: `Left out ${footer.length} line(s) of notes under the table`,
      },
    });
  }

  // Columns: 序号 and empty unnamed columns are not data (lib/scrape drops row numbers too).
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    const name = combined[c]!;
    let filled = 0;
    for (const r of dataRows) if ((grid[r]![c] ?? '').trim()) filled++;
    // The page capture's rule (lib/scrape/rows), so a file and a page drop the same columns.
    if (isRowNumberColumn(name, () => dataRows.map((r) => grid[r]![c] ?? ''))) {
      notes.push({
        kind: 'rowNumberColumn',
        column: c,
        text: {
          zh: `去掉序号列（${XLSX.utils.encode_col(c)} 列）`,
          en: `Left out the row-number column (${XLSX.utils.encode_col(c)})`,
        },
      });
    } else if (!name && filled === 0) {
      notes.push({
        kind: 'emptyColumn',
        column: c,
        text: {
          zh: `去掉空列（${XLSX.utils.encode_col(c)} 列）`,
          en: `Left out the empty column (${XLSX.utils.encode_col(c)})`,
        },
      });
    } else keep.push(c);
  }

  const rows: string[][] = new Array(dataRows.length);
  for (let i = 0; i < dataRows.length; i++) {
    const src = grid[dataRows[i]!]!;
    const out = new Array<string>(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = src[keep[k]!] ?? '';
    rows[i] = out;
  }
  const lastRow = dataRows.length ? dataRows[dataRows.length - 1]! : header;
  const dataRange = keep.length
    ? XLSX.utils.encode_range({ s: { r: first, c: keep[0]! }, e: { r: lastRow, c: keep[keep.length - 1]! } })
    : '';
  return {
    headers: uniqueHeaders(keep.map((c) => combined[c]!)),
    rows,
    headerRowIndex: first,
    headerRowCount: header - first + 1,
    columns: keep,
    rowIndexes: dataRows,
    dataRange,
    notes,
  };
}

function isGroupRow(sheet: GridSheet, r: number, width: number): boolean {
  const row = sheet.grid[r]!;
  if (isBlankRow(row)) return false;
  if (sheet.hasMerges) return sheet.groupMergeRows.has(r);
  // A CSV has no merges: a group row names a few column groups in short text
  // and leaves the other cells blank.
  let filled = 0;
  for (let c = 0; c < width; c++) {
    const s = (row[c] ?? '').trim();
    if (!s) continue;
    if (!isTexty(s)) return false;
    filled++;
  }
  return filled >= 2 && filled < width;
}

/** The page capture's rule (lib/scrape/rows), so a file and a page skip the same rows. */
function isTotalRow(row: readonly string[]): boolean {
  return isSummaryRow(row);
}

/** Empty headers get their position ('列3'); repeats become 'X', 'X (2)': lib/scrape's naming, so a file and a page agree. */
export { uniqueHeaders };
