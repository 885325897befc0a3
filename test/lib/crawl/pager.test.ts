/** @vitest-environment happy-dom */
// The pagers the real table libraries rendered (test/fixtures/scrape/*.html):
// each list's next control, totals and page-size select are found, and never
// a control that acts on data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { actsOnData, findPager, pagesInText, type PagerInfo } from '../../../lib/crawl';
import { sizeOptions } from '../../../lib/crawl/pager';
import { handFixture, parse } from '../scrape/helpers';

const dir = join(__dirname, '../../fixtures/scrape');
const load = (file: string) => new DOMParser().parseFromString(readFileSync(join(dir, file), 'utf8'), 'text/html');
// Reading a 270 KB page under happy-dom takes seconds on a busy machine.
const SLOW = 60_000;

function pagerOf(doc: Document): PagerInfo {
  const [list] = findTables(doc);
  return findPager(list!.element, { rowsShown: list!.rows.length, totalRowsHint: list!.totalRowsHint });
}

const outer = (el: Element | null) =>
  el ? `${el.localName}.${(el.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? ''}` : null;

// Each family: the element clicked for the next page, how it was found, and the figures its pager shows.
const FAMILIES: [file: string, next: string, figures: Partial<PagerInfo>][] = [
  ['element-plus-fixed.html', 'button.btn-next', { totalRows: 25, currentPage: 1 }],
  ['element-plus-basic.html', 'button.btn-next', { totalRows: 25, currentPage: 1 }],
  ['element-plus-grouped.html', 'button.btn-next', { totalRows: 25, currentPage: 1 }],
  ['element-ui-fixed.html', 'button.btn-next', { totalRows: 25, currentPage: 1 }],
  ['aggrid-pinned.html', 'div.ag-button', { totalRows: 25, totalPages: 2, currentPage: 1 }],
  ['antd-fixed.html', 'button.ant-pagination-item-link', { totalRows: 25, currentPage: 1 }],
  ['ant-design-vue-fixed.html', 'button.ant-pagination-item-link', { totalRows: 25, currentPage: 1 }],
  ['layui-fixed.html', 'a.layui-laypage-next', { totalRows: 25, currentPage: 1 }],
  ['easyui-frozen.html', 'a.l-btn', { totalPages: 2, currentPage: 1 }],
  ['datatables-fixed.html', 'a.paginate_button', { totalRows: 25, currentPage: 1 }],
  ['bootstrap-table-fixed.html', 'a.page-link', { totalRows: 25, currentPage: 1 }],
  ['jqgrid-frozen.html', 'td.btn', { totalRows: 25, totalPages: 2 }],
  ['vxe-fixed.html', 'button.vxe-pager--next-btn', { totalRows: 25, currentPage: 1 }],
  ['viewui-fixed.html', 'a.', { totalRows: 25, currentPage: 1 }],
  ['tabulator-frozen.html', 'button.tabulator-page', { totalRows: 25, currentPage: 1 }],
  ['extjs-locked.html', 'a.x-btn', { totalRows: 25 }],
];

