// A whole-list crawl's progress and rows in browser.storage.local: the
// service worker may be stopped between two pages and the content script is
// gone after each full page load, so nothing of a crawl lives in memory only.
import { browser } from 'wxt/browser';
import type { CrawlMeta, CrawlSessions, CrawlStep, CrawlStore, PageRead, PageRows } from '../crawl';
import { panelReport, reportOf, unpackTable } from '../capture/wire';
import { CRAWL_SETTINGS, type StoredCrawlSettings } from '../settings';
import type { CrawlReply, Handlers, WirePage } from './messages';
import { CAPTURE_SCRIPT, isPortalEnabled } from './portal';
import { localSettings } from './storage';

const PREFIX = 'dlcrawl:';
const INDEX = `${PREFIX}index`;
const metaKey = (id: string) => `${PREFIX}meta:${id}`;
const rowsKey = (id: string, n: number) => `${PREFIX}rows:${id}:${String(n).padStart(6, '0')}`;
const tabKey = (tabId: number) => `${PREFIX}tab:${tabId}`;

async function get<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.local.get(key))[key] as T | undefined;
}

async function ids(): Promise<string[]> {
  return (await get<string[]>(INDEX)) ?? [];
}

/**
 * The store is the truth (the worker may be stopped between two pages); this
 * worker is its only writer, so what it wrote or read is kept in memory too
 * and a page of a crawl costs one write, not a read before every write.
 */
export class StorageCrawlStore implements CrawlStore {
  private readonly metas = new Map<string, CrawlMeta>();
  private readonly tabs = new Map<number, string | null>();
  private index: string[] | null = null;

  private async ids(): Promise<string[]> {
    this.index ??= await ids();
    return this.index;
  }

  async getMeta(id: string): Promise<CrawlMeta | undefined> {
    const known = this.metas.get(id);
    if (known) return known;
    const meta = await get<CrawlMeta>(metaKey(id));
    if (meta) this.metas.set(id, meta);
    return meta;
  }

  async putMeta(meta: CrawlMeta): Promise<void> {
    const known = await this.ids();
    const fresh = !known.includes(meta.id);
    if (fresh) this.index = [...known, meta.id];
    this.metas.set(meta.id, meta);
    await browser.storage.local.set({
      [metaKey(meta.id)]: meta,
      ...(fresh ? { [INDEX]: this.index } : {}),
    });
  }

  async putPage(meta: CrawlMeta, n: number, rows: PageRows): Promise<void> {
    const known = await this.ids();
    const fresh = !known.includes(meta.id);
    // One set: the storage writes both keys or neither; the memory follows only what was written.
    await browser.storage.local.set({
      [rowsKey(meta.id, n)]: rows,
      [metaKey(meta.id)]: meta,
      ...(fresh ? { [INDEX]: [...known, meta.id] } : {}),
    });
    if (fresh) this.index = [...known, meta.id];
    this.metas.set(meta.id, meta);
  }

  async rows(id: string): Promise<PageRows[]> {
    const meta = await this.getMeta(id);
    if (!meta) return [];
    const keys = Array.from({ length: meta.pages }, (_, i) => rowsKey(id, i + 1));
    const found = keys.length ? await browser.storage.local.get(keys) : {};
    // A page that brought no new row has no rows written.
    return keys.map((k) => found[k] as PageRows | undefined).filter((p): p is PageRows => p !== undefined);
  }

  async listMetas(): Promise<CrawlMeta[]> {
    const known = await this.ids();
    if (known.length === 0) return [];
    const found = await browser.storage.local.get(known.map(metaKey));
    return known
      .map((id) => found[metaKey(id)] as CrawlMeta | undefined)
      .filter((m): m is CrawlMeta => m !== undefined);
  }

  async tabCrawl(tabId: number): Promise<string | undefined> {
    if (!this.tabs.has(tabId)) this.tabs.set(tabId, (await get<string>(tabKey(tabId))) ?? null);
    return this.tabs.get(tabId) ?? undefined;
  }

  async setTabCrawl(tabId: number, id: string | undefined): Promise<void> {
    this.tabs.set(tabId, id ?? null);
    if (id === undefined) await browser.storage.local.remove(tabKey(tabId));
    else await browser.storage.local.set({ [tabKey(tabId)]: id });
  }

  async dropRows(id: string): Promise<void> {
    const meta = await this.getMeta(id);
    const pages = meta?.pages ?? 0;
    if (pages > 0) await browser.storage.local.remove(Array.from({ length: pages }, (_, i) => rowsKey(id, i + 1)));
  }

  async remove(id: string): Promise<void> {
    await this.dropRows(id);
    this.metas.delete(id);
    this.index = (await this.ids()).filter((x) => x !== id);
    await browser.storage.local.remove(metaKey(id));
    await browser.storage.local.set({ [INDEX]: this.index });
  }
}

/** The user's crawl settings (delay between pages, page cap), as last set in the panel, over `fallback`. */
export async function loadCrawlSettings<T>(fallback: T): Promise<T> {
  try {
    return { ...fallback, ...(await localSettings.get(CRAWL_SETTINGS)) };
  } catch {
    return fallback;
  }
}

export async function saveCrawlSettings<T extends StoredCrawlSettings>(settings: T): Promise<void> {
  await localSettings.set(CRAWL_SETTINGS, settings);
}

