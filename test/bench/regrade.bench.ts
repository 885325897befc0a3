// docs/architecture.md#performance-budgets: "Re-grade after a rule change for 100,000 stored customers, written
// back: within 1.5x of a raw IndexedDB write of the same records in the same
// run." Runs in the built extension's service worker (headless Chromium):
// applyRuleSet reads every customer, grades it by the changed rule set and
// writes it back in one transaction. Two baselines, each one transaction: the
// same re-graded records put into a fresh store with the same indexes, and
// the same records written back into the populated store (what a re-grade
// that changes every customer has to do at the least).
import { launchWithExtension } from '../e2e/harness';
import { rawPutInWorker } from './raw-put';
import type { Bench } from './types';
import { median } from './types';
import type { DealerLensDB } from '../../lib/db';
import type { RuleSet } from '../../lib/grading';

const CUSTOMERS = 100_000;

type WorkerGlobal = {
  dealerlens: {
    db: DealerLensDB;
    grading: {
      applyRuleSet(
        db: DealerLensDB,
        ruleSet: Readonly<RuleSet>,
        now: Date,
      ): Promise<{ ok: boolean; graded?: number; changed?: number }>;
      regradeAll(db: DealerLensDB, ruleSet: Readonly<RuleSet>, now: Date): Promise<unknown>;
      activeRuleSet(db: DealerLensDB): Promise<Readonly<RuleSet>>;
    };
  };
};

