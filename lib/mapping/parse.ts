// Value parsers for the field kinds of lib/customer.ts. Each parser takes the
// cell text as a portal displays it and returns the canonical value, or a
// reason in Chinese and English that the preview shows next to the raw text
// (docs/capture.md#value-parsing: "each gets a clear message and loses nothing").
//
// applyMapping runs these on 10,000-100,000 rows, so they work on strings with
// precompiled regexes and integer arithmetic: no Date objects, no per-cell
// allocation beyond the result.

import { civilFromDays, daysFromCivil, daysInMonth, EXCEL_EPOCH_OFFSET, isoOfDay, pad2 } from '../calendar';
import { FIELDS, type FieldName, type Gender, type Stage, type VehicleUse } from '../customer';

/**
 * `assumed` names a reading the parser chose where the text alone was not
 * enough (a two-digit year, a date without a year, 昨天 …), so the preview
 * can say which one it took.
 */
export type ParseResult<T> = { ok: true; value: T; assumed?: Assumption } | { ok: false; reason: string };

/** A reading the parser assumed: see ASSUMPTIONS for what each says to the user. */
export type Assumption =
  'yymmdd' | 'yymmdd19' | 'noYearPast' | 'noYearFuture' | 'noYearNearest' | 'relative' | 'masked';

/** What each assumption says in the mapping preview (zh / en). */
export const ASSUMPTIONS: Record<Assumption, string> = {
  yymmdd:
    '两位年份按 年/月/日 读作 20xx 年（如 26/2/19 = 2026-02-19）/ two-digit years read as year/month/day in 20xx (26/2/19 = 2026-02-19)',
  yymmdd19:
    '两位年份按 年/月/日 读取，晚于抓取日的生日读作 19xx 年（如 85/3/12 = 1985-03-12）/ two-digit years read as year/month/day; a birthday after the capture day is 19xx (85/3/12 = 1985-03-12)',
  noYearPast:
    '没有年份的日期取抓取日当天或之前最近的一天 / dates without a year taken as the nearest such day on or before the capture day',
  noYearFuture:
    '没有年份的日期取抓取日当天或之后最近的一天 / dates without a year taken as the nearest such day on or after the capture day',
  noYearNearest:
    '没有年份的日期取离抓取日最近的一天 / dates without a year taken as the such day nearest the capture day',
  relative: '“今天、昨天、3天前”等按抓取日计算 / 今天, 昨天, 3天前 … counted from the capture day',
  masked:
    '系统遮挡了手机号，按显示的样子保存，不用来识别客户 / the portal masks mobiles: kept as shown, never used to identify a customer',
};

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const okAssumed = <T>(value: T, assumed: Assumption): ParseResult<T> => ({ ok: true, value, assumed });
const fail = (reason: string): ParseResult<never> => ({ ok: false, reason });

export const REASONS = {
  empty: '空值 / empty',
  date: '不是有效的日期 / not a valid date',
  calendar: '日历上不存在这一天 / not a real calendar date',
  dateRange: '年份超出合理范围 (1900-2100) / year out of range (1900-2100)',
  noYear: '缺少年份，无法确定日期 / year missing, the date is ambiguous',
  birthdayNoYear: '生日缺少出生年份，保留原文 / birthday without a year of birth: kept as text',
  relative: '相对日期（今天、昨天…）需要抓取日 / a relative date (today, yesterday…) needs the capture day',
  noDay: '缺少日，无法确定日期 / day missing, the date is ambiguous',
  dayFirst: '日/月/年顺序有歧义 / day-month-year order is ambiguous',
  time: '不是有效的时间 / not a valid time',
  money: '不是有效的金额 / not a valid amount of money',
  mileage: '不是有效的里程 / not a valid mileage',
  negativeMileage: '里程不能为负 / mileage cannot be negative',
  count: '不是有效的次数 / not a valid count',
  phone: '不是有效的手机号 / not a valid mobile number',
  landline: '是座机号码，不是手机号 / a landline number, not a mobile number',
  id: '不是有效的身份证号 / not a valid ID number',
  idMasked: '身份证号已被系统遮挡 / ID number is masked by the portal',
  idOld: '15位旧身份证号无法校验，请使用18位号码 / old 15-digit ID number cannot be validated, use the 18-digit number',
  idChecksum: '身份证号校验位错误 / ID number check digit is wrong',
  idBirth: '身份证号中的出生日期无效 / the birth date inside the ID number is not valid',
  idRegion: '身份证号地区码无效 / the region code of the ID number is not valid',
  vin: '不是有效的车架号 (17位) / not a valid VIN (17 characters)',
  vinMasked: '车架号已被系统遮挡 / VIN is masked by the portal',
  vinLetters: '车架号不能含 I、O、Q / a VIN never contains I, O or Q',
  vinNoLetter: '车架号应含字母 / a VIN contains letters',
  stage: '无法识别的客户阶段 / unknown customer stage',
  gender: '无法识别的性别 / unknown gender',
  vehicleUse: '无法识别的车辆用途 / unknown vehicle use',
} as const;

