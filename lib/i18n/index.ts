// Chinese first, English beside (docs/architecture.md#text-and-languages): every piece of UI text
// lives in a messages module as {zh, en}; views pick by the user's locale.

export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A messages module: message id -> text in both languages. */
export type Messages<K extends string = string> = Readonly<Record<K, Bilingual>>;

/** `{name}` placeholders filled from `values`. */
export function format(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The text in `locale`, falling back to the other language when one is missing. */
export function pick(message: Bilingual, locale: Locale, values?: Readonly<Record<string, string | number>>): string {
  const text = message[locale] || message[locale === 'zh' ? 'en' : 'zh'];
  return format(text, values);
}

/** Both languages, the chosen one first ("客户 Customers"), for places that show both. */
export function both(message: Bilingual, locale: Locale, values?: Readonly<Record<string, string | number>>): string {
  const first = pick(message, locale, values);
  const second = format(message[locale === 'zh' ? 'en' : 'zh'], values);
  return second && second !== first ? `${first} ${second}` : first;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}
