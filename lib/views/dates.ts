// A stored date as the user reads it on screen. Days themselves (today, a
// stored value's day) come from lib/calendar.
import { instantOfWallTime } from '../calendar';

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
  const at = instantOfWallTime(value);
  if (!at) return value;
  return (value.length > 10 ? dateTimeFormat : dateFormat).format(at);
}
