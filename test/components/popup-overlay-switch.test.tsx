/** @vitest-environment happy-dom */
// The popup's overlay switch: one click turns the badges off for the portal's
// site (the setting the content script follows), another turns them back on.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { LocaleProvider } from '../../components/i18n/LocaleContext';
import { isOverlayOff } from '../../lib/extension';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

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
