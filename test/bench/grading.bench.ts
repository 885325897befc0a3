// docs/architecture.md#performance-budgets: gradeAll over 100,000 customers with every standard on: under
// 150 ms in Node, and in the extension page. The customers are the demo
// portal's seeded store (test/demo-portal/data.ts), so leads, owners and
// defeated customers come in realistic shares.
//
// This machine is shared: every row's note gives the best run, the CPU time
// this process spent (other processes do not add to it), and a load gauge, a
// trivial 10-million-step loop timed between the runs (median / best): when
// its median is well above its best, the medians here are inflated by as much.
import { build } from 'esbuild';
import { DEFAULT_RULE_SET, gradeAll, type RuleSet } from '../../lib/grading';
import { generateCustomers, DEFAULT_SEED } from '../demo-portal/data';
import { launchWithExtension } from '../e2e/harness';
import type { Bench, BenchResult } from './types';
import { median } from './types';

const COUNT = 100_000;
const TODAY = '2026-11-23';

function withValueMode(mode: 'thresholds' | 'quintiles'): RuleSet {
  return {
    ...DEFAULT_RULE_SET,
    standards: { ...DEFAULT_RULE_SET.standards, value: { ...DEFAULT_RULE_SET.standards.value, mode } },
  };
}

/** The load gauge: a loop whose work never changes. */
function gaugeLoop(): number {
  const t0 = performance.now();
  let k = 0;
  for (let i = 0; i < 10_000_000; i++) k = (k + i * 7) & 1023;
  const ms = performance.now() - t0;
  return k < 0 ? -1 : ms;
}

const fmt = (ms: number): string => ms.toFixed(ms < 10 ? 1 : 0);
const gaugeNote = (gauge: number[]): string =>
  `load gauge (10M-step loop) ${fmt(median(gauge))} ms median / ${fmt(Math.min(...gauge))} ms best`;

function nodeRows(runs: number): BenchResult[] {
  // Round-tripped through structured clone, as customers read back from
  // IndexedDB are: distinct strings scattered over the heap, objects whose
  // fields live out of line; fresh generator output shares its date strings.
  const customers = structuredClone(generateCustomers(COUNT, DEFAULT_SEED, TODAY));
  const now = new Date(2026, 10, 23, 9, 0);
  const results: BenchResult[] = [];
  for (const mode of ['thresholds', 'quintiles'] as const) {
    const ruleSet = withValueMode(mode);
    for (let i = 0; i < 3; i++) gradeAll(customers, ruleSet, now); // warm-up: compile the graders
    const wall: number[] = [];
    const cpu: number[] = [];
    const gauge: number[] = [];
    let graded = 0;
    for (let i = 0; i < runs; i++) {
      gauge.push(gaugeLoop());
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      graded = gradeAll(customers, ruleSet, now).length;
      wall.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
    }
    const value = median(wall);
    results.push({
      name: `gradeAll: 100,000 customers, all standards (value by ${mode}), Node`,
      value,
      unit: 'ms',
      target: '< 150 ms',
      pass: value < 150 && graded === COUNT,
      note: `best ${fmt(Math.min(...wall))} ms of ${runs}; CPU ${fmt(median(cpu))} ms median; ${gaugeNote(gauge)}`,
    });
  }
  return results;
}

/**
 * The same run inside the built extension's own page (its options page, as
 * loaded in headless Chromium): the grading bundle is evaluated there through
 * the DevTools protocol, which the page's CSP does not block.
 */
async function pageRow(runs: number): Promise<BenchResult> {
  const bundle = await build({
    stdin: {
      contents:
        "export { gradeAll, DEFAULT_RULE_SET } from './lib/grading'; export { generateCustomers } from './test/demo-portal/data';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'DLGrading',
    write: false,
    minify: true,
  });
  const browser = await launchWithExtension();
  try {
    const page = await browser.page('options.html');
    await page.evaluate(bundle.outputFiles[0]!.text);
    // Passed as text: tsx would wrap named functions in a helper the page lacks.
    const r = (await page.evaluate(`(() => {
      const api = globalThis.DLGrading;
      const customers = structuredClone(api.generateCustomers(${COUNT}, ${DEFAULT_SEED}, '${TODAY}'));
      const now = new Date(2026, 10, 23, 9, 0);
      const gauge = () => {
        const t0 = performance.now();
        let k = 0;
        for (let i = 0; i < 10000000; i++) k = (k + i * 7) & 1023;
        const ms = performance.now() - t0;
        return k < 0 ? -1 : ms;
      };
      for (let i = 0; i < 3; i++) api.gradeAll(customers, api.DEFAULT_RULE_SET, now);
      const wall = [];
      const gauges = [];
      let graded = 0;
      for (let i = 0; i < ${runs}; i++) {
        gauges.push(gauge());
        const t0 = performance.now();
        graded = api.gradeAll(customers, api.DEFAULT_RULE_SET, now).length;
        wall.push(performance.now() - t0);
      }
      return { wall, gauges, graded };
    })()`)) as { wall: number[]; gauges: number[]; graded: number };
    const value = median(r.wall);
    return {
      name: 'gradeAll: 100,000 customers, all standards, extension page (Chromium)',
      value,
      unit: 'ms',
      target: '< 150 ms',
      pass: value < 150 && r.graded === COUNT,
      note: `headless Chromium, in the extension's options page; best ${fmt(Math.min(...r.wall))} ms of ${runs}; ${gaugeNote(r.gauges)}`,
    };
  } finally {
    await browser.close();
  }
}

export const gradingBench: Bench = {
  id: 'grading',
  async run(ctx) {
    const runs = Math.max(ctx.runs, 11);
    return [...nodeRows(runs), await pageRow(runs)];
  },
};
