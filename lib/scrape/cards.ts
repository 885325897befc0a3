// Repeated card lists with no table (issue #2): as in MDR (Liu, Grossman,
// Zhai, KDD 2003), a data region is a run of similar sibling elements, each a
// record. Siblings are similar when they share tag and classes; a record's
// fields are label/value pairs ('<span class="label">手机：</span><span>138…'
// or '姓名：张三' text, or <dt>/<dd>). Headers come from the labels.
import type { RawRow, RawTable } from './columns';
import { collapseSpace, type Visibility } from './text';

const MIN_RECORDS = 3;
const MIN_PAIRS = 2;
const MAX_LABEL = 12;
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'table', 'select', 'head', 'iframe', 'frame', 'textarea']);
const INLINE = new Set(['span', 'b', 'strong', 'i', 'em', 'a', 'font', 'label', 'small', 'code', 'u', 'mark', 'abbr', 'time', 'sup', 'sub']);
const INLINE_PAIR = /^([^：:]{1,12}?)\s*[：:]\s*(.*)$/;
const LABEL_CLASS = /(?:^|[-_\s])(?:label|key|field-name|term)(?:$|[-_\s])/i;
const NOT_A_LABEL = /^[\d\s\-/.]+$|^https?$/i;

interface Token {
  text: string;
  block: Element;
  labelled: boolean;
}

function blockOf(el: Element, top: Element): Element {
  let x: Element = el;
  while (x !== top && INLINE.has(x.localName) && x.parentElement) x = x.parentElement;
  return x;
}

function tokens(card: Element, vis: Visibility): Token[] {
  const out: Token[] = [];
  const walk = (el: Element, labelled: boolean): void => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = collapseSpace(child.nodeValue ?? '');
        if (text) out.push({ text, block: blockOf(el, card), labelled });
      } else if (child.nodeType === 1) {
        const c = child as Element;
        if (SKIP.has(c.localName) || vis.isHidden(c)) continue;
        walk(c, labelled || c.localName === 'dt' || LABEL_CLASS.test(c.getAttribute('class') ?? ''));
      }
    }
  };
  walk(card, false);
  return out;
}

function asLabel(text: string): string | null {
  const label = text.replace(/\s*[：:]\s*$/, '');
  if (!label || label.length > MAX_LABEL || NOT_A_LABEL.test(label)) return null;
  return label;
}

/** Label/value pairs of one record, in order; null when a label repeats (several records in one). */
export function pairsOf(card: Element, vis: Visibility): [string, string][] | null {
  const list = tokens(card, vis);
  const pairs: [string, string][] = [];
  const isLabelToken = (t: Token): boolean => (t.labelled || /[：:]$/.test(t.text)) && asLabel(t.text) !== null;
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    if (isLabelToken(t)) {
      const label = asLabel(t.text)!;
      const parts: string[] = [];
      let block: Element | null = null;
      let j = i + 1;
      for (; j < list.length; j++) {
        const next = list[j]!;
        if (isLabelToken(next) || (!next.labelled && INLINE_PAIR.test(next.text) && asLabel(INLINE_PAIR.exec(next.text)![1]!))) break;
        if (block === null) {
          // The value sits with its label, or in the next sibling block (<dt>/<dd>); an
          // empty value must not take text from elsewhere in the card.
          const near = next.block === t.block || t.block.contains(next.block) || next.block.parentElement === t.block.parentElement;
          if (!near) break;
          block = next.block;
        } else if (next.block !== block) break;
        parts.push(next.text);
      }
      pairs.push([label, parts.join(' ')]);
      i = j - 1;
      continue;
    }
    const m = INLINE_PAIR.exec(t.text);
    const label = m ? asLabel(m[1]!) : null;
    if (m && label) pairs.push([label, m[2]!]);
  }
  const labels = new Set(pairs.map(([l]) => l));
  return labels.size === pairs.length ? pairs : null;
}

function signature(el: Element): string {
  const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter((t) => t && !/\d/.test(t) && !/active|selected|current|odd|even|hover/i.test(t));
  return `${el.localName}.${cls.sort().join('.')}`;
}

function firstLink(card: Element): Element | null {
  return card.querySelector('a[href]');
}

function readList(parent: Element, members: Element[], vis: Visibility): RawTable | null {
  const records: [string, string][][] = [];
  const kept: Element[] = [];
  for (const m of members) {
    const pairs = pairsOf(m, vis);
    if (pairs && pairs.length >= MIN_PAIRS && pairs.some(([, v]) => v)) {
      records.push(pairs);
      kept.push(m);
    }
  }
  if (records.length < MIN_RECORDS || records.length < members.length * 0.6) return null;
  const headers: string[] = [];
  const counts = new Map<string, number>();
  for (const pairs of records) for (const [label] of pairs) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const pairs of records) {
    for (const [label] of pairs) if (!headers.includes(label) && (counts.get(label) ?? 0) >= Math.max(2, records.length * 0.3)) headers.push(label);
  }
  if (headers.length < MIN_PAIRS) return null;
  const rows: RawRow[] = records.map((pairs, r) => {
    const values = new Map(pairs);
    // One link cell per record keeps its detail URL reachable as the row link.
    return { cells: headers.map((_, c) => (c === 0 ? firstLink(kept[r]!) : null)), texts: headers.map((h) => values.get(h) ?? '') };
  });
  return { kind: 'cards', element: parent, headers, headerCells: headers.map(() => null), rows, hasHeader: true };
}

/** Card lists under `scope`, skipping subtrees for which `skip` is true (tables and grids already read). */
export function findCardLists(scope: Element, vis: Visibility, skip: (el: Element) => boolean): RawTable[] {
  const found: RawTable[] = [];
  const visit = (el: Element): void => {
    if (SKIP.has(el.localName) || skip(el) || vis.isHidden(el)) return;
    if (el.childElementCount >= MIN_RECORDS) {
      const bySignature = new Map<string, Element[]>();
      for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
        const sig = signature(c);
        const list = bySignature.get(sig);
        if (list) list.push(c);
        else bySignature.set(sig, [c]);
      }
      let best: Element[] = [];
      for (const list of bySignature.values()) if (list.length > best.length) best = list;
      if (best.length >= MIN_RECORDS && !SKIP.has(best[0]!.localName)) {
        const list = readList(el, best, vis);
        if (list) {
          found.push(list);
          return;
        }
      }
    }
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) visit(c);
  };
  visit(scope);
  return found;
}
