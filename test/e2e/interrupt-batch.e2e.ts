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
 * Re-grades with every lead cadence changed, so the stored next due days change. `run`: to its end (its count of
 * customers graded and changed, the ones written); `start`: not awaited; `dry`: to its end in a transaction then
 * aborted, for the count alone.
 */
const regrade = (mode: 'run' | 'start' | 'dry') =>
  browser.evalInWorker(
    async ({ now, mode }) => {
      const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
      const changed = structuredClone(await grading.activeRuleSet(db)) as RuleSet;
      for (const band of changed.standards.intent.bands) band.cadenceDays = band.cadenceDays * 3 + 1;
      if (mode === 'start') return void grading.regradeAll(db, changed, new Date(now));
      if (mode === 'run') return grading.regradeAll(db, changed, new Date(now));
      let count: RegradeCount | undefined;
      // regradeAll joins this transaction; the throw aborts it, and with it every write.
      await db
        .transaction('rw', [db.customers, db.settings], async () => {
          count = await grading.regradeAll(db, changed, new Date(now));
          throw new Error('dry run');
        })
        .catch(() => undefined);
      return count;
    },
    { now: NOW, mode },
  );

describe('interrupted mid-batch', () => {
  it('a re-grade whose service worker is stopped mid-write (a whole chunk written, not all) leaves every customer as before, never a mix', async () => {
    await browser.worker.evaluate('globalThis.__name = (fn) => fn');
    const before = await state();
    expect(before.count).toBe(COUNT);
    // How many customers the re-grade writes (those whose grades change).
    const writes = (await regrade('dry'))!.changed;
    expect(await state()).toEqual(before);
    // The worker counts the customers the re-grade's transaction has written (success events) and calls
    // `hold` at the last but one; a breakpoint there freezes it, every chunk read and graded, the last write to come.
    const holdAt = writes - 1;
    const worker = await browser.serviceWorkerSession();
    await browser.evalInWorker((holdAt) => {
      const g = globalThis as unknown as {
        __written: number;
        __issued: number;
        __bursts: number[];
        __inBurst?: boolean;
        __hold: () => void;
      };
      g.__written = 0;
      g.__issued = 0;
      // Puts issued in one go (one task): the re-grade writes each chunk it read in one.
      g.__bursts = [];
      g.__hold = () => undefined;
      const proto = IDBObjectStore.prototype;
      for (const method of ['put', 'add'] as const) {
        const original = proto[method];
        proto[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          const request = original.apply(this, args);
          if (this.name === 'customers') {
            g.__issued++;
            if (!g.__inBurst) {
              g.__inBurst = true;
              g.__bursts.push(0);
              queueMicrotask(() => (g.__inBurst = false));
            }
            g.__bursts[g.__bursts.length - 1]!++;
            request.addEventListener('success', () => {
              if (++g.__written === holdAt) g.__hold();
            });
          }
          return request;
        };
      }
    }, holdAt);
    await worker.send('Debugger.enable');
    const hold = await worker.send<{ result: { objectId: string } }>('Runtime.evaluate', {
      expression: 'globalThis.__hold',
    });
    await worker.send('Debugger.setBreakpointOnFunctionCall', { objectId: hold.result.objectId });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paused = new Promise<void>((resolve, reject) => {
      worker.on('Debugger.paused', () => resolve());
      timer = setTimeout(() => reject(new Error(`the re-grade never wrote ${holdAt} customers`)), 30_000);
    });
    await regrade('start');
    await paused.finally(() => clearTimeout(timer));
    const atStop = await worker.send<{ result: { value: { written: number; issued: number; bursts: number[] } } }>(
      'Runtime.evaluate',
      {
        expression: '({ written: globalThis.__written, issued: globalThis.__issued, bursts: globalThis.__bursts })',
        returnByValue: true,
      },
    );
    await browser.stopServiceWorker();
    const interrupted = await state();
    // The same re-grade run to its end: the "after" the interrupted one would have reached.
    const whole = await regrade('run');
    const after = await state();
    const { written, issued, bursts } = atStop.result.value;
    // Stopped mid-write: the re-grade's customers written in its transaction but one, a chunk's writes before.
    expect(written).toBe(holdAt);
    expect(issued).toBe(writes);
    expect(bursts.length).toBeGreaterThan(1);
    expect(written).toBeGreaterThan(bursts[0]!);
    // None of them landed: the transaction never committed.
    expect(interrupted).toEqual(before);
    expect(whole?.changed).toBe(writes);
    expect(after.sum).not.toBe(before.sum);
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
