import { applyMapping } from '../mapping';
import type { ColumnMapping } from '../mapping';
import { identityOf } from '../db';
import type { CapturedRecord } from '../customer';
import type { CheckResult, StagedTable } from './types';

/**
 * What a capture would store under a mapping, before anything is written:
 * the records, the values that fail to parse (kept as raw text), and the rows
 * that have no identity and would be refused.
 */
export function checkCapture(table: StagedTable, mapping: ColumnMapping[]): CheckResult & { records: CapturedRecord[] } {
  const { records, failures } = applyMapping(table.headers, table.rows, mapping, table.rowLinks);
  const unidentified: number[] = [];
  const identities = new Set<string>();
  records.forEach((record, row) => {
    const identity = identityOf(record.fields, record.detailUrl);
    if (identity === null) unidentified.push(row);
    else identities.add(identity);
  });
  return { records, failures, unidentified, customers: identities.size };
}
