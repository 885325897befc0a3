export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  note?: string;
}

export interface BenchContext {
  runs: number;
  cleanups: (() => Promise<void>)[];
}

export interface Bench {
  id: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
