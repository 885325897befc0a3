// Identity for de-duplication (docs/capture.md#identity-and-de-duplication): normalised
// mobile, else VIN, else the portal's own customer id; a name alone never
// merges two records.
import type { CustomerFields } from '../customer';

/** Every identity key a record carries; a stored customer matches on ANY of them. */
export interface IdentityKeys {
  phone?: string;
  vin?: string;
  portalId?: string;
}

/** A mainland mobile as 11 digits, whatever spaces, dashes or +86 / 0086 prefix it came with; else null. */
export function normalizeMobile(text: unknown): string | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  // NFKC turns full-width digits (１３８…) into ASCII ones before the rest is stripped.
  let digits = String(text).normalize('NFKC').replace(/\D/g, '');
  if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * A VIN as 17 upper-case characters without spaces or dashes; else null. Lenient
 * on I/O/Q (excluded by ISO 3779) because portals hold typed-in VINs as they were typed.
 */
export function normalizeVin(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const vin = text
    .normalize('NFKC')
    .replace(/[\s\-_·.]/g, '')
    .toUpperCase();
  return /^[A-Z0-9]{17}$/.test(vin) ? vin : null;
}

/** Query parameters that name the customer on a detail link, compared lower-case without '_' and '-'. */
const ID_PARAMS = new Set([
  'id',
  'customerid',
  'custid',
  'cid',
  'khid',
  'khbh',
  'khbm',
  'customerno',
  'custno',
  'customercode',
  'custcode',
  'clientid',
  'clientno',
  'memberid',
  'leadid',
  'clueid',
  'xsid',
  'archiveid',
  'dabh',
  'recordid',
  'ownerid',
  'vipid',
]);
const paramKey = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/**
 * The portal's customer id read from a row's detail link: its path and the id
 * parameter, without scheme, host or port, which change when a portal moves
 * (a new IP, https): `/crm/customer_view.do?custid=1`. The path stays so two
 * kinds of record on one portal never collide. An id that is the last numeric
 * path segment gives the path alone: `/customer/1001`. Hash-routed pages
 * (`/app/#/customer?id=1001`) are read from the hash. Null when the link names no id.
 */
export function portalIdFromDetailUrl(detailUrl: string | URL): string | null {
  let url: URL;
  try {
    url = typeof detailUrl === 'string' ? new URL(detailUrl) : detailUrl;
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const base = url.pathname;
  const fromRoute = idInRoute(url.pathname, url.searchParams);
  if (fromRoute) return fromRoute.param ? `${base}?${fromRoute.param}=${fromRoute.id}` : base;
  if (url.hash.startsWith('#/')) {
    const route = new URL(url.hash.slice(1), url.origin);
    const fromHash = idInRoute(route.pathname, route.searchParams);
    if (fromHash) {
      const hashBase = `${base}#${route.pathname}`;
      return fromHash.param ? `${hashBase}?${fromHash.param}=${fromHash.id}` : hashBase;
    }
  }
  return null;
}

function idInRoute(pathname: string, params: URLSearchParams): { id: string; param?: string } | null {
  for (const [name, value] of params) {
    if (ID_PARAMS.has(paramKey(name)) && value.trim() !== '') return { id: value.trim(), param: name.toLowerCase() };
  }
  const last = pathname.split('/').filter(Boolean).pop();
  if (last && /^\d+(\.\w+)?$/.test(last)) return { id: last };
  return null;
}

const WITH_HOST = /^https?:\/\//i;

/**
 * A portal id in the form it is stored and matched in. Ids read from detail
 * links were once stored whole (`http://10.0.0.5:8080/crm/customer_view.do?custid=1`):
 * such a one is read again as portalIdFromDetailUrl reads a link now, so an old
 * customer is found by the same link on a portal that has moved; a link that
 * names no id keeps its path and query without scheme and host. Any other id
 * is itself, trimmed.
 */
export function normalizePortalId(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const text = id.trim();
  if (!text) return null;
  if (!WITH_HOST.test(text)) return text;
  const stable = portalIdFromDetailUrl(text);
  if (stable) return stable;
  try {
    const url = new URL(text);
    return url.pathname + url.search + url.hash;
  } catch {
    return text;
  }
}

/** A stored phone that identifies: a whole mobile, never one the portal masked (two customers may share 137****3736). */
export function identityPhone(phone: unknown): string | undefined {
  return typeof phone === 'string' && /^1[3-9]\d{9}$/.test(phone) ? phone : undefined;
}

/** All identity keys of a record: normalised mobile, VIN, and portal id (given, or read from the detail link). */
/** `detailUrl` may come parsed already, saving a capture of 10,000 rows as many URL parses. */
export function identityKeysOf(fields: CustomerFields, detailUrl?: string | URL): IdentityKeys {
  const keys: IdentityKeys = {};
  const phone = normalizeMobile(fields.phone);
  if (phone) keys.phone = phone;
  const vin = normalizeVin(fields.vin);
  if (vin) keys.vin = vin;
  const givenPortalId = normalizePortalId(fields.portalId);
  const portalId = givenPortalId ?? (detailUrl ? portalIdFromDetailUrl(detailUrl) : null);
  if (portalId) keys.portalId = portalId;
  return keys;
}

/**
 * The identity a record is known by: 'phone:13812345678', else 'vin:LSV…', else
 * 'pid:<portal id>', else null (the record cannot be stored: a name is not an identity).
 */
export function identityOf(fields: CustomerFields, detailUrl?: string): string | null {
  const keys = identityKeysOf(fields, detailUrl);
  if (keys.phone) return `phone:${keys.phone}`;
  if (keys.vin) return `vin:${keys.vin}`;
  if (keys.portalId) return `pid:${keys.portalId}`;
  return null;
}
