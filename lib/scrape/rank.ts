// Ranking (docs/capture.md#ranking): the customer list first; layout tables, forms, KPI
// summaries and pagers last or out. In the spirit of MDR (Liu, Grossman,
// Zhai, KDD 2003) and Univer Clipsheet's structure scoring, a data region is
// many similar records with several short fields each: the score grows with
// rows x columns and filled cells, and shrinks for signs of something else.
import type { ShapedTable } from './columns';

const NUMERIC = /^[-+]?[¥￥$]?\s*[\d,]+(?:\.\d+)?\s*(?:%|元|万|km|公里|辆|人|个|次|台|单)?$/i;
const FORM_FIELD = 'input:not([type="checkbox" i]):not([type="radio" i]):not([type="hidden" i]), select, textarea';
const LABEL_END = /[：:]$/;
const BIG_BLOCK = 'table, form, iframe, ul, ol, h1, h2, h3';

/** Higher is better; null when the structure is not a data table at all. */
export function scoreTable(t: ShapedTable, elementHidden: boolean): number | null {
  const rows = t.rows.length;
  const cols = t.headers.length;
  if (cols < 2 && !(t.kind === 'cards' && cols >= 1)) return null;
  if (rows === 0) return t.hasHeader ? 0.01 * cols : null;

  let cells = 0;
  let filled = 0;
  let numeric = 0;
  let labels = 0;
  let totalLength = 0;
  let fields = 0;
  let blocks = 0;
  const sampled = t.rows.slice(0, t.sampleCells.length);
  for (let r = 0; r < sampled.length; r++) {
    const texts = sampled[r]!;
    const els = t.sampleCells[r]!;
    for (let c = 0; c < texts.length; c++) {
      const text = texts[c]!;
      cells++;
      if (text) {
        filled++;
        totalLength += text.length;
        if (NUMERIC.test(text)) numeric++;
        if (LABEL_END.test(text) && text.length <= 12) labels++;
      }
      const el = els[c];
      if (el && el.firstElementChild) {
        if (el.querySelector(FORM_FIELD)) fields++;
        if (el.querySelector(BIG_BLOCK)) blocks++;
      }
    }
  }
  // Layout tables hold other tables, forms or whole blocks in their cells.
  if (t.kind === 'table' && blocks > 0) {
    if (cells && blocks / cells >= 0.5) return null;
    if (sampled.some((_, r) => t.sampleCells[r]!.some((el) => el?.querySelector('table, form')))) return null;
  }

  const fill = cells ? filled / cells : 0;
  let score = Math.min(rows, 1000) * Math.min(cols, 15) * (0.25 + 0.75 * fill);
  if (t.hasHeader) score *= 1.5;
  if (rows === 1) score *= 0.3;
  // KPI summaries: one to three rows of numbers.
  if (rows <= 3 && filled && numeric / filled > 0.5) score *= 0.2;
  // Forms: input fields, or label cells ending in a colon.
  if (cells && (fields / cells > 0.15 || labels / cells > 0.2)) score *= 0.1;
  if (blocks && cells && blocks / cells > 0.1) score *= 0.2;
  // Paragraphs of text are articles, not records.
  if (filled && totalLength / filled > 80) score *= 0.3;
  if (elementHidden) score *= 0.05;
  if (t.kind === 'cards') score *= 0.8;
  return score;
}
