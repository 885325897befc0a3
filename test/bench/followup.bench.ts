// docs/architecture.md#performance-budgets: "Logging a follow-up to the updated badge count: under 100 ms",
// in the built extension's service worker with 100,000 customers stored
// (half of them due or overdue): the follow-up's transaction (log entry,
// summary, history, re-grade of that customer) and the badge moved by that
// customer's change, read back from the toolbar. A page that logs one adds one
// message hop to the background on top. The full recount that confirms the
// badge a second later is reported beside it.
import { launchWithExtension } from '../e2e/harness';
import type { Bench } from './types';
import { median } from './types';
import type { DealerLensDB } from '../../lib/db';

declare const chrome: { action: { getBadgeText(details: object): Promise<string> } };

const STORED = 100_000;
type WorkerGlobal = {
  dealerlens: {
    db: DealerLensDB;
    grading: {
      regradeAll: typeof import('../../lib/db').regradeAll;
      activeRuleSet: typeof import('../../lib/db').activeRuleSet;
    };
    reminders: { recountBadge(): Promise<number>; adjustBadge(delta: number): Promise<number> };
    followUps: { logFollowUp: typeof import('../../lib/db').logFollowUp };
  };
};

export const followUpBench: Bench = {
  id: 'followup',
  async run(ctx) {
    const browser = await launchWithExtension();
    try {
      // A leads (every 7 days) last called 0-13 days ago: about half of them due or overdue.
      await browser.evalInWorker(async (count) => {
        const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
        const at = new Date().toISOString();
        // No named functions in here: tsx would wrap them in a helper the worker does not have.
        const days: string[] = [];
        for (let n = 0; n < 14; n++) {
          const d = new Date();
          d.setDate(d.getDate() - n);
          days.push(
            `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
          );
        }
        for (let start = 0; start < count; start += 10_000) {
          const rows = Array.from({ length: Math.min(10_000, count - start) }, (_, k) => {
            const i = start + k;
            return {
              id: `c${i}`,
              name: `客户${i}`,
              phone: `170${String(i).padStart(8, '0')}`,
              stage: 'lead' as const,
              portalGrade: 'A',
              consultant: `顾问${i % 20}`,
              lastContactAt: days[i % 14]!,
              extra: {},
              invalid: {},
              provenance: { pageUrl: 'bench', capturedAt: at },
              createdAt: at,
              updatedAt: at,
              userEdited: [],
              lastBatchId: 'seed',
            };
          });
          await db.customers.bulkPut(rows);
        }
        await grading.regradeAll(db, await grading.activeRuleSet(db), new Date());
        await (globalThis as unknown as WorkerGlobal).dealerlens.reminders.recountBadge();
      }, STORED);
      // Let the recount the seeding scheduled (a second after the last write) run and finish first.
      await new Promise((settled) => setTimeout(settled, 4000));
      const { out: times, recount } = await browser.evalInWorker(
        async (runs) => {
          const { db, grading, reminders, followUps } = (globalThis as unknown as WorkerGlobal).dealerlens;
          const ruleSet = await grading.activeRuleSet(db);
          const out: number[] = [];
          for (let r = 0; r < runs; r++) {
            const now = new Date();
            const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
            const t0 = performance.now();
            const { customer } = await followUps.logFollowUp(
              db,
              {
                customerId: `c${r * 14 + 10}`,
                at: `${today}T00:00`,
                channel: 'phone',
                outcome: '已接通',
                consultant: '顾问0',
              },
              ruleSet,
              now,
            );
            // c…10 was called 10 days ago (overdue); called today it is due in 7 days: off today's count.
            await reminders.adjustBadge(
              customer.grades?.nextDueAt !== undefined && customer.grades.nextDueAt <= today ? 0 : -1,
            );
            await chrome.action.getBadgeText({});
            out.push(performance.now() - t0);
          }
          const t1 = performance.now();
          await reminders.recountBadge();
          return { out, recount: performance.now() - t1 };
        },
        Math.max(ctx.runs, 5),
      );
      const ms = median(times);
      return [
        {
          name: `log a follow-up to the updated badge count (${STORED.toLocaleString('en')} customers stored)`,
          value: Math.round(ms * 10) / 10,
          unit: 'ms',
          target: '< 100 ms',
          pass: ms < 100,
          note: `median of ${times.length}`,
        },
        {
          name: 'full badge recount that confirms it (a second later, off the path)',
          value: Math.round(recount),
          unit: 'ms',
          target: 'info',
          pass: true,
        },
      ];
    } finally {
      await browser.close();
    }
  },
};
