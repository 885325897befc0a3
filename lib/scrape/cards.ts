// Repeated card lists with no table (docs/capture.md#card-lists): as in MDR (Liu, Grossman,
// Zhai, KDD 2003), a data region is a run of similar sibling elements, each a
// record. Siblings are similar when they share tag and classes; a record's
// fields are label/value pairs ('<span class="label">手机：</span><span>138…'
// or '姓名：张三' text, or <dt>/<dd>). Headers come from the labels.
import type { RawRow, RawTable } from './columns';
import { collapseSpace, type Visibility } from './text';
import { findTotalHint } from './total';

const MIN_RECORDS = 3;
const MIN_PAIRS = 2;
const MAX_LABEL = 12;
const SKIP = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'select',
  'head',
  'iframe',
  'frame',
  'textarea',
]);
/** Rows of a table are read as a table, not as cards; layout tables are still searched inside. */
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);
const INLINE = new Set([
  'span',
  'b',
  'strong',
  'i',
  'em',
  'a',
  'font',
  'label',
  'small',
  'code',
  'u',
  'mark',
  'abbr',
  'time',
  'sup',
  'sub',
]);
const INLINE_PAIR = /^([^：:]{1,12}?)\s*[：:]\s*(.*)$/;
const NEXT_PAIR = /\s+(?=[^\s：:\d][^\s：:]{0,11}[：:])/;
const LABEL_CLASS = /(?:^|[-_\s])(?:label|key|field-name|term)(?:$|[-_\s])/i;
const NOT_A_LABEL = /^[\d\s\-/.]+$|^https?$/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Elements a user clicks to act on a card (view, edit, follow up …): never its data. */
const CONTROL =
  'a, button, [role="button"], [role="link"], [role="menuitem"], [onclick], input[type="button"], input[type="submit"]';
/**
 * What an action control says, whole: a verb with an optional lead-in or
 * object ('写跟进', '查看详情', '+ 跟进', 'Follow up'). A link holding a
 * customer's name is data; '跟进中' in a link is a status, not an action.
 */
const ACTION_TEXT = new RegExp(
  '^[+＋]?\\s*(?:写|去|立即|快速|添加|新增|新建|发起|再次|一键)?' +
    '(?:查看|详情|详细|编辑|修改|删除|跟进|回访|分配|转交|转派|转移|指派|作废|审核|审批|导出|打印|更多|恢复|处理|下载|预览|复制|禁用|启用|停用|锁定|解锁|提交|撤回|添加|新增|联系|拨打|呼叫|打电话|发短信|短信|留言|备注|邀约|预约|战败|申请|领取|释放|收藏|关注|置顶|标记|确认|取消|操作)' +
    '(?:客户|跟进|记录|详情|信息|资料|回访|线索|战败|一下)?\\s*[>›»…]*$' +
    '|^(?:view|edit|delete|remove|details?|open|more|update|copy|assign|follow[\\s-]*up|follow|transfer|void|cancel|call|sms|message|log|note|add note|reassign|archive|restore|print|export|actions?)(?:\\s+\\w+)?\\s*[>›»…]*$',
  'i',
);

