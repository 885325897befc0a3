// Typed messages between the portal page (content script), extension pages
// and the background. All data lives in the extension origin (docs/architecture.md#the-data-layer:
// a content script's IndexedDB would be the portal's), so every read and
// write of customers goes through these messages.
import { browser } from 'wxt/browser';
import { LETTER_MEANINGS } from '../customer';
import type { CapturePreview, StagedTable, UserLetters, UserMapping } from '../capture';
import { isWireTable, type BatchReport, type PanelReport, type WireTable } from '../capture/wire';
import type { CrawlAction, CrawlStartInfo, CrawlView, StopReason, TaughtControl } from '../crawl';
import type { IdentityColumns, OverlayEntry } from '../overlay';

export type { BatchReport, CapturePreview, StagedTable, UserMapping, WireTable };

/** A preview as it travels to the preview page: its table packed (lib/capture/wire). */
export type WirePreview = Omit<CapturePreview, 'table'> & { table: WireTable };

export interface Status {
  customers: number;
  capturedToday: number;
  lastBatch: BatchReport | null;
  portalEnabled: boolean | null;
}

/** One page of a whole-list crawl as the content script read it: its rows packed like a staged table. */
export interface WirePage {
  table: WireTable;
  hasNext: boolean;
  totalRows?: number;
  totalPages?: number;
  /** where the list is in the page (lib/crawl PageRead.place) */
  place?: string;
}

/** The background's answer to a crawl step: go on, or stopped (and what was committed). */
export interface CrawlReply {
  view: CrawlView;
  action: CrawlAction;
  result?: { batch?: PanelReport; stagedId?: string; committedRows: number };
}

/** What the background says of the tab's crawl when a page loads (the crawl:state message). */
export interface CrawlState {
  active: CrawlView | null;
  finished: CrawlReply | null;
  resumable: CrawlView | null;
}

