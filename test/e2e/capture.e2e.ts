// A dealer opens the portal's customer list, clicks DealerLens, and every row
// lands, understood and de-duplicated, in the local database (docs/capture.md#the-path-of-a-capture).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launchWithExtension, inPage } from './harness';
import type { ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';

type Portal = Awaited<ReturnType<typeof startDemoPortal>>;
// The extension APIs inside evaluated callbacks (they run in the browser, not here).
declare const chrome: {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};
type WorkerGlobal = { dealerlens: { db: import('../../lib/db').DealerLensDB } };

let portal: Portal;
let browser: ExtensionBrowser;

const SHOTS = 'test/e2e/screenshots';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startDemoPortal({ port: 0 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  // The background registers the capture script for every granted portal at start.
  await browser.portalScriptsRegistered();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function openPortal(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(portal.url + path);
  return page;
}

function panel(page: Page) {
  return inPage(page);
}

async function customerCount(): Promise<number> {
  return browser.evalInWorker(() => (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.count());
}

describe('capturing the demo portal customer list', () => {
  it('finds the customer list, previews the mapping and stores every row', async () => {
    const page = await openPortal('/crm/customer/list?page=1');
    await panel(page).click('DealerLens 抓取客户');
    await expect.poll(() => panel(page).text('.summary')).toMatch(/20 行/);
    expect(await panel(page).text('.headers')).toContain('客户姓名');

    await panel(page).click('抓取 Capture');
    const dialog = await panel(page).frame('iframe.dialog');
    await dialog.getByText('列映射').waitFor();
    await expect.poll(() => dialog.getByLabel('映射 手机号码').inputValue()).toBe('phone');
    expect(await dialog.getByLabel('映射 客户姓名').inputValue()).toBe('name');
    await page.screenshot({ path: `${SHOTS}/capture-preview.png` });
    await dialog.getByRole('button', { name: /确认导入 20 行/ }).click();

    await expect.poll(() => panel(page).text('.result'), { timeout: 10_000 }).toContain('新增 20');
    expect(await customerCount()).toBe(20);
    await page.screenshot({ path: `${SHOTS}/capture-result.png` });
    await page.close();
  });

  it('stores parsed values, and text that looks like markup stays text', async () => {
    const stored = await browser.evalInWorker(async () => {
      const all = await (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.toArray();
      return all.map((c) => ({ phone: c.phone, name: c.name, portalId: c.portalId, notes: c.notes }));
    });
    const expected = portal.customers.slice(0, 20);
    expect(stored.map((c) => c.phone).sort()).toEqual(expected.map((c) => c.phone).sort());
    for (const c of expected) {
      expect(stored.find((s) => s.portalId === c.portalId)).toMatchObject({ name: c.name, phone: c.phone });
    }
    // Page 1 carries notes typed with markup: stored as the full text (from the
    // truncated cell's title), never run or turned into elements.
    const marked = expected.filter((c) => /<script>|<b>/.test(c.notes ?? ''));
    expect(marked.length).toBeGreaterThan(0);
    for (const c of marked) expect(stored.find((s) => s.portalId === c.portalId)?.notes).toBe(c.notes);
  });

  it('applies the saved site profile next time without asking, and a recapture changes nothing', async () => {
    const page = await openPortal('/crm/customer/list?page=1');
    await panel(page).click('DealerLens 抓取客户');
    await panel(page).click('抓取 Capture');
    await expect.poll(() => panel(page).text('.result'), { timeout: 10_000 }).toContain('未变 20');
    expect(await customerCount()).toBe(20);
    await page.close();
  });

  it('captures the next page as new customers and undoes that batch as a whole', async () => {
    const page = await openPortal('/crm/customer/list?page=2');
    await panel(page).click('DealerLens 抓取客户');
    await panel(page).click('抓取 Capture');
    await expect.poll(() => panel(page).text('.result'), { timeout: 10_000 }).toContain('新增 20');
    expect(await customerCount()).toBe(40);
    await panel(page).click('撤销 Undo');
    await expect.poll(() => panel(page).text('.note')).toContain('已撤销');
    expect(await customerCount()).toBe(20);
    await page.close();
  });

  it('starts a capture from the popup message on a page inside a frameset', async () => {
    const page = await openPortal('/frames/index.html');
    await page.waitForLoadState('load');
    const popup = await browser.page('popup.html');
    const tabId = await popup.evaluate(
      async (url) => (await chrome.tabs.query({ url: url + '/frames/*' }))[0]?.id,
      portal.url,
    );
    expect(tabId).toBeDefined();
    const started = await popup.evaluate(
      (id) => chrome.runtime.sendMessage({ type: 'capture:start', payload: { tabId: id } }),
      tabId,
    );
    expect(started).toEqual({ ok: true, value: { ok: true } });
    await popup.close();
    // Nothing drawn into a <frameset> shows, so the panel lives in the list frame.
    const list = inPage(page, 'dealerlens-capture', '/crm/customer/list');
    await expect.poll(() => list.text('.summary'), { timeout: 10_000 }).toMatch(/20 行/);
    expect(await list.text('.summary')).toMatch(/框架 frame/);
    expect(
      await page
        .frames()
        .find((f) => f.url().includes('/crm/customer/list'))!
        .locator('dealerlens-capture')
        .count(),
    ).toBe(1);
    await page.close();
  });

  it('reads an Element-UI style split table with fixed columns as one row per customer', async () => {
    const page = await openPortal('/modern/list');
    await panel(page).click('DealerLens 抓取客户');
    const headers = await panel(page).text('.headers');
    expect(headers).toContain('客户姓名');
    expect(headers!.split(' · ').filter((h) => h.trim() === '客户姓名')).toHaveLength(1);
    await expect.poll(() => panel(page).text('.summary')).toMatch(/20 行/);
    await page.close();
  });

  it('captures a list inside a same-origin iframe with the saved profile of that list', async () => {
    const page = await openPortal('/iframe/index.html');
    await page.waitForLoadState('load');
    await panel(page).click('DealerLens 抓取客户');
    await expect.poll(() => panel(page).text('.summary')).toMatch(/20 行.*iframe/);
    await panel(page).click('抓取 Capture');
    // Page 1 of the list is already stored: the same customers, recognised, nothing changed.
    await expect.poll(() => panel(page).text('.result'), { timeout: 10_000 }).toContain('未变 20');
    await page.close();
  });

  it('captures a card list that has no table at all', async () => {
    const page = await openPortal('/cards/list?page=4');
    const before = await customerCount();
    await panel(page).click('DealerLens 抓取客户');
    await expect.poll(() => panel(page).text('.summary')).toMatch(/20 行/);
    await panel(page).click('抓取 Capture');
    const dialog = await panel(page).frame('iframe.dialog');
    await expect.poll(() => dialog.getByLabel('映射 手机号码').inputValue()).toBe('phone');
    // The card's unlabelled title and number are named by their values, not by their CSS classes.
    expect(await dialog.getByLabel('映射 客户', { exact: true }).inputValue()).toBe('name');
    expect(await dialog.getByLabel('映射 编号', { exact: true }).inputValue()).toBe('portalId');
    await dialog.getByRole('button', { name: /确认导入 20 行/ }).click();
    await expect.poll(() => panel(page).text('.result'), { timeout: 10_000 }).toContain('新增 20');
    expect(await customerCount()).toBe(before + 20);
    await page.close();
  });

  it('shows the counts and the last capture in the popup, and refuses pages it cannot read', async () => {
    const popup = await browser.page('popup.html');
    const count = await customerCount();
    await expect.poll(() => popup.getByTestId('customers').textContent()).toBe(String(count));
    expect(Number(await popup.getByTestId('captured-today').textContent())).toBeGreaterThan(0);
    await expect
      .poll(() => popup.getByRole('region', { name: '上次抓取 / Last capture' }).textContent())
      .toContain('新增');
    // Opened as a tab, the popup's own page is the active tab: an extension page cannot be captured.
    await popup.getByRole('button', { name: /抓取本页客户/ }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('无法在此页面上运行');
    await popup.close();
  });

  it('says so clearly when a page has no customer table', async () => {
    const page = await openPortal('/empty');
    await panel(page).click('DealerLens 抓取客户');
    await expect.poll(() => panel(page).text('.note')).toContain('本页没有找到客户表格');
    expect(await panel(page).text('.note')).toContain('No customer table');
    await page.close();
  });
});
