import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { checkFrame, frameVerdict, rememberInvokedTab } from '../../../lib/extension/frames';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const PORTAL = 'http://dms.example:8080';
const trustPortal = (origin: string) => origin === PORTAL;

describe('a DealerLens page in a frame renders only inside a portal the user enabled or ran it on', () => {
  it('renders in the portal, and posts to the portal origin', () => {
    expect(frameVerdict(`${PORTAL}/crm/list.do`, [PORTAL], trustPortal)).toEqual({ allowed: true, origin: PORTAL });
    expect(frameVerdict(`${PORTAL}/crm/list.do`, [], trustPortal)).toEqual({ allowed: true, origin: PORTAL });
  });

  it('renders nothing on any other site, or when a frame of another site sits between', () => {
    expect(frameVerdict('https://evil.example/', ['https://evil.example'], trustPortal).allowed).toBe(false);
    expect(frameVerdict(`${PORTAL}/crm/list.do`, ['https://evil.example', PORTAL], trustPortal).allowed).toBe(false);
    expect(frameVerdict(undefined, [], trustPortal).allowed).toBe(false);
    expect(frameVerdict('data:text/html,x', [], () => true).allowed).toBe(false);
  });

  it('trusts an enabled portal (its host permission), and a tab the user ran DealerLens on, for that origin only', async () => {
    const contains = vi
      .spyOn(browser.permissions, 'contains')
      .mockImplementation(async (p) => (p.origins ?? []).every((o) => o === 'http://enabled.example/*'));
    expect(await checkFrame(1, 'http://enabled.example/crm', [])).toEqual({
      allowed: true,
      origin: 'http://enabled.example',
    });
    expect((await checkFrame(1, 'http://one-off.example/crm', [])).allowed).toBe(false);
    expect(contains).toHaveBeenCalled();

    const tab = await browser.tabs.create({ url: 'http://one-off.example/crm/list' });
    await rememberInvokedTab(tab.id!);
    expect(await checkFrame(tab.id, 'http://one-off.example/crm/list', [])).toEqual({
      allowed: true,
      origin: 'http://one-off.example',
    });
    expect((await checkFrame(tab.id! + 1, 'http://one-off.example/crm/list', [])).allowed).toBe(false);
    expect((await checkFrame(tab.id, 'http://elsewhere.example/', [])).allowed).toBe(false);
    expect((await checkFrame(undefined, 'http://enabled.example/crm', [])).allowed).toBe(false);
  });
});
