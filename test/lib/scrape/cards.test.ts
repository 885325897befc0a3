/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { handFixture, parse } from './helpers';

describe('repeated card lists with no table', () => {
  const found = findTables(handFixture('cards.html'));
  const byClass = (cls: string) => found.find((c) => c.element.getAttribute('class') === cls);

  it('finds cards with label elements, headers from the labels, one row per card', () => {
    const cards = byClass('card-list')!;
    expect(cards.kind).toBe('cards');
    expect(cards.headers).toEqual(['姓名', '手机', '意向车型']);
    expect(cards.rows).toEqual([
      ['张伟', '138 1234 5678', '帕萨特'],
      ['李娜', '139 8765 4321', '迈腾'],
      ['王芳', '137 0000 1111', ''],
    ]);
    expect(cards.rowLinks).toEqual(['https://m.dealer.example/customer/1001', 'https://m.dealer.example/customer/1002', 'https://m.dealer.example/customer/1003']);
  });

  it('finds cards of plain "label：value" text', () => {
    const owners = byClass('owners')!;
    expect(owners.headers).toEqual(['车主', '车牌', '里程']);
    expect(owners.rows).toHaveLength(4);
    expect(owners.rows[3]).toEqual(['孙强', '粤L·D3456', '51,000 km']);
    expect(owners.rowLinks).toEqual([null, null, null, null]);
  });

  it('ignores similar siblings without label/value pairs, such as a menu', () => {
    expect(byClass('nav')).toBeUndefined();
    expect(found).toHaveLength(2);
  });

  it('reads <dt>/<dd> pairs', () => {
    const item = (n: string, p: string) => `<dl class="c"><dt>姓名</dt><dd>${n}</dd><dt>手机</dt><dd>${p}</dd></dl>`;
    const doc = parse(`<body><div id="l">${item('张伟', '138')}${item('李娜', '139')}${item('王芳', '137')}</div></body>`);
    const [t] = findTables(doc);
    expect(t!.element.id).toBe('l');
    expect(t!.rows).toEqual([
      ['张伟', '138'],
      ['李娜', '139'],
      ['王芳', '137'],
    ]);
  });

  it('keeps unlabelled parts of a card, such as its title, as columns by their place in the card', () => {
    const card = (id: number, name: string, grade: string | null, phone: string) =>
      `<div class="cust-card"><div class="hd"><a class="cust-name" href="/c/${id}">${name}</a>${grade ? `<span class="lv lv-${grade}">${grade}</span>` : ''}</div>` +
      `<div class="bd"><p><span class="k">手机：</span><span>${phone}</span></p><p><span class="k">车型：</span><span>迈腾</span></p></div>` +
      `<div class="ft"><a href="/c/${id}/edit">编辑</a></div></div>`;
    const doc = parse(
      '<html><head><base href="https://dms.example/"></head><body>' +
        `<div id="l">${card(1, '张伟', 'A', '138')}${card(2, '李娜', null, '139')}${card(3, '王芳', 'H', '137')}</div>` +
        '<div class="pager">共 120 条 上一页 1 2 3 下一页</div></body></html>',
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['cust-name', 'lv', '手机', '车型']);
    expect(t!.rows).toEqual([
      ['张伟', 'A', '138', '迈腾'],
      ['李娜', '', '139', '迈腾'],
      ['王芳', 'H', '137', '迈腾'],
    ]);
    expect(t!.rowLinks[1]).toBe('https://dms.example/c/2');
    expect(t!.totalRowsHint).toBe(120);
  });

  it('finds a card list inside a legacy layout table', () => {
    const item = (n: string) => `<div class="c"><p>姓名：${n}</p><p>级别：A</p></div>`;
    const doc = parse(`<body><table class="layout"><tr><td><a href="/m">菜单</a></td><td><div id="cards">${item('张伟')}${item('李娜')}${item('王芳')}</div></td></tr></table></body>`);
    expect(findTables(doc).map((c) => c.element.id)).toEqual(['cards']);
  });

  it('splits one text holding several "label：value" pairs', () => {
    const doc = parse(
      '<body><ul id="l"><li>姓名：张伟　手机：13812345678 级别：H</li><li>姓名：李娜　手机：13987654321 级别：A</li><li>姓名：王芳　手机：13700001111 级别：B</li></ul></body>',
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['姓名', '手机', '级别']);
    expect(t!.rows[1]).toEqual(['李娜', '13987654321', 'A']);
  });

  it('needs at least three similar records', () => {
    const item = (n: string) => `<div class="c"><span>姓名：</span><span>${n}</span><span>手机：</span><span>138</span></div>`;
    expect(findTables(parse(`<body><div>${item('张伟')}${item('李娜')}</div></body>`))).toEqual([]);
  });

  it('does not take a search form of labelled inputs for a card list', () => {
    const field = (l: string) => `<div class="form-item"><label>${l}：</label><input type="text"></div>`;
    expect(findTables(parse(`<body><form>${field('姓名')}${field('手机')}${field('车牌')}${field('顾问')}</form></body>`))).toEqual([]);
  });

  it('ranks a real table above a card list of the same size', () => {
    const item = (n: string) => `<div class="c"><p>姓名：${n}</p><p>级别：A</p></div>`;
    const rows = ['张伟', '李娜', '王芳'].map((n) => `<tr><td>${n}</td><td>A</td></tr>`).join('');
    const doc = parse(`<body><div id="cards">${item('张伟')}${item('李娜')}${item('王芳')}</div><table id="t"><tr><th>姓名</th><th>级别</th></tr>${rows}</table></body>`);
    expect(findTables(doc).map((c) => c.element.id)).toEqual(['t', 'cards']);
  });
});