/** Whether `text`, read whole (separators and icons aside), is an action's words. */
export function isActionText(text: string): boolean {
  const t = text
    .replace(/[|｜·•/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return !!t && ACTION_TEXT.test(t);
}

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
        // Separators between links ('|', '·') are no field.
        if (text && HAS_WORD.test(text)) out.push({ text, parent: el, block: blockOf(el, card), labelled });
      } else if (child.nodeType === 1) {
        const c = child as Element;
        if (SKIP.has(c.localName) || vis.isHidden(c)) continue;
        // Buttons and links that act (查看, 写跟进, an icon titled 删除) are never a field's value.
        if (c.matches(CONTROL) && isActionControl(c)) continue;
        walk(
          c,
          labelled ||
            c.localName === 'dt' ||
            c.localName === 'label' ||
            c.localName === 'th' ||
            LABEL_CLASS.test(c.getAttribute('class') ?? ''),
        );
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

/**
 * One record: its fields in order, keyed by label ('L:手机') or, for
 * unlabelled text, by position ('P:div.hd>a.name'). A field read from
 * "label：value" text keeps that text (`raw`): where its label is no label
 * of the list, it was part of the value before it ('备注：客户原话：…').
 */
interface CardRecord {
  fields: { key: string; header: string; value: string; raw?: string; el?: Element; first?: boolean }[];
  pairs: number;
}

function pathKey(el: Element, card: Element): string {
  const parts: string[] = [];
  // The first class names the part ('lv'); later ones are often modifiers ('lv-A', 'lv-C').
  for (let x: Element | null = el; x && x !== card; x = x.parentElement)
    parts.push(`${x.localName}.${(x.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? ''}`);
  return parts.reverse().join('>');
}

/** A control's words: its text, or for an icon-only control its title / aria-label. */
function isActionControl(control: Element): boolean {
  const text = collapseSpace(control.textContent ?? '');
  if (isActionText(text)) return true;
  const named =
    control.getAttribute('aria-label') ?? control.getAttribute('title') ?? control.getAttribute('value') ?? '';
  // An icon's ligature ('edit', 'delete') or glyph under a titled button is the button's, not data.
  return isActionText(named) && (!HAS_WORD.test(text) || /^[a-z_]+$/.test(text));
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
        if (isLabelToken(next)) break;
        const pair = !next.labelled && isInlinePair(next);
        if (block === null) {
          // The value sits with its label, or in the next sibling block (<dt>/<dd>); an
          // empty value must not take text from elsewhere in the card.
          const near =
            next.block === t.block ||
            t.block.contains(next.block) ||
            next.block.parentElement === t.block.parentElement;
          if (!near) break;
          // A value holding a colon ('客户原话：想要白色') beside its label, or in its <dd>, stays whole.
          const own =
            next.block === t.block ||
            t.block.contains(next.block) ||
            (t.block.localName === 'dt' && next.block.localName === 'dd');
          if (pair && !own) break;
          block = next.block;
        } else if (next.block !== block || pair) break;
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
          fields.push({ key: `L:${l}`, header: l, value: p[2]!, raw: segment });
          pairs++;
        } else if (fields.length) {
          fields[fields.length - 1]!.value += ` ${segment}`;
        }
      }
    } else {
      // Unlabelled text such as a card's title (the customer's name) is kept by its place in the card.
      const key = `P:${pathKey(t.parent, card)}`;
      const previous = fields[fields.length - 1];
      if (previous && previous.key === key) previous.value += ` ${t.text}`;
      else fields.push({ key, header: '', value: t.text, el: t.parent, first: fields.length === 0 });
    }
  }
  const keys = new Set(fields.map((f) => f.key));
  return keys.size === fields.length ? { fields, pairs } : null;
}