/** Request and response of every message, by type. */
export interface Protocol {
  'capture:stage': { req: WireTable; res: { id: string; profileMatched: boolean } };
  /**
   * Stage, and commit at once when a saved site profile matches (docs/capture.md#the-path-of-a-capture: a
   * confirmed profile is applied without asking): one message where stage and
   * commit would take two. `batch` is there when it was committed.
   */
  /** `skipUnchanged`: following the portal's pages; one that changes no customer stores no batch (batch.stored false). */
  'capture:run': {
    req: WireTable & { skipUnchanged?: true };
    res: { id: string; profileMatched: boolean; batch?: BatchReport };
  };
  'capture:preview': { req: { id: string }; res: WirePreview | null };
  'capture:commit': {
    req: { id: string; mapping?: UserMapping; letters?: UserLetters; saveProfile: boolean };
    res: BatchReport;
  };
  'capture:undo': {
    req: { batchId: string };
    res: { ok: true; restored: number; removed: number } | { ok: false; reason: string };
  };
  'capture:start': { req: { tabId: number }; res: { ok: true } | { ok: false; reason: string } };
  'status:get': { req: { origin?: string }; res: Status };
  /** Keeps the service worker (and the staged table in its memory) alive while a preview is open. */
  ping: { req: Record<string, never>; res: true };
  'portal:enable': { req: { origin: string }; res: { ok: boolean } };
  /**
   * An extension page changed customers (a follow-up, a bulk action) or the
   * reminder setting: the background counts the badge again and re-schedules
   * the morning reminder (docs/workbench.md#reminders). Also wakes a sleeping service worker.
   */
  'reminders:refresh': { req: { dueDelta?: number }; res: { due: number } };
  /** Today's follow-ups for the popup: due today, and overdue (lib/db countDue). */
  'reminders:counts': { req: Record<string, never>; res: { due: number; overdue: number } };
  /**
   * A DealerLens page shown in a frame asks whether it may render: only inside
   * a portal the user enabled or just ran DealerLens on (docs/architecture.md#hostile-pages).
   * `ancestors` are the frame's ancestor origins where the browser tells them.
   */
  'frame:check': { req: { ancestors: string[] }; res: { allowed: boolean; origin: string | null } };
  /** Starts capturing every page of the list in the sender's tab, with the page it shows. */
  'crawl:start': { req: { page: WirePage; info: CrawlStartInfo }; res: CrawlReply };
  /** The next page of the tab's crawl; `page` null when the list is no longer on the page. */
  'crawl:page': { req: { page: WirePage | null; url: string }; res: CrawlReply };
  /**
   * What the tab's content script does on load: go on with a running crawl,
   * show how the last one ended (a page load may have come in between), or
   * offer to resume an unfinished crawl of this list.
   */
  'crawl:state': {
    req: { pageUrl: string; headers?: string[] };
    res: CrawlState;
  };
  'crawl:stop': { req: { reason: StopReason }; res: CrawlReply | null };
  'crawl:resume': { req: { id: string }; res: CrawlView };
  /**
   * The next-page control the user taught for this list (docs/capture.md#a-next-control-taught-with-one-click):
   * kept in its site profile, or until the list has one, on its own.
   */
  'crawl:taught': { req: { pageUrl: string; headers: string[] }; res: { control: TaughtControl | null } };
  /** Saves the control the user just taught for this list; null forgets it. */
  'crawl:teach': {
    req: { pageUrl: string; headers: string[]; control: TaughtControl | null };
    res: { saved: 'profile' | 'list' | 'forgotten' };
  };
  /**
   * The portal overlay (lib/overlay): which columns of this list identify a
   * customer, by its site profile; null where the overlay is not shown (not
   * an enabled portal, turned off for the site, or no profile for the list).
   */
  'overlay:plan': { req: { headers: string[] }; res: { columns: IdentityColumns } | null };
  /** Per row of the page, its customer's badge facts, or null (not captured, or no keys). */
  'overlay:lookup': {
    req: { keys: ({ phone?: string; vin?: string; portalId?: string } | null)[] };
    res: (OverlayEntry | null)[];
  };
  /**
   * Following the portal (docs/capture.md#following-the-portal): the list's
   * identity columns by its site profile; null where it is not followed (not
   * an enabled portal, following off for the site, or no profile).
   */
  'follow:plan': { req: { headers: string[] }; res: { columns: IdentityColumns } | null };
  /** The sender tab's tally: `add` the prints and customers of a page just stored; the prints seen and the count back. */
  'follow:tally': {
    req: { add?: { prints: string[]; customers: string[] } };
    res: { prints: string[]; count: number };
  };
}

export type MessageType = keyof Protocol;
type Reply<T extends MessageType> = { ok: true; value: Protocol[T]['res'] } | { ok: false; error: string };

/** The errors a runtime gives when the worker that would answer was stopped or restarted mid-message. */
const WORKER_GONE =
  /message channel closed|receiving end does not exist|could not establish connection|message port closed/i;
const CONTEXT_GONE = /extension context invalidated/i;

export const RESTARTED_MESSAGE =
  'DealerLens 刚刚重新启动，本次没有保存任何数据，请再操作一次 / DealerLens restarted: nothing was stored, please run it again';
export const RELOADED_MESSAGE =
  'DealerLens 已更新或重新加载，请刷新本页后再试 / DealerLens was updated or reloaded: refresh this page and try again';

/**
 * Ask the background. A handler's thrown error comes back as a rejected
 * promise with its message. When the browser stopped the service worker
 * mid-message, the message is sent once more (the worker starts again); a
 * second failure, or an extension reloaded under a page, rejects with a
 * bilingual message instead of the browser's raw English one.
 */
