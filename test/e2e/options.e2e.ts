// A sales manager opens DealerLens's settings, copies the 乘用车跟踪标准
// preset, tunes the H cadence, sees a wrong value refused at the field, saves,
// reads how many customers the change affects, confirms, and every customer
// is re-graded by the new rules (docs/grading.md#g02-validation-and-what-a-rule-change-shows-first).
// Then the portals the user enabled: listed, and one taken back with 停用.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { inPage, launchWithExtension } from './harness';
import type { ExtensionBrowser } from './harness';
import { startDemoPortal } from '../demo-portal/server';
import type { DealerLensDB } from '../../lib/db';
import type { RuleSet } from '../../lib/grading';

declare const chrome: {
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
};

type WorkerGlobal = {
  dealerlens: {
    db: DealerLensDB;
    grading: {
      regradeAll(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<unknown>;
      activeRuleSet(db: DealerLensDB): Promise<Readonly<RuleSet>>;
    };
  };
};

const SHOTS = 'test/e2e/screenshots';
const H_CADENCE = '[data-path="standards.intent.bands.0.cadenceDays"]';
const LEADS = 12;

let browser: ExtensionBrowser;
let page: Page;
let portals: Awaited<ReturnType<typeof startDemoPortal>>[] = [];
// Two portals the user enabled one by one (each an optional host permission granted at run time).
const ORIGINS = ['http://127.0.0.1/*', 'http://127.0.0.2/*'];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  portals = await Promise.all(['127.0.0.1', '127.0.0.2'].map((host) => startDemoPortal({ port: 0, host, count: 40 })));
  browser = await launchWithExtension({ grantAtRuntime: ORIGINS });
  // H leads last called yesterday and C leads, graded by the active (default) rule set.
  await browser.evalInWorker(async (count) => {
    const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
    const d = new Date();
    d.setDate(d.getDate() - 1);
    const yesterday = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const at = new Date().toISOString();
    const rows = Array.from({ length: count }, (_, i) => ({
      id: `lead-${i}`,
      name: i === 0 ? '张伟' : `客户${i}`,
      phone: `138${String(i).padStart(8, '0')}`,
      stage: 'lead',
      portalGrade: i % 2 === 0 ? 'H' : 'C',
      lastContactAt: yesterday,
      extra: {},
      invalid: {},
      provenance: { pageUrl: 'http://seed.local/', capturedAt: at },
      createdAt: at,
      updatedAt: at,
      userEdited: [],
      lastBatchId: 'seed',
    }));
    await db.customers.bulkPut(rows as never);
    await grading.regradeAll(db, await grading.activeRuleSet(db), new Date());
  }, LEADS);
  page = await browser.page('options.html');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(portals.map((portal) => portal.close()));
});

function storedRuleSets(): Promise<number> {
  return browser.evalInWorker(() => (globalThis as unknown as WorkerGlobal).dealerlens.db.ruleSets.count());
}