export const regradeBench: Bench = {
  id: 'regrade',
  async run(ctx) {
    const runs = Math.min(ctx.runs, 3);
    const browser = await launchWithExtension();
    try {
      // tsx names the helper functions of the callbacks below with esbuild's __name, which the worker lacks.
      await browser.worker.evaluate('globalThis.__name = (fn) => fn');
      // 100,000 customers as a store holds them: leads, owners and defeated leads, graded once.
      await browser.evalInWorker(async (count) => {
        const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
        const iso = (daysAgo: number) => {
          const d = new Date();
          d.setDate(d.getDate() - daysAgo);
          return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        };
        const at = new Date().toISOString();
        const grades = ['H', 'A', 'B', 'C'];
        const districts = ['惠城区', '博罗县', '惠阳区', '大亚湾区', '惠东县', '龙门县'];
        for (let first = 0; first < count; first += 10_000) {
          const rows = [];
          for (let i = first; i < Math.min(count, first + 10_000); i++) {
            const kind = i % 5;
            const base = {
              id: `seed-${String(i).padStart(6, '0')}`,
              name: `客户${i}`,
              phone: `170${String(i).padStart(8, '0')}`,
              consultant: `顾问${i % 40}`,
              district: districts[i % districts.length],
              source: '展厅',
              extra: { 备注: '存量客户, 电话回访记录见系统', 微信: `wx${i}` },
              invalid: {},
              provenance: {
                pageUrl: 'http://dms.example.com/crm/customer/list?page=1',
                capturedAt: at,
                profileId: 'seed',
              },
              createdAt: at,
              updatedAt: at,
              userEdited: [],
              lastBatchId: 'seed',
            };
            if (kind < 2) {
              rows.push({
                ...base,
                stage: 'lead',
                portalGrade: grades[i % 4],
                intendedModel: '轩逸',
                firstVisitAt: iso(60),
                lastContactAt: iso(i % 40),
                expectedPurchaseAt: iso(-(i % 200)),
              });
            } else if (kind < 4) {
              rows.push({
                ...base,
                stage: 'owner',
                vin: `LVGBH41K${String(i).padStart(9, '0')}`,
                vehicleModel: '轩逸',
                purchasedAt: iso(100 + (i % 1500)),
                deliveredAt: iso(95 + (i % 1500)),
                mileageKm: 5000 + (i % 120) * 1000,
                annualMileageKm: 8000 + (i % 30) * 1000,
                lastServiceAt: iso(i % 400),
                serviceVisits: i % 12,
                totalSpend: (i % 97) * 800,
                vehicleUse: i % 10 === 0 ? 'commercial' : 'private',
                complaints: i % 7 === 0 ? 1 : 0,
                eventsAttended: i % 4,
                referrals: i % 3,
                birthday: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
              });
            } else {
              rows.push({
                ...base,
                stage: 'defeated',
                defeatReason: ['价格太贵', '买了别家', '暂缓'][i % 3],
                lastContactAt: iso(i % 90),
                competitor: '卡罗拉',
              });
            }
          }
          await db.customers.bulkPut(rows as never);
        }
        await grading.regradeAll(db, await grading.activeRuleSet(db), new Date());
      }, CUSTOMERS);

      /** Times applyRuleSet with a manager's copy edited by `change`; returns ms and how many customers were written. */
      const applyChange = (n: number, change: 'tune' | 'intentOff') =>
        browser.evalInWorker(
          async ({ n, change }) => {
            const { db, grading } = (globalThis as unknown as WorkerGlobal).dealerlens;
            const ruleSet = structuredClone(await grading.activeRuleSet(db)) as RuleSet;
            Object.assign(ruleSet, {
              id: `user:bench-${change}-${n}`,
              builtIn: false,
              basedOn: 'builtin:passenger',
              name: { zh: `测试 ${n}`, en: `bench ${n}` },
            });
            if (change === 'tune') {
              // A typical edit: the H cadence and the churn threshold, back and forth between runs.
              ruleSet.standards.intent.bands[0]!.cadenceDays = n % 2 === 0 ? 3 : 2;
              ruleSet.standards.churn.thresholdMonths = n % 2 === 0 ? 12 : 6;
            } else {
              // The worst case: a standard every customer has is switched off or on, so every customer is written.
              ruleSet.standards.intent.enabled = !ruleSet.standards.intent.enabled;
            }
            const t0 = performance.now();
            const result = await grading.applyRuleSet(db, ruleSet, new Date());
            const ms = performance.now() - t0;
            if (!result.ok || result.graded !== (await db.customers.count()))
              throw new Error(`applyRuleSet: ${JSON.stringify(result)}`);
            return { ms, written: result.changed! };
          },
          { n, change },
        );

      /** A raw IndexedDB put of every stored record (the re-graded ones), one transaction. */
      const rawPut = (n: number) => rawPutInWorker(browser, 'all', `bench-regrade-raw-${n}`);

      const regrade: number[] = [];
      const written: number[] = [];
      const worst: number[] = [];
      const raw: number[] = [];
      for (let run = 0; run < runs; run++) {
        const tuned = await applyChange(run, 'tune');
        regrade.push(tuned.ms);
        written.push(tuned.written);
        raw.push(await rawPut(run));
      }
      // Once, last (it leaves intent off): every customer changes, so every customer is written.
      worst.push((await applyChange(runs, 'intentOff')).ms);
      const worstRaw = await rawPut(runs);
      const worstBack = await rawPutInWorker(browser, 'all', '', 'populated');
      const ratio = median(regrade.map((t, i) => t / raw[i]!));
      const worstRatio = worst[0]! / worstRaw;
      const worstBackRatio = worst[0]! / worstBack;
      return [
        {
          name: `re-grade ${CUSTOMERS.toLocaleString()} stored customers after a rule change (H cadence, churn months), written back`,
          value: median(regrade),
          unit: 'ms',
          target: 'reported',
          pass: true,
          note: `runs: ${regrade.map(Math.round).join(', ')}; customers written (grades changed): ${written.join(', ')}`,
        },
        {
          name: `raw IndexedDB put of all ${CUSTOMERS.toLocaleString()} records`,
          value: median(raw),
          unit: 'ms',
          target: 'baseline',
          pass: true,
          note: `runs: ${raw.map(Math.round).join(', ')}`,
        },
        {
          name: 're-grade after a rule change / raw put',
          value: ratio,
          unit: 'x',
          target: '<= 1.5x',
          pass: ratio <= 1.5,
        },
        {
          name: 'worst case: a standard switched off, every customer written / raw put into a fresh store',
          value: worstRatio,
          unit: 'x',
          target: 'reported',
          pass: true,
          note: `one run: ${Math.round(worst[0]!)} ms vs raw ${Math.round(worstRaw)} ms`,
        },
        {
          name: 'worst case / raw write-back of the same records into the populated store',
          value: worstBackRatio,
          unit: 'x',
          target: '<= 1.5x',
          pass: worstBackRatio <= 1.5,
          note: `raw write-back ${Math.round(worstBack)} ms`,
        },
      ];
    } finally {
      await browser.close();
    }
  },
};
