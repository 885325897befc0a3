// docs/architecture.md#performance-budgets: findTables + extraction on a 5,000-row plain table and on a
// 2,000-row Element-style split table, in headless Chromium: under 300 ms each.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../e2e/harness';
import { startDemoPortal } from '../demo-portal/server';
import type { Bench, BenchResult } from './types';
import { median } from './types';

const HEADLESS_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const scrapeBench: Bench = {
  id: 'scrape',
  async run(ctx) {
    const bundle = await build({
      entryPoints: ['lib/scrape/index.ts'],
      bundle: true,
      format: 'iife',
      globalName: 'DLScrape',
      write: false,
      minify: true,
    });
    const script = bundle.outputFiles[0]!.text;
    const portal = await startDemoPortal({ port: 0, count: 5000 });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: HEADLESS_ARGS });
    try {
      const cases = [
        { name: 'findTables: 5,000-row plain table', path: '/crm/customer/list?size=5000', rows: 5000 },
        { name: 'findTables: 2,000-row Element split table', path: '/modern/list?size=2000', rows: 2000 },
      ];
      const results: BenchResult[] = [];
      for (const c of cases) {
        const page = await browser.newPage();
        await page.goto(portal.url + c.path);
        await page.addScriptTag({ content: script });
        const times: number[] = [];
        let found = 0;
        for (let i = 0; i < ctx.runs; i++) {
          const r = await page.evaluate(() => {
            const api = (globalThis as unknown as { DLScrape: typeof import('../../lib/scrape') }).DLScrape;
            const t0 = performance.now();
            const candidates = api.findTables(document);
            return { ms: performance.now() - t0, rows: candidates[0]?.rows.length ?? 0 };
          });
          times.push(r.ms);
          found = r.rows;
        }
        await page.close();
        const value = median(times);
        results.push({
          name: c.name,
          value,
          unit: 'ms',
          target: '< 300 ms',
          pass: value < 300 && found === c.rows,
          note: `best table: ${found} rows`,
        });
      }
      return results;
    } finally {
      await browser.close();
      await portal.close();
    }
  },
};
