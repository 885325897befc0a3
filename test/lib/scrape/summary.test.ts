/** @vitest-environment happy-dom */
// Summary rows (合计 / 小计 / 总计 … of every name) are not customers: skipped
// without a trace in the rows, never shifting a column. Row-number columns
// (序号 and kin) are not data either. One rule for pages and files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { isRowNumberColumn, isSummaryRow } from '../../../lib/scrape/rows';
import { checkCapture } from '../../../lib/capture/check';
import { suggestMapping } from '../../../lib/mapping';
import { parse } from './helpers';

const HEAD = '<tr><th>销售顾问</th><th>姓名</th><th>手机</th><th>意向级别</th><th>最近联系</th></tr>';
const customer = (name: string, phone: string, grade: string, date: string) =>
  `<td>${name}</td><td>${phone}</td><td>${grade}</td><td>${date}</td>`;
const EXPECTED = [
  ['王芳', '张伟', '13812345678', 'H', '2026-11-20'],
  ['王芳', '李娜', '13987654321', 'A', '2026-11-18'],
  ['刘洋', '赵磊', '13700001111', 'B', '2026-11-02'],
];

function best(html: string) {
  const [t] = findTables(parse(`<body>${html}</body>`));
  return t!;
}

describe('summary rows', () => {
  it('a report grouped by 销售顾问: the group cell spans its customers and the 小计 row, a 总计 row closes it', () => {
    const t = best(
      `<table><thead>${HEAD}</thead><tbody>` +
        `<tr><td rowspan="3">王芳</td>${customer('张伟', '13812345678', 'H', '2026-11-20')}</tr>` +
        `<tr>${customer('李娜', '13987654321', 'A', '2026-11-18')}</tr>` +
        '<tr class="subtotal"><td>小计</td><td colspan="2">2 位客户</td><td></td></tr>' +
        `<tr><td rowspan="2">刘洋</td>${customer('赵磊', '13700001111', 'B', '2026-11-02')}</tr>` +
        '<tr class="subtotal"><td>小计</td><td colspan="2">1 位客户</td><td></td></tr>' +
        '<tr class="total"><td colspan="2">总计</td><td colspan="2">3 位客户</td><td></td></tr>' +
        '</tbody></table>',
    );
    expect(t.headers).toEqual(['销售顾问', '姓名', '手机', '意向级别', '最近联系']);
    expect(t.rows).toEqual(EXPECTED);
  });

  it('the grouped report captures 3 customers and refuses none', () => {
    const t = best(
      `<table><thead>${HEAD}</thead><tbody>` +
        `<tr><td rowspan="3">王芳</td>${customer('张伟', '13812345678', 'H', '2026-11-20')}</tr>` +
        `<tr>${customer('李娜', '13987654321', 'A', '2026-11-18')}</tr>` +
        '<tr><td>小计</td><td colspan="2">2 位客户</td><td></td></tr>' +
        `<tr><td rowspan="2">刘洋</td>${customer('赵磊', '13700001111', 'B', '2026-11-02')}</tr>` +
        '<tr><td>小计</td><td colspan="2">1 位客户</td><td></td></tr>' +
        '<tr><td colspan="2">总计</td><td colspan="2">3 位客户</td><td></td></tr></tbody></table>',
    );
    const staged = {
      pageUrl: 'https://dms.example/report',
      pageTitle: '',
      frame: null,
      headers: t.headers,
      rows: t.rows,
      rowLinks: t.rowLinks,
    };
    const check = checkCapture(staged, suggestMapping(t.headers, t.rows));
    expect(check.unidentified).toEqual([]);
    expect(check.customers).toBe(3);
    expect(check.failures).toEqual([]);
  });

  it('the pinned 合计 row of an ARIA grid (AG Grid pinnedBottomRowData) is not a customer', () => {
    const row = (i: string, cells: string[]) =>
      `<div role="row" row-index="${i}">${cells.map((c, k) => `<div role="gridcell" aria-colindex="${k + 1}">${c}</div>`).join('')}</div>`;
    const doc = parse(
      '<body><div role="grid" aria-colcount="3"><div role="rowgroup">' +
        '<div role="row"><div role="columnheader" aria-colindex="1">姓名</div><div role="columnheader" aria-colindex="2">手机</div><div role="columnheader" aria-colindex="3">级别</div></div></div>' +
        `<div role="rowgroup">${row('0', ['张伟', '13812345678', 'H'])}${row('1', ['李娜', '13987654321', 'A'])}${row('2', ['赵磊', '13700001111', 'B'])}</div>` +
        `<div role="rowgroup" class="ag-floating-bottom">${row('b-0', ['合计', '', '3'])}</div></div></body>`,
    );
    const [t] = findTables(doc);
    expect(t!.rows.map((r) => r[0])).toEqual(['张伟', '李娜', '赵磊']);
  });

  it('a summary row naming its group ("王芳 小计", "王芳小计") and summary rows in English', () => {
    for (const [sub, total] of [
      ['<td>王芳</td><td>小计</td>', '<td>总计</td><td></td>'],
      ['<td colspan="2">王芳小计</td>', '<td colspan="2">本页合计</td>'],
      ['<td colspan="2">王芳 合计：</td>', '<td colspan="2">累计</td>'],
      ['<td>Subtotal</td><td></td>', '<td>Grand Total</td><td></td>'],
      ['<td></td><td>共计 2 人</td>', '<td></td><td>汇总</td>'],
      ['<td>平均</td><td></td>', '<td>Total:</td><td></td>'],
    ]) {
      const t = best(
        `<table><thead>${HEAD}</thead><tbody>` +
          `<tr><td>王芳</td>${customer('张伟', '13812345678', 'H', '2026-11-20')}</tr>` +
          `<tr><td>王芳</td>${customer('李娜', '13987654321', 'A', '2026-11-18')}</tr>` +
          `<tr>${sub}<td></td><td>2</td><td></td></tr>` +
          `<tr><td>刘洋</td>${customer('赵磊', '13700001111', 'B', '2026-11-02')}</tr>` +
          `<tr>${total}<td></td><td>3</td><td></td></tr>` +
          '</tbody></table>',
      );
      expect(t.rows, sub).toEqual(EXPECTED);
    }
  });

  it('a row whose only words are one merged cell (beside figures) is a summary', () => {
    const t = best(
      `<table><thead>${HEAD}</thead><tbody>` +
        `<tr><td>王芳</td>${customer('张伟', '13812345678', 'H', '2026-11-20')}</tr>` +
        `<tr><td>王芳</td>${customer('李娜', '13987654321', 'A', '2026-11-18')}</tr>` +
        '<tr><td colspan="2">王芳组</td><td></td><td>2</td><td></td></tr>' +
        `<tr><td>刘洋</td>${customer('赵磊', '13700001111', 'B', '2026-11-02')}</tr>` +
        '</tbody></table>',
    );
    expect(t.rows).toEqual(EXPECTED);
  });

  it('keeps a list whose rows all open with a merged cell, and customers whose names hold 计', () => {
    const row = (n: string, p: string) => `<tr><td colspan="2">${n}</td><td>${p}</td></tr>`;
    const t = best(
      `<table><thead><tr><th colspan="2">姓名</th><th>手机</th></tr></thead><tbody>${row('张伟', '13812345678')}${row('王小计', '13987654321')}${row('孙合', '13700001111')}</tbody></table>`,
    );
    expect(t.rows.map((r) => r[0])).toEqual(['张伟', '王小计', '孙合']);
  });

  it('split panes (EasyUI frozen columns) stay aligned when only one pane shows the 小计 label', () => {
    const load = () =>
      new DOMParser().parseFromString(
        readFileSync(join(__dirname, '../../fixtures/scrape/easyui-frozen.html'), 'utf8'),
        'text/html',
      );
    const [plain] = findTables(load());
    const doc = load();
    // A grouped report's subtotal after the second customer: the frozen pane holds the label, the scrolling pane a count.
    const frozen = doc.querySelector('#datagrid-row-r1-1-1')!;
    const scrolling = doc.querySelector('#datagrid-row-r1-2-1')!;
    const sub1 = frozen.cloneNode(true) as Element;
    sub1.removeAttribute('datagrid-row-index');
    sub1
      .querySelectorAll('td')
      .forEach((td, i) => (td.innerHTML = i === 2 ? '<div class="datagrid-cell">小计</div>' : ''));
    const sub2 = scrolling.cloneNode(true) as Element;
    sub2.removeAttribute('datagrid-row-index');
    sub2
      .querySelectorAll('td')
      .forEach((td, i) => (td.innerHTML = i === 1 ? '<div class="datagrid-cell">2</div>' : ''));
    frozen.after(sub1);
    scrolling.after(sub2);
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(plain!.headers);
    expect(t!.rows).toEqual(plain!.rows);
    expect(t!.rows[2]!.slice(0, 2)).toEqual(['王磊', '13534567812']);
  });
});