describe('the grading rules settings page', () => {
  it('lists the built-in presets read-only', async () => {
    const presets = page.locator('li[data-rule-set^="builtin:"]');
    await expect.poll(() => presets.count()).toBe(2);
    expect(await presets.nth(0).textContent()).toContain('乘用车跟踪标准');
    expect(await presets.nth(0).textContent()).toContain('正在使用');
    expect(await presets.nth(1).textContent()).toContain('销售漏斗');
    expect(await page.locator(H_CADENCE).isDisabled()).toBe(true);
  });

  it('refuses an H cadence of -1 with the message at the field, and saves nothing', async () => {
    await page
      .locator('li[data-rule-set="builtin:passenger"]')
      .getByRole('button', { name: /复制为我的规则/ })
      .click();
    const field = page.locator(H_CADENCE);
    await expect.poll(() => field.isEnabled()).toBe(true);
    expect(await field.inputValue()).toBe('2');
    await field.fill('-1');
    const message = page.locator('[data-error-for="standards.intent.bands.0.cadenceDays"]');
    await expect.poll(() => message.textContent()).toContain('不能为负数');
    await page.getByRole('button', { name: /^保存/ }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '未保存' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/options-invalid.png`, fullPage: false });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await storedRuleSets()).toBe(0);
  });

  it('saves H = every 3 days after showing what changes, and re-grades every customer', async () => {
    await page.locator(H_CADENCE).fill('3');
    await expect.poll(() => page.locator('[data-error-for="standards.intent.bands.0.cadenceDays"]').count()).toBe(0);
    await page.getByRole('button', { name: /^保存/ }).click();
    const dialog = page.getByRole('dialog');
    // A cadence moves follow-up dates, not grades: the H leads' next call moves by a day.
    await expect.poll(() => dialog.textContent()).toContain(`另有 ${LEADS / 2} 位客户的跟进日期改变`);
    expect(await dialog.textContent()).toContain('没有客户的级别改变');
    await page.screenshot({ path: `${SHOTS}/options-preview.png` });
    expect(await storedRuleSets()).toBe(0);

    await dialog.getByRole('button', { name: /确认并启用/ }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain(`重新分级 ${LEADS} 位客户, 其中 ${LEADS / 2} 位`);

    const state = await browser.evalInWorker(async () => {
      const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const active = await grading.activeRuleSet(db);
      const customers = await db.customers.toArray();
      const lastGraded = (await db.settings.get('grading.lastGraded'))?.value as { ruleSetId: string };
      return {
        active: { id: active.id, hCadence: active.standards.intent.bands[0]!.cadenceDays },
        gradedBy: lastGraded.ruleSetId,
        customers: customers.map((c) => ({
          portalGrade: c.portalGrade,
          lastContactAt: c.lastContactAt,
          grades: c.grades,
        })),
      };
    });
    expect(state.active.id).toMatch(/^user:/);
    expect(state.active.hCadence).toBe(3);
    expect(state.gradedBy).toBe(state.active.id);
    for (const c of state.customers) {
      const days = c.portalGrade === 'H' ? 3 : 30;
      const due = new Date(`${c.lastContactAt}T12:00:00Z`);
      due.setUTCDate(due.getUTCDate() + days);
      expect(c.grades).toMatchObject({ intent: c.portalGrade, nextDueAt: due.toISOString().slice(0, 10) });
    }
    expect(await page.locator(`li[data-rule-set="${state.active.id}"]`).textContent()).toContain('正在使用');
  });

  it("试算: shows a stored customer's grade and its reason by the rules being edited", async () => {
    await page.locator('[data-path="try:search"]').fill('张伟');
    await page.locator('.try-results').getByRole('button', { name: /张伟/ }).click();
    const intent = page.locator('.try-grades [data-standard="intent"]');
    await expect.poll(() => intent.textContent()).toContain('H');
    expect(await intent.locator('.reason').textContent()).toMatch(/\S/);
    await page.screenshot({ path: `${SHOTS}/options-try.png` });
  });
});

describe('the enabled portals settings', () => {
  const granted = () => browser.evalInWorker(async () => (await chrome.permissions.getAll()).origins ?? []);
  const registered = () =>
    browser.evalInWorker(async () => (await chrome.scripting.getRegisteredContentScripts()).map((r) => r.id).sort());

  it('lists both granted portals; 停用 revokes one in the browser, and only that portal loses DealerLens', async () => {
    await expect.poll(registered).toEqual(ORIGINS.map((o) => `dealerlens-portal:${o}`));
    const lists = await Promise.all(
      portals.map(async (portal) => {
        const tab = await browser.context.newPage();
        await tab.goto(`${portal.url}/crm/customer/list`);
        await inPage(tab).waitFor('.fab');
        return tab;
      }),
    );

    await page
      .getByRole('navigation')
      .getByRole('button', { name: /已启用的系统/ })
      .click();
    const section = page.getByRole('region', { name: /已启用的经销商系统/ });
    await expect
      .poll(() => section.locator('li code').allTextContents())
      .toEqual(['http://127.0.0.1', 'http://127.0.0.2']);

    // The user's own click (a trusted event) on 停用 beside the second portal.
    await section.getByRole('button', { name: '停用 Disable http://127.0.0.2' }).click();
    await expect.poll(() => section.locator('li code').allTextContents()).toEqual(['http://127.0.0.1']);
    expect(await section.getByRole('alert').count()).toBe(0);
    expect(await granted()).toEqual(['http://127.0.0.1/*']);
    await expect.poll(registered).toEqual(['dealerlens-portal:http://127.0.0.1/*']);

    // Reloaded, the enabled portal's page has the DealerLens button and its panel reads the list;
    // the revoked one's page, fully loaded (a registered script runs before the load event), has no DealerLens at all.
    await Promise.all(lists.map((tab) => tab.reload()));
    const [kept, revoked] = lists as [Page, Page];
    await inPage(kept).click('DealerLens 抓取客户');
    await expect.poll(() => inPage(kept).text('.summary')).toMatch(/20 行/);
    expect(await inPage(revoked).read((root) => root.childElementCount)).toBeNull();
    expect(await revoked.evaluate(() => document.readyState)).toBe('complete');
    await Promise.all(lists.map((tab) => tab.close()));
  });
});
