// DealerLens's own button and panel never cover the portal's pager: on a list
// whose pager sits at the bottom right (Ant Design, as rendered by the library),
// the next-page button stays clickable before and after a capture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser, inPage } from './harness';

// The saved antd fixture has no CSS: this puts its pager where an Ant Design
// Pro list has it, at the bottom right of the window, and counts clicks on it.
const PAGER_STYLE = `<style>
body { margin: 0; font: 14px sans-serif; }
.ant-table-pagination { position: fixed; right: 24px; bottom: 16px; display: flex; gap: 8px; margin: 0; padding: 8px; list-style: none; background: #fff; }
.ant-pagination li { display: inline-block; min-width: 28px; height: 28px; line-height: 28px; text-align: center; border: 1px solid #d9d9d9; cursor: pointer; }
</style>`;
const CLICK_COUNTER = `<script>
document.querySelector('.ant-pagination-next').addEventListener('click', () => { window.nextClicks = (window.nextClicks || 0) + 1; });
</script>`;

let server: Server;
let origin: string;
let browser: ExtensionBrowser;

beforeAll(async () => {
  const fixture = readFileSync(join(__dirname, '../fixtures/scrape/antd-fixed.html'), 'utf8')
    // Links resolve against this server, not the fixture's portal.test base.
    .replace(/<base [^>]*>/, '')
    .replace('</head>', `${PAGER_STYLE}</head>`)
    .replace('</body>', `${CLICK_COUNTER}</body>`);
  server = createServer((req, res) => {
    if (req.url?.startsWith('/crm/customer/list')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixture);
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  await browser.portalScriptsRegistered();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

/** Whether the element at the centre of the next-page button is that button (or inside it). */
function nextButtonOnTop(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const next = document.querySelector('.ant-pagination-next')!;
    const r = next.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && next.contains(hit);
  });
}

describe('the DealerLens panel and the portal pager', () => {
  it('keeps the next-page button clickable before and after a capture', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/crm/customer/list`);
    const panel = inPage(page);
    await expect.poll(() => panel.count('.fab')).toBe(1);
    expect(await nextButtonOnTop(page)).toBe(true);

    await panel.click({ selector: '.fab' });
    await expect.poll(() => panel.text('.summary')).toMatch(/20 行/);
    expect(await nextButtonOnTop(page)).toBe(true);
    await panel.click('抓取 Capture');
    const dialog = await panel.frame('iframe.dialog');
    await dialog.getByRole('button', { name: /确认导入 20 行/ }).click();
    await expect.poll(() => panel.text('.result'), { timeout: 10_000 }).toContain('新增 20');

    expect(await nextButtonOnTop(page)).toBe(true);
    // The result stays on screen, out of the pager's way.
    expect(
      await panel.read((root) => {
        const r = root.querySelector('.result')!.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.bottom <= innerHeight && r.right <= innerWidth;
      }),
    ).toBe(true);
    await page.locator('.ant-pagination-next').click({ timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { nextClicks?: number }).nextClicks)).toBe(1);
    await page.close();
  });

  it('the workbench drawer stops short of the pager it would cover', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/crm/customer/list`);
    const panel = inPage(page);
    await panel.click({ selector: '.fab' });
    await panel.click('工作台 Workbench');
    const drawer = inPage(page, 'dealerlens-workbench');
    await expect
      .poll(() => drawer.read((root) => !(root.querySelector('aside.drawer') as HTMLElement).hidden))
      .toBe(true);
    expect(await nextButtonOnTop(page)).toBe(true);
    // Still a drawer over most of the window's height.
    const height = await drawer.read((root) => root.querySelector('aside.drawer')!.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(700);
    await page.locator('.ant-pagination-next').click({ timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { nextClicks?: number }).nextClicks)).toBe(1);
    await page.close();
  });
});
