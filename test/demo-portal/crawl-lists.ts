// The demo portal's lists for whole-list capture (`/crawl/<mode>`): every
// other way a portal gives a long list besides the server pager of the
// classic list page. Each is rendered by a small page script, as the
// portal's Vue or jQuery would: in place, without a page load.
//
//   script     a pager that re-renders the table in place (下一页, 共 N 条)
//   sizes      the same with a 每页 10/20/50/100 条 select
//   more       a 加载更多 button that appends rows
//   infinite   rows appended when the list is scrolled to its end
//   virtual    a virtualised grid: 5,000 rows, ~30 in the DOM, its own scroller
//   stuck      a pager whose 下一页 does nothing (the same rows again)
//   shift      two new customers arrive at the top before each page (rows move to the next page)
//   morph      the table's markup changes after page 3
//   danger     删除 / 编辑 / 导出 beside the pager; every click on them is counted
//   icons      a pager of bare arrow icons (no text, aria-label or title) that
//              DealerLens cannot read: the user teaches its next button; 导出 beside it
//   late       a server pager (plain links, ?page=N, each page a page load)
//              whose rows the page's script draws after its load: the HTML
//              itself holds no row
import type { DemoCustomer } from './data.ts';
import { escapeHtml as esc } from './format.ts';

export const CRAWL_MODES = [
  'script',
  'sizes',
  'more',
  'infinite',
  'virtual',
  'stuck',
  'shift',
  'morph',
  'danger',
  'icons',
  'late',
] as const;
export type CrawlMode = (typeof CRAWL_MODES)[number];

/** How many customers each list holds. */
export const CRAWL_COUNTS: Record<CrawlMode, number> = {
  script: 200,
  sizes: 200,
  more: 120,
  infinite: 120,
  virtual: 5000,
  stuck: 200,
  shift: 100,
  morph: 200,
  danger: 60,
  icons: 100,
  late: 60,
};

const HEADERS = ['客户编号', '客户姓名', '手机号码', '意向级别', '销售顾问', '意向车型'];

function rowsOf(customers: readonly DemoCustomer[], count: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const c = customers[i % customers.length]!;
    // Past the demo store's customers (the 5,000-row grid), numbers and phones stay unique.
    const n = Math.floor(i / customers.length);
    const phone = n === 0 ? c.phone : `13${String(900000000 + i).slice(0, 9)}`;
    out.push([
      n === 0 ? c.portalId : `KX${100000 + i}`,
      c.name,
      phone,
      c.portalGrade ?? 'H',
      c.consultant,
      c.intendedModel,
    ]);
  }
  return out;
}

const STYLE = `body{font:14px/1.5 "Microsoft YaHei",sans-serif;margin:0;padding:16px;color:#333}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}th{background:#f5f5f5}
.pager{margin:10px 0}.pager button,.pager a{margin:0 4px}.toolbar{margin:8px 0}
.vgrid{border:1px solid #ccc}.vgrid .viewport{height:420px;overflow-y:auto;position:relative}
.vgrid [role=row]{display:flex;height:28px;align-items:center;border-bottom:1px solid #eee}
.vgrid [role=row]>*{flex:1;padding:0 6px;white-space:nowrap;overflow:hidden}
.list-scroll{height:360px;overflow-y:auto}
.pg-btn{width:28px;height:24px;vertical-align:middle}.pg-btn[disabled]{opacity:.4}
.icon-arrow{display:inline-block;width:7px;height:7px;border-top:2px solid #333;border-right:2px solid #333;transform:rotate(45deg)}`;

