import { suggestMapping } from '../mapping';
import type { FieldName } from '../customer';

/** Fields that identify one customer or vehicle (docs/capture.md#identity-and-de-duplication: identity for de-duplication). */
const IDENTIFYING: ReadonlySet<FieldName> = new Set(['phone', 'vin', 'portalId', 'plate', 'idNumber']);

/**
 * Whether a table reads as a customer list: a column identifies customers
 * (mobiles, VINs, customer numbers…), or names them beside another customer
 * field. A KPI summary, a search form or a notice board does not.
 */
export function looksLikeCustomerList(table: { headers: string[]; rows: string[][] }): boolean {
  if (table.headers.length < 2) return false;
  const fields = suggestMapping(table.headers, table.rows.slice(0, 50)).flatMap((m) => (m.field ? [m.field] : []));
  return fields.some((f) => IDENTIFYING.has(f)) || (fields.includes('name') && fields.length >= 2);
}
