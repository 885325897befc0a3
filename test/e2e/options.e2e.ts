// A sales manager opens DealerLens's settings, copies the 乘用车跟踪标准
// preset, tunes the H cadence, sees a wrong value refused at the field, saves,
// reads how many customers the change affects, confirms, and every customer
// is re-graded by the new rules (docs/grading.md#g02-validation-and-what-a-rule-change-shows-first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launchWithExtension } from './harness';
import type { ExtensionBrowser } from './harness';
import type { DealerLensDB } from '../../lib/db';
import type { RuleSet } from '../../lib/grading';

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

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension();
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