// One script for every mode: the list's data comes in JSON, the mode decides how it pages.
const SCRIPT = String.raw`(function () {
  var data = JSON.parse(document.getElementById('rows').textContent);
  var headers = JSON.parse(document.getElementById('headers').textContent);
  var mode = document.body.getAttribute('data-mode');
  var size = 20, page = 1, shown = 20, shifted = 0;
  if (mode === 'late') page = Number(new URLSearchParams(location.search).get('page')) || 1;
  var host = document.getElementById('list');
  function td(t) { var c = document.createElement('td'); c.textContent = t; return c; }
  function table(rows, hs) {
    var t = document.createElement('table'); t.className = 'grid';
    var head = t.createTHead().insertRow();
    (hs || headers).forEach(function (h) { var th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
    var body = t.createTBody();
    rows.forEach(function (r) { var tr = body.insertRow(); r.forEach(function (v) { tr.appendChild(td(v)); }); });
    return t;
  }
  function pages() { return Math.max(1, Math.ceil(data.length / size)); }
  // Arrows only: a button with an empty <i> each, told apart by nothing but their place.
  function iconPager() {
    var p = document.createElement('div'); p.className = 'pg';
    var info = document.createElement('span'); info.className = 'pg-info';
    info.textContent = '共 ' + data.length + ' 条 第 ' + page + '/' + pages() + ' 页 ';
    p.appendChild(info);
    [-1, 1].forEach(function (step) {
      var b = document.createElement('button'); b.type = 'button'; b.className = 'pg-btn';
      var i = document.createElement('i'); i.className = 'icon-arrow'; if (step < 0) i.style.transform = 'rotate(-135deg)';
      b.appendChild(i);
      b.disabled = step < 0 ? page <= 1 : page >= pages();
      b.addEventListener('click', function () { page += step; later(render); });
      p.appendChild(b);
    });
    return p;
  }
  function pager() {
    if (mode === 'icons') return iconPager();
    var p = document.createElement('div'); p.className = 'pager';
    p.appendChild(document.createTextNode('共 ' + data.length + ' 条 第 ' + page + '/' + pages() + ' 页 '));
    if (mode === 'late') {
      if (page > 1) { var back = document.createElement('a'); back.href = '?page=' + (page - 1); back.textContent = '上一页'; p.appendChild(back); }
      if (page < pages()) { var on = document.createElement('a'); on.href = '?page=' + (page + 1); on.textContent = '下一页'; p.appendChild(on); }
      return p;
    }
    if (mode === 'sizes') {
      var sel = document.createElement('select'); sel.className = 'page-size';
      [10, 20, 50, 100].forEach(function (n) { var o = document.createElement('option'); o.value = String(n); o.textContent = n + ' 条/页'; if (n === size) o.selected = true; sel.appendChild(o); });
      sel.addEventListener('change', function () { size = Number(sel.value); page = 1; later(render); });
      p.appendChild(document.createTextNode('每页 ')); p.appendChild(sel);
    }
    var prev = document.createElement('button'); prev.textContent = '上一页'; prev.disabled = page <= 1;
    prev.addEventListener('click', function () { page--; later(render); });
    var next = document.createElement('button'); next.textContent = '下一页'; next.className = 'next'; next.disabled = page >= pages();
    next.addEventListener('click', function () {
      if (mode === 'stuck') return later(render);
      if (mode === 'shift') { data.unshift(['KN' + (900 + shifted), '新客户' + shifted, '1370000' + String(1000 + shifted), 'H', '王芳', '朗逸']); shifted++; }
      page++; later(render);
    });
    p.appendChild(prev); p.appendChild(next);
    return p;
  }
  // The portal answers after a moment, as a request to its server would.
  function later(fn) { setTimeout(fn, 60); }
  function render() {
    host.textContent = '';
    if (mode === 'morph' && page > 3) {
      host.appendChild(table(data.slice((page - 1) * size, page * size).map(function (r) { return [r[1], r[2]]; }), ['姓名', '电话']));
      return;
    }
    if (mode === 'more' || mode === 'infinite') {
      var box = document.createElement('div'); if (mode === 'infinite') box.className = 'list-scroll';
      box.appendChild(table(data.slice(0, shown)));
      host.appendChild(box);
      var count = document.createElement('p'); count.textContent = '共 ' + data.length + ' 条，已显示 ' + Math.min(shown, data.length) + ' 条'; host.appendChild(count);
      if (mode === 'more' && shown < data.length) {
        var more = document.createElement('button'); more.textContent = '加载更多'; more.className = 'load-more';
        more.addEventListener('click', function () { shown += 20; later(render); });
        host.appendChild(more);
      }
      if (mode === 'infinite') {
        box.addEventListener('scroll', function () {
          if (box.scrollTop + box.clientHeight >= box.scrollHeight - 4 && shown < data.length && !box.dataset.loading) {
            box.dataset.loading = '1';
            later(function () { var top = box.scrollTop; shown += 20; render(); host.querySelector('.list-scroll').scrollTop = top; });
          }
        });
      }
      return;
    }
    host.appendChild(table(data.slice((page - 1) * size, page * size)));
    host.appendChild(pager());
  }
  function virtual() {
    var rowH = 28, grid = document.createElement('div');
    grid.className = 'vgrid'; grid.setAttribute('role', 'grid'); grid.setAttribute('aria-rowcount', String(data.length + 1));
    var head = document.createElement('div'); head.setAttribute('role', 'row'); head.setAttribute('aria-rowindex', '1');
    headers.forEach(function (h, i) { var c = document.createElement('div'); c.setAttribute('role', 'columnheader'); c.setAttribute('aria-colindex', String(i + 1)); c.textContent = h; head.appendChild(c); });
    var vp = document.createElement('div'); vp.className = 'viewport';
    var spacer = document.createElement('div'); spacer.style.height = (data.length * rowH) + 'px'; spacer.style.position = 'relative';
    vp.appendChild(spacer); grid.appendChild(head); grid.appendChild(vp); host.appendChild(grid);
    function draw() {
      var first = Math.max(0, Math.floor(vp.scrollTop / rowH) - 5), last = Math.min(data.length, first + 30);
      spacer.textContent = '';
      for (var i = first; i < last; i++) {
        var r = document.createElement('div'); r.setAttribute('role', 'row'); r.setAttribute('aria-rowindex', String(i + 2));
        r.style.position = 'absolute'; r.style.top = (i * rowH) + 'px'; r.style.left = '0'; r.style.right = '0';
        data[i].forEach(function (v, j) { var c = document.createElement('div'); c.setAttribute('role', 'gridcell'); c.setAttribute('aria-colindex', String(j + 1)); c.textContent = v; r.appendChild(c); });
        spacer.appendChild(r);
      }
    }
    vp.addEventListener('scroll', function () { requestAnimationFrame(draw); });
    draw();
  }
  if (mode === 'danger' || mode === 'icons') {
    document.querySelectorAll('[data-danger]').forEach(function (b) {
      b.addEventListener('click', function (e) {
        e.preventDefault();
        document.body.setAttribute('data-danger-clicks', String(Number(document.body.getAttribute('data-danger-clicks') || '0') + 1));
      });
    });
  }
  if (mode === 'virtual') virtual(); else if (mode === 'late') later(render); else render();
})();`;

