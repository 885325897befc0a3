/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { generateCustomers } from './data.ts';
import {
  escapeHtml,
  filterCustomers,
  pagerNumbers,
  parseListQuery,
  renderBrokenListPage,
  renderCardList,
  renderDashboard,
  renderDetailPage,
  renderFrameset,
  renderIframeShell,
  renderListPage,
  renderModernList,
} from './render.ts';
import { computeKpis, formatDate, formatMileage, formatMoney, formatPhone } from './format.ts';

const TODAY = '2026-11-23';
const customers = generateCustomers();
const kpis = computeKpis(customers, TODAY);

function parse(html: string): Document {
  // Stylesheet links dropped: happy-dom would try to fetch them.
  return new DOMParser().parseFromString(html.replace(/<link [^>]*>/g, ''), 'text/html');
}

/** Row count without a DOM, for pages too big to parse quickly in happy-dom. */
const checkboxRows = (html: string): number => html.split('name="ids"').length - 1;

function listPage(query = ''): Document {
  return parse(renderListPage(customers, parseListQuery(new URLSearchParams(query)), { today: TODAY, kpis }));
}

const dataRows = (doc: Document): HTMLTableRowElement[] =>
  [...doc.querySelectorAll<HTMLTableRowElement>('#custList tbody tr')].filter(
    (tr) => !tr.classList.contains('sum-row'),
  );

const columnTexts = (doc: Document, header: string): string[] => {
  const headers = [...doc.querySelectorAll('#custList thead th')].map((th) => th.textContent!.trim());
  const i = headers.indexOf(header);
  return dataRows(doc).map((tr) => tr.cells[i]!.textContent!.trim());
};

