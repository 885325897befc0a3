// Import of a 100,000-row xlsx to stored, graded customers, through the
// built extension's import page as a user drives it, against a floor measured
// in the same browser in the same run: SheetJS reading the same file
// (XLSX.read in dense mode with SheetJS's default cell options, in a plain
// page) plus a raw IndexedDB put of the records
// the import stored (one transaction, a fresh store with the customers'
// indexes). Target: at most 1.3x that floor, so the figure says what the
// import adds on this machine rather than a number of seconds. What is timed: the file picked, read (bytes with a progress bar, the workbook
// in a worker), the table staged in the background, the mapping preview,
// the commit (upsert, batch, grades on capture). The two clicks a user makes
// (next, confirm) are in the figure; the time a person takes to read the
// preview is not. The file is a portal export of the demo store's customers
// with a title row above the header.
import * as XLSX from 'xlsx';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../e2e/harness';
import { rawPutInWorker } from './raw-put';
import { generateCustomers, DEFAULT_SEED } from '../demo-portal/data';
import type { DealerLensDB } from '../../lib/db';
import type { Bench, BenchResult } from './types';
import { median } from './types';

/** 100,000 by the issue; IMPORT_ROWS sets another size to see how the time grows. */
const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
type WorkerGlobal = { dealerlens: { db: DealerLensDB } };
/** The most the import may take, as a multiple of the floor (SheetJS read + raw put). */
const MAX_RATIO = 1.3;
const SHEETJS_SCRIPT = createRequire(import.meta.url).resolve('xlsx/dist/xlsx.full.min.js');

const HEADERS = [
  '客户姓名',
  '手机号码',
  '身份证号',
  '性别',
  '区域',
  '销售顾问',
  '阶段',
  '意向级别',
  '意向车型',
  '最近联系',
  '预计购车',
  '车架号',
  '车型',
  '购车日期',
  '最近进站',
  '进站次数',
  '行驶里程(km)',
  '累计消费（元）',
  '战败原因',
];
const STAGE_ZH: Record<string, string> = {
  lead: '潜客',
  ordered: '已订车',
  delivered: '已交车',
  owner: '保有',
  defeated: '战败',
};

function exportFile(dir: string): string {
  const customers = generateCustomers(ROWS, DEFAULT_SEED, '2026-11-23');
  const aoa: unknown[][] = [['2026年11月 客户明细（DMS 导出）'], HEADERS];
  for (const c of customers) {
    aoa.push([
      c.name,
      c.phone ? Number(c.phone) : '',
      c.idNumber ?? '',
      c.gender === 'male' ? '男' : c.gender === 'female' ? '女' : '',
      c.district ?? '',
      c.consultant ?? '',
      c.stage ? STAGE_ZH[c.stage] : '',
      c.portalGrade ?? '',
      c.intendedModel ?? '',
      c.lastContactAt?.replace('T', ' ') ?? '',
      c.expectedPurchaseAt ?? '',
      c.vin ?? '',
      c.vehicleModel ?? '',
      c.purchasedAt ?? '',
      c.lastServiceAt ?? '',
      c.serviceVisits ?? '',
      c.mileageKm ?? '',
      c.totalSpend ?? '',
      c.defeatReason ?? '',
    ]);
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa, { dense: true } as XLSX.AOA2SheetOpts);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: HEADERS.length - 1 } }];
  const path = join(dir, '客户明细_100000.xlsx');
  writeFileSync(
    path,
    new Uint8Array(
      XLSX.write(
        { SheetNames: ['客户明细'], Sheets: { 客户明细: ws } },
        { bookType: 'xlsx', type: 'array', compression: true },
      ) as ArrayBuffer,
    ),
  );
  return path;
}

interface ImportRun {
  total: number;
  read: number;
  staged: number;
  stored: { count: number; graded: number };
  raw: number;
  sheetjs: number;
  /** SheetJS's leanest read (no formatted text per cell, as lib/sheets/read.ts asks): reported, a stricter floor. */
  sheetjsLean: number;
  seen: Set<string>;
}

/** SheetJS's own read of the file in a plain page of the same browser (no extension code, no CSP). */
async function sheetjsRead(
  browser: Awaited<ReturnType<typeof launchWithExtension>>,
  file: string,
): Promise<{ plain: number; lean: number }> {
  const page = await browser.context.newPage();
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ path: SHEETJS_SCRIPT });
    // The bytes handed over as base64 and decoded outside the timing.
    await page.evaluate((b64) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      (globalThis as unknown as { benchBytes: Uint8Array }).benchBytes = bytes;
    }, readFileSync(file).toString('base64'));
    return await page.evaluate(() => {
      const g = globalThis as unknown as { benchBytes: Uint8Array; XLSX: typeof XLSX };
      // Anonymous functions only: tsx names a named one with a __name helper this page does not have.
      const [plain, lean] = [
        { type: 'array', dense: true },
        // The leanest read that gives what an import needs (as lib/sheets/read.ts asks): no formatted text or HTML per cell.
        { type: 'array', dense: true, cellText: false, cellHTML: false, cellNF: true, cellStyles: false },
      ].map((options) => {
        const t0 = performance.now();
        const wb = g.XLSX.read(g.benchBytes, options as XLSX.ParsingOptions);
        const ms = performance.now() - t0;
        if (!wb.SheetNames.length) throw new Error('SheetJS read no sheet');
        return ms;
      });
      return { plain: plain!, lean: lean! };
    });
  } finally {
    await page.close();
  }
}

