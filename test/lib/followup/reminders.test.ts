import { describe, expect, it } from 'vitest';
import { badgeText, countsToday, morningNotice, nextMorning } from '../../../lib/followup';

const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min);

describe('the morning reminder', () => {
  it('fires at the set time today while it is still ahead, else tomorrow', () => {
    expect(nextMorning(local(2026, 3, 10, 7, 0), '08:30')).toEqual(local(2026, 3, 10, 8, 30));
    expect(nextMorning(local(2026, 3, 10, 8, 30), '08:30')).toEqual(local(2026, 3, 11, 8, 30));
    expect(nextMorning(local(2026, 3, 31, 9, 0), '08:30')).toEqual(local(2026, 4, 1, 8, 30));
  });

  it('says how many are due, overdue included, in the user language; nothing when none is due', () => {
    expect(morningNotice({ due: 2, overdue: 1 }, 'zh')).toEqual({
      title: 'DealerLens 今日待跟进',
      message: '今天有 3 位客户待跟进, 其中 1 位已逾期。点击打开今日待跟进。',
    });
    expect(morningNotice({ due: 2, overdue: 1 }, 'en')?.message).toBe(
      '3 customers to follow up today, 1 of them overdue. Click to open them.',
    );
    expect(morningNotice({ due: 0, overdue: 0 }, 'zh')).toBeNull();
  });
});

describe('the toolbar badge', () => {
  it('shows nothing at zero and caps at four digits', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(9999)).toBe('9999');
    expect(badgeText(10000)).toBe('9999+');
  });

  it('counts a customer due today or overdue, not one due later or never', () => {
    const now = local(2026, 3, 10, 23, 59);
    expect(countsToday({ nextDueAt: '2026-03-10' }, now)).toBe(true);
    expect(countsToday({ nextDueAt: '2026-03-01' }, now)).toBe(true);
    expect(countsToday({ nextDueAt: '2026-03-11' }, now)).toBe(false);
    expect(countsToday({}, now)).toBe(false);
    expect(countsToday(undefined, now)).toBe(false);
  });
});
