/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { handFixture, parse } from './helpers';

describe('a legacy portal page (layout table, search form, KPI summary, list, pager)', () => {
  const doc = handFixture('legacy-portal.html');
  const candidates = findTables(doc);
  const list = candidates[0]!;

  it('ranks the customer list first', () => {
    expect(list.kind).toBe('table');
    expect(list.element.getAttribute('class')).toBe('list');
    expect(list.id).toBe('c0');
    expect(list.frame).toBeNull();
  });

  it('ranks the KPI summary and the search form after the list, and leaves out the layout table, the menu and the pager', () => {
    const classes = candidates.map((c) => c.element.getAttribute('class'));
    expect(classes).not.toContain('layout');
    expect(classes).not.toContain('pager');
    expect(candidates.every((c) => c.element.closest('td.menu') === null)).toBe(true);
    expect(candidates.slice(1).every((c) => c.score < list.score / 5)).toBe(true);
    expect(candidates.map((c) => c.id)).toEqual(candidates.map((_, i) => `c${i}`));
  });

  it('drops the checkbox, hidden and 操作 columns, and ignores sort icons and screen-reader text in headers', () => {
    expect(list.headers).toEqual(['客户编号', '客户姓名', '手机号码', '意向级别', '意向车型', '最近联系']);
  });

  it('reads rows as displayed: whitespace collapsed, hidden tips ignored, truncated cells from their title, markup as text', () => {
    expect(list.rows).toEqual([
      ['KH1001', '张伟', '138 1234 5678', 'H', '帕萨特 2026款 380TSI 豪华版', '2026-11-20'],
      ['KH1002', '李娜', '139 8765 4321', 'A', '迈腾 2026款 330TSI 领先型', '2026/11/18'],
      ['KH1003', '王 芳', '137 0000 1111', 'B', '途观L', '2026年11月1日'],
      ['KH1004', '<script>alert(1)</script>', '136 2222 3333', 'C', '朗逸 新锐', '20261025'],
    ]);
  });

  it('keeps the detail link of the 操作 column as the row link, resolved against the page, skipping javascript: links', () => {
    expect(list.rowLinks).toEqual([
      'http://dms.example/crm/detail.do?id=1001',
      'http://dms.example/crm/edit.do?id=1002',
      'http://dms.example/crm/detail.do?id=1003',
      'http://dms.example/crm/detail.do?id=1004',
    ]);
  });

  it('excludes the 合计 footer and reports the total the pager shows (共 2000 条)', () => {
    expect(list.rows.some((r) => r.join('').includes('合计'))).toBe(false);
    expect(list.totalRowsHint).toBe(2000);
  });
});

describe('header given in the body', () => {
  const doc = handFixture('first-row-header.html');
  const byId = (id: string) => findTables(doc).find((c) => c.element.id === id)!;

  it('takes a first body row of <td><b> as the header, below a caption row, and drops the pager row', () => {
    const t = byId('bold');
    expect(t.headers).toEqual(['车主姓名', '联系电话', '车牌号', '最后进厂日期']);
    expect(t.rows).toEqual([
      ['陈静', '13600001111', '粤L·A1234', '2026-05-01'],
      ['刘洋', '13600002222', '粤L·B5678', '2026-04-12'],
      ['赵磊', '13600003333', '粤L·C9012', '2025-12-30'],
    ]);
    expect(t.rowLinks).toEqual([null, null, null]);
  });

  it('takes a first row styled apart from the rows below as the header', () => {
    const t = byId('styled');
    expect(t.headers).toEqual(['姓名', '战败原因', '竞品']);
    expect(t.rows).toHaveLength(3);
    expect(t.rows[2]).toEqual(['吴刚', '贷款未批', '']);
  });
});

describe('group headers and spans', () => {
  const [t] = findTables(handFixture('group-headers.html'));

  it('uses leaf headers, prefixed by their group only where a leaf repeats', () => {
    expect(t!.headers).toEqual(['销售顾问', '姓名', '车型', '购车信息-日期', '保养信息-日期', '里程', '备注']);
  });

  it('repeats a rowspan or colspan value into every cell it covers', () => {
    expect(t!.rows).toEqual([
      ['王芳', '张伟', '帕萨特', '2025-03-05', '2026-03-01', '12,345 km', '首保已做'],
      ['王芳', '李娜', '迈腾', '2025-06-10', '未进站', '未进站', ''],
      ['赵六', '陈静', '途观L', '2024-01-20', '2026-02-11', '35,000 km', '三包期内'],
    ]);
  });
});

