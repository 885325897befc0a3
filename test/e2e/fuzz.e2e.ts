// A fuzz corpus of hostile portal pages and files (test/e2e/fuzz-corpus.ts),
// run through the built extension (docs/architecture.md#hostile-pages): every
// case is stored as inert text or refused with a message in Chinese and
// English; no payload runs in a DealerLens page; only http(s) links are
// clickable in the drawer; finding and capturing a table stays under
// PAGE_BOUND_MS, reading a file under FILE_BOUND_MS; a normal capture still
// works afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, type ExtensionBrowser, inPage } from './harness';
import { fileCases, normalPage, pageCases, type PageCase } from './fuzz-corpus';
import type { DealerLensDB } from '../../lib/db';

type WorkerGlobal = { dealerlens: { db: DealerLensDB } };

/** Finding the tables (open) and capturing them (capture to result), each. */
const PAGE_BOUND_MS = 10_000;
/** Reading a hostile file until the import page shows what it read or why it refused. */
const FILE_BOUND_MS = 15_000;

const PAGES = pageCases();
const FILES = fileCases();
const NORMAL = normalPage();
const passed = new Set<string>();

let browser: ExtensionBrowser;
let server: Server;
let base: string;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dealerlens-fuzz-'));
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const index = Number(/^\/case\/(\d+)$/.exec(path)?.[1] ?? NaN);
    const html = path === '/normal' ? NORMAL.html : PAGES[index]?.html;
    // Anything else (the payloads' src=x) is an empty 200: a 404 would be a console error of the portal page.
    res.writeHead(200, { 'content-type': html ? 'text/html; charset=utf-8' : 'text/plain' });
    res.end(html ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  await browser.portalScriptsRegistered();
});

afterAll(async () => {
  console.log(`fuzz corpus: ${PAGES.length + FILES.length} cases, ${passed.size} passed`);
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const customerByPhone = (phone: string) =>
  browser.evalInWorker(async (p) => {
    const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
    const c = await db.customers.where('phone').equals(p).first();
    return c ? { id: c.id, name: c.name, notes: c.notes, detailUrl: c.provenance?.detailUrl } : null;
  }, phone);

const customerCount = () =>
  browser.evalInWorker(() => (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.count());

/** Nothing of a payload ran in this DealerLens page or frame. */
async function assertClean(where: Page | Frame): Promise<void> {
  const state = await where.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    title: document.title,
  }));
  expect(state.pwned).toBeUndefined();
  expect(state.title).not.toBe('pwned');
}

/** Opens the panel and captures the page's table; gives how it ended and how long each step took. */
async function capturePage(page: Page): Promise<{ outcome: 'captured' | 'refused'; text: string; ms: number[] }> {
  const panel = inPage(page);
  let started = Date.now();
  await panel.click('DealerLens 抓取客户');
  await expect.poll(() => panel.count('.summary, .note.warn'), { timeout: PAGE_BOUND_MS }).toBeGreaterThan(0);
  const findMs = Date.now() - started;
  const hasCapture = await panel.read((root) =>
    [...root.querySelectorAll('button')].some((b) => b.textContent?.includes('抓取 Capture')),
  );
  if ((await panel.count('.summary')) === 0 || !hasCapture)
    return { outcome: 'refused', text: (await panel.text('.note')) ?? '', ms: [findMs] };
  started = Date.now();
  await panel.click('抓取 Capture');
  const dialogFrame = () => page.frames().find((f) => f.url().includes('/capture.html'));
  const confirm = () => dialogFrame()?.getByRole('button', { name: /确认导入/ });
  const result = '.result, .note.error';
  await expect
    .poll(async () => (await panel.count(result)) > 0 || ((await confirm()?.count()) ?? 0) > 0, {
      timeout: PAGE_BOUND_MS,
    })
    .toBe(true);
  if ((await panel.count(result)) === 0) {
    const frame = dialogFrame();
    if (frame) await assertClean(frame);
    await confirm()!.click();
    await expect.poll(() => panel.count(result), { timeout: PAGE_BOUND_MS }).toBeGreaterThan(0);
  }
  const refused = (await panel.count('.note.error')) > 0;
  return {
    outcome: refused ? 'refused' : 'captured',
    text: (await panel.text(result)) ?? '',
    ms: [findMs, Date.now() - started],
  };
}

const bilingual = (text: string) => {
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).toMatch(/[A-Za-z]{3}/);
};

