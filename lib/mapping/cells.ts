// What a cell and a column are before any field is read from them: an empty
// cell, and a column's mapping to a field. Both the column mapping
// (mapping.ts) and the letter reading (letters.ts) build on these, so this
// file stays below them (docs/architecture.md#the-floors: no cycles).
import type { FieldName } from '../customer';

export interface ColumnMapping {
  index: number;
  header: string;
  field: FieldName | null;
  via: 'profile' | 'header' | 'values' | 'user' | 'none';
  /** 0..1 */
  confidence: number;
}

// Placeholders portals print in empty cells; they are no value, not bad values.
const PLACEHOLDERS = new Set([
  '-',
  '--',
  '---',
  '—',
  '——',
  '/',
  '\\',
  'null',
  'NULL',
  'undefined',
  'N/A',
  'n/a',
  'NA',
  '暂无',
  '无',
]);
const MAX_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** A character trim() never removes: printable ASCII, or kana, CJK and the like (U+3040 to U+FDFF, above every Unicode space). */
function plainEnd(code: number): boolean {
  return (code > 0x20 && code < 0x7f) || (code >= 0x3040 && code < 0xfe00);
}

/** True for a cell that holds nothing: blank or a placeholder such as '--' or '暂无'. */
export function isEmptyCell(raw: string | undefined): boolean {
  if (raw === undefined || raw.length === 0) return true;
  // Most cells start and end in a printable character: no trim, no copy (10,000 rows are 230,000 cells).
  const s = plainEnd(raw.charCodeAt(0)) && plainEnd(raw.charCodeAt(raw.length - 1)) ? raw : raw.trim();
  return s.length === 0 || (s.length <= MAX_PLACEHOLDER && PLACEHOLDERS.has(s));
}
