/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { handFixture, parse } from './helpers';

describe('ARIA grids of divs', () => {
  const [grid] = findTables(handFixture('aria-grid.html'));

  it('reads role=columnheader cells as headers, ignoring sort arrows', () => {
    expect(grid!.kind).toBe('aria');
    expect(grid!.element.getAttribute('class')).toBe('vgrid');
    expect(grid!.headers).toEqual(['客户', '手机', '级别', '顾问']);
  });

  it('joins the pinned and scrolling parts of a row by aria-rowindex and places cells by aria-colindex', () => {
    expect(grid!.rows).toEqual([
      ['何军', '13700001111', 'A', '王芳'],
      ['郑洁', '13700002222', 'H', '李娜'],
    ]);
    expect(grid!.rowLinks).toEqual(['https://crm.example/customer/11', 'https://crm.example/customer/12']);
  });

  it('reports the total of a virtualised grid from aria-rowcount, less the header row', () => {
    expect(grid!.totalRowsHint).toBe(120);
  });

  it('reads a role=table without indexes by position, and gives no total when all rows are present', () => {
    const doc = parse(
      '<body><div role="table" id="t"><div role="rowgroup"><div role="row"><span role="columnheader">姓名</span><span role="columnheader">级别</span></div></div>' +
        '<div role="rowgroup"><div role="row"><span role="cell">张伟</span><span role="cell">H</span></div>' +
        '<div role="row"><span role="cell">李娜</span><span role="cell">B</span></div></div></div></body>',
    );
    const [t] = findTables(doc);
    expect(t!.element.id).toBe('t');
    expect(t!.headers).toEqual(['姓名', '级别']);
    expect(t!.rows).toEqual([
      ['张伟', 'H'],
      ['李娜', 'B'],
    ]);
    expect(t!.totalRowsHint).toBeUndefined();
  });

  it('reads the total from a pager inside the grid element, in a child holding no row (Tabulator footer)', () => {
    // No aria-rowcount, and no class names the footer a pager: it is a child
    // of the grid that holds no row. A hidden one says nothing.
    const grid = (footerStyle: string) =>
      parse(
        '<body><div role="grid" class="tbl"><div class="tbl-head" role="rowgroup"><div role="row"><div role="columnheader">姓名</div><div role="columnheader">级别</div></div></div>' +
          '<div class="tbl-holder"><div role="rowgroup"><div role="row"><div role="gridcell">张伟</div><div role="gridcell">H</div></div>' +
          '<div role="row"><div role="gridcell">李娜</div><div role="gridcell">B</div></div></div></div>' +
          `<div class="tbl-foot"${footerStyle}><span><span>显示</span><span> 1-2 </span><span>共</span><span> 7 </span><span>条</span></span>` +
          '<select><option>2</option><option>10</option></select><button>1</button><button>2</button></div></div></body>',
      );
    const [shown] = findTables(grid(''));
    expect(shown!.kind).toBe('aria');
    expect(shown!.rows).toHaveLength(2);
    expect(shown!.totalRowsHint).toBe(7);
    expect(findTables(grid(' style="display: none"'))[0]!.totalRowsHint).toBeUndefined();
  });

  describe('a locking grid whose rows are tables, split into panes (as Ext JS renders)', () => {
    // Trimmed from extjs-locked.html: the panel is role=grid; its locked and
    // normal halves are role=grid panes holding only their header rows (one
    // rowgroup each, no index); the rows sit in two views, each row its own
    // <table> with the record index on the table; the paging toolbar is
    // docked in the body wrapper beside the rows.
    const rowTables = (cells: string[][]) =>
      cells
        .map(
          (row, i) =>
            `<table role="presentation" data-recordindex="${i}" class="x-grid-item"><tbody><tr class="x-grid-row" role="row">${row.map((c) => `<td role="gridcell"><div class="x-grid-cell-inner">${c}</div></td>`).join('')}</tr></tbody></table>`,
        )
        .join('');
    const header = (texts: string[]) =>
      `<div role="rowgroup" class="x-grid-header-ct"><div role="row" class="x-box-inner">${texts.map((t) => `<div role="columnheader"><span class="x-column-header-text-inner">${t}</span><span class="x-hidden-offsets">Cell value has been edited</span></div>`).join('')}</div></div>`;
    const doc = parse(
      '<body><div role="grid" class="x-panel x-grid-locked"><div class="x-panel-header" role="presentation">意向客户列表</div>' +
        '<div class="x-panel-bodyWrap" role="presentation"><div class="x-panel-body" role="presentation"><div class="x-grid-scroll-container"><div class="x-grid-scroll-body">' +
        `<div role="rowgroup" class="x-grid-view">${rowTables([['张伟'], ['李娜']])}</div>` +
        `<div role="rowgroup" class="x-grid-view">${rowTables([
          ['13812345678', 'H'],
          ['13923456781', 'A'],
        ])}</div></div></div>` +
        `<div role="grid" class="x-grid-inner-locked">${header(['姓名'])}</div><div role="grid" class="x-grid-inner-normal">${header(['手机', '级别'])}</div></div>` +
        '<div class="x-toolbar" role="group"><div>第 1 页,共 1 页</div><div>显示 1 - 2条，共 7 条</div></div></div></div></body>',
    );
    const [grid] = findTables(doc);

    it('takes the header rows of role=grid panes (not inside a row) as its own, side-by-side header rowgroups as one level', () => {
      expect(grid!.kind).toBe('aria');
      expect(grid!.element.getAttribute('class')).toBe('x-panel x-grid-locked');
      expect(grid!.headers).toEqual(['姓名', '手机', '级别']);
    });

    it('joins the parts of a row by the record index on the single-row table around each', () => {
      expect(grid!.rows).toEqual([
        ['张伟', '13812345678', 'H'],
        ['李娜', '13923456781', 'A'],
      ]);
    });

    it('finds the pager docked in a wrapper beside the rows', () => {
      expect(grid!.totalRowsHint).toBe(7);
    });

    it('leaves out the off-screen helper text of Ext JS headers (x-hidden-offsets)', () => {
      expect(grid!.headers.join(' ')).not.toContain('Cell value');
    });
  });

  it('prefixes repeated leaves under ARIA column groups (aria-colspan)', () => {
    const doc = parse(
      '<body><div role="grid">' +
        '<div role="row" aria-rowindex="1"><div role="columnheader" aria-colindex="1"></div><div role="columnheader" aria-colindex="2" aria-colspan="2">购车</div><div role="columnheader" aria-colindex="4" aria-colspan="2">保养</div></div>' +
        '<div role="row" aria-rowindex="2"><div role="columnheader" aria-colindex="1">姓名</div><div role="columnheader" aria-colindex="2">日期</div><div role="columnheader" aria-colindex="3">车型</div><div role="columnheader" aria-colindex="4">日期</div><div role="columnheader" aria-colindex="5">里程</div></div>' +
        '<div role="row" aria-rowindex="3"><div role="gridcell" aria-colindex="1">张伟</div><div role="gridcell" aria-colindex="2">2025-03-05</div><div role="gridcell" aria-colindex="3">帕萨特</div><div role="gridcell" aria-colindex="4">2026-03-01</div><div role="gridcell" aria-colindex="5">12,345 km</div></div>' +
        '<div role="row" aria-rowindex="4"><div role="gridcell" aria-colindex="1">李娜</div><div role="gridcell" aria-colindex="2">2025-06-10</div><div role="gridcell" aria-colindex="3">迈腾</div><div role="gridcell" aria-colindex="4"></div><div role="gridcell" aria-colindex="5"></div></div>' +
        '</div></body>',
    );
    expect(findTables(doc)[0]!.headers).toEqual(['姓名', '购车-日期', '车型', '保养-日期', '里程']);
  });

  it('reads a role=grid of <table>s (rows are <tr>s) as tables: header table over body table, frozen copy merged', () => {
    // As jqGrid renders: div[role=grid] around role="presentation" tables, a
    // zero-height sizing row first in each body, and the frozen column copied
    // into its own header and body tables. Read as ARIA, every header and
    // frozen row would become a data row.
    const head = (cols: string[]) =>
      `<table role="presentation"><thead><tr role="row">${cols.map((c) => `<th><div role="columnheader">${c}</div></th>`).join('')}</tr></thead>` +
      `<tbody><tr style="display:none;">${cols.map(() => '<td></td>').join('')}</tr></tbody></table>`;
    const rows = (values: string[][]) =>
      `<table role="presentation"><tbody><tr role="row" class="firstrow">${values[0]!.map(() => '<td role="gridcell" style="height:0"></td>').join('')}</tr>` +
      values
        .map((v, i) => `<tr role="row" id="${101 + i}">${v.map((x) => `<td role="gridcell">${x}</td>`).join('')}</tr>`)
        .join('') +
      '</tbody></table>';
    const people = [
      ['张伟', '13812345678', 'H'],
      ['李娜', '13987654321', 'A'],
    ];
    const doc = parse(
      '<body><div role="grid" id="g">' +
        `<div class="hdiv">${head(['姓名', '手机', '级别'])}</div><div class="bdiv">${rows(people)}</div>` +
        `<div class="frozen-div">${head(['姓名'])}</div><div class="frozen-bdiv">${rows(people.map((p) => [p[0]!]))}</div>` +
        '</div></body>',
    );
    const found = findTables(doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe('split');
    expect(found[0]!.element.id).toBe('g');
    expect(found[0]!.headers).toEqual(['姓名', '手机', '级别']);
    expect(found[0]!.rows).toEqual(people);
  });
});
