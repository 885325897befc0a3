// docs/capture.md#file-import in the built extension: a manager imports an untidy portal export
// (.xlsx with a notes sheet, a merged title, two header rows, a 合计 row)
// through the import page, sees what the reader chose, maps and commits it
// like a page capture, and finds the customers stored and graded; then
// exports a backup, loses the data, and restores the backup exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './harness';
import { UNTIDY_CUSTOMERS, untidyXlsx } from '../fixtures/sheets/files';
import type { DealerLensDB } from '../../lib/db';

type WorkerGlobal = { dealerlens: { db: DealerLensDB } };
const SHOTS = 'test/e2e/screenshots';

let browser: ExtensionBrowser;
let page: Page;
let work: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'dealerlens-sheets-'));
  browser = await launchWithExtension();
  page = await browser.page('import.html');
});

afterAll(async () => {
  await browser?.close();
});

const storedCustomers = () =>
  browser.evalInWorker(async () => {
    const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
    return (await db.customers.orderBy('id').toArray()).map((c) => ({
      name: c.name,
      phone: c.phone,
      idNumber: c.idNumber ?? c.invalid.idNumber,
      vin: c.vin,
      grades: c.grades,
      totalSpend: c.totalSpend,
    }));
  });

describe('import an untidy export through the import page', () => {
  it('shows what the reader chose, then stores the customers graded, as one batch from a file', async () => {
    const file = join(work, '保有客户明细.xlsx');
    writeFileSync(file, untidyXlsx());
    await page.locator('.sheet-import input[type=file]').first().setInputFiles(file);

    const chosen = page.locator('section.chosen');
    await chosen.waitFor();
    // The data sheet, not the notes sheet before it; the title and the 合计 row left out.
    await expect(chosen.locator('h2').textContent()).resolves.toContain('客户明细');
    const notes = await chosen.locator('.notes').textContent();
    expect(notes).toMatch(/表头在第 5 行（2 行表头）/);
    expect(notes).toMatch(/合计行/);
    expect(notes).toMatch(/序号列/);
    await page.screenshot({ path: `${SHOTS}/sheets-import-chosen.png`, fullPage: true });

    await page.getByRole('button', { name: /下一步/ }).click();
    const confirm = page.getByRole('button', { name: /确认导入 3 行/ });
    await confirm.waitFor();
    await page.screenshot({ path: `${SHOTS}/sheets-import-preview.png`, fullPage: true });
    await confirm.click();
    await page
      .locator('.result-box .result')
      .filter({ hasText: /新增 3/ })
      .waitFor({ timeout: 30_000 });

    const stored = await storedCustomers();
    expect(stored.map((c) => c.phone).sort()).toEqual(UNTIDY_CUSTOMERS.map((c) => c.phone).sort());
    const zhang = stored.find((c) => c.phone === '13800138000')!;
    // The ID number survives as text (stored, or kept raw when its checksum fails), the money as a number.
    expect(zhang).toMatchObject({
      name: '张伟',
      idNumber: '110101199003071234',
      vin: 'LSVAU2180N2183294',
      totalSpend: 8560,
    });
    expect(zhang.grades?.churn).toBeDefined();
    const batch = await browser.evalInWorker(async () => {
      const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const b = (await db.batches.toArray())[0]!;
      return { source: b.source, pageUrl: b.pageUrl, count: await db.batches.count() };
    });
    expect(batch).toMatchObject({ source: 'file', count: 1 });
    expect(decodeURIComponent(batch.pageUrl)).toBe('file:///保有客户明细.xlsx');
  });

  it('an empty file gets a clear message in both languages, and nothing is stored', async () => {
    const file = join(work, '空文件.xlsx');
    writeFileSync(file, Buffer.alloc(0));
    await page.locator('.sheet-import input[type=file]').first().setInputFiles(file);
    const alert = page.locator('.sheet-import .note.error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/文件是空的.*The file is empty/s);
    expect(
      await browser.evalInWorker(() => (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.count()),
    ).toBe(3);
  });
});

describe('backup and restore', () => {
  it('exports a backup, and restoring it (replace) gives back exactly what was saved', async () => {
    const before = await storedCustomers();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出备份/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^DealerLens_备份_\d{4}-\d{2}-\d{2}\.json$/);
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).tables.customers).toHaveLength(3);

    // Something goes wrong: a customer is lost and another changed.
    await browser.evalInWorker(async () => {
      const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const all = await db.customers.orderBy('id').toArray();
      await db.customers.delete(all[0]!.id);
      await db.customers.put({ ...all[1]!, name: '改错了' });
    });

    await page.locator('.data-settings input[type=file]').setInputFiles(path);
    const preview = page.locator('.restore-preview');
    await preview.waitFor();
    expect(await preview.locator('tr[data-table=customers] td').allTextContents()).toEqual([
      '客户 Customers',
      '3',
      '2',
      '1',
      '0',
      '2',
    ]);
    await preview.getByLabel(/替换/).check();
    await expect(preview.locator('.note.error').textContent()).resolves.toMatch(/2 位客户/);
    await page.screenshot({ path: `${SHOTS}/sheets-restore-preview.png`, fullPage: true });
    await preview.getByRole('button', { name: /确认恢复/ }).click();
    await page
      .locator('.data-settings .note.info')
      .filter({ hasText: /恢复完成/ })
      .waitFor();
    expect(await storedCustomers()).toEqual(before);
  });
});