// ---------------------------------------------------------------------------
// Text cleaning

const WIDE = /[\uFF01-\uFF5E\u3000\u00A0\u200B-\u200D\uFEFF\u2212\uFFE5]/;
const WIDE_ALL = /[\uFF01-\uFF5E\u3000\u00A0\u200B-\u200D\uFEFF\u2212\uFFE5]/g;

function narrowChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0) return ' ';
  if (code === 0x2212) return '-';
  if (code === 0xffe5) return '¥';
  return ''; // zero-width characters copied along with portal text
}

/** Full-width digits, letters and punctuation to ASCII, zero-width characters removed, trimmed. */
export function cleanText(raw: string): string {
  const s = WIDE.test(raw) ? raw.replace(WIDE_ALL, narrowChar) : raw;
  return s.trim();
}

// ---------------------------------------------------------------------------
// Dates

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Why a year, month and day are not a usable date, or undefined when they are. */
function dateProblem(y: number, m: number, d: number): string | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR) return REASONS.dateRange;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return REASONS.calendar;
  return undefined;
}

/** Validates a calendar date and formats it as 'YYYY-MM-DD'; a reason when it is not real. */
function ymd(y: number, m: number, d: number): ParseResult<string> {
  const problem = dateProblem(y, m, d);
  return problem ? fail(problem) : ok(y + '-' + pad2(m) + '-' + pad2(d));
}

// The date part in its common shapes; whatever follows is the time part.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/; // fast path: most portals
const SEP_DATE = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:(?:\s+|T)(.*))?$/;
const CN_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(.*)$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?:[\sT]?(\d{2})(\d{2})(\d{2})?)?$/;
const EXCEL_SERIAL = /^\d{5}$/;
// Ambiguous shapes refused with their own reason.
const DAY_FIRST = /^\d{1,2}\s*([-/.])\s*\d{1,2}\s*\1\s*\d{4}(?:\s|T|$)/;
const NO_DAY = /^\d{4}\s*(?:[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月?)$/;
// Time of day: 14:30, 14:30:00, 14:30:00.000, 9:05, 14时30分, 下午 2:30, 2:30 PM, +08:00.
const TIME =
  /^(上午|早上|凌晨|中午|下午|晚上|am|pm)?\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*分?\s*(?::?\s*(\d{1,2})\s*秒?(?:\.\d{1,9})?)?\s*(am|pm)?\s*(?:\+08:?00)?$/i;
// A weekday after the date, as some portals print it: 2026-03-05 星期四 / (周四).
const WEEKDAY = /^[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天][)）]?\s*/;

// Excel serials read as dates only inside these (EXCEL_EPOCH_OFFSET of lib/calendar is 1970-01-01).
const EXCEL_MIN = 20000; // 1954-10-03
const EXCEL_MAX = 80000; // 2119-01-10

function withTime(date: string, h: number, min: number, s: number): ParseResult<string> {
  if (h > 23 || min > 59 || s > 59) return fail(REASONS.time);
  // Java-backed DMS print date-only values as "yyyy-MM-dd 00:00:00"; midnight
  // is read as a date so birthdays and purchase dates stay dates.
  if (h === 0 && min === 0 && s === 0) return ok(date);
  return ok(date + 'T' + pad2(h) + ':' + pad2(min));
}

function applyTime(date: ParseResult<string>, rest: string | undefined): ParseResult<string> {
  if (!date.ok) return date;
  let t = rest ? rest.trim() : '';
  if (t && WEEKDAY.test(t)) t = t.replace(WEEKDAY, '');
  if (!t) return date;
  const m = TIME.exec(t);
  if (!m) return fail(REASONS.time);
  let h = Number(m[2]);
  const marker = (m[1] ?? m[5] ?? '').toLowerCase();
  if (marker === 'pm' || marker === '下午' || marker === '晚上') {
    if (h > 12) return fail(REASONS.time);
    if (h < 12) h += 12;
  } else if (marker === 'am' || marker === '上午' || marker === '早上' || marker === '凌晨') {
    if (h > 12) return fail(REASONS.time);
    if (h === 12) h = 0;
  }
  return withTime(date.value, h, Number(m[3]), m[4] ? Number(m[4]) : 0);
}

