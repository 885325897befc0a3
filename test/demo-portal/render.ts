// Pages of the demo portal as HTML strings: pure functions of the data and
// the query. Markup follows what legacy dealer DMS pages serve (layout
// tables, a search form and a KPI table above a server-rendered list, a pager
// below), plus the other families DealerLens must read (docs/capture.md#table-families): frames,
// iframes, Element UI 2 split tables with fixed columns, card lists. Every
// value is escaped: a portal shows what staff typed as text.

import { CONSULTANTS, STORE_NAME, BRAND, type DemoCustomer } from './data.ts';
import {
  computeKpis,
  dateStyleFor,
  escapeHtml as esc,
  formatDate,
  formatMileage,
  formatMoney,
  formatPhone,
  GENDER_LABELS,
  GRADE_LABELS,
  STAGE_LABELS,
  truncateNote,
  USE_LABELS,
  type DateStyle,
  type Kpis,
} from './format.ts';
import type { Stage } from '../../lib/customer.ts';

export { escapeHtml } from './format.ts';

export const LIST_PATH = '/crm/customer/list';
export const DETAIL_PATH = '/crm/customer/detail';
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 10000;
export const MAX_MODERN_PAGE_SIZE = 5000;

const NBSP = '&nbsp;';
const GRADES = ['H', 'A', 'B', 'C', 'O', 'D', 'M'] as const;
const STAGE_FILTERS: Stage[] = ['lead', 'ordered', 'delivered', 'owner', 'defeated'];

// --- query -----------------------------------------------------------------

export interface ListQuery {
  page: number;
  size: number;
  name?: string;
  phone?: string;
  grade?: string;
  consultant?: string;
  stage?: string;
}

/** Reads page, size and the search form's filters; clamps bad numbers. */
export function parseListQuery(params: URLSearchParams, maxSize = MAX_PAGE_SIZE): ListQuery {
  const num = (key: string, fallback: number): number => {
    const n = Number.parseInt(params.get(key) ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  const q: ListQuery = { page: num('page', 1), size: Math.min(num('size', DEFAULT_PAGE_SIZE), maxSize) };
  for (const key of ['name', 'phone', 'grade', 'consultant', 'stage'] as const) {
    const v = params.get(key)?.trim();
    if (v) q[key] = v;
  }
  return q;
}

/** The search form's filters: name and phone match a part, the selects match exactly. */
export function filterCustomers(customers: readonly DemoCustomer[], q: ListQuery): readonly DemoCustomer[] {
  if (!q.name && !q.phone && !q.grade && !q.consultant && !q.stage) return customers;
  const phoneDigits = q.phone?.replace(/\D/g, '');
  return customers.filter(
    (c) =>
      (!q.name || c.name.includes(q.name)) &&
      (!phoneDigits || c.phone.includes(phoneDigits)) &&
      (!q.grade || c.portalGrade === q.grade) &&
      (!q.consultant || c.consultant === q.consultant) &&
      (!q.stage || c.stage === q.stage),
  );
}

function queryString(q: ListQuery, overrides: Partial<ListQuery> = {}, extra: Record<string, string> = {}): string {
  const merged = { ...q, ...overrides };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  for (const key of ['name', 'phone', 'grade', 'consultant', 'stage'] as const) {
    if (merged[key]) params.set(key, merged[key]);
  }
  params.set('page', String(merged.page));
  params.set('size', String(merged.size));
  return params.toString();
}

interface Paged {
  rows: readonly DemoCustomer[];
  /** Row number (序号) of the first row, 1-based. */
  first: number;
  page: number;
  pages: number;
  total: number;
}

function paginate(all: readonly DemoCustomer[], q: ListQuery): Paged {
  const total = all.length;
  const pages = Math.max(1, Math.ceil(total / q.size));
  const page = Math.min(q.page, pages);
  const start = (page - 1) * q.size;
  return { rows: all.slice(start, start + q.size), first: start + 1, page, pages, total };
}

/** Page numbers to show: first, last, and two either side of the current one. */
export function pagerNumbers(page: number, pages: number): (number | '…')[] {
  const out: (number | '…')[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== '…') out.push('…');
  }
  return out;
}

// --- shared chrome ---------------------------------------------------------

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

function head(title: string, css = '/static/dms.css'): string {
  return `${DOCTYPE}
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=EmulateIE8" />
<title>${esc(title)} - ${esc(STORE_NAME)} DMS</title>
<link rel="stylesheet" type="text/css" href="${css}" />
</head>`;
}

function banner(today: string): string {
  return `<table class="banner" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td class="logo"><span class="logo-mark">VW</span><span class="logo-text">${esc(STORE_NAME)} DMS</span><span class="logo-sub">${esc(BRAND)}经销商管理系统 V3.2</span></td>
<td class="userbar" align="right">当前用户：<b>王芳</b>（销售顾问）&nbsp;|&nbsp;${esc(formatDate(today, 'chinese'))}&nbsp;|&nbsp;<a href="/empty">首页</a>&nbsp;|&nbsp;<a href="javascript:void(0)" onclick="alert('修改密码请联系系统管理员')">修改密码</a>&nbsp;|&nbsp;<a href="javascript:void(0)">退出</a></td>
</tr></table>`;
}

const MENU: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  [
    '客户管理',
    [
      ['客户列表', LIST_PATH],
      ['新增客户', `${LIST_PATH}#add`],
      ['卡片视图', '/cards/list'],
      ['新版列表', '/modern/list'],
    ],
  ],
  [
    '销售线索',
    [
      ['有望客户', `${LIST_PATH}?stage=lead`],
      ['订车客户', `${LIST_PATH}?stage=ordered`],
      ['交车客户', `${LIST_PATH}?stage=delivered`],
    ],
  ],
  [
    '战败客户',
    [
      ['战败审核', `${LIST_PATH}?stage=defeated`],
      ['战败分析', '/empty'],
    ],
  ],
  [
    '售后管理',
    [
      ['保养提醒', `${LIST_PATH}?stage=owner`],
      ['维修工单', '/broken'],
    ],
  ],
  ['保有客户', [['保有客户', `${LIST_PATH}?stage=owner`]]],
  [
    '报表',
    [
      ['销售日报', '/empty'],
      ['漏斗分析', '/empty'],
    ],
  ],
];

