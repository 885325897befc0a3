// Reminders (docs/workbench.md#reminders) as plain rules: when the morning
// notification fires, what it says, and whether a customer counts on the
// toolbar badge today. The store's side is lib/db/reminders.ts; the browser's
// (badge, alarm, notification) is lib/extension.
import { pick, type Bilingual, type Locale } from '../i18n';
import { localDateOf, localInstant, todayOf } from '../calendar';

/** The next local instant at wall time `time` ('HH:mm') after `now`: today's when still ahead, else tomorrow's. */
export function nextMorning(now: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const today = localInstant(todayOf(now), h, m);
  return today.getTime() > now.getTime() ? today : localInstant(todayOf(now) + 1, h, m);
}

/** Whether a customer counts on the badge today: due or overdue by their stored grades. */
export function countsToday(grades: { nextDueAt?: string } | undefined, now: Date): boolean {
  return grades?.nextDueAt !== undefined && grades.nextDueAt <= localDateOf(now);
}

/** The badge's text for a count: empty at zero, capped at four digits. */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 9999 ? '9999+' : String(count);
}

const MORNING_TEXT = {
  title: { zh: 'DealerLens 今日待跟进', en: 'DealerLens: follow-ups due today' },
  body: {
    zh: '今天有 {due} 位客户待跟进, 其中 {overdue} 位已逾期。点击打开今日待跟进。',
    en: '{due} customers to follow up today, {overdue} of them overdue. Click to open them.',
  },
} satisfies Record<string, Bilingual>;

export interface Notice {
  title: string;
  message: string;
}

/** The morning notification for today's counts, or null when nothing is due (no notification then). */
export function morningNotice(counts: { due: number; overdue: number }, locale: Locale): Notice | null {
  const due = counts.due + counts.overdue;
  if (due === 0) return null;
  return {
    title: pick(MORNING_TEXT.title, locale),
    message: pick(MORNING_TEXT.body, locale, { due, overdue: counts.overdue }),
  };
}
