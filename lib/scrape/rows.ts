// Rows and columns that are not customers, shared by page capture and file
// import so both drop the same ones: summary rows (合计 / 小计 / 总计 …, per
// group or for the page) and row-number columns (序号 …). See docs/capture.md.

/** Words of a summary row's label cell. */
const SUMMARY_WORD_ZH =
  '(?:本页|本组|当页|全部|全体|累计|分组)?(?:合\\s*计|小\\s*计|总\\s*计|共\\s*计|累\\s*计|汇\\s*总|总\\s*和|总\\s*数|平\\s*均(?:值|数)?|均\\s*值)';
const SUMMARY_WORD_EN = '(?:page\\s*|grand\\s*|sub[\\s-]*)?totals?|sum|average|avg|summary';
/** A group's name before the word: two or more characters, or any followed by a space (a customer 王小计 is not 王 小计). */
const GROUP_NAME = '(?:[^\\d：:\\s]{2,12}|[^\\d：:]{1,12}\\s)\\s*';
const AFTER_WORD = '(?=$|[\\s:：(（\\d¥￥$])';

/**
 * A label cell of a summary row: the word alone or before a figure
 * ('合计', '小计：3 人', 'Total (25)'), the word after a group's name
 * ('王顾问 小计', '王顾问小计'), or a count line ('共 25 条').
 */
const SUMMARY_CELL = new RegExp(
  `^(?:${GROUP_NAME})?(?:${SUMMARY_WORD_ZH})${AFTER_WORD}|^(?:[^\\d：:]{0,12}\\s)?(?:${SUMMARY_WORD_EN})${AFTER_WORD}|^共\\s*[\\d,]+\\s*(?:条|项|人|位|名|行|笔|个|辆|台)`,
  'i',
);

/** A figure, money or a count: what a summary row holds besides its label (not a mobile or an ID number). */
const FIGURE =
  /^[-+]?[¥￥$]?\s*(?:\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.\d+)?\s*(?:%|元|万|万元|人|位|名|个|辆|台|条|笔|次|km|公里)?$/i;

/** How many filled cells from the left may hold the summary label (a group's name may come first). */
const LABEL_CELLS = 3;

/**
 * Whether a row is a summary row, from its own cells' texts (the copies a
 * rowspan carries down from rows above are not its own: callers leave them
 * out) and, where the page gives them, the cells' column spans.
 * A summary label among the first filled cells makes a summary row; so does
 * a row whose only words sit in one cell spanning columns, beside figures.
 */
export function isSummaryRow(texts: readonly string[], spans?: readonly number[]): boolean {
  let seen = 0;
  let firstSpan = 0;
  let words = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!.trim();
    if (!text) continue;
    if (seen < LABEL_CELLS && text.length <= 30 && SUMMARY_CELL.test(text)) return true;
    if (seen === 0) firstSpan = spans?.[i] ?? 1;
    seen++;
    if (!FIGURE.test(text)) words++;
  }
  return seen > 0 && firstSpan >= 2 && words === 1;
}

/** Headers of a row-number column: never a customer's own number (客户编号 is data). */
const ROW_NUMBER_HEADER = /^(?:序\s*号|序|行\s*号|顺序号|no\.?|nº|#|№|s\/n)$/i;
/** Headers that are a row number only when the column counts 1, 2, 3 …. */
const MAYBE_ROW_NUMBER_HEADER = /^(?:编\s*号|number|num\.?|index|idx)$/i;

/**
 * Whether the values count up by one from 1 (or from 11, 21 …, where a later
 * page continues the count); blanks are not allowed.
 */
export function isCounting(values: readonly string[]): boolean {
  if (values.length < 2) return false;
  let previous = NaN;
  for (let i = 0; i < values.length; i++) {
    const text = values[i]!.trim();
    const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(n)) return false;
    if (i === 0 ? (n - 1) % 10 !== 0 : n !== previous + 1) return false;
    previous = n;
  }
  return true;
}

/** Whether a column is a row-number column: 序号 / No. / # whatever it holds, 编号 or no header when it counts 1..n. */
export function isRowNumberColumn(header: string, values: () => readonly string[]): boolean {
  const name = header.trim();
  if (ROW_NUMBER_HEADER.test(name)) return true;
  if (name && !MAYBE_ROW_NUMBER_HEADER.test(name)) return false;
  return isCounting(values());
}
