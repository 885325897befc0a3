// Calendar days as the stored date strings have them ('YYYY-MM-DD' or
// 'YYYY-MM-DDTHH:mm', local wall time, lib/customer.ts): a day is compared by
// its date part, so 100,000 rows are filtered without a Date per row.
const pad = (n: number): string => String(n).padStart(2, '0');

/** The user's calendar day of an instant (local getters: the running zone is the user's). */
export function isoDayOf(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The calendar day `days` after `now`'s day (negative: before). */
export function isoDayAfter(now: Date, days: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return isoDayOf(d);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * A stored date as the user's locale writes it ('2026/11/23' in zh-CN,
 * '23/11/2026' in en-GB), with the time when the value has one; text that
 * is not a stored date is returned as is.
 */
export function formatStoredDate(
  value: string,
  dateFormat: Intl.DateTimeFormat,
  dateTimeFormat: Intl.DateTimeFormat,
): string {
  const m = DATE.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi] = m;
  if (h === undefined) return dateFormat.format(new Date(Number(y), Number(mo) - 1, Number(d)));
  return dateTimeFormat.format(new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
}

/** The date part of a stored date, or undefined when it is not one. */
export function dayPart(value: unknown): string | undefined {
  return typeof value === 'string' && value.length >= 10 && value[4] === '-' && value[7] === '-'
    ? value.slice(0, 10)
    : undefined;
}
