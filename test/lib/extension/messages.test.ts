import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import {
  CONTENT_SCRIPT_MESSAGES,
  RELOADED_MESSAGE,
  RESTARTED_MESSAGE,
  admitMessage,
  send,
  senderOf,
  type Sender,
} from '../../../lib/extension/messages';
import { packTable } from '../../../lib/capture/wire';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const content: Sender = {
  kind: 'content',
  tabId: 3,
  url: 'http://dms.example/crm/list.do',
  tabUrl: 'http://dms.example/crm/list.do',
};
const page: Sender = { kind: 'page', url: 'chrome-extension://abc/workbench.html' };
const table = packTable({
  pageUrl: 'http://dms.example/',
  pageTitle: 'DMS',
  frame: null,
  headers: ['姓名', '手机'],
  rows: [['张伟', '13812345678']],
  rowLinks: [null],
});

describe('the background admits a message only from DealerLens, of a known type, in its shape', () => {
  it('tells its own pages from content scripts, and ignores other extensions', () => {
    expect(senderOf({ id: 'me', url: 'chrome-extension://me/popup.html' }, 'me')?.kind).toBe('page');
    expect(
      senderOf(
        { id: 'me', url: 'moz-extension://uuid/capture.html', tab: { id: 4, url: 'http://dms.example/' } },
        'me',
      ),
    ).toEqual({
      kind: 'page',
      tabId: 4,
      url: 'moz-extension://uuid/capture.html',
      tabUrl: 'http://dms.example/',
    });
    expect(senderOf({ id: 'me', url: 'http://dms.example/list', tab: { id: 4 } }, 'me')?.kind).toBe('content');
    expect(senderOf({ id: 'other', url: 'chrome-extension://other/x.html' }, 'me')).toBeNull();
  });

  it('lets a content script capture, undo and ask for status, and nothing else', () => {
    expect(admitMessage({ type: 'capture:run', payload: table }, content)).toEqual({ ok: true, type: 'capture:run' });
    // Following sends its pages asking for no batch where nothing changed.
    expect(admitMessage({ type: 'capture:run', payload: { ...table, skipUnchanged: true } }, content).ok).toBe(true);
    expect(admitMessage({ type: 'capture:undo', payload: { batchId: 'b1' } }, content).ok).toBe(true);
    for (const type of [
      'portal:enable',
      'capture:commit',
      'reminders:refresh',
      'capture:start',
      'frame:check',
    ] as const) {
      expect(CONTENT_SCRIPT_MESSAGES.has(type)).toBe(false);
      const verdict = admitMessage(
        { type, payload: { origin: 'http://evil.example/', id: 'x', saveProfile: true, tabId: 1, ancestors: [] } },
        content,
      );
      expect(verdict).toMatchObject({ ok: false });
      expect(verdict.ok || verdict.error).toMatch(/refused from a web page/);
    }
    expect(admitMessage({ type: 'portal:enable', payload: { origin: 'http://dms.example/' } }, page).ok).toBe(true);
  });

  it('refuses unknown types and payloads of the wrong shape, with a bilingual reason', () => {
    expect(admitMessage({ type: 'db:dump', payload: {} }, page)).toEqual({ ok: false, error: 'unknown message' });
    expect(admitMessage('capture:run', page).ok).toBe(false);
    for (const payload of [
      null,
      {},
      { ...table, headers: 'x' },
      { ...table, rows: [[1, 2]] },
      { ...table, rows: { packed: 5, count: 1 } },
      { ...table, totalRowsHint: 'all' },
      { ...table, skipUnchanged: 'yes' },
    ]) {
      const verdict = admitMessage({ type: 'capture:run', payload }, content);
      expect(verdict.ok || verdict.error).toMatch(/格式不对.*malformed request/);
    }
    expect(admitMessage({ type: 'capture:commit', payload: { id: 'x', saveProfile: 'yes' } }, page).ok).toBe(false);
    expect(
      admitMessage(
        {
          type: 'capture:commit',
          payload: {
            id: 'x',
            saveProfile: true,
            mapping: [
              { index: 0, field: 'phone' },
              { index: 1, field: null },
            ],
          },
        },
        page,
      ).ok,
    ).toBe(true);
    // What the portal's grade letters mean: only the known meanings.
    expect(
      admitMessage(
        { type: 'capture:commit', payload: { id: 'x', saveProfile: true, letters: { D: 'defeated', O: 'ordered' } } },
        page,
      ).ok,
    ).toBe(true);
    expect(
      admitMessage({ type: 'capture:commit', payload: { id: 'x', saveProfile: true, letters: { D: 'lost' } } }, page)
        .ok,
    ).toBe(false);
    expect(
      admitMessage({ type: 'capture:commit', payload: { id: 'x', saveProfile: true, letters: ['defeated'] } }, page).ok,
    ).toBe(false);
  });
});

describe('a message sent while the browser stops the service worker', () => {
  it('is sent once more, and answered', async () => {
    const sendMessage = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockRejectedValueOnce(
        new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
        ),
      )
      .mockResolvedValueOnce({ ok: true, value: true } as never);
    await expect(send('ping', {})).resolves.toBe(true);
    expect(sendMessage).toHaveBeenCalledTimes(2);
  });

  it('fails a second time with a message in Chinese and English, not the browser raw error', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    await expect(send('ping', {})).rejects.toThrow(RESTARTED_MESSAGE);
  });

  it('tells the user to refresh the page when the extension was reloaded under it, without retrying', async () => {
    const sendMessage = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockRejectedValue(new Error('Extension context invalidated.'));
    await expect(send('ping', {})).rejects.toThrow(RELOADED_MESSAGE);
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });

  it('passes other errors on as they are', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(new Error('boom'));
    await expect(send('ping', {})).rejects.toThrow('boom');
  });
});

describe('the crawl messages a content script sends', () => {
  const page = {
    table: packTable({
      pageUrl: 'http://dms.example/crm/list.do',
      pageTitle: '',
      frame: null,
      headers: ['姓名'],
      rows: [['张伟']],
      rowLinks: [null],
    }),
    hasNext: true,
    totalRows: 2000,
  };
  const info = { pageTitle: '客户列表', frame: null, kind: 'pager', settings: { delayMs: 300, maxPages: 500 } };

  it('admits a crawl step in its shape from the portal page', () => {
    expect(admitMessage({ type: 'crawl:start', payload: { page, info } }, content)).toEqual({
      ok: true,
      type: 'crawl:start',
    });
    expect(admitMessage({ type: 'crawl:page', payload: { page: null, url: 'http://dms.example/x' } }, content)).toEqual(
      { ok: true, type: 'crawl:page' },
    );
    expect(admitMessage({ type: 'crawl:stop', payload: { reason: 'user' } }, content)).toEqual({
      ok: true,
      type: 'crawl:stop',
    });
  });

  it('refuses a crawl step out of shape: a kind, reason or setting it does not know', () => {
    expect(
      admitMessage({ type: 'crawl:start', payload: { page, info: { ...info, kind: 'delete-all' } } }, content).ok,
    ).toBe(false);
    expect(
      admitMessage(
        { type: 'crawl:start', payload: { page, info: { ...info, settings: { delayMs: -1, maxPages: 5 } } } },
        content,
      ).ok,
    ).toBe(false);
    expect(admitMessage({ type: 'crawl:stop', payload: { reason: 'whatever' } }, content).ok).toBe(false);
    expect(
      admitMessage({ type: 'crawl:page', payload: { page: { ...page, hasNext: 'yes' }, url: '' } }, content).ok,
    ).toBe(false);
  });
});
