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
    expect(cards.rowLinks).toEqual([
      'https://m.dealer.example/customer/1001',
      'https://m.dealer.example/customer/1002',
      'https://m.dealer.example/customer/1003',
    ]);
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
    const doc = parse(
      `<body><div id="l">${item('张伟', '138')}${item('李娜', '139')}${item('王芳', '137')}</div></body>`,
    );
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
    // Named by what they hold, never by their CSS classes (cust-name, lv).
    expect(t!.headers).toEqual(['客户', '级别', '手机', '车型']);
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
    const doc = parse(
      `<body><table class="layout"><tr><td><a href="/m">菜单</a></td><td><div id="cards">${item('张伟')}${item('李娜')}${item('王芳')}</div></td></tr></table></body>`,
    );
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
    const item = (n: string) =>
      `<div class="c"><span>姓名：</span><span>${n}</span><span>手机：</span><span>138</span></div>`;
    expect(findTables(parse(`<body><div>${item('张伟')}${item('李娜')}</div></body>`))).toEqual([]);
  });

  it('does not take a search form of labelled inputs for a card list', () => {
    const field = (l: string) => `<div class="form-item"><label>${l}：</label><input type="text"></div>`;
    expect(
      findTables(parse(`<body><form>${field('姓名')}${field('手机')}${field('车牌')}${field('顾问')}</form></body>`)),
    ).toEqual([]);
  });

  it('ranks a real table above a card list of the same size', () => {
    const item = (n: string) => `<div class="c"><p>姓名：${n}</p><p>级别：A</p></div>`;
    const rows = ['张伟', '李娜', '王芳'].map((n) => `<tr><td>${n}</td><td>A</td></tr>`).join('');
    const doc = parse(
      `<body><div id="cards">${item('张伟')}${item('李娜')}${item('王芳')}</div><table id="t"><tr><th>姓名</th><th>级别</th></tr>${rows}</table></body>`,
    );
    expect(findTables(doc).map((c) => c.element.id)).toEqual(['t', 'cards']);
  });
});

describe('card lists: actions, values holding a colon, column names', () => {
  it('a portal card list: actions are no data, the note keeps its colon, columns are named by labels and values, not classes', () => {
    const [t] = findTables(handFixture('cards-actions.html'));
    expect(t!.kind).toBe('cards');
    expect(t!.headers).toEqual(['客户', '级别', '手机', '意向车型', '备注']);
    expect(t!.rows).toEqual([
      ['张伟', 'H', '13812345678', '帕萨特', '客户原话：想要白色'],
      ['李娜', 'A', '13987654321', '迈腾', ''],
      ['王芳', 'B', '13700001111', '途观L', ''],
      ['赵磊', 'C', '13600002222', '帕萨特', '周末到店'],
    ]);
    expect(t!.rowLinks[0]).toBe('http://192.168.1.20:8080/dms/crm/customer_view.do?custid=1');
  });

  it('<dl> cards: a <dd> holding a colon stays whole, an actions <dd> is no field', () => {
    const card = (n: string, p: string, note: string) =>
      `<dl class="c"><dt>姓名</dt><dd>${n}</dd><dt>手机</dt><dd>${p}</dd><dt>备注</dt><dd>${note}</dd><dd class="ops"><a href="#">编辑</a><a href="#">跟进</a><a href="#">删除</a></dd></dl>`;
    const doc = parse(
      `<body><div id="l">${card('张伟', '13812345678', '客户原话：想要白色')}${card('李娜', '13987654321', '')}${card('王芳', '13700001111', '预算：20万')}</div></body>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['姓名', '手机', '备注']);
    expect(t!.rows).toEqual([
      ['张伟', '13812345678', '客户原话：想要白色'],
      ['李娜', '13987654321', ''],
      ['王芳', '13700001111', '预算：20万'],
    ]);
  });

  it('"label：value" text lines: a value holding a colon stays whole (full- or half-width), action links are dropped', () => {
    const li = (n: string, p: string, note: string) =>
      `<li><p>姓名：${n}\u3000手机：${p}</p><p>备注：${note}</p><p><a href="/c/1">查看</a> <a href="javascript:;">写跟进</a> <a href="javascript:;">分配</a> <a href="javascript:;">转交</a> <a href="javascript:;">作废</a></p></li>`;
    const doc = parse(
      `<body><ul id="l">${li('张伟', '13812345678', '客户说 价格：太贵')}${li('李娜', '13987654321', '下午3:30到店')}${li('王芳', '13700001111', '无')}</ul></body>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['姓名', '手机', '备注']);
    expect(t!.rows.map((r) => r[2])).toEqual(['客户说 价格：太贵', '下午3:30到店', '无']);
  });

  it('div label/value pairs with English action buttons and icon-only buttons: no spurious column', () => {
    const card = (n: string, p: string) =>
      `<div class="item"><div class="field"><label>Name</label><span>${n}</span></div><div class="field"><label>Mobile</label><span>${p}</span></div>` +
      `<div class="actions"><button>View</button><button>Edit</button><button aria-label="Delete"><svg></svg><span class="material-icons">delete</span></button><a role="button" title="查看详情"><i class="fa fa-eye"></i></a></div></div>`;
    const doc = parse(
      `<body><div id="l">${card('Zhang Wei', '13812345678')}${card('Li Na', '13987654321')}${card('Wang Fang', '13700001111')}</div></body>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['Name', 'Mobile']);
    expect(t!.rows[2]).toEqual(['Wang Fang', '13700001111']);
  });

  it('names an unlabelled record number 编号 by its values, and not a column of dates', () => {
    const card = (no: string, date: string) =>
      `<div class="c"><div class="hd"><a href="/c/${no}">张伟</a><span class="cust-no">${no}</span><span class="t">${date}</span></div><p>手机号码：138</p><p>车型：迈腾</p></div>`;
    const doc = parse(
      `<body><div id="l">${card('KH100001', '2026-11-20')}${card('KH100002', '2026-11-21')}${card('KH100003', '2026-11-22')}</div></body>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['客户', '编号', '列3', '手机号码', '车型']);
  });

  it('names an unlabelled part by its title attribute, and keeps a link whose text is data', () => {
    const card = (n: string, s: string) =>
      `<div class="c"><a href="/c/${n}">${n}</a><span class="st" title="跟进状态">${s}</span><p>手机：138</p><p>车型：迈腾</p></div>`;
    const doc = parse(
      `<body><div id="l">${card('张伟', '跟进中')}${card('李娜', '已到店')}${card('王芳', '跟进中')}</div></body>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['客户', '跟进状态', '手机', '车型']);
    expect(t!.rows[0]).toEqual(['张伟', '跟进中', '138', '迈腾']);
  });
});
