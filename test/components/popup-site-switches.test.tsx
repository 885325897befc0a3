/** @vitest-environment happy-dom */
// The popup's per-site switches on an enabled portal, each the setting the
// content script follows: the overlay's badges (one click off for the site,
// another back on) and 跟随门户自动采集 (off by default, one click on, another off).
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import { isFollowOn, isOverlayOff } from '../../lib/extension';
import { freshRoot, unmountRoot } from './mount';

const PAGE = 'http://dms.example.com/crm/customer/list?page=2';

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  vi.spyOn(browser.tabs, 'query').mockImplementation((async () => [{ id: 7, url: PAGE }]) as never);
  const answers: Record<string, unknown> = {
    'status:get': { customers: 10, capturedToday: 0, lastBatch: null, portalEnabled: true },
    'reminders:counts': { due: 0, overdue: 0 },
  };
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => ({
    ok: true,
    value: answers[message.type],
  })) as never);
  ({ container, root } = freshRoot());
});

afterEach(() => unmountRoot(root, container));

const button = (name: string) =>
  Array.from(container.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(name));

describe('the overlay switch in the popup', () => {
  it('turns the badges off for the site with one click, and back on with another', async () => {
    await act(async () =>
      root.render(
        <LocaleProvider initial="zh">
          <Popup />
        </LocaleProvider>,
      ),
    );
    await vi.waitFor(() => expect(button('不在本系统的列表上显示级别')).toBeDefined());
    expect(await isOverlayOff(PAGE)).toBe(false);
    await act(async () => button('不在本系统的列表上显示级别')!.click());
    await vi.waitFor(async () => expect(await isOverlayOff(PAGE)).toBe(true));
    // The whole site, not this page alone; other sites keep their badges.
    expect(await isOverlayOff('http://dms.example.com/other')).toBe(true);
    expect(await isOverlayOff('http://other.example.com/crm')).toBe(false);
    await vi.waitFor(() => expect(button('在本系统的列表上显示级别')).toBeDefined());
    await act(async () => button('在本系统的列表上显示级别')!.click());
    await vi.waitFor(async () => expect(await isOverlayOff(PAGE)).toBe(false));
  });
});

const toggle = () => container.querySelector<HTMLInputElement>('input[data-follow-toggle]');

describe('the follow switch in the popup', () => {
  it('is off by default, turns following on for the site with one click, and off with another', async () => {
    await act(async () =>
      root.render(
        <LocaleProvider initial="zh">
          <Popup />
        </LocaleProvider>,
      ),
    );
    await vi.waitFor(() => expect(toggle()).not.toBeNull());
    expect(toggle()!.closest('label')!.textContent).toContain('跟随门户自动采集');
    expect(toggle()!.checked).toBe(false);
    expect(await isFollowOn(PAGE)).toBe(false);
    await act(async () => toggle()!.click());
    await vi.waitFor(async () => expect(await isFollowOn(PAGE)).toBe(true));
    expect(toggle()!.checked).toBe(true);
    // The whole site, not this page alone; other sites stay off.
    expect(await isFollowOn('http://dms.example.com/other')).toBe(true);
    expect(await isFollowOn('http://other.example.com/crm')).toBe(false);
    await act(async () => toggle()!.click());
    await vi.waitFor(async () => expect(await isFollowOn(PAGE)).toBe(false));
  });

  it('is not offered on a page that is not an enabled portal', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => ({
      ok: true,
      value:
        message.type === 'status:get'
          ? { customers: 10, capturedToday: 0, lastBatch: null, portalEnabled: false }
          : { due: 0, overdue: 0 },
    })) as never);
    await act(async () =>
      root.render(
        <LocaleProvider initial="zh">
          <Popup />
        </LocaleProvider>,
      ),
    );
    await vi.waitFor(() => expect(container.textContent).toContain('在此系统上始终启用'));
    expect(toggle()).toBeNull();
  });
});
