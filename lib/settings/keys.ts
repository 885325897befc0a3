// Every user setting in one place: its key, its default and how a stored
// value is read (docs/architecture.md#settings). The IndexedDB settings table
// keeps them (backups carry it); those the portal page's content script
// reads and writes (DRAWER_WIDTH, CRAWL_SETTINGS, FOLLOW_SITES) are kept in the extension's
// local storage, through the same API.
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n';
import { setting } from './setting';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const name = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

/** "我是 … / I am …": the user's own consultant name (the 我的客户 view, the side panel's due list). */
export const ME = setting<string | undefined>('me', undefined, name);

/** The language of every extension page and of the morning notification. */
export const LOCALE = setting<Locale>('locale', DEFAULT_LOCALE, (x) => (isLocale(x) ? x : undefined));

export interface MorningReminder {
  /** Off by default (docs/workbench.md#reminders). */
  enabled: boolean;
  /** Local wall time 'HH:mm'. */
  time: string;
}

/** The morning notification of the day's follow-ups. */
export const MORNING_REMINDER = setting<MorningReminder>('reminders.morning', { enabled: false, time: '08:30' }, (x) =>
  isRecord(x)
    ? {
        enabled: x.enabled === true,
        time: typeof x.time === 'string' && /^\d{2}:\d{2}$/.test(x.time) ? x.time : '08:30',
      }
    : undefined,
);

/** The active rule set's id; none stored means the default preset (lib/db resolves it). */
export const ACTIVE_RULE_SET = setting<string | undefined>('grading.activeRuleSet', undefined, (x) =>
  typeof x === 'string' ? x : undefined,
);

/** The grid's columns as AG Grid last reported them (shown, order, width); each must name its column. */
export const WORKBENCH_COLUMNS = setting<readonly Readonly<Record<string, unknown>>[] | undefined>(
  'workbench.columns',
  undefined,
  (x) =>
    Array.isArray(x)
      ? x.filter((c): c is Record<string, unknown> => isRecord(c) && typeof c.colId === 'string')
      : undefined,
);

/** The user's own views, as written; lib/views reads them entry by entry (readSavedViews). */
export const WORKBENCH_VIEWS = setting<readonly unknown[]>('workbench.views', [], (x) =>
  Array.isArray(x) ? x : undefined,
);

/** The in-page workbench drawer's width in pixels (extension storage, never the portal's). */
export const DRAWER_WIDTH = setting<number | undefined>('dealerlens.drawerWidth', undefined, (x) =>
  typeof x === 'number' && Number.isFinite(x) ? x : undefined,
);

/** As stored: the panel may keep more than these two, which are checked (a bad one falls back to lib/crawl's default). */
export interface StoredCrawlSettings {
  readonly delayMs?: number;
  readonly maxPages?: number;
}

/** 捕获全部页's pause between pages and page cap as last set in the panel; lib/crawl holds the defaults. */
export const CRAWL_SETTINGS = setting<StoredCrawlSettings>('dlcrawl:settings', {}, (x) => {
  if (!isRecord(x)) return undefined;
  const out: Record<string, unknown> = { ...x };
  for (const key of ['delayMs', 'maxPages'])
    if (key in out && !(typeof out[key] === 'number' && Number.isFinite(out[key]) && out[key] >= 0)) delete out[key];
  return out as StoredCrawlSettings;
});

/**
 * The sites where the user turned on 跟随门户自动采集 (follow the portal): their
 * origins. Off by default; the popup switches it, the content script reads it
 * (extension storage, never the portal's).
 */
export const FOLLOW_SITES = setting<readonly string[]>('dealerlens.followSites', [], (x) =>
  Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : undefined,
);
