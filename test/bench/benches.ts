// The benchmark registry: each issue adds its rows here.
import type { Bench } from './types';
import { scrapeBench } from './scrape.bench';
import { captureBench, contentScriptSizeBench } from './capture.bench';
import { gradingBench } from './grading.bench';
import { sheetsBench } from './sheets.bench';
import { regradeBench } from './regrade.bench';
import { workbookBench } from './workbook.bench';
import { importBench } from './import.bench';
import { workbenchBench } from './workbench.bench';
import { followUpBench } from './followup.bench';
import { concurrentTabsBench, crawlPagesBench, virtualGridBench } from './crawl.bench';
import { overlayBench } from './overlay.bench';

// In the order of the product's parts: capture, grading, workbench, sheets.
export const benches: Bench[] = [
  contentScriptSizeBench,
  scrapeBench,
  captureBench,
  concurrentTabsBench,
  crawlPagesBench,
  virtualGridBench,
  overlayBench,
  gradingBench,
  regradeBench,
  workbenchBench,
  followUpBench,
  sheetsBench,
  workbookBench,
  importBench,
];