/**
 * Which way a field's dates without a year are read: the events it holds lie
 * on or before the capture (最近跟进, 到店, 购车), on or after it (预计购车),
 * either side (a first-service due day), or it is a birthday, whose year is
 * the year of birth and cannot be guessed.
 */
export type DateDirection = 'past' | 'future' | 'nearest' | 'birthday';

export interface DateContext {
  /** The capture's local wall time 'YYYY-MM-DDTHH:mm': 今天, 3天前 and dates without a year count from it. */
  capturedAt?: string | undefined;
  direction?: DateDirection | undefined;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/** The capture's day (days since 1970-01-01) and minute of the day, or undefined without one. */
function captureMoment(ctx: DateContext | undefined): { day: number; minute: number } | undefined {
  const m = ctx?.capturedAt ? WALL.exec(ctx.capturedAt) : null;
  if (!m) return undefined;
  return {
    day: daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])),
    minute: m[4] ? Number(m[4]) * 60 + Number(m[5]) : 0,
  };
}

/** Minutes since 1970-01-01 00:00 (local wall time) as 'YYYY-MM-DDTHH:mm'. */
function wallText(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const rest = minutes - day * 1440;
  return isoOfDay(day) + 'T' + pad2(Math.floor(rest / 60)) + ':' + pad2(rest % 60);
}

