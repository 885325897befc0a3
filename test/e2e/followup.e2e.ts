// A consultant works the day's follow-ups (docs/workbench.md#reminders): the toolbar badge counts
// what is due, the side panel lists their own due customers, a follow-up is
// logged from the drawer with the keyboard and the next due date and the badge
// move at once; customers are handed over in bulk and the hand-over undone;
// and a customer's row is found and highlighted on the portal page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launchWithExtension } from './harness';
import type { ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';

type Portal = Awaited<ReturnType<typeof startDemoPortal>>;
// The extension APIs inside evaluated callbacks (they run in the browser, not here).
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  tabs: {
    query(q: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, m: unknown): Promise<unknown>;
  };
};
type Db = import('../../lib/db').DealerLensDB;
type WorkerGlobal = {
  dealerlens: {
    db: Db;
    grading: {
      regradeAll: typeof import('../../lib/db').regradeAll;
      activeRuleSet: typeof import('../../lib/db').activeRuleSet;
    };
    reminders: { recountBadge(): Promise<number> };
  };
};

const SHOTS = 'test/e2e/screenshots';
let browser: ExtensionBrowser;
let portal: Portal;

/** A local calendar date `n` days from today, as the extension counts days (same machine, same zone). */
function dayFromToday(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const badge = () => browser.evalInWorker(() => chrome.action.getBadgeText({}));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portal = await startDemoPortal({ port: 0 });
  browser = await launchWithExtension({ grantOrigins: ['http://127.0.0.1/*'] });
  // A leads (a phone follow-up every 7 days): 王芳's 张伟 called 7 days ago is due
  // today, her 李娜 called 10 days ago is 3 days overdue, her 周杰 called 2 days
  // ago is not due yet; 李强's 陈晨 called 8 days ago is overdue.
  await browser.evalInWorker(
    async (days) => {
      const { db, grading, reminders } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const at = new Date().toISOString();
      const lead = (id: string, name: string, phone: string, consultant: string, lastContactAt: string) => ({
        id,
        name,
        phone,
        consultant,
        lastContactAt,
        stage: 'lead' as const,
        portalGrade: 'A',
        extra: {},
        invalid: {},
        provenance: {
          pageUrl: 'http://127.0.0.1/crm/customer/list',
          capturedAt: at,
          detailUrl: `http://127.0.0.1/crm/customer/${id}`,
        },
        createdAt: at,
        updatedAt: at,
        userEdited: [],
        lastBatchId: 'seed',
      });
      await db.customers.bulkPut([
        lead('f1', '张伟', '13800000001', '王芳', days.minus7),
        lead('f2', '李娜', '13800000002', '王芳', days.minus10),
        lead('f3', '周杰', '13800000003', '王芳', days.minus2),
        lead('l1', '陈晨', '13800000004', '李强', days.minus8),
      ]);
      await grading.regradeAll(db, await grading.activeRuleSet(db), new Date());
      await reminders.recountBadge();
    },
    { minus7: dayFromToday(-7), minus10: dayFromToday(-10), minus2: dayFromToday(-2), minus8: dayFromToday(-8) },
  );
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

describe("working the day's follow-ups", () => {
  let panel: Page;

  it('the toolbar badge counts follow-ups due today, overdue included', async () => {
    await expect.poll(badge).toBe('3');
  });

  it('the side panel asks who I am once, then lists only my due customers', async () => {
    panel = await browser.page('sidepanel.html');
    await panel.getByPlaceholder('销售顾问姓名, 如 王芳').fill('王芳');
    await panel.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => panel.getByTestId('me').textContent()).toBe('王芳');
    await expect.poll(() => panel.locator('.due-list li').count()).toBe(2);
    expect(await panel.getByTestId('due-counts').textContent()).toBe('今天 1 位, 逾期 1 位');
    const me = await browser.evalInWorker(
      async () => (await (globalThis as unknown as WorkerGlobal).dealerlens.db.settings.get('me'))?.value,
    );
    expect(me).toBe('王芳');
  });

  it('logs a follow-up with the keyboard: the next due date and the badge move at once', async () => {
    await panel.getByRole('button', { name: /李娜/ }).click();
    const drawer = panel.getByRole('dialog', { name: '客户详情' });
    await expect
      .poll(() => drawer.getByTestId('next-due').textContent())
      .toContain(`${dayFromToday(-3)} (已逾期 3 天)`);
    expect(await drawer.getByRole('link', { name: '在经销商系统中打开' }).getAttribute('href')).toBe(
      'http://127.0.0.1/crm/customer/f2',
    );

    // Keyboard only: the channel by Tab + Enter, the outcome typed, Enter saves.
    await drawer.getByRole('button', { name: '电话' }).focus();
    await panel.keyboard.press('Tab');
    await panel.keyboard.press('Enter'); // 短信
    expect(await drawer.getByRole('button', { name: '短信' }).getAttribute('aria-pressed')).toBe('true');
    await drawer.getByRole('textbox', { name: '结果' }).focus();
    await panel.keyboard.type('已接通, 周末到店看车');
    await panel.keyboard.press('Enter');

    await expect.poll(() => drawer.getByTestId('next-due').textContent()).toBe(`下次跟进: ${dayFromToday(7)}`);
    await expect.poll(badge).toBe('2');
    expect(await drawer.locator('.timeline li').first().textContent()).toContain('短信 · 已接通, 周末到店看车');
    const stored = await browser.evalInWorker(async () => {
      const { db } = (globalThis as unknown as WorkerGlobal).dealerlens;
      return {
        followUps: await db.followUps.where('customerId').equals('f2').count(),
        summary: (await db.customers.get('f2'))?.followUp,
      };
    });
    expect(stored.followUps).toBe(1);
    expect(stored.summary).toMatchObject({ count: 1, lastChannel: 'sms', lastConsultant: '王芳' });
    await panel.screenshot({ path: `${SHOTS}/followup-drawer.png`, fullPage: true });

    // After the save the focus stays in the drawer, and Esc from there closes it, back on the list
    // (on its title: the call took 李娜 off today's list).
    expect(await panel.evaluate(() => Boolean(document.activeElement?.closest('.customer-drawer')))).toBe(true);
    await panel.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('hands a customer over in bulk, and the hand-over can be undone', async () => {
    await expect.poll(() => panel.locator('.due-list li').count()).toBe(1); // 李娜 is no longer due today
    await panel.getByRole('checkbox', { name: '选择 张伟' }).check();
    await panel.getByRole('button', { name: '转交顾问' }).click();
    await panel.getByRole('combobox', { name: '新顾问' }).fill('赵敏');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.locator('.bulk-actions [role=status]').textContent()).toContain('已转交 1 位客户');
    const consultant = () =>
      browser.evalInWorker(
        async () => (await (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.get('f1'))?.consultant,
      );
    expect(await consultant()).toBe('赵敏');
    await expect.poll(() => panel.locator('.due-list li').count()).toBe(0); // no longer mine
    expect(await badge()).toBe('2'); // still due, now 赵敏's

    await panel.getByRole('button', { name: /撤销上次批量操作/ }).click();
    await expect.poll(consultant).toBe('王芳');
    await expect.poll(() => panel.locator('.due-list li').count()).toBe(1);
  });
});

describe('finding a customer on the portal page', () => {
  it('outlines and scrolls to the row of the customer with that mobile', async () => {
    await browser.portalScriptsRegistered();
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/crm/customer/list?page=1`);
    await page.locator('dealerlens-capture').waitFor({ state: 'attached' });
    const target = portal.customers[5]!;
    const reply = await browser.evalInWorker(
      async ({ url, phone }) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.tabs.sendMessage(tab!.id!, { type: 'dlq:highlight', phone });
      },
      { url: `${portal.url}/crm/customer/list*`, phone: target.phone },
    );
    expect(reply).toEqual({ found: true });
    expect(await page.locator('[data-dealerlens-highlight]').count()).toBe(1);
    expect(await page.locator('[data-dealerlens-highlight]').textContent()).toContain(target.name);
    const missing = await browser.evalInWorker(
      async ({ url }) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.tabs.sendMessage(tab!.id!, { type: 'dlq:highlight', phone: '19999999999' });
      },
      { url: `${portal.url}/crm/customer/list*` },
    );
    expect(missing).toEqual({ found: false });
    await page.close();
  });
});
