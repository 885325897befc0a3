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

/** What the worker saw of each capture's commit: [start, end] in ms, and its batch. */
type Span = { start: number; end: number; batchId?: string };
type TabsWorker = WorkerGlobal & {
  dealerlens: { sessions: { commit(...args: unknown[]): Promise<{ id: string }> } };
  __twoTabs?: { spans: Span[]; restore(): void };
};

describe('two tabs capturing the same customers at once', () => {
  const ROWS = 100;

  it('stores each customer once with every field either tab read, and the two reports add up', async () => {
    // Two views of the list with different columns: the card view (its site
    // profile saved above) and the Element table, whose profile is saved here
    // with 销售顾问 kept as an extra column. So each tab writes a field the
    // other does not, and a stale read-modify-write by either would lose it.
    const first = await openPortal('/modern/list?page=5');
    await panel(first).click('DealerLens 抓取客户');
    await panel(first).click('抓取 Capture');
    const dialog = await panel(first).frame('iframe.dialog');
    await expect.poll(() => dialog.getByLabel('映射 手机号码').inputValue()).toBe('phone');
    await dialog.getByLabel('映射 销售顾问').selectOption('');
    await dialog.getByRole('button', { name: /确认导入 20 行/ }).click();
    await expect.poll(() => panel(first).text('.result'), { timeout: 10_000 }).toContain('新增 20');
    await first.close();

    // The same customers (page 3 of 100, none stored yet) in both views; each captures with one click.
    const expected = portal.customers.slice(2 * ROWS, 3 * ROWS);
    const tabs = [
      await openPortal(`/cards/list?page=3&size=${ROWS}`),
      await openPortal(`/modern/list?page=3&size=${ROWS}`),
    ];
    const before = await customerCount();
    for (const tab of tabs) {
      await panel(tab).click('DealerLens 抓取客户');
      await expect.poll(() => panel(tab).text('.summary')).toMatch(new RegExp(`${ROWS} 行`));
    }

    // In the worker, each commit waits (at most 10 s) until the other has
    // arrived, then both run: they overlap however the two clicks' messages
    // happen to be scheduled. Each commit's span is recorded.
    await browser.worker.evaluate('globalThis.__name = (fn) => fn');
    await browser.evalInWorker(() => {
      const g = globalThis as unknown as TabsWorker;
      const sessions = g.dealerlens.sessions;
      const original = sessions.commit;
      const spans: Span[] = [];
      let arrived = 0;
      let open = () => {};
      const bothArrived = new Promise<void>((resolve) => (open = resolve));
      sessions.commit = async function (this: unknown, ...args: unknown[]) {
        if (++arrived === 2) open();
        await Promise.race([bothArrived, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        const span: Span = { start: Date.now(), end: 0 };
        try {
          const batch = await original.apply(this, args);
          span.batchId = batch.id;
          return batch;
        } finally {
          span.end = Date.now();
          spans.push(span);
        }
      };
      g.__twoTabs = { spans, restore: () => (sessions.commit = original) };
    });

    let spans: Span[];
    try {
      // Both start, then both are awaited.
      await Promise.all(tabs.map((tab) => panel(tab).click('抓取 Capture')));
      await Promise.all(
        tabs.map((tab) => expect.poll(() => panel(tab).text('.result'), { timeout: 10_000 }).toContain('已导入')),
      );
    } finally {
      spans = await browser.evalInWorker(() => {
        const g = globalThis as unknown as TabsWorker;
        g.__twoTabs?.restore();
        return g.__twoTabs?.spans ?? [];
      });
    }

    // The two commits were in the worker at the same time: each began before the other ended.
    expect(spans).toHaveLength(2);
    const [a, b] = spans as [Span, Span];
    expect(a.start).toBeLessThan(b.end);
    expect(b.start).toBeLessThan(a.end);

    const stored = await browser.evalInWorker(
      async (ids) => {
        const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
        const all = await db.customers.toArray();
        const batches = await db.batches.bulkGet(ids);
        return {
          customers: all.map((c) => ({
            id: c.id,
            portalId: c.portalId,
            name: c.name,
            phone: c.phone,
            consultant: c.consultant,
            extraConsultant: c.extra['销售顾问'],
            intendedModel: c.intendedModel,
            plate: c.plate,
            defeatReason: c.defeatReason,
            expectedPurchaseAt: c.expectedPurchaseAt,
          })),
          batches: batches.map((batch) => ({ counts: batch!.counts, customerIds: batch!.customerIds })),
        };
      },
      spans.map((s) => s.batchId!),
    );

    // Every customer once.
    expect(stored.customers).toHaveLength(before + ROWS);
    for (const c of expected) {
      const found = stored.customers.filter((s) => s.portalId === c.portalId);
      expect(found, c.portalId).toHaveLength(1);
      // No field either tab read is lost: the cards' consultant, the table's
      // extra column, plate, defeat reason and expected purchase, and what both read.
      expect(found[0]).toMatchObject({
        name: c.name,
        phone: c.phone,
        consultant: c.consultant,
        extraConsultant: c.consultant,
        intendedModel: c.intendedModel,
        plate: c.plate,
        defeatReason: c.defeatReason,
        expectedPurchaseAt: c.expectedPurchaseAt,
      });
    }

    // The two batches' reports add up: every row of each, all new between
    // them, none refused, and what each tab's panel says is its batch.
    for (const { counts } of stored.batches) {
      expect(counts.new + counts.updated + counts.unchanged + counts.rejected).toBe(ROWS);
      expect(counts.rejected).toBe(0);
    }
    expect(stored.batches[0]!.counts.new + stored.batches[1]!.counts.new).toBe(ROWS);
    const ids = stored.customers.filter((s) => expected.some((c) => c.portalId === s.portalId)).map((s) => s.id);
    expect(new Set(stored.batches.flatMap((batch) => batch.customerIds))).toEqual(new Set(ids));
    const shown: number[][] = [];
    for (const tab of tabs) {
      const text = (await panel(tab).text('.result')) ?? '';
      shown.push(
        text
          .match(/新增 (\d+) · 更新 (\d+) · 未变 (\d+) · 拒绝 (\d+)/)!
          .slice(1)
          .map(Number),
      );
      await tab.close();
    }
    const reported = stored.batches.map(({ counts }) => [
      counts.new,
      counts.updated,
      counts.unchanged,
      counts.rejected,
    ]);
    expect(shown.sort()).toEqual(reported.sort());
  });
});
