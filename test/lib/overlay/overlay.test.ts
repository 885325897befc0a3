import { describe, expect, it } from 'vitest';
import {
  badgeOf,
  badgeParts,
  textWidthEm,
  identityColumns,
  keysId,
  overlayEntryOf,
  overlayPage,
  rowKeysOf,
  summaryOfEntries,
} from '../../../lib/overlay';

// Noon local time, so the calendar day is the same in every zone the tests run in.
const NOW = new Date(2026, 11, 7, 12, 0, 0);

describe('badgeOf', () => {
  it('shows the grade and days overdue', () => {
    const badge = badgeOf({ id: 'c1', intent: 'H', nextDueAt: '2026-12-05' }, NOW);
    expect(badge.text).toEqual({ zh: 'H · 逾期2天', en: 'H · 2d overdue' });
    expect(badge.tone).toBe('overdue');
    expect(badge.customerId).toBe('c1');
    expect(badge.reasons.map((r) => r.zh)).toEqual(['意向级别 H', '应跟进日 2026-12-05，已逾期2天']);
  });

  it('reads a due day given as a date-time by its day', () => {
    expect(badgeOf({ id: 'c', intent: 'A', nextDueAt: '2026-12-07T00:00:00' }, NOW).text.zh).toBe('A · 今天');
    expect(badgeOf({ id: 'c', intent: 'A', nextDueAt: '2026-12-06T23:59:00' }, NOW).text.zh).toBe('A · 逾期1天');
  });

  it('counts days overdue across a month and a year end', () => {
    const jan = new Date(2027, 0, 2, 9, 0, 0);
    expect(badgeOf({ id: 'c', intent: 'B', nextDueAt: '2026-11-30' }, jan).text.zh).toBe('B · 逾期33天');
  });

  it('says 今天 on the due day and nothing of a later one but the reason', () => {
    const today = badgeOf({ id: 'c', intent: 'A', nextDueAt: '2026-12-07' }, NOW);
    expect(today.text).toEqual({ zh: 'A · 今天', en: 'A · today' });
    expect(today.tone).toBe('due');
    const later = badgeOf({ id: 'c', intent: 'B', nextDueAt: '2026-12-20' }, NOW);
    expect(later.text.zh).toBe('B');
    expect(later.tone).toBe('plain');
    expect(later.reasons.map((r) => r.en)).toContain('Next follow-up 2026-12-20');
  });

  it('reminds of a first service within the week, today included, and not after it', () => {
    const soon = badgeOf({ id: 'c', intent: 'D', nextDueAt: '2027-01-30', firstServiceDueAt: '2026-12-13' }, NOW);
    expect(soon.text).toEqual({ zh: 'D · 首保提醒', en: 'D · first service' });
    expect(soon.tone).toBe('notice');
    expect(soon.reasons.map((r) => r.zh)).toContain('首保日期 2026-12-13');
    expect(badgeOf({ id: 'c', intent: 'D', firstServiceDueAt: '2026-12-07' }, NOW).text.zh).toBe('D · 首保提醒');
    expect(badgeOf({ id: 'c', intent: 'D', firstServiceDueAt: '2026-12-14' }, NOW).text.zh).toBe('D');
    expect(badgeOf({ id: 'c', intent: 'D', firstServiceDueAt: '2026-12-06' }, NOW).text.zh).toBe('D');
  });

  it('lets an overdue follow-up win over a first-service reminder, and keeps both reasons', () => {
    const badge = badgeOf({ id: 'c', intent: 'D', nextDueAt: '2026-12-01', firstServiceDueAt: '2026-12-08' }, NOW);
    expect(badge.text.zh).toBe('D · 逾期6天');
    expect(badge.reasons.map((r) => r.zh)).toEqual([
      '意向级别 D',
      '应跟进日 2026-12-01，已逾期6天',
      '首保日期 2026-12-08',
    ]);
  });

  it('names a lost lead, churn and missing data', () => {
    const lost = badgeOf({ id: 'c', intent: 'insufficient', defeated: 'defeated', defeatedDetail: '价格高' }, NOW);
    expect(lost.text.zh).toBe('战败');
    expect(lost.reasons[0]).toEqual({ zh: '战败：价格高', en: 'Lost lead: 价格高' });
    const churn = badgeOf({ id: 'c', intent: 'M', churn: { zh: '预警', en: 'At risk' } }, NOW);
    expect(churn.text).toEqual({ zh: 'M · 预警', en: 'M · At risk' });
    const missing = badgeOf(
      { id: 'c', intent: 'n/a', missingData: true, flags: [{ zh: '资料不全', en: 'Missing data' }] },
      NOW,
    );
    expect(missing.text.zh).toBe('资料不全');
    expect(missing.reasons).toEqual([{ zh: '资料不全', en: 'Missing data' }]);
  });

  it('marks a row DealerLens has not captured', () => {
    for (const entry of [null, undefined]) {
      const badge = badgeOf(entry, NOW);
      expect(badge.text).toEqual({ zh: '未采集', en: 'Not captured' });
      expect(badge.tone).toBe('uncaptured');
      expect(badge.customerId).toBeNull();
      expect(badge.reasons[0]!.zh).toContain('下次采集');
    }
  });

  it('shows a captured customer with no grade yet as captured', () => {
    const badge = badgeOf({ id: 'c' }, NOW);
    expect(badge.text.zh).toBe('已采集');
    expect(badge.reasons[0]!.zh).toBe('暂无级别或待跟进');
  });
});

