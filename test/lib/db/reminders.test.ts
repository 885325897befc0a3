import { describe, expect, it } from 'vitest';
import {
  Reminders,
  readMorningReminder,
  regradeCustomers,
  saveMorningReminder,
  settingsOf,
  type StoredCustomer,
} from '../../../lib/db';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import { LOCALE } from '../../../lib/settings';
import { freshDatabase } from './helpers';

const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min);

/** The browser's side as a record of what was shown, set and notified. */
function ports() {
  const seen = {
    counts: [] as number[],
    alarms: [] as (Date | null)[],
    notices: [] as { title: string; message: string }[],
  };
  return {
    seen,
    showCount: async (count: number) => void seen.counts.push(count),
    setMorningAlarm: async (when: Date | null) => void seen.alarms.push(when),
    notify: async (notice: { title: string; message: string }) => void seen.notices.push(notice),
  };
}

const at = '2026-03-01T00:00:00.000Z';
const lead = (id: string, lastContactAt: string): StoredCustomer => ({
  id,
  phone: `1380000000${id}`,
  stage: 'lead',
  portalGrade: 'A',
  lastContactAt,
  extra: {},
  invalid: {},
  provenance: { pageUrl: 'x', capturedAt: at },
  createdAt: at,
  updatedAt: at,
  userEdited: [],
  lastBatchId: 'seed',
});

/** A leads every 7 days: due today, overdue, not yet due (on 2026-03-10). */
async function seeded() {
  const db = freshDatabase();
  await db.customers.bulkPut([lead('1', '2026-03-03'), lead('2', '2026-03-01'), lead('3', '2026-03-09')]);
  await regradeCustomers(db, ['1', '2', '3'], DEFAULT_RULE_SET, local(2026, 3, 10));
  return db;
}

describe('the morning reminder', () => {
  it('is off by default, at 08:30', async () => {
    expect(await readMorningReminder(freshDatabase())).toEqual({ enabled: false, time: '08:30' });
  });

  it('has an alarm only while it is on', async () => {
    const db = freshDatabase();
    const p = ports();
    const reminders = new Reminders(db, p);
    await reminders.schedule(local(2026, 3, 10, 7));
    await saveMorningReminder(db, { enabled: true, time: '08:00' });
    await reminders.schedule(local(2026, 3, 10, 7));
    expect(p.seen.alarms).toEqual([null, local(2026, 3, 10, 8)]);
  });

  it("notifies of today's count in the language the user chose, and not at all when nothing is due", async () => {
    const p = ports();
    await new Reminders(freshDatabase(), p).morning(local(2026, 3, 10, 8));
    expect(p.seen.notices).toEqual([]);

    const db = await seeded();
    await new Reminders(db, p).morning(local(2026, 3, 10, 8));
    await settingsOf(db).set(LOCALE, 'en');
    await new Reminders(db, p).morning(local(2026, 3, 10, 8));
    expect(p.seen.notices.map((n) => n.message)).toEqual([
      '今天有 2 位客户待跟进, 其中 1 位已逾期。点击打开今日待跟进。',
      '2 customers to follow up today, 1 of them overdue. Click to open them.',
    ]);
  });
});

describe('the toolbar badge', () => {
  it('shows the follow-ups due today, overdue included', async () => {
    const p = ports();
    expect(await new Reminders(freshDatabase(), p).refresh(local(2026, 3, 10))).toBe(0);
    const db = await seeded();
    const reminders = new Reminders(db, p);
    expect(await reminders.refresh(local(2026, 3, 10))).toBe(2);
    expect(p.seen.counts).toEqual([0, 2]);

    // A follow-up took one customer off today's list: the badge moves without counting the store again.
    await db.customers.clear();
    expect(await reminders.adjust(-1, local(2026, 3, 10, 11))).toBe(1);
    // On another day there is no count of today to move: it counts in full.
    expect(await reminders.adjust(-1, local(2026, 3, 11))).toBe(0);
    expect(p.seen.counts).toEqual([0, 2, 1, 0]);
  });
});