export function renderCrawlList(customers: readonly DemoCustomer[], mode: CrawlMode): string {
  const rows = rowsOf(customers, CRAWL_COUNTS[mode]);
  const danger =
    mode === 'danger'
      ? '<div class="toolbar"><button data-danger>新增客户</button> <button data-danger>导出</button> <button data-danger>批量删除</button></div>'
      : mode === 'icons'
        ? '<div class="toolbar"><button data-danger class="pg-btn" title="导出">⇩</button></div>'
        : '';
  // Row actions too, on the danger page: 编辑 and 删除 in a column of their own, outside the list's own table.
  const side =
    mode === 'danger'
      ? '<p class="row-tools"><a href="#" data-danger>编辑</a> <a href="#" data-danger>删除</a> <a href="#" data-danger>导出 Excel</a></p>'
      : '';
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>客户列表（${esc(mode)}）- 鑫达汽车</title><style>${STYLE}</style></head>
<body data-mode="${esc(mode)}" data-danger-clicks="0">
<h3>客户管理 &gt; 客户列表</h3>
${danger}
<div id="list"></div>
${side}
<script type="application/json" id="headers">${json(HEADERS)}</script>
<script type="application/json" id="rows">${json(rows)}</script>
<script>${SCRIPT}</script>
</body></html>`;
}
