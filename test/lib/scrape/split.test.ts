/** @vitest-environment happy-dom */
// Header and body in separate tables, and fixed columns rendered more than
// once, in markup of no particular library: the families, not the fixtures.
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { parse } from './helpers';

const PEOPLE = [
  ['张伟', '13812345678', 'H', '帕萨特'],
  ['李娜', '13987654321', 'A', '迈腾'],
  ['王芳', '13700001111', 'B', '途观L'],
];

const body = (cells: (p: string[], i: number) => string, rowAttr = (_i: number) => '') =>
  `<table><tbody>${PEOPLE.map((p, i) => `<tr${rowAttr(i)}>${cells(p, i)}</tr>`).join('')}</tbody></table>`;

describe('header and body in separate tables', () => {
  it('joins a header-only table to the body table below it by column position, ignoring a scrollbar filler column', () => {
    const doc = parse(
      '<body><div class="grid" id="g"><div class="grid-head"><table><thead><tr><th>姓名</th><th>手机</th><th>级别</th><th>车型</th><th></th></tr></thead></table></div>' +
        `<div class="grid-body">${body((p) => p.map((v) => `<td>${v}</td>`).join(''))}</div></div></body>`,
    );
    const found = findTables(doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe('split');
    expect(found[0]!.element.id).toBe('g');
    expect(found[0]!.headers).toEqual(['姓名', '手机', '级别', '车型']);
    expect(found[0]!.rows).toEqual(PEOPLE);
  });

  it('joins a frozen pane and a scrolling pane side by side, row by row, by their row keys', () => {
    const doc = parse(
      '<body><div class="view" id="v">' +
        '<div class="view-frozen"><table><tr class="header-row"><td>姓名</td></tr></table>' +
        `${body(
          (p) => `<td>${p[0]}</td>`,
          (i) => ` data-index="${i}"`,
        )}</div>` +
        '<div class="view-main"><table><tr class="header-row"><td>手机</td><td>级别</td><td>车型</td></tr></table>' +
        `${body(
          (p) =>
            p
              .slice(1)
              .map((v) => `<td>${v}</td>`)
              .join(''),
          (i) => ` data-index="${i}"`,
        )}</div>` +
        '</div></body>',
    );
    const [t] = findTables(doc);
    expect(t!.element.id).toBe('v');
    expect(t!.headers).toEqual(['姓名', '手机', '级别', '车型']);
    expect(t!.rows).toEqual(PEOPLE);
  });

  it('merges a fixed-column copy back into one row without duplicate columns, taking the copy that is shown', () => {
    // The main table leaves the fixed column empty; the fixed copy renders only it.
    const head = (cols: string[]) =>
      `<table><thead><tr>${cols.map((c) => `<th>${c}</th>`).join('')}</tr></thead></table>`;
    const doc = parse(
      '<body><div class="t" id="t">' +
        `<div class="t-head">${head(['姓名', '手机', '级别', '车型'])}</div>` +
        `<div class="t-body">${body(
          (p) =>
            `<td></td>${p
              .slice(1)
              .map((v) => `<td>${v}</td>`)
              .join('')}`,
        )}</div>` +
        `<div class="t-fixed-left"><div class="t-head">${head(['姓名'])}</div><div class="t-body">${body((p) => `<td>${p[0]}</td>`)}</div></div>` +
        '</div></body>',
    );
    const found = findTables(doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.headers).toEqual(['姓名', '手机', '级别', '车型']);
    expect(found[0]!.rows).toEqual(PEOPLE);
  });

  it('prefers the copy not marked is-hidden when every copy holds the text', () => {
    const cells = (hidden: boolean[]) => (p: string[]) =>
      p.map((v, c) => `<td class="col_${c}${hidden[c] ? ' is-hidden' : ''}">${v}</td>`).join('');
    const head = (hidden: boolean[]) =>
      `<table><thead><tr>${['姓名', '手机', '级别', '车型'].map((h, c) => `<th class="col_${c}${hidden[c] ? ' is-hidden' : ''}">${h}</th>`).join('')}</tr></thead></table>`;
    const main = [true, false, false, false];
    const fixed = [false, true, true, true];
    const doc = parse(
      '<body><div class="tbl">' +
        `<div class="h">${head(main)}</div><div class="b">${body(cells(main))}</div>` +
        `<div class="fixed"><div class="h">${head(fixed)}</div><div class="b">${body(cells(fixed)).replace('张伟', '张伟（副本）')}</div></div>` +
        '</div></body>',
    );
    const [t] = findTables(doc);
    expect(t!.headers).toEqual(['姓名', '手机', '级别', '车型']);
    expect(t!.rows[0]).toEqual(['张伟（副本）', '13812345678', 'H', '帕萨特']);
    expect(t!.rows).toHaveLength(3);
  });

  it('keeps two separate split grids on one page apart', () => {
    const grid = (id: string, h: string) =>
      `<div class="card"><div class="grid" id="${id}"><div><table><thead><tr><th>${h}</th><th>手机</th></tr></thead></table></div>` +
      `<div>${body((p) => `<td>${p[0]}</td><td>${p[1]}</td>`)}</div></div></div>`;
    const found = findTables(parse(`<body>${grid('a', '姓名')}${grid('b', '车主')}</body>`));
    expect(found.map((c) => c.element.id).sort()).toEqual(['a', 'b']);
    expect(found.every((c) => c.headers.length === 2)).toBe(true);
  });

  it('joins full fixed copies in a wrapper beside the main pane, taking the copy not marked <state>--hidden', () => {
    // As vxe-table renders: the main pane and a fixed wrapper holding the left
    // and right copies, each copy with every column; the cells a copy does
    // not show carry fixed--hidden (the main pane hides its fixed columns).
    const cols = ['姓名', '手机', '级别', '车型'];
    const pane = (cls: string, shown: (c: number) => boolean, mark = '') =>
      `<div class="${cls}"><div class="head"><table><thead><tr>${cols.map((h, c) => `<th colid="col_${c}" class="${shown(c) ? '' : 'fixed--hidden'}">${h}</th>`).join('')}</tr></thead></table></div>` +
      `<div class="body">${body(
        (p) =>
          p
            .map(
              (v, c) =>
                `<td colid="col_${c}" class="overflow-hidden${shown(c) ? '' : ' fixed--hidden'}">${shown(c) ? v + mark : v}</td>`,
            )
            .join(''),
        (i) => ` rowid="${i + 1}"`,
      )}</div></div>`;
    const doc = parse(
      '<body><div class="tbl"><div class="viewport" id="v">' +
        pane('main-wrapper', (c) => c !== 0 && c !== 3) +
        `<div class="fixed-wrapper">${pane('fixed-left-wrapper', (c) => c === 0, '*')}${pane('fixed-right-wrapper', (c) => c === 3, '*')}</div>` +
        '</div></div></body>',
    );
    const found = findTables(doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.element.id).toBe('v');
    expect(found[0]!.headers).toEqual(cols);
    // 姓名 and 车型 come from the fixed copies (marked *), 手机 and 级别 from the main pane.
    expect(found[0]!.rows).toEqual(PEOPLE.map((p) => [p[0] + '*', p[1], p[2], p[3] + '*']));
  });

  it('keeps two grids apart when only a fixed-looking class relates them', () => {
    // Same columns and row count, cousins under one parent, one inside a
    // "pull-left" wrapper: the rows differ, so they are two lists.
    const grid = (rows: string[][]) =>
      `<div class="grid"><div><table><thead><tr><th>姓名</th><th>手机</th></tr></thead></table></div>` +
      `<div><table><tbody>${rows.map((p) => `<tr><td>${p[0]}</td><td>${p[1]}</td></tr>`).join('')}</tbody></table></div></div>`;
    const other = PEOPLE.map((p) => [p[0] + '甲', p[1]!.replace(/^1/, '2')]);
    const found = findTables(
      parse(`<body><div>${grid(PEOPLE)}<div class="pull-left">${grid(other)}</div></div></body>`),
    );
    expect(found).toHaveLength(2);
    expect(found.every((c) => c.headers.length === 2 && c.rows.length === 3)).toBe(true);
  });
});

describe('complete clones of a table for its fixed columns', () => {
  const table = (id = '') =>
    `<table${id ? ` id="${id}"` : ''}><thead><tr><th>姓名</th><th>手机</th><th>级别</th><th>车型</th></tr></thead>` +
    `<tbody>${PEOPLE.map((p) => `<tr>${p.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

  it('drops a clone of the whole table inside a fixed wrapper beside it, keeping the main table', () => {
    // As bootstrap-table's fixed-columns extension renders: the clones are
    // clipped to the fixed columns by their wrappers' CSS width only.
    const doc = parse(
      `<body><div class="container"><div class="table-body">${table('main')}</div>` +
        `<div class="cols-fixed-left"><div class="table-body">${table()}</div></div>` +
        `<div class="cols-fixed-right"><div class="table-body">${table()}</div></div></div></body>`,
    );
    const found = findTables(doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.element.id).toBe('main');
    expect(found[0]!.rows).toEqual(PEOPLE);
  });

  it('keeps a clone that differs in a cell, and identical tables without a fixed wrapper', () => {
    const changed = table().replace('H', 'A');
    const doc = parse(
      `<body><div class="container"><div>${table('main')}</div><div class="fixed-left">${changed}</div></div>` +
        `<div class="panel">${table('copy')}</div></body>`,
    );
    expect(findTables(doc)).toHaveLength(3);
  });
});
