// Identity for de-duplication (domain.md, "The customer record"): normalised
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
  const vin = text.normalize('NFKC').replace(/[\s\-_·.]/g, '').toUpperCase();
  return /^[A-Z0-9]{17}$/.test(vin) ? vin : null;
}

/** Query parameters that name the customer on a detail link, compared lower-case. */
const ID_PARAMS = ['id', 'customerid', 'customer_id', 'custid'];

/**
 * The portal's customer id read from a row's detail link, prefixed by the link's
 * origin and path so two portals (or two kinds of record on one portal) never
 * collide: `https://dms.example.com/customer/view?id=1001`, or for an id that is
 * the last numeric path segment, the link without query: `https://dms.example.com/customer/1001`.
 * Hash-routed pages (`/#/customer?id=1001`) are read from the hash. Null when the
 * link names no id.
 */
export function portalIdFromDetailUrl(detailUrl: string | URL): string | null {
  let url: URL;
  try {
    url = typeof detailUrl === 'string' ? new URL(detailUrl) : detailUrl;
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const base = url.origin + url.pathname;
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
    const param = name.toLowerCase();
    if (ID_PARAMS.includes(param) && value.trim() !== '') return { id: value.trim(), param };
  }
  const last = pathname.split('/').filter(Boolean).pop();
  if (last && /^\d+(\.\w+)?$/.test(last)) return { id: last };
  return null;
}

/** All identity keys of a record: normalised mobile, VIN, and portal id (given, or read from the detail link). */
/** `detailUrl` may come parsed already, saving a capture of 10,000 rows as many URL parses. */
export function identityKeysOf(fields: CustomerFields, detailUrl?: string | URL): IdentityKeys {
  const keys: IdentityKeys = {};
  const phone = normalizeMobile(fields.phone);
  if (phone) keys.phone = phone;
  const vin = normalizeVin(fields.vin);
  if (vin) keys.vin = vin;
  const givenPortalId = typeof fields.portalId === 'string' ? fields.portalId.trim() : '';
  const portalId = givenPortalId || (detailUrl ? portalIdFromDetailUrl(detailUrl) : null);
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
