// A consultant opens the workbench on a graded store and works the day in it
// (docs/workbench.md#views): a view, sort, filter, quick search, a revealed phone, a hidden
// column that stays hidden, a saved view; screenshots with CJK fonts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launchWithExtension, seedGradedCustomers, type ExtensionBrowser } from './harness';
import { makeWorkbenchRows } from '../bench/workbench.rows';
import { BUILT_IN_VIEWS, viewPredicate } from '../../lib/views';
import type { StoredCustomer } from '../../lib/db';
import type { CustomerGridHandle } from '../../components/customer-grid/CustomerGrid';

const SHOTS = 'test/e2e/screenshots';
const COUNT = 300;

type PageGlobal = { dealerlens: { workbench: CustomerGridHandle } };

let browser: ExtensionBrowser;
let rows: StoredCustomer[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension();
  rows = makeWorkbenchRows(COUNT, 20261123, new Date());
  await seedGradedCustomers(browser, rows);
});

afterAll(async () => {
  await browser?.close();
});

const rowCount = (page: Page) => page.getByTestId('row-count');

/** The names down the grid as displayed (sorted and filtered), via the page's grid. */
const displayedNames = (page: Page, n: number) =>
  page.evaluate((n) => {
    const { api } = (globalThis as unknown as PageGlobal).dealerlens.workbench;
    const names: (string | undefined)[] = [];
    for (let i = 0; i < Math.min(n, api.getDisplayedRowCount()); i++)
      names.push(api.getDisplayedRowAtIndex(i)?.data?.name);
    return names;
  }, n);

const displayedCount = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobal).dealerlens.workbench.displayedCount());

async function openWorkbench(query = ''): Promise<Page> {
  const page = await browser.page(`workbench.html${query}`);
  await expect.poll(() => rowCount(page).textContent(), { timeout: 15_000 }).toMatch(new RegExp(`共 ${COUNT} 位客户`));
  return page;
}

