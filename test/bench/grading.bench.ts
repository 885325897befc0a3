// Issue #3: gradeAll over 100,000 customers with every standard on, in Node:
// under 150 ms (median of runs). The customers are the demo portal's seeded
// store (test/demo-portal/data.ts), so leads, owners and defeated customers
// come in realistic shares.
import { DEFAULT_RULE_SET, gradeAll, type RuleSet } from '../../lib/grading';
import { generateCustomers, DEFAULT_SEED } from '../demo-portal/data';
import type { Bench } from './types';
import { median } from './types';

const COUNT = 100_000;

export const gradingBench: Bench = {
  id: 'grading',
  async run(ctx) {
    // Round-tripped through structured clone, as customers read back from
    // IndexedDB are: the generator's concatenated date strings would otherwise
    // stay rope strings, which no stored record is.
    const customers = structuredClone(generateCustomers(COUNT, DEFAULT_SEED, '2026-11-23'));
    const now = new Date(2026, 10, 23, 9, 0);
    const results = [];
    for (const mode of ['thresholds', 'quintiles'] as const) {
      const ruleSet: RuleSet = { ...DEFAULT_RULE_SET, standards: { ...DEFAULT_RULE_SET.standards, value: { ...DEFAULT_RULE_SET.standards.value, mode } } };
      gradeAll(customers, ruleSet, now); // warm-up: compile the graders
      const times: number[] = [];
      let graded = 0;
      for (let i = 0; i < Math.max(ctx.runs, 5); i++) {
        const t0 = performance.now();
        graded = gradeAll(customers, ruleSet, now).length;
        times.push(performance.now() - t0);
      }
      const value = median(times);
      results.push({ name: `gradeAll: 100,000 customers, all standards (value by ${mode})`, value, unit: 'ms', target: '< 150 ms', pass: value < 150 && graded === COUNT, note: `min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms` });
    }
    return results;
  },
};
