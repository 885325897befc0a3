/** @vitest-environment happy-dom */
// Following the portal (components/portal-follow): the rows the user pages
// through are captured once the page is quiet, each row once as it shows,
// never while the list loads or the user types, with a quiet count; a failed
// store loses nothing. The page's clock and timers are the test's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findTables } from '../../lib/scrape';
import { looksLikeCustomerList } from '../../lib/capture/judge';
import type { StagedTable } from '../../lib/capture/types';
import { addToTally, EMPTY_TALLY, type FollowTally } from '../../lib/overlay/follow';
import { PortalFollow, type FollowDeps, type FollowLine } from '../../components/portal-follow/PortalFollow';

const HEADERS = ['客户编号', '客户姓名', '手机号码', '意向级别'];
const COLUMNS = { phone: [2], vin: [], portalId: [0] };

const customer = (i: number, grade = 'H') => [`KH${1000 + i}`, `客户${i}`, `138${String(10000000 + i)}`, grade];

const listHtml = (rows: string[][]): string => {
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table id="list"><thead><tr>${HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
};
function render(rows: string[][], extra = '', doc: Document = document): void {
  doc.body.innerHTML = `${listHtml(rows)}${extra}`;
}
const pageOf = (n: number, size = 5) => Array.from({ length: size }, (_, i) => customer(n * size + i));

let captured: StagedTable[];
let tally: FollowTally;
let lines: (FollowLine | null)[];
let failNext = 0;
let crawling = false;
let planned: { columns: typeof COLUMNS } | null;
let asked: { skipUnchanged: true }[];
/** The customers (first cells) the store holds as they were sent: a page of only those changes nothing. */
let stored: Set<string>;

function deps(): FollowDeps {
  return {
    findTables: () => findTables(document),
    isCustomerList: looksLikeCustomerList,
    plan: async () => planned,
    capture: async (table, options) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('磁盘已满 / the disk is full');
      }
      captured.push(table);
      asked.push(options);
      const fresh = table.rows.filter((r) => !stored.has(r.join('|'))).length;
      for (const r of table.rows) stored.add(r.join('|'));
      return {
        batch: {
          id: `b${captured.length}`,
          counts: { new: fresh, updated: 0, unchanged: table.rows.length - fresh, rejected: 0 },
          rejected: [],
          ...(fresh === 0 && { stored: false }),
        } as never,
      };
    },
    tally: async (add) => {
      if (add) tally = addToTally(tally, add);
      return { prints: tally.prints, count: tally.customers.length };
    },
    crawling: () => crawling,
    show: (line) => lines.push(line),
    now: () => Date.now(),
  };
}

/** Time passes on the page: its timers fire. */
async function later(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

const rowsCaptured = () => captured.flatMap((t) => t.rows.map((r) => r[0]));
const lastLine = () => lines[lines.length - 1];

let follow: PortalFollow;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  captured = [];
  tally = EMPTY_TALLY;
  lines = [];
  failNext = 0;
  crawling = false;
  planned = { columns: COLUMNS };
  asked = [];
  stored = new Set();
  render(pageOf(0));
  follow = new PortalFollow(document, deps());
});

afterEach(() => {
  follow.stop();
  vi.useRealTimers();
});

