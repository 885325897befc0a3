// The crawl's state machine and its session: when it goes on, why it stops,
// rows counted once by identity, progress kept in the store between pages
// and committed as one batch through the capture path.
import { describe, expect, it } from 'vitest';
import {
  CrawlSessions,
  MemoryCrawlStore,
  progressOf,
  startCrawl,
  takePage,
  type CrawlMeta,
  type PageRead,
} from '../../../lib/crawl';
import { CaptureSessions } from '../../../lib/capture/session';
import { freshDatabase } from '../db/helpers';

const HEADERS = ['客户姓名', '手机号码', '意向级别'];
const URL1 = 'http://dms.example.com/crm/list.do?page=1';
const T0 = new Date('2026-12-01T10:00:00+08:00');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

function customer(i: number): string[] {
  return [`客户${i}`, `138${String(i).padStart(8, '0')}`, 'H'];
}

/** Page `p` (1-based) of a list of `total` customers, `size` a page. */
function page(p: number, size = 20, total = 2000, url = `http://dms.example.com/crm/list.do?page=${p}`): PageRead {
  const rows: string[][] = [];
  for (let i = (p - 1) * size; i < Math.min(p * size, total); i++) rows.push(customer(i));
  return { url, headers: HEADERS, rows, rowLinks: rows.map(() => null), hasNext: p * size < total, totalRows: total };
}

function fresh(maxPages = 500): CrawlMeta {
  return startCrawl({
    id: 'c1',
    pageUrl: URL1,
    pageTitle: '客户列表',
    frame: null,
    headers: HEADERS,
    kind: 'pager',
    settings: { delayMs: 300, maxPages },
    now: T0,
  });
}

describe('the crawl state machine', () => {
  it('goes on while the pager has a next page and stops at the last page', () => {
    let meta = fresh();
    const seen = new Set<string>();
    for (let p = 1; p <= 3; p++) {
      const step = takePage(meta, seen, page(p, 20, 50), at(p));
      step.fresh.keys.forEach((k) => seen.add(k));
      meta = step.meta;
      expect(step.action).toEqual(p < 3 ? { type: 'next' } : { type: 'stop', reason: 'last-page' });
    }
    expect(meta).toMatchObject({ pages: 3, rows: 50 });
  });

  it('stops when the pager did not move (the same rows again)', () => {
    const one = takePage(fresh(), new Set(), page(1), T0);
    const again = takePage(one.meta, new Set(one.fresh.keys), page(1), at(1));
    expect(again.action).toEqual({ type: 'stop', reason: 'page-seen' });
    expect(again.fresh.rows).toEqual([]);
  });

  it('counts rows that appear on two pages once (a list shifted while crawling) and stops at a page with no new row', () => {
    const one = takePage(fresh(), new Set(), page(1), T0);
    const seen = new Set(one.fresh.keys);
    // Two new customers were added at the top: page 2 starts with page 1's last two rows.
    const shifted = page(2);
    shifted.rows = [...page(1).rows.slice(18), ...shifted.rows.slice(0, 18)];
    const two = takePage(one.meta, seen, shifted, at(1));
    expect(two.fresh.rows).toHaveLength(18);
    expect(two.meta.rows).toBe(38);
    two.fresh.keys.forEach((k) => seen.add(k));
    const old = page(2);
    old.rows = [...page(1).rows.slice(0, 10), ...shifted.rows.slice(0, 10)];
    expect(takePage(two.meta, seen, old, at(2)).action).toEqual({ type: 'stop', reason: 'no-new-rows' });
  });

  it('counts a row twice on one page once, by its detail link where it has one', () => {
    const p = page(1, 3, 3);
    p.rows = [customer(1), customer(2), customer(1)];
    p.rowLinks = ['http://dms/c/1', 'http://dms/c/2', 'http://dms/c/1'];
    expect(takePage(fresh(), new Set(), p, T0).fresh.rows).toEqual([customer(1), customer(2)]);
  });

  it('stops at the cap', () => {
    const one = takePage(fresh(2), new Set(), page(1), T0);
    const two = takePage(one.meta, new Set(one.fresh.keys), page(2), at(1));
    expect(two.action).toEqual({ type: 'stop', reason: 'cap' });
    expect(two.fresh.rows).toHaveLength(20);
  });

  it('stops, taking nothing, when the list is gone: markup changed on the same page, or the tab left the list', () => {
    const one = takePage(fresh(), new Set(), page(1), T0);
    const changed = { ...page(2), headers: ['姓名', '电话'] };
    expect(takePage(one.meta, new Set(), changed, at(1)).action).toEqual({ type: 'stop', reason: 'markup-changed' });
    expect(takePage(one.meta, new Set(), null, at(1), 'http://dms.example.com/crm/list.do?page=2').action).toEqual({
      type: 'stop',
      reason: 'markup-changed',
    });
    expect(takePage(one.meta, new Set(), null, at(1), 'http://dms.example.com/login.do').action).toEqual({
      type: 'stop',
      reason: 'navigated-away',
    });
  });

  it('keeps a pause on a server pager: never 0 unless the benchmark asks', () => {
    const base = {
      id: 'x',
      pageUrl: URL1,
      pageTitle: '',
      frame: null,
      headers: HEADERS,
      now: T0,
      settings: { delayMs: 0, maxPages: 10 },
    };
    expect(startCrawl({ ...base, kind: 'pager' }).settings.delayMs).toBeGreaterThan(0);
    expect(startCrawl({ ...base, kind: 'pager', noMinimumDelay: true }).settings.delayMs).toBe(0);
    expect(startCrawl({ ...base, kind: 'scroll' }).settings.delayMs).toBe(0);
  });

  it('estimates pages and time left from the total and the pace so far', () => {
    let meta = fresh();
    const seen = new Set<string>();
    for (let p = 1; p <= 10; p++) {
      const step = takePage(meta, seen, page(p), at(p));
      step.fresh.keys.forEach((k) => seen.add(k));
      meta = step.meta;
    }
    expect(progressOf(meta, at(10))).toEqual({
      pages: 10,
      rows: 200,
      totalPages: 100,
      totalRows: 2000,
      secondsLeft: 90,
    });
  });
});