// Two-digit years in year-month-day order (26/2/19, 26-02-19, 26.2.19, 26年2月19日): 20yy on a Chinese portal.
const YY_DATE = /^(\d{2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:(?:\s+|T)(.*))?$/;
const YY_CN_DATE = /^(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(.*)$/;
// Month and day without a year: 4月1日, 12-05, 12/05, with a time after it or not.
const MD_CN = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(.*)$/;
const MD_SEP = /^(\d{1,2})\s*[-/]\s*(\d{1,2})(?:\s+(.*))?$/;
// Days named from the capture day: 今天 15:21, 昨天, 前天, 明天, 后天, 3天前, 2天后.
const RELATIVE_DAY: Record<string, number> = {
  今天: 0,
  今日: 0,
  昨天: -1,
  昨日: -1,
  前天: -2,
  大前天: -3,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
};
const NAMED_DAY = /^(今天|今日|昨天|昨日|大前天|前天|明天|明日|大后天|后天)\s*(.*)$/;
const DAYS_AWAY = /^(\d{1,4})\s*(?:天|日)\s*(前|以前|之前|后|以后|之后)$/;
const MINUTES_AGO = /^(?:(\d{1,4})\s*(秒|秒钟|分|分钟|小时|个小时)|(半)\s*(?:个)?\s*小时)\s*(?:前|以前|之前)$/;
const JUST_NOW = /^(?:刚刚|刚才|刚)$/;

/** A two-digit year read as 20yy, or 19yy for a birthday that would otherwise lie after the capture day. */
function twoDigitYear(
  yy: number,
  m: number,
  d: number,
  rest: string | undefined,
  ctx: DateContext | undefined,
): ParseResult<string> {
  let year = 2000 + yy;
  let assumed: Assumption = 'yymmdd';
  const at = captureMoment(ctx);
  if (ctx?.direction === 'birthday' && at && !dateProblem(year, m, d) && daysFromCivil(year, m, d) > at.day) {
    year -= 100;
    assumed = 'yymmdd19';
  }
  const r = applyTime(ymd(year, m, d), rest);
  return r.ok ? okAssumed(r.value, assumed) : r;
}

/** The year a month and day without one stand for: the nearest such day before, after or around the capture day. */
function withoutYear(
  m: number,
  d: number,
  rest: string | undefined,
  ctx: DateContext | undefined,
): ParseResult<string> {
  if (m < 1 || m > 12 || d < 1 || d > 31) return fail(REASONS.date);
  if (ctx?.direction === 'birthday') return fail(REASONS.birthdayNoYear);
  const at = captureMoment(ctx);
  if (!at) return fail(REASONS.noYear);
  const [year] = civilFromDays(at.day);
  // The candidates around the capture year that exist (29 February only in leap years).
  const candidates: number[] = [];
  for (let y = year - 8; y <= year + 8; y++) if (!dateProblem(y, m, d)) candidates.push(daysFromCivil(y, m, d));
  if (candidates.length === 0) return fail(REASONS.calendar);
  const direction = ctx?.direction ?? 'nearest';
  let day: number | undefined;
  let assumed: Assumption;
  if (direction === 'past') {
    for (const c of candidates) if (c <= at.day) day = c;
    assumed = 'noYearPast';
  } else if (direction === 'future') {
    day = candidates.find((c) => c >= at.day);
    assumed = 'noYearFuture';
  } else {
    for (const c of candidates) if (day === undefined || Math.abs(c - at.day) < Math.abs(day - at.day)) day = c;
    assumed = 'noYearNearest';
  }
  if (day === undefined) return fail(REASONS.noYear);
  const r = applyTime(ok(isoOfDay(day)), rest);
  return r.ok ? okAssumed(r.value, assumed) : r;
}

/** 今天 15:21, 昨天, 3天前, 刚刚, 5分钟前, 2小时前 … counted from the capture; undefined when the text is none of these. */
function relativeDate(s: string, ctx: DateContext | undefined): ParseResult<string> | undefined {
  let m = NAMED_DAY.exec(s);
  let offset: number | undefined;
  let rest: string | undefined;
  if (m) {
    offset = RELATIVE_DAY[m[1]!]!;
    rest = m[2];
  } else if ((m = DAYS_AWAY.exec(s))) {
    offset = Number(m[1]) * (m[2]!.endsWith('前') ? -1 : 1);
  }
  const ago = offset === undefined ? MINUTES_AGO.exec(s) : null;
  const justNow = offset === undefined && !ago && JUST_NOW.test(s);
  if (offset === undefined && !ago && !justNow) return undefined;
  const at = captureMoment(ctx);
  if (!at) return fail(REASONS.relative);
  if (offset !== undefined) {
    const r = applyTime(ok(isoOfDay(at.day + offset)), rest);
    return r.ok ? okAssumed(r.value, 'relative') : r;
  }
  let minutes = 0;
  if (ago) {
    const unit = ago[2] ?? '';
    minutes = ago[3] ? 30 : unit.startsWith('秒') ? 0 : unit.includes('小时') ? Number(ago[1]) * 60 : Number(ago[1]);
  }
  return okAssumed(wallText(at.day * 1440 + at.minute - minutes), 'relative');
}

/**
 * A date as 'YYYY-MM-DD', or a local wall time as 'YYYY-MM-DDTHH:mm' (seconds
 * dropped). With the capture's context it also reads what portals print
 * relative to the day they are read: dates without a year (per the field's
 * direction) and 今天 / 昨天 / 3天前; two-digit years are 20yy, y/m/d.
 */
export function parseDate(raw: string, ctx?: DateContext): ParseResult<string> {
  const s = cleanText(raw);
  if (!s) return fail(REASONS.empty);
  let m = ISO_DATE.exec(s);
  if (m) {
    // Already canonical: hand back the text itself rather than rebuild it.
    const problem = dateProblem(Number(m[1]), Number(m[2]), Number(m[3]));
    return problem ? fail(problem) : ok(s);
  }
  m = SEP_DATE.exec(s);
  if (m) return applyTime(ymd(Number(m[1]), Number(m[3]), Number(m[4])), m[5]);
  m = CN_DATE.exec(s);
  if (m) return applyTime(ymd(Number(m[1]), Number(m[2]), Number(m[3])), m[4]);
  m = COMPACT_DATE.exec(s);
  if (m) {
    const date = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date.ok || m[4] === undefined) return date;
    return withTime(date.value, Number(m[4]), Number(m[5]), m[6] ? Number(m[6]) : 0);
  }
  if (EXCEL_SERIAL.test(s)) {
    // Spreadsheets exported to HTML or read raw show dates as serial numbers.
    const serial = Number(s);
    if (serial < EXCEL_MIN || serial > EXCEL_MAX) return fail(REASONS.date);
    const [y, mo, d] = civilFromDays(serial - EXCEL_EPOCH_OFFSET);
    return ymd(y, mo, d);
  }
  m = YY_DATE.exec(s);
  if (m) return twoDigitYear(Number(m[1]), Number(m[3]), Number(m[4]), m[5], ctx);
  m = YY_CN_DATE.exec(s);
  if (m) return twoDigitYear(Number(m[1]), Number(m[2]), Number(m[3]), m[4], ctx);
  if (DAY_FIRST.test(s)) return fail(REASONS.dayFirst);
  m = MD_CN.exec(s) ?? MD_SEP.exec(s);
  if (m) return withoutYear(Number(m[1]), Number(m[2]), m[3], ctx);
  const relative = relativeDate(s, ctx);
  if (relative) return relative;
  if (NO_DAY.test(s)) return fail(REASONS.noDay);
  return fail(REASONS.date);
}

// ---------------------------------------------------------------------------
// Numbers: money, mileage, counts

const GROUPING = /[\s,，']/g;
const MONEY = /^([-+])?(¥|rmb|cny|人民币)?([-+])?(\d+(?:\.\d+)?|\.\d+)(万|千)?(元|块|rmb|cny|人民币)?整?$/i;
const MILEAGE = /^([-+])?(\d+(?:\.\d+)?|\.\d+)(万|千)?(km|kms|公里|千米)?$/i;
const COUNT = /^(\d+)(?:次|个|人|位|辆|场|件|条|回)?$/;

const round2 = (n: number): number => Math.round(n * 100) / 100;

interface Amount {
  value: number;
  /** The text carried its own unit (万, 元, km...), so the header's unit must not scale it. */
  ownUnit: boolean;
}

function moneyAmount(raw: string): Amount | undefined {
  const s = cleanText(raw).replace(GROUPING, '');
  const m = MONEY.exec(s);
  if (!m || (m[1] && m[3])) return undefined;
  const sign = m[1] === '-' || m[3] === '-' ? -1 : 1;
  const factor = m[5] === '万' ? 10000 : m[5] === '千' ? 1000 : 1;
  return { value: round2(sign * Number(m[4]) * factor), ownUnit: !!(m[2] || m[5] || m[6]) };
}

function mileageAmount(raw: string): Amount | 'negative' | undefined {
  const s = cleanText(raw).replace(GROUPING, '');
  const m = MILEAGE.exec(s);
  if (!m) return undefined;
  const factor = m[3] === '万' ? 10000 : m[3] === '千' ? 1000 : 1;
  const value = round2(Number(m[2]) * factor);
  if (m[1] === '-' && value !== 0) return 'negative';
  return { value, ownUnit: !!(m[3] || m[4]) };
}

/** Yuan: ¥8,560.00, 8560元, 1.2万 (12000), ￥ 3,000, RMB 500, -200. */
export function parseMoney(raw: string): ParseResult<number> {
  return parseMoneyIn(raw, 1);
}

/** Money in a column whose header states a unit (累计消费(万元)): bare numbers are scaled. */
export function parseMoneyIn(raw: string, headerScale: number): ParseResult<number> {
  if (!raw.trim()) return fail(REASONS.empty);
  const a = moneyAmount(raw);
  if (!a) return fail(REASONS.money);
  return ok(a.ownUnit || headerScale === 1 ? a.value : round2(a.value * headerScale));
}

/** Kilometres: 12,345 km, 12345公里, 1.2万公里 (12000), 1.2万km, 12345. */
export function parseMileage(raw: string): ParseResult<number> {
  return parseMileageIn(raw, 1);
}

/** Mileage in a column whose header states a unit (年行驶里程(万公里)): bare numbers are scaled. */
export function parseMileageIn(raw: string, headerScale: number): ParseResult<number> {
  if (!raw.trim()) return fail(REASONS.empty);
  const a = mileageAmount(raw);
  if (a === 'negative') return fail(REASONS.negativeMileage);
  if (!a) return fail(REASONS.mileage);
  return ok(a.ownUnit || headerScale === 1 ? a.value : round2(a.value * headerScale));
}

/** A whole, non-negative count: 3, 3次, 1,024. */
export function parseCount(raw: string): ParseResult<number> {
  const s = cleanText(raw).replace(GROUPING, '');
  if (!s) return fail(REASONS.empty);
  const m = COUNT.exec(s);
  if (!m) return fail(REASONS.count);
  return ok(Number(m[1]));
}

// ---------------------------------------------------------------------------
// Mobile numbers

const MOBILE = /^1[3-9]\d{9}$/;
const PHONE_NOISE = /[\s\-().\u2010-\u2015]/g;
const COUNTRY_PREFIX = /^(?:\+|00)?86(?=1[\d*]{10}$)/;
const MASK = /[*＊×xX•●]/;
const MASK_ALL = /[*＊×xX•●]/g;
const MASKED_MOBILE = /^1[3-9][\d*]{9}$/;
const LANDLINE = /^(?:0\d{2,3}\d{7,8}|\d{7,8})(?:(?:转|ext|#)\d{1,6})?$/i;
const PHONE_SEPARATORS = /[/,，;；、|]|\s+/;
// The link a portal prints beside a masked mobile to reveal it (PIPL): 137****3736 [显示], 137****3736查看 …
const REVEAL_LINK =
  /\s*[[【(（<]?\s*(?:点击|点此)?\s*(?:显示|查看|解密|明文|显示号码|查看号码|显示全部|查看全部|查看完整号码|显示完整号码|show|view|reveal|unmask)\s*[\]】)）>]?\s*$/i;

function mobileOf(s: string): ParseResult<string> {
  const digits = s.replace(PHONE_NOISE, '').replace(COUNTRY_PREFIX, '');
  if (MOBILE.test(digits)) return ok(digits);
  if (MASK.test(digits)) {
    // Kept as shown, with one mask character: it is what staff see, never an identity (lib/db identity).
    const masked = digits.replace(MASK_ALL, '*').replace(COUNTRY_PREFIX, '');
    if (MASKED_MOBILE.test(masked)) return okAssumed(masked, 'masked');
  }
  if (LANDLINE.test(digits)) return fail(REASONS.landline);
  return fail(REASONS.phone);
}

/**
 * An 11-digit mainland mobile: spaces, dashes, +86 / 86- / (+86) and
 * full-width digits allowed. A mobile the portal masks (137****3736, with or
 * without its 显示 / 查看 link) is kept as shown, marked `assumed: 'masked'`.
 */
export function parsePhone(raw: string): ParseResult<string> {
  if (raw.length === 11 && MOBILE.test(raw)) return ok(raw); // the common case, no copy
  let s = cleanText(raw);
  if (!s) return fail(REASONS.empty);
  if (MASK.test(s) && REVEAL_LINK.test(s)) s = s.replace(REVEAL_LINK, '');
  const whole = mobileOf(s);
  if (whole.ok || !PHONE_SEPARATORS.test(s)) return whole;
  // "13800138000 / 0752-1234567": cells that list several numbers give the first mobile, a whole one before a masked one.
  let masked: ParseResult<string> | undefined;
  for (const part of s.split(PHONE_SEPARATORS)) {
    const r = part.trim() ? mobileOf(part.trim()) : undefined;
    if (r?.ok && !r.assumed) return r;
    if (r?.ok) masked ??= r;
  }
  return masked ?? whole;
}

/** True for a mobile the portal has masked (138****1234, 137****3736 [显示]). */
export function isMaskedMobile(raw: string): boolean {
  const r = parsePhone(raw);
  return r.ok && r.assumed === 'masked';
}

/** True for a stored or parsed mobile that is masked: shown to staff, never an identity. */
export function isMaskedValue(value: unknown): boolean {
  return typeof value === 'string' && value.includes('*');
}

// ---------------------------------------------------------------------------
// Resident ID numbers (GB 11643-1999)

const ID18 = /^\d{17}[\dX]$/;
const ID15 = /^\d{15}$/;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const ID_NOISE = /[\s-]/g;

/** The number written by `length` ASCII digits of s from `start`. */
function digitsAt(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
function idCheckChar(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** An 18-digit resident ID: check digit and birth date validated, upper-case X, kept as text. */
export function parseIdNumber(raw: string): ParseResult<string> {
  let s = cleanText(raw).replace(ID_NOISE, '');
  if (s.charCodeAt(s.length - 1) === 120 /* x */) s = s.slice(0, -1) + 'X';
  if (!s) return fail(REASONS.empty);
  if (ID15.test(s)) return fail(REASONS.idOld);
  if (!ID18.test(s)) return fail(s.length === 18 && MASK.test(s) ? REASONS.idMasked : REASONS.id);
  // Province codes run 11 (Beijing) to 82 (Macau); 9x and 0x do not exist.
  const province = Number(s.slice(0, 2));
  if (province < 11 || province > 82) return fail(REASONS.idRegion);
  if (dateProblem(digitsAt(s, 6, 4), digitsAt(s, 10, 2), digitsAt(s, 12, 2))) return fail(REASONS.idBirth);
  if (idCheckChar(s) !== s[17]) return fail(REASONS.idChecksum);
  return ok(s);
}

// ---------------------------------------------------------------------------
// VIN (GB 16735 / ISO 3779)

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const VIN_ANY = /^[A-Z0-9]{17}$/;
const VIN_NOISE = /[\s\-_·.]/g;
const HAS_LETTER = /[A-Z]/;

/** 17 characters, no I/O/Q, upper case. The check digit is not required: Chinese VINs often do not use it. */
export function parseVin(raw: string): ParseResult<string> {
  if (raw.length === 17 && VIN.test(raw) && HAS_LETTER.test(raw)) return ok(raw); // the common case, no copy
  const s = cleanText(raw).replace(VIN_NOISE, '').toUpperCase();
  if (!s) return fail(REASONS.empty);
  if (VIN.test(s)) return HAS_LETTER.test(s) ? ok(s) : fail(REASONS.vinNoLetter);
  if (VIN_ANY.test(s)) return fail(REASONS.vinLetters);
  if (s.length === 17 && s.includes('*')) return fail(REASONS.vinMasked);
  return fail(REASONS.vin);
}

// ---------------------------------------------------------------------------
// Plates (GA 36): a province character, a letter, then 5 characters, or 6 for
// new-energy plates (粤AD12345). The middle dot is printed by many portals.

const PLATE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-HJ-NP-Z][·•.\s-]?(?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳领试超]|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])$/;

/** True for a mainland plate: 粤L·12345, 京A12345, new-energy 粤AD12345. */
export function isPlate(raw: string): boolean {
  return PLATE.test(cleanText(raw).toUpperCase());
}

// ---------------------------------------------------------------------------
// Enumerations: stage, gender, vehicle use

const ENUM_NOISE = /[\s()（）[\]【】\-_/]/g;

function normaliseWord(raw: string): string {
  return cleanText(raw).replace(ENUM_NOISE, '').toLowerCase();
}

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string[]][]) {
    for (const w of words) map.set(normaliseWord(w), value);
  }
  return map;
}