/** How the tab's last crawl ended, kept a minute so the page after a reload can still say it. */
const FINISHED_MS = 60_000;
const finishedKey = (tabId: number) => `${PREFIX}finished:${tabId}`;
type Finished = { at: number; reply: CrawlReply };

function toWire(step: CrawlStep): CrawlReply {
  const reply: CrawlReply = { view: step.view, action: step.action };
  if (step.result) {
    const { batch, ...rest } = step.result;
    // The panel in the portal page gets counts, never the rejected rows' contents.
    reply.result = batch ? { ...rest, batch: panelReport(reportOf(batch)) } : rest;
  }
  return reply;
}

function pageOf(page: WirePage): PageRead {
  const table = unpackTable(page.table);
  const read: PageRead = {
    url: table.pageUrl,
    headers: table.headers,
    rows: table.rows,
    rowLinks: table.rowLinks,
    hasNext: page.hasNext,
  };
  if (page.totalRows !== undefined) read.totalRows = page.totalRows;
  if (page.totalPages !== undefined) read.totalPages = page.totalPages;
  if (page.place !== undefined) read.place = page.place;
  return read;
}

function requireTab(tabId: number | undefined): number {
  if (tabId === undefined) throw new Error('只能在页面里抓取全部页 / a whole-list capture runs in a portal tab');
  return tabId;
}

/**
 * The background's side of a crawl: the message handlers, and a watch on the
 * tab so that a page loaded by the pager gets the capture script again when
 * the portal is not registered (a one-off capture through activeTab).
 */
export function crawlService(
  crawls: CrawlSessions,
): Pick<Handlers, 'crawl:start' | 'crawl:page' | 'crawl:state' | 'crawl:stop' | 'crawl:resume'> {
  // How each tab's last crawl ended, as written to storage by this worker
  // (null: nothing kept): a page load of a crawl asks without a storage read.
  const finishedOf = new Map<number, Finished | null>();
  const ended = async (tabId: number, step: CrawlStep): Promise<CrawlReply> => {
    const reply = toWire(step);
    if (step.action.type === 'stop') {
      const kept: Finished = { at: Date.now(), reply };
      finishedOf.set(tabId, kept);
      await browser.storage.local.set({ [finishedKey(tabId)]: kept });
    }
    return reply;
  };
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete') return;
    void crawls.active(tabId).then(async (meta) => {
      // A portal the user enabled has its script registered, already running: injecting it again costs the page time.
      if (!meta || (tab.url && (await isPortalEnabled(tab.url)))) return;
      try {
        await browser.scripting.executeScript({ target: { tabId }, files: [CAPTURE_SCRIPT] });
      } catch {
        // Not ours to script any more (another site, or the grant ended): stop and keep what was taken.
        const step = await crawls.stop(tabId, 'navigated-away');
        if (step) await ended(tabId, step);
      }
    });
  });
  // A tab's crawl messages are taken one at a time, in the order they came:
  // the page script clicks the next page while its last page is being
  // stored, so the next page's script may ask before that store is done.
  const queues = new Map<number, Promise<unknown>>();
  const inTurn = <T>(tabId: number, run: () => Promise<T>): Promise<T> => {
    const before = queues.get(tabId) ?? Promise.resolve();
    const mine = before.then(run, run);
    const tail = mine.catch(() => undefined);
    queues.set(tabId, tail);
    void tail.then(() => {
      if (queues.get(tabId) === tail) queues.delete(tabId);
    });
    return mine;
  };
  return {
    'crawl:start': async ({ page, info }, sender) => {
      const tabId = requireTab(sender.tabId);
      return inTurn(tabId, async () => ended(tabId, await crawls.start(tabId, info, pageOf(page))));
    },
    'crawl:page': async ({ page, url }, sender) => {
      const tabId = requireTab(sender.tabId);
      return inTurn(tabId, async () => {
        try {
          return await ended(tabId, await crawls.page(tabId, page && pageOf(page), url));
        } catch (error) {
          // The page script may have gone on to the next page already: the
          // crawl stops here, keeping what it took, and that page says why.
          const step = await crawls.stop(tabId, 'error').catch(() => undefined);
          if (step) await ended(tabId, step).catch(() => undefined);
          throw error;
        }
      });
    },
    'crawl:state': async ({ pageUrl, headers }, sender) => {
      const tabId = requireTab(sender.tabId);
      return inTurn(tabId, async () => {
        const key = finishedKey(tabId);
        const known = finishedOf.get(tabId);
        const [active, stored] = await Promise.all([
          crawls.active(tabId),
          known !== undefined ? { [key]: known ?? undefined } : browser.storage.local.get(key),
        ]);
        const kept = stored[key] as Finished | undefined;
        finishedOf.set(tabId, null);
        if (kept) await browser.storage.local.remove(key);
        const finished = kept && Date.now() - kept.at < FINISHED_MS ? kept.reply : null;
        const resumable = !active && headers ? await crawls.resumable(pageUrl, headers, tabId) : undefined;
        return {
          active: active ? crawls.view(active) : null,
          finished,
          resumable: resumable ? crawls.view(resumable) : null,
        };
      });
    },
    'crawl:stop': async ({ reason }, sender) => {
      const tabId = requireTab(sender.tabId);
      return inTurn(tabId, async () => {
        const step = await crawls.stop(tabId, reason);
        return step ? ended(tabId, step) : null;
      });
    },
    'crawl:resume': async ({ id }, sender) => {
      const tabId = requireTab(sender.tabId);
      return inTurn(tabId, () => crawls.resume(tabId, id));
    },
  };
}
