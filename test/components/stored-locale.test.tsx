/** @vitest-environment happy-dom */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocaleSwitch, useLocale } from '../../components/i18n/LocaleContext';
import { LEGACY_LOCALE_KEY, StoredLocaleProvider, loadLocale } from '../../components/i18n/StoredLocale';
import { settingsOf, type DealerLensDB } from '../../lib/db';
import { LOCALE } from '../../lib/settings';
import { freshDatabase } from '../lib/db/helpers';
import { freshRoot, unmountRoot } from './mount';

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  localStorage.clear();
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

function Title() {
  const { t } = useLocale();
  return <h1>{t({ zh: '客户', en: 'Customers' })}</h1>;
}

async function open(db: DealerLensDB): Promise<void> {
  await act(async () =>
    root.render(
      <StoredLocaleProvider db={db}>
        <Title />
        <LocaleSwitch />
      </StoredLocaleProvider>,
    ),
  );
  for (let i = 0; i < 50 && !container.querySelector('h1'); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
}

describe('the language is a setting', () => {
  it('Chinese first; a switch is saved, and the next page opens in it', async () => {
    const db = freshDatabase();
    await open(db);
    expect(container.querySelector('h1')?.textContent).toBe('客户');
    await act(async () => container.querySelector('button')!.click());
    expect(container.querySelector('h1')?.textContent).toBe('Customers');
    await act(async () => root.unmount());
    expect(await settingsOf(db).get(LOCALE)).toBe('en');
    root = createRoot(container);
    await open(db);
    expect(container.querySelector('h1')?.textContent).toBe('Customers');
  });

  it("a choice an older DealerLens left in the page's localStorage moves into the setting, once", async () => {
    const db = freshDatabase();
    localStorage.setItem(LEGACY_LOCALE_KEY, 'en');
    expect(await loadLocale(db)).toBe('en');
    expect(localStorage.getItem(LEGACY_LOCALE_KEY)).toBeNull();
    expect(await settingsOf(db).get(LOCALE)).toBe('en');
    expect(await loadLocale(db)).toBe('en');
  });

  it('a choice already in the setting stands over an old localStorage one; an unreadable old one is dropped', async () => {
    const db = freshDatabase();
    await settingsOf(db).set(LOCALE, 'zh');
    localStorage.setItem(LEGACY_LOCALE_KEY, 'en');
    expect(await loadLocale(db)).toBe('zh');
    localStorage.setItem(LEGACY_LOCALE_KEY, 'klingon');
    expect(await loadLocale(freshDatabase())).toBe('zh');
    expect(localStorage.getItem(LEGACY_LOCALE_KEY)).toBeNull();
  });
});
