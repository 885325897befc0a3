// The user's language for every extension page, switchable
// (docs/architecture.md#text-and-languages: Chinese first with English, switchable).
// Remembered by the page's entry point (StoredLocale.tsx: the LOCALE setting).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, pick, both, type Bilingual, type Locale } from '@/lib/i18n';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** A message in the user's language. */
  t(message: Bilingual, values?: Readonly<Record<string, string | number>>): string;
  /** A message in both languages, the user's first. */
  tt(message: Bilingual, values?: Readonly<Record<string, string | number>>): string;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({
  children,
  initial,
  onChange,
}: {
  children: ReactNode;
  initial?: Locale;
  /** Remembers a switch (the page's entry point keeps it in settings). */
  onChange?: (locale: Locale) => void;
}) {
  const [locale, setState] = useState<Locale>(() => initial ?? DEFAULT_LOCALE);
  const setLocale = useCallback(
    (next: Locale) => {
      setState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo<LocaleState>(
    () => ({
      locale,
      setLocale,
      t: (message, values) => pick(message, locale, values),
      tt: (message, values) => both(message, locale, values),
    }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** The locale of the nearest LocaleProvider (Chinese when there is none). */
export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (state) return state;
  return {
    locale: DEFAULT_LOCALE,
    setLocale: () => undefined,
    t: (m, v) => pick(m, DEFAULT_LOCALE, v),
    tt: (m, v) => both(m, DEFAULT_LOCALE, v),
  };
}

/** 中文 / English switch. */
export function LocaleSwitch() {
  const { locale, setLocale } = useLocale();
  return (
    <button
      type="button"
      className="locale-switch"
      onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
      aria-label="切换语言 Switch language"
    >
      {locale === 'zh' ? 'English' : '中文'}
    </button>
  );
}