function menu(target?: string): string {
  const t = target ? ` target="${target}"` : '';
  return `<table class="menu" width="100%" cellpadding="0" cellspacing="0" border="0">
${MENU.map(
  ([group, items]) =>
    `<tr><td class="menu-group">${esc(group)}</td></tr>
${items.map(([label, href]) => `<tr><td class="menu-item"><a href="${esc(href)}"${t}>${esc(label)}</a></td></tr>`).join('\n')}`,
).join('\n')}
</table>`;
}

function footer(): string {
  return `<div class="copyright">Copyright &copy; 2011-2026 ${esc(STORE_NAME)} &nbsp; 技术支持：汇达信息科技 &nbsp; 建议使用 IE8 及以上浏览器，1024&times;768 分辨率</div>`;
}

/** The classic shell: banner on top, menu on the left, content on the right, all in a layout table. */
function shell(title: string, today: string, content: string, breadcrumb: string): string {
  return `${head(title)}
<body>
${banner(today)}
<table class="layout" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td class="side" width="168" valign="top">${menu()}</td>
<td class="main" valign="top">
<div class="crumb">当前位置：${breadcrumb}</div>
${content}
</td></tr></table>
${footer()}
</body>
</html>`;
}

function kpiTable(k: Kpis): string {
  const cells: [string, number][] = [
    ['今日到店', k.visitsToday],
    ['本月新增', k.newThisMonth],
    ['待跟进', k.dueFollowUps],
    ['本月订车', k.ordersThisMonth],
    ['本月交车', k.deliveriesThisMonth],
    ['本月战败', k.defeatedThisMonth],
    ['保有客户', k.owners],
    ['客户总数', k.total],
  ];
  return `<table class="kpi" cellpadding="0" cellspacing="0" border="1">
<tr>${cells.map(([label]) => `<td class="kpi-label">${label}</td>`).join('')}</tr>
<tr>${cells.map(([, n]) => `<td class="kpi-value">${n}</td>`).join('')}</tr>
</table>`;
}

function options(values: readonly string[], selected: string | undefined, labels?: Record<string, string>): string {
  return values
    .map(
      (v) =>
        `<option value="${esc(v)}"${v === selected ? ' selected="selected"' : ''}>${esc(labels?.[v] ?? v)}</option>`,
    )
    .join('');
}

function searchForm(action: string, q: ListQuery, hidden: Record<string, string>): string {
  const hiddenInputs = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}" />`)
    .join('');
  return `<form id="searchForm" name="searchForm" method="get" action="${esc(action)}">${hiddenInputs}
<input type="hidden" name="size" value="${q.size}" />
<table class="search" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr>
<td class="lbl">客户姓名：</td><td><input type="text" name="name" class="txt" value="${esc(q.name)}" /></td>
<td class="lbl">手机号码：</td><td><input type="text" name="phone" class="txt" maxlength="20" value="${esc(q.phone)}" /></td>
<td class="lbl">意向级别：</td><td><select name="grade"><option value="">--全部--</option>${options(GRADES, q.grade, GRADE_LABELS)}</select></td>
</tr>
<tr>
<td class="lbl">销售顾问：</td><td><select name="consultant"><option value="">--全部--</option>${options(CONSULTANTS, q.consultant)}</select></td>
<td class="lbl">客户状态：</td><td><select name="stage"><option value="">--全部--</option>${options(STAGE_FILTERS, q.stage, STAGE_LABELS)}</select></td>
<td colspan="2" class="btns"><input type="submit" class="btn btn-primary" value="查 询" />&nbsp;<input type="button" class="btn" value="重 置" onclick="location.href='${esc(action)}${hidden.embed ? '?embed=1' : ''}'" />&nbsp;<input type="button" class="btn" value="导出Excel" onclick="alert('您没有导出权限，请联系管理员开通')" /></td>
</tr>
</table>
</form>`;
}

/** First, previous, next, last as bare arrow icons; a disabled one keeps its place, without a link. */
function iconPager(href: (page: number) => string, p: Paged): string {
  const arrow = (page: number, turn: number, enabled: boolean): string =>
    `<a class="pg-arrow${enabled ? '' : ' disabled'}"${enabled ? ` href="${href(page)}"` : ''}><i class="icon-arrow" style="display:inline-block;width:7px;height:7px;border-top:2px solid #333;border-right:2px solid #333;transform:rotate(${turn}deg)"></i></a>`;
  return `<div class="pager pg-icons">共 <b>${p.total}</b> 条&nbsp;&nbsp;第 ${p.page}/${p.pages} 页&nbsp;&nbsp;
${arrow(1, -135, p.page > 1)}${arrow(p.page - 1, -135, p.page > 1)}${arrow(p.page + 1, 45, p.page < p.pages)}${arrow(p.pages, 45, p.page < p.pages)}
</div>`;
}

