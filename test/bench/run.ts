// `npm run bench`: every figure an issue names, measured on this machine and
// printed as one table (median of several runs). Speeds are benchmarks, never
// timed unit tests: this machine is shared and noisy.
import { benches } from './benches';
import type { BenchContext, BenchResult } from './types';
import { median } from './types';

const only = process.argv.slice(2);

async function main(): Promise<void> {
  const ctx: BenchContext = { runs: Number(process.env.BENCH_RUNS ?? 5), cleanups: [] };
  const results: BenchResult[] = [];
  try {
    for (const bench of benches) {
      if (only.length && !only.some((o) => bench.id.includes(o))) continue;
      process.stderr.write(`… ${bench.id}\n`);
      try {
        results.push(...(await bench.run(ctx)));
      } catch (error) {
        console.error(error);
        results.push({
          name: bench.id,
          value: NaN,
          unit: '',
          target: 'error',
          pass: false,
          note: String(error instanceof Error ? error.message : error)
            .split('\n')[0]!
            .slice(0, 160),
        });
      }
    }
  } finally {
    for (const cleanup of ctx.cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  printTable(results);
}

function printTable(results: BenchResult[]): void {
  const rows = [
    ['benchmark', 'median', 'target', 'ok', 'note'],
    ...results.map((r) => [r.name, format(r), r.target, r.pass ? 'yes' : 'NO', r.note ?? '']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  const line = (r: string[]) => '| ' + r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ') + ' |';
  console.log(line(rows[0]!));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows.slice(1)) console.log(line(r));
}

function format(r: BenchResult): string {
  if (Number.isNaN(r.value)) return 'n/a';
  const digits = r.value >= 100 ? 0 : r.value >= 10 ? 1 : 2;
  return `${r.value.toFixed(digits)} ${r.unit}`.trim();
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

export { median };
void main();
