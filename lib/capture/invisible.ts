// Characters a cell can hold that a person cannot see: zero-width ones make a
// word read as two ("备\u200b注" shows as "备 注" once spaced), and the
// bidirectional controls make a name display reversed ("\u202e伟张" shows as
// 张伟). Both are removed from every header and cell when a page or file is
// staged, and the batch says how many cells held them
// (docs/architecture.md#hostile-pages).
import type { StagedTable } from './types';

/** Zero-width space/joiners, word joiner, BOM; the bidi embeddings, overrides, isolates and marks. */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u061c]/g;
const HAS_INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u061c]/;

export const stripInvisible = (text: string): string => (HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text);

/** The table with every invisible character removed, and how many cells (headers included) held one. */
export function withoutInvisible(table: StagedTable): { table: StagedTable; cells: number } {
  let cells = 0;
  const clean = (text: string): string => {
    if (!HAS_INVISIBLE.test(text)) return text;
    cells++;
    return text.replace(INVISIBLE, '');
  };
  const headers = table.headers.map(clean);
  let rows = table.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      if (!HAS_INVISIBLE.test(row[c]!)) continue;
      if (rows === table.rows) rows = rows.slice();
      rows[r] = row.map(clean);
      break;
    }
  }
  return cells === 0 ? { table, cells } : { table: { ...table, headers, rows, invisibleCells: cells }, cells };
}