export async function send<T extends MessageType>(type: T, payload: Protocol[T]['req']): Promise<Protocol[T]['res']> {
  let reply: Reply<T> | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<T> | undefined;
      break;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (CONTEXT_GONE.test(text)) throw new Error(RELOADED_MESSAGE);
      if (!WORKER_GONE.test(text)) throw error;
      if (attempt > 0) throw new Error(RESTARTED_MESSAGE);
    }
  }
  if (!reply) throw new Error(`DealerLens 后台没有响应 / no answer from the background (${type})`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Who sent a message: one of DealerLens's own pages, or a content script in a web page. */
export interface Sender {
  kind: 'page' | 'content';
  tabId?: number;
  /** The sending document (an extension page, or the web page a content script runs in). */
  url?: string;
  /** The URL of the tab the sender sits in, when it sits in one. */
  tabUrl?: string;
}

export type Handlers = {
  [T in MessageType]: (payload: Protocol[T]['req'], sender: Sender) => Promise<Protocol[T]['res']>;
};

/**
 * The messages a content script may send: a content script runs inside a
 * portal page DealerLens does not control, so it may stage, capture and
 * undo a capture and ask for status, and nothing else (no settings, no
 * permissions, no reading of customers).
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set<MessageType>([
  'capture:stage',
  'capture:run',
  'capture:undo',
  'status:get',
  'ping',
  // A whole-list crawl acts on the sender's own tab and commits as a capture does.
  'crawl:start',
  'crawl:page',
  'crawl:state',
  'crawl:stop',
  'crawl:resume',
  // The list's taught next control: checked, and only for the sender's own page (lib/extension/taught.ts).
  'crawl:taught',
  'crawl:teach',
  // The overlay reads only the badge facts of the rows the page already shows, on enabled portals.
  'overlay:plan',
  'overlay:lookup',
  // Following reads the profile's identity columns and its own tab's tally; the rows go by 'capture:run'.
  'follow:plan',
  'follow:tally',
]);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isEmpty = (x: unknown) => isRecord(x) && Object.keys(x).length === 0;
const isCount = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isOptionalCount = (x: unknown) => x === undefined || isCount(x);
const isWirePage = (x: unknown) =>
  isRecord(x) &&
  isWireTable(x.table) &&
  typeof x.hasNext === 'boolean' &&
  isOptionalCount(x.totalRows) &&
  isOptionalCount(x.totalPages) &&
  (x.place === undefined || (isString(x.place) && /^\d+(\.\d+){0,199}$/.test(x.place)));
/** A selector a content script taught: short, one line (lib/crawl/taught.ts builds nothing longer). */
const isTaughtControl = (x: unknown) =>
  isRecord(x) &&
  Object.keys(x).every((k) => k === 'selector' || k === 'label') &&
  isString(x.selector) &&
  x.selector.length > 0 &&
  x.selector.length <= 500 &&
  !/[\n\r{}]/.test(x.selector) &&
  isString(x.label) &&
  x.label.length <= 100;
const isHeaders = (x: unknown) => Array.isArray(x) && x.length <= 1000 && x.every(isString);
const CRAWL_KINDS = new Set(['pager', 'load-more', 'scroll']);
const isCrawlInfo = (x: unknown) =>
  isRecord(x) &&
  isString(x.pageTitle) &&
  (x.frame === null || isString(x.frame)) &&
  CRAWL_KINDS.has(x.kind as string) &&
  isRecord(x.settings) &&
  isCount(x.settings.delayMs) &&
  isCount(x.settings.maxPages) &&
  isOptionalCount(x.totalRows) &&
  isOptionalCount(x.totalPages) &&
  (x.restorePageSize === undefined || isString(x.restorePageSize)) &&
  (x.noMinimumDelay === undefined || typeof x.noMinimumDelay === 'boolean') &&
  (x.nextControl === undefined || isTaughtControl(x.nextControl));
const STOP_REASON_NAMES = new Set([
  'last-page',
  'no-new-rows',
  'page-seen',
  'pager-stuck',
  'cap',
  'navigated-away',
  'markup-changed',
  'no-next',
  'user',
  'error',
]);

/** A page of rows at most: a portal set to show all rarely passes a few thousand. */
const MAX_OVERLAY_ROWS = 10_000;
const isKey = (x: unknown) => x === undefined || (isString(x) && x.length > 0 && x.length <= 500);
const isRowKeys = (x: unknown) =>
  x === null ||
  (isRecord(x) &&
    Object.keys(x).every((k) => k === 'phone' || k === 'vin' || k === 'portalId') &&
    isKey(x.phone) &&
    isKey(x.vin) &&
    isKey(x.portalId));

/** A page's row fingerprints (lib/overlay/follow): short strings, at most a page's rows. */
const isPrints = (x: unknown) =>
  Array.isArray(x) && x.length <= MAX_OVERLAY_ROWS && x.every((s) => isString(s) && s.length > 0 && s.length <= 32);

/** Each message's payload, checked before its handler sees it. */
const PAYLOAD_CHECKS: { [T in MessageType]: (payload: unknown) => boolean } = {
  'capture:stage': isWireTable,
  'capture:run': (p) => isWireTable(p) && isRecord(p) && (p.skipUnchanged === undefined || p.skipUnchanged === true),
  'capture:preview': (p) => isRecord(p) && isString(p.id),
  'capture:commit': (p) =>
    isRecord(p) &&
    isString(p.id) &&
    typeof p.saveProfile === 'boolean' &&
    (p.mapping === undefined ||
      (Array.isArray(p.mapping) &&
        p.mapping.every((m) => isRecord(m) && Number.isInteger(m.index) && (m.field === null || isString(m.field))))) &&
    (p.letters === undefined ||
      (isRecord(p.letters) &&
        Object.values(p.letters).every((m) => (LETTER_MEANINGS as readonly unknown[]).includes(m)))),
  'capture:undo': (p) => isRecord(p) && isString(p.batchId),
  'capture:start': (p) => isRecord(p) && Number.isInteger(p.tabId),
  'status:get': (p) => isRecord(p) && (p.origin === undefined || isString(p.origin)),
  ping: isEmpty,
  'portal:enable': (p) => isRecord(p) && isString(p.origin),
  'reminders:refresh': (p) =>
    isRecord(p) && (p.dueDelta === undefined || (typeof p.dueDelta === 'number' && Number.isFinite(p.dueDelta))),
  'reminders:counts': isEmpty,
  'frame:check': (p) => isRecord(p) && Array.isArray(p.ancestors) && p.ancestors.every(isString),
  'crawl:start': (p) => isRecord(p) && isWirePage(p.page) && isCrawlInfo(p.info),
  'crawl:page': (p) => isRecord(p) && (p.page === null || isWirePage(p.page)) && isString(p.url),
  'crawl:state': (p) =>
    isRecord(p) &&
    isString(p.pageUrl) &&
    (p.headers === undefined || (Array.isArray(p.headers) && p.headers.every(isString))),
  'crawl:stop': (p) => isRecord(p) && STOP_REASON_NAMES.has(p.reason as string),
  'crawl:resume': (p) => isRecord(p) && isString(p.id),
  'crawl:taught': (p) => isRecord(p) && isString(p.pageUrl) && isHeaders(p.headers),
  'crawl:teach': (p) =>
    isRecord(p) && isString(p.pageUrl) && isHeaders(p.headers) && (p.control === null || isTaughtControl(p.control)),
  'overlay:plan': (p) =>
    isRecord(p) && Array.isArray(p.headers) && p.headers.length <= 1000 && p.headers.every(isString),
  'overlay:lookup': (p) =>
    isRecord(p) && Array.isArray(p.keys) && p.keys.length <= MAX_OVERLAY_ROWS && p.keys.every(isRowKeys),
  'follow:plan': (p) =>
    isRecord(p) && Array.isArray(p.headers) && p.headers.length <= 1000 && p.headers.every(isString),
  'follow:tally': (p) =>
    isRecord(p) &&
    (p.add === undefined ||
      (isRecord(p.add) && isPrints(p.add.prints) && isPrints(p.add.customers) && Object.keys(p.add).length === 2)) &&
    Object.keys(p).every((k) => k === 'add'),
};

const EXTENSION_SCHEME = /^(?:chrome|moz|safari-web|ms-browser)-extension:/;

/**
 * The message's type when `sender` may send it with this payload, else the
 * reason it is refused. Pure, so the rule is tested without a browser.
 */
export function admitMessage(
  message: unknown,
  sender: Sender,
): { ok: true; type: MessageType } | { ok: false; error: string } {
  if (!isRecord(message) || !isString(message.type) || !(message.type in PAYLOAD_CHECKS))
    return { ok: false, error: 'unknown message' };
  const type = message.type as MessageType;
  if (sender.kind === 'content' && !CONTENT_SCRIPT_MESSAGES.has(type))
    return { ok: false, error: `DealerLens 拒绝了来自网页的请求 / refused from a web page: ${type}` };
  if (!PAYLOAD_CHECKS[type](message.payload))
    return { ok: false, error: `DealerLens 收到格式不对的请求 / malformed request: ${type}` };
  return { ok: true, type };
}

/** A runtime sender as DealerLens sees it; null for another extension's. */
export function senderOf(
  sender: { id?: string; url?: string; tab?: { id?: number; url?: string } },
  ownId: string,
): Sender | null {
  // runtime.onMessage hears only this extension (others reach onMessageExternal); the id is checked as well where the runtime gives it.
  if (sender.id !== undefined && sender.id !== ownId) return null;
  const kind = sender.url && EXTENSION_SCHEME.test(sender.url) ? 'page' : 'content';
  return { kind, tabId: sender.tab?.id, url: sender.url, tabUrl: sender.tab?.url };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Serve every message type in the background. `errorText` words a handler's
 * error for the user (the background passes lib/db's, which says a full disk
 * in Chinese and English); this module stays free of lib/db, since the
 * content script imports it.
 */
export function serve(handlers: Handlers, errorText: (error: unknown) => string = messageOf): void {
  browser.runtime.onMessage.addListener((message: unknown, runtimeSender, sendResponse) => {
    if (!isRecord(message) || !isString(message.type) || !(message.type in handlers)) return false;
    const sender = senderOf(runtimeSender, browser.runtime.id);
    if (!sender) return false;
    const admitted = admitMessage(message, sender);
    const reply = (
      admitted.ok
        ? (handlers[admitted.type] as (p: unknown, s: Sender) => Promise<unknown>)(message.payload, sender)
        : Promise.reject(new Error(admitted.error))
    ).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error: errorText(error) }),
    );
    // Chrome answers through sendResponse (true keeps the channel open);
    // promise-style runtimes (Firefox, the test fake) take the returned promise.
    if (typeof sendResponse !== 'function') return reply;
    void reply.then(sendResponse);
    return true;
  });
}