describe('overlayPage', () => {
  it("counts the page's overdue, due today and not captured, a customer on two rows once", () => {
    const h = { id: 'h', intent: 'H', nextDueAt: '2026-12-05' };
    const { badges, summary } = overlayPage(
      [h, { id: 'a', intent: 'A', nextDueAt: '2026-12-07' }, null, h, undefined, { id: 'b', intent: 'B' }],
      NOW,
    );
    expect(badges.map((b) => b.text.zh)).toEqual(['H · 逾期2天', 'A · 今天', '未采集', 'H · 逾期2天', '未采集', 'B']);
    expect(summary).toEqual({ rows: 6, overdue: 1, dueToday: 1, notCaptured: 2, customerIds: ['h', 'a', 'b'] });
  });
});

describe('summaryOfEntries', () => {
  it("gives the page's summary its rows' badges give, without drawing them", () => {
    const h = { id: 'h', intent: 'H', nextDueAt: '2026-12-05' };
    const entries = [
      h,
      { id: 'a', intent: 'A', nextDueAt: '2026-12-07T09:00:00' },
      null,
      h,
      undefined,
      { id: 'b', intent: 'B', nextDueAt: '2026-12-20' },
      { id: 'o', intent: 'O', nextDueAt: '2026-11-30', firstServiceDueAt: '2026-12-08' },
      { id: 'm', intent: 'M', firstServiceDueAt: '2026-12-09' },
      { id: 'c', churn: { zh: '超期未回厂', en: 'overdue for service' } },
      { id: 'd', defeated: 'defeated', nextDueAt: '2026-12-07' },
      { id: 'x', missingData: true },
      { id: 'n', nextDueAt: 'not a day' },
    ];
    const summary = summaryOfEntries(entries, NOW);
    expect(summary).toEqual(overlayPage(entries, NOW).summary);
    expect(summary).toMatchObject({ rows: 12, overdue: 2, dueToday: 2, notCaptured: 2 });
  });
});

describe('row keys', () => {
  const columns = identityColumns([
    { field: 'name' },
    { field: 'phone' },
    { field: null },
    { field: 'vin' },
    { field: 'portalId' },
  ]);

  it('finds the identity columns of a mapping', () => {
    expect(columns).toEqual({ phone: [1], vin: [3], portalId: [4] });
  });

  it('normalises mobiles and VINs as a capture does', () => {
    expect(rowKeysOf(['张三', '+86 138-1234-5678', '', 'lsv-ab123 456789012', ' K001 '], columns)).toEqual({
      phone: '13812345678',
      vin: 'LSVAB123456789012',
      portalId: 'K001',
    });
  });

  it('reads the customer id from the detail link when no column gives one, without the host', () => {
    const keys = rowKeysOf(['李四', '138****5678', '', '', ''], columns, 'http://10.0.0.5:8080/crm/view.do?custId=77');
    expect(keys).toEqual({ portalId: '/crm/view.do?custid=77' });
  });

  it('gives no keys for a masked mobile alone', () => {
    expect(rowKeysOf(['王五', '138****5678', '', '', ''], columns)).toBeNull();
    expect(rowKeysOf(['王五', '138****5678', '', '', ''], columns, 'http://dms/crm/list.do')).toBeNull();
  });

  it('keys one string per key set', () => {
    expect(keysId({ phone: '13812345678' })).not.toBe(keysId({ vin: '13812345678' }));
  });
});

describe('overlayEntryOf', () => {
  it('keeps only what the badge shows, with the words of churn and flags', () => {
    const entry = overlayEntryOf({
      id: 'x',
      firstServiceDueAt: '2026-12-09',
      grades: {
        intent: 'D',
        churn: 'warning',
        nextDueAt: '2026-12-08',
        due: 'upcoming',
        loyalty: 'quality',
        flags: ['missingDate', 'missingDate'],
      },
    });
    expect(entry).toEqual({
      id: 'x',
      intent: 'D',
      nextDueAt: '2026-12-08',
      firstServiceDueAt: '2026-12-09',
      churn: { zh: '预警', en: 'At risk' },
      flags: [{ zh: '资料不全', en: 'Missing data' }],
      missingData: true,
    });
  });

  it('gives no churn word to an active owner', () => {
    expect(overlayEntryOf({ id: 'y', grades: { churn: 'active' } })).toEqual({ id: 'y' });
  });
});

describe('a badge drawn compact', () => {
  it('splits the grade from the rest, the two parts reading the whole text', () => {
    for (const [text, head] of [
      ['H · 逾期2天', 'H'],
      ['战败 · 逾期197天', '战败'],
      ['D · 首保提醒', 'D'],
      ['未采集', '未'],
      ['资料不全', '资'],
      ['战败', '战败'],
      ['M', 'M'],
    ] as const) {
      const parts = badgeParts(text);
      expect(parts.head).toBe(head);
      expect(parts.head + parts.rest).toBe(text);
    }
  });

  it('estimates a text a little wider than it is: Chinese 1 em, digits and Latin narrower', () => {
    expect(textWidthEm('逾期')).toBeCloseTo(2 * 1.08);
    expect(textWidthEm('197')).toBeLessThan(textWidthEm('逾期天'));
    expect(textWidthEm('H · 逾期2天')).toBeGreaterThan(textWidthEm('H · 今天'));
    // 11 px bold "战败 · 逾期197天" is about 84 px wide in Noto Sans CJK.
    expect(textWidthEm('战败 · 逾期197天') * 11).toBeGreaterThan(84);
    expect(textWidthEm('战败 · 逾期197天') * 11).toBeLessThan(100);
  });
});
