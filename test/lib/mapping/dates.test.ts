import { describe, expect, it } from 'vitest';
import { REASONS, parseDate, parseField, type DateContext, type ParseResult } from '../../../lib/mapping';

function value<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Error(`expected a value, got: ${r.reason}`);
  return r.value;
}
function reason<T>(r: ParseResult<T>): string {
  if (r.ok) throw new Error(`expected a failure, got: ${JSON.stringify(r.value)}`);
  return r.reason;
}
function assumed<T>(r: ParseResult<T>): string | undefined {
  return r.ok ? r.assumed : undefined;
}

/** A capture on Saturday 7 March 2026 at 10:05 local time. */
const CAPTURED = '2026-03-07T10:05';
const past: DateContext = { capturedAt: CAPTURED, direction: 'past' };
const future: DateContext = { capturedAt: CAPTURED, direction: 'future' };

describe('two-digit years in year/month/day order, as Chinese portals print them', () => {
  it.each([
    ['26/2/19', '2026-02-19'],
    ['24/3/2', '2024-03-02'],
    ['26-02-19', '2026-02-19'],
    ['26.2.19', '2026-02-19'],
    ['26/3/5 14:30', '2026-03-05T14:30'],
    ['26-03-05 14:30:00', '2026-03-05T14:30'],
    ['26年2月19日', '2026-02-19'],
    ['９９/１２/３１', '2099-12-31'],
  ])('%s is %s (20yy), and says it assumed y/m/d', (raw, date) => {
    const r = parseDate(raw);
    expect(value(r)).toBe(date);
    expect(assumed(r)).toBe('yymmdd');
  });

  it('a two-digit year that is no real y/m/d date is refused as such', () => {
    expect(reason(parseDate('26/2/30'))).toBe(REASONS.calendar);
    expect(reason(parseDate('19/26/2'))).toBe(REASONS.calendar);
  });

  it('a birthday with a two-digit year after the capture day is 19yy', () => {
    expect(value(parseField('birthday', '85/3/12', { capturedAt: CAPTURED }))).toBe('1985-03-12');
    expect(value(parseField('birthday', '01/3/12', { capturedAt: CAPTURED }))).toBe('2001-03-12');
    expect(value(parseField('lastContactAt', '26/3/1', { capturedAt: CAPTURED }))).toBe('2026-03-01');
  });
});

describe('dates without a year take the year from the capture day and the field', () => {
  it.each([
    ['4月1日', '2025-04-01'],
    ['3月7日', '2026-03-07'],
    ['3月6号', '2026-03-06'],
    ['12-05', '2025-12-05'],
    ['12/05', '2025-12-05'],
    ['1/5', '2026-01-05'],
    ['03-08 09:30', '2025-03-08T09:30'],
    ['2月29日', '2024-02-29'],
  ])('looking back (最近跟进, 到店, 购车), %s is the nearest such day on or before it: %s', (raw, date) => {
    const r = parseDate(raw, past);
    expect(value(r)).toBe(date);
    expect(assumed(r)).toBe('noYearPast');
  });

  it.each([
    ['4月1日', '2026-04-01'],
    ['3月7日', '2026-03-07'],
    ['3月6日', '2027-03-06'],
    ['12-05', '2026-12-05'],
    ['1/5', '2027-01-05'],
    ['2月29日', '2028-02-29'],
  ])('looking ahead (预计购车, 下次跟进), %s is the nearest such day on or after it: %s', (raw, date) => {
    const r = parseDate(raw, future);
    expect(value(r)).toBe(date);
    expect(assumed(r)).toBe('noYearFuture');
  });

  it('each date field looks its own way', () => {
    const ctx = { capturedAt: CAPTURED };
    for (const field of ['lastContactAt', 'firstVisitAt', 'purchasedAt', 'deliveredAt', 'lastServiceAt'] as const) {
      expect(value(parseField(field, '4月1日', ctx))).toBe('2025-04-01');
    }
    expect(value(parseField('expectedPurchaseAt', '2月1日', ctx))).toBe('2027-02-01');
    // A first-service due day may be overdue or ahead: the nearer one.
    expect(value(parseField('firstServiceDueAt', '2月1日', ctx))).toBe('2026-02-01');
    expect(value(parseField('firstServiceDueAt', '12月1日', ctx))).toBe('2025-12-01');
    expect(value(parseField('firstServiceDueAt', '8月1日', ctx))).toBe('2026-08-01');
  });

  it('a birthday without a year is not given one: kept as text with its reason', () => {
    expect(reason(parseField('birthday', '4月1日', { capturedAt: CAPTURED }))).toBe(REASONS.birthdayNoYear);
    expect(reason(parseField('birthday', '04-01', { capturedAt: CAPTURED }))).toBe(REASONS.birthdayNoYear);
  });

  it('a month or day that does not exist is refused', () => {
    expect(reason(parseDate('13-05', past))).toBe(REASONS.date);
    expect(reason(parseDate('2月30日', past))).toBe(REASONS.calendar);
  });
});

describe('relative dates count from the capture', () => {
  it.each([
    ['今天 15:21', '2026-03-07T15:21'],
    ['今天', '2026-03-07'],
    ['昨天 11:32', '2026-03-06T11:32'],
    ['昨日', '2026-03-06'],
    ['前天', '2026-03-05'],
    ['大前天', '2026-03-04'],
    ['明天', '2026-03-08'],
    ['后天 09:00', '2026-03-09T09:00'],
    ['3天前', '2026-03-04'],
    ['10 天前', '2026-02-25'],
    ['7天后', '2026-03-14'],
    ['刚刚', '2026-03-07T10:05'],
    ['5分钟前', '2026-03-07T10:00'],
    ['30秒前', '2026-03-07T10:05'],
    ['半小时前', '2026-03-07T09:35'],
    ['2小时前', '2026-03-07T08:05'],
    ['11个小时前', '2026-03-06T23:05'],
  ])('%s is %s', (raw, date) => {
    const r = parseDate(raw, past);
    expect(value(r)).toBe(date);
    expect(assumed(r)).toBe('relative');
  });

  it('across a month and a year', () => {
    expect(value(parseDate('昨天', { capturedAt: '2026-01-01T08:00' }))).toBe('2025-12-31');
    expect(value(parseDate('3天前', { capturedAt: '2024-03-01T08:00' }))).toBe('2024-02-27');
    expect(value(parseDate('12月31日', { capturedAt: '2026-01-01T08:00', direction: 'past' }))).toBe('2025-12-31');
  });

  it('a time that does not exist is still refused', () => {
    expect(reason(parseDate('昨天 25:00', past))).toBe(REASONS.time);
  });
});
