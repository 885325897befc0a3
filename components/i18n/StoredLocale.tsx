// The language as a setting (LOCALE in lib/settings, in the database that
// backups carry and the background reads for the morning notification): an
// extension page reads it before its first render, so it never flashes the
// other language, and a switch is saved for every page.
import { useEffect, useState, type ReactNode } from 'react';
import { settingsOf, type DealerLensDB } from '@/lib/db';
import type { Locale } from '@/lib/i18n';
import { LOCALE } from '@/lib/settings';
import { LocaleProvider } from './LocaleContext';

/** Where each page kept the language before it was a setting (the background could not read it there). */
export const LEGACY_LOCALE_KEY = 'dealerlens.locale';

/**
 * The user's language; a choice left in the page's localStorage by an older
 * DealerLens is moved into the setting (unless one is set) and removed there.
 */
export async function loadLocale(
  db: DealerLensDB,
  legacy: Storage | undefined = globalThis.localStorage,
): Promise<Locale> {
  const settings = settingsOf(db);
  let old: string | null = null;
  try {
    old = legacy?.getItem(LEGACY_LOCALE_KEY) ?? null;
  } catch {
    // storage off: nothing to move
  }
  if (old !== null) {
    await settings.adopt(LOCALE, old);
    try {
      legacy?.removeItem(LEGACY_LOCALE_KEY);
    } catch {
      // storage off: read once more next time, and the setting stands
    }
  }
  return settings.get(LOCALE);
}

/** LocaleProvider with the language read from, and saved to, the settings. Renders nothing until it is read. */
export function StoredLocaleProvider({ db, children }: { db: DealerLensDB; children: ReactNode }) {
  const [initial, setInitial] = useState<Locale | null>(null);
  useEffect(() => {
    void loadLocale(db)
      .catch(() => LOCALE.fallback)
      .then(setInitial);
  }, [db]);
  if (initial === null) return null;
  return (
    <LocaleProvider initial={initial} onChange={(locale) => void settingsOf(db).set(LOCALE, locale)}>
      {children}
    </LocaleProvider>
  );
}
