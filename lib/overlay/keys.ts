// A portal row's identity keys, read the way a capture reads them
// (docs/capture.md#identity-and-de-duplication): the mobile, the VIN, the
// customer number, else the id in the row's detail link.
import type { FieldName } from '../customer';
import { identityKeysOf, type IdentityKeys } from '../db/identity';
import type { IdentityColumns } from './types';

/** The identity columns of a mapping (the site profile's, by header position). */
export function identityColumns(mapping: readonly { field: FieldName | null }[]): IdentityColumns {
  const columns: IdentityColumns = { phone: [], vin: [], portalId: [] };
  mapping.forEach((m, index) => {
    if (m.field === 'phone' || m.field === 'vin' || m.field === 'portalId') columns[m.field].push(index);
  });
  return columns;
}

const firstText = (cells: readonly string[], indexes: readonly number[]): string | undefined => {
  for (const i of indexes) {
    const text = cells[i]?.trim();
    if (text) return text;
  }
  return undefined;
};

/**
 * The keys of one row: each identity column's text normalised as a capture
 * normalises it, and the detail link's id when no column gives one. Null when
 * the row holds no key (a masked mobile alone is none).
 */
export function rowKeysOf(
  cells: readonly string[],
  columns: IdentityColumns,
  detailUrl?: string | URL | null,
): IdentityKeys | null {
  const fields: Record<string, string> = {};
  const phone = firstText(cells, columns.phone);
  if (phone) fields.phone = phone;
  const vin = firstText(cells, columns.vin);
  if (vin) fields.vin = vin;
  const portalId = firstText(cells, columns.portalId);
  if (portalId) fields.portalId = portalId;
  const keys = identityKeysOf(fields, detailUrl ?? undefined);
  return keys.phone || keys.vin || keys.portalId ? keys : null;
}

/** One string per key set, for caching lookups across re-renders of the same rows. */
export function keysId(keys: IdentityKeys): string {
  return `${keys.phone ?? ''}|${keys.vin ?? ''}|${keys.portalId ?? ''}`;
}
