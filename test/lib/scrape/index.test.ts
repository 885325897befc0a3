/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { parse } from './helpers';

const LIST =
  '<table id="list"><thead><tr><th>姓名</th><th>手机</th><th>级别</th></tr></thead><tbody>' +
  '<tr><td>张伟</td><td>13812345678</td><td>H</td></tr><tr><td>李娜</td><td>13987654321</td><td>A</td></tr><tr><td>王芳</td><td>13700001111</td><td>B</td></tr></tbody></table>';

function frameWith(html: string, name = 'main'): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('name', name);
  document.body.appendChild(frame);
  const inner = frame.contentDocument!;
  inner.open();
  inner.write(`<html><body>${html}</body></html>`);
  inner.close();
  return frame;
}

describe('same-origin iframes and frames', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('finds the list inside a same-origin iframe from the top document, and says which frame it came from', () => {
    document.body.innerHTML = '<div class="menu"><a href="/a">意向客户</a></div>';
    frameWith(LIST);
    const [found] = findTables(document);
    expect(found!.headers).toEqual(['姓名', '手机', '级别']);
    expect(found!.rows).toHaveLength(3);
    expect(found!.frame).toBe('iframe "main"');
    expect(found!.element.ownerDocument).not.toBe(document);
  });

  it('describes a frame nested in a frame by its path', () => {
    const outer = frameWith('<p>外框</p>', 'content');
    const inner = outer.contentDocument!.createElement('iframe');
    inner.setAttribute('name', 'list');
    outer.contentDocument!.body.appendChild(inner);
    inner.contentDocument!.open();
    inner.contentDocument!.write(`<html><body>${LIST}</body></html>`);
    inner.contentDocument!.close();
    expect(findTables(document)[0]!.frame).toBe('iframe "content" > iframe "list"');
  });

  it('skips a cross-origin frame whose document cannot be read, and still reads the others', () => {
    document.body.innerHTML = '';
    const blocked = document.createElement('iframe');
    Object.defineProperty(blocked, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    document.body.appendChild(blocked);
    frameWith(LIST);
    expect(findTables(document).map((c) => c.frame)).toEqual(['iframe "main"']);
  });

  it('finds the list in a <frameset> page, where a top-level query sees no table', () => {
    // happy-dom has no frame browsing contexts: give the <frame> the document a browser would.
    const top = parse(
      '<html><head></head><frameset cols="180,*"><frame name="menu"><frame name="main"></frameset></html>',
    );
    const frames = top.querySelectorAll('frame');
    expect(frames).toHaveLength(2);
    const menu = parse('<body><a href="/leads">意向客户</a></body>');
    const main = parse(`<body>${LIST}</body>`);
    Object.defineProperty(frames[0], 'contentDocument', { value: menu });
    Object.defineProperty(frames[1], 'contentDocument', { value: main });
    expect(top.querySelector('table')).toBeNull();
    const [found] = findTables(top);
    expect(found!.frame).toBe('frame "main"');
    expect(found!.rows[0]).toEqual(['张伟', '13812345678', 'H']);
  });

  it('reads only inside an element when given one', () => {
    const doc = parse(
      `<body><div id="a">${LIST}</div><div id="b">${LIST.replace('id="list"', 'id="other"')}</div></body>`,
    );
    const found = findTables(doc.getElementById('b')!);
    expect(found.map((c) => c.element.id)).toEqual(['other']);
  });
});

