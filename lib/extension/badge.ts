// Reminders (docs/workbench.md#reminders): the toolbar badge counts the follow-ups due today,
// overdue included, recomputed after every change and at local midnight; an
// optional morning notification lists the count and opens 今日待跟进. The one
// place that calls browser.action, the reminder alarm and notifications.
import { browser } from 'wxt/browser';
import { countDue, type DealerLensDB } from '../db';
import { localDateOf } from '../followup';
import { pick, type Bilingual, type Locale } from '../i18n';

/** Settings row (db.settings) of the morning notification. */
export const MORNING_REMINDER_KEY = 'reminders.morning';
export const MORNING_ALARM = 'dealerlens:morning-reminder';
const MORNING_NOTIFICATION = 'dealerlens:morning';

export interface MorningReminder {
  /** Off by default (docs/workbench.md#reminders). */
  enabled: boolean;
  /** Local wall time 'HH:mm'. */
  time: string;
}

export const MORNING_REMINDER_DEFAULT: MorningReminder = { enabled: false, time: '08:30' };

const BADGE_COLOR = '#d4380d';
/** Chrome refuses a notification without an icon; the build ships none, so a plain square in the badge colour. */
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAMElEQVR42u3OIQEAAAgDMArQh/4Z6AMxbibmVzt9SSUgICAgICAgICAgICAgIJAOPFknYHn1rAUSAAAAAElFTkSuQmCC';

const NOTIFICATION_TEXT = {
  title: { zh: 'DealerLens 今日待跟进', en: 'DealerLens: follow-ups due today' },
  body: {
    zh: '今天有 {due} 位客户待跟进, 其中 {overdue} 位已逾期。点击打开今日待跟进。',
    en: '{due} customers to follow up today, {overdue} of them overdue. Click to open them.',
  },
} satisfies Record<string, Bilingual>;

export async function readMorningReminder(db: DealerLensDB): Promise<MorningReminder> {
  const value = (await db.settings.get(MORNING_REMINDER_KEY))?.value as Partial<MorningReminder> | undefined;
  const time =
    typeof value?.time === 'string' && /^\d{2}:\d{2}$/.test(value.time) ? value.time : MORNING_REMINDER_DEFAULT.time;
  return { enabled: value?.enabled === true, time };
}

export async function saveMorningReminder(db: DealerLensDB, reminder: MorningReminder): Promise<void> {
  await db.settings.put({ key: MORNING_REMINDER_KEY, value: reminder });
}

/** The next local instant at wall time `time` ('HH:mm') after `now`: today's when still ahead, else tomorrow's. */
export function nextMorning(now: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m, 0, 0);
  return today.getTime() > now.getTime()
    ? today
    : new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, h, m, 0, 0);
}

/**
 * The last full count, by day. Counting is a range count on the
 * 'grades.nextDueAt' index, which Chromium walks entry by entry (~1 s for
 * 50,000 due customers): too slow for "logging a follow-up to the updated
 * badge count: under 100 ms" (docs/architecture.md#performance-budgets), so one follow-up moves this count by
 * its own change (adjustBadge) and a full count follows later to confirm it.
 */
let counted: { day: string; count: number } | null = null;

async function showCount(count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setBadgeText({ text: count <= 0 ? '' : count > 9999 ? '9999+' : String(count) });
}

/** Sets the badge to today's due + overdue count (empty at zero) and returns the count. */
export async function refreshBadge(db: DealerLensDB, now: Date): Promise<number> {
  const day = localDateOf(now);
  const { due, overdue } = await countDue(db, day);
  const count = due + overdue;
  counted = { day, count };
  await showCount(count);
  return count;
}

/**
 * Moves today's count by `delta` (a follow-up took a customer off today's
 * list: -1) without counting the store; counts in full when there is no count
 * of today to move. Returns the count shown.
 */
export async function adjustBadge(db: DealerLensDB, delta: number, now: Date): Promise<number> {
  if (counted?.day !== localDateOf(now)) return refreshBadge(db, now);
  counted.count = Math.max(0, counted.count + delta);
  await showCount(counted.count);
  return counted.count;
}

/** Whether a customer counts on the badge today: due or overdue by their stored grades. */
export function countsToday(grades: { nextDueAt?: string } | undefined, now: Date): boolean {
  return grades?.nextDueAt !== undefined && grades.nextDueAt <= localDateOf(now);
}

/** Creates or clears the morning alarm as the setting says. */
export async function scheduleMorningReminder(db: DealerLensDB, now: Date): Promise<void> {
  const reminder = await readMorningReminder(db);
  await browser.alarms.clear(MORNING_ALARM);
  if (reminder.enabled) await browser.alarms.create(MORNING_ALARM, { when: nextMorning(now, reminder.time).getTime() });
}

async function notifyMorning(db: DealerLensDB, now: Date, locale: Locale): Promise<void> {
  const { due, overdue } = await countDue(db, localDateOf(now));
  if (due + overdue === 0) return;
  await browser.notifications.create(MORNING_NOTIFICATION, {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title: pick(NOTIFICATION_TEXT.title, locale),
    message: pick(NOTIFICATION_TEXT.body, locale, { due: due + overdue, overdue }),
  });
}

/**
 * Wires the reminders in the background: the morning alarm (notification,
 * then the next morning scheduled), the notification's click (opens
 * 今日待跟进) and a first badge count.
 */
export function startReminders(db: DealerLensDB, clock: () => Date, locale: () => Locale = () => 'zh'): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== MORNING_ALARM) return;
    void notifyMorning(db, clock(), locale())
      .catch((error: unknown) => console.error('DealerLens: morning reminder failed', error))
      .finally(() => void scheduleMorningReminder(db, clock()));
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id !== MORNING_NOTIFICATION) return;
    void openWorkbench('today');
    void browser.notifications.clear(id);
  });
  void scheduleMorningReminder(db, clock());
  void refreshBadge(db, clock());
}

/** Opens the workbench in a tab, at a view when given (docs/workbench.md#reminders: 今日待跟进 is 'today'). */
export async function openWorkbench(view?: string): Promise<void> {
  const path = view ? `/workbench.html?view=${encodeURIComponent(view)}` : '/workbench.html';
  await browser.tabs.create({ url: browser.runtime.getURL(path as '/') });
}

/**
 * Opens the side panel (the consultant's due list) in the current window;
 * must run in a user gesture (the popup's button). Chromium's sidePanel API;
 * Firefox's sidebar instead. False where neither exists.
 */
export async function openDueListPanel(): Promise<boolean> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidebarAction) {
    await api.sidebarAction.open();
    return true;
  }
  if (!api.sidePanel) return false;
  const window = await browser.windows.getCurrent();
  if (window.id === undefined) return false;
  await api.sidePanel.open({ windowId: window.id });
  return true;
}