describe('the customer list page', () => {
  it('shows 20 customers on page 1 with the Chinese headers of a legacy DMS', () => {
    const doc = listPage();
    expect(dataRows(doc)).toHaveLength(20);
    const headers = [...doc.querySelectorAll('#custList thead th')].map((th) => th.textContent!.trim());
    expect(headers).toEqual([
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
    ]);
    expect(columnTexts(doc, '客户姓名')).toEqual(customers.slice(0, 20).map((c) => c.name));
  });

  it('has the legacy chrome around the list: banner, left menu, search form, KPI table, 合计 row', () => {
    const doc = listPage();
    expect(doc.querySelector('.banner')!.textContent).toContain('汽车销售服务有限公司 DMS');
    const menu = doc.querySelector('.menu')!.textContent!;
    for (const item of ['客户管理', '销售线索', '战败客户', '售后管理', '保有客户', '报表'])
      expect(menu).toContain(item);
    const form = doc.querySelector('form#searchForm')!;
    expect(form.querySelector('input[name=name]')).not.toBeNull();
    expect(form.querySelectorAll('select[name=grade] option').length).toBe(8);
    expect(form.querySelector('input[type=submit]')!.getAttribute('value')).toBe('查 询');
    const kpi = doc.querySelector('table.kpi')!.textContent!;
    expect(kpi).toContain('今日到店');
    expect(kpi).toContain('待跟进');
    expect(doc.querySelector('#custList tr.sum-row')!.textContent).toContain('合计');
  });

  it('links 查看 and 编辑 to the customer detail page', () => {
    const doc = listPage();
    const ops = dataRows(doc)[0]!.querySelectorAll('td:last-child a');
    expect([...ops].map((a) => a.textContent)).toEqual(['查看', '编辑']);
    expect(ops[0]!.getAttribute('href')).toBe(`/crm/customer/detail?id=${customers[0]!.portalId}`);
  });

  it('has a pager: 共 2000 条, 上一页 1 2 3 … 100 下一页, with working links', () => {
    const doc = listPage();
    const pager = doc.querySelector('.pager')!;
    const text = pager.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('共 2000 条');
    expect(text).toMatch(/上一页 1 2 3 … 100 下一页/);
    const next = [...pager.querySelectorAll('a')].find((a) => a.textContent === '下一页')!;
    expect(next.getAttribute('href')).toBe('/crm/customer/list?page=2&size=20');
    const page2 = listPage('page=2&size=20');
    expect(columnTexts(page2, '序号')[0]).toBe('21');
    expect(columnTexts(page2, '客户编号')[0]).toBe(customers[20]!.portalId);
  });

  it('honours the size parameter, up to 10000', () => {
    expect(dataRows(listPage('size=50'))).toHaveLength(50);
    const all = (size: number): string =>
      renderListPage(customers, parseListQuery(new URLSearchParams(`size=${size}`)), { today: TODAY, kpis });
    expect(checkboxRows(all(10000))).toBe(2000);
    const big = generateCustomers(12000);
    expect(checkboxRows(renderListPage(big, parseListQuery(new URLSearchParams('size=10000')), { today: TODAY }))).toBe(
      10000,
    );
    expect(parseListQuery(new URLSearchParams('size=999999')).size).toBe(10000);
    expect(parseListQuery(new URLSearchParams('size=-3&page=abc'))).toEqual({ page: 1, size: 20 });
    const last = listPage('page=100');
    expect(dataRows(last)).toHaveLength(20);
    expect(last.querySelector('.pager')!.textContent).toContain('第 100/100 页');
  });

  it('filters by name, phone (typed with dashes), grade and consultant, keeping filters in the pager links', () => {
    const c = customers[5]!;
    expect(
      columnTexts(listPage(`phone=${c.phone.slice(0, 3)}-${c.phone.slice(3, 7)}-${c.phone.slice(7)}`), '客户编号'),
    ).toEqual([c.portalId]);
    const byGrade = listPage('grade=H&size=500');
    expect(columnTexts(byGrade, '意向级别').every((g) => g === 'H')).toBe(true);
    expect(dataRows(byGrade)).toHaveLength(customers.filter((x) => x.portalGrade === 'H').length);
    const byConsultant = listPage(`consultant=${encodeURIComponent('王芳')}`);
    expect(columnTexts(byConsultant, '销售顾问').every((n) => n === '王芳')).toBe(true);
    const next = [...byConsultant.querySelectorAll('.pager a')].find((a) => a.textContent === '下一页')!;
    expect(new URL(next.getAttribute('href')!, 'http://x').searchParams.get('consultant')).toBe('王芳');
    expect(filterCustomers(customers, { page: 1, size: 20, name: c.name }).map((x) => x.name)).toContain(c.name);
  });

  it('mixes date, money, mileage and phone formats as real portals do', () => {
    const doc = listPage('size=200');
    const firstVisits = columnTexts(doc, '首次到店');
    expect(firstVisits.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(firstVisits.some((d) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(d))).toBe(true);
    expect(firstVisits.some((d) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(d))).toBe(true);
    expect(firstVisits.some((d) => /^\d{8}$/.test(d))).toBe(true);
    expect(columnTexts(doc, '最近联系').some((d) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(d))).toBe(true);
    const spend = columnTexts(doc, '累计消费').filter((s) => s !== '');
    expect(spend.some((s) => /^¥[\d,]+\.\d{2}$/.test(s))).toBe(true);
    expect(spend.some((s) => /^\d+元$/.test(s))).toBe(true);
    expect(spend.some((s) => /^[\d.]+万$/.test(s))).toBe(true);
    const km = columnTexts(doc, '行驶里程').filter((s) => s !== '');
    expect(km.some((s) => /^[\d,]+ km$/.test(s))).toBe(true);
    expect(km.some((s) => /^[\d.]+万公里$/.test(s))).toBe(true);
    const phones = columnTexts(doc, '手机号码');
    expect(phones.some((p) => /^\d{3} \d{4} \d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^\d{3}-\d{4}-\d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^\+86 1\d{10}$/.test(p))).toBe(true);
  });

  it('prints the same values it was given, only formatted', () => {
    expect(formatDate('2026-03-05', 'slash')).toBe('2026/3/5');
    expect(formatDate('2026-03-05T14:07', 'chinese')).toBe('2026年3月5日');
    expect(formatDate('2026-03-05T14:07', 'slashTime')).toBe('2026/3/5 14:07');
    expect(formatMoney(8560, 0)).toBe('¥8,560.00');
    expect(formatMoney(8560, 1)).toBe('8560元');
    expect(formatMoney(12000, 2)).toBe('1.2万');
    expect(formatMileage(12345, 0)).toBe('12,345 km');
    expect(formatMileage(12345, 1)).toBe('1.23万公里');
    expect(formatPhone('13812345678', 4)).toBe('+86 13812345678');
  });

  it('shows notes typed with markup as text, escaped, never as elements', () => {
    const html = renderListPage(customers, parseListQuery(new URLSearchParams()), { today: TODAY, kpis });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>VIP</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;VIP&lt;/b&gt;');
    const doc = parse(html);
    expect(doc.querySelector('#custList td.note b, #custList td.note script')).toBeNull();
    expect(doc.querySelector('#custList script')).toBeNull();
    expect([...doc.querySelectorAll('#custList td.note')].some((td) => td.textContent!.startsWith('<b>VIP</b>'))).toBe(
      true,
    );
    // Long notes are cut on screen; the full typed text stays in the title.
    const titles = [...doc.querySelectorAll('#custList td.note[title]')].map((td) => td.getAttribute('title'));
    expect(titles).toContain(customers.find((c) => c.notes.includes('<script>'))!.notes);
  });

  it('escapes what the user typed into the search form', () => {
    const html = renderListPage(customers, parseListQuery(new URLSearchParams('name="><img src=x onerror=alert(1)>')), {
      today: TODAY,
      kpis,
    });
    expect(html).not.toContain('<img src=x');
    expect(parse(html).querySelector<HTMLInputElement>('input[name=name]')!.value).toBe(
      '"><img src=x onerror=alert(1)>',
    );
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('numbers the pager with first, last and two either side of the current page', () => {
    expect(pagerNumbers(1, 100)).toEqual([1, 2, 3, '…', 100]);
    expect(pagerNumbers(50, 100)).toEqual([1, '…', 48, 49, 50, 51, 52, '…', 100]);
    expect(pagerNumbers(1, 1)).toEqual([1]);
  });

  it('renders content only inside a frame, links keeping embed=1', () => {
    const doc = parse(
      renderListPage(customers, parseListQuery(new URLSearchParams('embed=1')), { today: TODAY, kpis, embedded: true }),
    );
    expect(doc.querySelector('.banner')).toBeNull();
    expect(doc.querySelector('.menu')).toBeNull();
    expect(dataRows(doc)).toHaveLength(20);
    const next = [...doc.querySelectorAll('.pager a')].find((a) => a.textContent === '下一页')!;
    expect(next.getAttribute('href')).toContain('embed=1');
  });
});

describe('the KPI summary', () => {
  it('agrees with the customers it summarises', () => {
    expect(kpis.total).toBe(2000);
    expect(kpis.owners).toBe(customers.filter((c) => c.stage === 'owner' || c.stage === 'delivered').length);
    expect(kpis.newThisMonth).toBe(customers.filter((c) => c.firstVisitAt.startsWith('2026-11')).length);
    expect(kpis.visitsToday).toBeGreaterThan(0);
    expect(kpis.visitsToday).toBeLessThan(50);
    // An H lead last called 2 days ago is due today (Standard 1, preset 2 days).
    const due = computeKpis(
      [{ ...customers.find((c) => c.portalGrade === 'H')!, lastContactAt: '2026-11-21T18:30' }],
      TODAY,
    );
    expect(due.dueFollowUps).toBe(1);
    const notDue = computeKpis(
      [{ ...customers.find((c) => c.portalGrade === 'H')!, lastContactAt: '2026-11-22T09:00' }],
      TODAY,
    );
    expect(notDue.dueFollowUps).toBe(0);
  });
});

describe('other pages of the portal', () => {
  it('shows a customer on the detail page, with the notes escaped', () => {
    const c = customers.find((x) => x.notes.includes('<b>VIP</b>'))!;
    const html = renderDetailPage(c, TODAY);
    expect(html).toContain(c.phone);
    expect(html).toContain('&lt;b&gt;VIP&lt;/b&gt;');
    expect(html).not.toContain('<b>VIP</b>');
    const owner = customers.find((x) => x.stage === 'owner' && x.idNumber)!;
    const doc = parse(renderDetailPage(owner, TODAY));
    expect(doc.body.textContent).toContain(owner.vin!);
    expect(doc.body.textContent).toContain(owner.idNumber!);
    const edit = parse(renderDetailPage(c, TODAY, true));
    expect(edit.querySelector<HTMLTextAreaElement>('textarea[name=notes]')!.value).toBe(c.notes);
  });

  it('hides the list in a frameset and in an iframe, both pointing at the embedded list', () => {
    const frames = renderFrameset();
    expect(frames).toContain('<frameset');
    expect(frames).toMatch(/<frame src="\/crm\/customer\/list\?embed=1" name="mainFrame"/);
    const shell = renderIframeShell(TODAY);
    expect(shell).toMatch(/<iframe id="mainFrame" name="mainFrame" src="\/crm\/customer\/list\?embed=1"/);
    expect(shell).not.toContain('custList');
  });

  it('renders the card view as one div.cust-card per customer, with no table in the list', () => {
    const doc = parse(renderCardList(customers, parseListQuery(new URLSearchParams()), TODAY));
    const cards = doc.querySelectorAll('.card-list > .cust-card');
    expect(cards).toHaveLength(20);
    expect(doc.querySelector('.card-list table')).toBeNull();
    expect(cards[0]!.querySelector('.cust-name')!.textContent).toBe(customers[0]!.name);
    expect(cards[0]!.textContent).toContain('手机号码：');
  });

  it('has a dashboard with no customer table', () => {
    const doc = parse(renderDashboard(customers, TODAY));
    expect(doc.querySelector('#custList')).toBeNull();
    expect(doc.body.textContent).not.toContain('客户姓名');
    expect(doc.querySelector('table.kpi')).not.toBeNull();
  });

  it('has a broken list page: the headers, and no rows', () => {
    const doc = parse(renderBrokenListPage(TODAY, kpis));
    expect(doc.querySelectorAll('#custList thead th').length).toBe(23);
    expect(doc.querySelectorAll('#custList tbody tr')).toHaveLength(0);
    expect(doc.querySelector('.pager')!.textContent).toContain('共 0 条');
  });
});

describe('the Element UI 2 page', () => {
  const doc = parse(renderModernList(customers, parseListQuery(new URLSearchParams('size=30'), 5000), TODAY));
  const table = doc.querySelector('.el-table')!;

  it('renders header and body as separate tables, plus fixed-left and fixed-right copies', () => {
    expect(table.querySelectorAll(':scope > .el-table__header-wrapper table.el-table__header')).toHaveLength(1);
    expect(table.querySelectorAll(':scope > .el-table__body-wrapper table.el-table__body')).toHaveLength(1);
    expect(table.querySelectorAll('.el-table__fixed .el-table__fixed-body-wrapper table.el-table__body')).toHaveLength(
      1,
    );
    expect(
      table.querySelectorAll('.el-table__fixed-right .el-table__fixed-body-wrapper table.el-table__body'),
    ).toHaveLength(1);
    for (const body of table.querySelectorAll('table.el-table__body')) {
      expect(body.querySelectorAll('tbody > tr.el-table__row')).toHaveLength(30);
    }
  });

  it('names columns el-table_1_column_N in colgroups and cells, each cell a div.cell', () => {
    const cols = [...table.querySelectorAll('.el-table__body-wrapper col')].map((c) => c.getAttribute('name'));
    expect(cols[0]).toBe('el-table_1_column_1');
    expect(cols).toHaveLength(20);
    const row = table.querySelector('.el-table__body-wrapper tr.el-table__row')!;
    expect(row.children).toHaveLength(20);
    expect(row.children[2]!.classList.contains('el-table_1_column_3')).toBe(true);
    expect(row.children[2]!.querySelector(':scope > div.cell')!.textContent).toBe(customers[0]!.name);
    const headerCells = [...table.querySelectorAll('.el-table__header-wrapper th')].map((th) => th.textContent);
    expect(headerCells).toContain('客户姓名');
    expect(headerCells).toContain('操作');
  });

  it('marks is-hidden the cells another copy shows, as Element UI 2 does', () => {
    const mainRow = table.querySelector('.el-table__body-wrapper tr.el-table__row')!;
    const leftRow = table.querySelector('.el-table__fixed tr.el-table__row')!;
    const rightRow = table.querySelector('.el-table__fixed-right tr.el-table__row')!;
    const hidden = (tr: Element): boolean[] => [...tr.children].map((td) => td.classList.contains('is-hidden'));
    // Columns 1-3 are fixed left, the last (操作) fixed right.
    expect(hidden(mainRow)).toEqual([true, true, true, ...Array(16).fill(false), true]);
    expect(hidden(leftRow)).toEqual([false, false, false, ...Array(17).fill(true)]);
    expect(hidden(rightRow)).toEqual([...Array(19).fill(true), false]);
  });

  it('shows the Element pagination with the total', () => {
    expect(doc.querySelector('.el-pagination__total')!.textContent).toBe('共 2000 条');
    expect(doc.querySelector('.el-pager li.number.active')!.textContent).toBe('1');
  });

  it('caps its page size at 5000', () => {
    expect(parseListQuery(new URLSearchParams('size=9000'), 5000).size).toBe(5000);
  });
});
