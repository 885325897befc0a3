// The DOM rows of a table candidate (lib/scrape reads their text, not their
// elements): one element per customer row, in the candidate's row order, so a
// badge goes to each customer once even where a grid renders a row two or
// three times (fixed-column copies of split tables, AG Grid's pinned parts).
import type { TableCandidate } from '@/lib/scrape';

export const ROW_TEXT = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, '');

/**
 * Rows of a table's body: its own `<tr>`s (not a nested table's) with data
 * cells, not in a `<thead>`. A walk of its sections: on a 2,000-row list a
 * selector test per row costs more than the rest of a re-render.
 */
function bodyRows(table: Element): Element[] {
  const rows: Element[] = [];
  const take = (tr: Element) => {
    if (tr.localName !== 'tr') return;
    for (let cell = tr.firstElementChild; cell; cell = cell.nextElementSibling)
      if (cell.localName === 'td') return void rows.push(tr);
  };
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName === 'tr') take(child);
    else if (child.localName === 'tbody' || child.localName === 'tfoot')
      for (let tr = child.firstElementChild; tr; tr = tr.nextElementSibling) take(tr);
  }
  return rows;
}

/** The pane with the most cells per row: the main one, which holds every column. */
function mainPaneRows(element: Element): Element[] {
  const tables = element.localName === 'table' ? [element] : Array.from(element.querySelectorAll('table'));
  let best: Element[] = [];
  let bestCells = -1;
  for (const table of tables) {
    const rows = bodyRows(table);
    if (rows.length === 0) continue;
    const cells = rows[0]!.children.length;
    if (rows.length > best.length || (rows.length === best.length && cells > bestCells)) {
      best = rows;
      bestCells = cells;
    }
  }
  return best;
}

/** ARIA rows by row index: a row split over pinned containers counts once (its first part). */
function ariaRows(grid: Element): Element[] {
  const byIndex = new Map<string, Element>();
  const loose: Element[] = [];
  for (const row of Array.from(grid.querySelectorAll('[role="row"]'))) {
    if (row.querySelector('[role="columnheader"]')) continue;
    const index = row.getAttribute('aria-rowindex') ?? row.getAttribute('row-index');
    if (index === null) loose.push(row);
    else if (!byIndex.has(index)) byIndex.set(index, row);
  }
  const indexed = [...byIndex.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, row]) => row);
  return indexed.length > 0 ? indexed : loose;
}

function cardRows(list: Element): Element[] {
  return Array.from(list.children).filter((c) => ROW_TEXT(c) !== '');
}

/** The row elements of a list, without reading its cells: what a re-render is checked against. */
export function domRows(element: Element, kind: TableCandidate['kind']): Element[] {
  return kind === 'aria' ? ariaRows(element) : kind === 'cards' ? cardRows(element) : mainPaneRows(element);
}

/**
 * One element per candidate row, or null where the row was not found. Rows
 * are matched by position when the counts agree, else by text: a row is the
 * first unmatched element whose text holds the row's cells.
 */
export function rowElements(
  candidate: TableCandidate,
  els: Element[] = domRows(candidate.element, candidate.kind),
): (Element | null)[] {
  if (els.length === candidate.rows.length) return els;
  const texts = els.map(ROW_TEXT);
  const used = new Set<number>();
  let from = 0;
  return candidate.rows.map((cells) => {
    const parts = cells.map((c) => c.replace(/\s+/g, '')).filter((c) => c.length > 1);
    for (let n = 0; n < els.length; n++) {
      const i = (from + n) % els.length;
      if (used.has(i) || !parts.every((p) => texts[i]!.includes(p))) continue;
      used.add(i);
      from = i + 1;
      return els[i]!;
    }
    return null;
  });
}