describe('the summary rule itself (shared by page capture and file import)', () => {
  it('knows the summary words of every name, before a figure or after a group name', () => {
    for (const row of [
      ['合计'],
      ['小计', '3'],
      ['总计：', '5'],
      ['本页合计'],
      ['累计'],
      ['共计 25 人'],
      ['汇总'],
      ['平均', '12.5'],
      ['Total', '3'],
      ['Subtotal: 3'],
      ['Grand total'],
      ['Page total'],
      ['王芳', '小计'],
      ['王芳小计'],
      ['王 小计'],
      ['共 25 条'],
      ['', '', '合 计'],
    ]) {
      expect(isSummaryRow(row), row.join('|')).toBe(true);
    }
  });

  it('never takes a customer for a summary', () => {
    for (const row of [
      ['张伟', '13812345678', 'A'],
      ['王小计', '13812345678'],
      ['孙合', '13700001111'],
      ['Summer', '13800138000'],
      ['累计消费', '12'],
      ['Totalcare 保养套餐'],
      ['平均分高', 'A'],
    ]) {
      expect(isSummaryRow(row), row.join('|')).toBe(false);
    }
    // A merged cell beside a mobile number is a customer's, not a summary.
    expect(isSummaryRow(['张伟', '13812345678'], [2, 1])).toBe(false);
    expect(isSummaryRow(['王芳组', '2'], [2, 1])).toBe(true);
  });
});

