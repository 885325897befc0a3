import { describe, expect, it } from 'vitest';
import {
  ACTIVE_RULE_SET,
  CRAWL_SETTINGS,
  DRAWER_WIDTH,
  LOCALE,
  ME,
  MORNING_REMINDER,
  SETTING_MIGRATIONS,
  Settings,
  WORKBENCH_COLUMNS,
  WORKBENCH_VIEWS,
  setting,
  type SettingsBackend,
} from '../../../lib/settings';

/** A backend over a Map: what the settings table or storage.local holds, key by key. */
function memory(initial: Record<string, unknown> = {}): SettingsBackend & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (keys) => keys.map((k) => data.get(k)),
    set: async (entries) => {
      for (const [k, v] of Object.entries(entries)) data.set(k, v);
    },
    remove: async (keys) => {
      for (const k of keys) data.delete(k);
    },
  };
}

describe('typed defaults', () => {
  it('a setting never stored reads its default', async () => {
    const settings = new Settings(memory());
    expect(await settings.get(ME)).toBeUndefined();
    expect(await settings.get(LOCALE)).toBe('zh');
    expect(await settings.get(MORNING_REMINDER)).toEqual({ enabled: false, time: '08:30' });
    expect(await settings.get(ACTIVE_RULE_SET)).toBeUndefined();
    expect(await settings.get(WORKBENCH_COLUMNS)).toBeUndefined();
    expect(await settings.get(WORKBENCH_VIEWS)).toEqual([]);
    expect(await settings.get(DRAWER_WIDTH)).toBeUndefined();
    expect(await settings.get(CRAWL_SETTINGS)).toEqual({});
  });

  it('a stored value of the wrong shape reads the default, never the bad value', async () => {
    const settings = new Settings(
      memory({
        me: '   ',
        locale: 'fr',
        'reminders.morning': 'on',
        'grading.activeRuleSet': 7,
        'workbench.columns': { colId: 'name' },
        'workbench.views': 'mine',
        'dealerlens.drawerWidth': Number.NaN,
        'dlcrawl:settings': [300],
      }),
    );
    expect(await settings.get(ME)).toBeUndefined();
    expect(await settings.get(LOCALE)).toBe('zh');
    expect(await settings.get(MORNING_REMINDER)).toEqual({ enabled: false, time: '08:30' });
    expect(await settings.get(ACTIVE_RULE_SET)).toBeUndefined();
    expect(await settings.get(WORKBENCH_COLUMNS)).toBeUndefined();
    expect(await settings.get(WORKBENCH_VIEWS)).toEqual([]);
    expect(await settings.get(DRAWER_WIDTH)).toBeUndefined();
    expect(await settings.get(CRAWL_SETTINGS)).toEqual({});
  });

  it('reads a good value as stored, the good parts of a half-good one', async () => {
    const backend = memory({
      'reminders.morning': { enabled: true, time: '8:30' },
      'workbench.columns': [{ colId: 'name', width: 120 }, { width: 80 }, null],
      'dlcrawl:settings': { delayMs: -1, maxPages: 20 },
    });
    const settings = new Settings(backend);
    // A time not written 'HH:mm' falls back to the default time, the switch stays on.
    expect(await settings.get(MORNING_REMINDER)).toEqual({ enabled: true, time: '08:30' });
    expect(await settings.get(WORKBENCH_COLUMNS)).toEqual([{ colId: 'name', width: 120 }]);
    expect(await settings.get(CRAWL_SETTINGS)).toEqual({ maxPages: 20 });
    await settings.set(ME, '王芳');
    await settings.set(DRAWER_WIDTH, 480);
    expect(await settings.get(ME)).toBe('王芳');
    expect(await settings.get(DRAWER_WIDTH)).toBe(480);
    await settings.reset(ME);
    expect(backend.data.has('me')).toBe(false);
    expect(await settings.get(ME)).toBeUndefined();
  });

  it('every setting has its own key', () => {
    const keys = [
      ME,
      LOCALE,
      MORNING_REMINDER,
      ACTIVE_RULE_SET,
      WORKBENCH_COLUMNS,
      WORKBENCH_VIEWS,
      DRAWER_WIDTH,
      CRAWL_SETTINGS,
    ].map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('migrations of renamed keys', () => {
  const NEW = setting<number | undefined>('size', undefined, (x) => (typeof x === 'number' ? x : undefined));
  const list = [{ from: 'oldSize', to: NEW }];

  it("moves an old key's value to its new key and deletes the old key", async () => {
    const backend = memory({ oldSize: 3 });
    expect(await new Settings(backend).migrate(list)).toBe(1);
    expect([...backend.data]).toEqual([['size', 3]]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const backend = memory({ oldSize: 3 });
    const settings = new Settings(backend);
    await settings.migrate(list);
    const after = [...backend.data];
    expect(await settings.migrate(list)).toBe(0);
    expect([...backend.data]).toEqual(after);
  });

  it('a value already under the new key stands; the old key goes', async () => {
    const backend = memory({ oldSize: 3, size: 5 });
    await new Settings(backend).migrate(list);
    expect([...backend.data]).toEqual([['size', 5]]);
  });

  it('an old value the new key cannot read is dropped, not moved', async () => {
    const backend = memory({ oldSize: 'big' });
    await new Settings(backend).migrate(list);
    expect([...backend.data]).toEqual([]);
  });

  it('an unreadable value under the new key gives way to a good old one', async () => {
    const backend = memory({ oldSize: 3, size: 'big' });
    await new Settings(backend).migrate(list);
    expect([...backend.data]).toEqual([['size', 3]]);
  });

  it('renames in a chain run in list order, so a value two renames old arrives', async () => {
    const MID = setting<number | undefined>('midSize', undefined, NEW.read);
    const backend = memory({ oldSize: 3 });
    await new Settings(backend).migrate([
      { from: 'oldSize', to: MID },
      { from: 'midSize', to: NEW },
    ]);
    expect([...backend.data]).toEqual([['size', 3]]);
  });

  it('"我是 …": the name the workbench kept under workbench.me moves to the shared key, trimmed', async () => {
    const backend = memory({ 'workbench.me': ' 赵敏 ' });
    await new Settings(backend).migrate(SETTING_MIGRATIONS);
    expect([...backend.data]).toEqual([['me', '赵敏']]);
  });

  it('no migration moves a key onto itself or from a key still in use', () => {
    const inUse = new Set(
      [ME, LOCALE, MORNING_REMINDER, ACTIVE_RULE_SET, WORKBENCH_COLUMNS, WORKBENCH_VIEWS].map((s) => s.key),
    );
    for (const { from, to } of SETTING_MIGRATIONS) {
      expect(from).not.toBe(to.key);
      expect(inUse.has(from)).toBe(false);
    }
  });
});