describe('following the portal', () => {
  it("captures the page's rows once the page is quiet, and says how many customers it followed", async () => {
    follow.start();
    await later(100);
    expect(captured).toHaveLength(0);
    await later(500);
    expect(rowsCaptured()).toEqual(pageOf(0).map((r) => r[0]));
    expect(captured[0]!.headers).toEqual(HEADERS);
    expect(lastLine()).toEqual({ kind: 'info', text: { zh: '已跟随采集 5 位客户', en: 'Followed 5' } });
  });

  it('captures each page paged to in place, and nothing for a re-render of rows already captured', async () => {
    follow.start();
    await later(600);
    render(pageOf(1));
    await later(600);
    render(pageOf(2));
    await later(600);
    expect(captured).toHaveLength(3);
    expect(rowsCaptured()).toEqual([0, 1, 2].flatMap((n) => pageOf(n).map((r) => r[0])));
    // Paging back, or the portal drawing the same rows again: nothing new.
    render(pageOf(1));
    await later(600);
    render(pageOf(1));
    await later(600);
    expect(captured).toHaveLength(3);
    expect(lastLine()?.text.zh).toBe('已跟随采集 15 位客户');
  });

  it('sends a row again when a cell changed, without counting its customer twice', async () => {
    follow.start();
    await later(600);
    const rows = pageOf(0);
    rows[2] = customer(2, 'A');
    render(rows);
    await later(600);
    expect(captured).toHaveLength(2);
    expect(captured[1]!.rows).toEqual([customer(2, 'A')]);
    expect(lastLine()?.text.zh).toBe('已跟随采集 5 位客户');
  });

  it('waits while the portal shows its loading mask, and reads the page once it is gone', async () => {
    render(pageOf(0), '<div class="el-loading-mask">加载中</div>');
    follow.start();
    await later(2_000);
    expect(captured).toHaveLength(0);
    render(pageOf(0));
    await later(600);
    expect(captured).toHaveLength(1);
  });

  it('never reads a list the user is editing in place, nor while they type in a form over it', async () => {
    render(pageOf(0).map((r, i) => (i === 1 ? [r[0]!, `<input value="${r[1]}">`, r[2]!, r[3]!] : r)));
    follow.start();
    await later(2_000);
    expect(captured).toHaveLength(0);
    render(pageOf(0), '<div role="dialog"><textarea id="note"></textarea></div>');
    (document.getElementById('note') as HTMLTextAreaElement).focus();
    await later(2_000);
    expect(captured).toHaveLength(0);
    (document.getElementById('note') as HTMLTextAreaElement).blur();
    await later(600);
    expect(captured).toHaveLength(1);
  });

  it('reads past a search box the page focused on load, but not one the user is typing in', async () => {
    render(pageOf(0), '<input id="q" type="text">');
    const q = document.getElementById('q') as HTMLInputElement;
    q.focus();
    q.value = '客户';
    follow.start();
    await later(2_000);
    expect(captured).toHaveLength(0);
    q.value = '';
    await later(600);
    expect(captured).toHaveLength(1);
  });

  it('captures nothing on a list without a site profile, while the whole-list capture runs, or on an empty list', async () => {
    planned = null;
    follow.start();
    await later(600);
    expect(captured).toHaveLength(0);
    follow.stop();
    planned = { columns: COLUMNS };
    crawling = true;
    follow = new PortalFollow(document, deps());
    follow.start();
    await later(600);
    expect(captured).toHaveLength(0);
    crawling = false;
    render([]);
    await later(600);
    expect(captured).toHaveLength(0);
  });

  it('shows nothing on a list without a profile, and follows it from its next change once it has one', async () => {
    planned = null;
    follow.start();
    await later(600);
    expect(captured).toHaveLength(0);
    expect(lines).toEqual([]);
    // The user captured the list by hand: its mapping is now the site profile.
    planned = { columns: COLUMNS };
    render(pageOf(1));
    await later(600);
    expect(rowsCaptured()).toEqual(pageOf(1).map((r) => r[0]));
    expect(lastLine()?.text.zh).toBe('已跟随采集 5 位客户');
  });

  it('counts a page the user captured by hand as followed, and sends it no second time', async () => {
    planned = null;
    follow.start();
    await later(600);
    // The panel's 抓取 with its preview confirmed: the list now has a profile, and its rows are stored.
    planned = { columns: COLUMNS };
    await follow.capturedByHand(findTables(document).find(looksLikeCustomerList)!);
    expect(lastLine()?.text.zh).toBe('已跟随采集 5 位客户');
    render(pageOf(0));
    await later(600);
    expect(captured).toHaveLength(0);
    render(pageOf(1));
    await later(600);
    expect(rowsCaptured()).toEqual(pageOf(1).map((r) => r[0]));
    expect(lastLine()?.text.zh).toBe('已跟随采集 10 位客户');
  });

  it('says quietly when a page could not be stored, and stores it at the next try: nothing is lost', async () => {
    failNext = 1;
    follow.start();
    await later(600);
    expect(captured).toHaveLength(0);
    expect(lastLine()?.kind).toBe('error');
    expect(lastLine()?.text.zh).toContain('磁盘已满');
    expect(lastLine()?.text.en).toContain('the disk is full');
    await later(3_000);
    expect(rowsCaptured()).toEqual(pageOf(0).map((r) => r[0]));
    expect(lastLine()).toEqual({ kind: 'info', text: { zh: '已跟随采集 5 位客户', en: 'Followed 5' } });
  });

  it("goes on from the tab's tally after a page load: rows captured before are not sent again", async () => {
    follow.start();
    await later(600);
    follow.stop();
    // The server pager's next page: a new document, a new script, the same tab.
    render([...pageOf(0).slice(0, 2), ...pageOf(1)]);
    follow = new PortalFollow(document, deps());
    follow.start();
    await later(600);
    expect(captured).toHaveLength(2);
    expect(captured[1]!.rows.map((r) => r[0])).toEqual(pageOf(1).map((r) => r[0]));
    expect(lastLine()?.text.zh).toBe('已跟随采集 10 位客户');
  });

  it('captures nothing once switched off, and takes its line away', async () => {
    follow.start();
    await later(600);
    follow.stop();
    expect(lastLine()).toBeNull();
    render(pageOf(1));
    await later(2_000);
    expect(captured).toHaveLength(1);
  });
});