describe('the workbench', () => {
  it('opens 今日待跟进 from ?view=today, with the customers due today', async () => {
    const page = await openWorkbench('?view=today');
    const expected = rows.filter(
      viewPredicate(BUILT_IN_VIEWS.find((v) => v.id === 'today')!.filters, { now: new Date() })!,
    ).length;
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => rowCount(page).textContent()).toContain(`显示 ${expected} / 共 ${COUNT} 位客户`);
    expect(await page.getByRole('button', { name: '今日待跟进' }).getAttribute('aria-current')).toBe('true');
    // The grade cells are badges, and hovering one tells why.
    const badge = page.locator('.ag-cell[col-id="grades.intent"] .dl-badge').first();
    await badge.hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent(), { timeout: 5_000 }).toMatch(/:/);
    await page.screenshot({ path: `${SHOTS}/workbench-today.png` });
    await page.close();
  });

  it('sorts by a column, filters by a column and searches across name, phone, plate and VIN', async () => {
    const page = await openWorkbench();
    await page.locator('.ag-header-row-column .ag-header-cell[col-id="name"] .ag-header-cell-label').click();
    const sorted = [...rows.map((r) => r.name!)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 5);
    await expect.poll(() => displayedNames(page, 5)).toEqual(sorted);

    // The floating filter of 区域 (district), in the filter row under the headers.
    const districtFilter = page.locator('.ag-floating-filter[col-id="district"] input');
    await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).dealerlens.workbench.api.ensureColumnVisible('district'),
    );
    await districtFilter.fill('惠城');
    const inHuicheng = rows.filter((r) => r.district?.includes('惠城')).length;
    await expect.poll(() => displayedCount(page)).toBe(inHuicheng);
    await districtFilter.fill('');
    await expect.poll(() => displayedCount(page)).toBe(COUNT);

    const someone = rows.find((r) => r.plate)!;
    await page.getByLabel('快速搜索').fill(someone.phone!.slice(-8));
    await expect.poll(() => displayedNames(page, 3)).toContain(someone.name);
    await page.getByLabel('快速搜索').fill(someone.plate!.replace('·', ''));
    await expect.poll(() => displayedNames(page, 3)).toContain(someone.name);
    await page.getByLabel('快速搜索').fill('');
    await expect.poll(() => displayedCount(page)).toBe(COUNT);
    await page.close();
  });

  it('masks phone numbers until the user reveals them', async () => {
    const page = await openWorkbench();
    const first = (await page.evaluate(
      () => (globalThis as unknown as PageGlobal).dealerlens.workbench.api.getDisplayedRowAtIndex(0)?.data,
    ))!;
    const cell = page.locator(`.ag-row[row-id="${first.id}"] .ag-cell[col-id="phone"]`).first();
    await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).dealerlens.workbench.api.ensureColumnVisible('phone'),
    );
    await expect.poll(() => cell.textContent()).toBe(`${first.phone!.slice(0, 3)}****${first.phone!.slice(-4)}`);
    await page.getByRole('button', { name: '显示完整号码' }).click();
    await expect.poll(() => cell.textContent()).toBe(first.phone);
    await page.getByRole('button', { name: '隐藏号码' }).click();
    await expect.poll(() => cell.textContent()).toContain('****');
    await page.close();
  });

  it('remembers a hidden column after a reload', async () => {
    const page = await openWorkbench();
    const header = page.locator('.ag-header-row-column .ag-header-cell[col-id="address"]');
    await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).dealerlens.workbench.api.ensureColumnVisible('address'),
    );
    await expect.poll(() => header.count()).toBe(1);
    await page.getByText('列', { exact: true }).click();
    await page
      .locator('.wb-column-panel label')
      .filter({ hasText: /^地址$/ })
      .locator('input')
      .uncheck();
    await expect.poll(() => header.count()).toBe(0);
    await page.waitForTimeout(600); // the column state is saved shortly after the last change
    await page.reload();
    await expect
      .poll(() => rowCount(page).textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`共 ${COUNT} 位客户`));
    const visible = await page.evaluate(
      () =>
        (globalThis as unknown as PageGlobal).dealerlens.workbench.columns().find((c) => c.id === 'address')?.visible,
    );
    expect(visible).toBe(false);
    await page.close();
  });

  it('saves the current view under a name, and it is there after a reload', async () => {
    const page = await openWorkbench('?view=overdue');
    const overdue = rows.filter(
      viewPredicate(BUILT_IN_VIEWS.find((v) => v.id === 'overdue')!.filters, { now: new Date() })!,
    ).length;
    await expect.poll(() => displayedCount(page)).toBe(overdue);
    await page.getByText('级别筛选').click();
    await page.locator('.wb-grade-panel fieldset').filter({ hasText: '意向级别与跟进' }).getByLabel('H级').check();
    const overdueH = rows.filter(
      viewPredicate([{ kind: 'overdue' }, { kind: 'grade', standard: 'intent', grades: ['H'] }], { now: new Date() })!,
    ).length;
    await expect.poll(() => displayedCount(page)).toBe(overdueH);
    await page.getByRole('button', { name: '+ 保存为视图' }).click();
    await page.getByLabel('视图名称').fill('逾期H级');
    await page.getByRole('button', { name: '保存', exact: true }).first().click();
    await expect
      .poll(() => page.getByRole('button', { name: '逾期H级', exact: true }).getAttribute('aria-current'))
      .toBe('true');

    await page.getByRole('button', { name: '全部客户' }).click();
    await expect.poll(() => displayedCount(page)).toBe(COUNT);
    await page.reload();
    await expect
      .poll(() => rowCount(page).textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`共 ${COUNT} 位客户`));
    await page.getByRole('button', { name: '逾期H级', exact: true }).click();
    await expect.poll(() => displayedCount(page)).toBe(overdueH);
    await page.close();
  });

  it('keyboard all the way: Enter opens the drawer, Enter saves, the focus stays in it, Esc closes it back onto the row', async () => {
    const page = await openWorkbench();
    const first = (await page.evaluate(
      () => (globalThis as unknown as PageGlobal).dealerlens.workbench.api.getDisplayedRowAtIndex(0)?.data,
    ))!;
    await page.locator(`.ag-row[row-id="${first.id}"] .ag-cell[col-id="name"]`).first().click();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '客户详情' });
    await expect.poll(() => drawer.locator('h2').textContent()).toContain(first.name!);

    await drawer.getByRole('button', { name: '已接通' }).click();
    await drawer.getByRole('textbox', { name: '备注' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => drawer.locator('.timeline li').first().textContent()).toContain('已接通');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.customer-drawer')))).toBe(true);
    await expect.poll(() => drawer.locator('.logged').textContent()).toContain('已记录跟进');

    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id')))
      .toBe(first.id);
    await page.close();
  });

  it('fits a narrow panel over the portal, and reads in English too (screenshots)', async () => {
    const page = await openWorkbench('?view=today');
    await page.screenshot({ path: `${SHOTS}/workbench.png` });
    await page.setViewportSize({ width: 420, height: 800 });
    await page.screenshot({ path: `${SHOTS}/workbench-narrow.png` });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '切换语言 Switch language' }).click();
    await expect.poll(() => rowCount(page).textContent()).toMatch(/of 300 customers/);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: `${SHOTS}/workbench-en.png` });
    await page.close();
  });
});