const MEMO_LIMIT = 512;

/**
 * A column of stages or genders repeats a handful of words over thousands of
 * rows: remember the result per raw text (bounded, results are immutable).
 */
function memoised<T>(parse: (raw: string) => ParseResult<T>): (raw: string) => ParseResult<T> {
  const memo = new Map<string, ParseResult<T>>();
  return (raw) => {
    let r = memo.get(raw);
    if (r === undefined) {
      r = Object.freeze(parse(raw)) as ParseResult<T>;
      if (memo.size < MEMO_LIMIT) memo.set(raw, r);
    }
    return r;
  };
}

// Stage words portals use (docs/grading.md#g09-stage-where-it-comes-from and Standard 1).
const STAGE_WORDS = table<Stage>({
  lead: [
    '潜客',
    '潜在客户',
    '潜在',
    '意向',
    '意向客户',
    '有望',
    '有望客户',
    '跟进中',
    '跟进',
    '待跟进',
    '线索',
    '新线索',
    '到店',
    '已到店',
    '试驾',
    '已试驾',
    '洽谈',
    '洽谈中',
    '再购',
    '回流',
    'lead',
    'leads',
    'prospect',
    'following',
    'open',
  ],
  ordered: [
    '订车',
    '已订车',
    '订单',
    '已下订',
    '下订',
    '已订单',
    '待交车',
    '未交车',
    '订金',
    '已付订金',
    'ordered',
    'order',
    'booked',
  ],
  delivered: ['交车', '已交车', '提车', '已提车', '交付', '已交付', 'delivered', 'delivery'],
  owner: [
    '保有',
    '保有客户',
    '车主',
    '已成交',
    '成交',
    '成交客户',
    '基盘',
    '基盘客户',
    '老客户',
    '已购车',
    'owner',
    'owners',
    'customer',
    'won',
    'closed won',
    'sold',
  ],
  defeated: [
    '战败',
    '流失',
    '流失销售',
    '已战败',
    '战败客户',
    '战败申请',
    '战败待审',
    '战败审核',
    '已流失',
    '他购',
    '他销',
    'defeated',
    'lost',
    'closed lost',
  ],
});
// Fallback on a keyword when the whole word is unknown (战败-价格高, 已订车待交付...),
// most decisive first so 已订车待交付 is ordered, not delivered.
const STAGE_KEYWORDS: [RegExp, Stage][] = [
  [/战败|流失/, 'defeated'],
  [/未交车|待交车|待交付|订/, 'ordered'],
  [/交车|提车|交付/, 'delivered'],
  [/保有|车主|成交|基盘/, 'owner'],
  [/潜|意向|有望|跟进|线索/, 'lead'],
];