function signature(el: Element): string {
  const cls = (el.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((t) => t && !/\d/.test(t) && !/active|selected|current|odd|even|hover/i.test(t));
  return `${el.localName}.${cls.sort().join('.')}`;
}

/** The card's detail link: its title link or 查看 / 详情, before 编辑 or 删除. */
function firstLink(card: Element): Element | null {
  const links = Array.from(card.querySelectorAll('a[href]'));
  return (
    links.find((a) => DETAIL_TEXT.test(collapseSpace(a.textContent ?? '')) || !isActionControl(a)) ?? links[0] ?? null
  );
}

const DETAIL_TEXT = /查看|详情|详细|view|detail|open|打开/i;

/**
 * A "label：value" pair whose label no other card has was part of the text
 * before it: '备注：客户说 价格：太贵' is one note. Its words go back where
 * they were rather than into a column of one card (or nowhere).
 */
function joinStrayPairs(fields: CardRecord['fields'], common: (key: string) => boolean): CardRecord['fields'] {
  const out: CardRecord['fields'] = [];
  for (const f of fields) {
    const previous = out[out.length - 1];
    if (f.raw !== undefined && previous && !common(f.key))
      previous.value = previous.value ? `${previous.value} ${f.raw}` : f.raw;
    else out.push(f);
  }
  return out;
}

/** Attributes in which a page names a part it shows without a label. */
const NAMING_ATTRS = ['data-label', 'data-title', 'aria-label', 'title'];
const GRADE_VALUE = /^(?:[HABCODFMN]|[HABCODFM]\s*级|[HABCODFM]级客户)$/i;
const NAME_VALUE = /^[\p{Script=Han}A-Za-z·.\s]{1,20}$/u;
const NAME_HEADER = /^(?:姓名|客户|客户姓名|客户名称|名称|车主|联系人|name|customer)$/i;
const GRADE_HEADER = /级别|等级|grade|level/i;
/** A record number shown beside a card's title ('KH100001', 'C-2026-0815'), not a date. */
const CODE_VALUE = /^(?!\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[A-Za-z]{0,6}[-_]?\d{3,}[A-Za-z\d-]*$/;
const CODE_HEADER = /编号|客户号|档案号|客户代码|^id$|^no\.?$/i;

/**
 * The name of a column the cards show without a label, never a CSS class
 * (cust-name, lv): what the page calls it in an attribute (title, aria-label,
 * data-label), else what its values are when they say so plainly: grade
 * letters are 级别, distinct codes ('KH100001') are 编号, a name-like title
 * opening each card is 客户; else none (the preview numbers it).
 */
function unlabelledHeader(records: CardRecord[], key: string, c: number, rows: RawRow[], headers: string[]): string {
  const sample = records.flatMap((r) => r.fields.filter((f) => f.key === key));
  for (const f of sample.slice(0, 5)) {
    // The text's own element or its wrapper ('<span class="lv" title="意向级别">A</span>').
    for (const x of [f.el, f.el?.parentElement]) {
      for (const attr of NAMING_ATTRS) {
        const name = collapseSpace(x?.getAttribute(attr) ?? '').replace(/\s*[：:]$/, '');
        // A title repeating the text it shows (an ellipsis) names nothing.
        if (
          name &&
          name.length <= MAX_LABEL &&
          HAS_WORD.test(name) &&
          !f.value.startsWith(name) &&
          !name.startsWith(f.value) &&
          !isActionText(name) &&
          !headers.includes(name)
        )
          return name;
      }
    }
  }
  const values = rows.map((r) => r.texts[c] ?? '').filter((v) => v);
  if (!values.length) return '';
  const share = (test: (v: string) => boolean): number => values.filter(test).length / values.length;
  if (share((v) => GRADE_VALUE.test(v)) >= 0.8 && !headers.some((h) => GRADE_HEADER.test(h))) return '级别';
  if (
    share((v) => CODE_VALUE.test(v)) >= 0.8 &&
    new Set(values).size === values.length &&
    !headers.some((h) => CODE_HEADER.test(h))
  )
    return '编号';
  const opens = sample.filter((f) => f.first).length >= sample.length * 0.8;
  if (opens && share((v) => NAME_VALUE.test(v)) >= 0.8 && !headers.some((h) => NAME_HEADER.test(h))) return '客户';
  return '';
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
  for (const record of records) record.fields = joinStrayPairs(record.fields, common);
  const order = columnOrder(records, common);
  if (order.filter((k) => k.startsWith('L:')).length < MIN_PAIRS) return null;
  const rows: RawRow[] = records.map((record, r) => {
    const values = new Map(record.fields.map((f) => [f.key, f.value]));
    // One link cell per record keeps its detail URL reachable as the row link.
    return {
      cells: order.map((_, c) => (c === 0 ? firstLink(kept[r]!) : null)),
      texts: order.map((k) => values.get(k) ?? ''),
    };
  });
  const headers = order.map((k) => headerOf.get(k) ?? '');
  order.forEach((key, c) => {
    if (key.startsWith('P:')) headers[c] = unlabelledHeader(records, key, c, rows, headers);
  });
  const raw: RawTable = {
    kind: 'cards',
    element: parent,
    headers,
    headerCells: order.map(() => null),
    rows,
    hasHeader: true,
  };
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
