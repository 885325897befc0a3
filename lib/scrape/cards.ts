// Repeated card lists with no table (issue #2): as in MDR (Liu, Grossman,
// Zhai, KDD 2003), a data region is a run of similar sibling elements, each a
// record. Siblings are similar when they share tag and classes; a record's
// fields are label/value pairs ('<span class="label">手机：</span><span>138…'
// or '姓名：张三' text, or <dt>/<dd>). Headers come from the labels.
import type { RawRow, RawTable } from './columns';
import { ACTION_WORD } from './columns';
import { collapseSpace, type Visibility } from './text';
import { findTotalHint } from './total';

const MIN_RECORDS = 3;
const MIN_PAIRS = 2;
const MAX_LABEL = 12;
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'select', 'head', 'iframe', 'frame', 'textarea']);
/** Rows of a table are read as a table, not as cards; layout tables are still searched inside. */
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);
const INLINE = new Set(['span', 'b', 'strong', 'i', 'em', 'a', 'font', 'label', 'small', 'code', 'u', 'mark', 'abbr', 'time', 'sup', 'sub']);
const INLINE_PAIR = /^([^：:]{1,12}?)\s*[：:]\s*(.*)$/;
const NEXT_PAIR = /\s+(?=[^\s：:\d][^\s：:]{0,11}[：:])/;
const LABEL_CLASS = /(?:^|[-_\s])(?:label|key|field-name|term)(?:$|[-_\s])/i;
const NOT_A_LABEL = /^[\d\s\-/.]+$|^https?$/i;

interface Token {
  text: string;
  parent: Element;
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
        if (text) out.push({ text, parent: el, block: blockOf(el, card), labelled });
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

/** One record: its fields in order, keyed by label ('L:手机') or, for unlabelled text, by position ('P:div.hd>a.name'). */
interface CardRecord {
  fields: { key: string; header: string; value: string }[];
  pairs: number;
}

function pathKey(el: Element, card: Element): string {
  const parts: string[] = [];
  // The first class names the part ('lv'); later ones are often modifiers ('lv-A', 'lv-C').
  for (let x: Element | null = el; x && x !== card; x = x.parentElement) parts.push(`${x.localName}.${(x.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? ''}`);
  return parts.reverse().join('>');
}

function isAction(t: Token): boolean {
  return !!t.parent.closest('a, button, [role="button"]') && ACTION_WORD.test(t.text);
}

export function readRecord(card: Element, vis: Visibility): CardRecord | null {
  const list = tokens(card, vis);
  const fields: CardRecord['fields'] = [];
  let pairs = 0;
  const isLabelToken = (t: Token): boolean => (t.labelled || /[：:]$/.test(t.text)) && asLabel(t.text) !== null;
  const isInlinePair = (t: Token): boolean => {
    const m = INLINE_PAIR.exec(t.text);
    return !!m && asLabel(m[1]!) !== null;
  };
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    if (isLabelToken(t)) {
      const label = asLabel(t.text)!;
      const parts: string[] = [];
      let block: Element | null = null;
      let j = i + 1;
      for (; j < list.length; j++) {
        const next = list[j]!;
        if (isLabelToken(next) || (!next.labelled && isInlinePair(next))) break;
        if (block === null) {
          // The value sits with its label, or in the next sibling block (<dt>/<dd>); an
          // empty value must not take text from elsewhere in the card.
          const near = next.block === t.block || t.block.contains(next.block) || next.block.parentElement === t.block.parentElement;
          if (!near) break;
          block = next.block;
        } else if (next.block !== block) break;
        parts.push(next.text);
      }
      fields.push({ key: `L:${label}`, header: label, value: parts.join(' ') });
      pairs++;
      i = j - 1;
      continue;
    }
    const m = INLINE_PAIR.exec(t.text);
    const label = m ? asLabel(m[1]!) : null;
    if (m && label) {
      // One text may hold several pairs: '姓名：张三 手机：138…'.
      for (const segment of t.text.split(NEXT_PAIR)) {
        const p = INLINE_PAIR.exec(segment);
        const l = p ? asLabel(p[1]!) : null;
        if (p && l) {
          fields.push({ key: `L:${l}`, header: l, value: p[2]! });
          pairs++;
        } else if (fields.length) {
          fields[fields.length - 1]!.value += ` ${segment}`;
        }
      }
    } else if (!isAction(t)) {
      // Unlabelled text such as a card's title (the customer's name) is kept by its place in the card.
      const cls = (t.parent.getAttribute('class') ?? '').split(/\s+/).find((c) => c && !/\d/.test(c)) ?? '';
      const key = `P:${pathKey(t.parent, card)}`;
      const previous = fields[fields.length - 1];
      if (previous && previous.key === key) previous.value += ` ${t.text}`;
      else fields.push({ key, header: t.parent === card ? '' : cls, value: t.text });
    }
  }
  const keys = new Set(fields.map((f) => f.key));
  return keys.size === fields.length ? { fields, pairs } : null;
}

