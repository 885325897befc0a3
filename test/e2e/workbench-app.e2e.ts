// The workbench as a whole (docs/workbench.md#views): a customer opened from the
// grid in the drawer, bulk actions on a selection, the view exported as a
// sheet, the audit; and the same workbench over the portal page as a drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { launchWithExtension, seedGradedCustomers, type ExtensionBrowser, inPage } from './harness';
import { startDemoPortal } from '../demo-portal/server';
import { makeWorkbenchRows } from '../bench/workbench.rows';
import type { StoredCustomer } from '../../lib/db';
import type { CustomerGridHandle } from '../../components/customer-grid/CustomerGrid';

const SHOTS = 'test/e2e/screenshots';
const COUNT = 120;

type PageGlobal = { dealerlens: { workbench: CustomerGridHandle } };

let browser: ExtensionBrowser;
let portal: Awaited<ReturnType<typeof startDemoPortal>>;
let rows: StoredCustomer[];

beforeAll(async () => {
  portal = await startDemoPortal({ port: 0, count: 60 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  rows = makeWorkbenchRows(COUNT, 20261124, new Date());
  await seedGradedCustomers(browser, rows);
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function openWorkbench(): Promise<Page> {
  const page = await browser.page('workbench.html');
  await expect
    .poll(() => page.getByTestId('row-count').textContent(), { timeout: 15_000 })
    .toContain(`共 ${COUNT} 位客户`);
  return page;
}

const firstRowName = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as PageGlobal).dealerlens.workbench.api.getDisplayedRowAtIndex(0)?.data?.name ?? '',
  );

describe('the workbench at work', () => {
  it('opens a customer from the grid in the drawer, with grades and their reasons', async () => {
    const page = await openWorkbench();
    const name = await firstRowName(page);
    await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').first().dblclick();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.textContent(), { timeout: 10_000 }).toContain(name);
    expect(await drawer.textContent()).toMatch(/意向级别|Intent/);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    await page.close();
  });

  it('offers bulk actions once rows are selected', async () => {
    const page = await openWorkbench();
    expect(await page.getByRole('toolbar', { name: /批量/ }).count()).toBe(0);
    await page.evaluate(() => {
      const { api } = (globalThis as unknown as PageGlobal).dealerlens.workbench;
      api.getDisplayedRowAtIndex(0)?.setSelected(true);
      api.getDisplayedRowAtIndex(1)?.setSelected(true);
    });
    await expect.poll(() => page.locator('.bulk-actions').count()).toBe(1);
    await page.close();
  });

  it('exports what the view shows as .xlsx, phones as text', async () => {
    const page = await openWorkbench();
    await page.getByRole('button', { name: /^导出/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /当前视图 \(\.xlsx\)/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^DealerLens_.*\.xlsx$/);
    const book = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    const table = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(table).toHaveLength(COUNT);
    const phoneHeader = Object.keys(table[0]!).find((h) => h.includes('手机'));
    expect(phoneHeader).toBeDefined();
    const phoneCell = Object.values(sheet).find(
      (c) =>
        typeof c === 'object' && c && 'v' in c && /^1\d{2}\*{4}\d{4}$|^1\d{10}$/.test(String((c as XLSX.CellObject).v)),
    ) as XLSX.CellObject | undefined;
    expect(phoneCell?.t).toBe('s');
    await page.close();
  });

  it("shows the manager's audit", async () => {
    const page = await openWorkbench();
    await page.getByRole('button', { name: '跟进检核' }).click();
    await expect.poll(() => page.locator('.wb-app-audit').textContent()).toMatch(/应跟进|到期|due/i);
    await page.screenshot({ path: `${SHOTS}/workbench-audit.png` });
    await page.close();
  });
});

/** On the demo portal's list, opens the DealerLens panel, then the workbench drawer; gives the page and the workbench frame. */
async function openDrawerOverPortal(on: ExtensionBrowser) {
  await on.portalScriptsRegistered();
  const page = await on.context.newPage();
  await page.goto(`${portal.url}/crm/customer/list?page=1&size=20`);
  const panel = inPage(page);
  await panel.click('DealerLens 抓取客户');
  await panel.click('工作台 Workbench');
  const isWorkbench = (url: string) => url.endsWith('/workbench.html');
  await expect.poll(() => page.frames().some((f) => isWorkbench(f.url())), { timeout: 15_000 }).toBe(true);
  return { page, frame: page.frames().find((f) => isWorkbench(f.url()))! };
}

describe('the workbench over the portal page', () => {
  it('opens from the DealerLens panel as a drawer with the same grid', async () => {
    const { page, frame } = await openDrawerOverPortal(browser);
    await expect
      .poll(() => frame.getByTestId('row-count').textContent(), { timeout: 15_000 })
      .toContain(`共 ${COUNT} 位客户`);
    await page.screenshot({ path: `${SHOTS}/portal-workbench-drawer.png` });
    const drawer = inPage(page, 'dealerlens-workbench');
    await drawer.click('×');
    await expect.poll(() => drawer.read((root) => (root.querySelector('aside') as HTMLElement).hidden)).toBe(true);
    await page.close();
  });

  it('says what to do when the browser blocks third-party storage for the embedded frame', async () => {
    const blocked = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'], blockThirdPartyStorage: true });
    try {
      const { frame } = await openDrawerOverPortal(blocked);
      await expect.poll(() => frame.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('第三方 Cookie');
      expect(await frame.getByRole('link', { name: /在新标签页打开工作台/ }).getAttribute('href')).toMatch(
        /workbench\.html$/,
      );
    } finally {
      await blocked.close();
    }
  });
});

describe('删除此客户（个人信息）', () => {
  it('forgets a customer: no later workbench view, export or backup holds them, and the log holds no personal data', async () => {
    const page = await openWorkbench();
    const target = await page.evaluate(() => {
      const data = (globalThis as unknown as PageGlobal).dealerlens.workbench.api.getDisplayedRowAtIndex(0)!.data!;
      return { id: data.id, name: data.name ?? '', phone: data.phone ?? '' };
    });
    const nameIsUnique = rows.filter((r) => r.name === target.name).length === 1;
    await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').first().dblclick();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.textContent(), { timeout: 10_000 }).toContain(target.name);
    await drawer.getByRole('button', { name: '删除此客户（个人信息）' }).click();
    const confirm = drawer.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain('跟进记录');
    await confirm.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(() => drawer.count()).toBe(0);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toContain(`共 ${COUNT - 1} 位客户`);

    // The view exported afterwards, numbers in full, has no trace of them.
    await page.getByRole('button', { name: /^导出/ }).click();
    await page.getByRole('checkbox', { name: '导出完整号码' }).check();
    const [sheet] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /当前视图 \(\.xlsx\)/ }).click(),
    ]);
    const book = XLSX.read(readFileSync((await sheet.path())!), { type: 'buffer' });
    const text = XLSX.utils.sheet_to_csv(book.Sheets[book.SheetNames[0]!]!);
    expect(text).not.toContain(target.phone);
    if (nameIsUnique) expect(text).not.toContain(target.name);
    expect(text).toContain(rows.find((r) => r.id !== target.id)!.phone!);
    await page.close();

    // A backup made afterwards has no trace of them either.
    const options = await browser.page('options.html?section=data');
    const [backup] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: /导出备份/ }).click(),
    ]);
    const json = readFileSync((await backup.path())!, 'utf8');
    expect(json).toContain(rows.find((r) => r.id !== target.id)!.phone!);
    expect(json).not.toContain(target.phone);
    expect(json).not.toContain(target.id);
    if (nameIsUnique) expect(json).not.toContain(target.name);
    await options.close();

    // The act is logged by time and count only.
    const log = await browser.evalInWorker(async () =>
      JSON.stringify(
        await (
          globalThis as unknown as { dealerlens: { db: import('../../lib/db').DealerLensDB } }
        ).dealerlens.db.settings.get('privacy.forgotten'),
      ),
    );
    expect(log).toContain('"count":1');
    expect(log).not.toContain(target.phone);
    expect(log).not.toContain(target.id);
    if (target.name) expect(log).not.toContain(target.name);
  });
});
