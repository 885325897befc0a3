// One typed API over the places settings are kept (docs/architecture.md#settings):
// a setting is a key with a typed default and a reader that checks what was
// stored (an older or newer DealerLens, or a restored backup, may have written
// something else), so a caller always gets a value of its type.

/** A setting: where it is kept, its default, and how a stored value is checked. */
export interface Setting<T> {
  readonly key: string;
  readonly fallback: T;
  /** The stored value as a T, or undefined when it is not one (the default then stands). */
  readonly read: (stored: unknown) => T | undefined;
}

export function setting<T>(key: string, fallback: T, read: (stored: unknown) => T | undefined): Setting<T> {
  return { key, fallback, read };
}

/**
 * A key-value backend: the IndexedDB settings table (lib/db) or the
 * extension's local storage (lib/extension). A missing key reads undefined.
 */
export interface SettingsBackend {
  get(keys: readonly string[]): Promise<readonly unknown[]>;
  set(entries: Readonly<Record<string, unknown>>): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

/** A renamed key: a value kept under `from` moves to `to` and `from` is deleted. */
export interface SettingMigration {
  readonly from: string;
  readonly to: Setting<unknown>;
}

/** The typed get / set over one backend. */
export class Settings {
  constructor(private readonly backend: SettingsBackend) {}

  /** The stored value, or the setting's default when none (or an unreadable one) is stored. */
  async get<T>(s: Setting<T>): Promise<T> {
    const [stored] = await this.backend.get([s.key]);
    return (stored === undefined ? undefined : s.read(stored)) ?? s.fallback;
  }

  async set<T>(s: Setting<T>, value: T): Promise<void> {
    await this.backend.set({ [s.key]: value });
  }

  /** Back to the default. */
  async reset(s: Setting<unknown>): Promise<void> {
    await this.backend.remove([s.key]);
  }

  /**
   * Takes a value found elsewhere (an old key, another backend) for `s`
   * unless `s` already holds a readable value; an unreadable `found` is
   * ignored. True when it was taken.
   */
  async adopt(s: Setting<unknown>, found: unknown): Promise<boolean> {
    const value = found === undefined ? undefined : s.read(found);
    if (value === undefined) return false;
    const [current] = await this.backend.get([s.key]);
    if (current !== undefined && s.read(current) !== undefined) return false;
    await this.backend.set({ [s.key]: value });
    return true;
  }

  /**
   * Moves every renamed key's value to its new key, in list order, and
   * deletes the old key. A value already under the new key stands (it was
   * written later); an unreadable old value is dropped. Running it again
   * changes nothing. Returns the number of old keys removed.
   */
  async migrate(migrations: readonly SettingMigration[]): Promise<number> {
    let moved = 0;
    for (const { from, to } of migrations) {
      const [old] = await this.backend.get([from]);
      if (old === undefined) continue;
      await this.adopt(to, old);
      await this.backend.remove([from]);
      moved++;
    }
    return moved;
  }
}