function signature(el: Element): string {
  const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter((t) => t && !/\d/.test(t) && !/active|selected|current|odd|even|hover/i.test(t));
  return `${el.localName}.${cls.sort().join('.')}`;
}

function firstLink(card: Element): Element | null {
  return card.querySelector('a[href]');
}

/** Merges the records' field orders into one column order. */
function columnOrder(records: CardRecord[], keep: (key: string) => boolean): string[] {
  const order: string[] = [];
  for (const record of records) {
    let after = -1;
    for (const { key } of record.fields) {
      if (!keep(key)) continue;
      const at = order.indexOf(key);
      if (at >= 0) after = at;
      else order.splice(++after, 0, key);
    }
  }
  return order;
}

function readList(parent: Element, members: Element[], vis: Visibility): RawTable | null {
  const records: CardRecord[] = [];
  const kept: Element[] = [];
  for (const m of members) {
    const record = readRecord(m, vis);
    if (record && record.pairs >= MIN_PAIRS && record.fields.some((f) => f.key.startsWith('L:') && f.value)) {
      records.push(record);
      kept.push(m);
    }
  }
  if (records.length < MIN_RECORDS || records.length < members.length * 0.6) return null;
  const counts = new Map<string, number>();
  const headerOf = new Map<string, string>();
  for (const record of records) {
    for (const f of record.fields) {
      counts.set(f.key, (counts.get(f.key) ?? 0) + 1);
      if (!headerOf.has(f.key)) headerOf.set(f.key, f.header);
    }
  }
  const common = (key: string): boolean => (counts.get(key) ?? 0) >= Math.max(2, records.length * 0.3);
  const order = columnOrder(records, common);
  if (order.filter((k) => k.startsWith('L:')).length < MIN_PAIRS) return null;
  const rows: RawRow[] = records.map((record, r) => {
    const values = new Map(record.fields.map((f) => [f.key, f.value]));
    // One link cell per record keeps its detail URL reachable as the row link.
    return { cells: order.map((_, c) => (c === 0 ? firstLink(kept[r]!) : null)), texts: order.map((k) => values.get(k) ?? '') };
  });
  const raw: RawTable = { kind: 'cards', element: parent, headers: order.map((k) => headerOf.get(k) ?? ''), headerCells: order.map(() => null), rows, hasHeader: true };
  const hint = findTotalHint(parent);
  if (hint !== undefined) raw.totalRowsHint = hint;
  return raw;
}

/** Card lists under `scope`, skipping subtrees for which `skip` is true (tables and grids already read). */
export function findCardLists(scope: Element, vis: Visibility, skip: (el: Element) => boolean): RawTable[] {
  const found: RawTable[] = [];
  const visit = (el: Element): void => {
    // A leaf holds no list.
    if (!el.firstElementChild || SKIP.has(el.localName) || skip(el) || vis.isHidden(el)) return;
    if (el.childElementCount >= MIN_RECORDS && !TABLE_PARTS.has(el.localName)) {
      const bySignature = new Map<string, Element[]>();
      for (let c: Element | null = el.firstElementChild; c; c = c.nextElementSibling) {
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
    for (let c: Element | null = el.firstElementChild; c; c = c.nextElementSibling) visit(c);
  };
  visit(scope);
  return found;
}
