import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { crawlService, StorageCrawlStore } from '../../../lib/extension/crawl';
import type { Sender, WirePage } from '../../../lib/extension/messages';
import { packTable } from '../../../lib/capture/wire';
import { CrawlSessions, type CrawlStartInfo } from '../../../lib/crawl';
import type { StagedTable } from '../../../lib/capture/types';

const LIST = 'http://dms.example/crm/list.do';
const HEADERS = ['姓名', '手机'];
const content: Sender = { kind: 'content', tabId: 7, url: LIST, tabUrl: LIST };
const NOW = new Date('2026-12-07T09:00:00');
const info: CrawlStartInfo = {
  pageTitle: '客户列表',
  frame: null,
  kind: 'pager',
  settings: { delayMs: 0, maxPages: 50 },
  noMinimumDelay: true,
};

/** Page `n` of the list: two customers of its own. */
function page(n: number, hasNext = true): WirePage {
  const rows = [
    [`客户${n}a`, `1380000${String(n).padStart(4, '0')}`],
    [`客户${n}b`, `1390000${String(n).padStart(4, '0')}`],
  ];
  const table = packTable({
    pageUrl: `${LIST}?page=${n}`,
    pageTitle: '客户列表',
    frame: null,
    headers: HEADERS,
    rows,
    rowLinks: rows.map(() => null),
  });
  return { table, hasNext };
}

/** A crawl service over the fake browser's storage; the capture path waits for `gate` when given one. */
function service(gate?: Promise<void>) {
  const committed: StagedTable[] = [];
  const crawls = new CrawlSessions(
    new StorageCrawlStore(),
    {
      run: async (table) => {
        committed.push(table);
        await gate;
        return { id: 'staged-1', profileMatched: false };
      },
    },
    () => NOW,
  );
  return { handlers: crawlService(crawls), committed };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  // Host permissions are the browser's: the fake has none.
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => true);
});

describe('crawlService: a tab whose page script goes on before the background answers', () => {
  it('answers the next page load only after the page before it is taken', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { handlers, committed } = service(gate);
    await handlers['crawl:start']({ page: page(1), info }, content);
    // The last page: its commit waits for the gate. The next page load asks meanwhile.
    const last = handlers['crawl:page']({ page: page(2, false), url: `${LIST}?page=2` }, content);
    let answered = false;
    const state = handlers['crawl:state']({ pageUrl: `${LIST}?page=3` }, content).then((s) => {
      answered = true;
      return s;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    open();
    expect((await last).action).toEqual({ type: 'stop', reason: 'last-page' });
    const after = await state;
    expect(after.active).toBeNull();
    expect(after.finished?.view.reason).toBe('last-page');
    expect(after.finished?.result?.committedRows).toBe(4);
    expect(committed).toHaveLength(1);
  });

  it('stops a crawl whose page cannot be kept, commits what it took, and the next page load says why', async () => {
    const { handlers, committed } = service();
    await handlers['crawl:start']({ page: page(1), info }, content);
    const set = browser.storage.local.set.bind(browser.storage.local);
    vi.spyOn(browser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if (Object.keys(items).some((k) => k.includes(':rows:') && k.endsWith('000002'))) throw new Error('quota');
      return set(items);
    });
    await expect(handlers['crawl:page']({ page: page(2), url: `${LIST}?page=2` }, content)).rejects.toThrow('quota');
    const state = await handlers['crawl:state']({ pageUrl: `${LIST}?page=3` }, content);
    expect(state.active).toBeNull();
    expect(state.finished?.view.reason).toBe('error');
    expect(committed).toHaveLength(1);
    expect(committed[0]!.rows.map((r) => r[0])).toEqual(['客户1a', '客户1b']);
    // Stopped, not done: the list can be resumed from where it was.
    const resumable = await handlers['crawl:state']({ pageUrl: `${LIST}?page=1`, headers: HEADERS }, content);
    expect(resumable.resumable?.status).toBe('stopped');
  });

  it('says once, after a page load, how the last crawl ended', async () => {
    const { handlers } = service();
    await handlers['crawl:start']({ page: page(1), info }, content);
    await handlers['crawl:stop']({ reason: 'user' }, content);
    const first = await handlers['crawl:state']({ pageUrl: LIST }, content);
    expect(first.finished?.view.reason).toBe('user');
    const again = await handlers['crawl:state']({ pageUrl: LIST }, content);
    expect(again.finished).toBeNull();
  });
});