describe('bad input', () => {
  it('finds nothing on a page with no table', () => {
    expect(findTables(parse('<body><h1>欢迎</h1><p>请从左侧菜单选择功能。</p></body>'))).toEqual([]);
  });

  it('finds nothing in an empty table', () => {
    expect(
      findTables(parse('<body><table><tbody></tbody></table><table><tr><td></td><td></td></tr></table></body>')),
    ).toEqual([]);
  });

  it('offers a headers-only table with its headers and no rows, below any table with rows', () => {
    const doc = parse(
      '<body><table id="empty"><thead><tr><th>姓名</th><th>手机</th></tr></thead><tbody><tr><td colspan="2">暂无数据</td></tr></tbody></table>' +
        '<table id="full"><tr><th>车牌</th><th>车型</th></tr><tr><td>粤L·1</td><td>帕萨特</td></tr><tr><td>粤L·2</td><td>迈腾</td></tr></table></body>',
    );
    const found = findTables(doc);
    expect(found.map((c) => c.element.id)).toEqual(['full', 'empty']);
    expect(found[1]!.headers).toEqual(['姓名', '手机']);
    expect(found[1]!.rows).toEqual([]);
    expect(found[1]!.rowLinks).toEqual([]);
  });

  it('leaves out a pager laid out as a table of its own, one link per cell', () => {
    const doc = parse(
      `<body>${'<table id="list"><tr><th>姓名</th><th>手机</th></tr><tr><td>张伟</td><td>138</td></tr><tr><td>李娜</td><td>139</td></tr></table>'}` +
        '<table id="pager"><tr><td>首页</td><td>上一页</td><td><a href="?p=1">1</a></td><td><a href="?p=2">2</a></td><td><a href="?p=3">3</a></td><td>…</td><td>下一页</td><td>尾页</td></tr></table></body>',
    );
    expect(findTables(doc).map((c) => c.element.id)).toEqual(['list']);
  });

  it('makes duplicate header names unique and names empty headers by position', () => {
    const doc = parse(
      '<body><table><thead><tr><th>电话</th><th>电话</th><th>电话</th><th></th></tr></thead>' +
        '<tbody><tr><td>138</td><td>0752-1</td><td>139</td><td>甲</td></tr><tr><td>137</td><td>0752-2</td><td>136</td><td>乙</td></tr></tbody></table></body>',
    );
    expect(findTables(doc)[0]!.headers).toEqual(['电话', '电话 (2)', '电话 (3)', '列4']);
  });

  it('returns cell HTML and script as plain text, never as markup', () => {
    const doc = parse(
      '<body><table><tr><th>姓名</th><th>备注</th></tr><tr><td>&lt;b&gt;张伟&lt;/b&gt;</td><td>a<script>document.title="x"</script>b</td></tr>' +
        '<tr><td>李娜</td><td>&lt;img src=x onerror=alert(1)&gt;</td></tr></table></body>',
    );
    expect(findTables(doc)[0]!.rows).toEqual([
      ['<b>张伟</b>', 'ab'],
      ['李娜', '<img src=x onerror=alert(1)>'],
    ]);
  });

  it('reads a table without any header row, naming columns by position', () => {
    const doc = parse(
      '<body><table><tr><td>张伟</td><td>138</td></tr><tr><td>李娜</td><td>139</td></tr></table></body>',
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['列1', '列2']);
    expect(t!.rows).toEqual([
      ['张伟', '138'],
      ['李娜', '139'],
    ]);
  });
});

describe('tables inside tables', () => {
  it('keeps a list whose expanded row holds a small nested table, and offers the nested one after it', () => {
    const rows = ['张伟', '李娜', '王芳', '赵磊']
      .map((n, i) => `<tr><td>${n}</td><td>13${i}00000000</td><td>A</td></tr>`)
      .join('');
    const nested =
      '<tr class="expanded"><td colspan="3"><table id="inner"><tr><th>跟进时间</th><th>内容</th></tr><tr><td>2026-11-20</td><td>到店</td></tr></table></td></tr>';
    const doc = parse(
      `<body><table id="outer"><thead><tr><th>姓名</th><th>手机</th><th>级别</th></tr></thead><tbody>${rows}${nested}</tbody></table></body>`,
    );
    const found = findTables(doc);
    expect(found.map((c) => c.element.id)).toEqual(['outer', 'inner']);
    expect(found[0]!.rows).toHaveLength(4);
  });
});

describe('action columns without an 操作 header', () => {
  it('drops a column whose cells are only action links (查看|编辑) and keeps the 查看 link as the row link', () => {
    const rows = ['张伟', '李娜', '王芳']
      .map(
        (n, i) =>
          `<tr><td>${n}</td><td>13${i}00000000</td><td><a href="edit?id=${i}">编辑</a> | <a href="detail?id=${i}">查看</a></td></tr>`,
      )
      .join('');
    const doc = parse(
      `<html><head><base href="https://dms.example/"></head><body><table><tr><th>姓名</th><th>手机</th><th></th></tr>${rows}</table></body></html>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['姓名', '手机']);
    expect(t!.rowLinks).toEqual([
      'https://dms.example/detail?id=0',
      'https://dms.example/detail?id=1',
      'https://dms.example/detail?id=2',
    ]);
  });

  it('keeps a column of names that happen to be links, and takes their href as the row link', () => {
    const rows = ['张伟', '李娜', '王芳']
      .map((n, i) => `<tr><td><a href="/c/${i}">${n}</a></td><td>A</td></tr>`)
      .join('');
    const doc = parse(
      `<html><head><base href="https://dms.example/x/"></head><body><table><tr><th>姓名</th><th>级别</th></tr>${rows}</table></body></html>`,
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['姓名', '级别']);
    expect(t!.rows[1]).toEqual(['李娜', 'A']);
    expect(t!.rowLinks[1]).toBe('https://dms.example/c/1');
  });
});
