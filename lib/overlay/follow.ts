// Following the portal (docs/capture.md#following-the-portal): on a profiled
// list, the rows the user pages through are captured in the background. Pure:
// which rows of a page to send, when the page has settled enough to read, and
// the tab's tally of what was followed. The page, its times and the stored
// tally come in.
import { keysId, rowKeysOf } from './keys';
import type { IdentityColumns } from './types';

/**
 * A short, stable fingerprint of a text: two 32-bit FNV-1a hashes with
 * different offsets, in base 36 (about 13 characters). The tally keeps
 * thousands of them, so not the rows' text (nor their mobiles) itself.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36);
}

/** A row as the portal shows it (its cells and detail link): any changed cell is another print. */
export function rowPrint(cells: readonly string[], link?: string | null): string {
  return fingerprint(`${cells.join('\u0001')}\u0002${link ?? ''}`);
}

export interface FollowPick {
  /** the page's rows to capture, by index: not captured before as they show now */
  rows: number[];
  /** their prints, to remember once they are stored */
  prints: string[];
  /** the customers they name (a fingerprint of their identity keys); rows without keys name none */
  customers: string[];
}

/**
 * The rows of a page to capture: every row not already captured exactly as
 * it shows now (a row seen before with a changed cell goes again), each
 * print once even where the portal shows a row twice.
 */
export function rowsToFollow(
  table: { rows: readonly (readonly string[])[]; rowLinks: readonly (string | null | undefined)[] },
  columns: IdentityColumns,
  seen: ReadonlySet<string>,
): FollowPick {
  const pick: FollowPick = { rows: [], prints: [], customers: [] };
  const taken = new Set<string>();
  table.rows.forEach((cells, i) => {
    const print = rowPrint(cells, table.rowLinks[i]);
    if (seen.has(print) || taken.has(print)) return;
    taken.add(print);
    pick.rows.push(i);
    pick.prints.push(print);
    const keys = rowKeysOf(cells, columns, table.rowLinks[i]);
    if (keys) pick.customers.push(fingerprint(keysId(keys)));
  });
  return pick;
}

/** What the tab followed so far: the rows' prints (skipped when seen again) and the customers (counted). */
export interface FollowTally {
  prints: string[];
  customers: string[];
}

/** Prints kept per tab: a few hundred pages of 20; the oldest go first (paged back to, they are sent again and come back unchanged). */
export const MAX_FOLLOW_PRINTS = 5_000;
/** Customers counted per tab: far past a working day's paging. */
export const MAX_FOLLOW_CUSTOMERS = 50_000;

export const EMPTY_TALLY: FollowTally = { prints: [], customers: [] };

const strings = (x: unknown): string[] | null =>
  Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : null;

/** A tally as stored; anything else reads as empty. */
export function readTally(stored: unknown): FollowTally {
  if (typeof stored !== 'object' || stored === null) return EMPTY_TALLY;
  const { prints, customers } = stored as Record<string, unknown>;
  const p = strings(prints);
  const c = strings(customers);
  return p && c ? { prints: p, customers: c } : EMPTY_TALLY;
}

/** The tally with a stored page's prints and customers added, each once, the oldest dropped past the caps. */
export function addToTally(
  tally: FollowTally,
  add: { prints: readonly string[]; customers: readonly string[] },
  caps = { prints: MAX_FOLLOW_PRINTS, customers: MAX_FOLLOW_CUSTOMERS },
): FollowTally {
  const union = (old: readonly string[], more: readonly string[], cap: number) => {
    const set = new Set(old);
    for (const s of more) set.add(s);
    const all = Array.from(set);
    return all.length > cap ? all.slice(all.length - cap) : all;
  };
  return {
    prints: union(tally.prints, add.prints, caps.prints),
    customers: union(tally.customers, add.customers, caps.customers),
  };
}

/** The page as the follower sees it when it looks. */
export interface FollowMoment {
  /** data rows the list shows now */
  rows: number;
  /** a loading mask or busy mark shows: the portal is fetching a page */
  busy: boolean;
  /** the user is typing in the list or in a form over it */
  editing: boolean;
  /** DealerLens's own whole-list capture is turning the pages (it captures them itself) */
  crawling: boolean;
  /** the page's last change, and now (ms) */
  lastChangeAt: number;
  now: number;
}

export type FollowVerdict =
  /** read the list and capture its new rows */
  | { type: 'capture' }
  /** look again after `ms` (or at the next change) */
  | { type: 'wait'; ms: number }
  /** nothing to do until the page changes */
  | { type: 'idle'; why: 'empty' | 'crawling' };

/** How long the page must be quiet before its rows are read: a re-render's last row is in. */
export const FOLLOW_QUIET_MS = 500;

/** Whether to read the list now, later, or not until it changes. */
export function followVerdict(m: FollowMoment, quietMs = FOLLOW_QUIET_MS): FollowVerdict {
  if (m.crawling) return { type: 'idle', why: 'crawling' };
  const still = m.lastChangeAt + quietMs - m.now;
  if (still > 0) return { type: 'wait', ms: still };
  // Loading or mid-edit: look again shortly; neither may end with a change to the page.
  if (m.busy || m.editing) return { type: 'wait', ms: quietMs };
  if (m.rows === 0) return { type: 'idle', why: 'empty' };
  return { type: 'capture' };
}
