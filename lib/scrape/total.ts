// The total a page shows for a paginated or virtualised list ("共 2000 条",
// "Total 2000", "Displaying 1 to 20 of 2000 items"), so capture can tell the
// user that the DOM holds only part of the list (docs/capture.md#totals-and-pagers).
import { collapseSpace } from './text';

const UNREAD = new Set(['script', 'style', 'template', 'select', 'option']);

/**
 * Text with a space between text nodes, so figures in neighbouring cells stay
 * apart; it stops past `limit` characters (`whole` false), so a neighbour that
 * is the 5,000-row list itself costs a few nodes, not a walk of the list.
 */
function spacedText(el: Element, limit: number): { text: string; whole: boolean } {
  const out: string[] = [];
  let length = 0;
  const walk = (node: Element): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? '';
        out.push(text, ' ');
        length += text.length + 1;
        if (length > limit) return false;
      } else if (child.nodeType === 1 && !UNREAD.has((child as Element).localName) && !walk(child as Element))
        return false;
    }
    return true;
  };
  const whole = walk(el);
  return { text: out.join(''), whole };
}

const TOTAL_COUNT = [
  /共\s*([\d,]+)\s*(?:条|项|个|位|名|行|笔|记录|条记录)/,
  /总(?:记录数|条数|行数)\s*[:：]?\s*([\d,]+)/,
  /\bof\s+([\d,]+)\s*(?:items|records|entries|rows|results)?\b/i,
  /\btotal\s*[:：]?\s*([\d,]+)/i,
];

// More rows than any dealer list holds means digits of neighbouring cells ran together.
const MAX_TOTAL = 10_000_000;

export function totalInText(text: string): number | undefined {
  for (const re of TOTAL_COUNT) {
    const m = re.exec(text);
    if (m) {
      const n = Number(m[1]!.replace(/,/g, ''));
      if (Number.isSafeInteger(n) && n > 0 && n <= MAX_TOTAL) return n;
    }
  }
  return undefined;
}

const NEAR_TEXT_LIMIT = 300;

/** The text of a short element, words of neighbouring nodes kept apart; '' when it is long. */
export function shortText(el: Element): string {
  const spaced = spacedText(el, NEAR_TEXT_LIMIT * 3);
  if (!spaced.whole) return '';
  const text = collapseSpace(spaced.text);
  return text.length > NEAR_TEXT_LIMIT ? '' : text;
}

const PAGER_PART = /pag|_info\b|-info\b|total|summary/i;

/**
 * Looks in the rows set aside, in pager parts of the element, then in short
 * siblings of it and its near ancestors (a pager may itself be a layout table).
 */
export function findTotalHint(element: Element, asideTexts: string[] = []): number | undefined {
  for (const text of asideTexts) {
    const n = totalInText(text);
    if (n !== undefined) return n;
  }
  // A grid's own pager or count line is a direct child of its container
  // (layui, AG Grid, DataTables' dataTables_info); a deep search would walk
  // every row of a large list.
  const pagers = Array.from(element.children).filter((c) => PAGER_PART.test(c.getAttribute('class') ?? ''));
  for (const pager of pagers.slice(0, 5)) {
    const n = totalInText(collapseSpace(spacedText(pager, NEAR_TEXT_LIMIT * 3).text).slice(0, NEAR_TEXT_LIMIT));
    if (n !== undefined) return n;
  }
  let node: Element | null = element;
  // Four levels: DataTables with FixedColumns nests the body table in
  // scrollBody > scroll > DTFC_ScrollWrapper, whose sibling is the count line.
  for (let up = 0; up < 4 && node; up++) {
    for (const sibling of [
      node.nextElementSibling,
      node.nextElementSibling?.nextElementSibling,
      node.previousElementSibling,
    ]) {
      const text = sibling ? shortText(sibling) : '';
      if (!text) continue;
      const n = totalInText(text);
      if (n !== undefined) return n;
    }
    node = node.parentElement;
  }
  return undefined;
}