export const parseStage = memoised(function parseStage(raw: string): ParseResult<Stage> {
  const w = normaliseWord(raw);
  if (!w) return fail(REASONS.empty);
  const exact = STAGE_WORDS.get(w);
  if (exact) return ok(exact);
  for (const [re, stage] of STAGE_KEYWORDS) if (re.test(w)) return ok(stage);
  return fail(REASONS.stage);
});

const GENDER_WORDS = table<Gender>({
  male: ['男', '男性', '男士', '先生', 'm', 'male', 'man', '♂'],
  female: ['女', '女性', '女士', '小姐', 'f', 'female', 'woman', '♀'],
});

export const parseGender = memoised(function parseGender(raw: string): ParseResult<Gender> {
  const w = normaliseWord(raw);
  if (!w) return fail(REASONS.empty);
  const g = GENDER_WORDS.get(w);
  return g ? ok(g) : fail(REASONS.gender);
});

// docs/grading.md#g6-after-sales-segments "By use": private, official, commercial.
const USE_WORDS = table<VehicleUse>({
  private: ['私家车', '非营运', '非营运车', '私用', '私人', '个人', '家用', '自用', '私车', 'private', 'personal'],
  official: [
    '公务车',
    '公车',
    '公务',
    '公用',
    '单位',
    '单位用车',
    '企业',
    '机关',
    '公司用车',
    'official',
    'company',
    'corporate',
  ],
  commercial: [
    '营运车',
    '营运',
    '出租',
    '出租车',
    '出租客运',
    '网约车',
    '租赁',
    '货运',
    '客运',
    '运输',
    '预约出租客运',
    'commercial',
    'taxi',
  ],
});

