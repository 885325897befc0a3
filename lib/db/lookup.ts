// Customers found by the identity keys of rows on a page (the portal overlay,
// docs/architecture.md#the-lib-folders "lib/overlay"): by the customers'
// indexes, three requests whatever the rows, in the order a capture matches
// (docs/capture.md#identity-and-de-duplication): mobile, then VIN, then the
// portal's customer id.
import type { DealerLensDB, StoredCustomer } from './types';
import { identityPhone, type IdentityKeys } from './identity';

/** Per row, the stored customer holding one of its keys, or undefined (also for a row without keys). */
export async function customersByKeys(
  db: DealerLensDB,
  rows: readonly (IdentityKeys | null)[],
): Promise<(StoredCustomer | undefined)[]> {
  const wanted = { phone: new Set<string>(), vin: new Set<string>(), portalId: new Set<string>() };
  for (const keys of rows) {
    if (keys?.phone) wanted.phone.add(keys.phone);
    if (keys?.vin) wanted.vin.add(keys.vin);
    if (keys?.portalId) wanted.portalId.add(keys.portalId);
  }
  const byIndex = async (index: 'phone' | 'vin' | 'portalId') =>
    wanted[index].size === 0
      ? []
      : db.customers
          .where(index)
          .anyOf([...wanted[index]])
          .toArray();
  const [phones, vins, ids] = await db.transaction('r', db.customers, () =>
    Promise.all([byIndex('phone'), byIndex('vin'), byIndex('portalId')]),
  );
  // A masked mobile is shown, never an identity: it finds nobody.
  const phone = new Map(phones.filter((c) => identityPhone(c.phone)).map((c) => [c.phone!, c]));
  const vin = new Map(vins.map((c) => [c.vin!, c]));
  const portalId = new Map(ids.map((c) => [c.portalId!, c]));
  return rows.map((keys) => {
    if (!keys) return undefined;
    return (
      (keys.phone !== undefined ? phone.get(keys.phone) : undefined) ??
      (keys.vin !== undefined ? vin.get(keys.vin) : undefined) ??
      (keys.portalId !== undefined ? portalId.get(keys.portalId) : undefined)
    );
  });
}