describe('hostile portal pages', () => {
  it.each(PAGES.map((c, i) => [c.name, i] as const))(
    '%s',
    async (_name, index) => {
      const c: PageCase = PAGES[index]!;
      const page = await browser.context.newPage();
      await page.goto(`${base}/case/${index}`);
      const { outcome, text, ms } = await capturePage(page);
      for (const t of ms) expect(t).toBeLessThan(PAGE_BOUND_MS);
      if (outcome === 'refused') {
        expect(c.mayRefuse || c.mustRefuse, `${c.name} refused: ${text}`).toBe(true);
        bilingual(text);
      } else {
        expect(c.mustRefuse, `${c.name} was captured`).toBeFalsy();
        expect(text, c.name).toMatch(/新增|未变|更新/);
        const stored = await customerByPhone(c.phone);
        expect(stored, c.name).not.toBeNull();
        if (c.storedNotes !== undefined) expect(stored!.notes).toBe(c.storedNotes);
        if (c.storedName !== undefined) expect(stored!.name).toBe(c.storedName);
        if (stored!.detailUrl) expect(stored!.detailUrl).toMatch(/^https?:\/\//);
      }
      await page.close();
      passed.add(c.name);
    },
    30_000,
  );
});

describe('in the workbench, after the hostile captures', () => {
  it('opens each hostile customer in the drawer with no payload run and only http(s) links', async () => {
    const page = await browser.page('workbench.html');
    await page.getByTestId('row-count').waitFor();
    for (const c of PAGES) {
      const stored = await customerByPhone(c.phone);
      if (!stored) continue;
      const cell = page.locator(`.ag-row[row-id="${stored.id}"] .ag-cell[col-id="name"]`).first();
      await page.getByPlaceholder(/搜索/).fill(c.phone);
      await cell.click();
      await page.keyboard.press('Enter');
      const drawer = page.getByRole('dialog', { name: '客户详情' });
      await drawer.waitFor();
      const hrefs = await drawer.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs) expect(href, c.name).toMatch(/^https?:\/\//);
      await assertClean(page);
      await page.keyboard.press('Escape');
      await expect.poll(() => drawer.count()).toBe(0);
    }
    await assertClean(page);
    await page.close();
  });
});

describe('in the export, after the hostile captures', () => {
  it('holds every hostile text as a plain string cell, never a formula', async () => {
    const page = await browser.page('workbench.html');
    await page.getByTestId('row-count').waitFor();
    await page.getByRole('button', { name: '全部客户' }).click();
    await page.getByRole('button', { name: /^导出/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /当前视图 \(\.xlsx\)/ }).click(),
    ]);
    const book = XLSX.read(readFileSync((await download.path())!), { type: 'buffer', cellFormula: true });
    const cells = book.SheetNames.flatMap((n) =>
      Object.entries(book.Sheets[n]!)
        .filter(([k]) => !k.startsWith('!'))
        .map(([, c]) => c as XLSX.CellObject),
    );
    expect(cells.filter((c) => c.f !== undefined)).toEqual([]);
    const hostile = cells.filter((c) => /HYPERLINK|cmd\||@SUM|__pwned/.test(String(c.v)));
    expect(hostile.length).toBeGreaterThan(0);
    for (const c of hostile) expect(c.t).toBe('s');
    await assertClean(page);
    await page.close();
  });
});

describe('hostile files on the import page', () => {
  it.each(FILES.map((f, i) => [f.name, i] as const))('%s', async (_name, index) => {
    const f = FILES[index]!;
    const page = await browser.page('import.html');
    const path = join(work, f.fileName);
    writeFileSync(path, f.bytes());
    const before = await customerCount();
    const started = Date.now();
    await page.locator('.sheet-import input[type=file]').first().setInputFiles(path);
    const outcome = page.locator('section.chosen, .sheet-import .note.error').first();
    await outcome.waitFor({ timeout: FILE_BOUND_MS });
    expect(Date.now() - started).toBeLessThan(FILE_BOUND_MS);
    const chosen = await page.locator('section.chosen').count();
    if (f.mustRefuse) expect(chosen).toBe(0);
    if (chosen === 0) bilingual((await outcome.textContent()) ?? '');
    await assertClean(page);
    expect(await customerCount()).toBe(before);
    await page.close();
    passed.add(f.name);
  });
});

describe('the database after the corpus', () => {
  it('still takes a normal capture', async () => {
    const before = await customerCount();
    const page = await browser.context.newPage();
    await page.goto(`${base}/normal`);
    const { outcome, text } = await capturePage(page);
    expect(outcome).toBe('captured');
    expect(text).toContain('新增 3');
    expect(await customerCount()).toBe(before + 3);
    for (const phone of NORMAL.phones) expect(await customerByPhone(phone)).not.toBeNull();
    await page.close();
  });
});