export const parseVehicleUse = memoised(function parseVehicleUse(raw: string): ParseResult<VehicleUse> {
  const w = normaliseWord(raw);
  if (!w) return fail(REASONS.empty);
  const u = USE_WORDS.get(w);
  return u ? ok(u) : fail(REASONS.vehicleUse);
});

// ---------------------------------------------------------------------------
// Dispatch by kind

export function parseText(raw: string): ParseResult<string> {
  const s = raw.trim();
  return s ? ok(s) : fail(REASONS.empty);
}

/**
 * Which way each date field looks from the day it is read (DateDirection):
 * visits, contacts, purchases and services have happened; an expected
 * purchase lies ahead; a first-service due day may lie either side.
 */
export const DATE_DIRECTIONS: Partial<Record<FieldName, DateDirection>> = {
  birthday: 'birthday',
  firstVisitAt: 'past',
  lastContactAt: 'past',
  purchasedAt: 'past',
  deliveredAt: 'past',
  lastServiceAt: 'past',
  expectedPurchaseAt: 'future',
  firstServiceDueAt: 'nearest',
};

/** What parsing a table needs beyond its cells: the capture's local wall time 'YYYY-MM-DDTHH:mm'. */
export interface ParseContext {
  capturedAt?: string | undefined;
}

/** Parses a cell for a canonical field according to FIELDS[field].kind. */
export function parseField(field: FieldName, raw: string, ctx?: ParseContext): ParseResult<unknown> {
  return parserFor(field, 1, ctx)(raw);
}