describe('following a page that changed nothing', () => {
  it('asks for no batch where the page changed no customer, and counts its customers as seen all the same', async () => {
    // The page was captured by hand before following was turned on: every row is stored as it shows.
    for (const r of pageOf(0)) stored.add(r.join('|'));
    follow.start();
    await later(600);
    expect(asked).toEqual([{ skipUnchanged: true }]);
    expect(lastLine()?.text.zh).toBe('已跟随采集 5 位客户');
    // Seen: the same rows drawn again are not sent a second time.
    render(pageOf(0));
    await later(600);
    expect(captured).toHaveLength(1);
  });
});

describe('following a list inside a frame', () => {
  /** The portal's shell with its list in a same-origin iframe, loaded. */
  async function shell(rows: string[][]): Promise<HTMLIFrameElement> {
    document.body.innerHTML = '<div class="menu">客户管理</div><iframe id="mainFrame" name="mainFrame"></iframe>';
    const frame = document.getElementById('mainFrame') as HTMLIFrameElement;
    await loaded(frame, () => (frame.srcdoc = `<body>${listHtml(rows)}</body>`));
    return frame;
  }
  async function loaded(frame: HTMLIFrameElement, go: () => void): Promise<void> {
    const load = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    go();
    await vi.waitFor(() => load, { timeout: 1_000 });
    await load;
  }

  it('captures a page paged in place inside the iframe, with the count on the top page', async () => {
    const frame = await shell(pageOf(0));
    follow.start();
    await later(600);
    expect(rowsCaptured()).toEqual(pageOf(0).map((r) => r[0]));
    expect(captured[0]!.frame).toContain('mainFrame');
    // The frame's own script draws the next page: only the frame's document changes.
    render(pageOf(1), '', frame.contentDocument!);
    await later(600);
    expect(rowsCaptured()).toEqual([0, 1].flatMap((n) => pageOf(n).map((r) => r[0])));
    expect(lastLine()).toEqual({ kind: 'info', text: { zh: '已跟随采集 10 位客户', en: 'Followed 10' } });
  });

  it("captures the frame's next page loaded by its server pager (a new document), and a page drawn in it after", async () => {
    const frame = await shell(pageOf(0));
    follow.start();
    await later(600);
    await loaded(frame, () => (frame.srcdoc = `<body>${listHtml(pageOf(1))}</body>`));
    await later(600);
    expect(rowsCaptured()).toEqual([0, 1].flatMap((n) => pageOf(n).map((r) => r[0])));
    // The new document is watched too.
    render(pageOf(2), '', frame.contentDocument!);
    await later(600);
    expect(captured).toHaveLength(3);
    expect(lastLine()?.text.zh).toBe('已跟随采集 15 位客户');
  });

  it('waits while the user types in a field of the framed list', async () => {
    const frame = await shell(
      pageOf(0).map((r, i) => (i === 1 ? [r[0]!, `<input value="${r[1]}">`, r[2]!, r[3]!] : r)),
    );
    follow.start();
    await later(2_000);
    expect(captured).toHaveLength(0);
    render(pageOf(0), '', frame.contentDocument!);
    await later(600);
    expect(captured).toHaveLength(1);
  });
});