describe('pagers rendered by the table libraries', () => {
  for (const [file, next, figures] of FAMILIES) {
    it(
      `${file}: finds the next-page control and the figures`,
      () => {
        const pager = pagerOf(load(file));
        expect(pager.kind).toBe('pager');
        expect(outer(pager.next)).toBe(next);
        expect(pager.nextBy).toBe('library');
        expect(pager.atEnd).toBe(false);
        expect(pager).toMatchObject(figures);
        expect(actsOnData(pager.next!)).toBe(false);
      },
      SLOW,
    );
  }

  it(
    'finds the page-size selects the libraries render and their largest size',
    () => {
      expect(pagerOf(load('layui-fixed.html')).pageSize).toMatchObject({
        current: '20',
        largest: '100',
        largestSize: 100,
      });
      expect(pagerOf(load('easyui-frozen.html')).pageSize).toMatchObject({ currentSize: 20, largestSize: 100 });
      expect(pagerOf(load('jqgrid-frozen.html')).pageSize).toMatchObject({ current: '20', largest: '50' });
      expect(pagerOf(load('tabulator-frozen.html')).pageSize).toMatchObject({ largest: '50' });
    },
    SLOW,
  );

  // The libraries' own page-size drop-downs (no <select>): the trigger, the size shown, and where the options are drawn.
  const DROPDOWNS: [file: string, trigger: string, largestSize: number][] = [
    ['element-plus-basic.html', 'div.el-select__wrapper', 0],
    ['element-plus-grouped.html', 'div.el-select__wrapper', 0],
    ['element-ui-fixed.html', 'input.el-input__inner', 100],
    ['antd-fixed.html', 'div.ant-select-content', 0],
    ['ant-design-vue-fixed.html', 'div.ant-select-selector', 0],
    ['vxe-fixed.html', 'input.vxe-input--inner', 0],
    ['bootstrap-table-fixed.html', 'button.btn', 50],
    ['aggrid-pinned.html', 'div.ag-wrapper', 0],
  ];
  for (const [file, trigger, largestSize] of DROPDOWNS) {
    it(
      `${file}: finds the page-size drop-down, its trigger and the size it shows`,
      () => {
        const size = pagerOf(load(file)).pageSize;
        expect(size).toMatchObject({ kind: 'dropdown', currentSize: 20, current: '20', largestSize });
        expect(outer(size!.control)).toBe(trigger);
      },
      SLOW,
    );
  }

  // Saved with the drop-down open (render.ts `open`): the options the library drew, the largest among them.
  const OPEN: [file: string, option: string][] = [
    ['element-plus-sizes-open.html', 'li.el-select-dropdown__item'],
    ['element-ui-sizes-open.html', 'li.el-select-dropdown__item'],
    ['antd-sizes-open.html', 'div.ant-select-item'],
    ['ant-design-vue-sizes-open.html', 'div.ant-select-item'],
    ['vxe-sizes-open.html', 'div.vxe-select-option'],
    ['aggrid-sizes-open.html', 'div.ag-list-item'],
  ];
  for (const [file, option] of OPEN) {
    it(
      `${file}: reads the open drop-down's options (20, 50, 100) and none of the page's other lists`,
      () => {
        const doc = load(file);
        // Element UI shows the size in its input's value property, which saved markup does not keep: set as in the page.
        const input = doc.querySelector<HTMLInputElement>('.el-pagination__sizes input');
        if (input && !input.getAttribute('value')) input.value = '20条/页';
        const options = sizeOptions(doc, pagerOf(doc).pageSize!);
        expect(options.map((o) => o.size)).toEqual([20, 50, 100]);
        expect(outer(options[2]!.el)).toBe(option);
      },
      SLOW,
    );
  }

  it(
    "reads bootstrap-table's size menu, drawn closed in the page, and a native select stays a select",
    () => {
      const doc = load('bootstrap-table-fixed.html');
      expect(sizeOptions(doc, pagerOf(doc).pageSize!).map((o) => o.size)).toEqual([10, 20, 50]);
      // DataTables sets its select's value as a property, which the saved markup does not keep: the largest is what counts.
      expect(pagerOf(load('datatables-fixed.html')).pageSize).toMatchObject({ kind: 'select', largest: '100' });
    },
    SLOW,
  );

  it(
    'sees a disabled next button as the last page (Element, Ant Design, layui, View UI, vxe, DataTables)',
    () => {
      const cases: [string, (doc: Document) => void][] = [
        ['element-plus-fixed.html', (d) => d.querySelector('.btn-next')!.setAttribute('disabled', '')],
        ['antd-fixed.html', (d) => d.querySelector('.ant-pagination-next')!.classList.add('ant-pagination-disabled')],
        ['layui-fixed.html', (d) => d.querySelector('.layui-laypage-next')!.classList.add('layui-disabled')],
        ['viewui-fixed.html', (d) => d.querySelector('.ivu-page-next')!.classList.add('ivu-page-disabled')],
        ['vxe-fixed.html', (d) => d.querySelector('.vxe-pager--next-btn')!.classList.add('is--disabled')],
        ['datatables-fixed.html', (d) => d.querySelector('.paginate_button.next')!.classList.add('disabled')],
        [
          'extjs-locked.html',
          (d) => d.querySelector('.x-tbar-page-next')!.closest('a')!.setAttribute('aria-disabled', 'true'),
        ],
        ['jqgrid-frozen.html', (d) => d.querySelector('#next_grid-pager')!.classList.add('disabled')],
      ];
      for (const [file, disable] of cases) {
        const doc = load(file);
        disable(doc);
        const pager = pagerOf(doc);
        expect(pager.next, file).toBeNull();
        expect(pager.atEnd, file).toBe(true);
      }
    },
    SLOW * 2,
  );

  it(
    "sees the last page of bootstrap-table's looping pager, whose next stays enabled (it goes back to page 1)",
    () => {
      const doc = load('bootstrap-table-fixed.html');
      const items = doc.querySelectorAll('.pagination .page-item');
      items[1]!.classList.remove('active');
      // 25 rows at 20 a page: page 2 is the last.
      items[2]!.classList.add('active');
      const pager = pagerOf(doc);
      expect(pager.currentPage).toBe(2);
      expect(pager.next).toBeNull();
      expect(pager.atEnd).toBe(true);
    },
    SLOW,
  );

  it('reads a legacy portal pager: 下一页 link, 共 2000 条, 第 1/100 页', () => {
    const pager = pagerOf(handFixture('legacy-portal.html'));
    expect(pager).toMatchObject({ kind: 'pager', nextBy: 'label', totalRows: 2000, totalPages: 100, currentPage: 1 });
    expect(pager.next!.getAttribute('href')).toBe('leads.do?page=2');
  });
});

