// A row's identity keys read from its key cells alone (the mobile, VIN and
// customer-number cells, the detail link's cell), without reading the whole
// table again: the cells' places are learnt once from a scrape of the list's
// first rows, and trusted only where they give back exactly what that scrape
// read. A long list then costs a few cells per row, not every cell
// (docs/architecture.md#performance-budgets).
import { collapseSpace, isSummaryRow, type TableCandidate } from '@/lib/scrape';
import { webUrl } from '@/lib/customer';
import type { IdentityColumns, IdentityKeys } from '@/lib/overlay/types';
import { keysId, rowKeysOf } from '@/lib/overlay/keys';

/**
 * Rows of each table the overlay scrapes to find the list and learn where its
 * key cells are: enough to place them and check them on a few rows; each more
 * is read on every table of the page before the first badge.
 */
export const SAMPLE_ROWS = 10;

/** What a row read narrowly is: its keys (null: a customer row without keys), not a customer row, or not of the learnt shape. */
export type NarrowRead = IdentityKeys | null | 'not-a-row' | 'unknown';

export interface NarrowReader {
  read(row: Element): NarrowRead;
}

const cellText = (cell: Element | undefined): string => (cell ? collapseSpace(cell.textContent ?? '') : '');

/**
 * The first link of a cell, parsed once (the id in it is read from the parsed
 * address). `anchorsOnly`: the sampled rows have no data-href/data-url
 * element, so anchors are looked for first, without a selector query per row.
 */
function firstLink(cell: Element | undefined, anchorsOnly: boolean): URL | null {
  if (!cell) return null;
  const links: ArrayLike<Element> = cell.matches(LINKISH)
    ? [cell]
    : anchorsOnly
      ? cell.getElementsByTagName('a')
      : cell.querySelectorAll(LINKISH);
  for (let i = 0; i < links.length; i++) {
    const a = links[i]!;
    const raw = (a.getAttribute('href') ?? a.getAttribute('data-href') ?? a.getAttribute('data-url'))?.trim();
    // As a capture reads a link (lib/scrape linkOf): never a fragment, only http(s).
    const url = raw && !raw.startsWith('#') ? webUrl(raw, a.ownerDocument.baseURI) : null;
    if (url) return url;
  }
  return null;
}

const LINKISH = 'a[href], [data-href], [data-url]';

/** A row that spans the table's columns (a pager, a note, a total): no customer. */
const spans = (row: Element): boolean => Array.from(row.children).some((c) => Number(c.getAttribute('colspan')) > 1);

/**
 * Learns where the key cells are from `sample` (a scrape of the list's first
 * rows) and the list's row elements `els`. Null where it cannot be sure: a
 * grid or card list (a row's cells are not its children), rows of differing
 * shapes, a key column that is empty in every sampled row, or any sampled row
 * whose keys read narrowly differ from the scrape's.
 */
