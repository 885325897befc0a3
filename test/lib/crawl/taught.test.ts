/** @vitest-environment happy-dom */
// A next-page control taught with one click (lib/crawl/taught.ts): on the
// pagers the table libraries rendered (test/fixtures/scrape) and on the demo
// portal's arrow-only pager run by its own script, the click becomes a
// selector that finds the same control again, page after page; a disabled
// one means the last page; controls that act on data, parts of the list and
// page numbers are refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { findPager, findPagerTaught, resolveTaught, teachControl, type TaughtControl } from '../../../lib/crawl';
import { renderCrawlList } from '../../demo-portal/crawl-lists';
import { parseListQuery, renderListPage } from '../../demo-portal/render';
import { generateCustomers } from '../../demo-portal/data';
import { parse } from '../scrape/helpers';

const dir = join(__dirname, '../../fixtures/scrape');
const load = (file: string) => parse(readFileSync(join(dir, file), 'utf8'));
const SLOW = 60_000;

function listOf(doc: Document) {
  const [list] = findTables(doc);
  return { table: list!.element, options: { rowsShown: list!.rows.length, totalRowsHint: list!.totalRowsHint } };
}

/** Where a user's click lands on a control drawn as an icon: its innermost element. */
function innermost(el: Element): Element {
  let x = el;
  while (x.firstElementChild) x = x.firstElementChild;
  return x;
}

function teach(table: Element, target: Element): TaughtControl {
  const taught = teachControl(table, target);
  if (!taught.ok) throw new Error(`refused: ${taught.reason}`);
  return taught.control;
}

// Each family's previous-page control: on page 1 it is there and marked disabled
// (bootstrap-table's is not: on page 1 it goes round to the last page).
const FAMILIES: [file: string, prev: string, disabledOnFirst?: false][] = [
  ['element-plus-fixed.html', '.btn-prev'],
  ['element-ui-fixed.html', '.btn-prev'],
  ['antd-fixed.html', '.ant-pagination-prev'],
  ['ant-design-vue-fixed.html', '.ant-pagination-prev'],
  ['vxe-fixed.html', '.vxe-pager--prev-btn'],
  ['layui-fixed.html', '.layui-laypage-prev'],
  ['datatables-fixed.html', '.paginate_button.previous'],
  ['bootstrap-table-fixed.html', '.page-pre a', false],
  ['easyui-frozen.html', '.pagination-prev'],
  ['aggrid-pinned.html', '[data-ref="btPrevious"], [ref="btPrevious"]'],
  ['jqgrid-frozen.html', 'td[id^="prev_"]'],
  ['tabulator-frozen.html', '[data-page="prev"]'],
  ['extjs-locked.html', '.x-tbar-page-prev'],
  ['viewui-fixed.html', '.ivu-page-prev'],
];

describe('teaching a next control on the pagers the libraries rendered', () => {
  for (const [file, prev, disabledOnFirst] of FAMILIES) {
    it(
      `${file}: a click on the next control's icon finds that control again; the disabled previous control is the last page`,
      () => {
        const doc = load(file);
        const { table, options } = listOf(doc);
        const next = findPager(table, options).next!;
        expect(next).not.toBeNull();
        const taught = teach(table, innermost(next));
        // No state class in the selector: it must hold on the next page too.
        expect(taught.selector).not.toMatch(/active|disabled|hover|focus|current/);
        expect(resolveTaught(table, taught)?.el).toBe(next);
        const pager = findPagerTaught(table, options, taught);
        expect(pager).toMatchObject({ kind: 'pager', next, nextBy: 'taught', atEnd: false });

        // Taught the wrong way (the previous-page control): it is found, and on page 1 it is disabled.
        const before = doc.querySelector(prev)!;
        const wrong = teach(table, innermost(before));
        expect(resolveTaught(table, wrong)?.el).not.toBe(next);
        expect(findPagerTaught(table, options, wrong)).toMatchObject(
          disabledOnFirst === false
            ? { next: before, atEnd: false, nextBy: 'taught' }
            : { next: null, atEnd: true, nextBy: 'taught' },
        );
      },
      SLOW,
    );
  }

  it(
    'refuses a page number, a row of the list, the page-size select and its header',
    () => {
      const doc = load('element-plus-fixed.html');
      const { table } = listOf(doc);
      const number = [...doc.querySelectorAll('.el-pager li')].find((li) => li.textContent?.trim() === '2')!;
      expect(teachControl(table, number)).toEqual({ ok: false, reason: 'page-number' });
      const cell = table.querySelector('tbody td')!;
      expect(teachControl(table, cell)).toEqual({ ok: false, reason: 'in-list' });
      const layui = load('layui-fixed.html');
      const select = layui.querySelector('.layui-laypage select')!;
      expect(teachControl(listOf(layui).table, select)).toEqual({ ok: false, reason: 'not-a-control' });
    },
    SLOW,
  );
});

