/** @vitest-environment happy-dom */
// A server pager's next page read by fetching it: which next controls are
// plain same-origin links (on the demo portal's pagers and the table
// libraries' rendered ones), and which responses send the crawl back to clicking.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTables } from '../../../lib/scrape';
import { findPager, findPagerTaught, teachControl } from '../../../lib/crawl';
import { charsetOf, fetchableHref, fetchedProblem, looksLikeLogin } from '../../../lib/crawl/fetched';
import { generateCustomers } from '../../demo-portal/data';
import { parseListQuery, renderListPage } from '../../demo-portal/render';

const PORTAL = 'http://127.0.0.1:4173';
const customers = generateCustomers(200);
const parse = (html: string): Document =>
  new DOMParser().parseFromString(html.replace(/<link [^>]*>/g, ''), 'text/html');
const listPage = (query: string, iconPager = false): Document =>
  parse(renderListPage(customers, parseListQuery(new URLSearchParams(query)), { today: '2026-11-23', iconPager }));
const fixture = (file: string): Document => parse(readFileSync(join(__dirname, '../../fixtures/scrape', file), 'utf8'));

function nextOf(doc: Document): Element | null {
  const [list] = findTables(doc);
  return findPager(list!.element, { rowsShown: list!.rows.length, totalRowsHint: list!.totalRowsHint }).next;
}