async function setup() {
  const db = freshDatabase();
  const capture = new CaptureSessions(db, () => T0);
  const store = new MemoryCrawlStore();
  let n = 0;
  const make = () =>
    new CrawlSessions(
      store,
      capture,
      () => T0,
      () => `crawl-${++n}`,
    );
  return { db, capture, store, make };
}

const INFO = {
  pageTitle: '客户列表',
  frame: null,
  kind: 'pager' as const,
  settings: { delayMs: 300, maxPages: 500 },
  totalRows: 2000,
};

describe('a crawl session', () => {
  it('carries the taught next control in every step, for the content script of each page load and a resume', async () => {
    const { make } = await setup();
    const sessions = make();
    const nextControl = { selector: 'div.pg > button.pg-btn:nth-last-of-type(1)', label: '' };
    const step = await sessions.start(2, { ...INFO, nextControl }, page(1));
    expect(step.view.nextControl).toEqual(nextControl);
    expect((await sessions.page(2, page(2), page(2).url)).view.nextControl).toEqual(nextControl);
    await sessions.stop(2, 'user');
    expect((await sessions.resume(4, 'crawl-1')).nextControl).toEqual(nextControl);
  });

  it('keeps each page in the store, outlives a restarted worker, and commits 2,000 rows as one batch', async () => {
    const { db, store, make } = await setup();
    let sessions = make();
    let step = await sessions.start(7, INFO, page(1));
    for (let p = 2; p <= 100; p++) {
      // The worker is stopped every ten pages: a new session reads the store.
      if (p % 10 === 0) sessions = make();
      expect(step.action).toEqual({ type: 'next' });
      expect(store.metas.get('crawl-1')!.pages).toBe(p - 1);
      step = await sessions.page(7, page(p), page(p).url);
    }
    expect(step.action).toEqual({ type: 'stop', reason: 'last-page' });
    // No profile yet: the whole list goes to the preview, staged as one table.
    expect(step.result).toMatchObject({ committedRows: 2000 });
    expect(step.result!.stagedId).toBeDefined();
    expect(store.pages.size).toBe(0);
    expect(await db.customers.count()).toBe(0);
  });

  it('tells the next page load where the last page had the list, and the page after a stop still holds its rows', async () => {
    const { store, make } = await setup();
    const sessions = make();
    const step = await sessions.start(7, INFO, { ...page(1), place: '1.4.0' });
    expect(step.view.place).toBe('1.4.0');
    const moved = await sessions.page(7, { ...page(2), place: '1.5.0' }, page(2).url);
    expect(moved.view.place).toBe('1.5.0');
    // A page read without a place (a list in a frame) leaves none behind.
    const framed = await sessions.page(7, page(3), page(3).url);
    expect(framed.view.place).toBeUndefined();
    expect((await sessions.active(7))!.pages).toBe(3);
    expect((await store.rows('crawl-1')).map((p) => p.rows.length)).toEqual([20, 20, 20]);
  });

  it('commits through a saved profile at once: one batch with new / updated / unchanged', async () => {
    const { db, capture, make } = await setup();
    const first = await capture.stage({
      pageUrl: URL1,
      pageTitle: '',
      frame: null,
      headers: HEADERS,
      rows: page(1).rows,
      rowLinks: page(1).rowLinks,
    });
    await capture.commit(first.id, undefined, true);
    const sessions = make();
    let step = await sessions.start(1, INFO, page(1, 20, 60));
    for (let p = 2; step.action.type === 'next'; p++) step = await sessions.page(1, page(p, 20, 60), page(p).url);
    expect(step.result!.batch!.counts).toMatchObject({ new: 40, unchanged: 20, updated: 0 });
    expect(await db.batches.count()).toBe(2);
  });

  it('stopped half-way commits what it took and resumes from the page it stopped on', async () => {
    const { db, capture, make } = await setup();
    const first = await capture.stage({
      pageUrl: URL1,
      pageTitle: '',
      frame: null,
      headers: HEADERS,
      rows: page(1).rows.slice(0, 1),
      rowLinks: [null],
    });
    await capture.commit(first.id, undefined, true);
    const sessions = make();
    await sessions.start(3, INFO, page(1, 20, 200));
    for (let p = 2; p <= 5; p++) await sessions.page(3, page(p, 20, 200), page(p).url);
    const stopped = await sessions.stop(3, 'user');
    expect(stopped!.view).toMatchObject({ status: 'stopped', reason: 'user', progress: { pages: 5, rows: 100 } });
    expect(stopped!.result!.batch!.counts).toMatchObject({ new: 99, unchanged: 1 });

    const again = await sessions.resumable(page(5).url, HEADERS, 3);
    expect(again?.id).toBe('crawl-1');
    await sessions.resume(3, again!.id);
    // The tab still shows page 5: passed over, and the crawl goes on from page 6.
    let step = await sessions.page(3, page(5, 20, 200), page(5).url);
    expect(step.action).toEqual({ type: 'next' });
    for (let p = 6; step.action.type === 'next'; p++) step = await sessions.page(3, page(p, 20, 200), page(p).url);
    expect(step.view).toMatchObject({ status: 'done', reason: 'last-page' });
    expect(step.result!.batch!.counts).toMatchObject({ new: 100, unchanged: 0 });
    expect(await db.customers.count()).toBe(200);
    expect(await sessions.resumable(page(10).url, HEADERS)).toBeUndefined();
  });

  it('a crawl cut off with its tab is offered again and committed as one batch after the resume', async () => {
    const { db, capture, store, make } = await setup();
    const first = await capture.stage({
      pageUrl: URL1,
      pageTitle: '',
      frame: null,
      headers: HEADERS,
      rows: page(1).rows.slice(0, 1),
      rowLinks: [null],
    });
    await capture.commit(first.id, undefined, true);
    await make().start(4, INFO, page(1, 20, 100));
    await make().page(4, page(2, 20, 100), page(2).url);
    // Tab 4 is closed; later the user opens the list in tab 9.
    store.tabs.clear();
    const sessions = make();
    const open = await sessions.resumable(URL1, HEADERS, 9);
    expect(open).toMatchObject({ status: 'running', pages: 2, rows: 40 });
    await sessions.resume(9, open!.id);
    let step = await sessions.page(9, page(2, 20, 100), page(2).url);
    for (let p = 3; step.action.type === 'next'; p++) step = await sessions.page(9, page(p, 20, 100), page(p).url);
    expect(step.result!.batch!.counts).toMatchObject({ new: 99, unchanged: 1 });
    expect(await db.batches.count()).toBe(2);
  });

  it('a list whose markup changed mid-crawl stops cleanly and keeps what it took', async () => {
    const { db, capture, make } = await setup();
    const first = await capture.stage({
      pageUrl: URL1,
      pageTitle: '',
      frame: null,
      headers: HEADERS,
      rows: page(1).rows.slice(0, 1),
      rowLinks: [null],
    });
    await capture.commit(first.id, undefined, true);
    const sessions = make();
    await sessions.start(5, INFO, page(1));
    await sessions.page(5, page(2), page(2).url);
    const step = await sessions.page(5, null, page(3).url);
    expect(step.action).toEqual({ type: 'stop', reason: 'markup-changed' });
    expect(step.result!.batch!.counts).toMatchObject({ new: 39, unchanged: 1 });
    expect(await db.customers.count()).toBe(40);
  });
});
