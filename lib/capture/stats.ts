import type { DealerLensDB } from '../db';

/** Local midnight of `now`'s calendar day (the user's time zone: docs/grading.md#g05-due-day-calendar-days-in-the-users-zone days that way). */
export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

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