const LIST =
  '<table id="t"><tr><th>姓名</th><th>手机</th><th>操作</th></tr>' +
  '<tr><td>张伟</td><td>13800000001</td><td><a href="#" class="next-step">编辑</a> <button>删除</button></td></tr>' +
  '<tr><td>李娜</td><td>13800000002</td><td><a href="#">下一步</a></td></tr></table>';

function pagerAround(html: string, shown = 2, total?: number): PagerInfo {
  const doc = parse(
    `<body><div class="toolbar"><button>新增</button><button>导出</button><button>删除</button></div>${html}</body>`,
  );
  return findPager(doc.getElementById('t')!, { rowsShown: shown, totalRowsHint: total });
}

describe('pagers written by hand and their kin', () => {
  for (const label of ['下一页', '下页', '下一页 >', 'Next', 'Next ›', '›', '>']) {
    it(`finds a next control that says "${label}"`, () => {
      const pager = pagerAround(
        `${LIST}<div class="pg">共 60 条 <a href="?p=1">上一页</a> <a href="?p=2" id="n">${label.replace('>', '&gt;')}</a></div>`,
      );
      expect(pager.next?.id).toBe('n');
      expect(pager.totalRows).toBe(60);
    });
  }

  it('finds an icon-only next control by its aria-label or title', () => {
    expect(pagerAround(`${LIST}<div><button aria-label="Next page" id="n"><svg></svg></button></div>`).next?.id).toBe(
      'n',
    );
    expect(pagerAround(`${LIST}<div><span title="下一页" onclick="go()" id="n"><i></i></span></div>`).next?.id).toBe(
      'n',
    );
  });

  it('prefers › over », which often means the last page', () => {
    const pager = pagerAround(`${LIST}<div><a id="last">»</a><a id="n">›</a></div>`);
    expect(pager.next?.id).toBe('n');
  });

  it('takes the page number after the current one when there is no next control', () => {
    const pager = pagerAround(
      `${LIST}<div class="pages"><a href="?p=1">1</a><span class="current">2</span><a href="?p=3" id="n">3</a><a href="?p=4">4</a></div>`,
    );
    expect(pager.next?.id).toBe('n');
    expect(pager.nextBy).toBe('number');
    expect(pager.currentPage).toBe(2);
  });

  it('sees the last page when the current number is the highest and there is no next link', () => {
    const pager = pagerAround(
      `${LIST}<div class="pages"><a href="?p=1">1</a><a href="?p=2">2</a><span class="current">3</span> 第 3/3 页</div>`,
    );
    expect(pager.next).toBeNull();
    expect(pager.atEnd).toBe(true);
  });

  it('never picks the row actions or the toolbar (编辑, 删除, 导出, 新增, 下一步 in a row)', () => {
    const pager = pagerAround(LIST);
    expect(pager.kind).toBe('none');
    expect(pager.next).toBeNull();
  });

  it('finds a 加载更多 button', () => {
    const pager = pagerAround(`${LIST}<div><button id="more">加载更多</button></div>`);
    expect(pager).toMatchObject({ kind: 'load-more' });
    expect(pager.next?.id).toBe('more');
    expect(pagerAround(`${LIST}<p><a id="more">点击加载更多…</a></p>`).next?.id).toBe('more');
    expect(pagerAround(`${LIST}<p><button id="more">Load more</button></p>`).next?.id).toBe('more');
  });

  it('tells a list that scrolls more rows in (total above the rows shown, no pager)', () => {
    expect(pagerAround(LIST, 2, 5000)).toMatchObject({ kind: 'scroll', totalRows: 5000 });
  });

  it('reads a page-size select written as 每页 N 条', () => {
    const pager = pagerAround(
      `${LIST}<div>每页 <select><option value="10">10 条</option><option value="20" selected>20 条</option><option value="100">100 条</option></select> <a id="n">下一页</a></div>`,
    );
    expect(pager.pageSize).toMatchObject({ current: '20', largest: '100', currentSize: 20, largestSize: 100 });
  });

  it('reads page figures as portals write them', () => {
    expect(pagesInText('共 2000 条记录 第 3/100 页')).toEqual({ current: 3, total: 100 });
    expect(pagesInText('Page 4 of 12')).toEqual({ current: 4, total: 12 });
    expect(pagesInText('第 2 页 共 9 页')).toEqual({ current: 2, total: 9 });
  });
});