/** Messages the background sends to a tab's content script. */
/** Commands from the popup or background to the content script of a tab. */
export type TabCommand = { type: 'dl:open' } | { type: 'dl:workbench' };

export async function sendToTab(tabId: number, command: TabCommand): Promise<void> {
  await browser.tabs.sendMessage(tabId, command);
}

export function onTabCommand(listener: (command: TabCommand) => void): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as TabCommand;
    if (m && typeof m === 'object' && typeof m.type === 'string' && m.type.startsWith('dl:')) listener(m);
    return false;
  });
}

/**
 * The side panel asks the portal tab to find and highlight a customer's row
 * (docs/workbench.md#reminders: "clicking a customer finds and highlights their row on the
 * portal page when it is there"). Its own prefix, so onTabCommand ignores it.
 */
export interface HighlightRequest {
  type: 'dlq:highlight';
  phone?: string;
  name?: string;
}

export interface HighlightReply {
  found: boolean;
}

/** Asks the tab's content script; `found: false` also when no DealerLens script runs in that tab. */
export async function askTabToHighlight(tabId: number, who: Omit<HighlightRequest, 'type'>): Promise<HighlightReply> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, {
      type: 'dlq:highlight',
      ...who,
    } satisfies HighlightRequest)) as HighlightReply | undefined;
    return { found: reply?.found === true };
  } catch {
    return { found: false };
  }
}

/** In the content script: answers highlight requests. */
export function onHighlightRequest(handler: (request: HighlightRequest) => HighlightReply): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const m = message as HighlightRequest;
    if (!m || typeof m !== 'object' || m.type !== 'dlq:highlight') return false;
    const reply = handler(m);
    if (typeof sendResponse === 'function') sendResponse(reply);
    return false;
  });
}

/**
 * After an extension page changed customers: the badge follows. `dueDelta`
 * is how the change moved today's due count when the page knows it (one
 * follow-up: -1, 0 or +1), so the badge moves without a full count first.
 * Never throws (no background in tests).
 */
export async function notifyCustomersChanged(dueDelta?: number): Promise<void> {
  try {
    await send('reminders:refresh', dueDelta === undefined ? {} : { dueDelta });
  } catch {
    // the background recounts at the next change or at midnight anyway
  }
}
