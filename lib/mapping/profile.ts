// Site profiles: a confirmed mapping saved for one portal page (docs/capture.md#site-profiles:
// "saved as a site profile (origin + path pattern + header signature) and
// applied without asking next time").

import type { FieldName, LetterMeaning } from '../customer';
import { cleanText, type ParseContext } from './parse';
import { suggestForRemaining, type ColumnMapping } from './mapping';

/**
 * A next-page control the user chose with one click where DealerLens found
 * none (or a wrong one): a CSS selector within the list's nearest container
 * that holds it (lib/crawl/taught.ts builds and resolves it).
 */
export interface TaughtControl {
  selector: string;
  /** what the control said when chosen (its text, aria-label or title); '' for a bare icon */
  label: string;
}

export interface SiteProfile {
  id: string;
  name: string;
  origin: string;
  pathPattern: string;
  headerSignature: string;
  mapping: { header: string; field: FieldName | null }[];
  /** What the portal's grade letters mean, as the user said in the preview (letters.ts); absent in older profiles. */
  letters?: Record<string, LetterMeaning>;
  /** The list's next-page control as the user taught it (absent: found by detection). */
  nextControl?: TaughtControl;
  createdAt: string;
  updatedAt: string;
}

const SIGNATURE_NOISE = /[\s\p{P}\p{S}]/gu;

/** A header as the signature sees it: half-width, lower case, no whitespace or punctuation. */
function signatureKey(header: string): string {
  return cleanText(header).toLowerCase().replace(SIGNATURE_NOISE, '');
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). */
function cyrb53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

/**
 * Identifies a table's columns regardless of their order, spacing, case or
 * punctuation (portals reorder columns per user). Blank headers (checkbox
 * columns) are left out. Format: 'h<count>-<hash>'.
 */
export function headerSignature(headers: string[]): string {
  const keys = headers.map(signatureKey).filter((k) => k !== '');
  keys.sort();
  return `h${keys.length}-${cyrb53(keys.join('\u0001'))}`;
}

const VOLATILE_SEGMENT = /^(?:\d+|[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[0-9a-f]{24,})$/i;

function patternOfPath(path: string): string {
  // Java portals append ;jsessionid=... to the path.
  const withoutParams = path.replace(/;[^/]*/g, '');
  const segments = withoutParams.split('/').map((seg) => (VOLATILE_SEGMENT.test(seg) ? '*' : seg));
  let out = segments.join('/').replace(/\/{2,}/g, '/');
  if (out.length > 1 && out.endsWith('/')) out = out.slice(0, -1);
  return out.startsWith('/') ? out : '/' + out;
}

/**
 * The part of a page URL that names the list, not this visit of it: the path
 * without query or fragment, numeric and uuid segments as '*'. Single-page
 * portals that route by fragment (#/crm/customer) keep the route.
 */
export function pathPatternFor(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '/';
  }
  const path = patternOfPath(decodeSafe(u.pathname));
  const route = /^#!?(\/[^?]*)/.exec(u.hash);
  return route ? `${path}#${patternOfPath(decodeSafe(route[1]!))}` : path;
}

function decodeSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

const newestFirst = (a: SiteProfile, b: SiteProfile): number =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

/**
 * The profile for this page: same origin, path pattern and header signature;
 * else the same origin and signature (the list moved or is reached by another
 * menu path). The most recently updated wins a tie.
 */
export function matchProfile(profiles: SiteProfile[], url: string, headers: string[]): SiteProfile | undefined {
  const origin = originOf(url);
  if (origin === undefined) return undefined;
  const signature = headerSignature(headers);
  const sameTable = profiles.filter((p) => p.origin === origin && p.headerSignature === signature).sort(newestFirst);
  const pattern = pathPatternFor(url);
  return sameTable.find((p) => p.pathPattern === pattern) ?? sameTable[0];
}

/**
 * The mapping a profile gives these columns (via 'profile', confidence 1),
 * matched by header, the n-th column of a repeated header to the n-th entry
 * of that header. Columns the profile does not know fall back to
 * suggestMapping, without taking a field the profile already gives.
 */
export function mappingFromProfile(
  profile: SiteProfile,
  headers: string[],
  rows: string[][],
  ctx?: ParseContext,
): ColumnMapping[] {
  const entries = new Map<string, (FieldName | null)[]>();
  for (const e of profile.mapping) {
    const key = signatureKey(e.header);
    const list = entries.get(key);
    if (list) list.push(e.field);
    else entries.set(key, [e.field]);
  }
  const fixed = new Map<number, ColumnMapping>();
  const used = new Set<FieldName>();
  headers.forEach((header, index) => {
    const list = entries.get(signatureKey(header));
    if (!list || list.length === 0) return;
    let field: FieldName | null = list.shift() ?? null;
    if (field && used.has(field)) field = null;
    if (field) used.add(field);
    fixed.set(index, { index, header, field, via: 'profile', confidence: 1 });
  });
  return suggestForRemaining(headers, rows, fixed, ctx);
}

/**
 * A new profile from a confirmed mapping, for the page it was confirmed on.
 * The caller supplies the id and the clock (lib/ reads no global clock).
 */
export function profileFromMapping(args: {
  id: string;
  name: string;
  url: string;
  headers: string[];
  mapping: ColumnMapping[];
  letters?: Record<string, LetterMeaning>;
  now: Date;
}): SiteProfile {
  const at = args.now.toISOString();
  const fieldOf = new Map(args.mapping.map((m) => [m.index, m.field]));
  return {
    id: args.id,
    name: args.name,
    origin: originOf(args.url) ?? '',
    pathPattern: pathPatternFor(args.url),
    headerSignature: headerSignature(args.headers),
    mapping: args.headers.map((header, index) => ({ header, field: fieldOf.get(index) ?? null })),
    ...(args.letters && Object.keys(args.letters).length > 0 && { letters: { ...args.letters } }),
    createdAt: at,
    updatedAt: at,
  };
}

/** The profile with its taught next-page control set, or forgotten (`null`). */
export function withNextControl(profile: SiteProfile, control: TaughtControl | null, now: Date): SiteProfile {
  const { nextControl: _old, ...rest } = profile;
  return {
    ...rest,
    ...(control && { nextControl: { selector: control.selector, label: control.label } }),
    updatedAt: now.toISOString(),
  };
}
