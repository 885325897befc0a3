import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from './server.ts';

let portal: DemoPortal;

beforeAll(async () => {
  portal = await startDemoPortal({ count: 300 });
});

afterAll(async () => {
  await portal.close();
});

const get = (path: string): Promise<Response> => fetch(`${portal.url}${path}`, { redirect: 'manual' });

describe('the demo portal server', () => {
  it('listens on 127.0.0.1 on a free port when asked for port 0', () => {
    expect(portal.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portal.url).not.toMatch(/:0$/);
    expect(portal.customers).toHaveLength(300);
  });

  it('redirects / to the customer list', async () => {
    const res = await get('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/crm/customer/list');
  });

  it.each([
    ['/crm/customer/list', '客户列表'],
    ['/crm/customer/list?page=2&size=50', '第 2/6 页'],
    ['/crm/customer/list?embed=1', '客户姓名'],
    ['/crm/customer/detail?id=KH100001', '基本信息'],
    ['/crm/customer/detail?id=KH100001&op=edit', '编辑'],
    ['/frames/index.html', '<frameset'],
    ['/frames/top.html', 'DMS'],
    ['/frames/menu.html', 'target="mainFrame"'],
    ['/iframe/index.html', '<iframe'],
    ['/modern/list', 'el-table__fixed-right'],
    ['/cards/list', 'cust-card'],
    ['/empty', '系统公告'],
    ['/broken', '共 <b>0</b> 条'],
  ])('serves %s as an HTML page', async (path, marker) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain(marker);
  });

  it('serves the stylesheets', async () => {
    for (const path of ['/static/dms.css', '/static/element.css']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
  });

  it('serves the generated customers, with the first page holding the first 20', async () => {
    const html = await (await get('/crm/customer/list')).text();
    expect(html.split('name="ids"').length - 1).toBe(20);
    expect(html).toContain(portal.customers[0]!.name);
    expect(html).toContain('共 <b>300</b> 条');
  });

  it('answers 404 for an unknown page or customer', async () => {
    expect((await get('/nowhere')).status).toBe(404);
    expect((await get('/crm/customer/detail?id=NOPE')).status).toBe(404);
  });

  it('serves big pages for benchmarks', async () => {
    const big = await startDemoPortal({ count: 6000 });
    try {
      const list = await (await fetch(`${big.url}/crm/customer/list?size=10000`)).text();
      expect(list.split('name="ids"').length - 1).toBe(6000);
      const modern = await (await fetch(`${big.url}/modern/list?size=5000`)).text();
      // Element UI renders every row three times: main body, fixed left, fixed right.
      expect(modern.split('<tr class="el-table__row').length - 1).toBe(15000);
    } finally {
      await big.close();
    }
  }, 30_000);

  it('closes: the port stops answering', async () => {
    const other = await startDemoPortal({ count: 10 });
    await other.close();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});
