// lib/settings: every user setting's key, typed default and reader, the
// migrations of renamed keys, and one get / set API over a backend
// (docs/architecture.md#settings). Pure: the backends are in lib/db and lib/extension.
export { Settings, setting, type Setting, type SettingMigration, type SettingsBackend } from './setting';
export {
  ACTIVE_RULE_SET,
  CRAWL_SETTINGS,
  DRAWER_WIDTH,
  FOLLOW_SITES,
  LOCALE,
  ME,
  MORNING_REMINDER,
  WORKBENCH_COLUMNS,
  WORKBENCH_VIEWS,
  type MorningReminder,
  type StoredCrawlSettings,
} from './keys';
export { SETTING_MIGRATIONS } from './migrations';