function pager(base: string, q: ListQuery, p: Paged, extra: Record<string, string>): string {
  const href = (page: number): string => esc(`${base}?${queryString(q, { page }, extra)}`);
  if (extra.pager === 'icons') return iconPager(href, p);
  const link = (page: number, label: string, enabled: boolean): string =>
    enabled ? `<a href="${href(page)}">${label}</a>` : `<span class="disabled">${label}</span>`;
  const numbers = pagerNumbers(p.page, p.pages)
    .map((n) =>
      n === '…'
        ? '<span class="dots">…</span>'
        : n === p.page
          ? `<span class="current">${n}</span>`
          : `<a href="${href(n)}">${n}</a>`,
    )
    .join(' ');
  const hiddenInputs = Object.entries({ ...extra, ...Object.fromEntries(new URLSearchParams(queryString(q, {}, {}))) })
    .filter(([k]) => k !== 'page')
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}" />`)
    .join('');
  return `<div class="pager">
<form method="get" action="${esc(base)}">共 <b>${p.total}</b> 条&nbsp;&nbsp;每页 ${q.size} 条&nbsp;&nbsp;第 ${p.page}/${p.pages} 页&nbsp;&nbsp;
${link(1, '首页', p.page > 1)} ${link(p.page - 1, '上一页', p.page > 1)} ${numbers} ${link(p.page + 1, '下一页', p.page < p.pages)} ${link(p.pages, '尾页', p.page < p.pages)}
&nbsp;&nbsp;跳转到 <input type="text" name="page" class="txt-page" size="3" value="${p.page}" /> 页 ${hiddenInputs}<input type="submit" class="btn btn-small" value="GO" /></form>
</div>`;
}

// --- the classic list page -------------------------------------------------

const LIST_HEADERS = [
  '序号',
  '',
  '客户编号',
  '客户姓名',
  '性别',
  '手机号码',
  '意向级别',
  '意向车型',
  '销售顾问',
  '客户来源',
  '所属区域',
  '首次到店',
  '最近联系',
  '预计购车时间',
  '客户状态',
  '战败原因',
  '车牌号',
  '车架号',
  '行驶里程',
  '最近进站',
  '累计消费',
  '备注',
  '操作',
] as const;

const cell = (text: string, cls?: string): string =>
  `<td${cls ? ` class="${cls}"` : ''}>${text === '' ? NBSP : text}</td>`;
const dateCell = (value: string | undefined, rowNo: number, style: DateStyle): string =>
  cell(esc(formatDate(value, dateStyleFor(rowNo, style))), 'date');

function gradeSpan(grade: string | undefined): string {
  return grade ? `<span class="lv lv-${esc(grade)}">${esc(grade)}</span>` : '';
}

function listRow(c: DemoCustomer, rowNo: number, detailBase: string): string {
  const detail = `${detailBase}?id=${encodeURIComponent(c.portalId)}`;
  const notes = c.notes
    ? `<td class="note" title="${esc(c.notes)}">${esc(truncateNote(c.notes))}</td>`
    : cell('', 'note');
  return `<tr class="${rowNo % 2 === 0 ? 'even' : 'odd'}">${[
    cell(String(rowNo), 'no'),
    `<td class="chk"><input type="checkbox" name="ids" value="${esc(c.portalId)}" /></td>`,
    cell(esc(c.portalId)),
    cell(`<a href="${esc(detail)}" class="cust-link">${esc(c.name)}</a>`),
    cell(GENDER_LABELS[c.gender]),
    cell(esc(formatPhone(c.phone, rowNo)), 'phone'),
    cell(gradeSpan(c.portalGrade), 'center'),
    cell(esc(c.intendedModel)),
    cell(esc(c.consultant)),
    cell(esc(c.source)),
    cell(esc(c.district)),
    dateCell(c.firstVisitAt, rowNo, 'iso'),
    dateCell(c.lastContactAt, rowNo, 'isoTime'),
    dateCell(c.expectedPurchaseAt, rowNo, 'chinese'),
    cell(STAGE_LABELS[c.stage], `stage stage-${c.stage}`),
    cell(esc(c.defeatReason === '竞品' && c.competitor ? `竞品(${c.competitor})` : c.defeatReason)),
    cell(esc(c.plate)),
    cell(esc(c.vin), 'vin'),
    cell(esc(formatMileage(c.mileageKm, rowNo)), 'num'),
    dateCell(c.lastServiceAt, rowNo, 'slash'),
    cell(esc(formatMoney(c.totalSpend, rowNo)), 'num'),
    notes,
    `<td class="ops"><a href="${esc(detail)}">查看</a> | <a href="${esc(`${detail}&op=edit`)}">编辑</a></td>`,
  ].join('')}</tr>`;
}

function listTable(p: Paged, detailBase: string): string {
  const spend = p.rows.reduce((s, c) => s + (c.totalSpend ?? 0), 0);
  const km = p.rows.reduce((s, c) => s + (c.mileageKm ?? 0), 0);
  const head = LIST_HEADERS.map((h, i) =>
    i === 1 ? '<th class="chk"><input type="checkbox" id="chkAll" onclick="checkAll(this)" /></th>' : `<th>${h}</th>`,
  ).join('');
  const body: string[] = [];
  for (let i = 0; i < p.rows.length; i++) body.push(listRow(p.rows[i]!, p.first + i, detailBase));
  // The 合计 row sits in the body as the last row, as JSP list pages print it.
  const sum =
    p.rows.length === 0
      ? ''
      : `<tr class="sum-row"><td colspan="3" class="center"><b>合计</b></td><td colspan="15">本页 ${p.rows.length} 人</td><td class="num">${formatMileage(km, 0)}</td><td>${NBSP}</td><td class="num">${formatMoney(spend, 0)}</td><td colspan="2">${NBSP}</td></tr>`;
  return `<table id="custList" class="list" width="100%" cellpadding="0" cellspacing="0" border="1">
<thead><tr>${head}</tr></thead>
<tbody>
${body.join('\n')}
${sum}
</tbody>
</table>`;
}

const CHECK_ALL_SCRIPT = `<script type="text/javascript">
function checkAll(box) {
  var items = document.getElementsByName('ids');
  for (var i = 0; i < items.length; i++) items[i].checked = box.checked;
}
</script>`;