describe("teaching the demo portal's arrow-only pager", () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  /** The demo page /crawl/icons, its script run as the browser runs it. */
  function demo(): void {
    vi.useFakeTimers();
    const html = renderCrawlList(generateCustomers(100), 'icons');
    const page = parse(html);
    const script = page.querySelector('script:not([type])')!.textContent!;
    page.querySelectorAll('script:not([type])').forEach((s) => s.remove());
    document.body.innerHTML = page.body.innerHTML;
    document.body.setAttribute('data-mode', 'icons');
    document.body.setAttribute('data-danger-clicks', '0');
    new Function(script)();
  }

  const rows = () => listOf(document);
  const firstId = () => rows().table.querySelector('tbody td')?.textContent;

  it('detection finds no next control there; taught once, it turns every page and stops at the disabled arrow', () => {
    demo();
    const { table, options } = rows();
    expect(findPager(table, options).next).toBeNull();
    const [prev, next] = [...document.querySelectorAll('.pg-btn')].filter((b) => b.closest('#list'));
    expect(teachControl(table, prev!.firstElementChild!)).toMatchObject({ ok: true });
    const taught = teach(table, next!.firstElementChild!);
    expect(taught.label).toBe('');

    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const { table: now, options: o } = rows();
      seen.add(firstId()!);
      const pager = findPagerTaught(now, o, taught);
      expect(pager.nextBy).toBe('taught');
      if (page === 5) {
        expect(pager).toMatchObject({ next: null, atEnd: true });
        break;
      }
      expect(pager.next).not.toBeNull();
      (pager.next as HTMLElement).click();
      vi.advanceTimersByTime(100);
    }
    expect(seen.size).toBe(5);
  });

  it('refuses the 导出 button beside the pager, and nothing of it is clicked', () => {
    demo();
    const exportButton = document.querySelector('.toolbar [title="导出"]')!;
    expect(teachControl(rows().table, exportButton)).toEqual({ ok: false, reason: 'acts-on-data' });
  });

  it('a taught control that is gone leaves the pager to detection, and never to scrolling', () => {
    demo();
    const { table, options } = rows();
    const taught = teach(table, document.querySelector('#list .pg-btn:last-of-type')!);
    document.querySelector('#list .pg')!.remove();
    const pager = findPagerTaught(table, options, taught);
    expect(findPager(table, options).kind).toBe('scroll');
    expect(pager).toMatchObject({ kind: 'pager', next: null, taughtMissing: true });
  });
});

describe('a taught control on a pager whose numbers change from page to page', () => {
  const pagerHtml = (numbers: number[], current: number) => `
    <div id="wrap"><table><thead><tr><th>客户姓名</th><th>手机号码</th></tr></thead>
    <tbody><tr><td>张伟</td><td>13800138000</td></tr><tr><td>李娜</td><td>13900139000</td></tr></tbody></table>
    <div class="pager"><a class="arrow"><svg class="ico"><path d="M0"/></svg></a>${numbers
      .map((n) => `<a class="num${n === current ? ' active' : ''}">${n}</a>`)
      .join('')}<a class="arrow"><svg class="ico"><path d="M1"/></svg></a></div></div>`;

  it("counts its place from the pager's end, so more page numbers before it do not move it", () => {
    const first = parse(pagerHtml([1, 2, 3], 1));
    const { table } = listOf(first);
    const arrows = first.querySelectorAll('a.arrow');
    const taught = teach(table, arrows[1]!.querySelector('path')!);
    expect(taught.selector).toContain('nth-last-of-type(1)');

    const later = parse(pagerHtml([3, 4, 5, 6, 7, 8, 9], 6));
    const { table: t2 } = listOf(later);
    expect(resolveTaught(t2, taught)?.el).toBe(later.querySelectorAll('a.arrow')[1]);
  });
});

describe("the demo portal's server list with bare arrows (?pager=icons)", () => {
  const customers = generateCustomers(2000);
  const listPage = (page: number) =>
    parse(
      renderListPage(customers, parseListQuery(new URLSearchParams(`page=${page}`)), {
        today: '2026-11-23',
        iconPager: true,
      }),
    );

  it('共 <b>2000</b> 条 beside the arrows is no current page: detection does not call page 97 the last', () => {
    const { table, options } = listOf(listPage(97));
    const pager = findPager(table, options);
    expect(pager.next).toBeNull();
    expect(pager.atEnd).toBe(false);
  });

  it('the third arrow taught on page 97 is the next control on every page, disabled on page 100', () => {
    const first = listPage(97);
    const { table } = listOf(first);
    const taught = teach(table, first.querySelectorAll('.pg-icons a.pg-arrow')[2]!.firstElementChild!);
    for (const n of [98, 99]) {
      const doc = listPage(n);
      const { table: t, options } = listOf(doc);
      const pager = findPagerTaught(t, options, taught);
      expect(pager.next?.getAttribute('href')).toContain(`page=${n + 1}`);
    }
    const { table: last, options } = listOf(listPage(100));
    expect(findPagerTaught(last, options, taught)).toMatchObject({ next: null, atEnd: true, nextBy: 'taught' });
  });
});
