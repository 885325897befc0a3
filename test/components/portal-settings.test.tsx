/** @vitest-environment happy-dom */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { PortalSettings } from '../../components/portal-settings/PortalSettings';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import { freshRoot, unmountRoot } from './mount';

let root: Root;
let container: HTMLElement;
let granted: string[];

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  granted = ['https://dms.brand-a.com/*', 'http://10.1.2.3/*'];
  vi.spyOn(browser.permissions, 'getAll').mockImplementation(async () => ({
    origins: [...granted],
    permissions: ['storage'],
  }));
  vi.spyOn(browser.permissions, 'remove').mockImplementation(async ({ origins }) => {
    granted = granted.filter((o) => !(origins ?? []).includes(o));
    return true;
  });
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

async function render() {
  await act(async () =>
    root.render(
      <LocaleProvider initial="zh">
        <PortalSettings />
      </LocaleProvider>,
    ),
  );
  await vi.waitFor(() => expect(container.querySelector('li, .none')).not.toBeNull());
}

const sites = () => Array.from(container.querySelectorAll('li code'), (c) => c.textContent);

describe('the enabled portals in settings', () => {
  it('lists every portal the user granted, and takes one back with one click', async () => {
    await render();
    expect(sites()).toEqual(['http://10.1.2.3', 'https://dms.brand-a.com']);
    const disable = container.querySelector<HTMLButtonElement>(
      'button[aria-label="停用 Disable https://dms.brand-a.com"]',
    )!;
    await act(async () => disable.click());
    await vi.waitFor(() => expect(sites()).toEqual(['http://10.1.2.3']));
    expect(browser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://dms.brand-a.com/*'] });
  });

  it('says how to enable one when there is none', async () => {
    granted = [];
    await render();
    expect(container.querySelector('.none')?.textContent).toContain('在此系统上始终启用');
  });

  it('says so when the browser throws instead (a permission it will not remove), and keeps it listed', async () => {
    vi.spyOn(browser.permissions, 'remove').mockRejectedValue(new Error('You cannot remove required permissions.'));
    await render();
    await act(async () => container.querySelector<HTMLButtonElement>('li button')!.click());
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('没有停用'));
    expect(sites()).toHaveLength(2);
  });

  it('says so when the browser refuses to take it back, and keeps it listed', async () => {
    vi.spyOn(browser.permissions, 'remove').mockResolvedValue(false as never);
    await render();
    await act(async () => container.querySelector<HTMLButtonElement>('li button')!.click());
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('没有停用'));
    expect(sites()).toHaveLength(2);
  });
});
