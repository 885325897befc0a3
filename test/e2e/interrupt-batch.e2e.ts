// A re-grade and a restore interrupted midway (the MV3 service worker
// stopped by the browser, the options tab closed) leave the database either
// before or after, never between: both run in one transaction
// (docs/architecture.md#the-data-layer). Checked by the customers' count and
// a checksum of every stored customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, seedGradedCustomers, type ExtensionBrowser } from './harness';
import { makeWorkbenchRows } from '../bench/workbench.rows';
import type { DealerLensDB, StoredCustomer } from '../../lib/db';
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

let browser: ExtensionBrowser;
let work: string;
const COUNT = 3000;
const NOW = '2026-12-07T09:00:00.000Z';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dealerlens-interrupt-'));
  browser = await launchWithExtension();
  await seedGradedCustomers(browser, makeWorkbenchRows(COUNT, 20261207, new Date(NOW)));
});

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The customers' count and a checksum over every stored customer (FNV-1a of their JSON, in id order). */
const state = () =>
  browser.evalInWorker(async () => {
    const all = await (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.orderBy('id').toArray();
    let h = 0x811c9dc5;
    for (const c of all) {
      const s = JSON.stringify(c);
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    }
    return { count: all.length, sum: h };
  });

/** Re-grades with every lead cadence changed, so the stored next due days change; awaited only when `commit`. */
const regrade = (commit: boolean) =>
  browser.evalInWorker(
    async ({ now, commit }) => {
      const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const changed = structuredClone(await grading.activeRuleSet(db)) as RuleSet;
      for (const band of changed.standards.intent.bands) band.cadenceDays = band.cadenceDays * 3 + 1;
      const run = grading.regradeAll(db, changed, new Date(now));
      if (commit) await run;
    },
    { now: NOW, commit },
  );

describe('interrupted mid-batch', () => {
  it('a re-grade whose service worker is stopped leaves every customer graded before or after, never a mix', async () => {
    await browser.worker.evaluate('globalThis.__name = (fn) => fn');
    const before = await state();
    expect(before.count).toBe(COUNT);
    await regrade(false);
    await new Promise((r) => setTimeout(r, 40));
    await browser.stopServiceWorker();
    const interrupted = await state();
    // The same re-grade run to its end: the "after" the interrupted one may have reached.
    await regrade(true);
    const after = await state();
    expect(after.sum).not.toBe(before.sum);
    expect(interrupted.count).toBe(COUNT);
    expect([before.sum, after.sum]).toContain(interrupted.sum);
  }, 120_000);

  it('a restore (replace) whose tab is closed midway leaves the database as it was or as the backup, never between', async () => {
    const before = await state();
    const replacement: StoredCustomer[] = makeWorkbenchRows(COUNT, 7, new Date(NOW)).map((c) => ({
      ...c,
      id: `r-${c.id}`,
    }));
    const schemaVersion = await browser.evalInWorker(() => (globalThis as unknown as WorkerGlobal).dealerlens.db.verno);
    const file = join(work, 'backup.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'dealerlens-backup',
        version: 1,
        exportedAt: NOW,
        schemaVersion,
        tables: { customers: replacement },
      }),
    );
    const page = await browser.page('options.html?section=data');
    const data = page.getByRole('region', { name: /数据备份与恢复/ });
    await data.locator('input[type=file]').setInputFiles(file);
    await data.getByRole('radio', { name: /替换/ }).check();
    // The restore runs in this page: count the customers its transaction has written (success events).
    await page.evaluate(() => {
      const g = globalThis as unknown as { __written: number };
      g.__written = 0;
      const proto = IDBObjectStore.prototype;
      for (const method of ['put', 'add'] as const) {
        const original = proto[method];
        proto[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          const request = original.apply(this, args);
          if (this.name === 'customers') request.addEventListener('success', () => g.__written++);
          return request;
        };
      }
    });
    await data.getByRole('button', { name: /确认恢复/ }).click();
    // Some of the backup's customers written, not all: the restore is mid-write when its tab closes.
    let written = 0;
    while (written === 0)
      written = await page.evaluate(() => (globalThis as unknown as { __written: number }).__written);
    await page.close();
    expect(written).toBeLessThan(COUNT);
    const interrupted = await state();
    expect([before.count, COUNT]).toContain(interrupted.count);
    if (interrupted.sum !== before.sum) {
      // Landed whole: every customer is the backup's.
      const ids = await browser.evalInWorker(async () =>
        (await (globalThis as unknown as WorkerGlobal).dealerlens.db.customers.toCollection().primaryKeys()).map(
          String,
        ),
      );
      expect(ids.every((id) => id.startsWith('r-'))).toBe(true);
      expect(ids).toHaveLength(COUNT);
    }
  }, 120_000);
});
