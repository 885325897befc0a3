import { applyMapping } from '../mapping';
import type { ColumnAssumption, ColumnMapping } from '../mapping';
import { identityOf } from '../db';
import type { CapturedRecord } from '../customer';
import type { CheckResult, StagedTable, UserLetters } from './types';

/**
 * What a capture would store under a mapping, before anything is written:
 * the records, the values that fail to parse (kept as raw text), and the rows
 * that have no identity and would be refused.
 */
export function checkCapture(
  table: StagedTable,
  mapping: ColumnMapping[],
  letters?: UserLetters,
): CheckResult & { records: CapturedRecord[]; assumptions: ColumnAssumption[] } {
  const { records, failures, assumptions } = applyMapping(
    table.headers,
    table.rows,
    mapping,
    table.rowLinks,
    { capturedAt: table.capturedAt },
    letters,
  );
  const unidentified: number[] = [];
  const identities = new Set<string>();
  records.forEach((record, row) => {
    const identity = identityOf(record.fields, record.detailUrl);
    if (identity === null) unidentified.push(row);
    else identities.add(identity);
  });
  return { records, failures, assumptions, unidentified, customers: identities.size };
}