export interface ListPageOptions {
  today: string;
  /** Rendered inside a frame or iframe: content only, links keep `embed=1`. */
  embedded?: boolean;
  /** KPI figures for the whole store (defaults to the customers given). */
  kpis?: Kpis;
  /** Where the page says it is (defaults to the customer list). */
  breadcrumb?: string;
  /** `?pager=icons`: the pager's arrows are bare icons and it shows no page numbers (a pager DealerLens is taught). */
  iconPager?: boolean;
}

/** The customer list page `/crm/customer/list`. */
export function renderListPage(customers: readonly DemoCustomer[], q: ListQuery, opts: ListPageOptions): string {
  const filtered = filterCustomers(customers, q);
  const p = paginate(filtered, q);
  const extra: Record<string, string> = opts.embedded ? { embed: '1' } : {};
  if (opts.iconPager) extra.pager = 'icons';
  const kpis = opts.kpis ?? computeKpis(customers, opts.today);
  const crumb = opts.breadcrumb ?? '客户管理 &gt; 客户列表';
  const content = `${searchForm(LIST_PATH, q, extra)}
<div class="box-title">今日概况</div>
${kpiTable(kpis)}
<div class="toolbar"><input type="button" class="btn" value="新增客户" onclick="alert('演示系统不支持新增')" /> <input type="button" class="btn" value="批量分配" /> <input type="button" class="btn" value="转战败" /> <span class="legend">级别说明：H 7天内成交 A 1个月内 B 3个月内 C 3个月以上 O 订车 D 交车 M 保有</span></div>
${listTable(p, DETAIL_PATH)}
${pager(LIST_PATH, q, p, extra)}
${CHECK_ALL_SCRIPT}`;
  if (opts.embedded) {
    return `${head('客户列表')}
<body class="embedded">
<div class="crumb">当前位置：${crumb}</div>
${content}
</body>
</html>`;
  }
  return shell('客户列表', opts.today, content, crumb);
}

/** `/broken`: the list page with its header row and no customer rows at all. */
export function renderBrokenListPage(today: string, kpis: Kpis): string {
  return renderListPage(
    [],
    { page: 1, size: DEFAULT_PAGE_SIZE },
    { today, kpis, breadcrumb: '售后管理 &gt; 维修工单' },
  );
}

// --- dashboard (no customer table) -----------------------------------------

/** `/empty`: the home dashboard; a KPI table, notices and to-dos, no customer list. */
export function renderDashboard(customers: readonly DemoCustomer[], today: string): string {
  const k = computeKpis(customers, today);
  const content = `<div class="box-title">今日概况</div>
${kpiTable(k)}
<table class="layout dash" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td valign="top" width="50%"><div class="panel"><div class="panel-hd">系统公告</div><ul class="notice">
<li><a href="javascript:void(0)">关于${esc(formatDate(today, 'chinese').slice(0, 5))}年终冲量政策的通知</a><span>${esc(formatDate(today, 'iso'))}</span></li>
<li><a href="javascript:void(0)">ID.4 X 厂家置换补贴口径说明</a><span>2026-11-15</span></li>
<li><a href="javascript:void(0)">DMS 系统将于周日 22:00-24:00 升级维护</a><span>2026-11-10</span></li>
<li><a href="javascript:void(0)">战败客户回访规范（试行）</a><span>2026-10-28</span></li>
</ul></div></td>
<td valign="top"><div class="panel"><div class="panel-hd">我的待办</div><ul class="notice">
<li><a href="${LIST_PATH}?stage=lead">待跟进客户 ${k.dueFollowUps} 位</a></li>
<li><a href="${LIST_PATH}?stage=ordered">订车待交车 ${k.ordersThisMonth} 台</a></li>
<li><a href="${LIST_PATH}?stage=defeated">战败待审核 ${k.defeatedThisMonth} 位</a></li>
<li><a href="${LIST_PATH}?stage=owner">本月首保提醒</a></li>
</ul></div></td>
</tr></table>`;
  return shell('首页', today, content, '首页');
}

// --- detail ----------------------------------------------------------------

