// A table's rows as a rectangular grid: rowspan/colspan expanded so every
// column position holds the cell shown there (docs/capture.md#plain-tables: "rowspan/colspan in
// the body expanded, the value repeated into the spanned cells").

export interface GridCell {
  el: Element;
  text: string;
  colspan: number;
  /** false for the copies a span leaves in the cells it covers */
  origin: boolean;
  /** the cell is not shown (hidden itself, e.g. the hidden copy of a fixed column) */
  hidden: boolean;
}

/** Reads one cell's text by its column; `hidden` tells whether the cell last read is hidden. */
export interface CellTextReader {
  read(cell: Element, col: number): string;
  readonly hidden: boolean;
}

const MAX_SPAN = 1000;

function span(el: Element, name: string, fallback: number): number {
  const raw = el.getAttribute(name);
  if (raw === null) return 1;
  const n = parseInt(raw, 10);
  if (Number.isNaN(n) || n < 0) return 1;
  if (n === 0) return fallback;
  return Math.min(n, MAX_SPAN);
}

export function cellsOf(tr: Element): Element[] {
  const cells: Element[] = [];
  for (let c = tr.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === 'td' || c.localName === 'th') cells.push(c);
  }
  return cells;
}

/** Expands spans; rows shorter than the widest are padded with empty cells owned by the row. */
export function expandRows(trs: Element[], reader: CellTextReader): GridCell[][] {
  const grid: GridCell[][] = [];
  // Only cells that span rows leave a carry: most tables have none, and one object per cell adds up on long lists.
  const carry: ({ cell: GridCell; left: number } | undefined)[] = [];
  for (let r = 0; r < trs.length; r++) {
    const tr = trs[r]!;
    const row: GridCell[] = [];
    let col = 0;
    const takeCarried = (): void => {
      let pending = carry[col];
      while (pending && pending.left > 0) {
        row[col] = { ...pending.cell, origin: false };
        pending.left--;
        col++;
        pending = carry[col];
      }
    };
    for (const el of cellsOf(tr)) {
      takeCarried();
      const colspan = span(el, 'colspan', 1);
      const rowspan = Math.min(span(el, 'rowspan', trs.length - r), trs.length - r);
      const text = reader.read(el, col);
      const cell: GridCell = { el, text, colspan, origin: true, hidden: reader.hidden };
      for (let k = 0; k < colspan; k++) {
        row[col + k] = k === 0 ? cell : { ...cell, origin: false };
        carry[col + k] = rowspan > 1 ? { cell, left: rowspan - 1 } : undefined;
      }
      col += colspan;
    }
    for (; col < carry.length; col++) {
      const pending = carry[col];
      if (pending && pending.left > 0) {
        row[col] = { ...pending.cell, origin: false };
        pending.left--;
      }
    }
    grid.push(row);
  }
  const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    for (let c = 0; c < width; c++) {
      if (!row[c]) row[c] = { el: trs[r]!, text: '', colspan: 1, origin: false, hidden: false };
    }
  }
  return grid;
}

/**
 * Leaf headers of a (possibly multi-row) header grid. A leaf is prefixed by
 * its group ('车辆信息-车型') only where the same leaf text occurs in more
 * than one column, so single-level names stay as the page shows them.
 */
export function leafHeaders(headerGrid: GridCell[][], width: number): { texts: string[]; cells: (Element | null)[] } {
  const texts: string[] = [];
  const cells: (Element | null)[] = [];
  const groups: string[] = [];
  const last = headerGrid.length - 1;
  for (let c = 0; c < width; c++) {
    const leaf = last >= 0 ? headerGrid[last]![c] : undefined;
    texts.push(leaf?.text ?? '');
    cells.push(leaf && leaf.el.localName !== 'tr' ? leaf.el : null);
    let group = '';
    for (let r = last - 1; r >= 0 && leaf; r--) {
      const above = headerGrid[r]![c]!;
      if (above.el === leaf.el) continue;
      if (above.colspan > 1 && above.text && above.text !== leaf.text) {
        group = above.text;
        break;
      }
    }
    groups.push(group);
  }
  return { texts: prefixRepeatedLeaves(texts, groups), cells };
}

export function prefixRepeatedLeaves(texts: string[], groups: string[]): string[] {
  const count = new Map<string, number>();
  for (const t of texts) count.set(t, (count.get(t) ?? 0) + 1);
  return texts.map((t, i) => (t && (count.get(t) ?? 0) > 1 && groups[i] ? `${groups[i]}-${t}` : t));
}
