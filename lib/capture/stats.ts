import type { DealerLensDB } from '../db';

/** Rows captured (new, updated or unchanged) by batches since `since` that were not undone. */
export async function capturedSince(db: DealerLensDB, since: Date): Promise<number> {
  const from = since.toISOString();
  let total = 0;
  await db.batches
    .filter((b) => !b.undone && b.at >= from)
    .each((b) => {
      total += b.counts.new + b.counts.updated + b.counts.unchanged;
    });
  return total;
}