describe('fetchableHref', () => {
  it('takes the demo portal’s 下一页 link, resolved against the page it is on', () => {
    const next = nextOf(listPage('page=3&size=20'))!;
    expect(next.textContent).toBe('下一页');
    expect(fetchableHref(next, `${PORTAL}/crm/customer/list?page=3&size=20`)).toBe(
      `${PORTAL}/crm/customer/list?page=4&size=20`,
    );
  });

  it('resolves against the fetched page’s URL, not the document that parsed it', () => {
    const next = nextOf(listPage('page=3&size=20'))!;
    // The same markup served under a path prefix: the link's root-relative path keeps the portal's origin.
    expect(fetchableHref(next, `${PORTAL}/portal/crm/customer/list?page=3`)).toBe(
      `${PORTAL}/crm/customer/list?page=4&size=20`,
    );
    const a = parse('<a href="list.aspx?page=2">下一页</a>').querySelector('a')!;
    expect(fetchableHref(a, 'http://dms.example.cn/crm/list.aspx?page=1')).toBe(
      'http://dms.example.cn/crm/list.aspx?page=2',
    );
  });

  it('takes the taught bare-arrow link, through the icon inside it', () => {
    const doc = listPage('page=2&size=20', true);
    const [list] = findTables(doc);
    const options = { rowsShown: list!.rows.length, totalRowsHint: list!.totalRowsHint };
    const url = `${PORTAL}/crm/customer/list?page=2&size=20&pager=icons`;
    const taught = teachControl(list!.element, doc.querySelectorAll('.pg-arrow')[2]!.querySelector('i')!);
    expect(taught.ok).toBe(true);
    const next = findPagerTaught(list!.element, options, taught.ok ? taught.control : null).next!;
    expect(fetchableHref(next, url)).toBe(`${PORTAL}/crm/customer/list?pager=icons&page=3&size=20`);
    expect(fetchableHref(next.querySelector('i')!, url)).toBe(fetchableHref(next, url));
  });

  it('takes a page-number link when that is the next control', () => {
    const a = parse('<div class="pager"><span class="current">1</span> <a href="?p=2">2</a></div>').querySelector('a')!;
    expect(fetchableHref(a, 'http://dms.example.cn/list?p=1')).toBe('http://dms.example.cn/list?p=2');
  });

  // The libraries' own pagers turn pages by script: their next controls are clicked, never fetched.
  for (const file of [
    'layui-fixed.html',
    'datatables-fixed.html',
    'bootstrap-table-fixed.html',
    'easyui-frozen.html',
    'element-plus-fixed.html',
    'antd-fixed.html',
    'vxe-fixed.html',
  ])
    it(`${file}: the library's next control is not a fetchable link`, { timeout: 60_000 }, () => {
      const next = nextOf(fixture(file));
      expect(next).not.toBeNull();
      expect(fetchableHref(next!, `${PORTAL}/families/${file}`)).toBeNull();
    });

  it('refuses links that are not a plain GET to the same origin in this window', () => {
    const page = 'http://dms.example.cn/crm/list?page=1';
    const a = (html: string): Element => parse(html).querySelector('a')!;
    expect(fetchableHref(a('<a href="#">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="#page2">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a>下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="  ">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="JavaScript:go(2)">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="?page=2" onclick="return go(2)">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="?page=2" target="_blank">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="?page=2" target="listFrame">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="?page=2" download>下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="http://other.example.cn/list?page=2">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="https://dms.example.cn/list?page=2">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(a('<a href="?page=1#top">下一页</a>'), page)).toBeNull();
    expect(fetchableHref(parse('<button>下一页</button>').querySelector('button')!, page)).toBeNull();
    expect(fetchableHref(a('<a href="?page=2" target="_self">下一页</a>'), page)).toBe(
      'http://dms.example.cn/crm/list?page=2',
    );
  });
});

describe('fetchedProblem', () => {
  const asked = `${PORTAL}/crm/customer/list?page=4&size=20`;
  const html = { ok: true, contentType: 'text/html; charset=utf-8', url: asked };

  it('reads an HTML page of the same origin, a same-origin redirect included', () => {
    expect(fetchedProblem(html, asked)).toBeNull();
    expect(fetchedProblem({ ...html, contentType: 'application/xhtml+xml' }, asked)).toBeNull();
    expect(fetchedProblem({ ...html, url: `${PORTAL}/crm/customer/list?page=4&size=20&s=1` }, asked)).toBeNull();
  });

  it('falls back on an error, a non-HTML answer, another origin or a login page', () => {
    expect(fetchedProblem({ ...html, ok: false }, asked)).toBe('not-ok');
    expect(fetchedProblem({ ...html, contentType: 'application/json' }, asked)).toBe('not-html');
    expect(fetchedProblem({ ...html, contentType: '' }, asked)).toBe('not-html');
    expect(fetchedProblem({ ...html, url: 'http://sso.example.cn/list' }, asked)).toBe('other-origin');
    expect(fetchedProblem({ ...html, url: `${PORTAL}/login.aspx?ReturnUrl=%2Fcrm` }, asked)).toBe('login');
    expect(fetchedProblem({ ...html, url: `${PORTAL}/cas/login?service=x` }, asked)).toBe('login');
    expect(fetchedProblem({ ...html, url: `${PORTAL}/Account/SignIn` }, asked)).toBe('login');
  });

  it('takes a page that asks for a password for a login page', () => {
    expect(looksLikeLogin(parse('<form><input name="u"><input type="password" name="p"></form>'))).toBe(true);
    expect(looksLikeLogin(listPage('page=2'))).toBe(false);
  });
});

describe('charsetOf', () => {
  it('decodes by the header, else the page’s meta, else UTF-8', () => {
    expect(charsetOf('text/html; charset=GBK', '')).toBe('gbk');
    expect(charsetOf('text/html; charset="utf-8"', '<meta charset="gbk">')).toBe('utf-8');
    expect(charsetOf('text/html', '<head><meta charset="GB18030"><title>')).toBe('gb18030');
    expect(charsetOf('text/html', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />')).toBe(
      'gbk',
    );
    expect(charsetOf('text/html', '<html><head><title>客户列表</title>')).toBe('utf-8');
    const gbk = new TextDecoder(charsetOf('text/html; charset=gb2312', '')).decode(
      new Uint8Array([0xcf, 0xc2, 0xd2, 0xbb, 0xd2, 0xb3]),
    );
    expect(gbk).toBe('下一页');
  });
});