describe('row-number columns', () => {
  const table = (header: string, values: string[]) =>
    best(
      `<table><thead><tr><th>${header}</th><th>姓名</th><th>手机</th></tr></thead><tbody>${values.map((v, i) => `<tr><td>${v}</td><td>客户${i}</td><td>1381234567${i}</td></tr>`).join('')}</tbody></table>`,
    );

  it('drops 序号, No., # and 行号 columns on a page, on a later page too', () => {
    for (const header of ['序号', '序 号', 'No.', 'NO', '#', '行号']) {
      expect(table(header, ['1', '2', '3']).headers, header).toEqual(['姓名', '手机']);
      expect(table(header, ['21', '22', '23']).headers, header).toEqual(['姓名', '手机']);
    }
  });

  it('drops 编号 only when it counts 1..n, and never a customer number', () => {
    expect(table('编号', ['1', '2', '3']).headers).toEqual(['姓名', '手机']);
    expect(table('编号', ['KH1001', 'KH1002', 'KH1003']).headers).toEqual(['编号', '姓名', '手机']);
    expect(table('编号', ['1001', '1007', '1010']).headers).toEqual(['编号', '姓名', '手机']);
    expect(table('客户编号', ['1', '2', '3']).headers).toEqual(['客户编号', '姓名', '手机']);
    expect(table('客户ID', ['1', '2', '3']).headers).toEqual(['客户ID', '姓名', '手机']);
  });

  it('is one rule for files and pages', () => {
    expect(isRowNumberColumn('序号', () => ['5', '9'])).toBe(true);
    expect(isRowNumberColumn('编号', () => ['1', '2', '3'])).toBe(true);
    expect(isRowNumberColumn('编号', () => ['3', '1', '2'])).toBe(false);
    expect(isRowNumberColumn('', () => ['11', '12'])).toBe(true);
    expect(isRowNumberColumn('客户编号', () => ['1', '2', '3'])).toBe(false);
  });
});
