// Typed messages between the portal page (content script), extension pages
// and the background. All data lives in the extension origin (DEVELOPERS.md:
// a content script's IndexedDB would be the portal's), so every read and
// write of customers goes through these messages.
import { browser } from 'wxt/browser';
import type { CapturePreview, StagedTable, UserMapping } from '../capture/types';
import type { BatchReport, WireTable } from '../capture/wire';

export type { BatchReport, CapturePreview, StagedTable, UserMapping, WireTable };

/** A preview as it travels to the preview page: its table packed (lib/capture/wire). */
export type WirePreview = Omit<CapturePreview, 'table'> & { table: WireTable };

export interface Status {
  customers: number;
  capturedToday: number;
  lastBatch: BatchReport | null;
  portalEnabled: boolean | null;
}

/** Request and response of every message, by type. */
export interface Protocol {
  'capture:stage': { req: WireTable; res: { id: string; profileMatched: boolean } };
  /**
   * Stage, and commit at once when a saved site profile matches (issue #2: a
   * confirmed profile is applied without asking): one message where stage and
   * commit would take two. `batch` is there when it was committed.
   */
  'capture:run': { req: WireTable; res: { id: string; profileMatched: boolean; batch?: BatchReport } };
  'capture:preview': { req: { id: string }; res: WirePreview | null };
  'capture:commit': { req: { id: string; mapping?: UserMapping; saveProfile: boolean }; res: BatchReport };
  'capture:undo': { req: { batchId: string }; res: { ok: true; restored: number; removed: number } | { ok: false; reason: string } };
  'capture:start': { req: { tabId: number }; res: { ok: true } | { ok: false; reason: string } };
  'status:get': { req: { origin?: string }; res: Status };
  /** Keeps the service worker (and the staged table in its memory) alive while a preview is open. */
  ping: { req: Record<string, never>; res: true };
  'portal:enable': { req: { origin: string }; res: { ok: boolean } };
  /**
   * An extension page changed customers (a follow-up, a bulk action) or the
   * reminder setting: the background counts the badge again and re-schedules
   * the morning reminder (issue #4). Also wakes a sleeping service worker.
   */
  'reminders:refresh': { req: { dueDelta?: number }; res: { due: number } };
  /** Today's follow-ups for the popup: due today, and overdue (lib/db countDue). */
  'reminders:counts': { req: Record<string, never>; res: { due: number; overdue: number } };
}

export type MessageType = keyof Protocol;
type Envelope = { [T in MessageType]: { type: T; payload: Protocol[T]['req'] } }[MessageType];
type Reply<T extends MessageType> = { ok: true; value: Protocol[T]['res'] } | { ok: false; error: string };

/** Ask the background. A handler's thrown error comes back as a rejected promise with its message. */
export async function send<T extends MessageType>(type: T, payload: Protocol[T]['req']): Promise<Protocol[T]['res']> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<T> | undefined;
  if (!reply) throw new Error(`DealerLens 后台没有响应 / no answer from the background (${type})`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type Handlers = {
  [T in MessageType]: (payload: Protocol[T]['req'], sender: { tabId?: number; url?: string }) => Promise<Protocol[T]['res']>;
};

/** Serve every message type in the background. */
export function serve(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    const envelope = message as Envelope;
    if (!envelope || typeof envelope !== 'object' || !(envelope.type in handlers)) return false;
    const handler = handlers[envelope.type] as (p: unknown, s: { tabId?: number; url?: string }) => Promise<unknown>;
    const reply = handler(envelope.payload, { tabId: sender.tab?.id, url: sender.url }).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
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
 * (issue #4: "clicking a customer finds and highlights their row on the
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
    const reply = (await browser.tabs.sendMessage(tabId, { type: 'dlq:highlight', ...who } satisfies HighlightRequest)) as HighlightReply | undefined;
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
