// A capture interrupted at any point, by the browser stopping the service
// worker or by the user closing the tab, leaves the database either before
// or after the batch, never between; a worker stopped mid-message is asked
// again once, so the capture still lands whole, exactly once
// (docs/architecture.md#hostile-pages, docs/architecture.md#the-data-layer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inPage, launchWithExtension, type ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';
import type { DealerLensDB } from '../../lib/db';

type WorkerGlobal = { dealerlens: { db: DealerLensDB } };

let portal: Awaited<ReturnType<typeof startDemoPortal>>;
let browser: ExtensionBrowser;
const BIG = 3000;

beforeAll(async () => {
  portal = await startDemoPortal({ port: 0, count: BIG + 20 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  await browser.portalScriptsRegistered();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

const panel = (page: Page) => inPage(page);

async function openList(pageNo: number, size: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${portal.url}/crm/customer/list?page=${pageNo}&size=${size}`);
  return page;
}

/** Customers stored, and how many distinct mobiles they have (a duplicate customer would make these differ). */
const stored = () =>
  browser.evalInWorker(async () => {
    const all = await (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.toArray();
    return { count: all.length, phones: new Set(all.map((c) => c.phone)).size };
  });

describe('a capture interrupted', () => {
  it('starts from a portal whose list was captured once through the preview (its profile saved)', async () => {
    const page = await openList(1, 20);
    await panel(page).click('DealerLens 抓取客户');
    await panel(page).click('抓取 Capture');
    await (await panel(page).frame('iframe.dialog')).getByRole('button', { name: /确认导入 20 行/ }).click();
    await expect.poll(() => panel(page).text('.result'), { timeout: 15_000 }).toContain('新增 20');
    await page.close();
  });

  it('by the browser stopping the service worker mid-batch still lands whole, once', async () => {
    const before = await stored();
    const page = await openList(1, BIG + 20);
    await panel(page).click('DealerLens 抓取客户');
    await expect.poll(() => panel(page).text('.summary'), { timeout: 15_000 }).toContain(`${BIG + 20} 行`);
    await panel(page).click('抓取 Capture');
    await page.waitForTimeout(150);
    await browser.stopServiceWorker();
    // The panel asks the restarted worker once more: the whole page is stored, each customer once.
    await expect.poll(() => panel(page).text('.result, .note.error'), { timeout: 30_000 }).toMatch(/已导入|重新启动/);
    const after = await stored();
    expect(after.count).toBe(after.phones);
    expect([before.count, BIG + 20]).toContain(after.count);
    if (after.count === before.count) expect(await panel(page).text('.note.error')).toContain('没有保存任何数据');
    await page.close();
  });

  it('by the user closing the tab mid-batch leaves the database before or after the batch, never between', async () => {
    // Undo what the first test stored, so this batch has new customers to write.
    await browser.evalInWorker(async () => {
      const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const all = (await db.customers.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const firstBatch = all[0]!.lastBatchId;
      await db.customers.bulkDelete(
        all.filter((c) => c.createdAt !== all[0]!.createdAt || c.lastBatchId !== firstBatch).map((c) => c.id),
      );
      await db.identityDirectory.clear();
    });
    const before = await stored();
    const page = await openList(1, BIG + 20);
    await panel(page).click('DealerLens 抓取客户');
    await expect.poll(() => panel(page).text('.summary'), { timeout: 15_000 }).toContain(`${BIG + 20} 行`);
    await panel(page).click('抓取 Capture');
    await page.waitForTimeout(100);
    await page.close();
    // Whatever the worker had received finishes or is dropped whole.
    let after = await stored();
    for (let i = 0; i < 50 && after.count !== before.count && after.count !== BIG + 20; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await stored();
    }
    expect([before.count, BIG + 20]).toContain(after.count);
    expect(after.count).toBe(after.phones);
  });
});