async function importOnce(file: string): Promise<ImportRun> {
  const browser = await launchWithExtension();
  try {
    const page = await browser.page('import.html');
    page.setDefaultTimeout(180_000);
    // The bar the user sees: its label sampled while the import runs.
    const seen = new Set<string>();
    const t0 = Date.now();
    await page.locator('.sheet-import input[type=file]').first().setInputFiles(file);
    const watch = setInterval(() => {
      void page
        .locator('[role=progressbar] span')
        .allTextContents()
        .then(
          (texts) => texts.forEach((t) => seen.add(t.replace(/\d+(\.\d+)?/g, '#'))),
          () => undefined,
        );
    }, 200);
    try {
      await page.locator('section.chosen').waitFor();
      const read = Date.now() - t0;
      await page.getByRole('button', { name: /下一步/ }).click();
      const confirm = page.getByRole('button', { name: /确认导入/ });
      await confirm.waitFor();
      const staged = Date.now() - t0;
      process.stderr.write(`  read ${read} ms, staged ${staged - read} ms; committing…\n`);
      await confirm.click();
      // The result, or the error the preview shows if the commit fails.
      await page.locator('.result-box .result, .cp .note.error').first().waitFor({ timeout: 600_000 });
      const failed = await page.locator('.cp .note.error').count();
      if (failed) throw new Error(`commit failed: ${await page.locator('.cp .note.error').first().textContent()}`);
      const total = Date.now() - t0;
      clearInterval(watch);
      await page.close();
      const stored = await browser.evalInWorker(async () => {
        const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
        let graded = 0;
        await db.customers.each((c) => void (c.grades && graded++));
        return { count: await db.customers.count(), graded };
      });
      // The floor: the same stored records put raw, and SheetJS reading the same file, in this browser.
      const raw = await rawPutInWorker(browser, 'lastBatch', 'bench-import-raw');
      const { plain: sheetjs, lean: sheetjsLean } = await sheetjsRead(browser, file);
      process.stderr.write(
        `  import ${total} ms; floor: SheetJS read ${Math.round(sheetjs)} ms (lean ${Math.round(sheetjsLean)} ms) + raw put ${Math.round(raw)} ms\n`,
      );
      return { total, read, staged, stored, raw, sheetjs, sheetjsLean, seen };
    } finally {
      clearInterval(watch);
    }
  } finally {
    await browser.close();
  }
}

export const importBench: Bench = {
  id: 'import',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'dealerlens-import-'));
    try {
      const file = exportFile(dir);
      const runs: ImportRun[] = [];
      // Each run in a fresh browser (an empty store), so every run imports 100,000 new customers.
      for (let i = 0; i < Math.max(1, ctx.runs); i++) runs.push(await importOnce(file));
      const ratios = runs.map((r) => r.total / (r.sheetjs + r.raw));
      const ratio = median(ratios);
      const mid = runs[ratios.indexOf(ratio)] ?? runs[0]!;
      const m = (f: (r: ImportRun) => number): number => median(runs.map(f));
      const allGraded = runs.every((r) => r.stored.graded === ROWS);
      const leanRatio = median(runs.map((r) => r.total / (r.sheetjsLean + r.raw)));
      const seen = new Set(runs.flatMap((r) => [...r.seen]));
      const results: BenchResult[] = [
        {
          name: `import ${ROWS.toLocaleString()}-row xlsx / (SheetJS read + raw put), same run`,
          value: ratio,
          unit: 'x',
          target: `<= ${MAX_RATIO}x`,
          pass: ratio <= MAX_RATIO && allGraded,
          note: `import ${Math.round(mid.total)} ms vs SheetJS read ${Math.round(mid.sheetjs)} + raw put ${Math.round(mid.raw)} ms; runs ${ratios.map((x) => x.toFixed(2)).join(' ')}`,
        },
        {
          name: `import ${ROWS.toLocaleString()}-row xlsx to stored, graded customers (import page)`,
          value: m((r) => r.total),
          unit: 'ms',
          target: 'reported',
          pass: allGraded,
          note: `read ${mid.read} ms, staged ${mid.staged - mid.read} ms, commit ${mid.total - mid.staged} ms; ${mid.stored.count} stored, ${mid.stored.graded} graded`,
        },
        {
          name: 'SheetJS read of the same file (XLSX.read, dense)',
          value: m((r) => r.sheetjs),
          unit: 'ms',
          target: 'reported',
          pass: true,
          note: `our read (file picked to sheet shown) ${mid.read} ms`,
        },
        {
          name: 'the same against the leanest SheetJS read (no cell text)',
          value: leanRatio,
          unit: 'x',
          target: 'reported',
          pass: true,
          note: `lean read ${Math.round(m((r) => r.sheetjsLean))} ms`,
        },
        {
          name: `raw IndexedDB put of the same ${ROWS.toLocaleString()} stored records`,
          value: m((r) => r.raw),
          unit: 'ms',
          target: 'reported',
          pass: true,
          note: `commit / raw put ${((mid.total - mid.staged) / mid.raw).toFixed(2)}x`,
        },
        {
          name: 'import progress shown',
          value: seen.size,
          unit: 'states',
          target: 'reported',
          pass: seen.size > 0,
          note: [...seen].slice(0, 4).join(' | ').slice(0, 150),
        },
      ];
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
