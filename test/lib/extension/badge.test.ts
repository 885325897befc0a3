import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import {
  MORNING_ALARM,
  adjustBadge,
  nextMorning,
  readMorningReminder,
  refreshBadge,
  saveMorningReminder,
  scheduleMorningReminder,
} from '../../../lib/extension/badge';
import { DEFAULT_RULE_SET } from '../../../lib/grading';
import { regradeCustomers, type StoredCustomer } from '../../../lib/db';
import { freshDatabase } from '../db/helpers';

const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min);

beforeEach(() => fakeBrowser.reset());

describe('the morning reminder', () => {
  it('is off by default, at 08:30', async () => {
    expect(await readMorningReminder(freshDatabase())).toEqual({ enabled: false, time: '08:30' });
  });

  it('fires at the set time today while it is still ahead, else tomorrow', () => {
    expect(nextMorning(local(2026, 3, 10, 7, 0), '08:30')).toEqual(local(2026, 3, 10, 8, 30));
    expect(nextMorning(local(2026, 3, 10, 8, 30), '08:30')).toEqual(local(2026, 3, 11, 8, 30));
    expect(nextMorning(local(2026, 3, 31, 9, 0), '08:30')).toEqual(local(2026, 4, 1, 8, 30));
  });

  it('has an alarm only while it is on', async () => {
    const db = freshDatabase();
    await scheduleMorningReminder(db, local(2026, 3, 10, 7));
    expect(await browser.alarms.get(MORNING_ALARM)).toBeUndefined();
    await saveMorningReminder(db, { enabled: true, time: '08:00' });
    await scheduleMorningReminder(db, local(2026, 3, 10, 7));
    expect((await browser.alarms.get(MORNING_ALARM))?.scheduledTime).toBe(local(2026, 3, 10, 8).getTime());
  });
});

describe('the toolbar badge', () => {
  it('shows the follow-ups due today, overdue included, and nothing at zero', async () => {
    const db = freshDatabase();
    const setText = vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
    vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    expect(await refreshBadge(db, local(2026, 3, 10))).toBe(0);
    expect(setText).toHaveBeenLastCalledWith({ text: '' });

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
    // A leads every 7 days: due today, overdue, not yet due.
    await db.customers.bulkPut([lead('1', '2026-03-03'), lead('2', '2026-03-01'), lead('3', '2026-03-09')]);
    await regradeCustomers(db, ['1', '2', '3'], DEFAULT_RULE_SET, local(2026, 3, 10));
    expect(await refreshBadge(db, local(2026, 3, 10))).toBe(2);
    expect(setText).toHaveBeenLastCalledWith({ text: '2' });

    // A follow-up took one customer off today's list: the badge moves without counting the store again.
    await db.customers.clear();
    expect(await adjustBadge(db, -1, local(2026, 3, 10, 11))).toBe(1);
    expect(setText).toHaveBeenLastCalledWith({ text: '1' });
    // On another day there is no count of today to move: it counts in full.
    expect(await adjustBadge(db, -1, local(2026, 3, 11))).toBe(0);
    expect(setText).toHaveBeenLastCalledWith({ text: '' });
  });
});
