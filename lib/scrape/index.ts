// lib/scrape (docs/capture.md#finding-candidates): DOM (passed in) -> ranked table candidates -> rows as
// displayed. Finds plain tables, split header/body grids with fixed columns,
// ARIA div grids and card lists, in the document and in its same-origin
// iframes and frames.
import { readAriaGrid, tableRowGrid, GRID_SELECTOR } from './aria';
import { findCardLists } from './cards';
import { shapeTable, type RawTable } from './columns';
import { leafHeaders } from './grid';
import { scoreTable } from './rank';
import { findSplitTables, withoutClones } from './split';
import { readTable, type TableRead } from './table';
import { createVisibility, type Visibility } from './text';
import { findTotalHint } from './total';

export { extractText, collapseSpace } from './text';
export { shortText, totalInText } from './total';
export { uniqueHeaders } from './columns';
export { isRowNumberColumn, isSummaryRow } from './rows';

export interface TableCandidate {
  /** 'c0', 'c1', ... in rank order */
  id: string;
  kind: 'table' | 'split' | 'aria' | 'cards';
  /** leaf headers, unique ('X', 'X (2)') */
  headers: string[];
  /** one string per column aligned to headers, text as a user reads it */
  rows: string[][];
  /** per row: absolute detail URL from a dropped action/checkbox column or a link in the row, else null */
  rowLinks: (string | null)[];
  /** the element to highlight on the page */
  element: Element;
  /** higher is better */
  score: number;
  /** null for the top document, else a short description of the iframe/frame it came from */
  frame: string | null;
  /** the page's total (共 2000 条) or a virtualised grid's aria-rowcount, when above the rows read */
  totalRowsHint?: number;
}

export interface FindTablesOptions {
  maxCandidates?: number;
  /**
   * Rows read per table at most: a sample, enough to find the lists and
   * their headers without reading every row of a long one (the portal
   * overlay reads its rows' keys itself). A sample gives no `totalRowsHint`:
   * the page's total is not looked for.
   */
  sampleRows?: number;
}

const DEFAULT_MAX_CANDIDATES = 20;
const MAX_FRAME_DEPTH = 4;
/** Tables with at least this many data rows are not searched for card lists. */
const CARD_SEARCH_MAX_ROWS = 50;

function isDocument(root: Document | Element): root is Document {
  return root.nodeType === 9;
}

function hiddenUpwards(el: Element, vis: Visibility): boolean {
  for (let x: Element | null = el; x; x = x.parentElement) if (vis.isHidden(x)) return true;
  return false;
}

function describeFrame(frame: Element, parent: string | null): string {
  const name = frame.getAttribute('name') || frame.getAttribute('id');
  const src = frame.getAttribute('src');
  const shortSrc = src && src.length > 60 ? `${src.slice(0, 57)}...` : src;
  const self = `${frame.localName}${name ? ` "${name}"` : ''}${shortSrc ? ` (${shortSrc})` : ''}`;
  return parent ? `${parent} > ${self}` : self;
}

function plainTable(read: TableRead, sampled: boolean): RawTable {
  const leaves = leafHeaders(read.headerGrid, read.width);
  const raw: RawTable = {
    kind: 'table',
    element: read.table,
    headers: leaves.texts,
    headerCells: leaves.cells,
    rows: read.body
      .filter((b) => !b.summary)
      .map(({ cells }) => ({
        cells: cells.map((c) => (c.el.localName === 'tr' ? null : c.el)),
        texts: cells.map((c) => c.text),
      })),
    hasHeader: read.headerGrid.length > 0 && leaves.texts.some((t) => t),
  };
  const hint = sampled ? undefined : findTotalHint(read.table, read.asideTexts);
  if (hint !== undefined) raw.totalRowsHint = hint;
  return raw;
}

interface Found extends Omit<TableCandidate, 'id'> {
  order: number;
}

