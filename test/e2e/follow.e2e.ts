// Following the portal (components/portal-follow): with 跟随门户自动采集 on for
// the demo portal, the pages a user turns by hand are captured in the
// background (a script pager re-rendering in place, a server pager loading
// each page), with a quiet count on the panel; switched off, paging
// captures nothing; the list inside an iframe and a frameset frame is
// followed too, and a page already stored as it shows writes no batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { inPage, launchWithExtension, type ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';

type Portal = Awaited<ReturnType<typeof startDemoPortal>>;
type WorkerGlobal = { dealerlens: { db: import('../../lib/db').DealerLensDB } };
declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

let portal: Portal;
let browser: ExtensionBrowser;
let popup: Page;

beforeAll(async () => {
  portal = await startDemoPortal({ port: 0 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  await browser.portalScriptsRegistered();
  popup = await browser.page('popup.html');
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

/** The popup's switch, as it writes it (the click itself is tested in test/components/popup-follow-switch.test.tsx). */
const follow = (on: boolean) =>
  popup.evaluate(
    (sites) => chrome.storage.local.set({ 'dealerlens.followSites': sites }),
    on ? [new URL(portal.url).origin] : [],
  );

const storedNumbers = () =>
  browser.evalInWorker(async () =>
    (await (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.toArray()).map((c) => c.portalId),
  );
const batchCount = () =>
  browser.evalInWorker(() => (globalThis as unknown as WorkerGlobal).dealerlens.db.batches.count());

/** The customer numbers (客户编号) the page's list shows now. */
const numbersOnPage = (page: Page | Frame) =>
  page.evaluate(() => {
    const table = document.querySelector('#custList, table.grid')!;
    const col = Array.from(table.querySelector('tr')!.children).findIndex((c) => c.textContent?.trim() === '客户编号');
    return Array.from(table.querySelectorAll('tr'))
      .map((tr) => tr.children[col]?.textContent?.trim() ?? '')
      .filter((t) => /^[A-Z]{1,3}\d+$/.test(t));
  });

/** The list's first capture by hand: the preview, confirmed, saves its site profile. */
async function captureByHand(page: Page): Promise<void> {
  const panel = inPage(page);
  await panel.click('DealerLens 抓取客户');
  await panel.click('抓取 Capture');
  const dialog = await panel.frame('iframe.dialog');
  await dialog.getByRole('button', { name: /确认导入/ }).click();
  await expect.poll(() => panel.text('.result'), { timeout: 10_000 }).toContain('新增');
  await panel.click({ selector: 'button.x' }, { timeout: 2_000 }).catch(() => undefined);
}

/** The panel's quiet line, where it shows. */
const followed = (page: Page) =>
  inPage(page)
    .read((root: ShadowRoot) => {
      const line = root.querySelector<HTMLElement>('.status');
      return line && !line.hidden ? line.textContent : null;
    })
    .catch(() => null);

describe('following the portal', () => {
  it('captures the 3 pages of a script pager and the 2 of a server pager the user turns, and counts them', async () => {
    const script = await browser.context.newPage();
    await script.goto(`${portal.url}/crawl/script`);
    await captureByHand(script);
    expect(await followed(script)).toBeNull();
    await follow(true);
    const shown = new Set(await numbersOnPage(script));
    await expect.poll(() => followed(script)).toBe('已跟随采集 20 位客户 · Followed 20');
    for (const n of [2, 3]) {
      const before = JSON.stringify(await numbersOnPage(script));
      await script.getByRole('button', { name: '下一页' }).click();
      await expect.poll(async () => JSON.stringify(await numbersOnPage(script))).not.toBe(before);
      for (const p of await numbersOnPage(script)) shown.add(p);
      await expect.poll(() => followed(script)).toBe(`已跟随采集 ${n * 20} 位客户 · Followed ${n * 20}`);
    }
    expect(shown.size).toBe(60);
    const stored = new Set(await storedNumbers());
    expect([...shown].filter((p) => !stored.has(p))).toEqual([]);
    await script.close();

    // The classic list's first capture, by hand while following: its page counts as followed, with no second batch.
    const server = await browser.context.newPage();
    await server.goto(`${portal.url}/crm/customer/list?page=3`);
    const byHand = (await batchCount()) + 1;
    await captureByHand(server);
    const seen = new Set(await numbersOnPage(server));
    await expect.poll(() => followed(server)).toBe('已跟随采集 20 位客户 · Followed 20');
    expect(await batchCount()).toBe(byHand);
    await server.getByRole('link', { name: '下一页' }).first().click();
    await server.waitForURL(/page=4/);
    for (const p of await numbersOnPage(server)) seen.add(p);
    // A new document: the count goes on from the tab's tally.
    await expect.poll(() => followed(server)).toBe('已跟随采集 40 位客户 · Followed 40');
    expect(seen.size).toBe(40);
    const after = new Set(await storedNumbers());
    expect([...seen].filter((p) => !after.has(p))).toEqual([]);

    // Switched off: the line goes, and paging captures nothing.
    await follow(false);
    await expect.poll(() => followed(server)).toBeNull();
    const batches = await batchCount();
    const customers = after.size;
    await server.getByRole('link', { name: '下一页' }).first().click();
    await server.waitForURL(/page=5/);
    await inPage(server).waitFor('.fab');
    // Longer than following waits for a quiet page before it reads one.
    await server.waitForTimeout(1_500);
    expect(await followed(server)).toBeNull();
    expect(await batchCount()).toBe(batches);
    expect((await storedNumbers()).length).toBe(customers);
    await server.close();
  }, 60_000);

  it('follows the list paged inside an iframe and a frameset frame; a page already stored writes no batch', async () => {
    // The classic list's profile (made by hand above) reads the same list framed; following is on again.
    await follow(true);
    const shell = await browser.context.newPage();
    await shell.goto(`${portal.url}/iframe/index.html`);
    const inner = () => shell.frame({ name: 'mainFrame' })!;
    await expect.poll(() => followed(shell)).toBe('已跟随采集 20 位客户 · Followed 20');
    const seen = new Set(await numbersOnPage(inner()));
    await inner().getByRole('link', { name: '下一页' }).first().click();
    await expect.poll(() => inner().url()).toMatch(/page=2/);
    for (const p of await numbersOnPage(inner())) seen.add(p);
    await expect.poll(() => followed(shell)).toBe('已跟随采集 40 位客户 · Followed 40');
    const stored = new Set(await storedNumbers());
    expect([...seen].filter((p) => !stored.has(p))).toEqual([]);
    // Page 3 was captured by hand above and shows as stored: counted as followed, no batch over the user's own.
    const batches = await batchCount();
    await inner().getByRole('link', { name: '下一页' }).first().click();
    await expect.poll(() => followed(shell)).toBe('已跟随采集 60 位客户 · Followed 60');
    expect(await batchCount()).toBe(batches);
    await shell.close();

    // The frameset: its list frame shows page 1, stored just now (no batch); its next page loads in the frame.
    const frames = await browser.context.newPage();
    await frames.goto(`${portal.url}/frames/index.html`);
    const main = () => frames.frame({ name: 'mainFrame' })!;
    await expect.poll(() => followed(frames)).toBe('已跟随采集 20 位客户 · Followed 20');
    expect(await batchCount()).toBe(batches);
    await main().goto(`${portal.url}/crm/customer/list?embed=1&page=6`);
    const six = await numbersOnPage(main());
    // The panel moved into the frame's new page, and shows the tab's one count.
    await expect.poll(() => followed(frames)).toBe('已跟随采集 40 位客户 · Followed 40');
    expect(await batchCount()).toBe(batches + 1);
    const after = new Set(await storedNumbers());
    expect(six.filter((p) => !after.has(p))).toEqual([]);
    await frames.close();
  }, 30_000);
});
