// After a click on the pager: another page, a page on its way, or a click that
// did nothing, decided from what the page showed and when (times passed in).
import { describe, expect, it } from 'vitest';
import { afterClickVerdict, endCrawl, startCrawl, DEFAULT_CRAWL_SETTINGS, type AfterClick } from '../../../lib/crawl';

const limits = { quietMs: 1_200, silentMs: 4_000, timeoutMs: 15_000 };
const clicked = (over: Partial<AfterClick> = {}): AfterClick => ({
  clickedAt: 1_000,
  rowsChanged: false,
  navigating: false,
  busy: false,
  ...over,
});

describe('afterClickVerdict', () => {
  it('other rows: the list moved on, at once', () => {
    expect(afterClickVerdict(clicked({ rowsChanged: true, lastMutationAt: 1_060 }), 1_070, limits)).toEqual({
      type: 'changed',
    });
  });

  it('the same rows re-rendered, then the page quiet for the settle window: the pager did not move', () => {
    const s = clicked({ lastMutationAt: 1_060 });
    expect(afterClickVerdict(s, 1_100, limits)).toEqual({ type: 'wait', ms: 1_160 });
    expect(afterClickVerdict(s, 2_259, limits)).toEqual({ type: 'wait', ms: 1 });
    expect(afterClickVerdict(s, 2_260, limits)).toEqual({ type: 'stuck' });
  });

  it('a change during the window starts it again', () => {
    expect(afterClickVerdict(clicked({ lastMutationAt: 2_000 }), 2_260, limits)).toEqual({ type: 'wait', ms: 940 });
    expect(afterClickVerdict(clicked({ lastMutationAt: 2_000 }), 3_200, limits)).toEqual({ type: 'stuck' });
  });

  it('nothing changed at all: waits longer (a request with no sign), then the click did nothing', () => {
    expect(afterClickVerdict(clicked(), 2_500, limits)).toEqual({ type: 'wait', ms: 2_500 });
    expect(afterClickVerdict(clicked(), 5_000, limits)).toEqual({ type: 'stuck' });
  });

  it('the same page number after the click and no mask: stuck; on the next number: its rows are on their way', () => {
    const same = clicked({ lastMutationAt: 1_060, pageBefore: 3, pageNow: 3 });
    expect(afterClickVerdict(same, 3_000, limits)).toEqual({ type: 'stuck' });
    const moved = clicked({ lastMutationAt: 1_060, pageBefore: 3, pageNow: 4 });
    expect(afterClickVerdict(moved, 3_000, limits)).toEqual({ type: 'wait', ms: 1_200 });
    expect(afterClickVerdict(moved, 16_000, limits)).toEqual({ type: 'timeout' });
  });

  it('a loading mask or a page load on its way: waits, up to the longest wait', () => {
    expect(afterClickVerdict(clicked({ busy: true, lastMutationAt: 1_060 }), 9_000, limits)).toEqual({
      type: 'wait',
      ms: 1_200,
    });
    expect(afterClickVerdict(clicked({ navigating: true }), 15_500, limits)).toEqual({ type: 'wait', ms: 500 });
    expect(afterClickVerdict(clicked({ navigating: true }), 16_000, limits)).toEqual({ type: 'timeout' });
  });

  it('never waits past the longest wait', () => {
    expect(afterClickVerdict(clicked({ lastMutationAt: 15_900 }), 15_950, limits)).toEqual({ type: 'wait', ms: 50 });
  });
});

describe('a crawl stopped by a pager that did not move', () => {
  it('is not finished: it can be resumed once the next control is right', () => {
    const meta = startCrawl({
      id: 'c1',
      pageUrl: 'http://dms.example.com/crm/list.do',
      pageTitle: '客户列表',
      frame: null,
      headers: ['客户姓名'],
      kind: 'pager',
      settings: DEFAULT_CRAWL_SETTINGS,
      now: new Date('2026-12-01T10:00:00Z'),
    });
    const ended = endCrawl(meta, 'pager-stuck', new Date('2026-12-01T10:00:05Z'));
    expect(ended.status).toBe('stopped');
    expect(ended.reason).toBe('pager-stuck');
  });
});