/** `/crm/customer/detail?id=...`: one customer, label/value form tables; `edit` shows inputs. */
export function renderDetailPage(c: DemoCustomer, today: string, edit = false): string {
  const v = (label: string, value: string | number | undefined, name: string): string =>
    `<td class="lbl">${label}：</td><td class="val">${
      edit
        ? `<input type="text" class="txt" name="${name}" value="${esc(value)}" />`
        : value === undefined || value === ''
          ? NBSP
          : esc(value)
    }</td>`;
  const rows = (pairs: [string, string | number | undefined, string][]): string => {
    const out: string[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const [a, b] = [pairs[i]!, pairs[i + 1]];
      out.push(`<tr>${v(...a)}${b ? v(...b) : '<td class="lbl">&nbsp;</td><td>&nbsp;</td>'}</tr>`);
    }
    return out.join('\n');
  };
  const section = (title: string, pairs: [string, string | number | undefined, string][]): string =>
    `<div class="box-title">${title}</div>
<table class="form-table" width="100%" cellpadding="0" cellspacing="0" border="1">
${rows(pairs)}
</table>`;
  const hasVehicle = c.vin !== undefined;
  const follow: [string, string, string][] = [
    [formatDate(c.firstVisitAt, 'iso'), '到店', `首次到店接待，意向${c.intendedModel}`],
  ];
  if (c.purchasedAt)
    follow.push([
      formatDate(c.purchasedAt, 'iso'),
      '到店',
      c.stage === 'ordered' ? '签订购车合同，已交订金' : '签订购车合同',
    ]);
  follow.push([formatDate(c.lastContactAt, 'isoTime'), '电话', c.notes || '电话回访']);
  const content = `${section('基本信息', [
    ['客户编号', c.portalId, 'portalId'],
    ['客户姓名', c.name, 'name'],
    ['性别', GENDER_LABELS[c.gender], 'gender'],
    ['手机号码', c.phone, 'phone'],
    ['身份证号', c.idNumber, 'idNumber'],
    ['出生日期', formatDate(c.birthday, 'iso'), 'birthday'],
    ['所属区域', c.district, 'district'],
    ['职业', c.occupation, 'occupation'],
    ['联系地址', c.address, 'address'],
    ['客户来源', c.source, 'source'],
    ['介绍人', c.referrer, 'referrer'],
    ['转介绍次数', c.referrals, 'referrals'],
  ])}
${section('销售信息', [
  ['销售顾问', c.consultant, 'consultant'],
  ['客户状态', STAGE_LABELS[c.stage], 'stage'],
  ['意向级别', c.portalGrade, 'portalGrade'],
  ['意向车型', c.intendedModel, 'intendedModel'],
  ['首次到店', formatDate(c.firstVisitAt, 'iso'), 'firstVisitAt'],
  ['最近联系', formatDate(c.lastContactAt, 'isoTime'), 'lastContactAt'],
  ['预计购车时间', formatDate(c.expectedPurchaseAt, 'iso'), 'expectedPurchaseAt'],
  ['战败原因', c.defeatReason, 'defeatReason'],
  ['竞品车型', c.competitor, 'competitor'],
  ['投诉次数', c.complaints, 'complaints'],
])}
${
  hasVehicle
    ? section('车辆信息', [
        ['车型', c.vehicleModel, 'vehicleModel'],
        ['车牌号', c.plate, 'plate'],
        ['车架号', c.vin, 'vin'],
        ['车辆用途', c.vehicleUse ? USE_LABELS[c.vehicleUse] : undefined, 'vehicleUse'],
        ['购车日期', formatDate(c.purchasedAt, 'iso'), 'purchasedAt'],
        ['交车日期', formatDate(c.deliveredAt, 'iso'), 'deliveredAt'],
        ['首保日期', formatDate(c.firstServiceDueAt, 'iso'), 'firstServiceDueAt'],
        ['行驶里程', c.mileageKm === undefined ? undefined : `${c.mileageKm} km`, 'mileageKm'],
      ]) +
      '\n' +
      section('售后信息', [
        ['最近进站', formatDate(c.lastServiceAt, 'iso'), 'lastServiceAt'],
        ['进站次数', c.serviceVisits, 'serviceVisits'],
        ['累计消费', c.totalSpend === undefined ? undefined : formatMoney(c.totalSpend, 0), 'totalSpend'],
        ['满意度', c.satisfaction, 'satisfaction'],
        ['参加活动', c.eventsAttended, 'eventsAttended'],
        ['年行驶里程', c.annualMileageKm === undefined ? undefined : `${c.annualMileageKm} km`, 'annualMileageKm'],
      ])
    : ''
}
<div class="box-title">备注</div>
<table class="form-table" width="100%" cellpadding="0" cellspacing="0" border="1"><tr><td class="val note-full">${
    edit ? `<textarea name="notes" rows="3" cols="80">${esc(c.notes)}</textarea>` : esc(c.notes) || NBSP
  }</td></tr></table>
<div class="box-title">跟进记录</div>
<table class="list" width="100%" cellpadding="0" cellspacing="0" border="1">
<thead><tr><th>跟进时间</th><th>方式</th><th>内容</th><th>跟进人</th></tr></thead>
<tbody>
${follow.map(([when, how, what]) => `<tr><td>${esc(when)}</td><td>${how}</td><td>${esc(what)}</td><td>${esc(c.consultant)}</td></tr>`).join('\n')}
</tbody></table>
<div class="toolbar">${edit ? '<input type="button" class="btn btn-primary" value="保 存" onclick="alert(\'演示系统不支持保存\')" /> ' : ''}<input type="button" class="btn" value="返 回" onclick="history.back()" /></div>`;
  return shell(
    edit ? '编辑客户' : '客户详情',
    today,
    edit ? `<form method="post" action="#">${content}</form>` : content,
    `客户管理 &gt; 客户列表 &gt; ${edit ? '编辑' : '详情'}`,
  );
}

/** A portal-styled 404 page. */
export function renderNotFound(path: string, today: string): string {
  return shell(
    '页面不存在',
    today,
    `<div class="error-box">您访问的页面不存在或已被删除：${esc(path)}<br /><a href="${LIST_PATH}">返回客户列表</a></div>`,
    '错误',
  );
}

// --- frames and iframes ----------------------------------------------------

/** `/frames/index.html`: the list hidden in a frameset, as older portals built it. */
export function renderFrameset(): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN" "http://www.w3.org/TR/html4/frameset.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>${esc(STORE_NAME)} DMS</title>
</head>
<frameset rows="64,*" frameborder="0" border="0" framespacing="0">
  <frame src="/frames/top.html" name="topFrame" scrolling="no" noresize="noresize" />
  <frameset cols="170,*" frameborder="0" border="0" framespacing="0">
    <frame src="/frames/menu.html" name="leftFrame" scrolling="auto" />
    <frame src="${LIST_PATH}?embed=1" name="mainFrame" scrolling="auto" />
  </frameset>
  <noframes><body>您的浏览器不支持框架，请升级浏览器。</body></noframes>
</frameset>
</html>`;
}

export function renderFrameTop(today: string): string {
  return `${head('顶部')}
<body class="frame-top">${banner(today)}</body>
</html>`;
}

export function renderFrameMenu(): string {
  // Menu links open in the main frame, keeping the list embedded.
  return `${head('菜单')}
<body class="frame-menu">${menu('mainFrame').replace(/href="(\/crm\/customer\/list)(\?)?([^"]*)"/g, (_m, path: string, q: string | undefined, rest: string) => `href="${path}?embed=1${q ? '&amp;' : ''}${rest}"`)}</body>
</html>`;
}

/** `/iframe/index.html`: the shell with tabs, the list inside a same-origin iframe. */
export function renderIframeShell(today: string): string {
  const content = `<div class="tabs"><span class="tab">首页</span><span class="tab tab-on">客户列表 <b>&times;</b></span></div>