describe('ranking', () => {
  it('puts the list before a KPI summary, a form table and a hidden table', () => {
    const doc = parse(
      '<body>' +
        '<table id="kpi"><tr><th>客户总数</th><th>本月新增</th><th>战败</th></tr><tr><td>2000</td><td>35</td><td>7</td></tr></table>' +
        '<table id="form"><tr><td>姓名：</td><td><input></td><td>手机：</td><td><input></td></tr><tr><td>级别：</td><td><select><option>H</option></select></td><td>顾问：</td><td><input></td></tr></table>' +
        `<div style="display:none">${LIST.replace('id="list"', 'id="hidden"').replace('</tbody>', '<tr><td>赵磊</td><td>13600003333</td><td>C</td></tr></tbody>')}</div>` +
        LIST +
        '</body>',
    );
    const ids = findTables(doc).map((c) => c.element.id);
    expect(ids[0]).toBe('list');
    expect(ids.indexOf('list')).toBeLessThan(ids.indexOf('hidden'));
    expect(ids.indexOf('list')).toBeLessThan(ids.indexOf('kpi'));
  });

  it('reads a KPI summary of labels over figures with the labels as headers, below the list', () => {
    const doc = parse(
      '<body><table id="kpi"><tr><td class="kpi-label">今日到店</td><td class="kpi-label">本月新增</td><td class="kpi-label">客户总数</td></tr>' +
        `<tr><td class="kpi-value">6</td><td class="kpi-value">160</td><td class="kpi-value">2000</td></tr></table>${LIST}</body>`,
    );
    const found = findTables(doc);
    expect(found.map((c) => c.element.id)).toEqual(['list', 'kpi']);
    expect(found[1]!.headers).toEqual(['今日到店', '本月新增', '客户总数']);
    expect(found[1]!.rows).toEqual([['6', '160', '2000']]);
  });

  it('gives ids in rank order and honours maxCandidates', () => {
    const doc = parse(
      `<body>${LIST}${LIST.replace('id="list"', 'id="two"')}${LIST.replace('id="list"', 'id="three"')}</body>`,
    );
    const all = findTables(doc);
    expect(all.map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
    expect(all.every((c, i) => i === 0 || all[i - 1]!.score >= c.score)).toBe(true);
    expect(findTables(doc, { maxCandidates: 2 })).toHaveLength(2);
  });

  it('prefers a larger list to a smaller one', () => {
    const big = LIST.replace('id="list"', 'id="big"').replace(
      '</tbody>',
      '<tr><td>赵磊</td><td>13600003333</td><td>C</td></tr><tr><td>孙强</td><td>13600004444</td><td>A</td></tr></tbody>',
    );
    expect(findTables(parse(`<body>${LIST}${big}</body>`))[0]!.element.id).toBe('big');
  });
});

describe('one walk of the page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // A legacy page's list sits in a cell of its layout table: a search of that cell walks every row.
  const PAGE =
    '<table class="layout"><tr><td class="side"><a href="/menu">菜单</a></td><td class="main">' +
    LIST.replace('<td>张伟</td>', '<td><a href="/crm/view?id=1">张伟</a></td>') +
    '</td></tr></table>';

  it('searches no table for data-href links where the page has none, and still reads the rows and links', () => {
    const doc = parse(PAGE);
    const asked: string[] = [];
    const query = Element.prototype.querySelector;
    vi.spyOn(Element.prototype, 'querySelector').mockImplementation(function (this: Element, selector: string) {
      asked.push(`${this.localName} ${selector}`);
      return query.call(this, selector);
    });
    const [found] = findTables(doc);
    expect(found!.headers).toEqual(['姓名', '手机', '级别']);
    expect(found!.rowLinks[0]).toMatch(/\/crm\/view\?id=1$/);
    // Asked once of the whole page, never of a table or its cells.
    expect(asked.filter((s) => s.includes('data-href'))).toEqual(['html [data-href]']);
  });

  it('reads a data-href link where the page has one', () => {
    const doc = parse(PAGE.replace('<td>李娜</td>', '<td><span data-href="/crm/view?id=2">李娜</span></td>'));
    const [found] = findTables(doc);
    expect(found!.rowLinks[1]).toMatch(/\/crm\/view\?id=2$/);
  });
});

describe('a sample of the first rows', () => {
  // The overlay's sample finds the list and its headers; the page's total is
  // a capture's question, and looking for it walks the text around the table.
  it('reads the first rows and headers, and does not look for the page total', () => {
    const doc = parse(`<body>${LIST}<div class="pager">共 120 条</div></body>`);
    expect(findTables(doc)[0]!.totalRowsHint).toBe(120);
    const [sample] = findTables(doc, { sampleRows: 3 });
    expect(sample!.headers).toEqual(['姓名', '手机', '级别']);
    expect(sample!.rows).toHaveLength(2);
    expect(sample!.totalRowsHint).toBeUndefined();
  });
});
