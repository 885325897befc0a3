// 捕获全部页 on the table libraries' own pagers: each family's real page
// (test/demo-portal/families.ts: the library draws the table, the pager and
// its page-size drop-down, and re-renders them in place on every click),
// 250 customers; the crawl switches to the largest size by the library's own
// drop-down, takes every page, and puts the user's size back. And a crawl
// whose service worker the browser stops half-way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inPage, launchWithExtension } from './harness';
import type { ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';

type Portal = Awaited<ReturnType<typeof startDemoPortal>>;
type WorkerGlobal = { dealerlens: { db: import('../../lib/db').DealerLensDB } };
declare const chrome: { storage: { local: { set(v: Record<string, unknown>): Promise<void> } } };

let portal: Portal;
let browser: ExtensionBrowser;

beforeAll(async () => {
  portal = await startDemoPortal({ port: 0 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  await browser.portalScriptsRegistered();
  await browser.evalInWorker(() => chrome.storage.local.set({ 'dlcrawl:settings': { delayMs: 100, maxPages: 500 } }));
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

const panel = (page: Page) => inPage(page);

async function open(path: string, ready = false): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(portal.url + path);
  if (ready) await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
  await panel(page).click('DealerLens 抓取客户');
  await expect.poll(() => panel(page).count('.summary'), { timeout: 20_000 }).toBe(1);
  return page;
}

/** Waits for the crawl to end, confirms the preview when asked, and returns the stop reason and the rows counted. */
async function finish(page: Page, timeout = 90_000): Promise<{ reason: string; done: string; counts: number }> {
  await expect
    .poll(async () => (await panel(page).count('.crawl-done')) + (await panel(page).count('iframe.dialog')), {
      timeout,
    })
    .toBeGreaterThan(0);
  await expect.poll(() => panel(page).attribute('.crawl-done', 'data-reason'), { timeout }).not.toBeNull();
  const reason = (await panel(page).attribute('.crawl-done', 'data-reason')) ?? '';
  const done = (await panel(page).text('.crawl-done')) ?? '';
  if (await panel(page).count('iframe.dialog'))
    await (await panel(page).frame('iframe.dialog')).getByRole('button', { name: /确认导入/ }).click();
  await expect.poll(() => panel(page).count('.result'), { timeout: 30_000 }).toBe(1);
  const result = (await panel(page).text('.result')) ?? '';
  const n = (word: string) => Number(new RegExp(`${word} (\\d+)`).exec(result)?.[1] ?? NaN);
  return { reason, done, counts: n('新增') + n('更新') + n('未变') };
}

/** The page size the library's pager shows now: its select's value, else the size its drop-down reads. */
function sizeShown(page: Page, box: string): Promise<string> {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) return 'no size control';
    const select = el.querySelector('select');
    if (select) return select.value;
    // The size a drop-down shows: its selected item's title first (an animating
    // select may hold the old and the new item's text side by side), then an
    // input's value, then its text.
    const texts: string[] = [];
    el.querySelectorAll('[title]').forEach((t) => texts.push(t.getAttribute('title') ?? ''));
    el.querySelectorAll('input').forEach((i) => texts.push(i.value));
    // Without the screen readers' announcement of the value: Ant Design Vue's
    // select, left focused, adds a hidden aria-live "20" before its "20 条/页".
    const shown = el.cloneNode(true) as Element;
    shown.querySelectorAll('[aria-live]').forEach((live) => live.remove());
    texts.push(shown.textContent ?? '');
    for (const text of texts) {
      const size = /\d+/.exec(text)?.[0];
      if (size) return size;
    }
    return texts.join('|');
  }, box);
}

const COUNT = 250;
// Each family's page, the element around its page-size control, and the pages taken: the first at the user's 20, then 250 at the largest size.
// Ant Design Vue runs after antd on purpose: the same headers on the same origin, so
// antd's site profile applies and no preview opens to take the focus from its select.
const FAMILIES: [name: string, sizeBox: string, pages: number][] = [
  ['element-plus-basic', '.el-pagination__sizes', 4],
  ['element-ui-fixed', '.el-pagination__sizes', 4],
  ['antd-fixed', '.ant-pagination-options-size-changer', 4],
  ['ant-design-vue-fixed', '.ant-pagination-options-size-changer', 4],
  ['datatables-fixed', '.dataTables_length', 4],
  ['layui-fixed', '.layui-laypage-limits', 4],
  ['aggrid-pinned', '.ag-paging-page-size', 4],
  ['vxe-fixed', '.vxe-pager--sizes', 4],
  ['bootstrap-table-fixed', '.page-list', 6],
];

describe('capturing all pages of the table libraries’ own pagers', () => {
  for (const [name, sizeBox, pages] of FAMILIES) {
    it(`${name}: the largest page size by its own control, every page, the user's size back`, async () => {
      const page = await open(`/families/${name}?n=${COUNT}`, true);
      expect(await sizeShown(page, sizeBox)).toBe('20');
      await panel(page).click('捕获全部页 Capture all pages');
      const { reason, done, counts } = await finish(page);
      expect(reason).toBe('last-page');
      expect(counts).toBe(COUNT);
      expect(done).toContain(`共 ${pages} 页`);
      await expect.poll(() => sizeShown(page, sizeBox), { timeout: 10_000 }).toBe('20');
      await page.close();
    }, 120_000);
  }
});

describe('a crawl the browser interrupts', () => {
  it('goes on after the service worker is stopped mid-crawl: every row once, one batch', async () => {
    const stored = () =>
      browser.evalInWorker(async () => {
        const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
        const all = await db.customers.toArray();
        return { count: all.length, phones: new Set(all.map((c) => c.phone)).size, batches: await db.batches.count() };
      });
    const before = await stored();
    const page = await open('/crawl/script');
    await panel(page).click('捕获全部页 Capture all pages');
    await expect
      .poll(async () => Number(/第 (\d+)/.exec((await panel(page).text('.crawl-text')) ?? '')?.[1] ?? 0), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(3);
    await browser.stopServiceWorker();
    const { reason, counts } = await finish(page);
    expect(reason).toBe('last-page');
    expect(counts).toBe(200);
    const after = await stored();
    expect(after.count).toBe(after.phones);
    expect(after.count - before.count).toBe(200);
    expect(after.batches - before.batches).toBe(1);
    await page.close();
  }, 120_000);
});