<iframe id="mainFrame" name="mainFrame" src="${LIST_PATH}?embed=1" frameborder="0" width="100%" class="main-iframe"></iframe>`;
  return `${head('工作台')}
<body>
${banner(today)}
<table class="layout" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td class="side" width="168" valign="top">${menu('mainFrame')}</td>
<td class="main" valign="top">${content}</td></tr></table>
${footer()}
</body>
</html>`;
}

// --- Element UI 2 split table ------------------------------------------------

interface ElColumn {
  label: string;
  width: number;
  fixed?: 'left' | 'right';
  kind?: 'selection' | 'index';
  sortable?: boolean;
  tooltip?: boolean;
  render?: (c: DemoCustomer, rowNo: number) => string;
}

const TAG_TYPE: Record<string, string> = {
  H: 'danger',
  A: 'warning',
  B: '',
  C: 'info',
  O: 'success',
  D: 'success',
  M: 'success',
};

const EL_COLUMNS: readonly ElColumn[] = [
  { label: '', width: 48, fixed: 'left', kind: 'selection' },
  { label: '序号', width: 60, fixed: 'left', kind: 'index' },
  { label: '客户姓名', width: 100, fixed: 'left', render: (c) => esc(c.name) },
  { label: '客户编号', width: 100, render: (c) => esc(c.portalId) },
  { label: '手机号码', width: 130, render: (c, n) => esc(formatPhone(c.phone, n)) },
  { label: '性别', width: 60, render: (c) => GENDER_LABELS[c.gender] },
  {
    label: '意向级别',
    width: 90,
    render: (c) =>
      c.portalGrade
        ? `<span class="el-tag${TAG_TYPE[c.portalGrade] ? ` el-tag--${TAG_TYPE[c.portalGrade]}` : ''} el-tag--small el-tag--light">${esc(c.portalGrade)}</span>`
        : '',
  },
  { label: '意向车型', width: 100, render: (c) => esc(c.intendedModel) },
  { label: '销售顾问', width: 90, render: (c) => esc(c.consultant) },
  { label: '客户来源', width: 90, render: (c) => esc(c.source) },
  { label: '所属区域', width: 90, render: (c) => esc(c.district) },
  {
    label: '首次到店',
    width: 110,
    sortable: true,
    render: (c, n) => esc(formatDate(c.firstVisitAt, dateStyleFor(n, 'iso'))),
  },
  {
    label: '最近联系',
    width: 150,
    sortable: true,
    render: (c, n) => esc(formatDate(c.lastContactAt, dateStyleFor(n, 'isoTime'))),
  },
  { label: '预计购车时间', width: 130, render: (c) => esc(formatDate(c.expectedPurchaseAt, 'iso')) },
  { label: '客户状态', width: 90, render: (c) => STAGE_LABELS[c.stage] },
  { label: '战败原因', width: 110, render: (c) => esc(c.defeatReason) },
  { label: '车牌号', width: 110, render: (c) => esc(c.plate) },
  { label: '累计消费', width: 110, render: (c, n) => esc(formatMoney(c.totalSpend, n)) },
  { label: '备注', width: 180, tooltip: true, render: (c) => esc(c.notes) },
  {
    label: '操作',
    width: 120,
    fixed: 'right',
    render: (c) =>
      `<button type="button" class="el-button el-button--text el-button--small" data-href="${esc(`${DETAIL_PATH}?id=${encodeURIComponent(c.portalId)}`)}"><span>查看</span></button><button type="button" class="el-button el-button--text el-button--small" data-href="${esc(`${DETAIL_PATH}?id=${encodeURIComponent(c.portalId)}&op=edit`)}"><span>编辑</span></button>`,
  },
];

const EL_HEADER_HEIGHT = 48;
const EL_ROW_HEIGHT = 40;
const EL_CHECKBOX =
  '<label class="el-checkbox"><span class="el-checkbox__input"><span class="el-checkbox__inner"></span><input type="checkbox" aria-hidden="false" class="el-checkbox__original" value="" /></span></label>';

type ElPart = 'main' | 'left' | 'right';

/** Element UI 2 hides, with `is-hidden`, the cells another copy of the table shows. */
function elHidden(col: ElColumn, part: ElPart): boolean {
  if (part === 'main') return col.fixed !== undefined;
  return col.fixed !== part;
}

function elColgroup(widths: readonly number[], gutter: boolean): string {
  return `<colgroup>${widths.map((w, i) => `<col name="el-table_1_column_${i + 1}" width="${w}">`).join('')}${gutter ? '<col name="gutter" width="0">' : ''}</colgroup>`;
}

function elHeaderTable(part: ElPart, width: number): string {
  const ths = EL_COLUMNS.map((col, i) => {
    const cls = [`el-table_1_column_${i + 1}`];
    if (col.fixed) cls.push(`is-${col.fixed === 'left' ? 'left' : 'right'}`);
    if (col.kind === 'selection') cls.push('el-table-column--selection');
    if (col.sortable) cls.push('is-sortable');
    if (elHidden(col, part)) cls.push('is-hidden');
    cls.push('is-leaf', 'el-table__cell');
    const inner =
      col.kind === 'selection'
        ? EL_CHECKBOX
        : `${esc(col.label)}${col.sortable ? '<span class="caret-wrapper"><i class="sort-caret ascending"></i><i class="sort-caret descending"></i></span>' : ''}`;
    return `<th colspan="1" rowspan="1" class="${cls.join(' ')}"><div class="cell">${inner}</div></th>`;
  }).join('');
  const gutter = part === 'main' ? '<th class="el-table__cell gutter" style="width: 0px; display: none;"></th>' : '';
  return `<table cellspacing="0" cellpadding="0" border="0" class="el-table__header" style="width: ${width}px;">${elColgroup(
    EL_COLUMNS.map((c) => c.width),
    part === 'main',
  )}<thead class="${part === 'main' ? 'has-gutter' : ''}"><tr class="">${ths}${gutter}</tr></thead></table>`;
}

function elBodyTable(rows: readonly DemoCustomer[], first: number, part: ElPart, width: number): string {
  const classes = EL_COLUMNS.map((col, i) => {
    const cls = [`el-table_1_column_${i + 1}`];
    if (col.fixed) cls.push(`is-${col.fixed === 'left' ? 'left' : 'right'}`);
    if (col.kind === 'selection') cls.push('el-table-column--selection');
    if (elHidden(col, part)) cls.push('is-hidden');
    cls.push('el-table__cell');
    return cls.join(' ');
  });
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const c = rows[r]!;
    const rowNo = first + r;
    let tds = '';
    for (let i = 0; i < EL_COLUMNS.length; i++) {
      const col = EL_COLUMNS[i]!;
      const inner =
        col.kind === 'selection' ? EL_CHECKBOX : col.kind === 'index' ? String(rowNo) : col.render!(c, rowNo);
      tds += `<td rowspan="1" colspan="1" class="${classes[i]}"><div class="cell${col.tooltip ? ' el-tooltip' : ''}"${col.tooltip ? ` style="width: ${col.width - 20}px;"` : ''}>${inner}</div></td>`;
    }
    out.push(`<tr class="el-table__row${r % 2 === 1 ? ' el-table__row--striped' : ''}">${tds}</tr>`);
  }
  return `<table cellspacing="0" cellpadding="0" border="0" class="el-table__body" style="width: ${width}px;">${elColgroup(
    EL_COLUMNS.map((col) => col.width),
    false,
  )}<tbody>${out.join('')}</tbody></table>`;
}

/** Element UI 2.15 `el-table` markup: header, body, fixed-left and fixed-right copies. */
export function renderElementTable(rows: readonly DemoCustomer[], first: number): string {
  const width = EL_COLUMNS.reduce((s, c) => s + c.width, 0);
  const leftWidth = EL_COLUMNS.filter((c) => c.fixed === 'left').reduce((s, c) => s + c.width, 0);
  const rightWidth = EL_COLUMNS.filter((c) => c.fixed === 'right').reduce((s, c) => s + c.width, 0);
  const bodyHeight = rows.length * EL_ROW_HEIGHT;
  const fixedHeight = EL_HEADER_HEIGHT + bodyHeight;
  const empty =
    rows.length === 0
      ? `<div class="el-table__empty-block" style="height: 100%; width: ${width}px;"><span class="el-table__empty-text">暂无数据</span></div>`
      : '';
  const fixed = (part: 'left' | 'right', w: number): string =>
    `<div class="el-table__fixed${part === 'right' ? '-right' : ''}" style="width: ${w}px; height: ${fixedHeight}px;${part === 'right' ? ' right: 0px;' : ''}">
