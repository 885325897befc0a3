// A re-grade and a restore interrupted midway (the MV3 service worker
// stopped by the browser, the options tab closed) leave the database either
// before or after, never between: both run in one transaction
// (docs/architecture.md#the-data-layer), the re-grade however many chunks it
// reads and writes. Each is interrupted once some of its customers are
// written and not all (counted in the context that writes them), and checked
// by the customers' count and a checksum of every stored customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, seedGradedCustomers, type ExtensionBrowser } from './harness';
import { makeWorkbenchRows } from '../bench/workbench.rows';
import type { DealerLensDB, RegradeCount, StoredCustomer } from '../../lib/db';
import type { RuleSet } from '../../lib/grading';

type WorkerGlobal = {
  dealerlens: {
    db: DealerLensDB;
    grading: {
      regradeAll(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<RegradeCount>;
      activeRuleSet(db: DealerLensDB): Promise<Readonly<RuleSet>>;
    };
  };
};

let browser: ExtensionBrowser;
let work: string;
const COUNT = 3000;
/** Customers the interrupted re-grade has written when the worker is stopped: some of its first chunk's. */
const HOLD_AT = 200;
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

/**
 * Re-grades with every lead cadence changed, so the stored next due days change; awaited only when `commit`,
 * and then its count of customers graded and changed (written).
 */
const regrade = (commit: boolean) =>
  browser.evalInWorker(
    async ({ now, commit }) => {
      const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const changed = structuredClone(await grading.activeRuleSet(db)) as RuleSet;
      for (const band of changed.standards.intent.bands) band.cadenceDays = band.cadenceDays * 3 + 1;
      const run = grading.regradeAll(db, changed, new Date(now));
      return commit ? await run : null;
    },
    { now: NOW, commit },
  );

describe('interrupted mid-batch', () => {
  it('a re-grade whose service worker is stopped mid-write (some customers written, not all) leaves every customer as before, never a mix', async () => {
    await browser.worker.evaluate('globalThis.__name = (fn) => fn');
    const before = await state();
    expect(before.count).toBe(COUNT);
    // The worker counts the customers the re-grade's transaction has written (success events) and calls
    // `hold` at the HOLD-th; a breakpoint there freezes it mid-write, the rest of its writes still to come.
    const worker = await browser.serviceWorkerSession();
    await browser.evalInWorker((holdAt) => {
      const g = globalThis as unknown as { __written: number; __issued: number; __hold: () => void };
      g.__written = 0;
      g.__issued = 0;
      g.__hold = () => undefined;
      const proto = IDBObjectStore.prototype;
      for (const method of ['put', 'add'] as const) {
        const original = proto[method];
        proto[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          const request = original.apply(this, args);
          if (this.name === 'customers') {
            g.__issued++;
            request.addEventListener('success', () => {
              if (++g.__written === holdAt) g.__hold();
            });
          }
          return request;
        };
      }
    }, HOLD_AT);
    await worker.send('Debugger.enable');
    const hold = await worker.send<{ result: { objectId: string } }>('Runtime.evaluate', {
      expression: 'globalThis.__hold',
    });
    await worker.send('Debugger.setBreakpointOnFunctionCall', { objectId: hold.result.objectId });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paused = new Promise<void>((resolve, reject) => {
      worker.on('Debugger.paused', () => resolve());
      timer = setTimeout(() => reject(new Error(`the re-grade never wrote ${HOLD_AT} customers`)), 30_000);
    });
    await regrade(false);
    await paused.finally(() => clearTimeout(timer));
    const atStop = await worker.send<{ result: { value: { written: number; issued: number } } }>('Runtime.evaluate', {
      expression: '({ written: globalThis.__written, issued: globalThis.__issued })',
      returnByValue: true,
    });
    await browser.stopServiceWorker();
    const interrupted = await state();
    // The same re-grade run to its end: the "after" the interrupted one would have reached.
    const whole = await regrade(true);
    const after = await state();
    const { written, issued } = atStop.result.value;
    // Stopped mid-write: some of the re-grade's customers written in its transaction, not all.
    expect(written).toBe(HOLD_AT);
    expect(issued).toBeGreaterThan(written);
    expect(whole?.changed).toBeGreaterThan(written);
    expect(after.sum).not.toBe(before.sum);
    // None of them landed: the transaction never committed.
    expect(interrupted).toEqual(before);
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
