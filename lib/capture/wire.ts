// A staged table as it travels between the portal page, the background and
// the preview page. Extension messaging converts every array element on each
// side (Chrome turns the message into its own value tree), so 10,000 rows of
// 23 cells cost hundreds of milliseconds as arrays but little as one string
// (docs/architecture.md#performance-budgets: a 10,000-row capture within 1.5x of a raw IndexedDB put).
import type { Batch } from '../db';
import type { StagedTable } from './types';

const CELL = '\u001f'; // ASCII unit separator
const ROW = '\u001e'; // ASCII record separator

/** The rows packed into one string, or left as they are when a cell holds a separator. */
export interface WireTable extends Omit<StagedTable, 'rows' | 'rowLinks'> {
  rows: string[][] | { packed: string; count: number };
  rowLinks: (string | null)[] | { packed: string };
}

function holdsSeparator(text: string): boolean {
  return text.includes(CELL) || text.includes(ROW);
}

function occurrences(text: string, mark: string): number {
  let count = 0;
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) count++;
  return count;
}

export function packTable(table: StagedTable): WireTable {
  const { rows, rowLinks } = table;
  for (const link of rowLinks) if (link !== null && (link === '' || holdsSeparator(link))) return { ...table };
  const lines = new Array<string>(rows.length);
  let cellMarks = 0;
  for (let r = 0; r < rows.length; r++) {
    lines[r] = rows[r]!.join(CELL);
    cellMarks += Math.max(0, rows[r]!.length - 1);
  }
  const packed = lines.join(ROW);
  // A cell holding a separator shows as one separator too many: then the rows travel as they are.
  // (Counted in the packed string, one native search per mark, not one per cell.)
  if (occurrences(packed, CELL) !== cellMarks || occurrences(packed, ROW) !== Math.max(0, rows.length - 1))
    return { ...table };
  return {
    ...table,
    rows: { packed, count: rows.length },
    // A link is never empty, so '' stands for a row without one.
    rowLinks: { packed: rowLinks.map((l) => l ?? '').join(ROW) },
  };
}

export function unpackTable(wire: WireTable): StagedTable {
  const { rows, rowLinks } = wire;
  const table: StagedTable = {
    ...wire,
    rows: Array.isArray(rows) ? rows : unpackRows(rows.packed, rows.count),
    rowLinks: Array.isArray(rowLinks)
      ? rowLinks
      : unpackLinks(rowLinks.packed, Array.isArray(rows) ? rows.length : rows.count),
  };
  return table;
}

function unpackRows(packed: string, count: number): string[][] {
  if (count === 0) return [];
  const lines = packed.split(ROW);
  if (lines.length !== count)
    throw new Error(`DealerLens 收到的表格不完整 / the table arrived incomplete (${lines.length} of ${count} rows)`);
  return lines.map((line) => line.split(CELL));
}

function unpackLinks(packed: string, count: number): (string | null)[] {
  if (count === 0) return [];
  const links = packed.split(ROW);
  if (links.length !== count)
    throw new Error(`DealerLens 收到的表格不完整 / the table arrived incomplete (${links.length} of ${count} links)`);
  return links.map((l) => (l === '' ? null : l));
}

/** Rejected rows listed in a report; the count of all of them is in `counts.rejected`. */
export const REPORTED_REJECTIONS = 100;

/**
 * A batch as pages see it: without the ids of its customers (10,000 strings a
 * page never reads) and with at most REPORTED_REJECTIONS rejected rows listed.
 */
/** `stored: false`: the capture changed no customer and was asked not to store such a batch (following the portal). */
export type BatchReport = Omit<Batch, 'customerIds'> & { stored?: false };

export function reportOf(batch: Batch & { stored?: false }): BatchReport {
  const { customerIds: _ids, ...rest } = batch;
  return { ...rest, rejected: batch.rejected.slice(0, REPORTED_REJECTIONS) };
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A table as a content script may send it: checked field by field before the
 * background stages it, since a content script runs in a page DealerLens does
 * not control (docs/architecture.md#hostile-pages).
 */
export function isWireTable(x: unknown): x is WireTable {
  if (!isRecord(x)) return false;
  const { pageUrl, pageTitle, frame, headers, rows, rowLinks, totalRowsHint } = x;
  if (!isString(pageUrl) || !isString(pageTitle) || !(frame === null || isString(frame)) || !isStringArray(headers))
    return false;
  if (totalRowsHint !== undefined && !(typeof totalRowsHint === 'number' && Number.isFinite(totalRowsHint)))
    return false;
  const packedRows =
    isRecord(rows) && isString(rows.packed) && Number.isInteger(rows.count) && (rows.count as number) >= 0;
  if (!packedRows && !(Array.isArray(rows) && rows.every(isStringArray))) return false;
  const packedLinks = isRecord(rowLinks) && isString(rowLinks.packed);
  return packedLinks || (Array.isArray(rowLinks) && rowLinks.every((l) => l === null || isString(l)));
}

/** What the in-page panel shows of a batch: counts and the first rejected rows' numbers and reasons, no cell content. */
export interface PanelReport {
  id: string;
  counts: BatchReport['counts'];
  rejected: BatchReport['rejected'];
  invisibleCells?: number;
}

export const PANEL_REJECTIONS = 5;

export function panelReport(batch: BatchReport): PanelReport {
  return {
    id: batch.id,
    counts: { ...batch.counts },
    rejected: batch.rejected.slice(0, PANEL_REJECTIONS).map(({ row, reason }) => ({ row, reason })),
    ...(batch.invisibleCells && { invisibleCells: batch.invisibleCells }),
  };
}