function collect(
  root: Document | Element,
  frame: string | null,
  out: Found[],
  depth: number,
  sampleRows = Infinity,
): void {
  const doc = isDocument(root) ? root : root.ownerDocument;
  const scope = isDocument(root) ? root.documentElement : root;
  if (!scope) return;
  const vis = createVisibility(doc);
  const raws: RawTable[] = [];
  const first = out.length;

  // Each query walks every element, every row of a long list too
  // (docs/architecture.md#performance-budgets): one query per simple selector, as a
  // list of selectors is tested element by element (several times slower on a 2,000-row page).
  const tables = [...scope.getElementsByTagName('table')];
  // A page holds frames (a frameset) or iframes, never both: in the page's order either way.
  const frames = [...scope.getElementsByTagName('iframe'), ...scope.getElementsByTagName('frame')];
  const gridEls = [...scope.querySelectorAll('[role]')].filter((el) => el.matches(GRID_SELECTOR));
  const dataLinks = !!scope.querySelector('[data-href]') || !!scope.querySelector('[data-url]');
  // A role=grid on a <table>, or on a div whose rows are <tr>s, is read as tables.
  const grids = gridEls.filter(
    (g) => g.localName !== 'table' && !g.parentElement?.closest(GRID_SELECTOR) && !tableRowGrid(g),
  );
  for (const grid of grids) {
    const raw = readAriaGrid(grid, vis);
    if (raw) raws.push(raw);
  }
  const inGrid = (el: Element): boolean => grids.some((g) => g.contains(el));

  const reads = tables.filter((t) => !inGrid(t)).map((t) => readTable(t, vis, sampleRows));
  const split = findSplitTables(reads, vis);
  raws.push(...split.tables);
  for (const read of reads) if (!split.used.has(read.table)) raws.push(plainTable(read, sampleRows !== Infinity));

  const taken = new Set<Element>([...grids, ...split.used]);
  // A long list is data, not layout around a card list: not walking its
  // thousands of cells again keeps a 5,000-row page within docs/architecture.md#performance-budgets.
  for (const read of reads)
    if (Math.max(read.body.length, read.sampledFrom ?? 0) >= CARD_SEARCH_MAX_ROWS) taken.add(read.table);
  for (const raw of raws) if (raw.kind !== 'table') taken.add(raw.element);
  const offer = (raw: RawTable): void => {
    const shaped = shapeTable(raw, (el) => vis.isHidden(el), dataLinks);
    const score = scoreTable(shaped, hiddenUpwards(raw.element, vis));
    if (score === null) return;
    const found: Found = {
      kind: shaped.kind,
      headers: shaped.headers,
      rows: shaped.rows,
      rowLinks: shaped.rowLinks,
      element: shaped.element,
      score,
      frame,
      order: out.length,
    };
    if (shaped.totalRowsHint !== undefined && sampleRows === Infinity) found.totalRowsHint = shaped.totalRowsHint;
    out.push(found);
  };
  withoutClones(raws).forEach(offer);
  // Card lists are searched last, outside the grids read; plain tables are
  // searched inside, as a legacy page's layout table holds the whole page.
  findCardLists(scope, vis, (el) => taken.has(el)).forEach(offer);
  // A table around a better candidate is layout, whatever else its cells hold
  // (a list with a nested table in an expanded row keeps its place).
  const mine = out.slice(first);
  const layout = mine.filter(
    (f) => f.kind === 'table' && mine.some((g) => g !== f && f.element.contains(g.element) && g.score >= f.score),
  );
  for (const f of layout) out.splice(out.indexOf(f), 1);

  if (depth >= MAX_FRAME_DEPTH) return;
  for (const el of frames) {
    try {
      // Cross-origin frames throw or return null here; the page's own frames are read.
      const inner = (el as HTMLIFrameElement).contentDocument;
      if (inner?.documentElement) collect(inner, describeFrame(el, frame), out, depth + 1, sampleRows);
    } catch {
      // cross-origin: nothing to read
    }
  }
}

/** Every candidate data table in `root` and its same-origin frames, best first. */
export function findTables(root: Document | Element, options: FindTablesOptions = {}): TableCandidate[] {
  const found: Found[] = [];
  collect(root, null, found, 0, options.sampleRows);
  found.sort((a, b) => b.score - a.score || a.order - b.order);
  return found
    .slice(0, options.maxCandidates ?? DEFAULT_MAX_CANDIDATES)
    .map(({ order: _order, ...rest }, i) => ({ id: `c${i}`, ...rest }));
}