/**
 * The parser of a field as a reusable function, so a column looks it up once
 * rather than per cell. headerScale is the unit multiplier its header states
 * (10000 for 万元 / 万公里), applied to bare numbers only; ctx carries the
 * capture's time, which relative dates and dates without a year count from.
 */
export function parserFor(
  field: FieldName,
  headerScale: number,
  ctx?: ParseContext,
): (raw: string) => ParseResult<unknown> {
  switch (FIELDS[field].kind) {
    case 'text':
      return parseText;
    case 'phone':
      return parsePhone;
    case 'idNumber':
      return parseIdNumber;
    case 'date': {
      const dateCtx: DateContext = { capturedAt: ctx?.capturedAt, direction: DATE_DIRECTIONS[field] };
      return (raw) => parseDate(raw, dateCtx);
    }
    case 'money':
      return headerScale === 1 ? parseMoney : (raw) => parseMoneyIn(raw, headerScale);
    case 'mileage':
      return headerScale === 1 ? parseMileage : (raw) => parseMileageIn(raw, headerScale);
    case 'int':
      return parseCount;
    case 'stage':
      return parseStage;
    case 'gender':
      return parseGender;
    case 'vehicleUse':
      return parseVehicleUse;
    case 'vin':
      return parseVin;
  }
}