<div class="el-table__fixed-header-wrapper">${elHeaderTable(part, width)}</div>
<div class="el-table__fixed-body-wrapper" style="height: ${bodyHeight}px; top: ${EL_HEADER_HEIGHT}px;">${elBodyTable(rows, first, part, width)}</div>
</div>`;
  return `<div class="el-table el-table--fit el-table--striped el-table--border el-table--scrollable-x el-table--enable-row-hover el-table--enable-row-transition el-table--small" style="width: 100%;">
<div class="hidden-columns">${EL_COLUMNS.map(() => '<div></div>').join('')}</div>
<div class="el-table__header-wrapper">${elHeaderTable('main', width)}</div>
<div class="el-table__body-wrapper is-scrolling-left">${elBodyTable(rows, first, 'main', width)}${empty}</div>
${fixed('left', leftWidth)}
${fixed('right', rightWidth)}
<div class="el-table__fixed-right-patch" style="width: 0px; height: ${EL_HEADER_HEIGHT}px;"></div>
<div class="el-table__column-resize-proxy" style="display: none;"></div>
</div>`;
}

function elPagination(p: Paged, size: number): string {
  const items = pagerNumbers(p.page, p.pages)
    .map((n) =>
      n === '…'
        ? '<li class="el-icon more btn-quicknext el-icon-more"></li>'
        : `<li class="number${n === p.page ? ' active' : ''}">${n}</li>`,
    )
    .join('');
  return `<div class="el-pagination is-background" data-pages="${p.pages}" data-size="${size}">
