// A row's badge and the page's summary (docs/architecture.md#the-lib-folders,
// lib/overlay): pure, with the time passed in, so the content script and the
// tests draw the same words.
import type { Bilingual } from '../i18n';
import type { Badge, OverlayEntry, PageSummary } from './types';

/** First service within this many days (today included) earns a 首保提醒, as the workbench's view counts it. */
const FIRST_SERVICE_DAYS = 7;
const NOT_GRADED = new Set(['insufficient', 'n/a']);

/** The user's calendar day of `now` (the browser's zone), as YYYY-MM-DD. */
export function localDay(now: Date): string {
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${m}-${d}`;
}

const dayPart = (value: string | undefined): string | undefined =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  const utc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export const NOT_CAPTURED: Bilingual = { zh: '未采集', en: 'Not captured' };
const NOT_CAPTURED_REASON: Bilingual = {
  zh: 'DealerLens 还没有采集这一行，下次采集时存入',
  en: 'DealerLens has not captured this row yet: the next capture stores it',
};

function letterOf(entry: OverlayEntry): Bilingual | null {
  if (entry.intent && !NOT_GRADED.has(entry.intent)) return { zh: entry.intent, en: entry.intent };
  if (entry.defeated === 'defeated') return { zh: '战败', en: 'Lost' };
  return null;
}

interface DueWords {
  tone: Badge['tone'];
  state: Bilingual | null;
  reasons: Bilingual[];
}

function dueWords(entry: OverlayEntry, today: string): DueWords {
  const reasons: Bilingual[] = [];
  let tone: Badge['tone'] = 'plain';
  let state: Bilingual | null = null;
  const due = dayPart(entry.nextDueAt);
  if (due) {
    const late = daysBetween(due, today);
    if (late > 0) {
      tone = 'overdue';
      state = { zh: `逾期${late}天`, en: `${late}d overdue` };
      reasons.push({ zh: `应跟进日 ${due}，已逾期${late}天`, en: `Follow-up was due ${due}: ${late} days overdue` });
    } else if (late === 0) {
      tone = 'due';
      state = { zh: '今天', en: 'today' };
      reasons.push({ zh: `今天应跟进 (${due})`, en: `Follow-up due today (${due})` });
    } else {
      reasons.push({ zh: `下次跟进 ${due}`, en: `Next follow-up ${due}` });
    }
  }
  const firstService = dayPart(entry.firstServiceDueAt);
  if (firstService) {
    const ahead = daysBetween(today, firstService);
    if (ahead >= 0 && ahead < FIRST_SERVICE_DAYS) {
      if (!state) {
        tone = 'notice';
        state = { zh: '首保提醒', en: 'first service' };
      }
      reasons.push({ zh: `首保日期 ${firstService}`, en: `First service due ${firstService}` });
    }
  }
  if (entry.churn) {
    if (!state) {
      tone = 'notice';
      state = entry.churn;
    }
    reasons.push({ zh: `售后流失：${entry.churn.zh}`, en: `Service churn: ${entry.churn.en}` });
  }
  if (entry.missingData && !state) {
    tone = 'notice';
    state = { zh: '资料不全', en: 'missing data' };
  }
  return { tone, state, reasons };
}

/** The badge of one row: its customer's entry, or null when the row was not captured. */
export function badgeOf(entry: OverlayEntry | null | undefined, now: Date): Badge {
  if (!entry) return { text: NOT_CAPTURED, tone: 'uncaptured', reasons: [NOT_CAPTURED_REASON], customerId: null };
  const today = localDay(now);
  const letter = letterOf(entry);
  const { tone, state, reasons } = dueWords(entry, today);
  const lines: Bilingual[] = [];
  if (entry.intent && !NOT_GRADED.has(entry.intent))
    lines.push({ zh: `意向级别 ${entry.intent}`, en: `Intent grade ${entry.intent}` });
  if (entry.defeated === 'defeated')
    lines.push({
      zh: `战败${entry.defeatedDetail ? `：${entry.defeatedDetail}` : ''}`,
      en: `Lost lead${entry.defeatedDetail ? `: ${entry.defeatedDetail}` : ''}`,
    });
  lines.push(...reasons, ...(entry.flags ?? []));
  if (lines.length === 0) lines.push({ zh: '暂无级别或待跟进', en: 'No grade or follow-up yet' });
  const parts = [letter, state].filter((p): p is Bilingual => p !== null);
  const text =
    parts.length > 0
      ? { zh: parts.map((p) => p.zh).join(' · '), en: parts.map((p) => p.en).join(' · ') }
      : { zh: '已采集', en: 'Captured' };
  return { text, tone, reasons: lines, customerId: entry.id };
}

/**
 * Every row's badge and the page's summary. `entries[i]` is row i's customer
 * (null when the row holds no key or no customer has it).
 */
export function overlayPage(
  entries: readonly (OverlayEntry | null | undefined)[],
  now: Date,
): { badges: Badge[]; summary: PageSummary } {
  const badges = entries.map((e) => badgeOf(e, now));
  return { badges, summary: summaryOf(badges) };
}

/** The page's summary of its rows' badges: overdue, due today and not captured, each customer once. */
export function summaryOf(badges: readonly Badge[]): PageSummary {
  const summary: PageSummary = { rows: badges.length, overdue: 0, dueToday: 0, notCaptured: 0, customerIds: [] };
  const seen = new Set<string>();
  for (const badge of badges) {
    if (badge.customerId === null) {
      summary.notCaptured++;
      continue;
    }
    // One customer on two rows of the page is counted once.
    if (seen.has(badge.customerId)) continue;
    seen.add(badge.customerId);
    summary.customerIds.push(badge.customerId);
    if (badge.tone === 'overdue') summary.overdue++;
    else if (badge.tone === 'due') summary.dueToday++;
  }
  return summary;
}

/**
 * The page's summary straight from its rows' entries, as `summaryOf` gives it
 * from their badges: only the badges of rows near the viewport are drawn on a
 * long page, and overdue or due today is the follow-up date's alone.
 */
export function summaryOfEntries(entries: readonly (OverlayEntry | null | undefined)[], now: Date): PageSummary {
  const summary: PageSummary = { rows: entries.length, overdue: 0, dueToday: 0, notCaptured: 0, customerIds: [] };
  const today = localDay(now);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!entry) {
      summary.notCaptured++;
      continue;
    }
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    summary.customerIds.push(entry.id);
    const due = dayPart(entry.nextDueAt);
    const late = due ? daysBetween(due, today) : -1;
    if (late > 0) summary.overdue++;
    else if (late === 0) summary.dueToday++;
  }
  return summary;
}

/**
 * A badge's text split for its compact form: the grade ("H", "战败"), else
 * its first character ("未" of 未采集), then the rest (" · 逾期2天"). The two
 * parts joined are the text, so the badge reads whole however it is drawn.
 */
export function badgeParts(text: string): { head: string; rest: string } {
  const cut = text.indexOf(' · ');
  if (cut > 0) return { head: text.slice(0, cut), rest: text.slice(cut) };
  const chars = Array.from(text);
  return chars.length <= 2 ? { head: text, rest: '' } : { head: chars[0]!, rest: chars.slice(1).join('') };
}

/**
 * A text's width in em, over-estimated a little (a badge that does not fit
 * is drawn compact, never cut): Chinese and full-width characters 1 em,
 * capitals 0.75, digits and small letters 0.62, spaces and dots 0.35. Read
 * per character, so the overlay measures a badge without a layout.
 */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x2e80 || (c >= 0x1100 && c <= 0x11ff)) em += 1;
    else if (ch === ' ' || ch === '\u00b7' || ch === '.' || ch === ',') em += 0.35;
    else if (ch >= 'A' && ch <= 'Z') em += 0.75;
    else em += 0.62;
  }
  return em * 1.08;
}

/** Customers the summary bar's link names at most: a page shown "all" keeps its address short. */
export const PAGE_LINK_MAX = 200;

/** The workbench address of a page's customers: its temporary view 本页客户 (?view=page&customers=…). */
export function pageViewQuery(customerIds: readonly string[]): string {
  const ids = customerIds.slice(0, PAGE_LINK_MAX).map(encodeURIComponent).join(',');
  return `view=page&customers=${ids}`;
}
