/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OptionsPage } from '../../components/options-page/OptionsPage';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import { freshDatabase } from '../lib/db/helpers';
import { freshRoot, unmountRoot } from './mount';

let root: Root;
let container: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  ({ container, root } = freshRoot());
  await act(async () =>
    root.render(
      <LocaleProvider initial="zh">
        <OptionsPage
          db={freshDatabase()}
          now={() => new Date(2026, 10, 23, 9)}
          pageUrl={(p) => `chrome-extension://abc${p}`}
        />
      </LocaleProvider>,
    ),
  );
});

afterEach(() => unmountRoot(root, container));

const button = (label: string) =>
  [...container.querySelectorAll('nav button')].find((b) => b.textContent === label) as HTMLButtonElement;

describe('the options page', () => {
  it('opens on the grading rules and switches to reminders and to data, where files are imported', async () => {
    expect(container.querySelector('.rule-settings')).not.toBeNull();
    await act(async () => button('提醒').click());
    expect(container.querySelector('.rule-settings')).toBeNull();
    expect(container.textContent).toContain('每天早上通知今日待跟进');
    await act(async () => button('数据备份与导入').click());
    const importLink = [...container.querySelectorAll('a')].find((a) => a.textContent?.includes('导入客户'));
    expect(importLink?.getAttribute('href')).toBe('chrome-extension://abc/import.html');
  });

  it('switches its language to English', async () => {
    const sw = container.querySelector('.locale-switch') as HTMLButtonElement;
    await act(async () => sw.click());
    expect(button('Reminders')).toBeDefined();
  });
});