<span class="el-pagination__total">共 ${p.total} 条</span>
<span class="el-pagination__sizes"><div class="el-select el-select--mini"><div class="el-input el-input--mini el-input--suffix"><input type="text" readonly="readonly" autocomplete="off" placeholder="请选择" class="el-input__inner" value="${size}条/页"></div></div></span>
<button type="button" class="btn-prev"${p.page <= 1 ? ' disabled="disabled"' : ''} data-page="${p.page - 1}"><i class="el-icon el-icon-arrow-left">&lt;</i></button>
<ul class="el-pager">${items}</ul>
<button type="button" class="btn-next"${p.page >= p.pages ? ' disabled="disabled"' : ''} data-page="${p.page + 1}"><i class="el-icon el-icon-arrow-right">&gt;</i></button>
<span class="el-pagination__jump">前往<div class="el-input el-pagination__editor is-in-pagination"><input type="number" autocomplete="off" min="1" max="${p.pages}" class="el-input__inner" value="${p.page}"></div>页</span>
</div>`;
}

// The page's only script: what Vue would do on clicks and scroll. Header and
// fixed copies follow the body's scroll, as Element UI 2 syncs them.
const MODERN_SCRIPT = `<script>
(function () {
  var body = document.querySelector('.el-table__body-wrapper');
  var header = document.querySelector('.el-table__header-wrapper');
  body.addEventListener('scroll', function () {
    header.scrollLeft = body.scrollLeft;
    var max = body.scrollWidth - body.clientWidth;
    body.classList.toggle('is-scrolling-left', body.scrollLeft <= 0);
    body.classList.toggle('is-scrolling-right', body.scrollLeft >= max);
    body.classList.toggle('is-scrolling-middle', body.scrollLeft > 0 && body.scrollLeft < max);
  });
  var pag = document.querySelector('.el-pagination');
  function go(page) {
    var params = new URLSearchParams(location.search);
    params.set('page', page);
    params.set('size', pag.getAttribute('data-size'));
    location.search = params.toString();
  }
  pag.addEventListener('click', function (e) {
    var li = e.target.closest('li.number, button[data-page]');
    if (li && !li.disabled) go(li.getAttribute('data-page') || li.textContent);
  });
  pag.querySelector('.el-pagination__jump input').addEventListener('change', function (e) { go(e.target.value); });
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-href]');
    if (b) location.href = b.getAttribute('data-href');
  });
})();
</script>`;

/** `/modern/list`: an admin page built with Vue + Element UI 2, server-rendered with the same data. */
export function renderModernList(customers: readonly DemoCustomer[], q: ListQuery, today: string): string {
  const filtered = filterCustomers(customers, q);
  const p = paginate(filtered, q);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>客户列表 - 鑫达汽车 智慧门店</title>
<link rel="stylesheet" href="/static/element.css">
</head>
<body>
<div id="app">
<section class="el-container is-vertical">
<header class="el-header" style="height: 50px;"><div class="navbar"><span class="brand">鑫达汽车 · 智慧门店</span><span class="nav-user">${esc(formatDate(today, 'iso'))}&nbsp;&nbsp;王芳 <i class="el-icon-arrow-down"></i></span></div></header>
<section class="el-container">
<aside class="el-aside" style="width: 200px;"><ul role="menubar" class="el-menu">
<li role="menuitem" class="el-menu-item"><a href="/empty">首页</a></li>
<li role="menuitem" class="el-menu-item is-active"><a href="/modern/list">客户管理</a></li>
<li role="menuitem" class="el-menu-item"><a href="/modern/list?stage=lead">销售线索</a></li>
<li role="menuitem" class="el-menu-item"><a href="/modern/list?stage=defeated">战败客户</a></li>
<li role="menuitem" class="el-menu-item"><a href="/modern/list?stage=owner">保有客户</a></li>
<li role="menuitem" class="el-menu-item"><a href="${LIST_PATH}">旧版系统</a></li>
</ul></aside>
<main class="el-main">
<div class="el-breadcrumb"><span class="el-breadcrumb__item"><span class="el-breadcrumb__inner">客户管理</span><span class="el-breadcrumb__separator">/</span></span><span class="el-breadcrumb__item"><span class="el-breadcrumb__inner is-link">客户列表</span></span></div>
<form class="el-form el-form--inline" method="get" action="/modern/list">
<input type="hidden" name="size" value="${q.size}">
<div class="el-form-item"><label class="el-form-item__label">客户姓名</label><div class="el-form-item__content"><div class="el-input el-input--small"><input type="text" autocomplete="off" name="name" placeholder="请输入客户姓名" class="el-input__inner" value="${esc(q.name)}"></div></div></div>
<div class="el-form-item"><label class="el-form-item__label">手机号码</label><div class="el-form-item__content"><div class="el-input el-input--small"><input type="text" autocomplete="off" name="phone" placeholder="请输入手机号码" class="el-input__inner" value="${esc(q.phone)}"></div></div></div>
<div class="el-form-item"><div class="el-form-item__content"><button type="submit" class="el-button el-button--primary el-button--small"><span>查询</span></button><a class="el-button el-button--default el-button--small" href="/modern/list"><span>重置</span></a></div></div>
</form>
${renderElementTable(p.rows, p.first)}
${elPagination(p, q.size)}
</main>
</section>
</section>
</div>
${MODERN_SCRIPT}
</body>
</html>`;
}

// --- card list ---------------------------------------------------------------

/** `/cards/list`: the "卡片视图", one `div.cust-card` per customer with label/value pairs, no table. */
export function renderCardList(customers: readonly DemoCustomer[], q: ListQuery, today: string): string {
  const filtered = filterCustomers(customers, q);
  const p = paginate(filtered, q);
  const kv = (label: string, value: string): string =>
    `<div class="kv"><span class="k">${label}：</span><span class="v">${value || NBSP}</span></div>`;
  const cards = p.rows
    .map((c, i) => {
      const rowNo = p.first + i;
      const detail = esc(`${DETAIL_PATH}?id=${encodeURIComponent(c.portalId)}`);
      return `<div class="cust-card">
<div class="cust-card-hd"><a class="cust-name" href="${detail}">${esc(c.name)}</a>${gradeSpan(c.portalGrade)}<span class="cust-no">${esc(c.portalId)}</span></div>
<div class="cust-card-bd">
${kv('手机号码', esc(formatPhone(c.phone, rowNo)))}
${kv('性别', GENDER_LABELS[c.gender])}
${kv('意向车型', esc(c.intendedModel))}
${kv('销售顾问', esc(c.consultant))}
${kv('客户来源', esc(c.source))}
${kv('所属区域', esc(c.district))}
${kv('最近联系', esc(formatDate(c.lastContactAt, dateStyleFor(rowNo, 'isoTime'))))}
${kv('客户状态', STAGE_LABELS[c.stage])}
${kv('备注', esc(c.notes))}
</div>
<div class="cust-card-ft"><a href="${detail}">查看详情</a></div>
</div>`;
    })
    .join('\n');
  const content = `${searchForm('/cards/list', q, {})}
<div class="card-list">
${cards}
</div>
${pager('/cards/list', q, p, {})}`;
  return shell('客户卡片', today, content, '客户管理 &gt; 卡片视图');
}
