import { describe, expect, it } from 'vitest';
import { dayOf, isoOfDay } from '../../../lib/calendar';
import { nextDueDay, dueState, overdueDays } from '../../../lib/followup/cadence';
import { birthdayInYear, nextBirthdayDay } from '../../../lib/followup/birthday';
import { holidaysOfYear, nextHoliday } from '../../../lib/followup/holidays';
import { summarizeFollowUps, type FollowUp } from '../../../lib/followup/followups';
import { followUp } from '../../factories';

describe('cadence: due on last contact + cadence, overdue from the day after', () => {
  const last = dayOf('2026-03-01T23:30');
  it.each([
    ['2026-03-07', 'upcoming', 0],
    ['2026-03-08', 'due', 0],
    ['2026-03-09', 'overdue', 1],
    ['2026-03-17', 'overdue', 9],
  ])('an A lead (every 7 days) last called 2026-03-01 23:30 is, on %s, %s (%i days overdue)', (today, state, late) => {
    const due = nextDueDay(last, 7);
    expect(isoOfDay(due)).toBe('2026-03-08');
    expect(dueState(due, dayOf(today))).toBe(state);
    expect(overdueDays(due, dayOf(today))).toBe(late);
  });
});

describe('holidays for any year, lunar ones from lunar-javascript', () => {
  const known: Record<number, Record<string, string>> = {
    2025: {
      newYear: '2025-01-01',
      springFestival: '2025-01-29',
      lantern: '2025-02-12',
      qingming: '2025-04-04',
      labourDay: '2025-05-01',
      dragonBoat: '2025-05-31',
      midAutumn: '2025-10-06',
      nationalDay: '2025-10-01',
    },
    2026: {
      springFestival: '2026-02-17',
      lantern: '2026-03-03',
      qingming: '2026-04-05',
      dragonBoat: '2026-06-19',
      midAutumn: '2026-09-25',
    },
    2024: { springFestival: '2024-02-10', qingming: '2024-04-04', dragonBoat: '2024-06-10', midAutumn: '2024-09-17' },
    2027: { springFestival: '2027-02-06', midAutumn: '2027-09-15' },
    2023: { springFestival: '2023-01-22', midAutumn: '2023-09-29', dragonBoat: '2023-06-22' },
  };
  for (const [year, dates] of Object.entries(known)) {
    it.each(Object.entries(dates))(`${year}: %s falls on %s`, (id, date) => {
      expect(holidaysOfYear(Number(year)).find((h) => h.id === id)?.date).toBe(date);
    });
  }

  it('lists the eight greeting holidays in date order', () => {
    const list = holidaysOfYear(2026);
    expect(list.map((h) => h.name.zh)).toEqual(
      ['元旦', '春节', '元宵', '清明', '劳动节', '端午', '国庆', '中秋'].sort(
        (a, b) => list.find((h) => h.name.zh === a)!.day - list.find((h) => h.name.zh === b)!.day,
      ),
    );
    expect(list).toHaveLength(8);
  });

  it('the next holiday after 国庆 2026 is 元旦 2027 when 中秋 has passed', () => {
    expect(nextHoliday(dayOf('2026-10-02'), 2026)?.date).toBe('2027-01-01');
    expect(nextHoliday(dayOf('2026-09-25'), 2026)?.id).toBe('midAutumn'); // on the day itself
  });
});

describe('birthdays', () => {
  it.each([
    ['1988-02-29', 2025, 'feb28', '2025-02-28'],
    ['1988-02-29', 2025, 'mar1', '2025-03-01'],
    ['1988-02-29', 2028, 'feb28', '2028-02-29'],
    ['1985-07-04', 2026, 'feb28', '2026-07-04'],
  ] as const)('a birthday %s is greeted in %i by rule %s on %s', (birthday, year, rule, date) => {
    const b = dayOf(birthday);
    const [, m, d] = birthday.split('-').map(Number) as [number, number, number];
    expect(isoOfDay(birthdayInYear(year, m, d, rule))).toBe(date);
    expect(isoOfDay(nextBirthdayDay(b, dayOf(`${year}-01-01`), rule))).toBe(date);
  });

  it('a birthday already passed this year comes next year; today counts', () => {
    expect(isoOfDay(nextBirthdayDay(dayOf('1980-03-10'), dayOf('2026-03-11')))).toBe('2027-03-10');
    expect(isoOfDay(nextBirthdayDay(dayOf('1980-03-10'), dayOf('2026-03-10')))).toBe('2026-03-10');
  });
});

describe('the follow-up log, folded for grading', () => {
  const f = (at: string, extra: Partial<FollowUp> = {}): FollowUp => followUp('c1', { at, ...extra });

  it('takes the latest contact in any order, and its chosen next date', () => {
    const s = summarizeFollowUps([
      f('2026-03-05T10:00', { nextContactAt: '2026-03-20' }),
      f('2026-03-01T23:30'),
      f('bad date'),
    ]);
    expect(s).toMatchObject({
      count: 2,
      lastContactAt: '2026-03-05T10:00',
      nextContactAt: '2026-03-20',
      lastChannel: 'phone',
    });
  });

  it('a later contact without a chosen date returns the customer to the cadence', () => {
    const s = summarizeFollowUps([f('2026-03-05T10:00', { nextContactAt: '2026-03-20' }), f('2026-03-06T09:00')]);
    expect(s.nextContactAt).toBeUndefined();
  });

  it('keeps the latest grade and stage a consultant set, with the defeat reason', () => {
    const s = summarizeFollowUps([
      f('2026-03-01T10:00', { newGrade: 'A' }),
      f('2026-03-04T10:00', { newGrade: 'H' }),
      f('2026-03-08T10:00', { newStage: 'defeated', defeatReason: '太贵了' }),
    ]);
    expect(s).toMatchObject({ grade: 'H', gradeAt: '2026-03-04T10:00', stage: 'defeated', defeatReason: '太贵了' });
  });
});