export function learnNarrow(
  sample: TableCandidate,
  els: readonly Element[],
  columns: IdentityColumns,
): NarrowReader | null {
  if (sample.kind !== 'table' && sample.kind !== 'split') return null;
  // The sampled rows lie among the list's first elements (a few more for rows the scrape set aside).
  const head = els.slice(0, sample.rows.length + 20);
  // The rows' shape: the cell count most of them have.
  const counts = new Map<number, number>();
  for (const el of head) counts.set(el.children.length, (counts.get(el.children.length) ?? 0) + 1);
  const width = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const candidates = head.filter((el) => el.children.length === width && !spans(el));
  // The sampled rows, each with its element: the rows in order, by the key cells' texts. Each
  // element's cells are read when first compared: most sampled rows match the first element tried.
  const read: string[][] = [];
  const texts = (el: number): string[] => (read[el] ??= Array.from(candidates[el]!.children, cellText));
  const fields = ['phone', 'vin', 'portalId'] as const;
  const wanted = fields.flatMap((f) => columns[f].map((column) => ({ f, column })));
  if (wanted.length === 0 || sample.rows.length === 0 || width === 0) return null;
  const pairs: { row: number; el: number }[] = [];
  let from = 0;
  for (let row = 0; row < sample.rows.length; row++) {
    const cells = sample.rows[row]!;
    const probe = cells.filter((t) => t.length > 1);
    for (let el = from; el < candidates.length; el++) {
      if (probe.every((t) => texts(el).includes(t))) {
        pairs.push({ row, el });
        from = el + 1;
        break;
      }
    }
  }
  if (pairs.length < Math.min(3, sample.rows.length)) return null;
  // Each column's cell: the first after the previous column's whose text is the scrape's in every sampled row.
  const columnCount = sample.headers.length;
  const at: number[] = [];
  let previous = -1;
  for (let c = 0; c < columnCount; c++) {
    at.push(-1);
    if (pairs.every(({ row }) => !sample.rows[row]![c])) continue;
    for (let j = previous + 1; j < width; j++) {
      if (pairs.every(({ row, el }) => texts(el)[j] === (sample.rows[row]![c] ?? ''))) {
        at[c] = previous = j;
        break;
      }
    }
  }
  // A column empty in every sampled row (a VIN column over sales leads) lies between its neighbours:
  // placed only where they are as many cells apart as columns.
  const cellOfColumn = (c: number): number => {
    if (at[c]! >= 0) return at[c]!;
    let left = c - 1;
    while (left >= 0 && at[left]! < 0) left--;
    let right = c + 1;
    while (right < columnCount && at[right]! < 0) right++;
    if (left < 0 || right >= columnCount || at[right]! - at[left]! !== right - left) return -1;
    const j = at[left]! + (c - left);
    return pairs.every(({ row, el }) => texts(el)[j] === (sample.rows[row]![c] ?? '')) ? j : -1;
  };
  const cellOf: number[] = [];
  for (const { column } of wanted) {
    const j = cellOfColumn(column);
    if (j < 0) return null;
    cellOf.push(j);
  }
  // The detail link's cell, where the rows have one: the first cell whose first link is the scrape's.
  let linkCell = -1;
  // Asked of the sampled rows alone: a query of the whole list walks every cell of a long one.
  const anchorsOnly = !candidates.some((el) => el.querySelector('[data-href], [data-url]'));
  const linked = pairs.filter(({ row }) => sample.rowLinks[row]);
  if (linked.length > 0) {
    for (let j = 0; j < width && linkCell < 0; j++)
      if (
        linked.every(
          ({ row, el }) => firstLink(candidates[el]!.children[j], anchorsOnly)?.href === sample.rowLinks[row],
        )
      )
        linkCell = j;
    if (linkCell < 0) return null;
  }
  const narrowColumns: IdentityColumns = { phone: [], vin: [], portalId: [] };
  wanted.forEach(({ f }, i) => narrowColumns[f].push(i));
  const reader = readerOf({ width, cellOf, linkCell, anchorsOnly, narrowColumns });
  for (const { row, el } of pairs) {
    const mine = reader.read(candidates[el]!);
    const theirs = rowKeysOf(sample.rows[row]!, columns, sample.rowLinks[row]);
    if (mine === 'not-a-row' || mine === 'unknown') return null;
    if ((mine ? keysId(mine) : null) !== (theirs ? keysId(theirs) : null)) return null;
  }
  return reader;
}

interface Shape {
  width: number;
  /** Per key, the cell it is read from; `narrowColumns` names which key each is. */
  cellOf: number[];
  narrowColumns: IdentityColumns;
  linkCell: number;
  anchorsOnly: boolean;
}

/**
 * The reader of rows of a learnt shape. Made apart from the learning, so it
 * keeps only the shape: a closure there would keep the sampled rows'
 * elements alive after the portal replaced them.
 */
function readerOf({ width, cellOf, narrowColumns, linkCell, anchorsOnly }: Shape): NarrowReader {
  return {
    read(row) {
      // A grid's measuring row (hidden from assistive tools and from the user) is no customer.
      if (row.getAttribute('aria-hidden') === 'true' || row.hasAttribute('hidden')) return 'not-a-row';
      if (row.children.length !== width) return spans(row) ? 'not-a-row' : 'unknown';
      const cells = row.children;
      const keyTexts = cellOf.map((j) => cellText(cells[j]));
      // The link counts only where no customer-number cell gives the id (as a capture reads it): not read otherwise.
      const hasId = narrowColumns.portalId.some((i) => keyTexts[i]);
      // A later row may hold a data-href link where the sampled ones held anchors: asked of its cell then.
      const link =
        linkCell >= 0 && !hasId
          ? (firstLink(cells[linkCell], anchorsOnly) ?? (anchorsOnly ? firstLink(cells[linkCell], false) : null))
          : null;
      const keys = rowKeysOf(keyTexts, narrowColumns, link);
      if (keys) return keys;
      // A total row (合计) or an empty one (a grid's measuring row) has the list's shape but no customer.
      const all = Array.from(cells, (c) => cellText(c));
      return all.every((t) => !t) || isSummaryRow(all) ? 'not-a-row' : null;
    },
  };
}
